//! The one queue: what widgets, menus, shortcuts, the palette, dropped files and window events
//! ask for during the UI pass waits here, and runs after it in [`CafeApp::handle_queue`] — the
//! end of the text being typed first, then the rest in the order it was asked.

use super::*;
use crate::geom::Point;
use crate::ui::matrix::MatrixIntent;
use crate::ui::new_event::NewEvent;
use crate::ui::threads::ThreadsIntent;
use crate::ui::tidy::TidyIntent;

/// Something the UI asked for this frame.
pub enum Intent {
    /// An entry of the command table (menus, toolbar, shortcuts, the palette).
    Command(Command),
    /// The window is closing, or lost the keyboard.
    Window(WindowEvent),
    /// Keep or drop the text being typed (Enter, Esc, a click elsewhere).
    EndDraft(DraftEnd),
    /// Type into a node: its text, or (`replace`) the text typed on it while selected. A
    /// double-click on a reference goes to the idea it stands for instead.
    EditNode {
        id: NodeId,
        replace: Option<String>,
    },
    /// An edit of the document, in an undo step of its own or in a gesture's.
    Apply(Edit, Option<GestureId>),
    /// The selection as a view left it.
    Select(BTreeSet<NodeId>),
    /// Branches just dropped: the camera keeps them in sight.
    Reveal(Vec<NodeId>),
    /// A dot added (+1) or taken off (-1) a note by a click.
    Vote {
        id: NodeId,
        kind: usize,
        delta: i64,
    },
    /// A new unsorted note at this place on the map (double-click on the wall).
    NewNoteAt(Point),
    /// The speaker notes typed in the presentation panel (one undo step per typing session).
    SpeakerNotes(Edit),
    /// The speaker notes field was left: the typing session is over.
    SpeakerNotesDone,
    /// Text pasted from the system clipboard.
    Paste(String),
    /// A file dropped on the window, or picked in File ▸ Open recent.
    OpenFile {
        path: PathBuf,
        /// More than one file was dropped (only the first opens).
        more: bool,
    },
    File(FileEvent),
    Confirm(ConfirmChoice),
    Restore(RestoreChoice),
    NewEvent(Box<NewEvent>),
    Report(ReportIntent),
    Outline(OutlineIntent),
    Find(FindIntent),
    Harvest(HarvestIntent),
    Tidy(TidyIntent),
    Merge(crate::ui::merge::MergeIntent),
    History(crate::ui::merge::HistoryAnswer),
    Threads(ThreadsIntent),
    Matrix(MatrixIntent),
    /// The presentation ended, on this outcome.
    Presented(present::Outcome),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowEvent {
    Closing,
    LostFocus,
}

/// The unsaved-changes dialog's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmChoice {
    Save,
    Discard,
    Cancel,
}

impl From<Command> for Intent {
    fn from(cmd: Command) -> Intent {
        Intent::Command(cmd)
    }
}

impl CafeApp {
    /// Asks for something to be done after the UI pass.
    pub(super) fn push(&mut self, intent: impl Into<Intent>) {
        self.queue.push(intent.into());
    }

    /// Runs what the UI asked for this frame: what becomes of the text being typed first, once,
    /// then the rest in the order it was asked. (Edits commit what is being typed themselves,
    /// in `apply`, so nothing typed is lost behind them.)
    pub(super) fn handle_queue(&mut self, ctx: &egui::Context) {
        let mut queue = std::mem::take(&mut self.queue);
        if let Some(at) = queue.iter().position(|i| matches!(i, Intent::EndDraft(_)))
            && let Intent::EndDraft(end) = queue.remove(at)
        {
            self.end_typing(end);
            queue.retain(|i| !matches!(i, Intent::EndDraft(_)));
        }
        for intent in queue {
            self.handle(ctx, intent);
        }
        // What the UI asks while handling (a command running another) runs too.
        while !self.queue.is_empty() {
            for intent in std::mem::take(&mut self.queue) {
                self.handle(ctx, intent);
            }
        }
    }

