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
/// The header's type, as a fraction of the screen height, and its most lines.
const HEADER_FRACTION: f32 = 1.0 / 34.0;
const HEADER_LINES: usize = 2;
/// Widest screen the spacing between tables is made for (21:9 and then some).
const WIDEST_ASPECT: f32 = 2.4;

impl Shot {
    /// What is painted while the camera glides from the step of `left` to this one: whatever
    /// either shows whole (it slides out or in), under this step's header.
    pub fn with(mut self, left: &Shot) -> Shot {
        let union = |a: &mut Vec<usize>, b: &[usize]| {
            a.extend_from_slice(b);
            a.sort_unstable();
            a.dedup();
        };
        union(&mut self.nodes, &left.nodes);
        union(&mut self.edges, &left.edges);
        self.title |= left.title;
        self.closing |= left.closing;
        self
    }
}

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
    /// The closing card with the most voted ideas, right of the last table (when asked for).
    pub closing: Option<TitleCard>,
    /// Per step, the part of the scene the camera shows.
    pub frames: Vec<Rect>,
    index: HashMap<NodeId, usize>,
    /// Per node (as in `nodes`): the branch of the question it belongs to (`None` for the
    /// question). A neighbouring branch is shown whole or not at all.
    branches: Vec<Option<NodeId>>,
}

/// The question of the table being presented, as a band across the top of the screen (screen
/// points): on a branch step the question itself is off screen, and the room keeps its context.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub lines: Vec<String>,
    /// Font size in points (bold).
    pub font: f32,
    /// Height of the band, from the top of the screen.
    pub height: f32,
}

impl Header {
    pub fn line_height(&self) -> f32 {
        self.font * LINE
    }
}

/// What the audience sees at a step once the camera rests: where the camera is, the header, and
/// which nodes and edges are painted. Every painted box lies whole on the screen, below the
/// header; whatever would be cut by an edge of the screen is not painted at all.
#[derive(Clone, Debug, PartialEq)]
pub struct Shot {
    pub centre: Point,
    pub zoom: f32,
    pub header: Option<Header>,
    /// Indices into [`Deck::nodes`].
    pub nodes: Vec<usize>,
    /// Indices into [`Deck::edges`].
    pub edges: Vec<usize>,
    /// Whether the title card is painted.
    pub title: bool,
    /// Whether the closing top ideas card is painted.
    pub closing: bool,
}

/// The tables laid side by side as boards, and their presented nodes and edges with the rank
/// at which each is revealed.
struct Laid {
    /// Per table; `None` for a table not presented.
    boards: Vec<Option<Board>>,
    nodes: Vec<(usize, NodeVisual)>,
    edges: Vec<(usize, EdgeVisual)>,
}

/// Each presented table as a board, left to right, spaced by the slack their shapes want.
fn lay_boards(cafe: &Cafe, seq: &Sequence) -> Laid {
    let mut laid = Laid {
        boards: Vec::with_capacity(cafe.tables.len()),
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let mut x = 0.0f32;
    let mut previous_slack = 0.0;
    for (ti, (table, order)) in cafe.tables.iter().zip(&seq.tables).enumerate() {
        if order.is_empty() {
            laid.boards.push(None);
            continue;
        }
        let board = Board::new(cafe, table, order);
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
                laid.nodes.push((rank, n.clone()));
            }
        }
        for e in &board.edges {
            if let Some(rank) = seq.rank(e.to) {
                laid.edges.push((rank, e.clone()));
            }
        }
        laid.boards.push(Some(board));
    }
    laid
}

/// Per node: the branch of the question it belongs to (`None` for the question).
fn branches_of(seq: &Sequence, nodes: &[(usize, NodeVisual)]) -> Vec<Option<NodeId>> {
    let mut branch_of = HashMap::new();
    for order in &seq.tables {
        let mut branch = None;
        for &(id, depth) in order {
            if depth == 1 {
                branch = Some(id);
            }
            branch_of.insert(id, if depth == 0 { None } else { branch });
        }
    }
    nodes
        .iter()
        .map(|(_, n)| branch_of.get(&n.id).copied().flatten())
        .collect()
}

impl Deck {
    /// The plain reveal order (the tests' shorthand).
    #[cfg(test)]
    pub fn new(cafe: &Cafe) -> Deck {
        Deck::with(cafe, super::steps::RevealOptions::default())
    }

