//! The window's side of File ▸ Merge a copy…: the review beside the map, and "Apply" as one
//! edit through the document (one undo step). The panel itself is `crate::ui::merge`.

use super::*;
use crate::ui::merge::{self, MergeIntent, MergeReview};

impl CafeApp {
    /// Reads a partner's copy and opens its review.
    pub(super) fn open_merge(&mut self, path: PathBuf) {
        self.commit_typing();
        match MergeReview::open(self.doc.cafe(), path) {
            Ok(review) => self.merge = Some(review),
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// The review panel while a merge is open; applies or drops it as the user says.
    pub(super) fn merge_panel(&mut self, ui: &mut egui::Ui) {
        let Some(review) = self.merge.as_mut() else {
            return;
        };
        let mut intent = None;
        egui::Panel::right("merge-review")
            .resizable(true)
            .default_size(460.0)
            .show(ui, |ui| {
                intent = merge::show(ui, review, self.doc.cafe(), &self.i18n);
            });
        match intent {
            Some(MergeIntent::Apply) => {
                self.commit_typing();
                let Some(m) = self.merge.take() else { return };
                let (edit, skipped) = m.review.edit_for(self.doc.cafe());
                let applied = match edit {
                    Some(edit) => self.apply(edit, None),
                    None => true,
                };
                if applied {
                    if let Some(history) = m.review.into_history() {
                        self.doc.set_history(history);
                    }
                    let mut line = self.i18n.tr("merge-applied");
                    if !skipped.is_empty() {
                        line = format!("{line} {}", skipped.join("; "));
                    }
                    self.inform(line);
                }
            }
            Some(MergeIntent::Cancel) => self.merge = None,
            None => {}
        }
    }
}
