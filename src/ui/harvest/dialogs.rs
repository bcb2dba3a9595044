//! The harvest's small dialogs: naming the dot kinds, tagging the selection, an action's owner
//! and due date, the round and contributor of many notes, and the café's properties (its
//! language). Each returns the edits to apply.
//!
//! What is typed in a dialog is a draft like a note's ([`DialogDraft`]): it is in the automatic
//! copy, it counts as unsaved work, and whatever comes first (a table switch, a save, closing
//! the window) keeps it, as OK would.

use super::one_line;
use crate::edit::{Edit, harvest};
use crate::i18n::{I18n, Lang};
use crate::model::{ACTION_TAG, Cafe, DotKind, MAX_DOT_KINDS, NodeId, Rgb};
use crate::ui::draft_editor::DraftEditor;

/// The dialog open over the map, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    DotKinds(Vec<(String, [u8; 3])>),
    /// The notes being tagged, and the new tag being typed.
    Tags {
        ids: Vec<NodeId>,
        new_tag: String,
    },
    Action {
        table: usize,
        id: NodeId,
        owner: String,
        due: String,
    },
    Origin(OriginForm),
    /// The café's properties: the language partners' documents are written in.
    Properties {
        lang: Lang,
    },
}

/// The round and contributor to give notes, each only when ticked.
#[derive(Clone, Debug, PartialEq)]
pub struct OriginForm {
    ids: Vec<NodeId>,
    set_round: bool,
    round: u32,
    set_contributor: bool,
    contributor: String,
}

impl Dialog {
    /// The dot kinds dialog with the café's kinds (one unnamed kind when it names none).
    pub fn dot_kinds(cafe: &Cafe) -> Dialog {
        let rows = (0..cafe.dot_kind_count())
            .map(|k| {
                let name = cafe
                    .dot_kinds
                    .get(k)
                    .map(|d| d.name.clone())
                    .unwrap_or_default();
                let Rgb(r, g, b) = crate::render::dot_color(Some(cafe), k);
                (name, [r, g, b])
            })
            .collect();
        Dialog::DotKinds(rows)
    }

    /// The café's properties as they are (a language not recorded yet: the one its notes are in).
    pub fn properties(cafe: &Cafe) -> Dialog {
        Dialog::Properties {
            lang: cafe.language(),
        }
    }

    /// The action form of a note, filled with its owner and date.
    pub fn action(cafe: &Cafe, id: NodeId) -> Option<Dialog> {
        let (table, id) = harvest::owner_of(cafe, id)?;
        let node = cafe.node(id)?;
        Some(Dialog::Action {
            table,
            id,
            owner: node.owner.clone(),
            due: node.due.clone(),
        })
    }

    /// The origin dialog for notes, starting from the first one's round and contributor.
    pub fn origin(cafe: &Cafe, ids: Vec<NodeId>) -> Dialog {
        let first = ids.first().and_then(|&id| cafe.shown(id));
        Dialog::Origin(OriginForm {
            set_round: true,
            round: first.and_then(|n| n.origin.round).unwrap_or(1),
            set_contributor: false,
            contributor: first
                .map(|n| n.origin.contributor.clone())
                .unwrap_or_default(),
            ids,
        })
    }
}

/// An open dialog with what has been typed in it.
pub struct DialogDraft {
    pub form: Dialog,
    /// The form as it opened: what differs from it is typed and not yet kept.
    opened: Dialog,
    /// The dialog has not been shown yet: its first field takes the keyboard.
    focus: bool,
}

impl From<Dialog> for DialogDraft {
    fn from(form: Dialog) -> DialogDraft {
        DialogDraft {
            opened: form.clone(),
            form,
            focus: true,
        }
    }
}

impl DialogDraft {
    /// What OK would do with what is typed now (`None` when nothing was typed): the tag being
    /// typed given to the notes, the dot kinds, action or origin as filled in.
    pub fn pending(&self, cafe: &Cafe) -> Option<Edit> {
        if self.form == self.opened {
            return None;
        }
        match &self.form {
            Dialog::Tags { ids, new_tag } => add_tag(cafe, ids, new_tag),
            form => finish(form, cafe),
        }
    }
}

