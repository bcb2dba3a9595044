//! The Tags page: every tag of the event with how many notes carry it; a click rings those
//! notes on every table (a second click lets go).

use super::Intent;
use crate::i18n::I18n;
use crate::model::{Cafe, NodeId};

/// Each tag of the café (first spelling kept; counted without case) and how many notes carry
/// it, most used first, then alphabetically.
pub fn tag_counts(cafe: &Cafe) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for node in cafe.tables.iter().flat_map(|t| t.nodes()) {
        for tag in &node.tags {
            match counts
                .iter_mut()
                .find(|(t, _)| t.to_lowercase() == tag.to_lowercase())
            {
                Some((_, n)) => *n += 1,
                None => counts.push((tag.clone(), 1)),
            }
        }
    }
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
    });
    counts
}

/// The notes of table `ti` that show `tag` (a reference shows its original's tags).
pub fn tagged(cafe: &Cafe, ti: usize, tag: &str) -> Vec<NodeId> {
    let want = tag.to_lowercase();
    let Some(table) = cafe.tables.get(ti) else {
        return Vec::new();
    };
    table
        .nodes()
        .filter(|n| {
            cafe.shown(n.id)
                .is_some_and(|s| s.tags.iter().any(|t| t.to_lowercase() == want))
        })
        .map(|n| n.id)
        .collect()
}

pub fn show(
    ui: &mut egui::Ui,
    cafe: &Cafe,
    highlight: &mut Option<String>,
    i18n: &I18n,
) -> Vec<Intent> {
    let counts = tag_counts(cafe);
    if counts.is_empty() {
        ui.weak(i18n.tr("tags-empty"));
        return Vec::new();
    }
    ui.weak(i18n.tr("tags-hint"));
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (tag, n) in counts {
            let on = highlight
                .as_ref()
                .is_some_and(|h| h.to_lowercase() == tag.to_lowercase());
            ui.horizontal(|ui| {
                if ui.selectable_label(on, format!("#{tag}")).clicked() {
                    *highlight = if on { None } else { Some(tag.clone()) };
                }
                ui.weak(i18n.tr_args("tags-count", &[("count", n.into())]));
            });
        }
    });
    Vec::new()
}
