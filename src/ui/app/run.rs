//! Running a [`Command`]: what each entry of the command table does to the window and, through
//! [`CafeApp::apply`], to the document.

use super::*;

impl CafeApp {
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
                let clip = ops::Clip::copy(t, &self.canvas.selection);
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
                if let Some((edit, top)) = ops::duplicate(&mut self.doc.cafe, ti, &sel) {
                    self.apply(edit, None);
                    self.canvas.selection = top.into_iter().collect();
                }
            }
            ToggleLink => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                if let Some(edit) = ops::toggle_link(ti, t, &self.canvas.selection) {
                    self.apply(edit, None);
                }
            }
            Merge => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                if let Some((edit, merged)) = ops::merge(ti, t, &self.canvas.selection)
                    && self.apply(edit, None)
                {
                    self.canvas.selection = BTreeSet::from([merged]);
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
                    ops::add_child(&mut self.doc.cafe, ti, Some(from))
                } else {
                    ops::add_sibling(&mut self.doc.cafe, ti, from)
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
                    ops::recolor(ti, t, &self.canvas.selection, NoteColor::Palette(paper))
                {
                    self.apply(edit, None);
                }
            }
            Arrange | ArrangeSelection => {
                let Some(t) = self.doc.cafe.tables.get(ti) else {
                    return;
                };
                let sel = (cmd == ArrangeSelection).then_some(&self.canvas.selection);
                if let Some(edit) = ops::arrange(ti, t, sel) {
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
                    Some(&from) => ops::nearest_in_direction(t, from, dir.vector()),
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
                let roots = ops::selection_roots(t, &self.canvas.selection);
                if let Some(edit) = ops::drop_nodes(ti, t, &roots, dir.vector() * NUDGE_STEP, None)
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
            CommandPalette => self.palette = Some(Palette::default()),
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
    pub(super) fn resume_after_presentation(&mut self, ctx: &egui::Context, out: present::Outcome) {
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

    pub(super) fn delete_selection(&mut self) {
        let ti = self.current;
        let Some(t) = self.doc.cafe.tables.get(ti) else {
            return;
        };
        if let Some(edit) = ops::delete(ti, t, &self.canvas.selection) {
            self.apply(edit, None);
        }
    }

    /// Opens the in-place editor on a node, with its text or, when typing started it, the typed text.
    pub(super) fn start_editing(&mut self, id: NodeId, replace: Option<String>) {
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

    pub(super) fn switch_table(&mut self, index: usize) {
        if index != self.current {
            self.canvas.editor = None;
            self.canvas.selection.clear();
        }
        self.current = index.min(self.doc.cafe.tables.len().saturating_sub(1));
    }
}
