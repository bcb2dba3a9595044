//! What commands act on: the document with its history and the text being typed, the table
//! shown, the selection, the clipboard and the gestures still open. One place for each, so that
//! every view shows the same selection and every path commits the same draft.

use crate::edit::{GestureId, ops};
use crate::model::Cafe;
use crate::model::NodeId;
use crate::ui::document::Document;
use crate::ui::harvest::dialogs::DialogDraft;
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
    pub dialog: Option<DialogDraft>,
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

    /// Whether there is work a save would keep: edits since the last save, text typed into a
    /// note or into a dialog.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty() || self.dialog_edit().is_some()
    }

    /// What the open dialog's typed text would do, kept (see [`DialogDraft::pending`]).
    pub fn dialog_edit(&self) -> Option<crate::edit::Edit> {
        self.dialog.as_ref()?.pending(self.doc.cafe())
    }

    /// The café as it would be saved now, everything typed included (for the automatic copy).
    pub fn snapshot(&self) -> Cafe {
        let mut cafe = self.doc.snapshot();
        if let Some(edit) = self.dialog_edit() {
            // A dialog's edit no longer fitting the café (its notes gone) is left out.
            let _ = crate::edit::apply(&mut cafe, edit);
        }
        cafe
    }

    /// Changes whenever the text typed (in a note or a dialog) changes, so that the automatic
    /// copy knows it is out of date.
    pub fn drafts_fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let Some(edit) = self.dialog_edit() else {
            return self.doc.draft_fingerprint();
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.doc.draft_fingerprint(), format!("{edit:?}")).hash(&mut h);
        h.finish()
    }
}
