//! File ▸ Export ▸ Report…: the format, the partner-safe option and a preview of the report's
//! outline (its sections and parts, as the PDF's bookmarks will list them). Export… then asks
//! where to write it; the writing runs off the UI thread like the other exports.

use crate::i18n::I18n;
use crate::io::report::{ReportFormat, ReportOptions, build};
use crate::model::Cafe;

/// What the dialog holds while it is open.
pub struct ReportDialog {
    format: ReportFormat,
    partner_safe: bool,
    outline: Option<Outline>,
}

/// The outline shown, and what it was built from (document revision, partner-safe): a large
/// café's report is built again only when one of them changes.
struct Outline {
    built_from: (u64, bool),
    headings: Vec<(u8, String)>,
}

impl Default for ReportDialog {
    fn default() -> Self {
        ReportDialog {
            format: ReportFormat::Pdf,
            partner_safe: false,
            outline: None,
        }
    }
}

/// What the user decided.
pub enum ReportIntent {
    /// Ask where to write the report in this format, with these options.
    Export(ReportFormat, ReportOptions),
}

fn format_label(format: ReportFormat, i18n: &I18n) -> String {
    i18n.tr(&format!("report-format-{}", format.extension()))
}

/// Shows the dialog when it is open. `revision` tells when the document changed.
pub fn show(
    dialog: &mut Option<ReportDialog>,
    ctx: &egui::Context,
    i18n: &I18n,
    cafe: &Cafe,
    revision: u64,
) -> Option<ReportIntent> {
    let d = dialog.as_mut()?;
    let key = (revision, d.partner_safe);
    if d.outline.as_ref().is_none_or(|o| o.built_from != key) {
        let options = ReportOptions {
            lang: cafe.language(),
            partner_safe: d.partner_safe,
        };
        let report = build(cafe, &options);
        let headings = report
            .outline()
            .into_iter()
            .filter(|(level, _)| *level <= 2)
            .map(|(level, text)| (level, text.to_owned()))
            .collect();
        d.outline = Some(Outline {
            built_from: key,
            headings,
        });
    }
    let (mut export, mut cancel) = (false, false);
    egui::Modal::new(egui::Id::unique("report-dialog")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(i18n.tr("report-dialog-heading"));
        ui.label(i18n.tr("report-dialog-body"));
        ui.add_space(6.0);
        ui.label(i18n.tr("report-dialog-format"));
        for format in ReportFormat::ALL {
            ui.radio_value(&mut d.format, format, format_label(format, i18n));
        }
        ui.add_space(4.0);
        ui.checkbox(&mut d.partner_safe, i18n.tr("report-dialog-partner-safe"));
        ui.add_space(6.0);
        ui.strong(i18n.tr("report-dialog-outline"));
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for (level, text) in d.outline.iter().flat_map(|o| &o.headings) {
                        if *level <= 1 {
                            ui.strong(text);
                        } else {
                            ui.horizontal(|ui| {
                                ui.add_space(16.0);
                                ui.label(text);
                            });
                        }
                    }
                });
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            export = ui.button(i18n.tr("report-dialog-export")).clicked();
            cancel = ui.button(i18n.tr("report-dialog-cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
    });
    let options = ReportOptions {
        lang: cafe.language(),
        partner_safe: d.partner_safe,
    };
    let intent = export.then_some(ReportIntent::Export(d.format, options));
    if export || cancel {
        *dialog = None;
    }
    intent
}
