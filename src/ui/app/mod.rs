//! The window: menus, toolbar, table tabs, status bar and the canvas. UI code emits
//! [`Command`]s; they run after the frame's UI pass, through [`Document::apply`].

mod chrome;
mod frame;
mod harvest;
mod live;
mod merge;
mod queue;
mod run;
mod sharing;
mod state;
mod threads;
mod tidy;
mod views;

pub use live::LiveStatus;
pub use queue::Intent;
pub use state::EditorState;
pub use views::Views;

use super::StartOptions;
use super::canvas::{CanvasOutput, DraftEnd};
use super::commands::{Command, Menu};
use super::document::{Document, Draft};
use super::files::{
    Autosave, AutosaveStep, FileAction, FileDialogs, FileEvent, ImportReport, RecentFiles,
    RestoreChoice, WriteJob,
};
use super::find::{FindBar, FindIntent};
use super::harvest::dialogs::Dialog;
use super::harvest::{Intent as HarvestIntent, Tab};
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

/// The window: what commands act on (`editor`), what shows it (`views`), files and sharing,
/// and the queue of what the UI asked for this frame, handled after the UI pass.
pub struct CafeApp {
    i18n: I18n,
    /// The document, its history and drafts, the table shown, the selection: see [`EditorState`].
    pub editor: EditorState,
    /// The canvas, outline, panels, dialogs and presentation: see [`Views`].
    pub views: Views,
    files: FileDialogs,
    /// Files and sharing: see the `impl` block that starts with [`Self::with_recovery`].
    sharing: Sharing,
    /// What widgets, menus, shortcuts and window events asked for this frame (see `queue.rs`).
    queue: Vec<Intent>,
    /// The window's own bookkeeping between frames.
    window: Window,
}

/// Bookkeeping of the window itself, between frames.
#[derive(Default)]
struct Window {
    /// Whether fonts and options were installed in the egui context.
    set_up: bool,
    /// Whether the window had the focus last frame (losing it commits what is being typed).
    was_focused: bool,
    /// The time of the frame being shown (animations start from it).
    now: f64,
    /// Set once the user chose to quit despite unsaved changes.
    allow_close: bool,
    title: String,
    /// Space went down with nothing dragged since: its release folds (see `handle_keyboard`).
    space_fold: bool,
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
    /// File ▸ Export ▸ Partner-safe: every export leaves out what partners must not see.
    partner_safe: bool,
    /// File ▸ Without history: Save as… writes the map without its history (after a yes).
    save_plain: bool,
    /// The live session this window takes part in (File ▸ Live session).
    live: Option<live::Live>,
    /// File ▸ Live session's dialog, while open.
    live_dialog: Option<crate::ui::live::LiveDialog>,
    /// Where a relay started in this window keeps its rooms (`None`: the user's data folder).
    rooms_dir: Option<PathBuf>,
    /// The participant's name in live sessions, remembered in the app's settings.
    live_name: String,
}

/// What `cafemap [FILE]` opens, read apart from the window: a launch reads the map on its own
/// thread while the window and its OpenGL context are being created (about 100 ms with a
/// software driver), instead of after them.
pub struct Opening {
    options: StartOptions,
    doc: Document,
    /// Why the file asked for could not be opened (the example is shown instead).
    error: Option<String>,
}

impl Opening {
    pub fn read(options: StartOptions) -> Opening {
        let (doc, error) = match &options.file {
            Some(path) => match open_path(path) {
                Ok(doc) => (doc, None),
                Err(e) => (Document::new(example(), None), Some(e)),
            },
            None => (Document::new(example(), None), None),
        };
        Opening {
            options,
            doc,
            error,
        }
    }
}

impl CafeApp {
    /// The app as `cafemap [FILE]` starts it.
    /// (Fonts and theme are installed in the egui context on the first frame.)
    pub fn new(lang: Lang, options: StartOptions) -> CafeApp {
        CafeApp::opened(lang, Opening::read(options))
    }

    /// The app on what [`Opening::read`] found.
    pub fn opened(lang: Lang, opening: Opening) -> CafeApp {
        let Opening {
            options,
            doc,
            error,
        } = opening;
        let mut app = CafeApp::with_document(lang, doc);
        if let Some(path) = options
            .file
            .as_deref()
            .filter(|p| error.is_none() && is_ron(p))
        {
            app.sharing.recent.push(path);
        }
        if options.present && error.is_none() {
            let shown = crate::render::shown_cafe(app.editor.doc.cafe());
            app.views.present = Some(Presentation::new(&shown, None));
        }
        if let Some(path) = options
            .file
            .as_deref()
            .filter(|p| error.is_none() && !is_ron(p))
        {
            app.offer_tidy_after_import(path);
        }
        app.views.load_error = error;
        match RecoveryStore::from_env() {
            Some(store) => app.with_recovery(store),
            None => app,
        }
    }

    /// The app on a given document (tests start here).
    pub fn with_document(lang: Lang, doc: Document) -> CafeApp {
        CafeApp {
            i18n: I18n::new(lang),
            editor: EditorState::new(doc),
            views: Views::default(),
            files: FileDialogs::new(),
            sharing: Sharing::default(),
            queue: Vec::new(),
            window: Window::default(),
        }
    }

