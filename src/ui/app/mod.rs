//! The window: menus, toolbar, table tabs, status bar and the canvas. UI code emits
//! [`Command`]s; they run after the frame's UI pass, through [`Document::apply`].

mod chrome;
mod harvest;
mod merge;
mod run;
mod sharing;
mod threads;
mod tidy;

use super::StartOptions;
use super::canvas::{Canvas, CanvasOutput, DraftEnd};
use super::commands::{Command, Menu};
use super::document::{Document, Draft};
use super::files::{
    Autosave, AutosaveStep, FileAction, FileDialogs, FileEvent, ImportReport, RecentFiles,
    RestoreChoice, WriteJob,
};
use super::find::{FindBar, FindIntent};
use super::harvest::dialogs::Dialog;
use super::harvest::{HarvestPanel, Intent, OriginFilter, Tab};
use super::new_event::{self, NewEventDialog};
use super::outline::{Outline, OutlineIntent};
use super::palette::{self, Palette};
use super::present::{self, Presentation};
use super::report::{self as report_dialog, ReportDialog, ReportIntent};
use super::style;
use crate::edit::ops;
use crate::edit::{Edit, GestureId};
use crate::i18n::{I18n, Lang};
use crate::io::recovery::{Orphan, Recovered, RecoveryStore, Session};
use crate::io::report::ReportOptions;
use crate::model::{Cafe, CafeInfo, NodeId, NoteColor, Paper};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The bundled example event, so `cargo run` opens on something real.
const EXAMPLE: &str = include_str!("../../../examples/world-cafe-cooperation.ron");

/// How far Alt+arrow moves the selection, in canvas units.
const NUDGE_STEP: f32 = 16.0;

/// A line in the status bar.
struct Notice {
    text: String,
    /// Something went wrong: shown in the warning colour.
    problem: bool,
    /// The document as it was when the line was written (see `autosave_key`): a line about it
    /// ("Saved in …") is no longer true, and no longer shown, once it changes.
    document_state: u64,
}

/// Something waiting for the user to decide about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    OpenDialog,
    ImportDialog,
    Open(PathBuf),
    Quit,
}

pub struct CafeApp {
    i18n: I18n,
    doc: Document,
    /// Index of the table shown.
    current: usize,
    pub canvas: Canvas,
    files: FileDialogs,
    palette: Option<Palette>,
    /// File ▸ New's dialog asking for the event's title, date and table questions.
    new_event: Option<NewEventDialog>,
    /// File ▸ Export ▸ Report…, while open.
    report_dialog: Option<ReportDialog>,
    /// Why the file given at start could not be opened (shown instead of the map).
    load_error: Option<String>,
    /// A one-line message in the status bar (an import summary, a refused edit).
    message: Option<Notice>,
    confirm: Option<Pending>,
    /// Set once the user chose to quit despite unsaved changes.
    allow_close: bool,
    title: String,
    /// Commands raised by widgets this frame, run after the UI pass.
    queued: Vec<Command>,
    /// Whether fonts and options were installed in the egui context.
    set_up: bool,
    /// What was last copied inside CaféMap.
    clipboard: Option<ops::Clip>,
    /// The undo step that consecutive nudges with the arrow keys share.
    nudge_gesture: Option<GestureId>,
    /// Files and sharing: see the `impl` block that starts with [`Self::with_recovery`].
    sharing: Sharing,
    /// Presentation mode, when on: it has the whole window.
    present: Option<Presentation>,
    /// Whether the side panel with the presentation order and speaker notes is shown.
    present_panel: bool,
    /// The undo step that typing into one node's speaker notes shares.
    note_gesture: Option<(NodeId, GestureId)>,
    /// The find bar (Ctrl+F, Ctrl+H), while open.
    find: Option<FindBar>,
    /// Whether the window had the focus last frame (losing it commits what is being typed).
    was_focused: bool,
    /// The Tidy review open beside the map, with the document state it was made for.
    tidy: Option<((u64, u64), crate::ui::tidy::TidyReview)>,
    /// The "Find common threads" review open beside the map.
    threads: Option<crate::ui::threads::ThreadsReview>,
    /// The coverage matrix window, while open.
    matrix: Option<crate::ui::matrix::MatrixView>,
    /// The time of the frame being shown (animations start from it).
    now: f64,
    /// The outline beside the map, when shown.
    outline: Option<Outline>,
    /// Space went down with nothing dragged since: its release folds (see `handle_keyboard`).
    space_fold: bool,
    /// The harvest: its side panel, dialogs, filters and dot kind. See `harvest.rs`.
    harvest: HarvestState,
    /// A partner's copy under review beside the map (File ▸ Merge a copy…).
    merge: Option<crate::ui::merge::MergeReview>,
}

