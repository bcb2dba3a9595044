//! No file can crash CaféMap. Every input that ever crashed a fuzz target is kept in
//! `tests/fixtures/crashes/` and goes through every reader here: the .ron loader, the importer its
//! name picks, each text importer, and paste. And valid files of every importable format, with odd
//! characters put in, import or fail with one line.

use cafemap::edit::{self, ops};
use cafemap::io::FileError;
use cafemap::io::file;
use cafemap::io::import::{self, Imported};
use cafemap::model::{Cafe, CafeInfo};
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::mutate;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// A failed read is one line with a reason; a successful one is a valid café.
fn assert_clean(what: &str, result: Result<Cafe, FileError>) {
    match result {
        Ok(cafe) => assert!(cafe.validate().is_ok(), "{what}: an invalid café"),
        Err(e) => {
            let message = e.to_string();
            assert!(
                !message.contains('\n') && !e.reason.is_empty(),
                "{what}: {message:?}"
            );
        }
    }
}

fn cafe_of(result: Result<Imported, FileError>) -> Result<Cafe, FileError> {
    result.map(|imported| imported.cafe)
}

/// Pastes `text` under the question, under a theme and into the tray of a small café.
fn assert_paste_is_clean(what: &str, text: &str) {
    let mut cafe = Cafe::new(CafeInfo::default());
    let table = cafe.new_table("Question ?");
    let question = table.question();
    cafe.tables.push(table);
    let (add, theme) = ops::add_child(&cafe, 0, Some(question)).expect("a theme is added");
    edit::apply(&mut cafe, add).expect("the theme applies");
    for parent in [Some(question), Some(theme), None] {
        if let Some((paste, _)) = ops::paste_text(&cafe, 0, parent, text) {
            assert!(edit::apply(&mut cafe, paste).is_ok(), "{what}: paste");
        }
    }
    assert!(cafe.validate().is_ok(), "{what}: café after paste");
}

#[test]
fn every_input_that_crashed_a_fuzz_target_is_read_cleanly() {
    let dir = Path::new(FIXTURES).join("crashes");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("the crashes folder exists")
        .map(|entry| entry.expect("a readable entry").path())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "the crashes folder holds the regressions"
    );
    for path in files {
        let what = path.display().to_string();
        let bytes = fs::read(&path).expect("a crash file is readable");
        assert_clean(&what, file::from_bytes(&bytes));
        assert_clean(&what, cafe_of(import::import_bytes(&path, &bytes)));
        if let Ok(text) = std::str::from_utf8(&bytes) {
            assert_clean(&what, cafe_of(import::text::parse(text)));
            assert_clean(&what, cafe_of(import::notes::parse(text)));
            assert_clean(&what, cafe_of(import::markdown::parse(text)));
            assert_paste_is_clean(&what, text);
        }
    }
}

/// Every importable fixture, mutated: each import gives a valid café or a one-line error.
#[test]
fn importable_files_with_odd_characters_put_in_import_or_fail_cleanly() {
    const MUTATIONS_PER_FILE: usize = 150;
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed");
    let files = [
        Path::new(FIXTURES).join("freemind-1.0.mm"),
        Path::new(FIXTURES).join("freeplane-1.11.mm"),
        Path::new(FIXTURES).join("obsidian.canvas"),
        Path::new(FIXTURES).join("outliner.opml"),
        Path::new(seed).join("world-cafe-restitution.outline.md"),
        Path::new(seed).join("world-cafe-restitution.txt"),
    ];
    let mut rng = mutate::Rng::new(0x0000_00ca_fe00_0001);
    for path in files {
        let valid = fs::read_to_string(&path).expect("the fixture is UTF-8");
        let spots = mutate::Spots::of(&valid);
        let (mut imported, mut refused) = (0, 0);
        for _ in 0..MUTATIONS_PER_FILE {
            let text = spots.mutate(&valid, &mut rng);
            let result = cafe_of(import::import_bytes(&path, text.as_bytes()));
            if result.is_ok() {
                imported += 1;
            } else {
                refused += 1;
            }
            assert_clean(&format!("{}: {text}", path.display()), result);
        }
        // Odd characters in texts are still texts: many mutated files still import (the others
        // broke the syntax: a number, a quote of JSON or XML).
        assert!(
            imported * 4 > MUTATIONS_PER_FILE,
            "{}: {imported} imported, {refused} refused",
            path.display()
        );
    }
}
