//! What shows the editor's state: the canvas, the outline, the panels, the dialogs and the
//! presentation. Views read [`super::EditorState`] and say what they want done; none reaches
//! into another view's fields.

use super::{Notice, Pending};
use crate::ui::canvas::Canvas;
use crate::ui::find::FindBar;
use crate::ui::harvest::{HarvestPanel, OriginFilter};
use crate::ui::matrix::MatrixView;
use crate::ui::new_event::NewEventDialog;
use crate::ui::outline::Outline;
use crate::ui::palette::Palette;
use crate::ui::present::{self, Presentation};
use crate::ui::report::ReportDialog;
use crate::ui::threads::ThreadsReview;
use crate::ui::tidy::TidyReview;

#[derive(Default)]
pub struct Views {
    pub canvas: Canvas,
    /// The outline beside the map, when shown.
    pub(super) outline: Option<Outline>,
    /// The find bar (Ctrl+F, Ctrl+H), while open.
    pub(super) find: Option<FindBar>,
    pub(super) palette: Option<Palette>,
    /// File ▸ New's dialog asking for the event's title, date and table questions.
    pub(super) new_event: Option<NewEventDialog>,
    /// File ▸ Export ▸ Report…, while open.
    pub(super) report_dialog: Option<ReportDialog>,
    /// Presentation mode, when on: it has the whole window.
    pub(super) present: Option<Presentation>,
    /// Whether the side panel with the presentation order and speaker notes is shown.
    pub(super) present_panel: bool,
    /// The Tidy review open beside the map, with the document state it was made for.
    pub(super) tidy: Option<((u64, u64), TidyReview)>,
    /// The "Find common threads" review open beside the map.
    pub(super) threads: Option<ThreadsReview>,
    /// A partner's copy under review beside the map (File ▸ Merge a copy…).
    pub(super) merge: Option<crate::ui::merge::MergeReview>,
    /// A question about the map's history (a dropped map, Save as without history, trim).
    pub(super) history_ask: Option<crate::ui::merge::HistoryAsk>,
    /// The coverage matrix window, while open.
    pub(super) matrix: Option<MatrixView>,
    /// The harvest's panel, filter and reveal order. See `harvest.rs`.
    pub(super) harvest: HarvestViews,
    /// Something waiting for the user to decide about unsaved changes.
    pub(super) confirm: Option<Pending>,
    /// A one-line message in the status bar (an import summary, a refused edit).
    pub(super) message: Option<Notice>,
    /// Why the file given at start could not be opened (shown instead of the map).
    pub(super) load_error: Option<String>,
}

/// The harvest's views: view state only, never in the file.
#[derive(Default)]
pub(super) struct HarvestViews {
    /// The Top ideas / Tags / Actions panel, while shown.
    pub(super) panel: Option<HarvestPanel>,
    /// Round and table of origin the canvas and Top ideas show at full strength.
    pub(super) filter: OriginFilter,
    /// How the presentation reveals ideas (fewest dots first, or as arranged).
    pub(super) reveal: present::RevealOptions,
}
