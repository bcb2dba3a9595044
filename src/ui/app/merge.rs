//! The window's side of File ▸ Merge a copy…: the review beside the map, and "Apply" as one
//! edit through the document (one undo step). The panel itself is `crate::ui::merge`. Also the
//! other questions about the map's history: a map dropped on ours (open or merge?), Save as…
//! without history, and File ▸ Trim history….

use super::*;
use crate::ui::merge::{self, HistoryAnswer, HistoryAsk, MergeIntent, MergeReview};

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

    /// In a live session, while someone else's change to the note being typed is unresolved:
    /// the draft and their text side by side, as the review shows a conflict, on a card in the
    /// map's corner away from the note (a side panel would squeeze the map and hide notes). The
    /// choice is carried out when the typing ends (Enter, or Apply here).
    pub(super) fn draft_conflict_card(&mut self, ctx: &egui::Context) {
        let (Some(c), Some(d)) = (self.editor.doc.draft_conflict(), self.editor.doc.draft()) else {
            return;
        };
        let (ours, theirs, mut choice) = (d.text.clone(), c.theirs.clone(), c.choice);
        let view = self.views.canvas.view;
        let note = (self.editor.doc.cafe().tables.get(d.table))
            .and_then(|t| Some((self.views.canvas.camera(t.question())?, t.node(d.id)?.pos)))
            .map(|(camera, pos)| camera.to_screen(pos, view));
        // The corner opposite the note: right of the map for a note on its left, and so on.
        let (right, low) = note.map_or((true, true), |p| {
            (p.x < view.center().x, p.y < view.center().y)
        });
        let corner = egui::pos2(
            if right {
                view.right() - 12.0
            } else {
                view.left() + 12.0
            },
            if low {
                view.bottom() - 12.0
            } else {
                view.top() + 12.0
            },
        );
        let align = |far| {
            if far {
                egui::Align::Max
            } else {
                egui::Align::Min
            }
        };
        let mut settle = false;
        egui::Window::new("live-conflict")
            .title_bar(false)
            .resizable(false)
            .collapsible(false)
            .pivot(egui::Align2([align(right), align(low)]))
            .fixed_pos(corner)
            .default_width(380.0)
            .show(ctx, |ui| {
                ui.set_max_width(380.0);
                settle = merge::draft_conflict(ui, &ours, &theirs, &mut choice, &self.i18n);
            });
        // The choice is the card's own state, as the review's ticks are: no document change.
        self.editor.doc.choose_in_conflict(choice);
        if settle {
            self.push(Intent::EndDraft(DraftEnd::Commit));
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

    /// File ▸ Trim history…: asks first (a map without history has nothing to trim).
    pub(super) fn ask_trim(&mut self) {
        self.commit_typing();
        if self.editor.doc.cafe().history.is_live() {
            self.views.history_ask = Some(HistoryAsk::Trim);
        } else {
            self.inform(self.i18n.tr("trim-nothing"));
        }
    }

    /// The answer to a question about the map's history.
    pub(super) fn on_history(&mut self, ctx: &egui::Context, answer: HistoryAnswer) {
        self.views.history_ask = None;
        match answer {
            HistoryAnswer::Open(path) => self.push(Intent::OpenFile { path, more: false }),
            HistoryAnswer::Merge(path) => self.open_merge(path),
            HistoryAnswer::SavePlain(path) => {
                self.save_as(&path, true);
                if let Some(pending) = self.sharing.after_save.take()
                    && !self.editor.is_dirty()
                {
                    self.proceed(pending, ctx);
                }
            }
            HistoryAnswer::Trim => {
                let cafe = self.editor.doc.cafe();
                match cafe.history.trim(cafe) {
                    Ok(()) => {
                        // The file still holds the long history until the map is saved.
                        self.editor.doc.mark_unsaved();
                        self.inform(self.i18n.tr("trim-done"));
                    }
                    Err(e) => self.warn(e),
                }
            }
            HistoryAnswer::Cancel => {
                self.sharing.after_save = None;
            }
        }
    }
}
