//! One frame of the editor's views, in the order egui lays them out: menus, tabs and bars
//! first, side panels, the map in the middle, then the windows and dialogs over it. Each view
//! reads the state and queues what it asks for (see `queue.rs`); nothing changes the document
//! before the UI pass is over.

use super::queue::ConfirmChoice;
use super::*;

impl CafeApp {
    pub(super) fn show_views(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui);
            self.toolbar(ui);
        });
        egui::Panel::top("tabs").show(ui, |ui| self.table_tabs(ui));
        self.find_bar(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        self.import_report_panel(ui);
        self.tidy_panel(ui);
        self.merge_panel(ui);
        self.threads_panel(ui);
        self.presentation_panel(ui);
        self.outline_panel(ui);
        self.harvest_panel(ui);
        self.harvest_marks_for_canvas();
        self.map(ui);
        self.matrix_window(ctx);
        if let Some(cmd) = palette::show(&mut self.views.palette, ctx, &self.i18n) {
            self.push(cmd);
        }
        if let Some(choice) = self.confirm_dialog(ctx) {
            self.push(Intent::Confirm(choice));
        }
        if let Some(made) = new_event::show(&mut self.views.new_event, ctx, &self.i18n) {
            self.push(Intent::NewEvent(Box::new(made)));
        }
        let revision = self.editor.doc.revision();
        let cafe = self.editor.doc.cafe();
        if let Some(intent) = report_dialog::show(
            &mut self.views.report_dialog,
            ctx,
            &self.i18n,
            cafe,
            revision,
        ) {
            self.push(Intent::Report(intent));
        }
        self.restore_offer(ctx);
        if let Some(ask) = &self.views.history_ask
            && let Some(answer) = crate::ui::merge::ask(ctx, ask, &self.i18n)
        {
            self.push(Intent::History(answer));
        }
        self.live_dialog(ctx);
        self.draft_conflict_card(ctx);
        if let Some(event) = self
            .files
            .poll()
            .or_else(|| self.files.show_prompt(ctx, &self.i18n))
        {
            self.push(Intent::File(event));
        }
        self.handle_open_requests(ctx);
        self.poll_exports();
        self.harvest_dialog(ctx);
    }

    fn find_bar(&mut self, ui: &mut egui::Ui) {
        let Some(bar) = self.views.find.as_mut() else {
            return;
        };
        let mut intents = Vec::new();
        egui::Panel::top("find").show(ui, |ui| intents = bar.show(ui, &self.i18n));
        for intent in intents {
            self.push(Intent::Find(intent));
        }
    }

    /// The presentation order and speaker notes beside the map, when shown.
    fn presentation_panel(&mut self, ui: &mut egui::Ui) {
        if !self.views.present_panel {
            return;
        }
        let panel = side_panel(ui, egui::Panel::right("presentation-panel"), 300.0, |ui| {
            present::panel::show(
                ui,
                self.editor.doc.cafe(),
                self.editor.current,
                &self.editor.selection,
                &mut self.views.harvest.reveal,
                &self.i18n,
            )
        });
        for edit in panel.edits {
            self.push(Intent::Apply(edit, None));
        }
        if let Some(edit) = panel.note {
            self.push(Intent::SpeakerNotes(edit));
        }
        if panel.note_done {
            self.push(Intent::SpeakerNotesDone);
        }
    }

    fn outline_panel(&mut self, ui: &mut egui::Ui) {
        let Some(o) = self.views.outline.as_mut() else {
            return;
        };
        let intents = side_panel(ui, egui::Panel::left("outline"), 300.0, |ui| {
            o.show(
                ui,
                &mut self.editor.doc,
                self.editor.current,
                &self.editor.selection,
                &self.i18n,
            )
        });
        for intent in intents {
            self.push(Intent::Outline(intent));
        }
    }

    /// The map (or why the file given at start could not be opened).
    fn map(&mut self, ui: &mut egui::Ui) {
        let mut out = CanvasOutput::default();
        egui::CentralPanel::no_frame().show(ui, |ui| {
            if let Some(err) = self.views.load_error.clone() {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.heading(self.i18n.tr("error-title"));
                    ui.label(err);
                    if ui.button(self.i18n.tr("error-open-example")).clicked() {
                        self.views.load_error = None;
                    }
                });
            } else {
                out = self.views.canvas.show(
                    ui,
                    &mut self.editor.doc,
                    &self.editor.selection,
                    self.editor.current,
                    &self.i18n,
                );
            }
        });
        if let Some(end) = out.end_draft {
            self.push(Intent::EndDraft(end));
        }
        if let Some(selection) = out.select {
            self.push(Intent::Select(selection));
        }
        if let Some(id) = out.edit {
            self.push(Intent::EditNode { id, replace: None });
        }
        for (edit, gesture) in out.edits {
            self.push(Intent::Apply(edit, gesture));
        }
        if !out.dropped.is_empty() {
            self.push(Intent::Reveal(out.dropped));
        }
        if let Some((id, kind, delta)) = out.vote {
            self.push(Intent::Vote { id, kind, delta });
        }
        if let Some(p) = out.new_note_at {
            self.push(Intent::NewNoteAt(p));
        }
    }

    /// The unsaved-changes dialog, while something waits on it; returns the answer.
    fn confirm_dialog(&mut self, ctx: &egui::Context) -> Option<ConfirmChoice> {
        self.views.confirm.as_ref()?;
        let name = self
            .editor
            .doc
            .display_name()
            .unwrap_or_else(|| self.editor.doc.cafe().info.title.clone());
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("confirm-unsaved")).show(ctx, |ui| {
            ui.heading(self.i18n.tr("confirm-title"));
            ui.label(self.i18n.tr_args("confirm-body", &[("name", name.into())]));
            ui.horizontal(|ui| {
                if ui.button(self.i18n.tr("confirm-save")).clicked() {
                    choice = Some(ConfirmChoice::Save);
                }
                if ui.button(self.i18n.tr("confirm-discard")).clicked() {
                    choice = Some(ConfirmChoice::Discard);
                }
                if ui.button(self.i18n.tr("confirm-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    choice = Some(ConfirmChoice::Cancel);
                }
            });
        });
        choice
    }
}

/// A resizable side panel, `width` wide at first, and what its content returned.
pub(super) fn side_panel<R>(
    ui: &mut egui::Ui,
    panel: egui::Panel,
    width: f32,
    content: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    panel
        .resizable(true)
        .default_size(width)
        .show(ui, content)
        .inner
}
