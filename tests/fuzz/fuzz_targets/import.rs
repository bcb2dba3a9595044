//! Every importer: the first byte picks the format (by file name, as the window and the CLI
//! pick it), the rest is the file. Any bytes give a valid café or a one-line error.
#![no_main]

use cafemap::io::FileError;
use cafemap::io::import::{self, Imported};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let result: Result<Imported, FileError> = match selector % 8 {
        0 => import::import_bytes(Path::new("café.md"), bytes),
        1 => import::import_bytes(Path::new("café.opml"), bytes),
        2 => import::import_bytes(Path::new("café.mm"), bytes),
        3 => import::import_bytes(Path::new("café.canvas"), bytes),
        // Sniffed from the content, as for .txt files and drops of unknown files.
        4 => import::import_bytes(Path::new("café.txt"), bytes),
        // The text readers directly, whatever the sniffer would say.
        5 => text(bytes).and_then(import::text::parse),
        6 => text(bytes).and_then(|t| import::notes::parse_named(t, Some("Table"))),
        _ => text(bytes).and_then(import::markdown::parse),
    };
    match result {
        Ok(imported) => {
            assert!(
                imported.cafe.validate().is_ok(),
                "an imported café is valid"
            );
            for table in &imported.cafe.tables {
                let _ = cafemap::render::table_scene(
                    &imported.cafe,
                    table,
                    &cafemap::render::SceneOptions::PICTURE,
                );
            }
        }
        Err(e) => assert!(!e.to_string().contains('\n'), "one-line error: {e}"),
    }
});

fn text(bytes: &[u8]) -> Result<&str, FileError> {
    std::str::from_utf8(bytes).map_err(|_| FileError::new("not UTF-8"))
}
