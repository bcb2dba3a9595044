//! Native file dialogs without freezing the window, and a way out when there are none.
//!
//! rfd dialogs are created on the UI thread and awaited on a worker thread while egui keeps
//! painting. rfd answers `None` both for "cancelled" and for "no dialog service" (no portal, no
//! zenity); when we can tell it is the latter, the app shows its own path field instead.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// What a chosen path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Open,
    SaveAs,
}

/// A path typed by hand when no dialog service exists.
pub struct PathPrompt {
    pub action: FileAction,
    pub text: String,
}

pub struct FileDialogs {
    waiting: Option<(FileAction, Receiver<Option<PathBuf>>, Instant)>,
    pub prompt: Option<PathPrompt>,
}

/// Is there anything that can show a native dialog here? The XDG portal needs a session bus;
/// rfd's fallback is zenity.
fn dialog_service_likely() -> bool {
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
    bus || zenity
}

impl FileDialogs {
    pub fn new() -> FileDialogs {
        FileDialogs {
            waiting: None,
            prompt: None,
        }
    }

    /// Asks the user for a path; the answer comes later from [`Self::poll`].
    pub fn request(
        &mut self,
        action: FileAction,
        ctx: &egui::Context,
        title: &str,
        suggested: Option<PathBuf>,
    ) {
        if self.waiting.is_some() {
            return;
        }
        if !dialog_service_likely() {
            self.prompt = Some(PathPrompt {
                action,
                text: suggested
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            });
            return;
        }
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter("CaféMap (.ron)", &["ron"]);
        if action == FileAction::Open {
            dialog = dialog.add_filter(
                "Markdown, OPML, Freeplane, JSON Canvas, text",
                &["md", "opml", "mm", "canvas", "txt"],
            );
        }
        if let Some(s) = &suggested {
            if let Some(dir) = s.parent().filter(|d| !d.as_os_str().is_empty()) {
                dialog = dialog.set_directory(dir);
            }
            if let Some(name) = s.file_name() {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
        }
        let future = match action {
            FileAction::Open => {
                Box::pin(async move { dialog.pick_file().await.map(|h| h.path().to_owned()) })
                    as std::pin::Pin<Box<dyn Future<Output = Option<PathBuf>> + Send>>
            }
            FileAction::SaveAs => {
                Box::pin(async move { dialog.save_file().await.map(|h| h.path().to_owned()) })
            }
        };
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(pollster::block_on(future));
            ctx.request_repaint();
        });
        self.waiting = Some((action, rx, Instant::now()));
    }

    /// The path the user chose, once there is one.
    pub fn poll(&mut self) -> Option<(FileAction, PathBuf)> {
        let (action, rx, started) = self.waiting.as_ref()?;
        let answer = rx.try_recv();
        match answer {
            Ok(Some(path)) => {
                let action = *action;
                self.waiting = None;
                Some((action, path))
            }
            // No answer within a blink: nobody cancelled that fast, so no dialog was shown.
            Ok(None) | Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                if started.elapsed() < Duration::from_millis(300) {
                    self.prompt = Some(PathPrompt {
                        action: *action,
                        text: String::new(),
                    });
                }
                self.waiting = None;
                None
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
        }
    }

    /// The in-app path field; returns the path once confirmed.
    pub fn show_prompt(
        &mut self,
        ctx: &egui::Context,
        i18n: &crate::i18n::I18n,
    ) -> Option<(FileAction, PathBuf)> {
        let prompt = self.prompt.as_mut()?;
        let mut result = None;
        let mut close = false;
        let title = match prompt.action {
            FileAction::Open => i18n.tr("cmd-open"),
            FileAction::SaveAs => i18n.tr("cmd-save-as"),
        };
        egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.heading(title);
            ui.label(i18n.tr("path-prompt-body"));
            let r = ui.add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(480.0)
                    .hint_text("/home/…/carte.ron"),
            );
            r.request_focus();
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if (ui.button(i18n.tr("path-prompt-ok")).clicked() || enter)
                    && !prompt.text.trim().is_empty()
                {
                    result = Some((prompt.action, PathBuf::from(prompt.text.trim())));
                    close = true;
                }
                if ui.button(i18n.tr("confirm-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    close = true;
                }
            });
        });
        if close {
            self.prompt = None;
        }
        result
    }
}
