//! The harvest in the window: dot votes from keys and clicks, the Top ideas / Tags / Actions
//! panel, the dialogs, and the filter and tag highlight the canvas shows.

use super::*;
use crate::edit::harvest;

impl CafeApp {
    /// The harvest side panel, when shown; returns what it asked for.
    pub(super) fn harvest_panel(&mut self, ui: &mut egui::Ui) -> Vec<Intent> {
        let Some(panel) = self.harvest.panel.as_mut() else {
            return Vec::new();
        };
        let mut intents = Vec::new();
        egui::Panel::right("harvest-panel")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                intents = panel.show(ui, self.doc.cafe(), &mut self.harvest.filter, &self.i18n);
            });
        intents
    }

    /// What the canvas needs from the harvest this frame: notes to fade, notes to ring, the
    /// dot kind a click adds.
    pub(super) fn harvest_marks_for_canvas(&mut self) {
        let cafe = self.doc.cafe();
        let Some(table) = cafe.tables.get(self.current) else {
            return;
        };
        let filter = &self.harvest.filter;
        self.canvas.faded = if filter.is_active() {
            table
                .node_ids()
                .into_iter()
                .filter(|&id| !filter.passes(cafe, id))
                .collect()
        } else {
            BTreeSet::new()
        };
        self.canvas.highlight = match self
            .harvest
            .panel
            .as_ref()
            .and_then(|p| p.highlight.as_ref())
        {
            Some(tag) => super::super::harvest::tags::tagged(cafe, self.current, tag)
                .into_iter()
                .collect(),
            None => BTreeSet::new(),
        };
        let kind = self.harvest.dot_kind.min(cafe.dot_kind_count() - 1);
        self.harvest.dot_kind = kind;
        self.canvas.dot_kind = (kind, crate::render::dot_color(Some(cafe), kind));
    }

    /// Adds or removes a dot of `kind` on notes; `gesture` joins an undo step (repeated keys).
    pub(super) fn vote(
        &mut self,
        ids: &[NodeId],
        kind: usize,
        delta: i64,
        gesture: Option<GestureId>,
    ) {
        if let Some(edit) = harvest::vote(self.doc.cafe(), ids, kind, delta) {
            self.apply(edit, gesture);
        }
    }

    /// Runs the harvest's commands (see `run`).
    pub(super) fn run_harvest(&mut self, ctx: &egui::Context, cmd: Command) {
        let ids: Vec<NodeId> = self.canvas.selection.iter().copied().collect();
        match cmd {
            Command::AddDot | Command::RemoveDot => {
                // Pressed again and again, the dots are one undo step, like nudging.
                let g = match self.harvest.vote_gesture {
                    Some(g) => g,
                    None => self.canvas.new_gesture(),
                };
                self.harvest.vote_gesture = Some(g);
                let delta = if cmd == Command::AddDot { 1 } else { -1 };
                self.vote(&ids, self.harvest.dot_kind, delta, Some(g));
            }
            Command::NextDotKind => {
                self.harvest.dot_kind =
                    (self.harvest.dot_kind + 1) % self.doc.cafe().dot_kind_count();
                let name = super::super::harvest::dot_kind_name(
                    self.doc.cafe(),
                    self.harvest.dot_kind,
                    &self.i18n,
                );
                self.inform(
                    self.i18n
                        .tr_args("dots-now-adding", &[("kind", name.into())]),
                );
            }
            Command::DotKinds => self.harvest.dialog = Some(Dialog::dot_kinds(self.doc.cafe())),
            Command::CafeProperties => {
                self.harvest.dialog = Some(Dialog::properties(self.doc.cafe()));
            }
            Command::TagSelection if !ids.is_empty() => {
                self.harvest.dialog = Some(Dialog::Tags {
                    ids,
                    new_tag: String::new(),
                });
            }
            Command::EditAction => {
                if let Some(id) = self.single_selection() {
                    self.harvest.dialog = Dialog::action(self.doc.cafe(), id);
                }
            }
            Command::SetOrigin if !ids.is_empty() => {
                self.harvest.dialog = Some(Dialog::origin(self.doc.cafe(), ids));
            }
            Command::ArrangeByVotes => {
                let ti = self.current;
                let Some(t) = self.doc.cafe().tables.get(ti) else {
                    return;
                };
                let from = t.nodes().map(|n| (n.id, n.pos)).collect();
                if let Some(edit) = harvest::arrange_by_votes(self.doc.cafe(), ti)
                    && self.apply(edit, None)
                {
                    let now = ctx.input(|i| i.time);
                    self.canvas.animate_from(from, now);
                }
            }
            Command::TopIdeas | Command::TagsPanel | Command::ActionsPanel => {
                let tab = match cmd {
                    Command::TopIdeas => Tab::TopIdeas,
                    Command::TagsPanel => Tab::Tags,
                    _ => Tab::Actions,
                };
                match self.harvest.panel.as_mut() {
                    Some(p) if p.tab == tab => self.harvest.panel = None,
                    Some(p) => p.tab = tab,
                    None => self.harvest.panel = Some(HarvestPanel::new(tab)),
                }
            }
            _ => {}
        }
    }

    /// What the harvest panel asked for.
    pub(super) fn on_harvest(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Jump { table, id } => {
                self.commit_typing();
                self.switch_table(table);
                let Some(t) = self.doc.cafe().tables.get(self.current) else {
                    return;
                };
                if !t.contains(id) {
                    return;
                }
                let shown = BTreeSet::from([id]);
                self.canvas.selection = shown.clone();
                let tq = t.question();
                let bounds =
                    self.canvas
                        .nodes_bounds(self.doc.cafe(), t, self.doc.revision(), &shown);
                // The note in the middle, with its neighbours around it.
                self.canvas
                    .glide_to(tq, bounds.expand(220.0), ctx.input(|i| i.time), 1.2);
            }
            Intent::EditAction { id, .. } => {
                self.harvest.dialog = Dialog::action(self.doc.cafe(), id);
            }
        }
    }

    /// The dot kind picker of the toolbar: which kind the keys and clicks add.
    pub(super) fn dot_kind_picker(&mut self, ui: &mut egui::Ui) {
        let cafe = self.doc.cafe();
        let name = |k: usize| super::super::harvest::dot_kind_name(cafe, k, &self.i18n);
        let swatch = |k: usize| {
            egui::RichText::new(format!("● {}", name(k)))
                .color(style::color(crate::render::dot_color(Some(cafe), k)))
        };
        let mut kind = self.harvest.dot_kind;
        let tip = format!(
            "{} ({} / {})",
            self.i18n.tr("dots-picker-hint"),
            ui.ctx().format_shortcut(&Command::AddDot.shortcuts()[0]),
            ui.ctx().format_shortcut(&Command::RemoveDot.shortcuts()[0]),
        );
        egui::ComboBox::from_id_salt("dot-kind")
            .selected_text(swatch(kind))
            .show_ui(ui, |ui| {
                for k in 0..cafe.dot_kind_count() {
                    ui.selectable_value(&mut kind, k, swatch(k));
                }
                ui.separator();
                if ui.button(Command::DotKinds.label(&self.i18n)).clicked() {
                    self.queued.push(Command::DotKinds);
                }
            })
            .response
            .on_hover_text(tip);
        self.harvest.dot_kind = kind;
    }
}