/// The window's harvest state: view state only, never in the file.
#[derive(Default)]
struct HarvestState {
    /// The Top ideas / Tags / Actions panel, while shown.
    panel: Option<HarvestPanel>,
    /// The dialog open over the map (dot kinds, tags, action, origin).
    dialog: Option<Dialog>,
    /// Round and table of origin the canvas and Top ideas show at full strength.
    filter: OriginFilter,
    /// The dot kind the keys and clicks add.
    dot_kind: usize,
    /// The undo step repeated dot keys share, like repeated nudges.
    vote_gesture: Option<GestureId>,
    /// How the presentation reveals ideas (fewest dots first, or as arranged).
    reveal: present::RevealOptions,
}

/// The window's state for files and sharing, beside the dialogs themselves.
#[derive(Default)]
struct Sharing {
    /// Maps opened or saved lately (File ▸ Open recent), kept in eframe's storage.
    recent: RecentFiles,
    /// What to do once the Save As asked for by the unsaved-changes dialog has saved.
    after_save: Option<Pending>,
    /// What the last import could not bring in.
    import_report: Option<ImportReport>,
    /// Exports still being written.
    exports: Vec<WriteJob>,
    /// The automatic copy being written, and the revision it holds.
    autosaving: Option<(WriteJob, u64)>,
    /// This window's recovery copy; `None` in tests unless asked for, or if unusable.
    recovery: Option<Session>,
    autosave: Autosave,
    /// Copies left by crashed sessions, offered one at a time, newest first.
    orphans: Vec<Orphan>,
    /// The copy on offer, read back (or why it cannot be).
    offer: Option<(Orphan, Result<Recovered, String>)>,
    /// The options of the report whose path is being asked for.
    report_options: Option<ReportOptions>,
    /// A map picked in File ▸ Open recent, opened after the UI pass.
    open_recent: Option<PathBuf>,
}

impl CafeApp {
    /// The app as `cafemap [FILE]` starts it.
    /// (Fonts and theme are installed in the egui context on the first frame.)
    pub fn new(lang: Lang, options: StartOptions) -> CafeApp {
        let (doc, error) = match &options.file {
            Some(path) => match open_path(path) {
                Ok(doc) => (doc, None),
                Err(e) => (Document::new(example(), None), Some(e)),
            },
            None => (Document::new(example(), None), None),
        };
        let mut app = CafeApp::with_document(lang, doc);
        if let Some(path) = options
            .file
            .as_deref()
            .filter(|p| error.is_none() && is_ron(p))
        {
            app.sharing.recent.push(path);
        }
        if options.present && error.is_none() {
            let shown = crate::render::shown_cafe(app.doc.cafe());
            app.present = Some(Presentation::new(&shown, None));
        }
        if let Some(path) = options
            .file
            .as_deref()
            .filter(|p| error.is_none() && !is_ron(p))
        {
            app.offer_tidy_after_import(path);
        }
        app.load_error = error;
        match RecoveryStore::from_env() {
            Some(store) => app.with_recovery(store),
            None => app,
        }
    }

    /// The app on a given document (tests start here).
    pub fn with_document(lang: Lang, doc: Document) -> CafeApp {
        CafeApp {
            set_up: false,
            nudge_gesture: None,
            sharing: Sharing::default(),
            clipboard: None,
            i18n: I18n::new(lang),
            doc,
            current: 0,
            canvas: Canvas::default(),
            files: FileDialogs::new(),
            palette: None,
            new_event: None,
            report_dialog: None,
            load_error: None,
            message: None,
            confirm: None,
            allow_close: false,
            title: String::new(),
            queued: Vec::new(),
            present: None,
            present_panel: false,
            note_gesture: None,
            was_focused: false,
            find: None,
            tidy: None,
            threads: None,
            matrix: None,
            now: 0.0,
            outline: None,
            space_fold: false,
            harvest: HarvestState::default(),
            merge: None,
        }
    }

