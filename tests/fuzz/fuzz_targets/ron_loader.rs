//! The .ron loader: any bytes give a café or a one-line error. What loads is valid, is drawn
//! without a panic (as opening it in the window does) and saves to a file that loads again.
#![no_main]

use cafemap::io::file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match file::from_bytes(data) {
        Ok(cafe) => {
            assert!(cafe.validate().is_ok(), "a loaded café is valid");
            for table in &cafe.tables {
                let _ = cafemap::render::table_scene(
                    &cafe,
                    table,
                    &cafemap::render::SceneOptions::PICTURE,
                );
            }
            let saved = file::to_string(&cafe);
            match file::from_str(&saved) {
                Ok(again) => assert_eq!(file::to_string(&again), saved, "saving is stable"),
                Err(e) => panic!("a saved café does not load again: {e}"),
            }
        }
        Err(e) => assert!(!e.to_string().contains('\n'), "one-line error: {e}"),
    }
});