/// Shows the open dialog; returns the edits it asks for (closing it when done).
pub fn show(
    dialog: &mut Option<DialogDraft>,
    ctx: &egui::Context,
    cafe: &Cafe,
    i18n: &I18n,
) -> Vec<Edit> {
    let Some(draft) = dialog.as_mut() else {
        return Vec::new();
    };
    let focus = draft.focus;
    let d = &mut draft.form;
    let mut edits = Vec::new();
    let mut close = false;
    egui::Modal::new(egui::Id::unique("harvest-dialog")).show(ctx, |ui| {
        ui.set_min_width(340.0);
        let (ok, cancel) = match d {
            Dialog::DotKinds(rows) => dot_kinds(ui, rows, focus, i18n),
            Dialog::Tags { ids, new_tag } => {
                edits.extend(tags(ui, cafe, ids, new_tag, focus, i18n));
                (false, done_button(ui, i18n))
            }
            Dialog::Action { owner, due, .. } => action(ui, owner, due, focus, i18n),
            Dialog::Origin(form) => origin(ui, form, focus, i18n),
            Dialog::Properties { lang } => properties(ui, cafe, lang, i18n),
        };
        let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
        if ok {
            edits.extend(finish(d, cafe));
        }
        close = ok || cancel || escape;
    });
    // Asked again until a field has it: a modal's first frame is a sizing pass, where a
    // request can be lost.
    if focus && ctx.memory(|m| m.focused().is_some()) {
        draft.focus = false;
    }
    if close {
        *dialog = None;
    }
    edits
}

/// What OK does in each dialog.
fn finish(d: &Dialog, cafe: &Cafe) -> Option<Edit> {
    match d {
        Dialog::DotKinds(rows) => {
            let kinds: Vec<DotKind> = rows
                .iter()
                .map(|(name, [r, g, b])| DotKind {
                    name: name.trim().to_owned(),
                    color: Rgb(*r, *g, *b),
                })
                .collect();
            // One kind, unnamed and in the default colour, is the café naming none.
            let plain = kinds.len() == 1
                && kinds[0].name.is_empty()
                && kinds[0].color == crate::render::DEFAULT_DOT_COLORS[0];
            let kinds = if plain { Vec::new() } else { kinds };
            (kinds != cafe.dot_kinds).then_some(Edit::SetDotKinds { kinds })
        }
        Dialog::Action {
            table,
            id,
            owner,
            due,
        } => {
            let node = cafe.node(*id)?;
            let mut edits = vec![Edit::SetAction {
                table: *table,
                id: *id,
                owner: owner.trim().to_owned(),
                due: due.trim().to_owned(),
            }];
            // Giving an idea an owner makes it an action.
            if !node.is_action() {
                let mut tags = node.tags.clone();
                tags.push(ACTION_TAG.to_owned());
                edits.push(Edit::SetTags {
                    table: *table,
                    id: *id,
                    tags,
                });
            }
            Some(Edit::Batch(edits))
        }
        Dialog::Origin(f) => harvest::set_origin(
            cafe,
            &f.ids,
            f.set_round.then_some(Some(f.round).filter(|r| *r > 0)),
            f.set_contributor.then_some(f.contributor.as_str()),
        ),
        Dialog::Properties { lang } => (cafe.info.lang != Some(*lang)).then(|| Edit::SetInfo {
            info: crate::model::CafeInfo {
                lang: Some(*lang),
                ..cafe.info.clone()
            },
        }),
        Dialog::Tags { .. } => None,
    }
}

/// The café's title and the language its report and exports are written in.
fn properties(ui: &mut egui::Ui, cafe: &Cafe, lang: &mut Lang, i18n: &I18n) -> (bool, bool) {
    ui.heading(i18n.tr("cafe-properties-title"));
    if !cafe.info.title.trim().is_empty() {
        ui.label(cafe.info.title.trim());
    }
    ui.add_space(6.0);
    ui.strong(i18n.tr("cafe-language"));
    ui.weak(i18n.tr("cafe-language-hint"));
    for (choice, key) in [
        (Lang::Fr, "cafe-language-fr"),
        (Lang::En, "cafe-language-en"),
    ] {
        ui.radio_value(lang, choice, i18n.tr(key));
    }
    ok_cancel(ui, i18n)
}

fn ok_cancel(ui: &mut egui::Ui, i18n: &I18n) -> (bool, bool) {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let ok = ui.button(i18n.tr("dialog-ok")).clicked();
        let cancel = ui.button(i18n.tr("dialog-cancel")).clicked();
        (ok, cancel)
    })
    .inner
}

fn done_button(ui: &mut egui::Ui, i18n: &I18n) -> bool {
    ui.add_space(8.0);
    ui.button(i18n.tr("dialog-close")).clicked()
}