    pub fn with(cafe: &Cafe, options: super::steps::RevealOptions) -> Deck {
        let heading = options.top_ideas.clone();
        let seq = Sequence::with(cafe, options);
        let Laid {
            boards,
            nodes,
            edges,
        } = lay_boards(cafe, &seq);
        let first = boards.iter().flatten().next();
        let title = title_card(cafe, &seq, first);
        let closing = match &heading {
            Some(h) if seq.steps.iter().any(|s| s.kind == StepKind::TopIdeas) => {
                top_ideas_card(cafe, &seq, h, boards.iter().flatten().last())
            }
            _ => None,
        };
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, (_, n))| (n.id, i))
            .collect();
        let branches = branches_of(&seq, &nodes);
        let mut deck = Deck {
            seq,
            nodes,
            edges,
            title,
            closing,
            frames: Vec::new(),
            index,
            branches,
        };
        deck.frames = deck
            .seq
            .steps
            .iter()
            .map(|s| deck.frame_of(s, &boards))
            .collect();
        deck
    }

    /// The part of the scene the camera shows at step `s`.
    fn frame_of(&self, s: &super::steps::Step, boards: &[Option<Board>]) -> Rect {
        let board = s.table.and_then(|t| boards.get(t)).and_then(Option::as_ref);
        let card = |c: &Option<TitleCard>| {
            c.as_ref()
                .map_or(Rect::NOTHING, |t| at_least(t.rect, TITLE_MIN_WIDTH))
        };
        match (s.kind, board) {
            (StepKind::TopIdeas, _) => card(&self.closing),
            (StepKind::Title, _) => card(&self.title),
            (StepKind::Question, _) => s
                .focus
                .and_then(|q| self.node(q))
                .map_or(Rect::NOTHING, |n| at_least(n.rect, QUESTION_MIN_WIDTH)),
            (StepKind::Branch | StepKind::Idea, Some(b)) => s
                .branch
                .and_then(|br| b.column(br))
                .map_or(b.bounds, |c| below(c, BRANCH_MIN_WIDTH)),
            (_, Some(b)) => b.bounds,
            (_, None) => Rect::NOTHING,
        }
    }

    pub fn node(&self, id: NodeId) -> Option<&NodeVisual> {
        self.index
            .get(&id)
            .and_then(|&i| self.nodes.get(i))
            .map(|n| &n.1)
    }

    /// Where the camera rests at step `step` on a screen of `view` (points): the centre of
    /// the view in canvas units, and the zoom (points per canvas unit).
    pub fn camera(&self, step: usize, view: Size) -> (Point, f32) {
        let shot = self.shot(step, view);
        (shot.centre, shot.zoom)
    }

    /// What step `step` shows on a screen of `view` (points), camera at rest.
    ///
    /// The step's frame is fitted with a margin, below the header if the step has one; if that
    /// would make some text on screen smaller than [`MIN_TEXT_FRACTION`] of the height (only a
    /// table too big for one screen), the camera stays at the smallest legible zoom, centred on
    /// what the step is about. Then only what lies whole on screen is painted: a node of the
    /// step's own branch if its box is inside, another branch only if all of it is.
    pub fn shot(&self, step: usize, view: Size) -> Shot {
        let header = self.header(step, view);
        let top = header.as_ref().map_or(0.0, |h| h.height);
        let (centre, zoom) = self.rest(step, view, top);
        // The canvas area under the header: what may be painted.
        let seen = visible(centre, zoom, view);
        let area = Rect {
            min: Point::new(seen.min.x, seen.min.y + top / zoom),
            max: seen.max,
        };
        let step_info = self.seq.get(step).copied();
        let revealed = step_info.map_or(0, |s| s.revealed);
        let own_branch = step_info.and_then(|s| s.branch);
        let inside = |r: &Rect| area.contains(r.min) && area.contains(r.max);
        let shown = |i: usize| self.nodes.get(i).is_some_and(|(rank, _)| *rank < revealed);
        // Branches with a revealed node cut by the screen's edge: not painted at all.
        let mut cut: Vec<NodeId> = Vec::new();
        for (i, (_, n)) in self.nodes.iter().enumerate() {
            if let Some(Some(b)) = self.branches.get(i)
                && Some(*b) != own_branch
                && shown(i)
                && !inside(&n.rect)
                && !cut.contains(b)
            {
                cut.push(*b);
            }
        }
        let nodes: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| shown(i))
            .filter(|&i| self.nodes.get(i).is_some_and(|(_, n)| inside(&n.rect)))
            .filter(|&i| !matches!(self.branches.get(i), Some(Some(b)) if cut.contains(b)))
            .collect();
        let painted = |id: NodeId| {
            self.index
                .get(&id)
                .is_some_and(|i| nodes.binary_search(i).is_ok())
        };
        let edges = self
            .edges
            .iter()
            .enumerate()
            .filter(|(_, (rank, e))| *rank < revealed && painted(e.from) && painted(e.to))
            .map(|(i, _)| i)
            .collect();
        let title = self.title.as_ref().is_some_and(|t| inside(&t.rect));
        let closing = self.closing.as_ref().is_some_and(|t| inside(&t.rect));
        Shot {
            centre,
            zoom,
            header,
            nodes,
            edges,
            title,
            closing,
        }
    }

    /// The camera at rest for `step`, the top `top` points of the screen taken by the header.
    fn rest(&self, step: usize, view: Size, top: f32) -> (Point, f32) {
        let Some(frame) = self.frames.get(step).filter(|f| !f.is_empty()) else {
            return (Point::ZERO, 1.0);
        };
        let margin = MARGIN_FRACTION * view.h;
        let w = (view.w - 2.0 * margin).max(1.0);
        let h = (view.h - top - 2.0 * margin).max(1.0);
        // The camera's centre is the screen's; the frame is centred in the part under the header.
        let under_header = |c: Point, zoom: f32| Point::new(c.x, c.y - top / 2.0 / zoom);
        let zoom = (w / frame.width().max(1.0)).min(h / frame.height().max(1.0));
        let centre = frame.center();
        let smallest = self.smallest_text(step, visible(under_header(centre, zoom), zoom, view));
        let legible = MIN_TEXT_FRACTION * view.h * ROUNDING_SLACK / smallest.max(1.0);
        if zoom >= legible {
            return (under_header(centre, zoom), zoom);
        }
        let focus_rect = self
            .seq
            .get(step)
            .and_then(|s| s.focus)
            .and_then(|f| self.node(f))
            .map(|n| n.rect);
        let focus = focus_rect.map_or(centre, |r| r.center());
        // Never so close that what the step is about is cut (a narrow screen, a long question).
        let legible = focus_rect.map_or(legible, |r| {
            legible
                .min(w / r.width().max(1.0))
                .min(h / r.height().max(1.0))
        });
        let half = Point::new(view.w / 2.0 / legible, (view.h - top) / 2.0 / legible);
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
        (under_header(centre, legible), legible)
    }

    /// The header of `step`: its table's question, on the steps that show one branch (the
    /// question's box is then above the screen).
    fn header(&self, step: usize, view: Size) -> Option<Header> {
        let s = self.seq.get(step)?;
        if !matches!(s.kind, StepKind::Branch | StepKind::Idea) {
            return None;
        }
        let (question, _) = *self.seq.tables.get(s.table?)?.first()?;
        let text = self.node(question)?.lines.join(" ");
        let font = view.h * HEADER_FRACTION;
        let width = view.w - 2.0 * MARGIN_FRACTION * view.h;
        let mut lines = wrap(&text, font, width.max(font), true);
        if lines.len() > HEADER_LINES {
            lines.truncate(HEADER_LINES);
            if let Some(last) = lines.last_mut() {
                *last = ellipsize(last, font, width);
            }
        }
        let pad = font * 0.5;
        Some(Header {
            height: lines.len() as f32 * font * LINE + 2.0 * pad,
            lines,
            font,
        })
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

/// `line` shortened to end in "…" within `width` (bold, at `font`).
fn ellipsize(line: &str, font: f32, width: f32) -> String {
    let mut out: String = line.to_owned();
    while !out.is_empty() && measure(&format!("{out} …"), font, true) > width {
        out.pop();
    }
    format!("{} …", out.trim_end()).trim_start().to_owned()
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

/// What the title card shows of an event field: its text, trimmed (an empty field shows nothing).
fn given(field: &str) -> String {
    field.trim().to_owned()
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
    let meta: Vec<String> = [info.date.as_str(), info.place.as_str()]
        .into_iter()
        .map(given)
        .filter(|s| !s.is_empty())
        .collect();
    let mut specs = vec![
        (given(&info.title), 64.0, true, QUESTION_FILL, 0.0, false),
        (given(&info.subtitle), 34.0, false, INK, 40.0, false),
        (meta.join(" · "), 28.0, false, GREY, 36.0, false),
        (given(&info.facilitators), 28.0, false, GREY, 14.0, false),
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
    Some(place_card(texts, Size::new(width, y), first, Side::Left))
}

/// Which side of a board a card stands.
#[derive(Clone, Copy)]
enum Side {
    Left,
    Right,
}

/// A card of `texts` (tops relative to the card's top) beside `board`, level with its
/// question, as far from it as tables are from each other.
fn place_card(
    mut texts: Vec<TitleText>,
    size: Size,
    board: Option<&Board>,
    side: Side,
) -> TitleCard {
    let (anchor, slack) = match board {
        Some(b) => {
            let q = b.nodes.first().map_or(b.bounds, |n| n.rect);
            let x = match side {
                Side::Left => b.bounds.min.x,
                Side::Right => b.bounds.max.x,
            };
            (Point::new(x, q.center().y), side_slack(b.bounds.size()))
        }
        None => (Point::ZERO, 0.0),
    };
    let card_slack =
        side_slack(at_least(Rect::from_center_size(Point::ZERO, size), TITLE_MIN_WIDTH).size());
    let away = slack + card_slack + size.w / 2.0;
    let centre = match side {
        Side::Left => Point::new(anchor.x - away, anchor.y),
        Side::Right => Point::new(anchor.x + away, anchor.y),
    };
    let top = centre.y - size.h / 2.0;
    for t in &mut texts {
        t.top += top;
    }
    TitleCard {
        texts,
        center_x: centre.x,
        rect: Rect::from_center_size(centre, size),
    }
}

/// How many ideas the closing card lists.
const TOP_IDEAS_SHOWN: usize = 5;

/// The closing card, right of the last table, level with its question: a heading, then the
/// presented ideas with the most dots, numbered, each with its count.
fn top_ideas_card(
    cafe: &Cafe,
    seq: &Sequence,
    heading: &str,
    last: Option<&Board>,
) -> Option<TitleCard> {
    const WRAP: f32 = 1400.0;
    let rows = crate::ui::harvest::top_ideas::rank(
        cafe,
        &Default::default(),
        &crate::ui::harvest::OriginFilter::default(),
    );
    let presented: Vec<_> = rows
        .into_iter()
        .filter(|r| r.score > 0 && seq.rank(r.id).is_some())
        .take(TOP_IDEAS_SHOWN)
        .collect();
    if presented.is_empty() {
        return None;
    }
    let mut texts = vec![TitleText {
        lines: wrap(heading, 56.0, WRAP, true),
        font: 56.0,
        bold: true,
        color: QUESTION_FILL,
        top: 0.0,
        left: false,
    }];
    let mut y = texts[0].lines.len() as f32 * texts[0].line_height() + 40.0;
    for (i, r) in presented.iter().enumerate() {
        let flat = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let t = TitleText {
            lines: wrap(
                &format!("{}. {flat}  ● {}", i + 1, r.score),
                32.0,
                WRAP,
                i == 0,
            ),
            font: 32.0,
            bold: i == 0,
            color: INK,
            top: y,
            left: true,
        };
        y += t.lines.len() as f32 * t.line_height() + 16.0;
        texts.push(t);
    }
    let width = texts
        .iter()
        .flat_map(|t| t.lines.iter().map(|l| measure(l, t.font, t.bold)))
        .fold(0.0f32, f32::max);
    Some(place_card(texts, Size::new(width, y), last, Side::Right))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_audience_sees_the_editors_colours_dots_and_badges() {
        let cafe = crate::render::agreement::harvested_example();
        let deck = Deck::new(&cafe);
        let first = &cafe.tables[0];
        let painted: Vec<crate::render::NodeVisual> = deck
            .nodes
            .iter()
            .map(|(_, n)| n.clone())
            .filter(|n| first.contains(n.id))
            .collect();
        crate::render::agreement::agrees_with_picture(&cafe, 0, &painted);
    }

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

    /// Every box a step paints lies whole on the screen, below the header; theme steps keep
    /// the question as a header and paint no connector from the (unseen) question.
    #[test]
    fn nothing_painted_is_cut_by_the_screen_and_theme_steps_keep_the_question_as_header() {
        let cafe = crate::ui::example();
        let deck = Deck::new(&cafe);
        for view in [
            Size::new(1920.0, 1080.0),
            Size::new(2560.0, 1080.0),
            Size::new(1280.0, 1024.0),
        ] {
            for (i, step) in deck.seq.steps.iter().enumerate() {
                let shot = deck.shot(i, view);
                let top = shot.header.as_ref().map_or(0.0, |h| h.height);
                let screen = |p: Point| {
                    Point::new(
                        view.w / 2.0 + (p.x - shot.centre.x) * shot.zoom,
                        view.h / 2.0 + (p.y - shot.centre.y) * shot.zoom,
                    )
                };
                let on_screen = |r: &Rect| {
                    let (a, b) = (screen(r.min), screen(r.max));
                    a.x >= -0.01
                        && a.y >= top - 0.01
                        && b.x <= view.w + 0.01
                        && b.y <= view.h + 0.01
                };
                for &k in &shot.nodes {
                    let (rank, n) = &deck.nodes[k];
                    assert!(*rank < step.revealed);
                    assert!(
                        on_screen(&n.rect),
                        "{view:?} step {i} ({:?}) cuts {:?}",
                        step.kind,
                        n.text()
                    );
                }
                if let Some(f) = step.focus {
                    let k = deck.index[&f];
                    assert!(
                        shot.nodes.contains(&k),
                        "{view:?} step {i} {:?}: what the step is about is painted: {:?} frame {:?} shot {:?}",
                        step.kind,
                        deck.nodes[k].1.rect,
                        deck.frames[i],
                        (shot.centre, shot.zoom)
                    );
                }
                let painted: Vec<NodeId> = shot.nodes.iter().map(|&k| deck.nodes[k].1.id).collect();
                for &k in &shot.edges {
                    let e = &deck.edges[k].1;
                    assert!(painted.contains(&e.from) && painted.contains(&e.to));
                }
                if matches!(step.kind, StepKind::Branch | StepKind::Idea) {
                    let t = &cafe.tables[step.table.unwrap()];
                    let q = t.question();
                    let header = shot.header.as_ref().expect("a theme step has a header");
                    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert_eq!(
                        words(&header.lines.join(" ")),
                        words(&t.question_node().text)
                    );
                    assert!(
                        header.font >= view.h / 40.0,
                        "the header reads from the back"
                    );
                    assert!(
                        !painted.contains(&q),
                        "the question is the header, not a cut box"
                    );
                    // A neighbouring branch is there whole, or not at all.
                    for &(b, _) in deck.seq.tables[step.table.unwrap()]
                        .iter()
                        .filter(|e| e.1 == 1 && Some(e.0) != step.branch)
                    {
                        let members: Vec<usize> = (0..deck.nodes.len())
                            .filter(|&k| {
                                deck.branches[k] == Some(b) && deck.nodes[k].0 < step.revealed
                            })
                            .collect();
                        let shown = members.iter().filter(|k| shot.nodes.contains(k)).count();
                        assert!(
                            shown == 0 || shown == members.len(),
                            "{view:?} step {i}: branch {:?} half shown",
                            deck.node(b).map(|n| n.text())
                        );
                    }
                } else {
                    assert!(shot.header.is_none(), "step {i} ({:?})", step.kind);
                }
            }
        }
    }

    #[test]
    fn the_title_card_shows_the_fields_as_written_and_nothing_for_an_empty_one() {
        assert_eq!(
            given("  Mairie d’Angers : salle 2 "),
            "Mairie d’Angers : salle 2"
        );
        assert_eq!(given("   "), "");
        let card = Deck::new(&crate::ui::example()).title.unwrap();
        let all: Vec<String> = card.texts.iter().flat_map(|t| t.lines.clone()).collect();
        assert!(
            all.iter()
                .all(|l| !l.contains("not given") && !l.ends_with(':') && !l.trim().is_empty()),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|l| l.contains("Temps de discussion en groupes de travail")),
            "{all:?}"
        );
    }
}
