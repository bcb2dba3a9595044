//! The real window driven like a user would (egui_kittest): nodes found by the text the user
//! reads, clicked, dragged, typed into; assertions on what the user would see in the document.
//! One binary, a module per area, so the egui stack is linked once.

#[path = "../common/mod.rs"]
mod common;

mod canvas;
mod drafts;
mod editing;
mod files;
mod find;
mod fold;
mod harvest;
mod live;
mod live_undo;
mod merge;
mod outline;
mod polish;
mod present;
mod threads;
mod tidy;
mod trust;
mod votes;
