//! The whole presentation as one projector scene: the title card, then every presented table's
//! [`Board`] left to right, far enough apart that no step shows a neighbour. The camera glides
//! across it from step to step. No egui here: which part each step shows, and how large its
//! smallest text is, are unit-tested.

use super::board::{Board, LINE};
use super::steps::{Sequence, StepKind};
use crate::geom::{Point, Rect, Size};
use crate::model::{Cafe, NodeId, Rgb};
use crate::render::{EdgeVisual, INK, NodeVisual, QUESTION_FILL};
use crate::text::{measure, wrap};
use std::collections::HashMap;

/// No text smaller than this fraction of the screen height once the camera has settled.
pub const MIN_TEXT_FRACTION: f32 = 1.0 / 40.0;
/// Room for the painter's font-size rounding (1/48 octave) on top of the rule.
const ROUNDING_SLACK: f32 = 1.008;
/// Margin around a step's frame, as a fraction of the screen height.
pub const MARGIN_FRACTION: f32 = 0.035;
/// A frame is never narrower than this (canvas units) for each kind of step, so that a short
/// question or a branch of one note is shown large, not gigantic.
const TITLE_MIN_WIDTH: f32 = 1600.0;
const QUESTION_MIN_WIDTH: f32 = 1300.0;
const BRANCH_MIN_WIDTH: f32 = 1000.0;
/// Widest screen the spacing between tables is made for (21:9 and then some).
const WIDEST_ASPECT: f32 = 2.4;

/// Lines of the title card, in projector type.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleText {
    pub lines: Vec<String>,
    pub font: f32,
    pub bold: bool,
    pub color: Rgb,
    /// Top of the first line.
    pub top: f32,
    /// Lines start at the card's left edge (a list) rather than centred.
    pub left: bool,
}

impl TitleText {
    pub fn line_height(&self) -> f32 {
        self.font * LINE
    }
}

/// The event's title, subtitle, date and place, centred on `center_x`.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleCard {
    pub texts: Vec<TitleText>,
    pub center_x: f32,
    pub rect: Rect,
}

/// The scene the audience sees, and where the camera goes at each step.
#[derive(Clone, Debug, Default)]
pub struct Deck {
    pub seq: Sequence,
    /// Every presented node with its rank: a step shows it when the rank is below its
    /// `revealed`.
    pub nodes: Vec<(usize, NodeVisual)>,
    /// Edges with the rank of the node they lead to (drawn with it).
    pub edges: Vec<(usize, EdgeVisual)>,
    pub title: Option<TitleCard>,
    /// Per step, the part of the scene the camera shows.
    pub frames: Vec<Rect>,
    index: HashMap<NodeId, usize>,
}

