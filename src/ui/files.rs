//! Native file dialogs without freezing the window, a way out when there are none, and the list
//! of recent files.
//!
//! rfd dialogs are created on the UI thread and awaited on a worker thread while egui keeps
//! painting. rfd answers `None` both for "cancelled" and for "no dialog service" (no portal, no
//! zenity); when we can tell it is the latter, the app shows its own path field instead, so a
//! user is never stuck.

use super::commands::Command;
use crate::i18n::I18n;
use crate::io::FileError;
use crate::io::atomic::{Backup, write_atomic};
use crate::io::export::{ExportFormat, ExportOptions};
use crate::io::recovery::{Orphan, Recovered};
use crate::io::report::ReportFormat;
use crate::model::Cafe;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// Set to `prompt` to always use the in-app path field instead of native dialogs.
pub const DIALOG_ENV: &str = "CAFEMAP_FILE_DIALOG";

/// Extensions the importers read (the content decides for anything else).
pub const IMPORT_EXTENSIONS: [&str; 7] = ["md", "markdown", "opml", "mm", "canvas", "csv", "txt"];

/// A dialog that answers faster than this was never on screen: nobody cancels that fast.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

/// What a chosen path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Open,
    SaveAs,
    Import,
    /// A partner's copy of the open map, to review and merge.
    MergeCopy,
    Export(ExportFormat),
    /// The coverage matrix as CSV.
    MatrixCsv,
    Report(ReportFormat),
}

impl FileAction {
    /// Whether the path names a file to write (so it may not exist yet).
    fn writes(self) -> bool {
        matches!(
            self,
            FileAction::SaveAs
                | FileAction::Export(_)
                | FileAction::MatrixCsv
                | FileAction::Report(_)
        )
    }

    /// The dialog's title: the command's label.
    pub fn title(self, i18n: &I18n) -> String {
        match self {
            FileAction::Open => Command::Open.label(i18n),
            FileAction::SaveAs => Command::SaveAs.label(i18n),
            FileAction::Import => Command::Import.label(i18n),
            FileAction::MergeCopy => Command::MergeCopy.label(i18n),
            FileAction::Export(f) => Command::Export(f).label(i18n),
            FileAction::MatrixCsv => i18n.tr("matrix-export-csv"),
            FileAction::Report(_) => Command::ExportReport.label(i18n),
        }
    }

    /// File-type filters offered by the dialog: a name and extensions.
    fn filters(self, i18n: &I18n) -> Vec<(String, Vec<&'static str>)> {
        match self {
            FileAction::Open | FileAction::SaveAs | FileAction::MergeCopy => {
                vec![("CaféMap (.ron)".into(), vec!["ron"])]
            }
            FileAction::Import => vec![
                (i18n.tr("filter-import"), IMPORT_EXTENSIONS.to_vec()),
                (i18n.tr("filter-all"), vec!["*"]),
            ],
            FileAction::Export(f) => vec![(format_label(f, i18n), vec![f.extension()])],
            FileAction::MatrixCsv => vec![("CSV (.csv)".into(), vec!["csv"])],
            FileAction::Report(f) => vec![(
                i18n.tr(&format!("report-format-{}", f.extension())),
                vec![f.extension()],
            )],
        }
    }

    /// The path as it will be written: maps are saved as `.ron`; an export without extension
    /// gets its format's.
    pub fn normalize(self, path: PathBuf) -> PathBuf {
        match self {
            FileAction::SaveAs => with_extension_added(path, "ron"),
            FileAction::Export(f) => with_extension_added(path, f.extension()),
            FileAction::MatrixCsv => with_extension_added(path, "csv"),
            FileAction::Report(f) => with_extension_added(path, f.extension()),
            _ => path,
        }
    }
}

/// The name of an export format, e.g. "PDF (.pdf)".
pub fn format_label(format: ExportFormat, i18n: &I18n) -> String {
    i18n.tr(&format!("format-{}", format.extension()))
}

/// `path` ending in `.ext`: added to the name when it ends otherwise, never replacing what
/// follows a dot ("Atelier 12.05" becomes "Atelier 12.05.ron", not "Atelier 12.ron", which
/// could be another map).
pub fn with_extension_added(path: PathBuf, ext: &str) -> PathBuf {
    if has_extension(&path, ext) {
        return path;
    }
    let Some(name) = path.file_name() else {
        return path;
    };
    let mut name = name.to_os_string();
    name.push(".");
    name.push(ext);
    path.with_file_name(name)
}

