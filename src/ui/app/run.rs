//! Running a [`Command`]: what each entry of the command table does to the window and, through
//! [`CafeApp::apply`], to the document.

use super::*;

impl CafeApp {
    /// Runs a command now (tests, and the queue after each frame).
    pub fn run(&mut self, ctx: &egui::Context, cmd: Command) {
        if cmd == Command::Split {
            // Needs the text and the caret before they are committed.
            self.split(ctx);
            return;
        }
        // What is being typed is committed before anything else happens. Formatting (a colour)
        // applies to the note being typed and joins its undo step, the editor staying open:
        // Esc on a brand-new note still takes back exactly that note.
        let typing_gesture = match cmd {
            Command::Recolor(_) => {
                let r = self.editor.doc.flush_draft();
                self.report(r);
                self.editor.doc.draft().map(|d| d.gesture)
            }
            _ => {
                self.commit_typing();
                None
            }
        };
        if !matches!(cmd, Command::Nudge(_)) {
            self.editor.nudge_gesture = None;
        }
        if !matches!(cmd, Command::AddDot | Command::RemoveDot) {
            self.editor.vote_gesture = None;
        }
        use Command::*;
        match cmd {
            NewDocument | Open | Import | MergeCopy | Export(_) | ExportReport | Save | SaveAs
            | TrimHistory | Quit => self.run_file(ctx, cmd),
            LiveStart | LiveJoin | LiveLeave => self.run_live(cmd),
            Undo | Redo | Copy | Cut | Paste | Duplicate | ToggleLink | Merge | Split | Delete
            | SelectAll | ToggleFold | ToggleFoldAll => self.run_edit(ctx, cmd),
            EditText | AddChild | AddSibling | Recolor(_) | Arrange | ArrangeSelection
            | Select(_) | Nudge(_) => self.run_shape(ctx, cmd, typing_gesture),
            Find | Replace | FindNext | FindPrevious | Tidy | FindThreads | CoverageMatrix
            | GoToOriginal | Outline | ZoomFit | ZoomSelection | ZoomIn | ZoomOut | ZoomActual
            | CommandPalette | Present | PresentationPanel => self.run_view(ctx, cmd),
            AddTable | RenameTable | DeleteTable | MoveTableLeft | MoveTableRight | NextTable
            | PreviousTable => self.run_table(cmd),
            AddDot | RemoveDot | NextDotKind | DotKinds | TagSelection | EditAction | SetOrigin
            | ArrangeByVotes | TopIdeas | TagsPanel | ActionsPanel | CafeProperties => {
                self.run_harvest(ctx, cmd)
            }
        }
    }

    /// Files: new, open, import, export, save, quit.
    fn run_file(&mut self, ctx: &egui::Context, cmd: Command) {
        use Command::*;
        match cmd {
            NewDocument => self.guard(Pending::New, ctx),
            Open => self.guard(Pending::OpenDialog, ctx),
            Import => self.guard(Pending::ImportDialog, ctx),
            MergeCopy => self.ask_path(FileAction::MergeCopy, ctx),
            Export(format) => self.ask_path(FileAction::Export(format), ctx),
            ExportReport => {
                self.commit_typing();
                self.views.report_dialog = Some(ReportDialog::default());
            }
            Save => match self.editor.doc.path.clone().filter(|p| is_ron(p)) {
                Some(path) => self.save_to(&path),
                None => self.ask_path(FileAction::SaveAs, ctx),
            },
            SaveAs => self.ask_path(FileAction::SaveAs, ctx),
            TrimHistory => self.ask_trim(),
            Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            _ => {}
        }
    }

