//! The list values of our interchange attributes (`src/io/import/marks.rs`): votes by dot kind
//! (`priorité:3;faisable:1`), dot kinds with colours, tags and synonyms, with `\;`, `\:`, `\,`
//! and `\\` escapes inside names. The bytes are read as each value; then names built from them
//! are written and read back.
//!
//! Checks: never a panic; reading what was written gives back what was read (tags, synonyms);
//! dot kinds named after any text keep their names, and votes written with those kinds read
//! back to the same counts without adding a kind.
#![no_main]

use cafemap::io::import::marks::{
    dot_kinds_value, read_dot_kinds, read_synonyms, read_tags, read_votes, synonyms_value,
    tags_value, votes_value,
};
use cafemap::model::{DotKind, MAX_DOT_KINDS, Rgb, Votes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Any text as each value: never a panic.
    let mut kinds = Vec::new();
    let _ = read_votes(text, &mut kinds);
    assert!(kinds.len() <= MAX_DOT_KINDS);
    let _ = read_dot_kinds(text, &mut kinds);
    assert!(kinds.len() <= MAX_DOT_KINDS);

    // What was read, written and read again, is the same.
    let tags = read_tags(text);
    assert_eq!(read_tags(&tags_value(&tags)), tags, "tags");
    let synonyms = read_synonyms(text);
    assert_eq!(
        read_synonyms(&synonyms_value(&synonyms)),
        synonyms,
        "synonyms"
    );

    // Dot kinds named by the lines of the input (as a facilitator may name them).
    let mut named: Vec<DotKind> = Vec::new();
    for line in text.lines() {
        let name = line.trim();
        // A bare number names the kind of that number (how unnamed kinds are written).
        if name.is_empty() || name.parse::<usize>().is_ok() || named.iter().any(|k| k.name == name)
        {
            continue;
        }
        if named.len() == MAX_DOT_KINDS {
            break;
        }
        let i = named.len() as u8;
        named.push(DotKind {
            name: name.to_owned(),
            color: Rgb(i, 2 * i, 3 * i),
        });
    }
    let mut back = Vec::new();
    assert!(
        read_dot_kinds(&dot_kinds_value(&named), &mut back).is_some(),
        "dot kinds read back"
    );
    assert_eq!(back, named, "dot kinds");
    let counts: Vec<u32> = data
        .iter()
        .take(named.len())
        .map(|&b| u32::from(b))
        .collect();
    let votes = Votes::from_counts(&counts);
    let mut kinds = named.clone();
    let written = votes_value(&votes, &kinds);
    assert_eq!(
        read_votes(&written, &mut kinds),
        Some(votes),
        "votes: {written}"
    );
    assert_eq!(kinds, named, "reading votes added a kind");
});