pub fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// What became of a request for a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileEvent {
    Chosen(FileAction, PathBuf),
    Cancelled(FileAction),
}

/// A path typed by hand when no dialog service exists.
pub struct PathPrompt {
    action: FileAction,
    text: String,
    /// Why the typed path cannot be used, shown under the field.
    error: Option<String>,
    /// The path the user agreed to replace (clicked OK once with a warning on screen).
    replace: Option<PathBuf>,
    /// Whether the field was given the keyboard focus (on opening, and again after an error).
    focused: bool,
}

/// A native dialog on screen, answered by a worker thread: the path, and how long it took.
struct Waiting {
    action: FileAction,
    suggested: PathBuf,
    answer: Receiver<(Option<PathBuf>, Duration)>,
}

pub struct FileDialogs {
    waiting: Option<Waiting>,
    prompt: Option<PathPrompt>,
    /// False once we know (or were told) that native dialogs cannot be shown here.
    native: bool,
}

impl Default for FileDialogs {
    fn default() -> Self {
        FileDialogs::new()
    }
}

impl FileDialogs {
    /// Native dialogs when a dialog service is likely here and `CAFEMAP_FILE_DIALOG` is not
    /// `prompt`; else the in-app path field.
    pub fn new() -> FileDialogs {
        let forced = std::env::var(DIALOG_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("prompt"));
        let env = |k: &str| std::env::var_os(k);
        FileDialogs {
            waiting: None,
            prompt: None,
            native: !forced
                && dialog_service_likely(
                    env("DBUS_SESSION_BUS_ADDRESS"),
                    env("XDG_RUNTIME_DIR"),
                    env("PATH"),
                ),
        }
    }

    /// Always use the in-app path field (tests; systems whose dialogs misbehave).
    pub fn use_prompt(&mut self) {
        self.native = false;
    }

    /// Whether a dialog or the path field is waiting for the user.
    pub fn is_busy(&self) -> bool {
        self.waiting.is_some() || self.prompt.is_some()
    }

    /// Whether the in-app path field is on screen.
    pub fn prompt_open(&self) -> bool {
        self.prompt.is_some()
    }

