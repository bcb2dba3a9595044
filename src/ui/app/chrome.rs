//! The window around the canvas — menus, toolbar, table tabs, status bar, the unsaved-changes
//! dialog — and the keyboard, all generated from the command table.

use super::*;

impl CafeApp {
    /// Keys go to commands unless a text field is being typed into; typing on a selected node
    /// starts editing it (as in Freeplane, XMind or a spreadsheet).
    pub(super) fn handle_keyboard(&mut self, ctx: &egui::Context) {
        if self.editor.doc.draft().is_some() && !self.modal_open() && self.views.palette.is_none() {
            // Typing: the text field has the keys, but for files, tables and presenting,
            // which commit the text first (see `run`).
            for cmd in Command::consume_shortcuts(ctx, true) {
                self.push(cmd);
            }
            return;
        }
        if self.modal_open()
            || ctx.text_edit_focused()
            || self.views.palette.is_some()
            || self.views.confirm.is_some()
        {
            return;
        }
        // The outline's rows take the arrows while one of them has the keyboard.
        if let Some(o) = self.views.outline.as_mut().filter(|o| o.has_focus)
            && let Some(t) = self.editor.doc.cafe().tables.get(self.editor.current)
        {
            for intent in o.keys(ctx, t, self.editor.doc.revision()) {
                self.push(Intent::Outline(intent));
            }
        }
        self.space_key(ctx);
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
                    self.push(Intent::EditNode {
                        id,
                        replace: Some(typed),
                    });
                }
                return;
            }
        }
        self.handle_clipboard(ctx);
        for cmd in Command::consume_shortcuts(ctx, false) {
            self.push(cmd);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            // Esc closes the find bar first, leaving the selection on the match.
            if self.views.find.take().is_none() {
                self.editor.selection.clear();
            }
        }
    }

    /// Space folds or unfolds the selection when it is released, unless the pointer dragged
    /// while it was held: Space held while dragging pans the map, as in drawing tools.
    fn space_key(&mut self, ctx: &egui::Context) {
        let (down, up, dragging) = ctx.input(|i| {
            let (mut down, mut up) = (false, false);
            for e in &i.events {
                if let egui::Event::Key {
                    key: egui::Key::Space,
                    pressed,
                    repeat,
                    modifiers,
                    ..
                } = e
                    && modifiers.is_none()
                {
                    down |= *pressed && !*repeat;
                    up |= !*pressed;
                }
            }
            (down, up, i.pointer.is_decidedly_dragging())
        });
        if down {
            self.window.space_fold = true;
        }
        if dragging {
            self.window.space_fold = false;
        }
        if up && std::mem::take(&mut self.window.space_fold) {
            self.push(Command::ToggleFold);
        }
    }

    pub(super) fn handle_clipboard(&mut self, ctx: &egui::Context) {
        let events: Vec<egui::Event> = ctx.input(|i| i.events.clone());
        for e in events {
            match e {
                egui::Event::Copy => self.push(Command::Copy),
                egui::Event::Cut => self.push(Command::Cut),
                egui::Event::Paste(text) => self.push(Intent::Paste(text)),
                _ => {}
            }
        }
    }

    /// Pastes text from the system clipboard: our own copy comes back whole (colours, notes,
    /// arrangement); anything else is read as an indented outline.
    pub(super) fn paste(&mut self, ctx: &egui::Context, text: &str) {
        let ti = self.editor.current;
        let parent = self.single_selection();
        let ours = self.editor.clipboard.as_ref().filter(|c| c.matches(text));
        let from_text = ours.is_none();
        let pasted = match ours {
            Some(clip) => clip.paste(self.editor.doc.cafe(), ti, parent),
            None => ops::paste_text(self.editor.doc.cafe(), ti, parent, text),
        };
        let Some((edit, top)) = pasted else {
            return;
        };
        if !self.apply(edit, None) {
            return;
        }
        if from_text {
            self.offer_tidy_after_paste(text, &top);
        }
        let table = self.editor.doc.cafe().tables.get(ti);
        let pasted = table.map(|t| ops::moving_set(t, &top)).unwrap_or_default();
        self.reveal(ctx, &pasted.into_iter().collect());
        self.editor.selection = top.into_iter().collect();
    }

    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
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
                        // In File ▸ Export, under the formats.
                        if cmd == Command::ExportReport {
                            continue;
                        }
                        // File ▸ Live session ▸ Start…, Join…, Leave.
                        if matches!(cmd, Command::LiveJoin | Command::LiveLeave) {
                            continue;
                        }
                        if cmd == Command::LiveStart {
                            ui.menu_button(self.i18n.tr("menu-live"), |ui| {
                                for cmd in
                                    [Command::LiveStart, Command::LiveJoin, Command::LiveLeave]
                                {
                                    self.menu_item(ui, cmd);
                                }
                            });
                            continue;
                        }
                        if let Command::Export(format) = cmd {
                            if format == crate::ui::commands::EXPORT_FORMATS[0] {
                                self.export_menu(ui);
                            }
                            continue;
                        }
                        self.menu_item(ui, cmd);
                        if cmd == Command::Open {
                            self.recent_menu(ui);
                        }
                        if cmd == Command::SaveAs {
                            ui.checkbox(
                                &mut self.sharing.save_plain,
                                self.i18n.tr("save-as-without-history"),
                            )
                            .on_hover_text(self.i18n.tr("save-as-without-history-hint"));
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

    pub(super) fn menu_item(&mut self, ui: &mut egui::Ui, cmd: Command) {
        let mut button = egui::Button::new(cmd.label(&self.i18n));
        if let Some(s) = cmd.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(s));
        }
        if ui.add_enabled(self.is_enabled(cmd), button).clicked() {
            self.push(cmd);
            ui.close();
        }
    }

    pub(super) fn is_enabled(&self, cmd: Command) -> bool {
        use Command::*;
        let has_sel = !self.editor.selection.is_empty();
        match cmd {
            Undo => self.editor.doc.can_undo(),
            Redo => self.editor.doc.can_redo(),
            Cut | Copy | Duplicate | Delete | Recolor(_) | ArrangeSelection | ZoomSelection => {
                has_sel
            }
            EditText | EditAction => self.editor.selection.len() == 1,
            ToggleFold => self
                .editor
                .doc
                .cafe()
                .tables
                .get(self.editor.current)
                .is_some_and(|t| {
                    self.editor
                        .selection
                        .iter()
                        .any(|&id| crate::edit::fold::can_fold(t, id))
                }),
            AddDot | RemoveDot | TagSelection | SetOrigin => has_sel,
            Merge => self.editor.selection.len() > 1,
            Split => self.editor.selection.len() == 1 || self.editor.doc.draft().is_some(),
            ToggleLink => self.editor.selection.len() == 2,
            GoToOriginal => self
                .single_selection()
                .is_some_and(|id| self.original_of(id).is_some()),
            DeleteTable => self.editor.doc.cafe().tables.len() > 1,
            LiveStart | LiveJoin => self.sharing.live.is_none(),
            LiveLeave => self.sharing.live.is_some(),
            MoveTableLeft => self.editor.current > 0,
            MoveTableRight => self.editor.current + 1 < self.editor.doc.cafe().tables.len(),
            _ => true,
        }
    }

    pub(super) fn toolbar(&mut self, ui: &mut egui::Ui) {
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
                .selectable_label(self.views.present_panel, self.i18n.tr("present-notes"))
                .on_hover_text(Command::PresentationPanel.label(&self.i18n))
                .clicked()
            {
                self.push(Command::PresentationPanel);
            }
            ui.separator();
            for paper in Paper::ALL {
                let label = Command::Recolor(paper).label(&self.i18n);
                let swatch = egui::Button::new("")
                    .fill(style::color(paper.rgb()))
                    .min_size(egui::vec2(22.0, 22.0));
                let enabled = !self.editor.selection.is_empty();
                let response = ui.add_enabled(enabled, swatch);
                // A swatch shows no text: screen readers hear the colour's name.
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &label));
                if response.on_hover_text(&label).clicked() {
                    self.push(Command::Recolor(paper));
                }
            }
            ui.separator();
            self.dot_kind_picker(ui);
            let shown = self
                .views
                .harvest
                .panel
                .as_ref()
                .is_some_and(|p| p.tab == Tab::TopIdeas);
            if ui
                .selectable_label(shown, Command::TopIdeas.label(&self.i18n))
                .clicked()
            {
                self.push(Command::TopIdeas);
            }
        });
    }

    pub(super) fn tool_button(&mut self, ui: &mut egui::Ui, cmd: Command) {
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
            self.push(cmd);
        }
    }

    pub(super) fn table_tabs(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let questions: Vec<(NodeId, String)> = self
                .editor
                .doc
                .cafe()
                .tables
                .iter()
                .map(|t| (t.question(), t.question_node().text.clone()))
                .collect();
            for (i, (id, q)) in questions.iter().enumerate() {
                let mut label = tab_label(i, q);
                let mut hover = q.clone();
                // In a live session: who is at this table.
                let here = self.live_people_at(*id);
                if !here.is_empty() {
                    label = format!("{label}  ☺ {}", here.len());
                    hover = format!("{hover}\n{}", here.join(", "));
                }
                let tab = ui
                    .add(egui::Button::selectable(i == self.editor.current, label))
                    .on_hover_text(hover);
                if tab.clicked() {
                    self.switch_table(i);
                }
                if tab.double_clicked() {
                    self.switch_table(i);
                    self.push(Command::RenameTable);
                }
                tab.context_menu(|ui| {
                    self.switch_table(i);
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
                            self.push(cmd);
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
                self.push(Command::AddTable);
            }
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let (t, h, i) = self.editor.doc.cafe().counts();
            ui.label(self.i18n.tr_args(
                "status-counts",
                &[
                    ("tables", t.into()),
                    ("themes", h.into()),
                    ("ideas", i.into()),
                ],
            ));
            if let Some(cam) = self
                .editor
                .doc
                .cafe()
                .tables
                .get(self.editor.current)
                .and_then(|t| self.views.canvas.camera(t.question()))
            {
                ui.separator();
                ui.label(self.i18n.tr_args(
                    "status-zoom",
                    &[("percent", ((cam.zoom * 100.0).round() as i64).into())],
                ));
            }
            let selected = self.editor.selection.len();
            if selected > 1 {
                ui.separator();
                ui.label(
                    self.i18n
                        .tr_args("status-selected", &[("count", selected.into())]),
                );
            }
            self.live_status_bar(ui);
            ui.separator();
            match self.notice() {
                Some(m) if m.problem => {
                    ui.colored_label(egui::Color32::from_rgb(0xB0, 0x3A, 0x00), &m.text)
                }
                Some(m) => ui.colored_label(egui::Color32::from_rgb(0x1B, 0x6E, 0x3A), &m.text),
                None => ui.weak(self.i18n.tr("status-hint")),
            };
        });
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .editor
            .doc
            .display_name()
            .unwrap_or_else(|| self.editor.doc.cafe().info.title.clone());
        let dirty = if self.editor.is_dirty() { "● " } else { "" };
        let title = format!("{dirty}{name} — CaféMap");
        if title != self.window.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window.title = title;
        }
    }
}

/// A table's tab: its number and its question, cut at 48 characters.
pub(super) fn tab_label(index: usize, question: &str) -> String {
    let short: String = question.chars().take(48).collect();
    if short.len() < question.len() {
        format!("{} · {short}…", index + 1)
    } else {
        format!("{} · {short}", index + 1)
    }
}