    /// History, clipboard, and what changes the selected nodes as they are.
    fn run_edit(&mut self, ctx: &egui::Context, cmd: Command) {
        let ti = self.editor.current;
        use Command::*;
        match cmd {
            Undo | Redo => {
                let r = if cmd == Undo {
                    self.editor.doc.undo()
                } else {
                    self.editor.doc.redo()
                };
                match r {
                    Ok(Some(focus)) => self.show_focus(ctx, focus),
                    Ok(None) => {}
                    Err(e) => self.report(Err(e)),
                }
                self.say_what_undo_kept(cmd == Undo);
                self.prune_selection();
            }
            Copy | Cut => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                let clip = ops::Clip::copy(t, &self.editor.selection);
                if !clip.text.is_empty() {
                    ctx.copy_text(clip.text.clone());
                    self.editor.clipboard = Some(clip);
                }
                if cmd == Cut {
                    self.delete_selection();
                }
            }
            // Paste arrives as a clipboard event with its text (see `handle_clipboard`).
            Paste => {}
            Duplicate => {
                let sel = self.editor.selection.clone();
                if let Some((edit, top)) = ops::duplicate(self.editor.doc.cafe(), ti, &sel) {
                    self.apply(edit, None);
                    self.editor.selection = top.into_iter().collect();
                }
            }
            ToggleLink => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                if let Some(edit) = ops::toggle_link(ti, t, &self.editor.selection) {
                    self.apply(edit, None);
                }
            }
            Merge => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                if let Some((edit, merged)) = ops::merge(ti, t, &self.editor.selection)
                    && self.apply(edit, None)
                {
                    self.editor.selection = BTreeSet::from([merged]);
                }
            }
            Split => {} // handled above, before the text is committed
            Delete => self.delete_selection(),
            SelectAll => {
                if let Some(t) = self.editor.doc.cafe().tables.get(ti) {
                    let hidden = crate::edit::fold::hidden(t);
                    self.editor.selection = t
                        .node_ids()
                        .into_iter()
                        .filter(|id| !hidden.contains(id))
                        .collect();
                }
            }
            ToggleFold | ToggleFoldAll => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                let sel = &self.editor.selection;
                let edit = if cmd == ToggleFold {
                    crate::edit::fold::toggle(ti, t, sel)
                } else {
                    crate::edit::fold::toggle_all_below(ti, t, sel)
                };
                if let Some(edit) = edit {
                    self.apply(edit, None);
                }
            }
            _ => {}
        }
    }

    /// Typing, adding, colouring, arranging, walking and nudging nodes.
    fn run_shape(&mut self, ctx: &egui::Context, cmd: Command, typing_gesture: Option<GestureId>) {
        let ti = self.editor.current;
        let now = ctx.input(|i| i.time);
        let tq = self.editor.doc.cafe().tables.get(ti).map(|t| t.question());
        use Command::*;
        match cmd {
            EditText => {
                if let Some(id) = self.single_selection() {
                    self.start_editing(id, None);
                }
            }
            AddChild | AddSibling => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                let from = self.single_selection().unwrap_or(t.question());
                let made = if cmd == AddChild {
                    ops::add_child(self.editor.doc.cafe(), ti, Some(from))
                } else {
                    ops::add_sibling(self.editor.doc.cafe(), ti, from)
                };
                if let Some((edit, id)) = made {
                    let g = self.views.canvas.new_gesture();
                    if self.apply(edit, Some(g)) {
                        self.begin_editing(id, String::new(), true, g);
                        self.reveal(ctx, &BTreeSet::from([id]));
                    }
                }
            }
            Recolor(paper) => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                if let Some(edit) =
                    ops::recolor(ti, t, &self.editor.selection, NoteColor::Palette(paper))
                {
                    self.apply(edit, typing_gesture);
                }
            }
            Arrange | ArrangeSelection => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                let sel = (cmd == ArrangeSelection).then_some(&self.editor.selection);
                if let Some(edit) = ops::arrange(ti, t, sel) {
                    let from = t.nodes().map(|n| (n.id, n.pos)).collect();
                    if self.apply(edit, None) {
                        self.views.canvas.animate_from(from, now);
                        if let (Some(t), Some(tq)) = (self.editor.doc.cafe().tables.get(ti), tq) {
                            let bounds = self.views.canvas.fit_bounds(
                                self.editor.doc.cafe(),
                                t,
                                self.editor.doc.revision(),
                            );
                            self.views.canvas.glide_to(tq, bounds, now, 1.5);
                        }
                    }
                }
            }
            Select(dir) => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                let next = match self.editor.selection.last() {
                    Some(&from) => ops::nearest_in_direction(
                        t,
                        from,
                        dir.vector(),
                        &crate::edit::fold::hidden(t),
                    ),
                    None => Some(t.question()),
                };
                if let Some(next) = next {
                    self.editor.selection = BTreeSet::from([next]);
                    self.reveal(ctx, &BTreeSet::from([next]));
                }
            }
            Nudge(dir) => {
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                let roots = ops::selection_roots(t, &self.editor.selection);
                if let Some(edit) =
                    ops::drop_nodes(ti, t, &roots, dir.vector() * NUDGE_STEP, None, None)
                {
                    // Repeated nudges are one undo step, like one drag.
                    let g = match self.editor.nudge_gesture {
                        Some(g) => g,
                        None => self.views.canvas.new_gesture(),
                    };
                    self.editor.nudge_gesture = Some(g);
                    self.apply(edit, Some(g));
                }
            }
            _ => {}
        }
    }

    /// Views: find, reviews, outline, zoom, the palette, presenting.
    fn run_view(&mut self, ctx: &egui::Context, cmd: Command) {
        let ti = self.editor.current;
        let now = ctx.input(|i| i.time);
        let tq = self.editor.doc.cafe().tables.get(ti).map(|t| t.question());
        use Command::*;
        match cmd {
            Find | Replace => match self.views.find.as_mut() {
                Some(bar) => bar.refocus(cmd == Replace),
                None => self.views.find = Some(FindBar::new(cmd == Replace)),
            },
            FindNext | FindPrevious => match self.views.find {
                Some(_) => self.on_find(
                    ctx,
                    if cmd == FindNext {
                        FindIntent::Next
                    } else {
                        FindIntent::Previous
                    },
                ),
                None => self.views.find = Some(FindBar::new(false)),
            },
            Tidy => self.start_tidy(),
            FindThreads => self.start_threads(),
            CoverageMatrix => self.toggle_matrix(),
            GoToOriginal => self.go_to_selected_original(),
            Outline => {
                self.views.outline = match self.views.outline.take() {
                    Some(_) => None,
                    None => Some(super::Outline::default()),
                };
            }
            ZoomFit | ZoomSelection => {
                let (Some(t), Some(tq)) = (self.editor.doc.cafe().tables.get(ti), tq) else {
                    return;
                };
                let rev = self.editor.doc.revision();
                let bounds = if cmd == ZoomSelection && !self.editor.selection.is_empty() {
                    let sel = self.editor.selection.clone();
                    self.views
                        .canvas
                        .nodes_bounds(self.editor.doc.cafe(), t, rev, &sel)
                } else {
                    self.views.canvas.fit_bounds(self.editor.doc.cafe(), t, rev)
                };
                self.views
                    .canvas
                    .glide_to(tq, bounds, now, if cmd == ZoomFit { 1.5 } else { 3.0 });
            }
            ZoomIn | ZoomOut => {
                if let Some(tq) = tq {
                    self.views
                        .canvas
                        .zoom_by(tq, if cmd == ZoomIn { 1.25 } else { 0.8 });
                }
            }
            ZoomActual => {
                if let Some(tq) = tq {
                    self.views.canvas.set_zoom(tq, 1.0);
                }
            }
            CommandPalette => self.views.palette = Some(Palette::default()),
            Present => {
                let from = self.single_selection().map(|id| (ti, id));
                // References show their originals as they read now.
                let shown = crate::render::shown_cafe(self.editor.doc.cafe());
                self.views.present = Some(Presentation::with(
                    &shown,
                    from,
                    self.views.harvest.reveal.clone(),
                ));
                ctx.request_repaint();
            }
            PresentationPanel => self.views.present_panel = !self.views.present_panel,
            _ => {}
        }
    }

    /// Tables: add, rename, delete, reorder, switch.
    fn run_table(&mut self, cmd: Command) {
        let ti = self.editor.current;
        let tq = self.editor.doc.cafe().tables.get(ti).map(|t| t.question());
        use Command::*;
        match cmd {
            AddTable => {
                let question = self.i18n.tr("new-table-question");
                let table = self.editor.doc.cafe().new_table(question.clone());
                let qid = table.question();
                let index = self.editor.doc.cafe().tables.len();
                if self.apply(
                    Edit::InsertTable {
                        index,
                        table: Box::new(table),
                    },
                    None,
                ) {
                    self.switch_table(index);
                    self.start_editing(qid, Some(question));
                    self.views.canvas.select_all_when_editing();
                }
            }
            RenameTable => {
                if let Some(tq) = tq {
                    self.switch_table(ti);
                    self.start_editing(tq, None);
                }
            }
            DeleteTable if self.apply(Edit::RemoveTable { index: ti }, None) => {
                self.switch_table(ti.min(self.editor.doc.cafe().tables.len().saturating_sub(1)));
            }
            DeleteTable => {}
            MoveTableLeft | MoveTableRight => {
                let to = if cmd == MoveTableLeft {
                    ti.checked_sub(1)
                } else {
                    Some(ti + 1)
                };
                if let Some(to) = to.filter(|&to| to < self.editor.doc.cafe().tables.len())
                    && self.apply(Edit::MoveTable { from: ti, to }, None)
                {
                    self.editor.current = to;
                }
            }
            NextTable | PreviousTable => {
                let n = self.editor.doc.cafe().tables.len();
                if n > 0 {
                    let next = if cmd == NextTable {
                        (ti + 1) % n
                    } else {
                        (ti + n - 1) % n
                    };
                    self.switch_table(next);
                }
            }
            _ => {}
        }
    }

    /// Back in the editor after a presentation, showing where it was: its table, the node it
    /// was on selected, its branch (or the whole table) framed.
    pub(super) fn resume_after_presentation(&mut self, ctx: &egui::Context, out: present::Outcome) {
        if let Some(t) = out.table {
            self.switch_table(t);
        }
        self.editor.selection = out.select.into_iter().collect();
        let Some(t) = self.editor.doc.cafe().tables.get(self.editor.current) else {
            return;
        };
        let rev = self.editor.doc.revision();
        let bounds = if out.frame.is_empty() {
            self.views.canvas.fit_bounds(self.editor.doc.cafe(), t, rev)
        } else {
            let ids = out.frame.iter().flat_map(|&id| t.subtree(id)).collect();
            self.views
                .canvas
                .nodes_bounds(self.editor.doc.cafe(), t, rev, &ids)
        };
        self.views
            .canvas
            .glide_to(t.question(), bounds, ctx.input(|i| i.time), 1.5);
    }

    pub(super) fn delete_selection(&mut self) {
        let ti = self.editor.current;
        let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
            return;
        };
        if let Some(edit) = ops::delete(ti, t, &self.editor.selection) {
            self.apply(edit, None);
        }
    }

    /// Opens the in-place editor on a node, with its text or, when typing started it, the typed text.
    pub(super) fn start_editing(&mut self, id: NodeId, replace: Option<String>) {
        // A reference stands for an idea of another table: that idea is the one edited.
        if let Some(original) = self.original_of(id) {
            self.jump_to(original);
            self.start_editing(original, replace);
            return;
        }
        let Some(node) = self
            .editor
            .doc
            .cafe()
            .tables
            .get(self.editor.current)
            .and_then(|t| t.node(id))
        else {
            return;
        };
        let text = replace.unwrap_or_else(|| node.text.clone());
        let g = self.views.canvas.new_gesture();
        self.begin_editing(id, text, false, g);
    }

    pub(super) fn switch_table(&mut self, index: usize) {
        self.commit_typing();
        if index != self.editor.current {
            self.editor.selection.clear();
        }
        self.editor.current = index.min(self.editor.doc.cafe().tables.len().saturating_sub(1));
    }

    /// Splits the note being typed at the caret, or the selected note back into the pieces it
    /// was joined from, else at its line or sentence breaks; the parts end up selected.
    fn split(&mut self, ctx: &egui::Context) {
        let ti = self.editor.current;
        let at_caret = self.editor.doc.draft().and_then(|d| {
            let caret = d.caret?;
            let before: String = d.text.chars().take(caret).collect();
            let after: String = d.text.chars().skip(caret).collect();
            (!before.trim().is_empty() && !after.trim().is_empty())
                .then(|| (d.id, vec![before, after]))
        });
        self.commit_typing();
        let split = at_caret.or_else(|| {
            let id = self.single_selection()?;
            let node = self.editor.doc.cafe().tables.get(ti)?.node(id)?;
            Some((id, ops::split_parts(node)))
        });
        let made = split.and_then(|(id, parts)| ops::split(self.editor.doc.cafe(), ti, id, &parts));
        match made {
            Some((edit, ids)) => {
                if self.apply(edit, None) {
                    let ids: BTreeSet<NodeId> = ids.into_iter().collect();
                    self.editor.selection = ids.clone();
                    self.reveal(ctx, &ids);
                }
            }
            None => self.warn(self.i18n.tr("nothing-to-split")),
        }
    }

    /// What the find bar asked for: move to a match (its table, selected, in view), replace,
    /// or close (the selection stays on the match).
    pub(super) fn on_find(&mut self, ctx: &egui::Context, intent: FindIntent) {
        self.commit_typing();
        let revision = self.editor.doc.revision();
        let Some(bar) = self.views.find.as_mut() else {
            return;
        };
        bar.refresh(self.editor.doc.cafe(), revision);
        match intent {
            FindIntent::Search => bar.start_from(self.editor.current),
            FindIntent::Next => bar.step(true),
            FindIntent::Previous => bar.step(false),
            FindIntent::ReplaceOne | FindIntent::ReplaceAll => {
                let chosen: Vec<_> = if intent == FindIntent::ReplaceAll {
                    bar.matches().to_vec()
                } else {
                    bar.current_match().cloned().into_iter().collect()
                };
                let with = bar.replacement.clone();
                let count = chosen.len();
                if let Some(edit) =
                    crate::edit::find::replace(self.editor.doc.cafe(), &chosen, &with)
                    && self.apply(edit, None)
                {
                    self.inform(self.i18n.tr_args("replaced", &[("count", count.into())]));
                }
                let revision = self.editor.doc.revision();
                if let Some(bar) = self.views.find.as_mut() {
                    bar.refresh(self.editor.doc.cafe(), revision);
                    if bar.current.is_none() {
                        bar.start_from(self.editor.current);
                    }
                }
            }
            FindIntent::Close => {
                self.views.find = None;
                return;
            }
        }
        let Some(m) = self
            .views
            .find
            .as_ref()
            .and_then(|b| b.current_match())
            .cloned()
        else {
            return;
        };
        if m.table != self.editor.current {
            self.switch_table(m.table);
        }
        // A match inside a folded branch: the branch opens (an undo step of its own).
        let reveal = self
            .editor
            .doc
            .cafe()
            .tables
            .get(m.table)
            .and_then(|t| crate::edit::fold::reveal(m.table, t, m.id));
        if let Some(edit) = reveal {
            self.apply(edit, None);
        }
        let shown = BTreeSet::from([m.id]);
        self.editor.selection = shown.clone();
        self.reveal(ctx, &shown);
    }

    /// Marks the matches on the table shown, the current one more strongly.
    pub(super) fn highlight_matches(&mut self) {
        let revision = self.editor.doc.revision();
        let (hits, current) = match self.views.find.as_mut() {
            Some(bar) => {
                bar.refresh(self.editor.doc.cafe(), revision);
                let hits = bar
                    .matches()
                    .iter()
                    .filter(|m| m.table == self.editor.current)
                    .map(|m| m.id)
                    .collect();
                (hits, bar.current_match().map(|m| m.id))
            }
            None => (BTreeSet::new(), None),
        };
        self.views.canvas.find_hits = hits;
        self.views.canvas.find_current = current;
    }

    /// After an undo or redo: the table it changed, with the changed nodes selected and in view.
    fn show_focus(&mut self, ctx: &egui::Context, focus: crate::edit::Focus) {
        if let Some(t) = focus.table {
            self.switch_table(t);
        }
        let Some(table) = self.editor.doc.cafe().tables.get(self.editor.current) else {
            return;
        };
        let shown: BTreeSet<NodeId> = focus
            .nodes
            .into_iter()
            .filter(|id| table.contains(*id))
            .collect();
        if !shown.is_empty() {
            self.editor.selection = shown.clone();
            self.reveal(ctx, &shown);
        }
    }

    /// In a live session, what an undo or redo left as others made it, in the status bar.
    fn say_what_undo_kept(&mut self, undo: bool) {
        use crate::edit::Kept;
        let kept = self.editor.doc.kept();
        if kept.is_empty() {
            return;
        }
        let cafe = self.editor.doc.cafe();
        let note = |id| {
            let text = cafe.node(id).map(|n| n.text.as_str()).unwrap_or_default();
            crate::ui::merge::one_line(text, 40)
        };
        let mut what: Vec<String> = kept
            .iter()
            .map(|k| match k {
                Kept::Text(id) => self
                    .i18n
                    .tr_args("undo-kept-text", &[("note", note(*id).into())]),
                Kept::Deleted(_) => self.i18n.tr("undo-kept-deleted"),
                Kept::Changed(id) => self
                    .i18n
                    .tr_args("undo-kept-changed", &[("note", note(*id).into())]),
                Kept::Event => self.i18n.tr("undo-kept-event"),
            })
            .collect();
        // Three notes someone deleted read as one.
        let mut seen = std::collections::HashSet::new();
        what.retain(|w| seen.insert(w.clone()));
        let key = if undo { "undo-kept" } else { "redo-kept" };
        let line = self.i18n.tr_args(key, &[("what", what.join("; ").into())]);
        self.warn(line);
    }
}