    /// Asks the user for a path; the answer comes later from [`Self::poll`] or
    /// [`Self::show_prompt`]. Returns false (and asks nothing) while another request is open.
    pub fn request(
        &mut self,
        action: FileAction,
        ctx: &egui::Context,
        i18n: &I18n,
        suggested: PathBuf,
    ) -> bool {
        if self.is_busy() {
            return false;
        }
        if !self.native {
            self.prompt = Some(PathPrompt::new(action, &suggested));
            return true;
        }
        let mut dialog = rfd::AsyncFileDialog::new().set_title(action.title(i18n));
        for (name, exts) in action.filters(i18n) {
            dialog = dialog.add_filter(name, &exts);
        }
        let dir = if action.writes() || suggested.is_dir() {
            suggested.parent()
        } else {
            Some(suggested.as_path())
        };
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        } else if let Some(dir) = suggested.parent().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        if action.writes()
            && let Some(name) = suggested.file_name()
        {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        // The dialog is created here, on the UI thread (macOS requires it); only the wait moves
        // to the worker.
        type Answer = std::pin::Pin<Box<dyn Future<Output = Option<PathBuf>> + Send>>;
        let future: Answer = if action.writes() {
            let f = dialog.save_file();
            Box::pin(async move { f.await.map(|h| h.path().to_owned()) })
        } else {
            let f = dialog.pick_file();
            Box::pin(async move { f.await.map(|h| h.path().to_owned()) })
        };
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let started = Instant::now();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let path = pollster::block_on(future);
                let _ = tx.send((path, started.elapsed()));
                ctx.request_repaint();
            });
        if spawned.is_err() {
            self.native = false;
            self.prompt = Some(PathPrompt::new(action, &suggested));
            return true;
        }
        self.waiting = Some(Waiting {
            action,
            suggested,
            answer: rx,
        });
        true
    }

    /// The native dialog's answer, once there is one.
    pub fn poll(&mut self) -> Option<FileEvent> {
        let waiting = self.waiting.as_ref()?;
        let answer = match waiting.answer.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => (None, Duration::ZERO),
        };
        let waiting = self.waiting.take()?;
        match answer {
            (Some(path), _) => Some(FileEvent::Chosen(
                waiting.action,
                waiting.action.normalize(path),
            )),
            (None, took) if took < NO_DIALOG_WITHIN => {
                // No dialog could be shown: say so on stderr, and ask in the window from now on.
                eprintln!(
                    "cafemap: no file dialog service (portal or zenity); asking in the window"
                );
                self.native = false;
                self.prompt = Some(PathPrompt::new(waiting.action, &waiting.suggested));
                None
            }
            (None, _) => Some(FileEvent::Cancelled(waiting.action)),
        }
    }

    /// The in-app path field, when it is open; returns the user's answer once given.
    pub fn show_prompt(&mut self, ctx: &egui::Context, i18n: &I18n) -> Option<FileEvent> {
        let prompt = self.prompt.as_mut()?;
        let mut ok = false;
        let mut cancel = false;
        let action = prompt.action;
        egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(action.title(i18n));
            ui.label(i18n.tr("path-prompt-body"));
            let field = ui.add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(f32::INFINITY)
                    .hint_text(i18n.tr("path-prompt-hint")),
            );
            super::focus_until_held(ui, &field, &mut prompt.focused);
            if field.changed() {
                prompt.error = None;
                prompt.replace = None;
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(e) = &prompt.error {
                ui.colored_label(ui.visuals().warn_fg_color, e);
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let label = if prompt.replace.is_some() {
                    i18n.tr("path-prompt-replace")
                } else {
                    i18n.tr("path-prompt-ok")
                };
                ok = ui.button(label).clicked() || enter;
                cancel = ui.button(i18n.tr("confirm-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape));
            });
        });
        if cancel {
            self.prompt = None;
            return Some(FileEvent::Cancelled(action));
        }
        if !ok {
            return None;
        }
        match prompt.check(i18n) {
            Ok(path) => {
                self.prompt = None;
                Some(FileEvent::Chosen(action, path))
            }
            Err(why) => {
                prompt.error = Some(why);
                prompt.focused = false;
                None
            }
        }
    }
}

impl PathPrompt {
    fn new(action: FileAction, suggested: &Path) -> PathPrompt {
        let mut text = suggested.display().to_string();
        // A folder ends with a separator, so that typing the file name is all there is to do.
        if suggested.is_dir() && !text.ends_with(std::path::MAIN_SEPARATOR) {
            text.push(std::path::MAIN_SEPARATOR);
        }
        PathPrompt {
            action,
            text,
            error: None,
            replace: None,
            focused: false,
        }
    }

    /// The typed path if it can be used; else why not, to show under the field. An existing
    /// file to write gives a warning the first time, and is accepted on the next OK.
    fn check(&mut self, i18n: &I18n) -> Result<PathBuf, String> {
        let typed = self.text.trim();
        if typed.is_empty() {
            return Err(i18n.tr("path-prompt-empty"));
        }
        let path = self.action.normalize(expand_home(typed));
        if !self.action.writes() {
            return if path.is_file() {
                Ok(path)
            } else if path.is_dir() {
                Err(i18n.tr("path-prompt-folder"))
            } else {
                Err(i18n.tr("path-prompt-missing"))
            };
        }
        if path.is_dir() {
            return Err(i18n.tr("path-prompt-folder"));
        }
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        if parent.is_some_and(|p| !p.is_dir()) {
            return Err(i18n.tr("path-prompt-no-folder"));
        }
        if path.exists() && self.replace.as_ref() != Some(&path) {
            self.replace = Some(path.clone());
            return Err(i18n.tr_args(
                "path-prompt-exists",
                &[("path", path.display().to_string().into())],
            ));
        }
        Ok(path)
    }
}

/// `~/x` → the home folder's `x`: people type it even where no shell expands it.
fn expand_home(typed: &str) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_owned());
    if typed == "~" {
        return home().unwrap_or_else(|| PathBuf::from(typed));
    }
    match (typed.strip_prefix("~/"), home()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(typed),
    }
}

