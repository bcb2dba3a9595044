//! What a note carries besides its text: the room's dot votes (round stickers on its top-right
//! corner, coloured per dot kind), its tags (chips on its bottom edge) and where it came from
//! (a discreet "T2 · R2" badge on its top-left corner).
//!
//! [`Marks`] is the data; [`Marks::stickers`] places them around a node's box, so a painter that
//! moves the box (the presentation's boards) gets them in the right place. Every painter (canvas,
//! presentation, SVG, PNG, PDF) draws a [`Sticker`] the same way: a rounded box, an optional
//! border, an optional line of text centred in it.

use super::color::{INK, WHITE, text_on};
use crate::geom::{Point, Rect};
use crate::model::{ACTION_TAG, Cafe, MAX_DOT_KINDS, Node, NodeKind, Rgb, Table};

/// Sticker colours of the dot kinds when the café names none (or names fewer than it uses):
/// red, green, blue and amber paper dots, as sold for dot voting.
pub const DEFAULT_DOT_COLORS: [Rgb; MAX_DOT_KINDS] = [
    Rgb(0xE5, 0x39, 0x35),
    Rgb(0x2E, 0x9D, 0x4B),
    Rgb(0x1E, 0x78, 0xD7),
    Rgb(0xF2, 0xA9, 0x00),
];

/// Past this many dots of one kind, one larger dot shows the count: six stickers in a row
/// would be read as a pattern, not a number.
pub const MAX_DOTS_DRAWN: u32 = 5;

/// Diameter of one dot sticker, in canvas units.
pub const DOT_SIZE: f32 = 12.0;
/// Diameter of the dot that shows a count.
const COUNT_DOT_SIZE: f32 = 18.0;
const DOT_STEP: f32 = 13.0;
/// Room between the dots of two kinds.
const KIND_GAP: f32 = 5.0;
const CHIP_HEIGHT: f32 = 16.0;
const CHIP_FONT: f32 = 10.0;
const CHIP_PAD: f32 = 5.0;
const BADGE_FONT: f32 = 9.5;
/// A tag chip's paper, and the action chip's, which stands out: actions are the café's output.
const CHIP_FILL: Rgb = Rgb(0xEE, 0xF1, 0xF6);
const CHIP_BORDER: Rgb = Rgb(0x9A, 0xA5, 0xB4);
const CHIP_INK: Rgb = Rgb(0x3C, 0x46, 0x55);
const ACTION_FILL: Rgb = Rgb(0xFF, 0xE3, 0xC2);
const ACTION_BORDER: Rgb = Rgb(0xD9, 0x82, 0x1E);
const BADGE_INK: Rgb = Rgb(0x5F, 0x66, 0x70);

/// The colour of dot kind `kind` in a café (its own, else the default for that place).
pub fn dot_color(cafe: Option<&Cafe>, kind: usize) -> Rgb {
    cafe.and_then(|c| c.dot_kinds.get(kind))
        .map(|k| k.color)
        .unwrap_or(DEFAULT_DOT_COLORS[kind % MAX_DOT_KINDS])
}

/// The dots of one kind on a note.
#[derive(Clone, Debug, PartialEq)]
pub struct DotMark {
    pub kind: usize,
    pub count: u32,
    pub color: Rgb,
}

/// What a node carries besides its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Kinds with at least one dot, in kind order.
    pub dots: Vec<DotMark>,
    /// Tags, without `#`, in the note's order.
    pub tags: Vec<String>,
    /// "T2 · R2": the table it was written at (when not the one it is shown on) and the round.
    pub origin: Option<String>,
}

