//! The window: menus, toolbar, table tabs, status bar and the canvas. UI code emits
//! [`Command`]s; they run after the frame's UI pass, through [`Document::apply`].

use super::StartOptions;
use super::actions;
use super::canvas::{Canvas, CanvasOutput};
use super::commands::{Command, Menu};
use super::document::Document;
use super::files::{
    Autosave, AutosaveStep, ExportJob, FileAction, FileDialogs, FileEvent, ImportReport,
    RecentFiles, RestoreChoice,
};
use super::present::{self, Presentation};
use super::style;
use crate::edit::{Edit, GestureId};
use crate::i18n::{I18n, Lang};
use crate::io::recovery::{Orphan, Recovered, RecoveryStore, Session};
use crate::model::{Cafe, CafeInfo, NodeId, NoteColor, Paper};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The bundled example event, so `cargo run` opens on something real.
const EXAMPLE: &str = include_str!("../../examples/world-cafe-cooperation.ron");

/// How far Alt+arrow moves the selection, in canvas units.
const NUDGE_STEP: f32 = 16.0;

/// A line in the status bar.
struct Notice {
    text: String,
    /// Something went wrong: shown in the warning colour.
    problem: bool,
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

/// The command palette's state.
struct Palette {
    query: String,
    selected: usize,
}

pub struct CafeApp {
    i18n: I18n,
    doc: Document,
    /// Index of the table shown.
    current: usize,
    pub canvas: Canvas,
    files: FileDialogs,
    palette: Option<Palette>,
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
    clipboard: Option<actions::Clip>,
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
    exports: Vec<ExportJob>,
    /// This window's recovery copy; `None` in tests unless asked for, or if unusable.
    recovery: Option<Session>,
    autosave: Autosave,
    /// Copies left by crashed sessions, offered one at a time, newest first.
    orphans: Vec<Orphan>,
    /// The copy on offer, read back (or why it cannot be).
    offer: Option<(Orphan, Result<Recovered, String>)>,
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
            app.present = Some(Presentation::new(&app.doc.cafe, None));
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
            load_error: None,
            message: None,
            confirm: None,
            allow_close: false,
            title: String::new(),
            queued: Vec::new(),
            present: None,
            present_panel: false,
            note_gesture: None,
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

    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.text.as_str())
    }

    /// A status-bar line about something that went well.
    fn inform(&mut self, text: String) {
        self.message = Some(Notice {
            text,
            problem: false,
        });
    }

    /// A status-bar line about something that went wrong (shown in the warning colour).
    fn warn(&mut self, text: String) {
        self.message = Some(Notice {
            text,
            problem: true,
        });
    }

    /// The presentation, while presenting.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.present.as_ref()
    }

    /// Runs a command now (tests, and the queue after each frame).
    pub fn run(&mut self, ctx: &egui::Context, cmd: Command) {
        if !matches!(cmd, Command::Nudge(_)) {
            self.nudge_gesture = None;
        }
        let ti = self.current;
        let now = ctx.input(|i| i.time);
        let tq = self.doc.cafe.tables.get(ti).map(|t| t.question());
        use Command::*;
        match cmd {
            NewDocument => self.guard(Pending::New, ctx),
            Open => self.guard(Pending::OpenDialog, ctx),
            Import => self.guard(Pending::ImportDialog, ctx),
            Export(format) => self.ask_path(FileAction::Export(format), ctx),
            Save => match self.doc.path.clone().filter(|p| is_ron(p)) {
                Some(path) => self.save_to(&path),
                None => self.ask_path(FileAction::SaveAs, ctx),
            },
            SaveAs => self.ask_path(FileAction::SaveAs, ctx),
            Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Undo => {
                self.canvas.editor = None;
                let r = self.doc.undo();
                self.report(r.map(|_| ()));
                self.prune_selection();
            }
            Redo => {
                let r = self.doc.redo();
                self.report(r.map(|_| ()));
                self.prune_selection();
            }
            Copy | Cut => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                let clip = actions::Clip::copy(t, &self.canvas.selection);
                if !clip.text.is_empty() {
                    ctx.copy_text(clip.text.clone());
                    self.clipboard = Some(clip);
                }
                if cmd == Cut {
                    self.delete_selection();
                }
            }
            // Paste arrives as a clipboard event with its text (see `handle_clipboard`).
            Paste => {}
            Duplicate => {
                let sel = self.canvas.selection.clone();
                if let Some((edit, top)) = actions::duplicate(&mut self.doc.cafe, ti, &sel) {
                    self.apply(edit, None);
                    self.canvas.selection = top.into_iter().collect();
                }
            }
            Delete => self.delete_selection(),
            SelectAll => {
                if let Some(t) = self.doc.cafe.tables.get(ti) {
                    self.canvas.selection = t.node_ids().into_iter().collect();
                }
            }
            EditText => {
                if let Some(id) = self.single_selection() {
                    self.start_editing(id, None);
                }
            }
            AddChild | AddSibling => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                let from = self.single_selection().unwrap_or(t.question());
                let made = if cmd == AddChild {
                    actions::add_child(&mut self.doc.cafe, ti, Some(from))
                } else {
                    actions::add_sibling(&mut self.doc.cafe, ti, from)
                };
                if let Some((edit, id)) = made {
                    let g = self.canvas.new_gesture();
                    if self.apply(edit, Some(g)) {
                        self.canvas.edit_node(id, String::new(), true, g);
                        self.reveal(ctx, &BTreeSet::from([id]));
                    }
                }
            }
            Recolor(paper) => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                if let Some(edit) =
                    actions::recolor(ti, t, &self.canvas.selection, NoteColor::Palette(paper))
                {
                    self.apply(edit, None);
                }
            }
            Arrange | ArrangeSelection => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                let sel = (cmd == ArrangeSelection).then_some(&self.canvas.selection);
                if let Some(edit) = actions::arrange(ti, t, sel) {
                    let from = t.nodes().map(|n| (n.id, n.pos)).collect();
                    if self.apply(edit, None) {
                        self.canvas.animate_from(from, now);
                        if let (Some(t), Some(tq)) = (self.doc.cafe.tables.get(ti), tq) {
                            let bounds = self.canvas.fit_bounds(t, self.doc.revision());
                            self.canvas.glide_to(tq, bounds, now, 1.5);
                        }
                    }
                }
            }
            ZoomFit | ZoomSelection => {
                let (Some(t), Some(tq)) = (self.doc.cafe.tables.get(ti), tq) else {
                    return;
                };
                let rev = self.doc.revision();
                let bounds = if cmd == ZoomSelection && !self.canvas.selection.is_empty() {
                    let sel = self.canvas.selection.clone();
                    self.canvas.nodes_bounds(t, rev, &sel)
                } else {
                    self.canvas.fit_bounds(t, rev)
                };
                self.canvas
                    .glide_to(tq, bounds, now, if cmd == ZoomFit { 1.5 } else { 3.0 });
            }
            ZoomIn | ZoomOut => {
                if let Some(tq) = tq {
                    self.canvas
                        .zoom_by(tq, if cmd == ZoomIn { 1.25 } else { 0.8 });
                }
            }
            ZoomActual => {
                if let Some(tq) = tq {
                    self.canvas.set_zoom(tq, 1.0);
                }
            }
            AddTable => {
                let question = self.i18n.tr("new-table-question");
                let table = self.doc.cafe.new_table(question.clone());
                let qid = table.question();
                let index = self.doc.cafe.tables.len();
                if self.apply(
                    Edit::InsertTable {
                        index,
                        table: Box::new(table),
                    },
                    None,
                ) {
                    self.switch_table(index);
                    self.start_editing(qid, Some(question));
                }
            }
            RenameTable => {
                if let Some(tq) = tq {
                    self.switch_table(ti);
                    self.start_editing(tq, None);
                }
            }
            DeleteTable => {
                if self.apply(Edit::RemoveTable { index: ti }, None) {
                    self.switch_table(ti.min(self.doc.cafe.tables.len().saturating_sub(1)));
                }
            }
            MoveTableLeft | MoveTableRight => {
                let to = if cmd == MoveTableLeft {
                    ti.checked_sub(1)
                } else {
                    Some(ti + 1)
                };
                if let Some(to) = to.filter(|&to| to < self.doc.cafe.tables.len())
                    && self.apply(Edit::MoveTable { from: ti, to }, None)
                {
                    self.current = to;
                }
            }
            NextTable | PreviousTable => {
                let n = self.doc.cafe.tables.len();
                if n > 0 {
                    let next = if cmd == NextTable {
                        (ti + 1) % n
                    } else {
                        (ti + n - 1) % n
                    };
                    self.switch_table(next);
                }
            }
            Select(dir) => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                let next = match self.canvas.selection.last() {
                    Some(&from) => actions::nearest_in_direction(t, from, dir.vector()),
                    None => Some(t.question()),
                };
                if let Some(next) = next {
                    self.canvas.selection = BTreeSet::from([next]);
                    self.reveal(ctx, &BTreeSet::from([next]));
                }
            }
            Nudge(dir) => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                let roots = actions::selection_roots(t, &self.canvas.selection);
                if let Some(edit) =
                    actions::drop_nodes(ti, t, &roots, dir.vector() * NUDGE_STEP, None)
                {
                    // Repeated nudges are one undo step, like one drag.
                    let g = match self.nudge_gesture {
                        Some(g) => g,
                        None => self.canvas.new_gesture(),
                    };
                    self.nudge_gesture = Some(g);
                    self.apply(edit, Some(g));
                }
            }
            CommandPalette => {
                self.palette = Some(Palette {
                    query: String::new(),
                    selected: 0,
                })
            }
            Present => {
                self.canvas.editor = None;
                let from = self.single_selection().map(|id| (ti, id));
                self.present = Some(Presentation::new(&self.doc.cafe, from));
                ctx.request_repaint();
            }
            PresentationPanel => self.present_panel = !self.present_panel,
        }
    }

    /// Back in the editor after a presentation, showing where it was: its table, the node it
    /// was on selected, its branch (or the whole table) framed.
    fn resume_after_presentation(&mut self, ctx: &egui::Context, out: present::Outcome) {
        if let Some(t) = out.table {
            self.switch_table(t);
        }
        self.canvas.selection = out.select.into_iter().collect();
        let Some(t) = self.doc.cafe.tables.get(self.current) else {
            return;
        };
        let rev = self.doc.revision();
        let bounds = if out.frame.is_empty() {
            self.canvas.fit_bounds(t, rev)
        } else {
            let ids = out.frame.iter().flat_map(|&id| t.subtree(id)).collect();
            self.canvas.nodes_bounds(t, rev, &ids)
        };
        self.canvas
            .glide_to(t.question(), bounds, ctx.input(|i| i.time), 1.5);
    }

    /// Applies an edit, reporting a refusal in the status bar. Returns whether it applied.
    fn apply(&mut self, edit: Edit, gesture: Option<GestureId>) -> bool {
        let r = self.doc.apply_in(edit, gesture);
        let ok = r.is_ok();
        self.report(r);
        self.prune_selection();
        ok
    }

    fn report<E: std::fmt::Display>(&mut self, r: Result<(), E>) {
        if let Err(e) = r {
            self.warn(
                self.i18n
                    .tr_args("error-edit", &[("reason", e.to_string().into())]),
            );
        }
    }

    fn prune_selection(&mut self) {
        if self.current >= self.doc.cafe.tables.len() {
            self.current = self.doc.cafe.tables.len().saturating_sub(1);
        }
        if let Some(t) = self.doc.cafe.tables.get(self.current) {
            self.canvas.selection.retain(|id| t.contains(*id));
            if self
                .canvas
                .editor
                .as_ref()
                .is_some_and(|e| !t.contains(e.id))
            {
                self.canvas.editor = None;
            }
        }
    }

    fn single_selection(&self) -> Option<NodeId> {
        (self.canvas.selection.len() == 1)
            .then(|| self.canvas.selection.first().copied())
            .flatten()
    }

    /// Brings new nodes into view if they landed off screen.
    fn reveal(&mut self, ctx: &egui::Context, ids: &BTreeSet<NodeId>) {
        let Some(t) = self.doc.cafe.tables.get(self.current) else {
            return;
        };
        let tq = t.question();
        let bounds = self.canvas.nodes_bounds(t, self.doc.revision(), ids);
        self.canvas
            .reveal(tq, bounds.expand(24.0), ctx.input(|i| i.time));
    }

    fn delete_selection(&mut self) {
        let ti = self.current;
        let Some(t) = self.doc.cafe.tables.get(ti) else {
            return;
        };
        if let Some(edit) = actions::delete(ti, t, &self.canvas.selection) {
            self.apply(edit, None);
        }
    }

    /// Opens the in-place editor on a node, with its text or, when typing started it, the typed text.
    fn start_editing(&mut self, id: NodeId, replace: Option<String>) {
        let Some(node) = self
            .doc
            .cafe
            .tables
            .get(self.current)
            .and_then(|t| t.node(id))
        else {
            return;
        };
        let text = replace.unwrap_or_else(|| node.text.clone());
        let g = self.canvas.new_gesture();
        self.canvas.edit_node(id, text, false, g);
    }

    fn switch_table(&mut self, index: usize) {
        if index != self.current {
            self.canvas.editor = None;
            self.canvas.selection.clear();
        }
        self.current = index.min(self.doc.cafe.tables.len().saturating_sub(1));
    }

    fn ask_path(&mut self, action: FileAction, ctx: &egui::Context) {
        let suggested = self.suggested_path(action);
        if !self.files.request(action, ctx, &self.i18n, suggested) {
            self.warn(self.i18n.tr("dialog-busy"));
        }
    }

    /// Runs `pending` now if nothing is unsaved, else asks first.
    fn guard(&mut self, pending: Pending, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.confirm = Some(pending);
        } else {
            self.proceed(pending, ctx);
        }
    }

    fn proceed(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::New => {
                let mut cafe = Cafe::new(CafeInfo {
                    title: self.i18n.tr("untitled"),
                    ..Default::default()
                });
                let table = cafe.new_table(self.i18n.tr("new-table-question"));
                cafe.tables.push(table);
                self.replace_document(Document::new(cafe, None));
            }
            Pending::OpenDialog => self.ask_path(FileAction::Open, ctx),
            Pending::ImportDialog => self.ask_path(FileAction::Import, ctx),
            Pending::Open(path) => self.open(&path),
            Pending::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.forget_recovery_copy();
        self.sharing.import_report = None;
        self.doc = doc;
        self.current = 0;
        self.load_error = None;
        self.canvas.reset();
    }

    fn save_to(&mut self, path: &Path) {
        let path = if is_ron(path) {
            path.to_owned()
        } else {
            path.with_extension("ron")
        };
        match crate::io::file::save(&path, &self.doc.cafe) {
            Ok(()) => {
                self.doc.mark_saved(path.clone());
                self.sharing.recent.push(&path);
                self.inform(
                    self.i18n
                        .tr_args("saved-to", &[("path", path.display().to_string().into())]),
                );
            }
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// Keys go to commands unless a text field is being typed into; typing on a selected node
    /// starts editing it (as in Freeplane, XMind or a spreadsheet).
    fn handle_keyboard(&mut self, ctx: &egui::Context) {
        if self.canvas.editor.is_some()
            || self.modal_open()
            || ctx.text_edit_focused()
            || self.palette.is_some()
            || self.confirm.is_some()
        {
            return;
        }
        if self.single_selection().is_some() {
            let typed: String = ctx.input(|i| {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Text(t) if !i.modifiers.command => Some(t.as_str()),
                        _ => None,
                    })
                    .collect()
            });
            if !typed.is_empty() && !typed.chars().all(char::is_whitespace) {
                if let Some(id) = self.single_selection() {
                    self.start_editing(id, Some(typed));
                }
                return;
            }
        }
        self.handle_clipboard(ctx);
        for cmd in Command::consume_shortcuts(ctx) {
            self.queued.push(cmd);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            self.canvas.selection.clear();
        }
    }

    fn handle_clipboard(&mut self, ctx: &egui::Context) {
        let events: Vec<egui::Event> = ctx.input(|i| i.events.clone());
        for e in events {
            match e {
                egui::Event::Copy => self.run(ctx, Command::Copy),
                egui::Event::Cut => self.run(ctx, Command::Cut),
                egui::Event::Paste(text) => {
                    let ti = self.current;
                    let parent = self.single_selection();
                    // Our own copy comes back whole (colours, notes, arrangement); anything else
                    // is read as an indented outline.
                    let pasted = match self.clipboard.as_ref().filter(|c| c.matches(&text)) {
                        Some(clip) => clip.paste(&mut self.doc.cafe, ti, parent),
                        None => actions::paste_text(&mut self.doc.cafe, ti, parent, &text),
                    };
                    if let Some((edit, top)) = pasted
                        && self.apply(edit, None)
                    {
                        let pasted = self
                            .doc
                            .cafe
                            .tables
                            .get(ti)
                            .map(|t| actions::moving_set(t, &top))
                            .unwrap_or_default();
                        self.reveal(ctx, &pasted.into_iter().collect());
                        self.canvas.selection = top.into_iter().collect();
                    }
                }
                _ => {}
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(self.i18n.tr(menu.label_key()), |ui| {
                    let mut colours = Vec::new();
                    for cmd in Command::all()
                        .into_iter()
                        .filter(|c| c.menu() == menu && c.in_menu())
                    {
                        if matches!(cmd, Command::Recolor(_)) {
                            colours.push(cmd);
                            continue;
                        }
                        if let Command::Export(format) = cmd {
                            if format == super::commands::EXPORT_FORMATS[0] {
                                self.export_menu(ui);
                            }
                            continue;
                        }
                        self.menu_item(ui, cmd);
                        if cmd == Command::Open {
                            self.recent_menu(ui);
                        }
                    }
                    if !colours.is_empty() {
                        ui.menu_button(self.i18n.tr("menu-color"), |ui| {
                            for cmd in colours {
                                self.menu_item(ui, cmd);
                            }
                        });
                    }
                });
            }
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, cmd: Command) {
        let mut button = egui::Button::new(cmd.label(&self.i18n));
        if let Some(s) = cmd.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(s));
        }
        if ui.add_enabled(self.is_enabled(cmd), button).clicked() {
            self.queued.push(cmd);
            ui.close();
        }
    }

    fn is_enabled(&self, cmd: Command) -> bool {
        use Command::*;
        let has_sel = !self.canvas.selection.is_empty();
        match cmd {
            Undo => self.doc.can_undo(),
            Redo => self.doc.can_redo(),
            Cut | Copy | Duplicate | Delete | Recolor(_) | ArrangeSelection | ZoomSelection => {
                has_sel
            }
            EditText => self.canvas.selection.len() == 1,
            DeleteTable => self.doc.cafe.tables.len() > 1,
            MoveTableLeft => self.current > 0,
            MoveTableRight => self.current + 1 < self.doc.cafe.tables.len(),
            _ => true,
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for cmd in [Command::Undo, Command::Redo] {
                self.tool_button(ui, cmd);
            }
            ui.separator();
            for cmd in [
                Command::AddChild,
                Command::Delete,
                Command::Arrange,
                Command::ZoomFit,
            ] {
                self.tool_button(ui, cmd);
            }
            ui.separator();
            self.tool_button(ui, Command::Present);
            if ui
                .selectable_label(self.present_panel, self.i18n.tr("present-notes"))
                .on_hover_text(Command::PresentationPanel.label(&self.i18n))
                .clicked()
            {
                self.queued.push(Command::PresentationPanel);
            }
            ui.separator();
            for paper in Paper::ALL {
                let name = self.i18n.tr(&format!("color-{}", paper.name()));
                let swatch = egui::Button::new("")
                    .fill(style::color(paper.rgb()))
                    .min_size(egui::vec2(22.0, 22.0));
                let enabled = !self.canvas.selection.is_empty();
                if ui
                    .add_enabled(enabled, swatch)
                    .on_hover_text(Command::Recolor(paper).label(&self.i18n))
                    .clicked()
                {
                    self.queued.push(Command::Recolor(paper));
                }
                let _ = name;
            }
        });
    }

    fn tool_button(&mut self, ui: &mut egui::Ui, cmd: Command) {
        let mut tip = cmd.label(&self.i18n);
        if let Some(s) = cmd.shortcuts().first() {
            tip = format!("{tip} ({})", ui.ctx().format_shortcut(s));
        }
        if ui
            .add_enabled(
                self.is_enabled(cmd),
                egui::Button::new(cmd.label(&self.i18n)),
            )
            .on_hover_text(tip)
            .clicked()
        {
            self.queued.push(cmd);
        }
    }

    fn table_tabs(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let questions: Vec<String> = self
                .doc
                .cafe
                .tables
                .iter()
                .map(|t| t.question_node().text.clone())
                .collect();
            for (i, q) in questions.iter().enumerate() {
                let short: String = q.chars().take(48).collect();
                let label = if short.len() < q.len() {
                    format!("{} · {short}…", i + 1)
                } else {
                    format!("{} · {short}", i + 1)
                };
                let tab = ui
                    .add(egui::Button::selectable(i == self.current, label))
                    .on_hover_text(q.as_str());
                if tab.clicked() {
                    self.switch_table(i);
                }
                if tab.double_clicked() {
                    self.switch_table(i);
                    self.queued.push(Command::RenameTable);
                }
                tab.context_menu(|ui| {
                    self.current = i;
                    for cmd in [
                        Command::RenameTable,
                        Command::MoveTableLeft,
                        Command::MoveTableRight,
                        Command::DeleteTable,
                    ] {
                        if ui
                            .add_enabled(
                                self.is_enabled(cmd),
                                egui::Button::new(cmd.label(&self.i18n)),
                            )
                            .clicked()
                        {
                            self.queued.push(cmd);
                            ui.close();
                        }
                    }
                });
            }
            if ui
                .button("+")
                .on_hover_text(Command::AddTable.label(&self.i18n))
                .clicked()
            {
                self.queued.push(Command::AddTable);
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let (t, h, i) = self.doc.cafe.counts();
            ui.label(self.i18n.tr_args(
                "status-counts",
                &[
                    ("tables", t.into()),
                    ("themes", h.into()),
                    ("ideas", i.into()),
                ],
            ));
            if let Some(cam) = self
                .doc
                .cafe
                .tables
                .get(self.current)
                .and_then(|t| self.canvas.camera(t.question()))
            {
                ui.separator();
                ui.label(self.i18n.tr_args(
                    "status-zoom",
                    &[("percent", ((cam.zoom * 100.0).round() as i64).into())],
                ));
            }
            ui.separator();
            match &self.message {
                Some(m) if m.problem => {
                    ui.colored_label(egui::Color32::from_rgb(0xB0, 0x3A, 0x00), &m.text)
                }
                Some(m) => ui.colored_label(egui::Color32::from_rgb(0x1B, 0x6E, 0x3A), &m.text),
                None => ui.weak(self.i18n.tr("status-hint")),
            };
        });
    }

    fn command_palette(&mut self, ctx: &egui::Context) {
        let Some(p) = self.palette.as_mut() else {
            return;
        };
        let mut run = None;
        let mut close = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        let query = p.query.to_lowercase();
        let matches: Vec<(Command, String)> = Command::all()
            .into_iter()
            .map(|c| (c, c.label(&self.i18n)))
            .filter(|(_, l)| l.to_lowercase().contains(&query))
            .collect();
        egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(460.0);
            let r = ui.add(
                egui::TextEdit::singleline(&mut p.query)
                    .hint_text(self.i18n.tr("palette-hint"))
                    .desired_width(f32::INFINITY),
            );
            r.request_focus();
            if ui.input(|i| i.key_pressed(egui::Key::ArrowDown)) {
                p.selected = (p.selected + 1).min(matches.len().saturating_sub(1));
            }
            if ui.input(|i| i.key_pressed(egui::Key::ArrowUp)) {
                p.selected = p.selected.saturating_sub(1);
            }
            p.selected = p.selected.min(matches.len().saturating_sub(1));
            if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                run = matches.get(p.selected).map(|m| m.0);
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (i, (cmd, label)) in matches.iter().enumerate() {
                        let shortcut = cmd
                            .shortcuts()
                            .first()
                            .map(|s| ctx.format_shortcut(s))
                            .unwrap_or_default();
                        let b = egui::Button::selectable(i == p.selected, label.as_str())
                            .shortcut_text(shortcut);
                        if ui.add(b).clicked() {
                            run = Some(*cmd);
                        }
                    }
                });
        });
        if let Some(cmd) = run {
            self.queued.push(cmd);
            close = true;
        }
        if close {
            self.palette = None;
        }
    }

    fn confirm_dialog(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.confirm.clone() else {
            return;
        };
        let name = self
            .doc
            .display_name()
            .unwrap_or_else(|| self.doc.cafe.info.title.clone());
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("confirm-unsaved")).show(ctx, |ui| {
            ui.heading(self.i18n.tr("confirm-title"));
            ui.label(self.i18n.tr_args("confirm-body", &[("name", name.into())]));
            ui.horizontal(|ui| {
                if ui.button(self.i18n.tr("confirm-save")).clicked() {
                    choice = Some(0);
                }
                if ui.button(self.i18n.tr("confirm-discard")).clicked() {
                    choice = Some(1);
                }
                if ui.button(self.i18n.tr("confirm-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                self.confirm = None;
                self.save_then(pending, ctx);
            }
            Some(1) => {
                self.confirm = None;
                self.proceed(pending, ctx);
            }
            Some(_) => self.confirm = None,
            None => {}
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .doc
            .display_name()
            .unwrap_or_else(|| self.doc.cafe.info.title.clone());
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        let title = format!("{dirty}{name} — CaféMap");
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The whole window for one frame (eframe's `App::ui` and the UI tests call this).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.set_up {
            self.setup(&ctx);
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
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
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        self.import_report_panel(ui);
        let mut panel = present::panel::PanelOutput::default();
        if self.present_panel {
            egui::Panel::right("presentation-panel")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    panel = present::panel::show(
                        ui,
                        &self.doc.cafe,
                        self.current,
                        &self.canvas.selection,
                        &self.i18n,
                    );
                });
        }
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
                out = self.canvas.show(ui, &self.doc, self.current, &self.i18n);
            }
        });
        self.command_palette(&ctx);
        self.confirm_dialog(&ctx);
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

        // After the UI pass: what the canvas and the widgets asked for.
        for (edit, gesture) in out.edits {
            self.apply(edit, gesture);
        }
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
        if out.undo_fresh {
            self.run(&ctx, Command::Undo);
        }
        if let Some(p) = out.new_note_at {
            let ti = self.current;
            let id = self.doc.cafe.alloc_id();
            let node = crate::model::Node::new(id, crate::model::NodeKind::Idea, "").at(p);
            let g = self.canvas.new_gesture();
            let edit = Edit::InsertNodes {
                table: ti,
                nodes: vec![crate::edit::Placed { node, parent: None }],
                links: vec![],
            };
            if self.apply(edit, Some(g)) {
                self.canvas.edit_node(id, String::new(), true, g);
            }
        }
        for cmd in std::mem::take(&mut self.queued) {
            self.run(&ctx, cmd);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }
}

