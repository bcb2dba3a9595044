//! What the test binaries share (`tests/ui`, `tests/io`, `tests/harvest`): the window's harness
//! and the ways to find a node and drive a frame (`window`), the real binary (`cli`), the
//! mutated files of the malformed-input tests (`mutate`) and the generated Freeplane map.
//! One place for each, so a change to the window's API or a fixture is one edit.

// Each binary uses only a part of what is here.
#![allow(dead_code)]

pub mod cli;
#[path = "../fixtures/freeplane_gen.rs"]
pub mod freeplane_gen;
pub mod mutate;
pub mod sketch;
pub mod window;

/// The bundled example event, as a path (for the binary) and as a café.
pub const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/world-cafe-cooperation.ron"
);
