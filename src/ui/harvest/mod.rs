//! The harvest side panel (Top ideas, Tags, Actions) and the small dialogs for dot kinds, tags,
//! actions and origins. Like every panel, they read the café and return intents; the app applies
//! them after the UI pass.

pub mod actions;
pub mod dialogs;
pub mod tags;
pub mod top_ideas;

use crate::i18n::I18n;
use crate::model::{Cafe, NodeId, NodeKind};

/// Which page of the harvest panel is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    TopIdeas,
    Tags,
    Actions,
}

/// "Only round 2", "only ideas from table 3": what the canvas and Top ideas show at full
/// strength; the rest fades. View state, never in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OriginFilter {
    pub round: Option<u32>,
    /// Index of the table the ideas were written at.
    pub table: Option<usize>,
}

impl OriginFilter {
    pub fn is_active(&self) -> bool {
        self.round.is_some() || self.table.is_some()
    }

    /// Whether an idea passes (themes and questions always do: they frame the map).
    pub fn passes(&self, cafe: &Cafe, id: NodeId) -> bool {
        let Some(shown) = cafe.shown(id) else {
            return true;
        };
        if shown.kind != NodeKind::Idea {
            return true;
        }
        self.round.is_none_or(|r| shown.origin.round == Some(r))
            && self
                .table
                .is_none_or(|t| cafe.origin_table(shown.id) == Some(t))
    }

    /// The rounds the café's ideas were recorded in, in order.
    pub fn rounds(cafe: &Cafe) -> Vec<u32> {
        let mut rounds: Vec<u32> = cafe
            .tables
            .iter()
            .flat_map(|t| t.nodes())
            .filter_map(|n| n.origin.round)
            .collect();
        rounds.sort_unstable();
        rounds.dedup();
        rounds
    }
}

/// What the panel and dialogs ask the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Show this note: its table, selected, in view.
    Jump { table: usize, id: NodeId },
    /// Open the owner and due date form of an action.
    EditAction { table: usize, id: NodeId },
}

/// The panel's state between frames.
pub struct HarvestPanel {
    pub tab: Tab,
    pub top: top_ideas::TopFilter,
    pub actions: actions::ActionSort,
    /// The tag whose notes are ringed on every table.
    pub highlight: Option<String>,
}

impl HarvestPanel {
    pub fn new(tab: Tab) -> HarvestPanel {
        HarvestPanel {
            tab,
            top: top_ideas::TopFilter::default(),
            actions: actions::ActionSort::default(),
            highlight: None,
        }
    }

    /// The panel's content: tabs, then the page.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        cafe: &Cafe,
        filter: &mut OriginFilter,
        i18n: &I18n,
    ) -> Vec<Intent> {
        ui.horizontal(|ui| {
            for (tab, key) in [
                (Tab::TopIdeas, "harvest-tab-top"),
                (Tab::Tags, "harvest-tab-tags"),
                (Tab::Actions, "harvest-tab-actions"),
            ] {
                if ui.selectable_label(self.tab == tab, i18n.tr(key)).clicked() {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        match self.tab {
            Tab::TopIdeas => top_ideas::show(ui, cafe, &mut self.top, filter, i18n),
            Tab::Tags => tags::show(ui, cafe, &mut self.highlight, i18n),
            Tab::Actions => actions::show(ui, cafe, &mut self.actions, i18n),
        }
    }
}

/// The name of dot kind `k` as the user sees it ("priorité"), or "Dots" for an unnamed one.
pub fn dot_kind_name(cafe: &Cafe, k: usize, i18n: &I18n) -> String {
    cafe.dot_kinds
        .get(k)
        .map(|d| d.name.trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| {
            if cafe.dot_kind_count() == 1 {
                i18n.tr("dots-default-kind")
            } else {
                i18n.tr_args("dots-kind-n", &[("n", (k + 1).into())])
            }
        })
}

/// The note's text on one line, cut to `max` characters (table cells, menus).
pub fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        flat
    }
}

/// The dots of a note as coloured "●3" runs, one per kind that has some.
pub fn votes_cell(ui: &mut egui::Ui, cafe: &Cafe, votes: &crate::model::Votes) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        if votes.is_empty() {
            ui.weak("—");
        }
        for k in 0..crate::model::MAX_DOT_KINDS {
            let n = votes.of(k);
            if n > 0 {
                let c = crate::ui::style::color(crate::render::dot_color(Some(cafe), k));
                ui.label(egui::RichText::new(format!("●{n}")).color(c).strong());
            }
        }
    });
}
