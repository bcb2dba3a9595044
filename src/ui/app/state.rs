//! What commands act on: the document with its history and the text being typed, the table
//! shown, the selection, the clipboard and the gestures still open. One place for each, so that
//! every view shows the same selection and every path commits the same draft.

use crate::edit::{GestureId, ops};
use crate::model::NodeId;
use crate::ui::document::Document;
use crate::ui::harvest::dialogs::Dialog;
use std::collections::BTreeSet;

pub struct EditorState {
    /// The café, its history and the note draft (see [`Document`]).
    pub doc: Document,
    /// Index of the table shown.
    pub current: usize,
    /// The selected nodes of the current table: the canvas, the outline, the panels and the
    /// commands all read this one.
    pub selection: BTreeSet<NodeId>,
    /// What was last copied inside CaféMap.
    pub clipboard: Option<ops::Clip>,
    /// The undo step that consecutive nudges with the arrow keys share.
    pub nudge_gesture: Option<GestureId>,
    /// The undo step that typing into one node's speaker notes shares.
    pub note_gesture: Option<(NodeId, GestureId)>,
    /// The undo step repeated dot keys share, like repeated nudges.
    pub vote_gesture: Option<GestureId>,
    /// The dot kind the keys and clicks add.
    pub dot_kind: usize,
    /// The harvest dialog open over the map, with what is typed in it (dot kinds, tags, action,
    /// origin): a draft like the note's, so it is in the automatic copy too.
    pub dialog: Option<Dialog>,
}

impl EditorState {
    pub fn new(doc: Document) -> EditorState {
        EditorState {
            doc,
            current: 0,
            selection: BTreeSet::new(),
            clipboard: None,
            nudge_gesture: None,
            note_gesture: None,
            vote_gesture: None,
            dot_kind: 0,
            dialog: None,
        }
    }
}