    /// Installs the bundled fonts; our own shortcuts replace egui's Ctrl+/- zoom of the whole UI.
    fn setup(&mut self, ctx: &egui::Context) {
        style::install_fonts(ctx);
        // Light chrome around a paper-coloured wall: what people expect of a sticky-note tool.
        ctx.set_theme(egui::Theme::Light);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        self.set_up = true;
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn current_table(&self) -> usize {
        self.current
    }

    pub fn selection(&self) -> &BTreeSet<NodeId> {
        &self.canvas.selection
    }

    /// The status-bar line, while it is still true of the document.
    pub fn message(&self) -> Option<&str> {
        self.notice().map(|m| m.text.as_str())
    }

    fn notice(&self) -> Option<&Notice> {
        let now = self.autosave_key();
        self.message.as_ref().filter(|m| m.document_state == now)
    }

    /// A status-bar line about something that went well.
    fn inform(&mut self, text: String) {
        self.message = Some(Notice {
            text,
            problem: false,
            document_state: self.autosave_key(),
        });
    }

    /// A status-bar line about something that went wrong (shown in the warning colour).
    fn warn(&mut self, text: String) {
        self.message = Some(Notice {
            text,
            problem: true,
            document_state: self.autosave_key(),
        });
    }

    /// The presentation, while presenting.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.present.as_ref()
    }

    /// Applies an edit, reporting a refusal in the status bar. Returns whether it applied.
    /// What is being typed is committed first, unless the edit belongs to the typing's own
    /// gesture (a colour given to the note being typed): whatever path an edit takes, typed
    /// text is never overwritten or lost behind it.
    fn apply(&mut self, edit: Edit, gesture: Option<GestureId>) -> bool {
        if self.doc.draft().is_some_and(|d| gesture != Some(d.gesture)) {
            self.commit_typing();
        }
        // A gesture of its own, so the tray's reflow joins this undo step.
        let gesture = gesture.unwrap_or_else(|| self.canvas.new_gesture());
        self.changing_tray(gesture, |app| app.doc.apply_in(edit, Some(gesture)))
    }

    /// Runs a change of the document, reporting a refusal; when it changed the tray's notes
    /// (on the same table), repacks the tray in the same undo step. Returns whether it applied.
    fn changing_tray(
        &mut self,
        gesture: GestureId,
        change: impl FnOnce(&mut CafeApp) -> Result<(), crate::edit::EditError>,
    ) -> bool {
        let tray = self.tray_state();
        let r = change(self);
        let ok = r.is_ok();
        self.report(r);
        let after = self.tray_state();
        // Same table (its question first), tray changed.
        if ok && after != tray && after.first() == tray.first() {
            self.reflow_tray(gesture);
        }
        self.prune_selection();
        ok
    }

    /// What the tray's packing depends on: its notes, their order and their texts.
    fn tray_state(&self) -> Vec<(NodeId, String)> {
        let Some(t) = self.doc.cafe().tables.get(self.current) else {
            return Vec::new();
        };
        let notes = crate::layout::tray_notes(t).into_iter();
        std::iter::once(t.question())
            .chain(notes.flat_map(|r| t.subtree(r)))
            .filter_map(|id| Some((id, t.node(id)?.text.clone())))
            .collect()
    }

    /// Repacks the tray (no holes, no note over another), animated, as part of `gesture`.
    fn reflow_tray(&mut self, gesture: GestureId) {
        let ti = self.current;
        let Some(t) = self.doc.cafe().tables.get(ti) else {
            return;
        };
        let positions = crate::layout::reflow_tray(t);
        let from = positions
            .iter()
            .filter_map(|(id, _)| Some((*id, t.node(*id)?.pos)))
            .collect();
        let edit = Edit::MoveTo {
            table: ti,
            positions,
        };
        if !edit.is_noop() && self.doc.apply_in(edit, Some(gesture)).is_ok() {
            self.canvas.animate_from(from, self.now);
        }
    }

    fn report<E: std::fmt::Display>(&mut self, r: Result<(), E>) {
        if let Err(e) = r {
            self.warn(
                self.i18n
                    .tr_args("error-edit", &[("reason", e.to_string().into())]),
            );
        }
    }

    /// Keeps the selection to nodes shown on the current table: a node a fold hides gives way
    /// to its folded ancestor.
    fn prune_selection(&mut self) {
        if self.current >= self.doc.cafe().tables.len() {
            self.current = self.doc.cafe().tables.len().saturating_sub(1);
        }
        if let Some(t) = self.doc.cafe().tables.get(self.current) {
            self.canvas.selection.retain(|id| t.contains(*id));
            let hidden = crate::edit::fold::hidden(t);
            if self.canvas.selection.iter().any(|id| hidden.contains(id)) {
                self.canvas.selection = self
                    .canvas
                    .selection
                    .iter()
                    .map(|&id| crate::edit::fold::visible_ancestor(t, &hidden, id))
                    .collect();
            }
        }
    }

