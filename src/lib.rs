//! CaféMap: a mind-map editor for the restitution of a World Café.
//!
//! Layers, from the bottom up (each only uses the ones before it): `geom`, `model`, `text`,
//! `layout`, `edit` (the one pipe for changes, and the document operations built on it, which
//! need layout to place notes), `harvest` (what a café harvest computes, e.g. Tidy), `render`,
//! `sync` (the history that travels in the file: Loro), `io`, then `ui` — the only one that knows egui.
//! ARCHITECTURE.md describes each layer.

pub mod cli;
pub mod edit;
pub mod geom;
pub mod harvest;
pub mod i18n;
pub mod io;
pub mod layout;
pub mod live;
pub mod model;
pub mod render;
pub mod sync;
pub mod text;
pub mod ui;