impl Deck {
    pub fn new(cafe: &Cafe) -> Deck {
        let seq = Sequence::new(cafe);
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        let mut boards: Vec<Option<Board>> = Vec::with_capacity(cafe.tables.len());
        let mut x = 0.0f32;
        let mut previous_slack = 0.0;
        for (ti, (table, order)) in cafe.tables.iter().zip(&seq.tables).enumerate() {
            if order.is_empty() {
                boards.push(None);
                continue;
            }
            let board = Board::new(table, order);
            let slack = side_slack(board.bounds.size());
            if ti > 0 && x > 0.0 {
                x += previous_slack + slack;
            }
            let shift = Point::new(x - board.bounds.min.x, -board.bounds.min.y);
            let board = board.translated(shift);
            x = board.bounds.max.x;
            previous_slack = slack;
            for n in &board.nodes {
                if let Some(rank) = seq.rank(n.id) {
                    nodes.push((rank, n.clone()));
                }
            }
            for e in &board.edges {
                if let Some(rank) = seq.rank(e.to) {
                    edges.push((rank, e.clone()));
                }
            }
            boards.push(Some(board));
        }
        let first = boards.iter().flatten().next();
        let title = title_card(cafe, &seq, first);
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, (_, n))| (n.id, i))
            .collect();
        let mut deck = Deck {
            seq,
            nodes,
            edges,
            title,
            frames: Vec::new(),
            index,
        };
        deck.frames = deck
            .seq
            .steps
            .iter()
            .map(|s| {
                let board = s.table.and_then(|t| boards.get(t)).and_then(Option::as_ref);
                match (s.kind, board) {
                    (StepKind::Title, _) => deck
                        .title
                        .as_ref()
                        .map_or(Rect::NOTHING, |t| at_least(t.rect, TITLE_MIN_WIDTH)),
                    (StepKind::Question, _) => s
                        .focus
                        .and_then(|q| deck.node(q))
                        .map_or(Rect::NOTHING, |n| at_least(n.rect, QUESTION_MIN_WIDTH)),
                    (StepKind::Branch | StepKind::Idea, Some(b)) => s
                        .branch
                        .and_then(|br| b.column(br))
                        .map_or(b.bounds, |c| below(c, BRANCH_MIN_WIDTH)),
                    (_, Some(b)) => b.bounds,
                    (_, None) => Rect::NOTHING,
                }
            })
            .collect();
        deck
    }

    pub fn node(&self, id: NodeId) -> Option<&NodeVisual> {
        self.index
            .get(&id)
            .and_then(|&i| self.nodes.get(i))
            .map(|n| &n.1)
    }

    /// Where the camera rests at step `step` on a screen of `view` (points): the centre of
    /// the view in canvas units, and the zoom (points per canvas unit).
    ///
    /// The step's frame is fitted with a margin; if that would make some text on screen
    /// smaller than [`MIN_TEXT_FRACTION`] of the height (only a table too big for one screen),
    /// the camera stays at the smallest legible zoom, centred on what the step is about.
    pub fn camera(&self, step: usize, view: Size) -> (Point, f32) {
        let Some(frame) = self.frames.get(step).filter(|f| !f.is_empty()) else {
            return (Point::ZERO, 1.0);
        };
        let margin = MARGIN_FRACTION * view.h;
        let w = (view.w - 2.0 * margin).max(1.0);
        let h = (view.h - 2.0 * margin).max(1.0);
        let zoom = (w / frame.width().max(1.0)).min(h / frame.height().max(1.0));
        let centre = frame.center();
        let smallest = self.smallest_text(step, visible(centre, zoom, view));
        let legible = MIN_TEXT_FRACTION * view.h * ROUNDING_SLACK / smallest.max(1.0);
        if zoom >= legible {
            return (centre, zoom);
        }
        let focus = self
            .seq
            .get(step)
            .and_then(|s| s.focus)
            .and_then(|f| self.node(f))
            .map_or(centre, |n| n.rect.center());
        let half = Point::new(view.w / 2.0 / legible, view.h / 2.0 / legible);
        let clamp = |c: f32, f: f32, lo: f32, hi: f32, half: f32| {
            if hi - lo <= 2.0 * half {
                c
            } else {
                f.clamp(lo + half, hi - half)
            }
        };
        let centre = Point::new(
            clamp(centre.x, focus.x, frame.min.x, frame.max.x, half.x),
            clamp(centre.y, focus.y, frame.min.y, frame.max.y, half.y),
        );
        (centre, legible)
    }

    /// The smallest font size (canvas units) of the text step `step` shows inside `area`.
    pub fn smallest_text(&self, step: usize, area: Rect) -> f32 {
        let revealed = self.seq.get(step).map_or(0, |s| s.revealed);
        let nodes = self
            .nodes
            .iter()
            .filter(|(rank, n)| *rank < revealed && n.rect.intersects(&area))
            .map(|(_, n)| n.font_size);
        let title = self
            .title
            .iter()
            .filter(|t| t.rect.intersects(&area))
            .flat_map(|t| t.texts.iter().map(|x| x.font));
        nodes.chain(title).fold(f32::INFINITY, f32::min)
    }
}

/// The canvas area a camera at `centre`, `zoom` shows on a `view`-sized screen.
pub fn visible(centre: Point, zoom: f32, view: Size) -> Rect {
    Rect::from_center_size(centre, Size::new(view.w / zoom, view.h / zoom))
}

/// `r` grown (around its centre) to at least `min_w` wide and 16:9 high.
fn at_least(r: Rect, min_w: f32) -> Rect {
    let size = Size::new(r.width().max(min_w), r.height().max(min_w * 9.0 / 16.0));
    Rect::from_center_size(r.center(), size)
}

