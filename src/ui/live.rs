//! File ▸ Live session's dialogs: the address to start a room on, the link to join, and the
//! links to hand out once started (the room's, and one per table, each with Copy). Start and
//! Join also ask for the participant's name, shown to the others beside their table (filled
//! in with the one given last time). What they ask for is done by the window (`app/live.rs`).

use crate::i18n::I18n;

/// The default address of a relay started in the window: this computer only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7878";

pub enum LiveDialog {
    /// Start…: the address the relay listens on.
    Start {
        addr: String,
        name: String,
        error: Option<String>,
        focused: bool,
    },
    /// Join…: the link typed or pasted.
    Join {
        link: String,
        name: String,
        error: Option<String>,
        focused: bool,
    },
    /// The session started: its link, and a link per table (the table's label, the link).
    Started {
        link: String,
        tables: Vec<(String, String)>,
    },
}

impl LiveDialog {
    /// Start…, with the name given last time.
    pub fn start(name: &str) -> LiveDialog {
        LiveDialog::Start {
            addr: DEFAULT_ADDR.to_owned(),
            name: name.to_owned(),
            error: None,
            focused: false,
        }
    }

    /// Join…, with the name given last time.
    pub fn join(name: &str) -> LiveDialog {
        LiveDialog::Join {
            link: String::new(),
            name: name.to_owned(),
            error: None,
            focused: false,
        }
    }

    /// Shows why the last Start or Join failed, the dialog staying open.
    pub fn set_error(&mut self, why: String) {
        match self {
            LiveDialog::Start { error, .. } | LiveDialog::Join { error, .. } => *error = Some(why),
            LiveDialog::Started { .. } => {}
        }
    }
}

pub enum LiveIntent {
    /// Start on an address, as a name.
    Start {
        addr: String,
        name: String,
    },
    /// Join by a link, as a name.
    Join {
        link: String,
        name: String,
    },
    Copy(String),
    Close,
}

pub fn show(
    dialog: &mut Option<LiveDialog>,
    ctx: &egui::Context,
    i18n: &I18n,
) -> Option<LiveIntent> {
    let d = dialog.as_mut()?;
    let mut out = None;
    egui::Modal::new(egui::Id::unique("live-dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        match d {
            LiveDialog::Start {
                addr,
                name,
                error,
                focused,
            } => {
                let form = Form {
                    title: "live-start-title",
                    body: "live-start-body",
                    action: "live-start",
                    field: "live-start-addr",
                    hint: Some("live-start-addr-hint"),
                };
                out = ask(ui, i18n, form, [addr, name], error, focused).map(|go| {
                    go.map_or(LiveIntent::Close, |[addr, name]| LiveIntent::Start {
                        addr,
                        name,
                    })
                });
            }
            LiveDialog::Join {
                link,
                name,
                error,
                focused,
            } => {
                let form = Form {
                    title: "live-join-title",
                    body: "live-join-body",
                    action: "live-join",
                    field: "live-join-link",
                    hint: None,
                };
                out = ask(ui, i18n, form, [link, name], error, focused).map(|go| {
                    go.map_or(LiveIntent::Close, |[link, name]| LiveIntent::Join {
                        link,
                        name,
                    })
                });
            }
            LiveDialog::Started { link, tables } => out = started(ui, i18n, link, tables),
        }
    });
    out
}

/// The links to hand out: the room's, then one per table.
fn started(
    ui: &mut egui::Ui,
    i18n: &I18n,
    link: &str,
    tables: &[(String, String)],
) -> Option<LiveIntent> {
    let mut out = None;
    ui.heading(i18n.tr("live-link-title"));
    ui.label(i18n.tr("live-link-body"));
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.add(egui::Label::new(egui::RichText::new(link).monospace()));
        if ui.button(i18n.tr("live-copy")).clicked() {
            out = Some(LiveIntent::Copy(link.to_owned()));
        }
    });
    if !tables.is_empty() {
        ui.add_space(6.0);
        ui.label(i18n.tr("live-table-links"));
        egui::ScrollArea::vertical()
            .max_height(240.0)
            .show(ui, |ui| {
                egui::Grid::new("live-table-links")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (number, (label, url)) in tables.iter().enumerate() {
                            ui.label(label.as_str()).on_hover_text(url.as_str());
                            let copy =
                                i18n.tr_args("live-copy-table", &[("table", (number + 1).into())]);
                            if ui.button(copy).on_hover_text(url.as_str()).clicked() {
                                out = Some(LiveIntent::Copy(url.clone()));
                            }
                            ui.end_row();
                        }
                    });
            });
    }
    ui.add_space(6.0);
    if ui.button(i18n.tr("live-close")).clicked() {
        out = Some(LiveIntent::Close);
    }
    out
}

/// The message keys of a dialog that asks for one line.
struct Form<'a> {
    title: &'a str,
    body: &'a str,
    action: &'a str,
    field: &'a str,
    hint: Option<&'a str>,
}

/// A dialog asking for one line and the participant's name: `Some(Some([line, name]))` when
/// they are given (the action or Enter), `Some(None)` for Cancel, `None` while the user is
/// still at it.
fn ask(
    ui: &mut egui::Ui,
    i18n: &I18n,
    form: Form,
    [text, name]: [&mut String; 2],
    error: &Option<String>,
    focused: &mut bool,
) -> Option<Option<[String; 2]>> {
    ui.heading(i18n.tr(form.title));
    ui.label(i18n.tr(form.body));
    ui.add_space(6.0);
    let mut enter = field(ui, i18n.tr(form.field), text, Some(focused));
    if let Some(hint) = form.hint {
        ui.weak(i18n.tr(hint));
    }
    enter |= field(ui, i18n.tr("live-name"), name, None);
    ui.weak(i18n.tr("live-name-hint"));
    problem(ui, error);
    let given = || Some([text.trim().to_owned(), name.trim().to_owned()]);
    match buttons(ui, i18n, form.action) {
        Some(true) => Some(given()),
        Some(false) => Some(None),
        None if enter => Some(given()),
        None => None,
    }
}

/// A labelled one-line field with the keyboard; returns whether Enter was pressed in it.
/// `focused`: the field the dialog opens in (`None` for the others).
fn field(ui: &mut egui::Ui, label: String, text: &mut String, focused: Option<&mut bool>) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let r = ui
            .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if let Some(focused) = focused {
            super::focus_until_held(ui, &r, focused);
        }
        r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
    })
    .inner
}

fn problem(ui: &mut egui::Ui, error: &Option<String>) {
    if let Some(e) = error {
        ui.colored_label(egui::Color32::from_rgb(0xB0, 0x3A, 0x00), e);
    }
}

/// The action and Cancel buttons: `Some(true)` for the action, `Some(false)` for Cancel.
fn buttons(ui: &mut egui::Ui, i18n: &I18n, action: &str) -> Option<bool> {
    ui.add_space(6.0);
    let mut out = None;
    ui.horizontal(|ui| {
        if ui.button(i18n.tr(action)).clicked() {
            out = Some(true);
        }
        if ui.button(i18n.tr("live-cancel")).clicked() {
            out = Some(false);
        }
    });
    out
}