    /// Opens the in-place editor on a node of the current table (committing any other first).
    fn begin_editing(&mut self, id: NodeId, text: String, fresh: bool, gesture: GestureId) {
        let r = self.doc.begin_draft(Draft {
            table: self.current,
            id,
            text,
            fresh,
            gesture,
        });
        self.report(r);
        self.prune_selection();
        self.canvas.selection = BTreeSet::from([id]);
        // Typed where the keyboard is: in the outline's row when it has it, else on the map.
        if let Some(o) = self.outline.as_mut() {
            o.editing = o.has_focus.then_some(id);
        }
    }

    /// Commits the text being typed, as one undo step with its gesture. Runs before anything
    /// else happens: any command, table switch, presentation, save, open, import, drop, close,
    /// focus loss, selection change — so no typed word is ever lost.
    fn commit_typing(&mut self) {
        self.end_typing(DraftEnd::Commit);
    }

    /// Ends the in-place editing (keeping or dropping the text); a tray note that grew, shrank
    /// or went away has the tray repacked in the same undo step.
    fn end_typing(&mut self, end: DraftEnd) {
        let Some(gesture) = self.doc.draft().map(|d| d.gesture) else {
            return;
        };
        self.changing_tray(gesture, |app| match end {
            DraftEnd::Commit => app.doc.commit_draft(),
            DraftEnd::Cancel => app.doc.cancel_draft(),
        });
    }

    fn single_selection(&self) -> Option<NodeId> {
        (self.canvas.selection.len() == 1)
            .then(|| self.canvas.selection.first().copied())
            .flatten()
    }

    /// Brings new nodes into view if they landed off screen.
    fn reveal(&mut self, ctx: &egui::Context, ids: &BTreeSet<NodeId>) {
        let Some(t) = self.doc.cafe().tables.get(self.current) else {
            return;
        };
        let tq = t.question();
        let bounds = self
            .canvas
            .nodes_bounds(self.doc.cafe(), t, self.doc.revision(), ids);
        self.canvas
            .reveal(tq, bounds.expand(24.0), ctx.input(|i| i.time));
    }

    /// Keeps dropped branches in sight: the camera follows them where they landed.
    fn reveal_branches(&mut self, ctx: &egui::Context, roots: &[NodeId]) {
        let Some(t) = self.doc.cafe().tables.get(self.current) else {
            return;
        };
        let ids = ops::moving_set(t, roots).into_iter().collect();
        self.reveal(ctx, &ids);
    }

    /// What the outline asked for: select (and centre the map on it), fold, type in a row,
    /// end the typing, or drop rows, with the same operations as on the map.
    fn on_outline(&mut self, ctx: &egui::Context, intents: Vec<OutlineIntent>) {
        for intent in intents {
            let ti = self.current;
            match intent {
                OutlineIntent::Select { id, additive } => {
                    self.commit_typing();
                    if additive {
                        if !self.canvas.selection.remove(&id) {
                            self.canvas.selection.insert(id);
                        }
                    } else {
                        self.canvas.selection = BTreeSet::from([id]);
                    }
                    if let Some(t) = self.doc.cafe().tables.get(ti) {
                        let bounds = self.canvas.nodes_bounds(
                            self.doc.cafe(),
                            t,
                            self.doc.revision(),
                            &BTreeSet::from([id]),
                        );
                        self.canvas
                            .centre_on(t.question(), bounds, ctx.input(|i| i.time));
                    }
                }
                OutlineIntent::ToggleFold(id) => {
                    if let Some(edit) = self
                        .doc
                        .cafe()
                        .tables
                        .get(ti)
                        .and_then(|t| crate::edit::fold::toggle(ti, t, &BTreeSet::from([id])))
                    {
                        self.apply(edit, None);
                    }
                }
                OutlineIntent::Edit(id) => {
                    self.commit_typing();
                    if let Some(o) = self.outline.as_mut() {
                        o.has_focus = true;
                    }
                    self.start_editing(id, None);
                }
                OutlineIntent::EndDraft(end) => self.end_typing(end),
                OutlineIntent::Drop { roots, slot } => {
                    let edit = self
                        .doc
                        .cafe()
                        .tables
                        .get(ti)
                        .and_then(|t| ops::drop_in_outline(ti, t, &roots, slot));
                    if let Some(edit) = edit
                        && self.apply(edit, None)
                    {
                        self.canvas.selection = roots.iter().copied().collect();
                        self.prune_selection();
                        self.reveal_branches(ctx, &roots);
                    }
                }
            }
        }
    }

