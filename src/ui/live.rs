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
                ui.heading(i18n.tr("live-start-title"));
                ui.label(i18n.tr("live-start-body"));
                ui.add_space(6.0);
                let enter = field(ui, i18n.tr("live-start-addr"), addr, focused);
                ui.weak(i18n.tr("live-start-addr-hint"));
                problem(ui, error);
                let go = buttons(ui, i18n, "live-start");
                match go {
                    Some(true) => out = Some(LiveIntent::Start(addr.trim().to_owned())),
                    Some(false) => out = Some(LiveIntent::Close),
                    None if enter => out = Some(LiveIntent::Start(addr.trim().to_owned())),
                    None => {}
                }
            }
            LiveDialog::Join {
                link,
                error,
                focused,
            } => {
                ui.heading(i18n.tr("live-join-title"));
                ui.label(i18n.tr("live-join-body"));
                ui.add_space(6.0);
                let enter = field(ui, i18n.tr("live-join-link"), link, focused);
                problem(ui, error);
                match buttons(ui, i18n, "live-join") {
                    Some(true) => out = Some(LiveIntent::Join(link.trim().to_owned())),
                    Some(false) => out = Some(LiveIntent::Close),
                    None if enter => out = Some(LiveIntent::Join(link.trim().to_owned())),
                    None => {}
                }
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

/// A labelled one-line field with the keyboard; returns whether Enter was pressed in it.
fn field(ui: &mut egui::Ui, label: String, text: &mut String, focused: &mut bool) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let r = ui
            .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        // Until the field has the keyboard (a modal's first frame is a sizing pass, where a
        // request can be lost); after that the user moves it where they like.
        if !*focused {
            if r.has_focus() {
                *focused = true;
            } else {
                r.request_focus();
                ui.ctx().request_repaint();
            }
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
