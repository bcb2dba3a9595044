//! File ▸ Live session's dialogs: the address to start a room on, the link to join, and the
//! link to hand out once started (with Copy). What they ask for is done by the window
//! (`app/live.rs`).

use crate::i18n::I18n;

/// The default address of a relay started in the window: this computer only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7878";

pub enum LiveDialog {
    /// Start…: the address the relay listens on.
    Start {
        addr: String,
        error: Option<String>,
        focused: bool,
    },
    /// Join…: the link typed or pasted.
    Join {
        link: String,
        error: Option<String>,
        focused: bool,
    },
    /// The session started: its link, to copy.
    Started { link: String },
}

impl LiveDialog {
    pub fn start() -> LiveDialog {
        LiveDialog::Start {
            addr: DEFAULT_ADDR.to_owned(),
            error: None,
            focused: false,
        }
    }

    pub fn join() -> LiveDialog {
        LiveDialog::Join {
            link: String::new(),
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
    Start(String),
    Join(String),
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
                out = ask(ui, i18n, form, addr, error, focused)
                    .map(|go| go.map_or(LiveIntent::Close, LiveIntent::Start));
            }
            LiveDialog::Join {
                link,
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
                out = ask(ui, i18n, form, link, error, focused)
                    .map(|go| go.map_or(LiveIntent::Close, LiveIntent::Join));
            }
            LiveDialog::Started { link } => {
                ui.heading(i18n.tr("live-link-title"));
                ui.label(i18n.tr("live-link-body"));
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.add(egui::Label::new(
                        egui::RichText::new(link.as_str()).monospace(),
                    ));
                    if ui.button(i18n.tr("live-copy")).clicked() {
                        out = Some(LiveIntent::Copy(link.clone()));
                    }
                });
                ui.add_space(6.0);
                if ui.button(i18n.tr("live-close")).clicked() {
                    out = Some(LiveIntent::Close);
                }
            }
        }
    });
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

/// A dialog asking for one line: `Some(Some(line))` when it is given (the action or Enter),
/// `Some(None)` for Cancel, `None` while the user is still at it.
fn ask(
    ui: &mut egui::Ui,
    i18n: &I18n,
    form: Form,
    text: &mut String,
    error: &Option<String>,
    focused: &mut bool,
) -> Option<Option<String>> {
    ui.heading(i18n.tr(form.title));
    ui.label(i18n.tr(form.body));
    ui.add_space(6.0);
    let enter = field(ui, i18n.tr(form.field), text, focused);
    if let Some(hint) = form.hint {
        ui.weak(i18n.tr(hint));
    }
    problem(ui, error);
    match buttons(ui, i18n, form.action) {
        Some(true) => Some(Some(text.trim().to_owned())),
        Some(false) => Some(None),
        None if enter => Some(Some(text.trim().to_owned())),
        None => None,
    }
}

/// A labelled one-line field with the keyboard; returns whether Enter was pressed in it.
fn field(ui: &mut egui::Ui, label: String, text: &mut String, focused: &mut bool) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let r = ui
            .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        super::focus_until_held(ui, &r, focused);
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
