//! Files and sharing in the window: open, save, the unsaved-changes guard, dialogs' answers,
//! import and export, dropped files, recent files, autosave and crash recovery.

use super::*;

/// Files and sharing: dialogs' answers, import and export, dropped files, recent files,
/// autosave and crash recovery.
impl CafeApp {
    pub(super) fn ask_path(&mut self, action: FileAction, ctx: &egui::Context) {
        let suggested = self.suggested_path(action);
        if !self.files.request(action, ctx, &self.i18n, suggested) {
            self.warn(self.i18n.tr("dialog-busy"));
        }
    }

    /// Runs `pending` now if nothing is unsaved, else asks first.
    pub(super) fn guard(&mut self, pending: Pending, ctx: &egui::Context) {
        self.commit_typing();
        if self.editor.is_dirty() {
            self.views.confirm = Some(pending);
        } else {
            self.proceed(pending, ctx);
        }
    }

    pub(super) fn proceed(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::New => self.views.new_event = Some(NewEventDialog::default()),
            Pending::OpenDialog => self.ask_path(FileAction::Open, ctx),
            Pending::ImportDialog => self.ask_path(FileAction::Import, ctx),
            Pending::Open(path) => self.open(&path),
            Pending::Quit => {
                self.window.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.end_live();
        self.forget_recovery_copy();
        self.sharing.import_report = None;
        self.editor.doc = doc;
        self.editor.current = 0;
        self.views.load_error = None;
        self.views.canvas.reset();
    }

    pub(super) fn save_to(&mut self, path: &Path) {
        self.save_as(path, false);
    }

    /// Saves the map at `path`; `plain`: without its history, which the document then leaves
    /// behind too (the file is what it mirrors).
    pub(super) fn save_as(&mut self, path: &Path, plain: bool) {
        self.commit_typing();
        let path = crate::ui::files::with_extension_added(path.to_owned(), "ron");
        let written = if plain {
            crate::io::file::save(&path, &self.editor.doc.cafe().without_history())
        } else {
            crate::io::file::save(&path, self.editor.doc.cafe())
        };
        match written {
            Ok(()) => {
                if plain {
                    self.editor.doc.set_history(crate::sync::Trail::off());
                }
                self.editor.doc.mark_saved(path.clone());
                self.sharing.recent.push(&path);
                self.inform(
                    self.i18n
                        .tr_args("saved-to", &[("path", path.display().to_string().into())]),
                );
            }
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// Keeps automatic copies of unsaved work in `store`, and offers back any copy a crashed
    /// session left there. [`Self::new`] uses the default folder; tests pass their own.
    pub fn with_recovery(mut self, store: RecoveryStore) -> CafeApp {
        self.sharing.orphans = store.orphans();
        match store.start_session() {
            Ok(session) => self.sharing.recovery = Some(session),
            Err(e) => {
                eprintln!("cafemap: automatic copies are off: {e}");
                self.warn(
                    self.i18n
                        .tr_args("autosave-off", &[("reason", e.to_string().into())]),
                );
            }
        }
        self
    }

    /// Asks for paths with the in-app field rather than native dialogs.
    pub fn with_path_prompt(mut self) -> CafeApp {
        self.files.use_prompt();
        self
    }

    /// Reads what eframe kept from the last run (the recent files), dropping missing files.
    pub fn restore_state(&mut self, storage: &dyn eframe::Storage) {
        self.restore_live_name(storage);
        let Some(mut recent) = eframe::get_value::<RecentFiles>(storage, RecentFiles::STORAGE_KEY)
        else {
            return;
        };
        recent.prune();
        // A map opened from the command line stays on top.
        for path in self.sharing.recent.paths().iter().rev() {
            recent.push(path);
        }
        self.sharing.recent = recent;
    }

    /// What eframe keeps for the next run.
    pub fn save_state(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RecentFiles::STORAGE_KEY, &self.sharing.recent);
        self.save_live_name(storage);
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        self.sharing.recent.paths()
    }

    /// Where this window keeps its automatic copy, if it keeps one.
    pub fn recovery_copy(&self) -> Option<&Path> {
        self.sharing.recovery.as_ref().map(Session::path)
    }

    /// Waits for the files being written in the background (exports, the automatic copy) and
    /// takes in their outcome: on exit, and in tests.
    pub fn finish_writes(&mut self) {
        for job in std::mem::take(&mut self.sharing.exports) {
            let result = job.wait().map(|()| job.left_out);
            self.report_export(&job.path, result);
        }
        self.settle_recovery_copy(0.0, true);
    }

    /// A clean exit: lets exports finish, then removes the automatic copy.
    pub fn shutdown(&mut self) {
        self.close_live();
        self.finish_writes();
        if let Some(session) = self.sharing.recovery.take()
            && let Err(e) = session.end()
        {
            eprintln!("cafemap: {e}");
        }
    }

    /// Whether a modal dialog holds the keyboard.
    pub(super) fn modal_open(&self) -> bool {
        self.views.confirm.is_some()
            || self.views.new_event.is_some()
            || self.views.report_dialog.is_some()
            || self.files.prompt_open()
            || self.sharing.offer.is_some()
            || !self.sharing.orphans.is_empty()
            || self.editor.dialog.is_some()
            || self.views.history_ask.is_some()
    }

    /// Where a dialog starts: the document's folder (else the last map's, else Documents), and
    /// for a file to write, a name from the document.
    pub(super) fn suggested_path(&self, action: FileAction) -> PathBuf {
        let folder = |p: &PathBuf| {
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map(Path::to_owned)
        };
        let dir = self
            .editor
            .doc
            .path
            .as_ref()
            .and_then(folder)
            .or_else(|| self.sharing.recent.paths().first().and_then(folder))
            .unwrap_or_else(crate::ui::files::default_dir);
        let stem = self
            .editor
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| crate::ui::files::file_stem_for(&self.editor.doc.cafe().info.title));
        match action {
            FileAction::Open | FileAction::Import | FileAction::MergeCopy => dir,
            FileAction::SaveAs => dir.join(format!("{stem}.ron")),
            FileAction::Export(f) => dir.join(format!("{stem}.{}", f.extension())),
            FileAction::MatrixCsv => {
                dir.join(format!("{stem}-{}.csv", self.i18n.tr("matrix-file")))
            }
            FileAction::Report(f) => dir.join(format!("{stem}.{}", f.extension())),
        }
    }

    /// Opens a map, or imports another format into a new unsaved map and says what came in.
    pub(super) fn open(&mut self, path: &Path) {
        match open_file(path) {
            Ok((doc, None)) => {
                let set_aside = doc.cafe().history.notice();
                self.replace_document(doc);
                self.sharing.recent.push(path);
                self.views.message = None;
                if let Some(why) = set_aside {
                    self.warn(
                        self.i18n
                            .tr_args("history-set-aside", &[("reason", why.into())]),
                    );
                }
            }
            Ok((doc, Some(skipped))) => {
                self.replace_document(doc);
                self.offer_tidy_after_import(path);
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (t, h, i) = self.editor.doc.cafe().counts();
                let mut message = self.i18n.tr_args(
                    "imported",
                    &[
                        ("name", name.clone().into()),
                        ("tables", t.into()),
                        ("themes", h.into()),
                        ("ideas", i.into()),
                    ],
                );
                if !skipped.is_empty() {
                    message.push_str(" · ");
                    message.push_str(
                        &self
                            .i18n
                            .tr_args("imported-skipped", &[("count", skipped.len().into())]),
                    );
                    self.sharing.import_report = Some(ImportReport { name, skipped });
                }
                self.inform(message);
            }
            Err(e) => {
                if !path.exists() {
                    self.sharing.recent.remove(path);
                }
                eprintln!("cafemap: {e}");
                self.warn(e);
            }
        }
    }

    /// "Save" in the unsaved-changes dialog: saves (asking where if the map has no file yet),
    /// then goes on with what was asked, once the map is really saved.
    pub(super) fn save_then(&mut self, pending: Pending, ctx: &egui::Context) {
        if self.files.is_busy() {
            self.warn(self.i18n.tr("dialog-busy"));
            return;
        }
        self.sharing.after_save = Some(pending);
        self.run(ctx, Command::Save);
        // Saved in place: go on now. Otherwise a Save As is asking, and its answer goes on.
        if !self.files.is_busy()
            && let Some(pending) = self.sharing.after_save.take()
            && !self.editor.is_dirty()
        {
            self.proceed(pending, ctx);
        }
    }

    pub(super) fn on_file_event(&mut self, event: FileEvent, ctx: &egui::Context) {
        self.commit_typing();
        // An export, a report or the matrix never writes over the open map's file.
        if let FileEvent::Chosen(
            FileAction::Export(_) | FileAction::Report(_) | FileAction::MatrixCsv,
            path,
        ) = &event
            && let Some(map) = &self.editor.doc.path
            && let Err(e) = crate::io::atomic::refuse_overwriting_input(path, &[map])
        {
            self.sharing.report_options = None;
            self.report_export(path, Err(e));
            return;
        }
        match event {
            // Unsaved changes were dealt with before the dialog opened.
            FileEvent::Chosen(FileAction::Open | FileAction::Import, path) => {
                self.proceed(Pending::Open(path), ctx)
            }
            FileEvent::Chosen(FileAction::MergeCopy, path) => self.open_merge(path),
            FileEvent::Chosen(FileAction::SaveAs, path) if self.sharing.save_plain => {
                self.views.history_ask = Some(crate::ui::merge::HistoryAsk::SavePlain(path));
            }
            FileEvent::Chosen(FileAction::SaveAs, path) => {
                self.save_to(&path);
                if let Some(pending) = self.sharing.after_save.take()
                    && !self.editor.is_dirty()
                {
                    self.proceed(pending, ctx);
                }
            }
            FileEvent::Chosen(FileAction::Export(format), path) => {
                self.inform(
                    self.i18n
                        .tr_args("exporting", &[("path", path.display().to_string().into())]),
                );
                // The words an export adds are in the café's language, not the window's.
                let options = crate::io::export::ExportOptions {
                    lang: self.editor.doc.cafe().language(),
                    partner_safe: self.sharing.partner_safe,
                    ..crate::io::export::ExportOptions::default()
                };
                let job =
                    WriteJob::export(self.editor.doc.cafe().clone(), format, path, options, ctx);
                self.sharing.exports.push(job);
            }
            FileEvent::Chosen(FileAction::MatrixCsv, path) => self.export_matrix(path, ctx),
            FileEvent::Chosen(FileAction::Report(format), path) => {
                self.inform(
                    self.i18n
                        .tr_args("exporting", &[("path", path.display().to_string().into())]),
                );
                let options = self.sharing.report_options.take().unwrap_or(ReportOptions {
                    lang: self.editor.doc.cafe().language(),
                    partner_safe: false,
                });
                let cafe = self.editor.doc.cafe().clone();
                let target = path.clone();
                let job = WriteJob::spawn("report", path, ctx, move || {
                    crate::io::report::export(&cafe, format, &options).and_then(|bytes| {
                        crate::io::atomic::write_atomic(
                            &target,
                            &bytes,
                            crate::io::atomic::Backup::None,
                        )
                    })
                });
                self.sharing.exports.push(job);
            }
            FileEvent::Cancelled(_) => {
                self.sharing.after_save = None;
                self.sharing.report_options = None;
            }
        }
    }

    pub(super) fn poll_exports(&mut self) {
        let mut done = Vec::new();
        self.sharing.exports.retain(|job| match job.poll() {
            Some(result) => {
                done.push((job.path.clone(), result.map(|()| job.left_out)));
                false
            }
            None => true,
        });
        for (path, result) in done {
            self.report_export(&path, result);
        }
    }

    /// `left_out`: the unsorted notes the export did not show (slides have no tray).
    pub(super) fn report_export(
        &mut self,
        path: &Path,
        result: Result<usize, crate::io::FileError>,
    ) {
        let path_arg = ("path", path.display().to_string().into());
        match result {
            Ok(0) => self.inform(self.i18n.tr_args("exported-to", &[path_arg])),
            Ok(left_out) => self.inform(
                self.i18n
                    .tr_args("exported-left-out", &[path_arg, ("count", left_out.into())]),
            ),
            Err(e) => {
                eprintln!("cafemap: export failed: {e}");
                self.warn(
                    self.i18n
                        .tr_args("export-failed", &[("reason", e.to_string().into())]),
                );
            }
        }
    }

    /// Files dropped on the window open (maps) or import (anything else); a recent file picked
    /// in the menu opens. Both ask first about unsaved changes.
    pub(super) fn handle_open_requests(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let rect = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-overlay"),
            ));
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(110));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                self.i18n.tr("drop-hint"),
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        let request = match dropped.first() {
            Some(first) if !self.modal_open() => Some(first.clone()),
            _ => self.sharing.open_recent.take(),
        };
        if let Some(path) = request {
            let more = dropped.len() > 1;
            // A map dropped on one of ours may be a partner's copy: open it, or merge it in?
            let ours = self.editor.doc.path.is_some() || self.editor.doc.is_dirty();
            if !dropped.is_empty() && ours && is_ron(&path) && self.views.merge.is_none() {
                self.views.history_ask = Some(crate::ui::merge::HistoryAsk::Dropped(path));
            } else {
                self.push(Intent::OpenFile { path, more });
            }
        }
    }

    /// Opens a dropped or recent file, asking about unsaved changes first.
    pub(super) fn open_requested(&mut self, ctx: &egui::Context, path: PathBuf, more: bool) {
        self.guard(Pending::Open(path), ctx);
        if more {
            let one = self.i18n.tr("drop-one-file");
            match self.views.message.as_mut() {
                Some(m) => m.text = format!("{} · {one}", m.text),
                None => self.inform(one),
            }
        }
    }

    pub(super) fn import_report_panel(&mut self, ui: &mut egui::Ui) {
        let Some(report) = &self.sharing.import_report else {
            return;
        };
        let mut close = false;
        egui::Panel::bottom("import-report").show(ui, |ui| {
            close = report.show(ui, &self.i18n);
        });
        if close {
            self.sharing.import_report = None;
        }
    }

    /// File ▸ Export ▸ one item per format (the command table has them; the palette too).
    pub(super) fn export_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button(self.i18n.tr("menu-export"), |ui| {
            for format in crate::ui::commands::EXPORT_FORMATS {
                let name = crate::ui::files::format_label(format, &self.i18n);
                let hint = self.i18n.tr(&format!("format-{}-hint", format.extension()));
                let label = format!("{}…", crate::ui::files::capitalized(&name));
                if ui.button(label).on_hover_text(hint).clicked() {
                    self.push(Command::Export(format));
                    ui.close();
                }
            }
            ui.checkbox(
                &mut self.sharing.partner_safe,
                self.i18n.tr("export-partner-safe"),
            );
            ui.separator();
            let report = ui
                .button(self.i18n.tr("menu-export-report"))
                .on_hover_text(self.i18n.tr("report-dialog-body"));
            if report.clicked() {
                self.push(Command::ExportReport);
                ui.close();
            }
        });
    }

    /// File ▸ Open recent: the maps opened or saved lately.
    pub(super) fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button(self.i18n.tr("menu-open-recent"), |ui| {
            let paths = self.sharing.recent.paths().to_vec();
            if paths.is_empty() {
                ui.add_enabled(false, egui::Button::new(self.i18n.tr("recent-empty")));
                return;
            }
            for path in paths {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                let folder = path
                    .parent()
                    .and_then(|d| d.file_name())
                    .map(|d| d.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let button = egui::Button::new(name).shortcut_text(folder);
                if ui
                    .add(button)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    self.sharing.open_recent = Some(path);
                    ui.close();
                }
            }
            ui.separator();
            if ui.button(self.i18n.tr("recent-clear")).clicked() {
                self.sharing.recent.clear();
                ui.close();
            }
        });
    }

    /// Offers back, one at a time, the copies crashed sessions left.
    pub(super) fn restore_offer(&mut self, ctx: &egui::Context) {
        if self.sharing.offer.is_none() && !self.sharing.orphans.is_empty() {
            let orphan = self.sharing.orphans.remove(0);
            let loaded = orphan.load().map_err(|e| e.to_string());
            self.sharing.offer = Some((orphan, loaded));
        }
        let Some((orphan, loaded)) = &self.sharing.offer else {
            return;
        };
        if let Some(choice) = crate::ui::files::restore_dialog(ctx, &self.i18n, orphan, loaded) {
            self.push(Intent::Restore(choice));
        }
    }

    /// The answer to the offer of a crashed session's copy.
    pub(super) fn on_restore(&mut self, ctx: &egui::Context, choice: RestoreChoice) {
        let Some((orphan, loaded)) = self.sharing.offer.take() else {
            return;
        };
        match (choice, loaded) {
            // The copy of another map than the one asked for on the command line: that map
            // stays open, the copy becomes a file of its own beside its original.
            (RestoreChoice::Restore, Ok(recovered))
                if self.editor.doc.path.is_some()
                    && !self.editor.doc.is_dirty()
                    && recovered.original != self.editor.doc.path =>
            {
                let target = crate::io::recovery::restored_path(
                    recovered.original.as_deref(),
                    self.editor.doc.path.as_deref(),
                );
                match crate::io::file::save(&target, &recovered.cafe) {
                    Ok(()) => {
                        if let Err(e) = orphan.discard() {
                            eprintln!("cafemap: {e}");
                        }
                        self.sharing.recent.push(&target);
                        self.inform(self.i18n.tr_args(
                            "recovery-saved-apart",
                            &[("path", target.display().to_string().into())],
                        ));
                    }
                    Err(e) => self.warn(e.to_string()),
                }
            }
            (RestoreChoice::Restore, Ok(recovered)) => {
                let mut doc = Document::new(recovered.cafe, recovered.original);
                doc.mark_unsaved();
                self.replace_document(doc);
                // The copy moves to this session before the old one goes.
                if self.write_recovery_copy_now(ctx.input(|i| i.time))
                    && let Err(e) = orphan.discard()
                {
                    eprintln!("cafemap: {e}");
                }
                let mut message = self.i18n.tr("recovery-restored");
                let more = std::mem::take(&mut self.sharing.orphans).len();
                if more > 0 {
                    message.push(' ');
                    message.push_str(
                        &self
                            .i18n
                            .tr_args("recovery-more", &[("count", more.into())]),
                    );
                }
                self.inform(message);
            }
            (RestoreChoice::Discard, _) => {
                if let Err(e) = orphan.discard() {
                    self.warn(e.to_string());
                }
            }
            // Restore is not offered for a copy that cannot be read; keep it for next time.
            (RestoreChoice::Restore, Err(_)) => {}
        }
    }

    /// Copies the document to the recovery folder now, waiting for the disk (a restored copy
    /// moving to this session before the old one goes). Returns whether it was written.
    pub(super) fn write_recovery_copy_now(&mut self, now: f64) -> bool {
        self.settle_recovery_copy(now, true);
        let Some(session) = &self.sharing.recovery else {
            return false;
        };
        match session.write(&self.editor.snapshot(), self.editor.doc.path.as_deref()) {
            Ok(()) => {
                self.sharing.autosave.wrote(self.autosave_key());
                true
            }
            Err(e) => {
                self.autosave_failed(now, &e);
                false
            }
        }
    }

    /// What the automatic copy must hold to be up to date: the document's revision and the
    /// text being typed (which changes no revision until committed).
    pub(super) fn autosave_key(&self) -> u64 {
        self.editor
            .doc
            .revision()
            .wrapping_add(self.editor.drafts_fingerprint())
    }

    /// Starts copying the document (typed text included) to the recovery folder, on a worker
    /// thread: serialising and fsyncing a large map must not stall typing.
    pub(super) fn start_recovery_copy(&mut self, ctx: &egui::Context) {
        let Some(session) = &self.sharing.recovery else {
            return;
        };
        if self.sharing.autosaving.is_some() {
            return;
        }
        let writer = session.writer();
        let cafe = self.editor.snapshot();
        let original = self.editor.doc.path.clone();
        // Started before the copy exists: a failed write is reported and retried later.
        let job = WriteJob::spawn("autosave", writer.path().to_owned(), ctx, move || {
            writer.write(&cafe, original.as_deref())
        });
        self.sharing.autosaving = Some((job, self.autosave_key()));
    }

    /// Takes in the outcome of the automatic copy, once written; with `wait`, waits for it
    /// (before the copy is removed or the window closes, so no stale copy is left behind).
    pub(super) fn settle_recovery_copy(&mut self, now: f64, wait: bool) {
        let Some((job, revision)) = &self.sharing.autosaving else {
            return;
        };
        let result = if wait { Some(job.wait()) } else { job.poll() };
        let Some(result) = result else {
            return;
        };
        let revision = *revision;
        self.sharing.autosaving = None;
        match result {
            Ok(()) => self.sharing.autosave.wrote(revision),
            Err(e) => self.autosave_failed(now, &e),
        }
    }

    /// The automatic copy could not be written: said on stderr and in the status bar, tried
    /// again a full period later.
    fn autosave_failed(&mut self, now: f64, e: &crate::io::FileError) {
        eprintln!("cafemap: automatic copy failed: {e}");
        self.sharing.autosave.failed(now);
        self.warn(
            self.i18n
                .tr_args("autosave-off", &[("reason", e.to_string().into())]),
        );
    }

    /// Keeps the automatic copy in step with the document (see [`Autosave`]): costs nothing
    /// while the document is clean or the copy is up to date.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if self.sharing.recovery.is_none() {
            return;
        }
        let (now, focused) = ctx.input(|i| (i.time, i.focused));
        self.settle_recovery_copy(now, false);
        let key = self.autosave_key();
        let step = self
            .sharing
            .autosave
            .step(now, focused, self.editor.is_dirty(), key);
        match step {
            AutosaveStep::Write => self.start_recovery_copy(ctx),
            AutosaveStep::Clear => self.forget_recovery_copy(),
            AutosaveStep::WaitFor(after) => ctx.request_repaint_after(after),
            AutosaveStep::Idle => {}
        }
    }

    /// The document was saved or replaced: its automatic copy is no longer needed.
    pub(super) fn forget_recovery_copy(&mut self) {
        self.settle_recovery_copy(0.0, true);
        self.sharing.autosave.reset();
        if let Some(session) = &self.sharing.recovery
            && let Err(e) = session.clear()
        {
            eprintln!("cafemap: {e}");
        }
    }
}
