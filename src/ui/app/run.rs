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
                let r = self.doc.flush_draft();
                self.report(r);
                self.doc.draft().map(|d| d.gesture)
            }
            _ => {
                self.commit_typing();
                None
            }
        };
        if !matches!(cmd, Command::Nudge(_)) {
            self.nudge_gesture = None;
        }
        if !matches!(cmd, Command::AddDot | Command::RemoveDot) {
            self.harvest.vote_gesture = None;
        }
        let ti = self.current;
        let now = ctx.input(|i| i.time);
        let tq = self.doc.cafe().tables.get(ti).map(|t| t.question());
        use Command::*;
        match cmd {
            NewDocument => self.guard(Pending::New, ctx),
            Open => self.guard(Pending::OpenDialog, ctx),
            Import => self.guard(Pending::ImportDialog, ctx),
            MergeCopy => self.ask_path(FileAction::MergeCopy, ctx),
            Export(format) => self.ask_path(FileAction::Export(format), ctx),
            ExportReport => {
                self.commit_typing();
                self.report_dialog = Some(ReportDialog::default());
            }
            Save => match self.doc.path.clone().filter(|p| is_ron(p)) {
                Some(path) => self.save_to(&path),
                None => self.ask_path(FileAction::SaveAs, ctx),
            },
            SaveAs => self.ask_path(FileAction::SaveAs, ctx),
            Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Undo | Redo => {
                let r = if cmd == Undo {
                    self.doc.undo()
                } else {
                    self.doc.redo()
                };
                match r {
                    Ok(Some(focus)) => self.show_focus(ctx, focus),
                    Ok(None) => {}
                    Err(e) => self.report(Err(e)),
                }
                self.prune_selection();
            }
            Copy | Cut => {
                let Some(t) = self.doc.cafe().tables.get(ti) else {
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
                if let Some((edit, top)) = ops::duplicate(self.doc.cafe(), ti, &sel) {
                    self.apply(edit, None);
                    self.canvas.selection = top.into_iter().collect();
                }
            }
            ToggleLink => {
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                if let Some(edit) = ops::toggle_link(ti, t, &self.canvas.selection) {
                    self.apply(edit, None);
                }
            }
            Merge => {
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                if let Some((edit, merged)) = ops::merge(ti, t, &self.canvas.selection)
                    && self.apply(edit, None)
                {
                    self.canvas.selection = BTreeSet::from([merged]);
                }
            }
            Split => {} // handled above, before the text is committed
            Find | Replace => match self.find.as_mut() {
                Some(bar) => bar.refocus(cmd == Replace),
                None => self.find = Some(FindBar::new(cmd == Replace)),
            },
            FindNext | FindPrevious => match self.find {
                Some(_) => self.on_find(
                    ctx,
                    if cmd == FindNext {
                        FindIntent::Next
                    } else {
                        FindIntent::Previous
                    },
                ),
                None => self.find = Some(FindBar::new(false)),
            },
            Tidy => self.start_tidy(),
            FindThreads => self.start_threads(),
            CoverageMatrix => self.toggle_matrix(),
            GoToOriginal => self.go_to_selected_original(),
            Delete => self.delete_selection(),
            SelectAll => {
                if let Some(t) = self.doc.cafe().tables.get(ti) {
                    let hidden = crate::edit::fold::hidden(t);
                    self.canvas.selection = t
                        .node_ids()
                        .into_iter()
                        .filter(|id| !hidden.contains(id))
                        .collect();
                }
            }
            ToggleFold | ToggleFoldAll => {
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                let sel = &self.canvas.selection;
                let edit = if cmd == ToggleFold {
                    crate::edit::fold::toggle(ti, t, sel)
                } else {
                    crate::edit::fold::toggle_all_below(ti, t, sel)
                };
                if let Some(edit) = edit {
                    self.apply(edit, None);
                }
            }
            Outline => {
                self.outline = match self.outline.take() {
                    Some(_) => None,
                    None => Some(super::Outline::default()),
                };
            }
            EditText => {
                if let Some(id) = self.single_selection() {
                    self.start_editing(id, None);
                }
            }
            AddChild | AddSibling => {
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                let from = self.single_selection().unwrap_or(t.question());
                let made = if cmd == AddChild {
                    ops::add_child(self.doc.cafe(), ti, Some(from))
                } else {
                    ops::add_sibling(self.doc.cafe(), ti, from)
                };
                if let Some((edit, id)) = made {
                    let g = self.canvas.new_gesture();
                    if self.apply(edit, Some(g)) {
                        self.begin_editing(id, String::new(), true, g);
                        self.reveal(ctx, &BTreeSet::from([id]));
                    }
                }
            }
            Recolor(paper) => {
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                if let Some(edit) =
                    ops::recolor(ti, t, &self.canvas.selection, NoteColor::Palette(paper))
                {
                    self.apply(edit, typing_gesture);
                }
            }
            Arrange | ArrangeSelection => {
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                let sel = (cmd == ArrangeSelection).then_some(&self.canvas.selection);
                if let Some(edit) = ops::arrange(ti, t, sel) {
                    let from = t.nodes().map(|n| (n.id, n.pos)).collect();
                    if self.apply(edit, None) {
                        self.canvas.animate_from(from, now);
                        if let (Some(t), Some(tq)) = (self.doc.cafe().tables.get(ti), tq) {
                            let bounds =
                                self.canvas
                                    .fit_bounds(self.doc.cafe(), t, self.doc.revision());
                            self.canvas.glide_to(tq, bounds, now, 1.5);
                        }
                    }
                }
            }
            ZoomFit | ZoomSelection => {
                let (Some(t), Some(tq)) = (self.doc.cafe().tables.get(ti), tq) else {
                    return;
                };
                let rev = self.doc.revision();
                let bounds = if cmd == ZoomSelection && !self.canvas.selection.is_empty() {
                    let sel = self.canvas.selection.clone();
                    self.canvas.nodes_bounds(self.doc.cafe(), t, rev, &sel)
                } else {
                    self.canvas.fit_bounds(self.doc.cafe(), t, rev)
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
                let table = self.doc.cafe().new_table(question.clone());
                let qid = table.question();
                let index = self.doc.cafe().tables.len();
                if self.apply(
                    Edit::InsertTable {
                        index,
                        table: Box::new(table),
                    },
                    None,
                ) {
                    self.switch_table(index);
                    self.start_editing(qid, Some(question));
                    self.canvas.select_all_when_editing();
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
                    self.switch_table(ti.min(self.doc.cafe().tables.len().saturating_sub(1)));
                }
            }
            MoveTableLeft | MoveTableRight => {
                let to = if cmd == MoveTableLeft {
                    ti.checked_sub(1)
                } else {
                    Some(ti + 1)
                };
                if let Some(to) = to.filter(|&to| to < self.doc.cafe().tables.len())
                    && self.apply(Edit::MoveTable { from: ti, to }, None)
                {
                    self.current = to;
                }
            }
            NextTable | PreviousTable => {
                let n = self.doc.cafe().tables.len();
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
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                let next = match self.canvas.selection.last() {
                    Some(&from) => ops::nearest_in_direction(
                        t,
                        from,
                        dir.vector(),
                        &crate::edit::fold::hidden(t),
                    ),
                    None => Some(t.question()),
                };
                if let Some(next) = next {
                    self.canvas.selection = BTreeSet::from([next]);
                    self.reveal(ctx, &BTreeSet::from([next]));
                }
            }
            Nudge(dir) => {
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                let roots = ops::selection_roots(t, &self.canvas.selection);
                if let Some(edit) =
                    ops::drop_nodes(ti, t, &roots, dir.vector() * NUDGE_STEP, None, None)
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
                let from = self.single_selection().map(|id| (ti, id));
                // References show their originals as they read now.
                let shown = crate::render::shown_cafe(self.doc.cafe());
                self.present = Some(Presentation::with(
                    &shown,
                    from,
                    self.harvest.reveal.clone(),
                ));
                ctx.request_repaint();
            }
            PresentationPanel => self.present_panel = !self.present_panel,
            AddDot | RemoveDot | NextDotKind | DotKinds | TagSelection | EditAction | SetOrigin
            | ArrangeByVotes | TopIdeas | TagsPanel | ActionsPanel => self.run_harvest(ctx, cmd),
        }
    }

    /// Back in the editor after a presentation, showing where it was: its table, the node it
    /// was on selected, its branch (or the whole table) framed.
    pub(super) fn resume_after_presentation(&mut self, ctx: &egui::Context, out: present::Outcome) {
        if let Some(t) = out.table {
            self.switch_table(t);
        }
        self.canvas.selection = out.select.into_iter().collect();
        let Some(t) = self.doc.cafe().tables.get(self.current) else {
            return;
        };
        let rev = self.doc.revision();
        let bounds = if out.frame.is_empty() {
            self.canvas.fit_bounds(self.doc.cafe(), t, rev)
        } else {
            let ids = out.frame.iter().flat_map(|&id| t.subtree(id)).collect();
            self.canvas.nodes_bounds(self.doc.cafe(), t, rev, &ids)
        };
        self.canvas
            .glide_to(t.question(), bounds, ctx.input(|i| i.time), 1.5);
    }

    pub(super) fn delete_selection(&mut self) {
        let ti = self.current;
        let Some(t) = self.doc.cafe().tables.get(ti) else {
            return;
        };
        if let Some(edit) = ops::delete(ti, t, &self.canvas.selection) {
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
            .doc
            .cafe()
            .tables
            .get(self.current)
            .and_then(|t| t.node(id))
        else {
            return;
        };
        let text = replace.unwrap_or_else(|| node.text.clone());
        let g = self.canvas.new_gesture();
        self.begin_editing(id, text, false, g);
    }

    pub(super) fn switch_table(&mut self, index: usize) {
        self.commit_typing();
        if index != self.current {
            self.canvas.selection.clear();
        }
        self.current = index.min(self.doc.cafe().tables.len().saturating_sub(1));
    }

    /// Splits the note being typed at the caret, or the selected note at its line or sentence
    /// breaks; the parts end up selected.
    fn split(&mut self, ctx: &egui::Context) {
        let ti = self.current;
        let at_caret = self.doc.draft().and_then(|d| {
            let caret = self.canvas.editor_caret?;
            let before: String = d.text.chars().take(caret).collect();
            let after: String = d.text.chars().skip(caret).collect();
            (!before.trim().is_empty() && !after.trim().is_empty())
                .then(|| (d.id, vec![before, after]))
        });
        self.commit_typing();
        let split = at_caret.or_else(|| {
            let id = self.single_selection()?;
            let node = self.doc.cafe().tables.get(ti)?.node(id)?;
            Some((id, ops::split_points(&node.text)))
        });
        let made = split.and_then(|(id, parts)| ops::split(self.doc.cafe(), ti, id, &parts));
        match made {
            Some((edit, ids)) => {
                if self.apply(edit, None) {
                    let ids: BTreeSet<NodeId> = ids.into_iter().collect();
                    self.canvas.selection = ids.clone();
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
        let revision = self.doc.revision();
        let Some(bar) = self.find.as_mut() else {
            return;
        };
        bar.refresh(self.doc.cafe(), revision);
        match intent {
            FindIntent::Search => bar.start_from(self.current),
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
                if let Some(edit) = crate::edit::find::replace(self.doc.cafe(), &chosen, &with)
                    && self.apply(edit, None)
                {
                    self.inform(self.i18n.tr_args("replaced", &[("count", count.into())]));
                }
                let revision = self.doc.revision();
                if let Some(bar) = self.find.as_mut() {
                    bar.refresh(self.doc.cafe(), revision);
                    if bar.current.is_none() {
                        bar.start_from(self.current);
                    }
                }
            }
            FindIntent::Close => {
                self.find = None;
                return;
            }
        }
        let Some(m) = self.find.as_ref().and_then(|b| b.current_match()).cloned() else {
            return;
        };
        if m.table != self.current {
            self.switch_table(m.table);
        }
        // A match inside a folded branch: the branch opens (an undo step of its own).
        let reveal = self
            .doc
            .cafe()
            .tables
            .get(m.table)
            .and_then(|t| crate::edit::fold::reveal(m.table, t, m.id));
        if let Some(edit) = reveal {
            self.apply(edit, None);
        }
        let shown = BTreeSet::from([m.id]);
        self.canvas.selection = shown.clone();
        self.reveal(ctx, &shown);
    }

    /// Marks the matches on the table shown, the current one more strongly.
    pub(super) fn highlight_matches(&mut self) {
        let revision = self.doc.revision();
        let (hits, current) = match self.find.as_mut() {
            Some(bar) => {
                bar.refresh(self.doc.cafe(), revision);
                let hits = bar
                    .matches()
                    .iter()
                    .filter(|m| m.table == self.current)
                    .map(|m| m.id)
                    .collect();
                (hits, bar.current_match().map(|m| m.id))
            }
            None => (BTreeSet::new(), None),
        };
        self.canvas.find_hits = hits;
        self.canvas.find_current = current;
    }

    /// After an undo or redo: the table it changed, with the changed nodes selected and in view.
    fn show_focus(&mut self, ctx: &egui::Context, focus: crate::edit::Focus) {
        if let Some(t) = focus.table {
            self.switch_table(t);
        }
        let Some(table) = self.doc.cafe().tables.get(self.current) else {
            return;
        };
        let shown: BTreeSet<NodeId> = focus
            .nodes
            .into_iter()
            .filter(|id| table.contains(*id))
            .collect();
        if !shown.is_empty() {
            self.canvas.selection = shown.clone();
            self.reveal(ctx, &shown);
        }
    }
}
