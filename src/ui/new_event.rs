//! File ▸ New: one small dialog asking for the event's title, its date and its table questions
//! (typed one per line or pasted from the café's plan). Skip gives a blank event.

use crate::edit::new_event::{new_event, questions_from};
use crate::i18n::I18n;
use crate::model::{Cafe, CafeInfo};

/// What the dialog holds while it is open.
#[derive(Default)]
pub struct NewEventDialog {
    title: String,
    date: String,
    questions: String,
    /// Whether the title field has had the keyboard once (see [`show`]).
    focused: bool,
}

/// The event the dialog made.
pub struct NewEvent {
    pub cafe: Cafe,
    /// Whether the user filled something in (then closing without saving asks first).
    pub planned: bool,
}

/// Shows the dialog when it is open; returns the new event once the user creates it or skips.
/// Cancel (or Esc) closes it and keeps the current map.
pub fn show(
    dialog: &mut Option<NewEventDialog>,
    ctx: &egui::Context,
    i18n: &I18n,
) -> Option<NewEvent> {
    let d = dialog.as_mut()?;
    let questions = questions_from(&d.questions);
    let (mut create, mut skip, mut cancel) = (false, false, false);
    egui::Modal::new(egui::Id::unique("new-event")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(i18n.tr("new-event-heading"));
        ui.label(i18n.tr("new-event-body"));
        ui.add_space(6.0);
        egui::Grid::new("new-event-fields")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label(i18n.tr("new-event-title"));
                let title = ui
                    .add(
                        egui::TextEdit::singleline(&mut d.title)
                            .hint_text(i18n.tr("untitled"))
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                super::focus_until_held(ui, &title, &mut d.focused);
                ui.end_row();
                let label = ui.label(i18n.tr("new-event-date"));
                ui.add(
                    egui::TextEdit::singleline(&mut d.date)
                        .hint_text(i18n.tr("new-event-date-hint"))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
        ui.add_space(6.0);
        let label = ui.label(i18n.tr("new-event-questions"));
        ui.add(
            egui::TextEdit::multiline(&mut d.questions)
                .hint_text(i18n.tr("new-event-questions-hint"))
                .desired_rows(6)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.weak(i18n.tr_args(
            "new-event-count",
            &[("tables", questions.len().max(1).into())],
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            create = ui.button(i18n.tr("new-event-create")).clicked()
                || ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
            skip = ui.button(i18n.tr("new-event-skip")).clicked();
            cancel = ui.button(i18n.tr("confirm-cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
    });
    if cancel {
        *dialog = None;
        return None;
    }
    let made = made(d, &questions, create, skip, i18n)?;
    *dialog = None;
    Some(made)
}

/// The event the dialog makes: from what was filled in (Create), or an untitled one (Skip).
fn made(
    d: &NewEventDialog,
    questions: &[String],
    create: bool,
    skip: bool,
    i18n: &I18n,
) -> Option<NewEvent> {
    let placeholder = i18n.tr("new-table-question");
    let made = if create {
        let title = d.title.trim();
        let info = CafeInfo {
            title: if title.is_empty() {
                i18n.tr("untitled")
            } else {
                title.to_owned()
            },
            date: d.date.trim().to_owned(),
            // A new café is held in the language of the window it is made in.
            lang: Some(i18n.lang()),
            ..Default::default()
        };
        let planned = !title.is_empty() || !d.date.trim().is_empty() || !questions.is_empty();
        NewEvent {
            cafe: new_event(info, questions, &placeholder),
            planned,
        }
    } else if skip {
        let info = CafeInfo {
            title: i18n.tr("untitled"),
            lang: Some(i18n.lang()),
            ..Default::default()
        };
        NewEvent {
            cafe: new_event(info, &[], &placeholder),
            planned: false,
        }
    } else {
        return None;
    };
    Some(made)
}