    /// Installs the bundled fonts; our own shortcuts replace egui's Ctrl+/- zoom of the whole UI.
    fn setup(&mut self, ctx: &egui::Context) {
        style::install_fonts(ctx);
        // Light chrome around a paper-coloured wall: what people expect of a sticky-note tool.
        ctx.set_theme(egui::Theme::Light);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        self.window.set_up = true;
    }

    pub fn document(&self) -> &Document {
        &self.editor.doc
    }

    pub fn current_table(&self) -> usize {
        self.editor.current
    }

    pub fn selection(&self) -> &BTreeSet<NodeId> {
        &self.editor.selection
    }

    /// The status-bar line, while it is still true of the document.
    pub fn message(&self) -> Option<&str> {
        self.notice().map(|m| m.text.as_str())
    }

    fn notice(&self) -> Option<&Notice> {
        let now = self.autosave_key();
        self.views
            .message
            .as_ref()
            .filter(|m| m.document_state == now)
    }

    /// A status-bar line about something that went well.
    fn inform(&mut self, text: String) {
        self.views.message = Some(Notice {
            text,
            problem: false,
            document_state: self.autosave_key(),
        });
    }

    /// A status-bar line about something that went wrong (shown in the warning colour).
    fn warn(&mut self, text: String) {
        self.views.message = Some(Notice {
            text,
            problem: true,
            document_state: self.autosave_key(),
        });
    }