    /// The whole window for one frame (eframe's `App::ui` and the UI tests call this).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        if !self.set_up {
            self.setup(&ctx);
        }
        let (closing, focused) = ctx.input(|i| (i.viewport().close_requested(), i.focused));
        let lost_focus = std::mem::replace(&mut self.was_focused, focused) && !focused;
        if closing {
            self.commit_typing();
        } else if lost_focus {
            // The window may never come back (a crash, a dead battery): keep what was typed,
            // and keep the editor open for when it does.
            let r = self.doc.flush_draft();
            self.report(r);
        }
        if closing && self.doc.is_dirty() && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Pending::Quit);
        }
        // Presenting: the presentation has the whole window, until Esc, a dialog needs it, or
        // the window closes (it leaves fullscreen first, so the next start is windowed).
        if let Some(p) = self.present.as_mut() {
            let closing = ctx.input(|i| i.viewport().close_requested());
            let outcome = if self.confirm.is_some() || closing {
                Some(p.end(&ctx))
            } else {
                p.show(ui, &self.i18n)
            };
            if let Some(out) = outcome {
                self.present = None;
                self.resume_after_presentation(&ctx, out);
                ctx.request_repaint();
            }
            // Unsaved work is still copied while presenting.
            self.autosave(&ctx);
            return;
        }
        self.handle_keyboard(&ctx);

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui);
            self.toolbar(ui);
        });
        egui::Panel::top("tabs").show(ui, |ui| self.table_tabs(ui));
        let mut find_intents = Vec::new();
        if let Some(bar) = self.find.as_mut() {
            egui::Panel::top("find").show(ui, |ui| find_intents = bar.show(ui, &self.i18n));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        self.import_report_panel(ui);
        self.tidy_panel(ui);
        self.merge_panel(ui);
        self.threads_panel(ui);
        let mut panel = present::panel::PanelOutput::default();
        if self.present_panel {
            egui::Panel::right("presentation-panel")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    panel = present::panel::show(
                        ui,
                        self.doc.cafe(),
                        self.current,
                        &self.canvas.selection,
                        &mut self.harvest.reveal,
                        &self.i18n,
                    );
                });
        }
        let mut outline_intents = Vec::new();
        if let Some(o) = self.outline.as_mut() {
            egui::Panel::left("outline")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    outline_intents = o.show(
                        ui,
                        &mut self.doc,
                        self.current,
                        &self.canvas.selection,
                        &self.i18n,
                    );
                });
        }
        self.canvas.typing_elsewhere = self.outline.as_ref().is_some_and(|o| o.editing.is_some());
        let harvest_intents = self.harvest_panel(ui);
        self.harvest_marks_for_canvas();
        let mut out = CanvasOutput::default();
        egui::CentralPanel::no_frame().show(ui, |ui| {
            if let Some(err) = self.load_error.clone() {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.heading(self.i18n.tr("error-title"));
                    ui.label(err);
                    if ui.button(self.i18n.tr("error-open-example")).clicked() {
                        self.load_error = None;
                    }
                });
            } else {
                out = self
                    .canvas
                    .show(ui, &mut self.doc, self.current, &self.i18n);
            }
        });
        self.matrix_window(&ctx);
        if let Some(cmd) = palette::show(&mut self.palette, &ctx, &self.i18n) {
            self.queued.push(cmd);
        }
        self.confirm_dialog(&ctx);
        if let Some(made) = new_event::show(&mut self.new_event, &ctx, &self.i18n) {
            let mut doc = Document::new(made.cafe, None);
            if made.planned {
                doc.mark_unsaved();
            }
            self.replace_document(doc);
        }
        let revision = self.doc.revision();
        if let Some(ReportIntent::Export(format, options)) = report_dialog::show(
            &mut self.report_dialog,
            &ctx,
            &self.i18n,
            self.doc.cafe(),
            revision,
        ) {
            self.sharing.report_options = Some(options);
            self.ask_path(FileAction::Report(format), &ctx);
        }
        self.restore_offer(&ctx);
        if let Some(event) = self
            .files
            .poll()
            .or_else(|| self.files.show_prompt(&ctx, &self.i18n))
        {
            self.on_file_event(event, &ctx);
        }
        self.handle_open_requests(&ctx);
        self.poll_exports();

        // After the UI pass: first what becomes of the text being typed, then what the canvas
        // and the widgets asked for.
        if let Some(end) = out.end_draft {
            self.end_typing(end);
        }
        // (Edits commit what is being typed themselves, in `apply`.)
        if out.edit.is_some() {
            self.commit_typing();
        }
        // Double-clicking a reference goes to the idea it stands for.
        let out_edit = out.edit.filter(|&id| !self.go_to_original(id));
        if let Some(id) = out_edit
            && let Some(text) = self
                .doc
                .cafe()
                .tables
                .get(self.current)
                .and_then(|t| t.node(id))
                .map(|n| n.text.clone())
        {
            let g = self.canvas.new_gesture();
            self.begin_editing(id, text, false, g);
        }
        for (edit, gesture) in out.edits {
            self.apply(edit, gesture);
        }
        if !out.dropped.is_empty() {
            self.reveal_branches(&ctx, &out.dropped);
        }
        self.on_outline(&ctx, outline_intents);
        if let Some((id, kind, delta)) = out.vote {
            self.vote(&[id], kind, delta, None);
        }
        let dialog_edits = super::harvest::dialogs::show(
            &mut self.harvest.dialog,
            &ctx,
            self.doc.cafe(),
            &self.i18n,
        );
        for edit in dialog_edits {
            self.apply(edit, None);
        }
        for intent in harvest_intents {
            self.on_harvest(&ctx, intent);
        }
        for intent in find_intents {
            self.on_find(&ctx, intent);
        }
        self.highlight_matches();
        for edit in panel.edits {
            self.apply(edit, None);
        }
        if let Some(edit) = panel.note {
            // Typing into one node's notes is one undo step, until the field is left.
            let id = match &edit {
                Edit::SetNote { id, .. } => Some(*id),
                _ => None,
            };
            let g = match self.note_gesture {
                Some((n, g)) if Some(n) == id => g,
                _ => self.canvas.new_gesture(),
            };
            self.note_gesture = id.map(|id| (id, g));
            self.apply(edit, Some(g));
        }
        if panel.note_done {
            self.note_gesture = None;
        }
        if let Some(p) = out.new_note_at {
            self.commit_typing();
            let ti = self.current;
            let id = self.doc.cafe().alloc_id();
            let node = crate::model::Node::new(id, crate::model::NodeKind::Idea, "").at(p);
            let g = self.canvas.new_gesture();
            let edit = Edit::InsertNodes {
                table: ti,
                nodes: vec![crate::edit::Placed { node, parent: None }],
                links: vec![],
            };
            if self.apply(edit, Some(g)) {
                self.begin_editing(id, String::new(), true, g);
            }
        }
        for cmd in std::mem::take(&mut self.queued) {
            self.run(&ctx, cmd);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }
}

