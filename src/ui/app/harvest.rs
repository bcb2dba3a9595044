//! The harvest in the window: dot votes from keys and clicks, the Top ideas / Tags / Actions
//! panel, the dialogs, and the filter and tag highlight the canvas shows.

use super::*;
use crate::edit::harvest;

impl CafeApp {
    /// The harvest side panel, when shown.
    pub(super) fn harvest_panel(&mut self, ui: &mut egui::Ui) {
        let Some(panel) = self.views.harvest.panel.as_mut() else {
            return;
        };
        let panel_ui = egui::Panel::right("harvest-panel");
        let intents = super::frame::side_panel(ui, panel_ui, 380.0, |ui| {
            panel.show(
                ui,
                self.editor.doc.cafe(),
                &mut self.views.harvest.filter,
                &self.i18n,
            )
        });
        for intent in intents {
            self.push(Intent::Harvest(intent));
        }
    }

    /// The harvest dialog open over the map (dot kinds, tags, action, origin).
    pub(super) fn harvest_dialog(&mut self, ctx: &egui::Context) {
        let edits = super::super::harvest::dialogs::show(
            &mut self.editor.dialog,
            ctx,
            self.editor.doc.cafe(),
            &self.i18n,
        );
        for edit in edits {
            self.push(Intent::Apply(edit, None));
        }
    }

    /// What the canvas needs from the harvest this frame: notes to fade, notes to ring, the
    /// dot kind a click adds.
    pub(super) fn harvest_marks_for_canvas(&mut self) {
        let cafe = self.editor.doc.cafe();
        let Some(table) = cafe.tables.get(self.editor.current) else {
            return;
        };
        let filter = &self.views.harvest.filter;
        self.views.canvas.faded = if filter.is_active() {
            table
                .node_ids()
                .into_iter()
                .filter(|&id| !filter.passes(cafe, id))
                .collect()
        } else {
            BTreeSet::new()
        };
        self.views.canvas.highlight = match self
            .views
            .harvest
            .panel
            .as_ref()
            .and_then(|p| p.highlight.as_ref())
        {
            Some(tag) => super::super::harvest::tags::tagged(cafe, self.editor.current, tag)
                .into_iter()
                .collect(),
            None => BTreeSet::new(),
        };
        let kind = self.editor.dot_kind.min(cafe.dot_kind_count() - 1);
        self.editor.dot_kind = kind;
        self.views.canvas.dot_kind = (kind, crate::render::dot_color(Some(cafe), kind));
    }

    /// Adds or removes a dot of `kind` on notes; `gesture` joins an undo step (repeated keys).
    pub(super) fn vote(
        &mut self,
        ids: &[NodeId],
        kind: usize,
        delta: i64,
        gesture: Option<GestureId>,
    ) {
        if let Some(edit) = harvest::vote(self.editor.doc.cafe(), ids, kind, delta) {
            self.apply(edit, gesture);
        }
    }

