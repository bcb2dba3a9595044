//! The window's side of Tidy: when the review is offered, and applying it as one undo step.

use super::*;
use crate::ui::tidy::{self, TidyIntent, TidyReview};

impl CafeApp {
    /// The "Tidy" command: review the selected notes, or the unsorted tray.
    pub(super) fn start_tidy(&mut self) {
        let review = TidyReview::of_notes(
            self.editor.doc.cafe(),
            self.editor.current,
            &self.editor.selection,
        );
        if review.is_none() {
            self.inform(self.i18n.tr("tidy-nothing"));
        }
        self.open_review(review);
    }

    /// Shows a review (or none), remembering which state of the document it was made for.
    fn open_review(&mut self, review: Option<TidyReview>) {
        self.views.tidy = review.map(|r| (self.document_state(), r));
    }

    /// Changes whenever the document does (the revision), or is replaced (the id counter).
    fn document_state(&self) -> (u64, u64) {
        (self.editor.doc.revision(), self.editor.doc.cafe().next_id())
    }

    /// After a file was imported: plain text (all of it unsorted notes of one table) is offered
    /// to tidy, reading the file's own lines; an outline whose paragraphs became loose notes
    /// (Markdown text under a question) has the first such table's notes offered, shown.
    pub(super) fn offer_tidy_after_import(&mut self, path: &Path) {
        let Some(table) = self.editor.doc.cafe().tables.first() else {
            return;
        };
        let notes = crate::harvest::tidy::tray_notes(table);
        if self.editor.doc.cafe().tables.len() != 1 || table.len() != notes.len() + 1 {
            let loose = self
                .editor
                .doc
                .cafe()
                .tables
                .iter()
                .position(|t| crate::harvest::tidy::tray_notes(t).len() >= 2);
            if let Some(index) = loose {
                let review = TidyReview::of_notes(self.editor.doc.cafe(), index, &BTreeSet::new());
                if review.is_some() {
                    self.switch_table(index);
                    self.open_review(review);
                }
            }
            return;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        self.open_review(TidyReview::of_text(self.editor.doc.cafe(), 0, &text, notes));
    }

    /// After text was pasted as the loose notes `notes`, offers to tidy them.
    pub(super) fn offer_tidy_after_paste(&mut self, text: &str, notes: &[NodeId]) {
        let Some(table) = self.editor.doc.cafe().tables.get(self.editor.current) else {
            return;
        };
        let loose = notes
            .iter()
            .all(|&id| table.is_unsorted(id) && table.children(id).is_empty());
        if loose {
            self.open_review(TidyReview::of_text(
                self.editor.doc.cafe(),
                self.editor.current,
                text,
                notes.to_vec(),
            ));
        }
    }

    /// The review panel while a review is open; applies or drops it as the user says.
    pub(super) fn tidy_panel(&mut self, ui: &mut egui::Ui) {
        // A review is made for one state of the document: after any other change it is stale.
        if self
            .views
            .tidy
            .as_ref()
            .is_some_and(|(state, _)| *state != self.document_state())
        {
            self.views.tidy = None;
        }
        let Some((_, review)) = self.views.tidy.as_mut() else {
            return;
        };
        let panel = egui::Panel::right("tidy-review");
        if let Some(intent) =
            super::frame::side_panel(ui, panel, 420.0, |ui| tidy::show(ui, review, &self.i18n))
        {
            self.push(Intent::Tidy(intent));
        }
    }

    /// What the review asked for: apply it as one undo step, or drop it.
    pub(super) fn on_tidy(&mut self, intent: TidyIntent) {
        match intent {
            TidyIntent::Apply => {
                self.commit_typing();
                if let Some((_, review)) = self.views.tidy.take() {
                    let edit = crate::harvest::tidy::edit_for(
                        self.editor.doc.cafe(),
                        &review.source,
                        &review.proposal,
                    );
                    if let Some(edit) = edit
                        && self.apply(edit, None)
                    {
                        self.editor.selection.clear();
                        self.push(Command::ZoomFit);
                        self.inform(self.i18n.tr("tidy-applied"));
                    }
                }
            }
            TidyIntent::Cancel => self.views.tidy = None,
        }
    }
}