fn dot_kinds(
    ui: &mut egui::Ui,
    rows: &mut Vec<(String, [u8; 3])>,
    focus: bool,
    i18n: &I18n,
) -> (bool, bool) {
    ui.heading(i18n.tr("dot-kinds-title"));
    ui.weak(i18n.tr("dot-kinds-hint"));
    ui.add_space(6.0);
    let mut remove = None;
    for (k, (name, colour)) in rows.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label(format!("{}.", k + 1));
            ui.color_edit_button_srgb(colour);
            let hint = i18n.tr_args("dots-kind-n", &[("n", (k + 1).into())]);
            DraftEditor::singleline(name)
                .look(|e| e.hint_text(hint).desired_width(200.0))
                .focus(focus && k == 0, false)
                .show(ui)
                .labelled_by(label.id);
            if k > 0
                && ui
                    .small_button("✕")
                    .on_hover_text(i18n.tr("dot-kinds-remove"))
                    .clicked()
            {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        rows.remove(k);
    }
    if rows.len() < MAX_DOT_KINDS && ui.button(i18n.tr("dot-kinds-add")).clicked() {
        let Rgb(r, g, b) = crate::render::DEFAULT_DOT_COLORS[rows.len()];
        rows.push((String::new(), [r, g, b]));
    }
    ok_cancel(ui, i18n)
}

fn tags(
    ui: &mut egui::Ui,
    cafe: &Cafe,
    ids: &[NodeId],
    new_tag: &mut String,
    focus: bool,
    i18n: &I18n,
) -> Option<Edit> {
    ui.heading(i18n.tr_args("tags-dialog-title", &[("count", ids.len().into())]));
    let mut edit = None;
    let existing = super::tags::tag_counts(cafe);
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .show(ui, |ui| {
            for (tag, _) in &existing {
                let carrying = ids
                    .iter()
                    .filter(|&&id| {
                        cafe.shown(id).is_some_and(|n| {
                            n.tags
                                .iter()
                                .any(|t| t.to_lowercase() == tag.to_lowercase())
                        })
                    })
                    .count();
                let mut all = carrying == ids.len() && !ids.is_empty();
                let check = egui::Checkbox::new(&mut all, format!("#{tag}"))
                    .indeterminate(carrying > 0 && carrying < ids.len());
                if ui.add(check).changed() {
                    edit = harvest::toggle_tag(cafe, ids, tag);
                }
            }
        });
    ui.horizontal(|ui| {
        let label = ui.label(i18n.tr("tags-new"));
        let r = DraftEditor::singleline(new_tag)
            .look(|e| e.hint_text(i18n.tr("tags-new-hint")).desired_width(180.0))
            .focus(focus, false)
            .show(ui)
            .labelled_by(label.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(i18n.tr("tags-add")).clicked() || enter {
            edit = add_tag(cafe, ids, new_tag);
            new_tag.clear();
        }
    });
    if ids.len() == 1
        && let Some(n) = ids.first().and_then(|&id| cafe.shown(id))
    {
        ui.weak(one_line(&n.text, 60));
    }
    edit
}

/// Gives the notes the tag typed (those that have it already keep it once).
fn add_tag(cafe: &Cafe, ids: &[NodeId], typed: &str) -> Option<Edit> {
    let tag = harvest::clean_tag(typed)?;
    // Adding a tag some of the notes already have gives it to the others.
    let all_have = ids.iter().all(|&id| {
        cafe.shown(id).is_some_and(|n| {
            n.tags
                .iter()
                .any(|t| t.to_lowercase() == tag.to_lowercase())
        })
    });
    if all_have {
        None
    } else {
        harvest::toggle_tag(cafe, ids, &tag)
    }
}

fn action(
    ui: &mut egui::Ui,
    owner: &mut String,
    due: &mut String,
    focus: bool,
    i18n: &I18n,
) -> (bool, bool) {
    ui.heading(i18n.tr("action-title"));
    egui::Grid::new("action-form")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(i18n.tr("action-owner"));
            DraftEditor::singleline(owner)
                .look(|e| e.desired_width(220.0))
                .focus(focus, false)
                .show(ui)
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(i18n.tr("action-due"));
            ui.add(
                egui::TextEdit::singleline(due)
                    .hint_text("2026-12-31")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    ok_cancel(ui, i18n)
}

fn origin(ui: &mut egui::Ui, f: &mut OriginForm, focus: bool, i18n: &I18n) -> (bool, bool) {
    ui.heading(i18n.tr_args("origin-title", &[("count", f.ids.len().into())]));
    ui.horizontal(|ui| {
        ui.checkbox(&mut f.set_round, i18n.tr("origin-round"));
        let r = ui
            .add_enabled(
                f.set_round,
                egui::DragValue::new(&mut f.round).range(0..=99).speed(0.1),
            )
            .on_hover_text(i18n.tr("origin-round-hint"));
        // The round is the field typed first (the contributor's is off until ticked).
        if focus {
            r.request_focus();
        }
    });
    ui.horizontal(|ui| {
        let label = ui.checkbox(&mut f.set_contributor, i18n.tr("origin-contributor"));
        ui.add_enabled(
            f.set_contributor,
            egui::TextEdit::singleline(&mut f.contributor).desired_width(200.0),
        )
        .labelled_by(label.id);
    });
    ok_cancel(ui, i18n)
}
