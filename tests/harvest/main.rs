//! What CaféMap computes from a café: Tidy's first draft from raw text, the common threads
//! (library and command line) and the arrangement of tables. One binary, a module per area.

#[path = "../common/mod.rs"]
mod common;

mod layout;
mod threads;
mod threads_cli;
mod tidy;
mod tidy_placement;