    /// The presentation, while presenting.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.views.present.as_ref()
    }

    /// Applies an edit, reporting a refusal in the status bar. Returns whether it applied.
    /// What is being typed is committed first, unless the edit belongs to the typing's own
    /// gesture (a colour given to the note being typed): whatever path an edit takes, typed
    /// text is never overwritten or lost behind it.
    fn apply(&mut self, edit: Edit, gesture: Option<GestureId>) -> bool {
        if self
            .editor
            .doc
            .draft()
            .is_some_and(|d| gesture != Some(d.gesture))
        {
            self.commit_typing();
        }
        // A gesture of its own, so the tray's reflow joins this undo step.
        let gesture = gesture.unwrap_or_else(|| self.views.canvas.new_gesture());
        self.changing_tray(gesture, |app| app.editor.doc.apply_in(edit, Some(gesture)))
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
        let Some(t) = self.editor.doc.cafe().tables.get(self.editor.current) else {
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
        let ti = self.editor.current;
        let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
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
        if !edit.is_noop() && self.editor.doc.apply_in(edit, Some(gesture)).is_ok() {
            self.views.canvas.animate_from(from, self.window.now);
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
        if self.editor.current >= self.editor.doc.cafe().tables.len() {
            self.editor.current = self.editor.doc.cafe().tables.len().saturating_sub(1);
        }
        if let Some(t) = self.editor.doc.cafe().tables.get(self.editor.current) {
            self.editor.selection.retain(|id| t.contains(*id));
            let hidden = crate::edit::fold::hidden(t);
            if self.editor.selection.iter().any(|id| hidden.contains(id)) {
                self.editor.selection = self
                    .editor
                    .selection
                    .iter()
                    .map(|&id| crate::edit::fold::visible_ancestor(t, &hidden, id))
                    .collect();
            }
        }
    }

    /// Opens the in-place editor on a node of the current table (committing any other first).
    fn begin_editing(&mut self, id: NodeId, text: String, fresh: bool, gesture: GestureId) {
        // Typed where the keyboard is: in the outline's row when it has it, else on the map.
        let in_outline = self.views.outline.as_ref().is_some_and(|o| o.has_focus);
        let r = self.editor.doc.begin_draft(Draft {
            table: self.editor.current,
            id,
            text,
            fresh,
            gesture,
            caret: None,
            in_outline,
        });
        self.report(r);
        self.prune_selection();
        self.editor.selection = BTreeSet::from([id]);
    }

    /// Commits the text being typed, as one undo step with its gesture. Runs before anything
    /// else happens: any command, table switch, presentation, save, open, import, drop, close,
    /// focus loss, selection change — so no typed word is ever lost.
    fn commit_typing(&mut self) {
        self.end_typing(DraftEnd::Commit);
        // Text left in a dialog is kept as its OK would keep it, and the dialog closes.
        if let Some(edit) = self.editor.dialog_edit() {
            self.editor.dialog = None;
            self.apply(edit, None);
        }
    }

    /// Ends the in-place editing (keeping or dropping the text); a tray note that grew, shrank
    /// or went away has the tray repacked in the same undo step.
    fn end_typing(&mut self, end: DraftEnd) {
        let Some(gesture) = self.editor.doc.draft().map(|d| d.gesture) else {
            return;
        };
        self.changing_tray(gesture, |app| match end {
            DraftEnd::Commit => app.editor.doc.commit_draft(),
            DraftEnd::Cancel => app.editor.doc.cancel_draft(),
        });
    }

    fn single_selection(&self) -> Option<NodeId> {
        (self.editor.selection.len() == 1)
            .then(|| self.editor.selection.first().copied())
            .flatten()
    }

    /// The current table's question (whose camera shows it) and the box around `ids` on it.
    fn bounds_of(&mut self, ids: &BTreeSet<NodeId>) -> Option<(NodeId, crate::geom::Rect)> {
        let t = self.editor.doc.cafe().tables.get(self.editor.current)?;
        let bounds = self.views.canvas.nodes_bounds(
            self.editor.doc.cafe(),
            t,
            self.editor.doc.revision(),
            ids,
        );
        Some((t.question(), bounds))
    }

    /// Brings new nodes into view if they landed off screen.
    fn reveal(&mut self, ctx: &egui::Context, ids: &BTreeSet<NodeId>) {
        if let Some((tq, bounds)) = self.bounds_of(ids) {
            self.views
                .canvas
                .reveal(tq, bounds.expand(24.0), ctx.input(|i| i.time));
        }
    }

    /// Keeps dropped branches in sight: the camera follows them where they landed.
    fn reveal_branches(&mut self, ctx: &egui::Context, roots: &[NodeId]) {
        let Some(t) = self.editor.doc.cafe().tables.get(self.editor.current) else {
            return;
        };
        let ids = ops::moving_set(t, roots).into_iter().collect();
        self.reveal(ctx, &ids);
    }

    /// What the outline asked for: select (and centre the map on it), fold, type in a row,
    /// end the typing, or drop rows, with the same operations as on the map.
    fn on_outline(&mut self, ctx: &egui::Context, intent: OutlineIntent) {
        let ti = self.editor.current;
        match intent {
            OutlineIntent::Select { id, additive } => {
                self.commit_typing();
                if additive {
                    if !self.editor.selection.remove(&id) {
                        self.editor.selection.insert(id);
                    }
                } else {
                    self.editor.selection = BTreeSet::from([id]);
                }
                if let Some((tq, bounds)) = self.bounds_of(&BTreeSet::from([id])) {
                    self.views
                        .canvas
                        .centre_on(tq, bounds, ctx.input(|i| i.time));
                }
            }
            OutlineIntent::ToggleFold(id) => {
                let table = self.editor.doc.cafe().tables.get(ti);
                let fold =
                    table.and_then(|t| crate::edit::fold::toggle(ti, t, &BTreeSet::from([id])));
                if let Some(edit) = fold {
                    self.apply(edit, None);
                }
            }
            OutlineIntent::Edit(id) => {
                self.commit_typing();
                if let Some(o) = self.views.outline.as_mut() {
                    o.has_focus = true;
                }
                self.start_editing(id, None);
            }
            OutlineIntent::EndDraft(end) => self.end_typing(end),
            OutlineIntent::Drop { roots, slot } => {
                let table = self.editor.doc.cafe().tables.get(ti);
                let edit = table.and_then(|t| ops::drop_in_outline(ti, t, &roots, slot));
                if let Some(edit) = edit
                    && self.apply(edit, None)
                {
                    self.editor.selection = roots.iter().copied().collect();
                    self.prune_selection();
                    self.reveal_branches(ctx, &roots);
                }
            }
        }
    }

    /// The whole window for one frame (eframe's `App::ui` and the UI tests call this): the
    /// views show the state and queue what they ask for; the queue runs after them.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.window.now = ctx.input(|i| i.time);
        if !self.window.set_up {
            self.setup(&ctx);
        }
        self.window_events(&ctx);
        if self.views.present.is_some() {
            self.present_frame(ui, &ctx);
        } else {
            self.handle_keyboard(&ctx);
            self.show_views(ui, &ctx);
        }
        self.handle_queue(&ctx);
        self.live_frame(&ctx);
        self.highlight_matches();
        // Unsaved work is copied while presenting too.
        self.autosave(&ctx);
        if self.views.present.is_none() {
            self.update_title(&ctx);
        }
    }

    /// The window closing, or losing the keyboard, as intents.
    fn window_events(&mut self, ctx: &egui::Context) {
        let (closing, focused) = ctx.input(|i| (i.viewport().close_requested(), i.focused));
        let lost_focus = std::mem::replace(&mut self.window.was_focused, focused) && !focused;
        if closing {
            self.push(Intent::Window(queue::WindowEvent::Closing));
        } else if lost_focus {
            self.push(Intent::Window(queue::WindowEvent::LostFocus));
        }
    }

    /// Presenting: the presentation has the whole window, until Esc, a dialog needs it, or the
    /// window closes (it leaves fullscreen first, so the next start is windowed).
    fn present_frame(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let Some(p) = self.views.present.as_mut() else {
            return;
        };
        let closing = ctx.input(|i| i.viewport().close_requested());
        let outcome = if self.views.confirm.is_some() || closing {
            Some(p.end(ctx))
        } else {
            p.show(ui, &self.i18n)
        };
        if let Some(out) = outcome {
            self.push(Intent::Presented(out));
        }
    }
}

impl eframe::App for CafeApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        // A presentation asks once which screens there are: with two, a presenter window.
        if let Some(p) = self.views.present.as_mut()
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