/// Files and sharing: dialogs' answers, import and export, dropped files, recent files,
/// autosave and crash recovery.
impl CafeApp {
    /// Keeps automatic copies of unsaved work in `store`, and offers back any copy a crashed
    /// session left there. [`Self::new`] uses the default folder; tests pass their own.
    pub fn with_recovery(mut self, store: RecoveryStore) -> CafeApp {
        self.sharing.orphans = store.orphans();
        match store.start_session() {
            Ok(session) => self.sharing.recovery = Some(session),
            Err(e) => {
                eprintln!("cafemap: automatic copies are off: {e}");
                self.warn(
                    self.i18n
                        .tr_args("autosave-off", &[("reason", e.to_string().into())]),
                );
            }
        }
        self
    }

    /// Asks for paths with the in-app field rather than native dialogs.
    pub fn with_path_prompt(mut self) -> CafeApp {
        self.files.use_prompt();
        self
    }

    /// Reads what eframe kept from the last run (the recent files), dropping missing files.
    pub fn restore_state(&mut self, storage: &dyn eframe::Storage) {
        let Some(mut recent) = eframe::get_value::<RecentFiles>(storage, RecentFiles::STORAGE_KEY)
        else {
            return;
        };
        recent.prune();
        // A map opened from the command line stays on top.
        for path in self.sharing.recent.paths().iter().rev() {
            recent.push(path);
        }
        self.sharing.recent = recent;
    }