/// `r` grown to at least `min_w` wide (around its centre) and 16:9 high (downwards only): a
/// branch's frame keeps its top just under the question, whose curve comes in from above.
fn below(r: Rect, min_w: f32) -> Rect {
    let r = Rect {
        min: Point::new(r.min.x - 20.0, r.min.y - 8.0),
        max: Point::new(r.max.x + 20.0, r.max.y + 20.0),
    };
    let w = r.width().max(min_w);
    let h = r.height().max(min_w * 9.0 / 16.0);
    Rect {
        min: Point::new(r.center().x - w / 2.0, r.min.y),
        max: Point::new(r.center().x + w / 2.0, r.min.y + h),
    }
}

/// How much wider than a board of `size` the screen is at its overview, on each side, on the
/// widest screen, plus a gap: what keeps neighbouring tables out of view.
fn side_slack(size: Size) -> f32 {
    let shown = size.w.max(size.h * WIDEST_ASPECT) * (1.0 + 4.0 * MARGIN_FRACTION);
    (shown - size.w) / 2.0 + 300.0
}

/// The title card, left of the first table, level with its question: the title, subtitle, date
/// and place centred, then the tables' questions as a numbered agenda, as the first slide of a
/// restitution lists its round tables.
fn title_card(cafe: &Cafe, seq: &Sequence, first: Option<&Board>) -> Option<TitleCard> {
    let info = &cafe.info;
    if info.title.trim().is_empty() && info.subtitle.trim().is_empty() {
        return None;
    }
    const WRAP: f32 = 1500.0;
    const GREY: Rgb = Rgb(0x4A, 0x4F, 0x57);
    let meta: Vec<&str> = [info.date.as_str(), info.place.as_str()]
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut specs = vec![
        (
            info.title.trim().to_owned(),
            64.0,
            true,
            QUESTION_FILL,
            0.0,
            false,
        ),
        (
            info.subtitle.trim().to_owned(),
            34.0,
            false,
            INK,
            40.0,
            false,
        ),
        (meta.join(" · "), 28.0, false, GREY, 36.0, false),
        (
            info.facilitators.trim().to_owned(),
            28.0,
            false,
            GREY,
            14.0,
            false,
        ),
    ];
    let mut gap = 56.0;
    for (ti, t) in cafe.tables.iter().enumerate() {
        if seq.tables.get(ti).is_some_and(|o| !o.is_empty()) {
            let question = t
                .question_node()
                .text
                .split_whitespace()
                .collect::<Vec<_>>();
            specs.push((
                format!("{}. {}", ti + 1, question.join(" ")),
                30.0,
                false,
                INK,
                gap,
                true,
            ));
            gap = 14.0;
        }
    }
    let mut texts = Vec::new();
    let mut y = 0.0f32;
    let mut width = 0.0f32;
    for (text, font, bold, color, gap, left) in specs {
        if text.is_empty() {
            continue;
        }
        if !texts.is_empty() {
            y += gap;
        }
        let lines = wrap(&text, font, WRAP, bold);
        width = lines
            .iter()
            .map(|l| measure(l, font, bold))
            .fold(width, f32::max);
        let t = TitleText {
            lines,
            font,
            bold,
            color,
            top: y,
            left,
        };
        y += t.lines.len() as f32 * t.line_height();
        texts.push(t);
    }
    let size = Size::new(width, y);
    let (anchor, slack) = match first {
        Some(b) => {
            let q = b.nodes.first().map_or(b.bounds, |n| n.rect);
            (
                Point::new(b.bounds.min.x, q.center().y),
                side_slack(b.bounds.size()),
            )
        }
        None => (Point::ZERO, 0.0),
    };
    let card_slack =
        side_slack(at_least(Rect::from_center_size(Point::ZERO, size), TITLE_MIN_WIDTH).size());
    let centre = Point::new(anchor.x - slack - card_slack - size.w / 2.0, anchor.y);
    let top = centre.y - size.h / 2.0;
    for t in &mut texts {
        t.top += top;
    }
    Some(TitleCard {
        texts,
        center_x: centre.x,
        rect: Rect::from_center_size(centre, size),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the painter draws: the font size times the zoom, rounded to 1/48 octave.
    fn painted(px: f32) -> f32 {
        2f32.powf((px.log2() * 48.0).round() / 48.0)
    }

    #[test]
    fn every_step_of_the_example_is_legible_from_the_back_of_the_room() {
        let deck = Deck::new(&crate::ui::example());
        let view = Size::new(1920.0, 1080.0);
        let mut report = Vec::new();
        for (i, step) in deck.seq.steps.iter().enumerate() {
            let (c, zoom) = deck.camera(i, view);
            let area = visible(c, zoom, view);
            let px = painted(deck.smallest_text(i, area) * zoom);
            report.push(format!(
                "{i} {:?}: {px:.1}px zoom {zoom:.3} frame {:?}",
                step.kind,
                deck.frames[i].size()
            ));
            assert!(
                px >= 1080.0 / 40.0,
                "step {i} ({step:?}) shows {px:.1}px text"
            );
            // The whole frame is on screen: nothing the step is about is cut off.
            let frame = deck.frames[i];
            assert!(
                area.contains(frame.min) && area.contains(frame.max),
                "step {i} ({step:?}) crops its frame"
            );
        }
        println!("{}", report.join("\n"));
    }

    #[test]
    fn neighbouring_tables_stay_out_of_each_others_steps() {
        let cafe = crate::ui::example();
        let deck = Deck::new(&cafe);
        let view = Size::new(2560.0, 1080.0);
        for (i, step) in deck.seq.steps.iter().enumerate() {
            let (c, zoom) = deck.camera(i, view);
            let area = visible(c, zoom, view);
            for (_, n) in deck.nodes.iter().filter(|(r, _)| *r < step.revealed) {
                if n.rect.intersects(&area) {
                    assert_eq!(
                        cafe.table_of(n.id),
                        step.table,
                        "step {i} shows {}",
                        n.text()
                    );
                }
            }
            if step.kind != StepKind::Title
                && let Some(t) = &deck.title
            {
                assert!(!t.rect.intersects(&area), "step {i} shows the title");
            }
        }
    }

    #[test]
    fn ten_thousand_notes_are_presented_legibly() {
        let mut cafe = Cafe::new(crate::model::CafeInfo {
            title: "Grand café".into(),
            ..Default::default()
        });
        let mut t = cafe.new_table("Une très grande table ?");
        let q = t.question();
        for th in 0..40 {
            let theme = cafe.alloc_id();
            let at = Point::new(th as f32 * 10.0 - 200.0, -300.0);
            t.insert(
                crate::model::Node::new(
                    theme,
                    crate::model::NodeKind::Theme,
                    format!("Thème {th}"),
                )
                .at(at),
                Some(q),
            )
            .unwrap();
            for k in 0..250 {
                let id = cafe.alloc_id();
                let text = format!("Idée {k} du thème {th}, sur deux lignes peut-être");
                let idea = crate::model::Node::new(id, crate::model::NodeKind::Idea, text)
                    .at(Point::new(0.0, k as f32 * 50.0));
                t.insert(idea, Some(theme)).unwrap();
            }
        }
        cafe.tables.push(t);
        let deck = Deck::new(&cafe);
        assert_eq!(deck.nodes.len(), 1 + 40 + 10_000);
        let view = Size::new(1920.0, 1080.0);
        for i in [0, 1, 2, 3, 5000, deck.seq.len() - 1] {
            let (c, zoom) = deck.camera(i, view);
            let px = painted(deck.smallest_text(i, visible(c, zoom, view)) * zoom);
            assert!(px >= 27.0, "step {i}: {px:.1}px");
        }
    }

    #[test]
    fn a_huge_table_is_followed_rather_than_shrunk() {
        let mut cafe = crate::ui::example();
        let t = &mut cafe.tables[0];
        let theme = t.themes()[0];
        let mut ids = Vec::new();
        for k in 0..40 {
            let id = NodeId(1000 + k);
            t.insert(
                crate::model::Node::new(
                    id,
                    crate::model::NodeKind::Idea,
                    format!("Idée numéro {k}, assez longue pour passer sur deux lignes"),
                )
                .at(Point::new(600.0, 300.0 + k as f32 * 90.0)),
                Some(theme),
            )
            .unwrap();
            ids.push(id);
        }
        let deck = Deck::new(&cafe);
        let view = Size::new(1920.0, 1080.0);
        for (i, step) in deck.seq.steps.iter().enumerate() {
            let (c, zoom) = deck.camera(i, view);
            let area = visible(c, zoom, view);
            let px = painted(deck.smallest_text(i, area) * zoom);
            assert!(px >= 27.0, "step {i} ({step:?}) shows {px:.1}px text");
            if let Some(f) = step.focus.and_then(|f| deck.node(f)) {
                assert!(
                    area.contains(f.rect.center()),
                    "step {i}: its focus is on screen"
                );
            }
        }
    }
}