impl Marks {
    /// The marks of `node` as shown on `table` (a table of `cafe`, or a copy of one): a
    /// reference shows its original's dots and tags, dots take the café's kind colours, and an
    /// idea from another table shows that table's number.
    pub fn of(cafe: &Cafe, table: &Table, node: &Node) -> Marks {
        // Only a reference looks its original up (a lookup over every table).
        let shown = node.refers_to.and_then(|o| cafe.node(o)).unwrap_or(node);
        let kinds = cafe.dot_kind_count();
        // Dots of a kind the café no longer names still count: shown in the default colours.
        let dots = (0..MAX_DOT_KINDS)
            .filter(|&k| shown.votes.of(k) > 0)
            .map(|kind| DotMark {
                kind,
                count: shown.votes.of(kind),
                color: if kind < kinds {
                    dot_color(Some(cafe), kind)
                } else {
                    DEFAULT_DOT_COLORS[kind]
                },
            })
            .collect();
        let origin = (shown.kind == NodeKind::Idea)
            .then(|| origin_label(cafe, table, node, shown))
            .flatten();
        Marks {
            dots,
            tags: shown.tags.clone(),
            origin,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.dots.is_empty() && self.tags.is_empty() && self.origin.is_none()
    }

    /// How far the stickers stick out of a node's box, above (dots, badge) and below (tag
    /// chips), at `scale`: what a layout packing notes tightly leaves between two of them.
    pub fn reach(&self, scale: f32) -> (f32, f32) {
        let rect = Rect {
            min: Point::new(0.0, 0.0),
            max: Point::new(400.0 * scale.max(0.1), 100.0),
        };
        self.stickers(rect, scale)
            .iter()
            .fold((0.0f32, 0.0f32), |(above, below), k| {
                (
                    above.max(-k.rect.min.y),
                    below.max(k.rect.max.y - rect.max.y),
                )
            })
    }

    /// Whether a chip is styled as the `#action` tag (see [`legend_chip`]).
    pub fn has_action(&self) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(ACTION_TAG))
    }

    /// The stickers around a node's box `rect`, in paint order, `scale` times their editor size
    /// (the presentation's larger type gets larger dots).
    pub fn stickers(&self, rect: Rect, scale: f32) -> Vec<Sticker> {
        let s = scale.max(0.1);
        let (dot, count_dot, step, gap) =
            (DOT_SIZE * s, COUNT_DOT_SIZE * s, DOT_STEP * s, KIND_GAP * s);
        let (chip_h, chip_font, chip_pad, badge_font) =
            (CHIP_HEIGHT * s, CHIP_FONT * s, CHIP_PAD * s, BADGE_FONT * s);
        let mut out = Vec::new();
        // Dots: from the top-right corner leftwards, straddling the top edge like real stickers.
        let mut right = rect.max.x - 6.0 * s;
        let left_limit = rect.min.x + rect.width() * 0.35;
        for mark in &self.dots {
            let ink = text_on(mark.color);
            if mark.count > MAX_DOTS_DRAWN {
                let r = Rect::from_center_size(
                    Point::new(right - count_dot / 2.0, rect.min.y),
                    crate::geom::Size::new(count_dot, count_dot),
                );
                out.push(Sticker::dot(mark, r, mark.count.to_string(), ink, s));
                right -= count_dot + gap;
            } else {
                for _ in 0..mark.count {
                    let r = Rect::from_center_size(
                        Point::new(right - dot / 2.0, rect.min.y),
                        crate::geom::Size::new(dot, dot),
                    );
                    out.push(Sticker::dot(mark, r, String::new(), ink, s));
                    right -= step;
                }
                right -= gap;
            }
            if right < left_limit {
                break;
            }
        }
        if let Some(label) = &self.origin {
            let w = crate::text::measure(label, badge_font, false) + 8.0 * s;
            let h = badge_font + 5.0 * s;
            let min = Point::new(rect.min.x + 6.0 * s, rect.min.y - h / 2.0);
            out.push(Sticker {
                role: StickerRole::Origin,
                rect: Rect {
                    min,
                    max: min + Point::new(w, h),
                },
                fill: WHITE,
                border: Some(Rgb(0xC4, 0xC9, 0xD0)),
                text: label.clone(),
                text_color: BADGE_INK,
                font_size: badge_font,
                bold: false,
            });
        }
        // Tags: chips along the bottom edge from the left, as many as fit, then "+n".
        let mut x = rect.min.x + 6.0 * s;
        let room = rect.max.x - 6.0 * s;
        for (i, tag) in self.tags.iter().enumerate() {
            let text = format!("#{tag}");
            let w = crate::text::measure(&text, chip_font, false) + 2.0 * chip_pad;
            let rest = self.tags.len() - i - 1;
            let more_w = if rest > 0 { 26.0 * s } else { 0.0 };
            let (text, w, role) = if x + w + more_w > room && i > 0 {
                let text = format!("+{}", self.tags.len() - i);
                let w = crate::text::measure(&text, chip_font, false) + 2.0 * chip_pad;
                (text, w, StickerRole::MoreTags)
            } else {
                (text, w, StickerRole::Tag(i))
            };
            let action = tag.eq_ignore_ascii_case(ACTION_TAG) && role != StickerRole::MoreTags;
            let min = Point::new(x, rect.max.y - chip_h / 2.0);
            out.push(chip(role.clone(), min, w, chip_h, text, chip_font, action));
            if role == StickerRole::MoreTags {
                break;
            }
            x += w + 4.0 * s;
        }
        out
    }
}

