//! The window's side of common threads: the review beside the map, the synthesis table built as
//! one undo step, the synonyms kept in the file, the coverage matrix, and going from a
//! reference to the idea it stands for.

use super::*;
use crate::harvest::threads::synthesis_edit;
use crate::ui::matrix::{self, MatrixIntent, MatrixView};
use crate::ui::threads::{self, ThreadsIntent, ThreadsReview};

impl CafeApp {
    /// The "Find common threads" command: proposes the threads and opens the review.
    pub(super) fn start_threads(&mut self) {
        let question = self.i18n.tr("threads-default-question");
        let review = ThreadsReview::new(self.editor.doc.cafe(), question);
        if review.threads.is_empty() {
            self.inform(self.i18n.tr("threads-nothing"));
        }
        self.views.threads = Some(review);
    }

    /// The review panel while open; acts on what the user decided.
    pub(super) fn threads_panel(&mut self, ui: &mut egui::Ui) {
        let Some(review) = self.views.threads.as_mut() else {
            return;
        };
        // Ideas deleted while the review is open leave it; the rest of it stays as decided.
        review.prune(self.editor.doc.cafe());
        let panel = egui::Panel::right("threads-review");
        let intent = super::frame::side_panel(ui, panel, 440.0, |ui| {
            threads::show(ui, review, self.editor.doc.cafe(), &self.i18n)
        });
        if let Some(intent) = intent {
            self.push(Intent::Threads(intent));
        }
    }

    /// What the review asked for.
    pub(super) fn on_threads(&mut self, intent: ThreadsIntent) {
        match intent {
            ThreadsIntent::Build => self.build_synthesis(),
            ThreadsIntent::Close => self.views.threads = None,
            ThreadsIntent::SaveSynonyms(groups) => {
                if groups != self.editor.doc.cafe().synonyms {
                    self.apply(Edit::SetSynonyms { groups }, None);
                }
                if let Some(review) = self.views.threads.as_mut() {
                    review.refresh(self.editor.doc.cafe());
                }
            }
            ThreadsIntent::Jump(id) => self.jump_to(id),
        }
    }

    /// Adds the synthesis table (one undo step) and shows it.
    fn build_synthesis(&mut self) {
        self.commit_typing();
        let Some(review) = self.views.threads.as_ref() else {
            return;
        };
        let accepted = review.accepted();
        let question = match review.question.trim() {
            "" => self.i18n.tr("threads-default-question"),
            q => q.to_owned(),
        };
        let Some(edit) = synthesis_edit(self.editor.doc.cafe(), &question, &accepted) else {
            return;
        };
        let index = self.editor.doc.cafe().tables.len();
        if self.apply(edit, None) {
            self.views.threads = None;
            self.switch_table(index);
            self.push(Command::ZoomFit);
            self.inform(
                self.i18n
                    .tr_args("threads-built", &[("count", accepted.len().into())]),
            );
        }
    }

    /// Shows a node on its table, selected and in view.
    pub(super) fn jump_to(&mut self, id: NodeId) {
        let Some(ti) = self.editor.doc.cafe().table_of(id) else {
            return;
        };
        self.switch_table(ti);
        let shown = BTreeSet::from([id]);
        self.editor.selection = shown.clone();
        if let Some((tq, bounds)) = self.bounds_of(&shown) {
            self.views
                .canvas
                .reveal(tq, bounds.expand(24.0), self.window.now);
        }
    }

    /// The idea a reference stands for, if `id` is a reference and its original still exists.
    pub(super) fn original_of(&self, id: NodeId) -> Option<NodeId> {
        let original = self.editor.doc.cafe().node(id)?.refers_to?;
        self.editor.doc.cafe().node(original).map(|_| original)
    }

    /// Goes from a reference to its original; false when `id` is no reference (or its original
    /// is gone), which the caller then treats as a plain note.
    pub(super) fn go_to_original(&mut self, id: NodeId) -> bool {
        match self.original_of(id) {
            Some(original) => {
                self.jump_to(original);
                true
            }
            None => false,
        }
    }

    /// The "Go to original" command on the selected reference.
    pub(super) fn go_to_selected_original(&mut self) {
        let gone = self
            .single_selection()
            .is_none_or(|id| !self.go_to_original(id));
        if gone {
            self.inform(self.i18n.tr("threads-not-a-reference"));
        }
    }

    /// Opens or closes the coverage matrix.
    pub(super) fn toggle_matrix(&mut self) {
        self.views.matrix = match self.views.matrix {
            Some(_) => None,
            None => Some(MatrixView::new(self.editor.doc.cafe())),
        };
    }

    /// The coverage matrix window while open.
    pub(super) fn matrix_window(&mut self, ctx: &egui::Context) {
        let Some(view) = self.views.matrix.as_mut() else {
            return;
        };
        let revision = self.editor.doc.revision();
        if let Some(intent) = matrix::show(ctx, view, self.editor.doc.cafe(), revision, &self.i18n)
        {
            self.push(Intent::Matrix(intent));
        }
    }

    /// What the coverage matrix asked for.
    pub(super) fn on_matrix(&mut self, ctx: &egui::Context, intent: MatrixIntent) {
        match intent {
            MatrixIntent::Jump(id) => self.jump_to(id),
            MatrixIntent::ExportCsv => self.ask_path(FileAction::MatrixCsv, ctx),
            MatrixIntent::Close => self.views.matrix = None,
        }
    }

    /// Writes the coverage matrix, as the window shows it, to `path` (off the UI thread).
    pub(super) fn export_matrix(&mut self, path: PathBuf, ctx: &egui::Context) {
        let rows = self
            .views
            .matrix
            .as_ref()
            .map_or(crate::harvest::threads::coverage::Rows::Threads, |m| m.rows);
        let m = crate::harvest::threads::coverage::coverage(self.editor.doc.cafe(), rows);
        // Partners read the table: its headers are in the café's language.
        let words = crate::i18n::I18n::new(self.editor.doc.cafe().language());
        let bytes = matrix::csv(self.editor.doc.cafe(), &m, rows, &words).into_bytes();
        self.inform(
            self.i18n
                .tr_args("exporting", &[("path", path.display().to_string().into())]),
        );
        let target = path.clone();
        let job = WriteJob::spawn("matrix", path, ctx, move || {
            crate::io::atomic::write_atomic(&target, &bytes, crate::io::atomic::Backup::None)
        });
        self.sharing.exports.push(job);
    }
}
