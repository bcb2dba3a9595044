//! The window's side of File ▸ Merge a copy…: the review beside the map, and "Apply" as one
//! edit through the document (one undo step). The panel itself is `crate::ui::merge`.

use super::*;
use crate::ui::merge::{self, MergeIntent, MergeReview};

impl CafeApp {
    /// Reads a partner's copy and opens its review.
    pub(super) fn open_merge(&mut self, path: PathBuf) {
        self.commit_typing();
        match MergeReview::open(self.editor.doc.cafe(), path) {
            Ok(review) => self.views.merge = Some(review),
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// The review panel while a merge is open; what it asks for goes into the queue.
    pub(super) fn merge_panel(&mut self, ui: &mut egui::Ui) {
        let Some(review) = self.views.merge.as_mut() else {
            return;
        };
        let mut intent = None;
        egui::Panel::right("merge-review")
            .resizable(true)
            .default_size(460.0)
            .show(ui, |ui| {
                intent = merge::show(ui, review, self.editor.doc.cafe(), &self.i18n);
            });
        if let Some(intent) = intent {
            self.push(Intent::Merge(intent));
        }
    }

    /// Applies the ticked items as one undo step (the histories joined), or drops the review.
    pub(super) fn on_merge(&mut self, intent: MergeIntent) {
        match intent {
            MergeIntent::Apply => {
                self.commit_typing();
                let Some(m) = self.views.merge.take() else {
                    return;
                };
                let (edit, skipped) = m.review.edit_for(self.editor.doc.cafe());
                let applied = match edit {
                    Some(edit) => self.apply(edit, None),
                    None => true,
                };
                if applied {
                    if let Some(history) = m.review.into_history() {
                        self.editor.doc.set_history(history);
                    }
                    let mut line = self.i18n.tr("merge-applied");
                    if !skipped.is_empty() {
                        line = format!("{line} {}", skipped.join("; "));
                    }
                    self.inform(line);
                }
            }
            MergeIntent::Cancel => self.views.merge = None,
        }
    }
}