    fn handle(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Command(cmd) => self.run(ctx, cmd),
            Intent::Window(event) => self.on_window(ctx, event),
            Intent::EndDraft(end) => self.end_typing(end),
            Intent::EditNode { id, replace } => self.on_edit_node(id, replace),
            Intent::Apply(edit, gesture) => {
                self.apply(edit, gesture);
            }
            Intent::Select(selection) => {
                self.editor.selection = selection;
                self.prune_selection();
            }
            Intent::Reveal(roots) => self.reveal_branches(ctx, &roots),
            Intent::Vote { id, kind, delta } => self.vote(&[id], kind, delta, None),
            Intent::NewNoteAt(p) => self.new_note_at(p),
            Intent::SpeakerNotes(edit) => self.type_speaker_notes(edit),
            Intent::SpeakerNotesDone => self.editor.note_gesture = None,
            Intent::Paste(text) => self.paste(ctx, &text),
            Intent::OpenFile { path, more } => self.open_requested(ctx, path, more),
            Intent::File(event) => self.on_file_event(event, ctx),
            Intent::Confirm(choice) => self.on_confirm(ctx, choice),
            Intent::Restore(choice) => self.on_restore(ctx, choice),
            Intent::NewEvent(made) => {
                let NewEvent { cafe, planned } = *made;
                let mut doc = Document::new(cafe, None);
                if planned {
                    doc.mark_unsaved();
                }
                self.replace_document(doc);
            }
            Intent::Report(ReportIntent::Export(format, options)) => {
                self.sharing.report_options = Some(options);
                self.ask_path(FileAction::Report(format), ctx);
            }
            Intent::Outline(intent) => self.on_outline(ctx, intent),
            Intent::Find(intent) => self.on_find(ctx, intent),
            Intent::Harvest(intent) => self.on_harvest(ctx, intent),
            Intent::Tidy(intent) => self.on_tidy(intent),
            Intent::Merge(intent) => self.on_merge(intent),
            Intent::History(answer) => self.on_history(ctx, answer),
            Intent::Threads(intent) => self.on_threads(intent),
            Intent::Matrix(intent) => self.on_matrix(ctx, intent),
            Intent::Presented(outcome) => {
                self.views.present = None;
                self.resume_after_presentation(ctx, outcome);
                ctx.request_repaint();
            }
        }
    }

    /// The window closing commits what is being typed (and asks about unsaved work); losing the
    /// keyboard writes it into the document, the editor staying open: the window may never come
    /// back (a crash, a dead battery).
    fn on_window(&mut self, ctx: &egui::Context, event: WindowEvent) {
        match event {
            WindowEvent::Closing => {
                self.commit_typing();
                if self.editor.is_dirty() && !self.window.allow_close {
                    ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                    self.views.confirm = Some(Pending::Quit);
                }
            }
            WindowEvent::LostFocus => {
                let r = self.editor.doc.flush_draft();
                self.report(r);
            }
        }
    }

    /// A double-click on a node: type into it (a reference goes to its original instead).
    fn on_edit_node(&mut self, id: NodeId, replace: Option<String>) {
        self.commit_typing();
        if replace.is_none() && self.go_to_original(id) {
            return;
        }
        self.start_editing(id, replace);
    }

    /// A new unsorted note where the wall was double-clicked, typed into at once.
    fn new_note_at(&mut self, p: Point) {
        self.commit_typing();
        let ti = self.editor.current;
        let id = self.editor.doc.cafe().alloc_id();
        let node = crate::model::Node::new(id, crate::model::NodeKind::Idea, "").at(p);
        let g = self.views.canvas.new_gesture();
        let edit = Edit::InsertNodes {
            table: ti,
            nodes: vec![crate::edit::Placed { node, parent: None }],
            links: vec![],
        };
        if self.apply(edit, Some(g)) {
            self.begin_editing(id, String::new(), true, g);
        }
    }

    /// Typing into one node's speaker notes is one undo step, until the field is left.
    fn type_speaker_notes(&mut self, edit: Edit) {
        let id = match &edit {
            Edit::SetNote { id, .. } => Some(*id),
            _ => None,
        };
        let g = match self.editor.note_gesture {
            Some((n, g)) if Some(n) == id => g,
            _ => self.views.canvas.new_gesture(),
        };
        self.editor.note_gesture = id.map(|id| (id, g));
        self.apply(edit, Some(g));
    }

    /// The unsaved-changes dialog answered: save first, go on without saving, or stay.
    fn on_confirm(&mut self, ctx: &egui::Context, choice: ConfirmChoice) {
        let Some(pending) = self.views.confirm.take() else {
            return;
        };
        match choice {
            ConfirmChoice::Save => self.save_then(pending, ctx),
            ConfirmChoice::Discard => self.proceed(pending, ctx),
            ConfirmChoice::Cancel => {}
        }
    }
}