    /// What eframe keeps for the next run.
    pub fn save_state(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RecentFiles::STORAGE_KEY, &self.sharing.recent);
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        self.sharing.recent.paths()
    }

    /// Where this window keeps its automatic copy, if it keeps one.
    pub fn recovery_copy(&self) -> Option<&Path> {
        self.sharing.recovery.as_ref().map(Session::path)
    }

    /// Waits for running exports and reports them (on exit; tests).
    pub fn finish_exports(&mut self) {
        for job in std::mem::take(&mut self.sharing.exports) {
            let result = job.wait();
            self.report_export(&job.path, result);
        }
    }

    /// A clean exit: lets exports finish, then removes the automatic copy.
    pub fn shutdown(&mut self) {
        self.finish_exports();
        if let Some(session) = self.sharing.recovery.take()
            && let Err(e) = session.end()
        {
            eprintln!("cafemap: {e}");
        }
    }

    /// Whether a modal dialog holds the keyboard.
    fn modal_open(&self) -> bool {
        self.confirm.is_some()
            || self.files.prompt_open()
            || self.sharing.offer.is_some()
            || !self.sharing.orphans.is_empty()
    }

    /// Where a dialog starts: the document's folder (else the last map's, else Documents), and
    /// for a file to write, a name from the document.
    fn suggested_path(&self, action: FileAction) -> PathBuf {
        let folder = |p: &PathBuf| {
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map(Path::to_owned)
        };
        let dir = self
            .doc
            .path
            .as_ref()
            .and_then(folder)
            .or_else(|| self.sharing.recent.paths().first().and_then(folder))
            .unwrap_or_else(super::files::default_dir);
        let stem = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| super::files::file_stem_for(&self.doc.cafe.info.title));
        match action {
            FileAction::Open | FileAction::Import => dir,
            FileAction::SaveAs => dir.join(format!("{stem}.ron")),
            FileAction::Export(f) => dir.join(format!("{stem}.{}", f.extension())),
        }
    }

    /// Opens a map, or imports another format into a new unsaved map and says what came in.
    fn open(&mut self, path: &Path) {
        match open_file(path) {
            Ok((doc, None)) => {
                self.replace_document(doc);
                self.sharing.recent.push(path);
                self.message = None;
            }
            Ok((doc, Some(skipped))) => {
                self.replace_document(doc);
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (t, h, i) = self.doc.cafe.counts();
                let mut message = self.i18n.tr_args(
                    "imported",
                    &[
                        ("name", name.clone().into()),
                        ("tables", t.into()),
                        ("themes", h.into()),
                        ("ideas", i.into()),
                    ],
                );
                if !skipped.is_empty() {
                    message.push_str(" · ");
                    message.push_str(
                        &self
                            .i18n
                            .tr_args("imported-skipped", &[("count", skipped.len().into())]),
                    );
                    self.sharing.import_report = Some(ImportReport { name, skipped });
                }
                self.inform(message);
            }
            Err(e) => {
                if !path.exists() {
                    self.sharing.recent.remove(path);
                }
                eprintln!("cafemap: {e}");
                self.warn(e);
            }
        }
    }

    /// "Save" in the unsaved-changes dialog: saves (asking where if the map has no file yet),
    /// then goes on with what was asked, once the map is really saved.
    fn save_then(&mut self, pending: Pending, ctx: &egui::Context) {
        if self.files.is_busy() {
            self.warn(self.i18n.tr("dialog-busy"));
            return;
        }
        self.sharing.after_save = Some(pending);
        self.run(ctx, Command::Save);
        // Saved in place: go on now. Otherwise a Save As is asking, and its answer goes on.
        if !self.files.is_busy()
            && let Some(pending) = self.sharing.after_save.take()
            && !self.doc.is_dirty()
        {
            self.proceed(pending, ctx);
        }
    }

    fn on_file_event(&mut self, event: FileEvent, ctx: &egui::Context) {
        match event {
            // Unsaved changes were dealt with before the dialog opened.
            FileEvent::Chosen(FileAction::Open | FileAction::Import, path) => {
                self.proceed(Pending::Open(path), ctx)
            }
            FileEvent::Chosen(FileAction::SaveAs, path) => {
                self.save_to(&path);
                if let Some(pending) = self.sharing.after_save.take()
                    && !self.doc.is_dirty()
                {
                    self.proceed(pending, ctx);
                }
            }
            FileEvent::Chosen(FileAction::Export(format), path) => {
                self.inform(
                    self.i18n
                        .tr_args("exporting", &[("path", path.display().to_string().into())]),
                );
                let job = ExportJob::start(self.doc.cafe.clone(), format, path, ctx);
                self.sharing.exports.push(job);
            }
            FileEvent::Cancelled(_) => self.sharing.after_save = None,
        }
    }

    fn poll_exports(&mut self) {
        let mut done = Vec::new();
        self.sharing.exports.retain(|job| match job.poll() {
            Some(result) => {
                done.push((job.path.clone(), result));
                false
            }
            None => true,
        });
        for (path, result) in done {
            self.report_export(&path, result);
        }
    }

    fn report_export(&mut self, path: &Path, result: Result<(), crate::io::FileError>) {
        match result {
            Ok(()) => self.inform(self.i18n.tr_args(
                "exported-to",
                &[("path", path.display().to_string().into())],
            )),
            Err(e) => {
                eprintln!("cafemap: export failed: {e}");
                self.warn(
                    self.i18n
                        .tr_args("export-failed", &[("reason", e.to_string().into())]),
                );
            }
        }
    }

    /// Files dropped on the window open (maps) or import (anything else); a recent file picked
    /// in the menu opens. Both ask first about unsaved changes.
    fn handle_open_requests(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let rect = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-overlay"),
            ));
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(110));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                self.i18n.tr("drop-hint"),
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        let request = match dropped.first() {
            Some(first) if !self.modal_open() => Some(first.clone()),
            _ => self.sharing.open_recent.take(),
        };
        let Some(path) = request else {
            return;
        };
        self.guard(Pending::Open(path), ctx);
        if dropped.len() > 1 {
            let one = self.i18n.tr("drop-one-file");
            match self.message.as_mut() {
                Some(m) => m.text = format!("{} · {one}", m.text),
                None => self.inform(one),
            }
        }
    }

    fn import_report_panel(&mut self, ui: &mut egui::Ui) {
        let Some(report) = &self.sharing.import_report else {
            return;
        };
        let mut close = false;
        egui::Panel::bottom("import-report").show(ui, |ui| {
            close = report.show(ui, &self.i18n);
        });
        if close {
            self.sharing.import_report = None;
        }
    }

    /// File ▸ Export ▸ one item per format (the command table has them; the palette too).
    fn export_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button(self.i18n.tr("menu-export"), |ui| {
            for format in super::commands::EXPORT_FORMATS {
                let name = super::files::format_label(format, &self.i18n);
                let hint = self.i18n.tr(&format!("format-{}-hint", format.extension()));
                let label = format!("{}…", super::files::capitalized(&name));
                if ui.button(label).on_hover_text(hint).clicked() {
                    self.queued.push(Command::Export(format));
                    ui.close();
                }
            }
        });
    }

    /// File ▸ Open recent: the maps opened or saved lately.
    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button(self.i18n.tr("menu-open-recent"), |ui| {
            let paths = self.sharing.recent.paths().to_vec();
            if paths.is_empty() {
                ui.add_enabled(false, egui::Button::new(self.i18n.tr("recent-empty")));
                return;
            }
            for path in paths {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                let folder = path
                    .parent()
                    .and_then(|d| d.file_name())
                    .map(|d| d.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let button = egui::Button::new(name).shortcut_text(folder);
                if ui
                    .add(button)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    self.sharing.open_recent = Some(path);
                    ui.close();
                }
            }
            ui.separator();
            if ui.button(self.i18n.tr("recent-clear")).clicked() {
                self.sharing.recent.clear();
                ui.close();
            }
        });
    }

    /// Offers back, one at a time, the copies crashed sessions left.
    fn restore_offer(&mut self, ctx: &egui::Context) {
        if self.sharing.offer.is_none() && !self.sharing.orphans.is_empty() {
            let orphan = self.sharing.orphans.remove(0);
            let loaded = orphan.load().map_err(|e| e.to_string());
            self.sharing.offer = Some((orphan, loaded));
        }
        let Some((orphan, loaded)) = &self.sharing.offer else {
            return;
        };
        let Some(choice) = super::files::restore_dialog(ctx, &self.i18n, orphan, loaded) else {
            return;
        };
        let Some((orphan, loaded)) = self.sharing.offer.take() else {
            return;
        };
        match (choice, loaded) {
            (RestoreChoice::Restore, Ok(recovered)) => {
                let mut doc = Document::new(recovered.cafe, recovered.original);
                doc.mark_unsaved();
                self.replace_document(doc);
                // The copy moves to this session before the old one goes.
                if self.write_recovery_copy(ctx.input(|i| i.time))
                    && let Err(e) = orphan.discard()
                {
                    eprintln!("cafemap: {e}");
                }
                let mut message = self.i18n.tr("recovery-restored");
                let more = std::mem::take(&mut self.sharing.orphans).len();
                if more > 0 {
                    message.push(' ');
                    message.push_str(
                        &self
                            .i18n
                            .tr_args("recovery-more", &[("count", more.into())]),
                    );
                }
                self.inform(message);
            }
            (RestoreChoice::Discard, _) => {
                if let Err(e) = orphan.discard() {
                    self.warn(e.to_string());
                }
            }
            // Restore is not offered for a copy that cannot be read; keep it for next time.
            (RestoreChoice::Restore, Err(_)) => {}
        }
    }

    /// Copies the document to the recovery folder now. Returns whether the copy was written.
    fn write_recovery_copy(&mut self, now: f64) -> bool {
        let Some(session) = &self.sharing.recovery else {
            return false;
        };
        match session.write(&self.doc.cafe, self.doc.path.as_deref()) {
            Ok(()) => {
                self.sharing.autosave.wrote(self.doc.revision());
                true
            }
            Err(e) => {
                eprintln!("cafemap: automatic copy failed: {e}");
                self.sharing.autosave.failed(now);
                self.warn(
                    self.i18n
                        .tr_args("autosave-off", &[("reason", e.to_string().into())]),
                );
                false
            }
        }
    }

    /// Keeps the automatic copy in step with the document (see [`Autosave`]): costs nothing
    /// while the document is clean or the copy is up to date.
    fn autosave(&mut self, ctx: &egui::Context) {
        if self.sharing.recovery.is_none() {
            return;
        }
        let (now, focused) = ctx.input(|i| (i.time, i.focused));
        let step =
            self.sharing
                .autosave
                .step(now, focused, self.doc.is_dirty(), self.doc.revision());
        match step {
            AutosaveStep::Write => {
                self.write_recovery_copy(now);
            }
            AutosaveStep::Clear => self.forget_recovery_copy(),
            AutosaveStep::WaitFor(after) => ctx.request_repaint_after(after),
            AutosaveStep::Idle => {}
        }
    }

    /// The document was saved or replaced: its automatic copy is no longer needed.
    fn forget_recovery_copy(&mut self) {
        self.sharing.autosave.reset();
        if let Some(session) = &self.sharing.recovery
            && let Err(e) = session.clear()
        {
            eprintln!("cafemap: {e}");
        }
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