/// Is there anything that can show a native dialog here? The XDG portal needs a session bus
/// (named by the variable, or the standard socket in the runtime folder); rfd's fallback is
/// zenity. Elsewhere (Windows, macOS) the system always provides dialogs.
fn dialog_service_likely(
    bus: Option<OsString>,
    runtime_dir: Option<OsString>,
    path: Option<OsString>,
) -> bool {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return true;
    }
    let bus = bus.is_some_and(|b| !b.is_empty())
        || runtime_dir.is_some_and(|d| Path::new(&d).join("bus").exists());
    let zenity =
        path.is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
    bus || zenity
}

/// A folder to offer when the document has none: Documents, else the home folder.
pub fn default_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .filter(|d| d.is_dir())
                .map(Path::to_owned)
                .or_else(|| Some(u.home_dir().to_owned()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A file name made from a café's title: no characters that file systems refuse.
pub fn file_stem_for(title: &str) -> String {
    let cleaned: String = title
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if cleaned.is_empty() {
        "world-cafe".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// The maps opened or saved lately, newest first (File ▸ Open recent). Only CaféMap files: an
/// imported file is a source, not a map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
}

impl RecentFiles {
    pub const MAX: usize = 10;
    /// Key in eframe's storage.
    pub const STORAGE_KEY: &'static str = "recent-files";

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Puts `path` on top (once). Paths that are not UTF-8 are left out: they could not be
    /// stored.
    pub fn push(&mut self, path: &Path) {
        if path.to_str().is_none() {
            return;
        }
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.paths.retain(|p| p != &path);
        self.paths.insert(0, path);
        self.paths.truncate(Self::MAX);
    }

    pub fn remove(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
    }

    pub fn clear(&mut self) {
        self.paths.clear();
    }

    /// Drops files that no longer exist (moved, deleted, on an unplugged drive).
    pub fn prune(&mut self) {
        self.paths.retain(|p| p.is_file());
        self.paths.truncate(Self::MAX);
    }
}

/// How often a document with unsaved changes is copied to the recovery folder, in seconds.
pub const AUTOSAVE_EVERY: f64 = 30.0;

/// When to write the recovery copy: 30 s after the first change it does not hold yet, and at
/// once when the window loses focus (the user switches away: a good moment, and a risky one).
/// Asks for nothing while the document is clean or the copy is up to date, so an idle window
/// stays idle.
#[derive(Debug, Default)]
pub struct Autosave {
    /// The document revision the copy holds (`None`: there is no copy).
    written: Option<u64>,
    /// When a change not yet in the copy was first seen (egui time, seconds).
    pending_since: Option<f64>,
    was_focused: bool,
}

/// What [`Autosave::step`] asks the window to do this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AutosaveStep {
    Write,
    /// The document is clean again: remove the copy.
    Clear,
    /// Come back after this long (the window asks egui for a repaint then).
    WaitFor(Duration),
    Idle,
}

impl Autosave {
    pub fn step(&mut self, now: f64, focused: bool, dirty: bool, revision: u64) -> AutosaveStep {
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if !dirty {
            self.pending_since = None;
            return if self.written.take().is_some() {
                AutosaveStep::Clear
            } else {
                AutosaveStep::Idle
            };
        }
        if self.written == Some(revision) {
            self.pending_since = None;
            return AutosaveStep::Idle;
        }
        let due = *self.pending_since.get_or_insert(now) + AUTOSAVE_EVERY;
        if lost_focus || now >= due {
            AutosaveStep::Write
        } else {
            AutosaveStep::WaitFor(Duration::from_secs_f64(due - now))
        }
    }

    /// The copy now holds `revision`.
    pub fn wrote(&mut self, revision: u64) {
        self.written = Some(revision);
        self.pending_since = None;
    }

    /// Writing failed: try again a full period later.
    pub fn failed(&mut self, now: f64) {
        self.pending_since = Some(now);
    }

    /// Another document replaced this one (its copy was removed).
    pub fn reset(&mut self) {
        self.written = None;
        self.pending_since = None;
    }
}

/// A file written by a worker thread, so that serialising, fsyncing or drawing a large map does
/// not freeze the window: exports, and the automatic copy of unsaved work.
pub struct WriteJob {
    pub path: PathBuf,
    /// How many unsorted notes an export leaves out (slides show no tray), for its summary.
    pub left_out: usize,
    answer: Receiver<Result<(), FileError>>,
}

impl WriteJob {
    /// Runs `write` on a thread named `name`; errors name `path` when they do not name a file.
    pub fn spawn(
        name: &str,
        path: PathBuf,
        ctx: &egui::Context,
        write: impl FnOnce() -> Result<(), FileError> + Send + 'static,
    ) -> WriteJob {
        let (tx, rx) = channel();
        let target = path.clone();
        let ctx = ctx.clone();
        let worker = std::thread::Builder::new().name(name.into()).spawn({
            let tx = tx.clone();
            move || {
                let result = write().map_err(|e| {
                    if e.path.is_none() {
                        e.in_file(&target)
                    } else {
                        e
                    }
                });
                let _ = tx.send(result);
                ctx.request_repaint();
            }
        });
        if let Err(e) = worker {
            let _ = tx.send(Err(
                FileError::new(format!("cannot start writing: {e}")).in_file(&path)
            ));
        }
        WriteJob {
            path,
            left_out: 0,
            answer: rx,
        }
    }

    /// Exports `cafe` to `path` (atomically, without backup: an export is not a document), with
    /// `options` (the words it adds in the window's language, partner-safe or not).
    pub fn export(
        cafe: Cafe,
        format: ExportFormat,
        path: PathBuf,
        options: ExportOptions,
        ctx: &egui::Context,
    ) -> WriteJob {
        let left_out = crate::io::export::unsorted_left_out(&cafe, format, &options).unwrap_or(0);
        let target = path.clone();
        let job = WriteJob::spawn("export", path, ctx, move || {
            crate::io::export::export(&cafe, format, &options)
                .and_then(|bytes| write_atomic(&target, &bytes, Backup::None))
        });
        WriteJob { left_out, ..job }
    }

    /// The result, once the writing is done.
    pub fn poll(&self) -> Option<Result<(), FileError>> {
        match self.answer.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(FileError::new(
                "writing stopped unexpectedly",
            )
            .in_file(&self.path))),
        }
    }

    /// Waits for the writing to finish (on exit, so that nothing is cut short).
    pub fn wait(&self) -> Result<(), FileError> {
        self.answer.recv().unwrap_or_else(|_| {
            Err(FileError::new("writing stopped unexpectedly").in_file(&self.path))
        })
    }
}