impl eframe::App for CafeApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        // A presentation asks once which screens there are: with two, a presenter window.
        if let Some(p) = self.present.as_mut()
            && p.wants_screens()
        {
            p.set_screens(present::screens_of(frame));
        }
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_state(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.shutdown();
    }
}

fn is_ron(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// The example event, parsed from the copy compiled into the binary.
pub fn example() -> Cafe {
    crate::io::file::from_str(EXAMPLE).unwrap_or_else(|_| {
        // The example is checked by tests; this only guards a broken build.
        let mut cafe = Cafe::new(CafeInfo::default());
        let t = cafe.new_table("?");
        cafe.tables.push(t);
        cafe
    })
}

/// Opens a map file, or imports another format into a new unsaved document.
fn open_path(path: &Path) -> Result<Document, String> {
    open_file(path).map(|(doc, _)| doc)
}

/// [`open_path`], also saying what an import skipped (`None` for a map file). The import summary
/// goes to stderr as well, as the command line prints it.
fn open_file(path: &Path) -> Result<(Document, Option<Vec<String>>), String> {
    if is_ron(path) {
        return crate::io::file::load(path)
            .map(|cafe| (Document::new(cafe, Some(path.to_owned())), None))
            .map_err(|e| e.to_string());
    }
    let imported = crate::io::import::import_path(path).map_err(|e| e.to_string())?;
    let (t, h, i) = imported.cafe.counts();
    eprintln!(
        "cafemap: imported {}: {t} tables, {h} themes, {i} ideas",
        path.display()
    );
    for line in &imported.skipped {
        eprintln!("cafemap: not imported: {line}");
    }
    let mut doc = Document::new(imported.cafe, Some(path.to_owned()));
    doc.mark_unsaved();
    Ok((doc, Some(imported.skipped)))
}
