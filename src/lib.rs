//! CaféMap: a mind-map editor for the restitution of a World Café.
//!
//! Layers, from the bottom up (each only uses the ones before it): `geom`, `model`, `edit`,
//! `text`, `layout`, `render`, `io`, then `ui` — the only one that knows egui. See DESIGN.md.

pub mod cli;
pub mod edit;
pub mod geom;
pub mod i18n;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod text;
pub mod ui;