/// The user's answer to the offer of an automatic copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreChoice {
    Restore,
    Discard,
}

/// The modal offering back a copy left by a session that crashed. `loaded` is the copy read back,
/// or why it cannot be; a copy that cannot be read can only be discarded.
pub fn restore_dialog(
    ctx: &egui::Context,
    i18n: &I18n,
    orphan: &Orphan,
    loaded: &Result<Recovered, String>,
) -> Option<RestoreChoice> {
    let name = orphan
        .original
        .as_deref()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| loaded.as_ref().ok().map(|r| r.cafe.info.title.clone()))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| i18n.tr("untitled"));
    let age = orphan
        .saved_at
        .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
        .unwrap_or_default();
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("restore-recovery")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(i18n.tr("recovery-title"));
        ui.label(i18n.tr_args(
            "recovery-body",
            &[("name", name.into()), ("age", age_text(i18n, age).into())],
        ));
        if let Err(e) = loaded {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                i18n.tr_args("recovery-unreadable", &[("reason", e.clone().into())]),
            );
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if loaded.is_ok() && ui.button(i18n.tr("recovery-restore")).clicked() {
                choice = Some(RestoreChoice::Restore);
            }
            if ui.button(i18n.tr("recovery-discard")).clicked() {
                choice = Some(RestoreChoice::Discard);
            }
        });
    });
    choice
}

/// "3 minutes ago", "yesterday"…
pub fn age_text(i18n: &I18n, age: Duration) -> String {
    let minutes = age.as_secs() / 60;
    let (key, n) = match minutes {
        0 => return i18n.tr("recovery-age-now"),
        1..120 => ("recovery-age-minutes", minutes),
        120..2880 => ("recovery-age-hours", minutes / 60),
        _ => ("recovery-age-days", minutes / 1440),
    };
    i18n.tr_args(key, &[("n", n.into())])
}

/// What an import could not bring in, shown above the status bar until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub name: String,
    pub skipped: Vec<String>,
}

impl ImportReport {
    /// The panel's content; returns true when the user closes it.
    pub fn show(&self, ui: &mut egui::Ui, i18n: &I18n) -> bool {
        let mut close = false;
        ui.horizontal(|ui| {
            ui.strong(i18n.tr_args("import-report-title", &[("name", self.name.clone().into())]));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                close = ui.button(i18n.tr("import-report-close")).clicked();
            });
        });
        egui::ScrollArea::vertical()
            .max_height(120.0)
            .show(ui, |ui| {
                for line in &self.skipped {
                    ui.label(format!("• {line}"));
                }
            });
        close
    }
}

