//! The document: a café (one file = one event) → its tables → each table's map of nodes.
//!
//! Nothing here knows about egui, files or undo: the `edit` layer is the only writer.

mod cafe;
mod color;
mod node;
mod table;

pub use cafe::{Cafe, CafeInfo, DotKind, MAX_NODE_ID};
pub use color::{BadColor, NoteColor, Paper, Rgb};
pub use node::{ACTION_TAG, EdgeKind, MAX_DOT_KINDS, Node, NodeId, NodeKind, Origin, Votes};
pub use table::{ModelError, Removed, Table, climbs_to, count_lookups, structure_lookups};