/// A tag chip with its top-left corner at `min`; the action tag's stands out.
fn chip(
    role: StickerRole,
    min: Point,
    w: f32,
    h: f32,
    text: String,
    font_size: f32,
    action: bool,
) -> Sticker {
    Sticker {
        role,
        rect: Rect {
            min,
            max: min + Point::new(w, h),
        },
        fill: if action { ACTION_FILL } else { CHIP_FILL },
        border: Some(if action { ACTION_BORDER } else { CHIP_BORDER }),
        text,
        text_color: if action { INK } else { CHIP_INK },
        font_size,
        bold: action,
    }
}

/// The `#action` chip as notes wear it, top-left at `min`, `scale` times its editor size: the
/// legend that says why that one chip looks unlike the other tags.
pub fn legend_chip(min: Point, scale: f32) -> Sticker {
    let s = scale.max(0.1);
    let text = format!("#{ACTION_TAG}");
    let w = crate::text::measure(&text, CHIP_FONT * s, true) + 2.0 * CHIP_PAD * s;
    chip(
        StickerRole::Tag(0),
        min,
        w,
        CHIP_HEIGHT * s,
        text,
        CHIP_FONT * s,
        true,
    )
}

/// "T2 · R2", or `None` when there is nothing to say.
fn origin_label(cafe: &Cafe, table: &Table, node: &Node, shown: &Node) -> Option<String> {
    let mut parts = Vec::new();
    // Only a reference (showing its original), or an idea that records another table, can come
    // from elsewhere: the lookups (each over every table) are left for those.
    let elsewhere = shown.id != node.id || shown.origin.table.is_some();
    if elsewhere {
        let here = cafe
            .tables
            .iter()
            .position(|t| t.question() == table.question());
        if let Some(from) = cafe.origin_table(shown.id)
            && Some(from) != here
        {
            parts.push(format!("T{}", from + 1));
        }
    }
    if let Some(round) = shown.origin.round {
        parts.push(format!("R{round}"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// What a sticker stands for (the canvas hit-tests dots and chips).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StickerRole {
    /// One dot (or the count) of a dot kind.
    Dot(usize),
    /// The chip of the note's tag at this index.
    Tag(usize),
    /// "+n": tags that did not fit.
    MoreTags,
    Origin,
}

/// A small rounded box with an optional line of text centred in it, in canvas units.
#[derive(Clone, Debug, PartialEq)]
pub struct Sticker {
    pub role: StickerRole,
    pub rect: Rect,
    pub fill: Rgb,
    pub border: Option<Rgb>,
    /// Empty for a plain dot.
    pub text: String,
    pub text_color: Rgb,
    pub font_size: f32,
    pub bold: bool,
}

impl Sticker {
    fn dot(mark: &DotMark, rect: Rect, text: String, ink: Rgb, scale: f32) -> Sticker {
        Sticker {
            role: StickerRole::Dot(mark.kind),
            rect,
            fill: mark.color,
            border: Some(mark.color.shade(0.25)),
            text,
            text_color: ink,
            font_size: 10.0 * scale,
            bold: true,
        }
    }

    /// Corner radius: dots are round, chips are pills.
    pub fn radius(&self) -> f32 {
        self.rect.height() / 2.0
    }

    /// Where the text's baseline is: its glyph row centred in the box.
    pub fn baseline(&self) -> f32 {
        let ascent = crate::text::ascent(self.font_size, self.bold);
        let descent = crate::text::descent(self.font_size, self.bold);
        self.rect.center().y + (ascent - descent) / 2.0
    }

    /// The left end of the text (centred in the box).
    pub fn text_left(&self) -> f32 {
        self.rect.center().x - crate::text::measure(&self.text, self.font_size, self.bold) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CafeInfo, DotKind, NodeId, Origin, Votes};

    fn cafe() -> (Cafe, NodeId) {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table("Q?");
        let idea = cafe.alloc_id();
        let q = t.question();
        t.insert(Node::new(idea, NodeKind::Idea, "Idée"), Some(q))
            .unwrap();
        cafe.tables.push(t);
        let t2 = cafe.new_table("Q2?");
        cafe.tables.push(t2);
        (cafe, idea)
    }

    #[test]
    fn dots_take_the_cafe_colours_and_a_count_past_five() {
        let (mut cafe, idea) = cafe();
        cafe.dot_kinds = vec![
            DotKind {
                name: "priorité".into(),
                color: Rgb(1, 2, 3),
            },
            DotKind {
                name: "faisable".into(),
                color: Rgb(4, 5, 6),
            },
        ];
        let node = cafe.tables[0].node_mut(idea).unwrap();
        node.votes = Votes::from_counts(&[3, 7]);
        let node = cafe.tables[0].node(idea).unwrap().clone();
        let marks = Marks::of(&cafe, &cafe.tables[0], &node);
        assert_eq!(marks.dots.len(), 2);
        assert_eq!(marks.dots[1].color, Rgb(4, 5, 6));
        let rect = Rect::from_center_size(Point::ZERO, crate::geom::Size::new(160.0, 60.0));
        let stickers = marks.stickers(rect, 1.0);
        let dots: Vec<_> = stickers
            .iter()
            .filter(|s| matches!(s.role, StickerRole::Dot(_)))
            .collect();
        assert_eq!(dots.len(), 4, "three dots, then one showing 7");
        assert_eq!(dots[3].text, "7");
        assert!(
            dots.iter()
                .all(|d| rect.expand(10.0).contains(d.rect.center()))
        );
    }

    #[test]
    fn a_reference_shows_its_original_and_its_table() {
        let (mut cafe, idea) = cafe();
        let original = cafe.tables[0].node_mut(idea).unwrap();
        original.votes = Votes::single(2);
        original.tags = vec!["budget".into()];
        original.origin = Origin {
            round: Some(2),
            ..Origin::default()
        };
        let reference = cafe.alloc_id();
        let q2 = cafe.tables[1].question();
        let mut node = Node::new(reference, NodeKind::Idea, "old text");
        node.refers_to = Some(idea);
        cafe.tables[1].insert(node, Some(q2)).unwrap();
        let node = cafe.tables[1].node(reference).unwrap().clone();
        let marks = Marks::of(&cafe, &cafe.tables[1], &node);
        assert_eq!(marks.dots[0].count, 2);
        assert_eq!(marks.tags, vec!["budget".to_owned()]);
        assert_eq!(marks.origin.as_deref(), Some("T1 · R2"));
    }

    #[test]
    fn tags_that_do_not_fit_become_a_count() {
        let marks = Marks {
            tags: (0..12).map(|i| format!("étiquette{i}")).collect(),
            ..Marks::default()
        };
        let rect = Rect::from_center_size(Point::ZERO, crate::geom::Size::new(160.0, 60.0));
        let stickers = marks.stickers(rect, 1.0);
        assert_eq!(
            stickers.last().map(|s| &s.role),
            Some(&StickerRole::MoreTags)
        );
        assert!(stickers.iter().all(|s| s.rect.max.x <= rect.max.x + 1.0));
    }
}
