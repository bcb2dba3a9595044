//! What the test binaries share (`tests/ui`, `tests/io`, `tests/harvest`): the window's harness
//! and the ways to find a node and drive a frame (`window`), the real binary (`cli`), a live
//! session on a relay with the live tests' bound and headless participant (`live`), the mutated
//! files of the malformed-input tests (`mutate`) and the generated Freeplane map.
//! One place for each, so a change to the window's API or a fixture is one edit.

// Each binary uses only a part of what is here.
#![allow(dead_code)]

pub mod cli;
#[path = "../fixtures/freeplane_gen.rs"]
pub mod freeplane_gen;
pub mod live;
pub mod mutate;
pub mod sketch;
pub mod window;

/// The bundled example event, as a path (for the binary) and as a café.
pub const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/world-cafe-cooperation.ron"
);

/// The map copies in a recovery folder (what a crash leaves for the next start).
pub fn recovery_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    files
}
