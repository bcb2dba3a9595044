//! Pasting text into a small café, under the question, under a theme and into the unsorted
//! tray: never a panic, and the café stays valid.
#![no_main]

use cafemap::edit::{self, ops};
use cafemap::model::{Cafe, CafeInfo, NodeKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut cafe = Cafe::new(CafeInfo::default());
    let table = cafe.new_table("Question ?");
    let question = table.question();
    cafe.tables.push(table);
    let Some((add, theme)) = ops::add_child(&cafe, 0, Some(question)) else {
        return;
    };
    assert!(edit::apply(&mut cafe, add).is_ok());
    for parent in [Some(question), Some(theme), None] {
        if let Some((paste, _top)) = ops::paste_text(&cafe, 0, parent, text) {
            assert!(edit::apply(&mut cafe, paste).is_ok(), "a paste applies");
        }
    }
    assert!(cafe.validate().is_ok());
    let table = &cafe.tables[0];
    assert_eq!(
        table.node(question).map(|n| n.kind),
        Some(NodeKind::Question)
    );
    let _ = cafemap::render::table_scene(&cafe, table, &cafemap::render::SceneOptions::PICTURE);
});
