//! The egui application: the only layer that knows egui. It turns input into [`commands`] and
//! [`crate::edit::Edit`]s; it never changes the document any other way.

mod app;
mod camera;
mod canvas;
mod commands;
mod document;
mod draft_editor;
mod files;
mod find;
mod first_frame;
mod harvest;
mod live;
mod matrix;
mod merge;
mod new_event;
mod outline;
mod palette;
mod present;
mod report;
mod style;
mod threads;
mod tidy;

pub use app::{CafeApp, EditorState, LiveStatus, Opening, Views, example};
pub use commands::Command;
pub use document::Document;
pub use present::{Presentation, Step, StepKind};

use crate::i18n::Lang;
use std::path::PathBuf;

/// How the GUI starts, from the command line.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// The map to open; the bundled example event when `None`.
    pub file: Option<PathBuf>,
    /// `fr` or `en`; the system locale when `None`.
    pub lang: Option<String>,
    /// Start in presentation mode.
    pub present: bool,
}

/// The window icon: the 256 px rendering of `assets/icons/cafemap.svg`, as installed for menus.
const WINDOW_ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/256x256/apps/cafemap.png");

/// Gives a dialog's first field the keyboard until it has it (a modal's first frame is a
/// sizing pass, where a request can be lost); after that the user moves it where they like.
fn focus_until_held(ui: &egui::Ui, field: &egui::Response, focused: &mut bool) {
    if !*focused {
        if field.has_focus() {
            *focused = true;
        } else {
            field.request_focus();
            ui.ctx().request_repaint();
        }
    }
}

/// Opens the main window and runs until it is closed.
pub fn run(options: StartOptions) -> eframe::Result {
    let lang = Lang::detect(options.lang.as_deref());
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("CaféMap")
        .with_app_id("cafemap")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([640.0, 420.0])
        .with_drag_and_drop(true);
    // A window without an icon is only cosmetic: never refuse to start over it.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let native = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let reading = std::thread::spawn(move || Opening::read(options));
    eframe::run_native(
        "CaféMap",
        native,
        Box::new(move |cc| {
            let opening = reading
                .join()
                .map_err(|_| "the map could not be read (the reading thread stopped)")?;
            let mut app = CafeApp::opened(lang, opening);
            // Recent files from the last run.
            if let Some(storage) = cc.storage {
                app.restore_state(storage);
            }
            if first_frame::Probe::<CafeApp>::wanted() {
                return Ok(Box::new(first_frame::Probe::new(app)));
            }
            Ok(Box::new(app))
        }),
    )
}