    /// Runs the harvest's commands (see `run`).
    pub(super) fn run_harvest(&mut self, ctx: &egui::Context, cmd: Command) {
        let ids: Vec<NodeId> = self.editor.selection.iter().copied().collect();
        match cmd {
            Command::AddDot | Command::RemoveDot => {
                // Pressed again and again, the dots are one undo step, like nudging.
                let g = match self.editor.vote_gesture {
                    Some(g) => g,
                    None => self.views.canvas.new_gesture(),
                };
                self.editor.vote_gesture = Some(g);
                let delta = if cmd == Command::AddDot { 1 } else { -1 };
                self.vote(&ids, self.editor.dot_kind, delta, Some(g));
            }
            Command::NextDotKind => {
                self.editor.dot_kind =
                    (self.editor.dot_kind + 1) % self.editor.doc.cafe().dot_kind_count();
                let name = super::super::harvest::dot_kind_name(
                    self.editor.doc.cafe(),
                    self.editor.dot_kind,
                    &self.i18n,
                );
                self.inform(
                    self.i18n
                        .tr_args("dots-now-adding", &[("kind", name.into())]),
                );
            }
            Command::DotKinds => {
                self.editor.dialog = Some(Dialog::dot_kinds(self.editor.doc.cafe()).into())
            }
            Command::CafeProperties => {
                self.editor.dialog = Some(Dialog::properties(self.editor.doc.cafe()).into());
            }
            Command::TagSelection if !ids.is_empty() => {
                let tags = Dialog::Tags {
                    ids,
                    new_tag: String::new(),
                };
                self.editor.dialog = Some(tags.into());
            }
            Command::EditAction => {
                if let Some(id) = self.single_selection() {
                    self.editor.dialog = Dialog::action(self.editor.doc.cafe(), id).map(Into::into);
                }
            }
            Command::SetOrigin if !ids.is_empty() => {
                self.editor.dialog = Some(Dialog::origin(self.editor.doc.cafe(), ids).into());
            }
            Command::ArrangeByVotes => {
                let ti = self.editor.current;
                let Some(t) = self.editor.doc.cafe().tables.get(ti) else {
                    return;
                };
                let from = t.nodes().map(|n| (n.id, n.pos)).collect();
                if let Some(edit) = harvest::arrange_by_votes(self.editor.doc.cafe(), ti)
                    && self.apply(edit, None)
                {
                    let now = ctx.input(|i| i.time);
                    self.views.canvas.animate_from(from, now);
                }
            }
            Command::TopIdeas | Command::TagsPanel | Command::ActionsPanel => {
                let tab = match cmd {
                    Command::TopIdeas => Tab::TopIdeas,
                    Command::TagsPanel => Tab::Tags,
                    _ => Tab::Actions,
                };
                match self.views.harvest.panel.as_mut() {
                    Some(p) if p.tab == tab => self.views.harvest.panel = None,
                    Some(p) => p.tab = tab,
                    None => {
                        self.views.harvest.panel = Some(crate::ui::harvest::HarvestPanel::new(tab))
                    }
                }
            }
            _ => {}
        }
    }

    /// What the harvest panel asked for.
    pub(super) fn on_harvest(&mut self, ctx: &egui::Context, intent: HarvestIntent) {
        match intent {
            HarvestIntent::Jump { table, id } => {
                self.commit_typing();
                self.switch_table(table);
                let Some(t) = self.editor.doc.cafe().tables.get(self.editor.current) else {
                    return;
                };
                if !t.contains(id) {
                    return;
                }
                let shown = BTreeSet::from([id]);
                self.editor.selection = shown.clone();
                if let Some((tq, bounds)) = self.bounds_of(&shown) {
                    // The note in the middle, with its neighbours around it.
                    self.views.canvas.glide_to(
                        tq,
                        bounds.expand(220.0),
                        ctx.input(|i| i.time),
                        1.2,
                    );
                }
            }
            HarvestIntent::EditAction { id, .. } => {
                self.editor.dialog = Dialog::action(self.editor.doc.cafe(), id).map(Into::into);
            }
        }
    }

    /// The dot kind picker of the toolbar: which kind the keys and clicks add.
    pub(super) fn dot_kind_picker(&mut self, ui: &mut egui::Ui) {
        let cafe = self.editor.doc.cafe();
        let name = |k: usize| super::super::harvest::dot_kind_name(cafe, k, &self.i18n);
        let swatch = |k: usize| {
            egui::RichText::new(format!("● {}", name(k)))
                .color(style::color(crate::render::dot_color(Some(cafe), k)))
        };
        let mut kind = self.editor.dot_kind;
        let tip = format!(
            "{} ({} / {})",
            self.i18n.tr("dots-picker-hint"),
            ui.ctx().format_shortcut(&Command::AddDot.shortcuts()[0]),
            ui.ctx().format_shortcut(&Command::RemoveDot.shortcuts()[0]),
        );
        let mut name_kinds = false;
        egui::ComboBox::from_id_salt("dot-kind")
            .selected_text(swatch(kind))
            .show_ui(ui, |ui| {
                for k in 0..cafe.dot_kind_count() {
                    ui.selectable_value(&mut kind, k, swatch(k));
                }
                ui.separator();
                name_kinds = ui.button(Command::DotKinds.label(&self.i18n)).clicked();
            })
            .response
            .on_hover_text(tip);
        self.editor.dot_kind = kind;
        if name_kinds {
            self.push(Command::DotKinds);
        }
    }
}