/// `word` with its first letter in upper case ("image PNG" → "Image PNG" in a menu).
pub fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_bus_and_no_zenity_means_the_path_field() {
        let empty = tempfile::tempdir().unwrap();
        let dir = || Some(empty.path().as_os_str().to_owned());
        if cfg!(all(unix, not(target_os = "macos"))) {
            assert!(!dialog_service_likely(None, dir(), dir()));
            assert!(!dialog_service_likely(Some("".into()), None, None));
        }
        assert!(dialog_service_likely(
            Some("unix:path=/run/user/1000/bus".into()),
            None,
            None
        ));
        std::fs::write(empty.path().join("zenity"), "").unwrap();
        assert!(dialog_service_likely(None, None, dir()));
        std::fs::remove_file(empty.path().join("zenity")).unwrap();
        std::fs::write(empty.path().join("bus"), "").unwrap();
        assert!(dialog_service_likely(None, dir(), None));
    }

    #[test]
    fn paths_get_the_right_extension() {
        let pdf = FileAction::Export(ExportFormat::Pdf);
        for (action, path, normalized) in [
            (FileAction::SaveAs, "/a/carte", "/a/carte.ron"),
            (FileAction::SaveAs, "/a/carte.RON", "/a/carte.RON"),
            // What follows a dot is part of the name, never replaced: "Atelier 12.ron" may be
            // another map.
            (
                FileAction::SaveAs,
                "/a/Atelier 12.05",
                "/a/Atelier 12.05.ron",
            ),
            (FileAction::SaveAs, "/a/notes.md", "/a/notes.md.ron"),
            (pdf, "/a/carte", "/a/carte.pdf"),
            (pdf, "/a/carte.v2.pdf", "/a/carte.v2.pdf"),
            (FileAction::Open, "/a/x.md", "/a/x.md"),
        ] {
            assert_eq!(
                action.normalize(PathBuf::from(path)),
                PathBuf::from(normalized),
                "{action:?} {path}"
            );
        }
    }

    #[test]
    fn file_names_from_titles() {
        assert_eq!(file_stem_for("Café : 12/05"), "Café - 12-05");
        assert_eq!(file_stem_for("  ..  "), "world-cafe");
    }

    #[test]
    fn recent_files_keep_ten_newest_existing_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut recent = RecentFiles::default();
        let files: Vec<PathBuf> = (0..12)
            .map(|i| {
                let p = dir.path().join(format!("{i}.ron"));
                std::fs::write(&p, "").unwrap();
                p
            })
            .collect();
        for f in &files {
            recent.push(f);
        }
        recent.push(&files[5]);
        assert_eq!(recent.paths().len(), RecentFiles::MAX);
        assert_eq!(recent.paths()[0], files[5], "reopened goes on top, once");
        assert_eq!(recent.paths().iter().filter(|p| **p == files[5]).count(), 1);
        std::fs::remove_file(&files[11]).unwrap();
        recent.prune();
        assert!(!recent.paths().contains(&files[11]));
        assert_eq!(recent.paths().len(), RecentFiles::MAX - 1);
    }

    #[test]
    fn the_prompt_checks_paths_before_answering() {
        let i18n = I18n::new(crate::i18n::Lang::En);
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("map.ron");
        std::fs::write(&existing, "x").unwrap();

        let folder = PathPrompt::new(FileAction::Open, dir.path());
        assert!(
            folder.text.ends_with(std::path::MAIN_SEPARATOR),
            "ready for a name"
        );
        let mut open = PathPrompt::new(FileAction::Open, &dir.path().join("missing.ron"));
        assert!(open.check(&i18n).is_err());
        open.text = existing.display().to_string();
        assert_eq!(open.check(&i18n), Ok(existing.clone()));

        let mut save = PathPrompt::new(FileAction::SaveAs, &dir.path().join("no/such/x.ron"));
        assert!(save.check(&i18n).is_err());
        save.text = dir.path().join("map").display().to_string();
        assert!(save.check(&i18n).is_err(), "replacing asks first");
        assert_eq!(save.check(&i18n), Ok(existing), "the second OK confirms");
    }

    #[test]
    fn autosave_waits_thirty_seconds_or_for_focus_loss_and_rests_when_idle() {
        use AutosaveStep::{Clear, Idle, WaitFor, Write};
        let secs = Duration::from_secs;
        // (now, focused, dirty, revision, the step, why); each Write is then written.
        let steps = [
            (0.0, true, false, 1, Idle, "clean: nothing to do"),
            (1.0, true, true, 2, WaitFor(secs(30)), ""),
            (
                11.0,
                true,
                true,
                3,
                WaitFor(secs(20)),
                "counted from the first change, not the last",
            ),
            (31.0, true, true, 3, Write, ""),
            (500.0, true, true, 3, Idle, "up to date"),
            (501.0, true, true, 4, WaitFor(secs(30)), ""),
            (502.0, false, true, 4, Write, "focus lost"),
            (503.0, false, true, 4, Idle, ""),
            (504.0, true, false, 5, Clear, "saved"),
            (505.0, true, false, 5, Idle, ""),
        ];
        let mut a = Autosave::default();
        for (now, focused, dirty, revision, expected, why) in steps {
            assert_eq!(
                a.step(now, focused, dirty, revision),
                expected,
                "at {now}: {why}"
            );
            if expected == Write {
                a.wrote(revision);
            }
        }
    }

    #[test]
    fn ages_read_naturally_in_both_languages() {
        let en = I18n::new(crate::i18n::Lang::En);
        let fr = I18n::new(crate::i18n::Lang::Fr);
        let m = |n: u64| Duration::from_secs(n * 60);
        assert_eq!(age_text(&en, m(0)), "a moment ago");
        assert_eq!(age_text(&en, m(5)), "5 minutes ago");
        assert_eq!(age_text(&fr, m(5)), "il y a 5 minutes");
        assert_eq!(age_text(&en, m(180)), "3 hours ago");
        assert_eq!(age_text(&fr, m(3 * 1440)), "il y a 3 jours");
        assert_eq!(capitalized("image PNG (.png)"), "Image PNG (.png)");
    }

    /// A native dialog's answer as the worker thread would send it.
    fn answered(answer: Option<PathBuf>, took: Duration) -> FileDialogs {
        let (tx, rx) = channel();
        tx.send((answer, took)).unwrap();
        FileDialogs {
            waiting: Some(Waiting {
                action: FileAction::SaveAs,
                suggested: PathBuf::from("/maps/atelier.ron"),
                answer: rx,
            }),
            prompt: None,
            native: true,
        }
    }

    #[test]
    fn an_instant_none_means_no_dialog_service_and_opens_the_path_field() {
        let mut d = answered(None, Duration::from_millis(20));
        assert_eq!(d.poll(), None);
        assert!(d.prompt_open(), "the user is not left stuck");
        assert!(!d.native, "and is asked in the window from now on");
        assert_eq!(
            d.prompt.as_ref().map(|p| p.text.as_str()),
            Some("/maps/atelier.ron")
        );

        let mut d = answered(None, Duration::from_secs(4));
        assert_eq!(d.poll(), Some(FileEvent::Cancelled(FileAction::SaveAs)));
        assert!(!d.is_busy() && d.native, "a real cancel changes nothing");

        let mut d = answered(Some(PathBuf::from("/maps/neuf")), Duration::from_secs(4));
        assert_eq!(
            d.poll(),
            Some(FileEvent::Chosen(
                FileAction::SaveAs,
                PathBuf::from("/maps/neuf.ron")
            ))
        );
        assert!(!d.is_busy());
    }

    /// The automatic copy and exports must not stall the window: the frame that starts one
    /// returns while the disk is still busy, and the outcome is picked up later.
    #[test]
    fn a_write_job_leaves_the_window_free_while_the_disk_works() {
        let ctx = egui::Context::default();
        let (release, gate) = std::sync::mpsc::channel::<()>();
        let job = WriteJob::spawn(
            "autosave",
            PathBuf::from("/tmp/copy.ron"),
            &ctx,
            move || {
                // A slow disk: this write finishes only when the test says so.
                gate.recv().map_err(|_| FileError::new("gate closed"))
            },
        );
        assert!(job.poll().is_none(), "the caller is not kept waiting");
        release.send(()).unwrap();
        assert_eq!(job.wait(), Ok(()));
    }
}
