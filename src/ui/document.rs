//! The open document as the window holds it: the café, where it lives on disk and its history.

use crate::edit::{Edit, EditError, GestureId, History};
use crate::model::Cafe;
use std::path::PathBuf;

pub struct Document {
    pub cafe: Cafe,
    /// Where it was loaded from or last saved; `None` for a new or example document.
    pub path: Option<PathBuf>,
    history: History,
    /// Bumped on every change, so caches (wrapped text, scene) know when to refresh.
    revision: u64,
}

impl Document {
    pub fn new(cafe: Cafe, path: Option<PathBuf>) -> Document {
        Document {
            cafe,
            path,
            history: History::default(),
            revision: 1,
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Applies an edit as its own undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.apply_in(edit, None)
    }

    /// Applies an edit, merged into the previous undo step if it is part of the same gesture.
    pub fn apply_in(&mut self, edit: Edit, gesture: Option<GestureId>) -> Result<(), EditError> {
        self.history.apply_in(&mut self.cafe, edit, gesture)?;
        self.revision += 1;
        Ok(())
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.cafe)?;
        self.revision += u64::from(done);
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.cafe)?;
        self.revision += u64::from(done);
        Ok(done)
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.history.mark_saved();
    }

    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    /// The file name shown in the title bar.
    pub fn display_name(&self) -> Option<String> {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
    }
}
