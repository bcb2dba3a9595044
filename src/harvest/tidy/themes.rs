//! Themes: the short labels that group a table's notes, and which notes go under each.
//!
//! A list puts each label above its notes. A slide exported to PDF gives its boxes in the order
//! they were drawn, and a label drawn last comes out after its notes. Each stretch of notes of
//! one table on one page (a [`Stretch`]) is read in the direction its edges say: a label first
//! heads the notes after it, a stretch that ends on a label (and does not start with one) has
//! each label close the notes before it.

use super::rules::{
    THEME_MIN_RUN, ends_on_open_word, looks_like_label, looks_like_theme,
    opens_on_capital_function_word,
};
use super::{Note, Role, ThemeItem};

/// Longest label, in words, that closes a run of notes on a slide read label-last: there the
/// place says it is a label (it ends a run of longer notes, and the page ends on a label), so a
/// label may be a whole noun phrase ("Acteurs de la solidarité au sein du territoire", 8).
const CLOSING_LABEL_MAX_WORDS: usize = 8;

/// The ideas of one table on one page, in reading order (indices into the notes).
type Stretch = Vec<usize>;

/// Finds the themes and sets every idea's theme (and each theme note's role).
pub fn find_themes(notes: &mut [Note]) -> Vec<ThemeItem> {
    let mut themes = Vec::new();
    let slides = notes.last().is_some_and(|n| n.page > 0);
    for stretch in stretches(notes) {
        let is_label = |i: usize| notes.get(i).is_some_and(|n| looks_like_theme(&n.text));
        let label_first = stretch.first().is_some_and(|&i| is_label(i));
        let label_last = stretch.last().is_some_and(|&i| is_label(i));
        let found = if !label_first && label_last && stretch.len() > THEME_MIN_RUN {
            closing_labels(notes, &stretch)
        } else if slides && label_first {
            nearest_labels(heading_labels(notes, &stretch))
        } else {
            heading_labels(notes, &stretch)
        };
        // `found`: for each place in the stretch, whether it is a label, and each idea's label.
        let base = themes.len();
        let mut index_of = vec![None; stretch.len()];
        for (at, &(is_theme, _)) in found.iter().enumerate() {
            if is_theme && let Some(&note) = stretch.get(at) {
                if let Some(slot) = index_of.get_mut(at) {
                    *slot = Some(themes.len());
                }
                themes.push(ThemeItem {
                    note,
                    accepted: true,
                });
            }
        }
        for (at, &(is_theme, under)) in found.iter().enumerate() {
            let Some(note) = stretch.get(at).and_then(|&i| notes.get_mut(i)) else {
                continue;
            };
            if is_theme {
                let k = index_of.get(at).copied().flatten().unwrap_or(base);
                note.role = Role::Theme(k);
                note.theme = Some(k);
            } else {
                note.theme = under.and_then(|u| index_of.get(u).copied().flatten());
            }
        }
    }
    themes
}

/// The ideas grouped by (table, page), each group in reading order. Questions and header lines
/// between them do not break a group (a slide's title box sits anywhere among its notes).
fn stretches(notes: &[Note]) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    let mut key = None;
    for (i, note) in notes.iter().enumerate() {
        if note.role != Role::Idea {
            continue;
        }
        let here = Some((note.table, note.page));
        if here != key || out.is_empty() {
            out.push(Vec::new());
            key = here;
        }
        if let Some(last) = out.last_mut() {
            last.push(i);
        }
    }
    out
}

/// The text of the note at place `at` of the stretch (empty past its end).
fn text_at<'a>(notes: &'a [Note], stretch: &[usize], at: usize) -> &'a str {
    stretch
        .get(at)
        .and_then(|&i| notes.get(i))
        .map_or("", |n| n.text.as_str())
}

/// Labels above their notes. A label qualifies when the next [`THEME_MIN_RUN`] notes are ideas
/// that are not labels themselves, or are longer than it (in characters): a theme is shorter
/// than its notes, and a short note followed by a shorter one is as likely a short idea. A label
/// right after a theme is that theme's first idea. Returns, for each place, (is a theme, the
/// place of its theme).
fn heading_labels(notes: &[Note], stretch: &[usize]) -> Vec<(bool, Option<usize>)> {
    let text = |at: usize| text_at(notes, stretch, at);
    let length = |at: usize| text(at).chars().count();
    let mut out = Vec::with_capacity(stretch.len());
    let mut current = None;
    let mut previous_was_theme = false;
    for at in 0..stretch.len() {
        // Once the notes are grouped, a longer label stands out by being much shorter than
        // the notes around it.
        let stands_out = current.is_some()
            && looks_like_label(text(at), CLOSING_LABEL_MAX_WORDS)
            && (at.saturating_sub(1)..at + 1 + THEME_MIN_RUN)
                .filter(|&j| j != at)
                .all(|j| j < stretch.len() && length(at) * 10 < length(j) * 7);
        // Once the notes are grouped, the table's last label may head a single note: the
        // table ends before a second one could follow it.
        let last_label = current.is_some()
            && at + 2 == stretch.len()
            && looks_like_theme(text(at))
            && !looks_like_theme(text(at + 1));
        let heads =
            (looks_like_theme(text(at)) || open_label(text(at), text(at + 1)) || stands_out)
                && !previous_was_theme
                && (last_label
                    || (at + 1..at + 1 + THEME_MIN_RUN).all(|j| {
                        j < stretch.len() && (!looks_like_theme(text(j)) || length(j) > length(at))
                    }));
        previous_was_theme = heads;
        if heads {
            current = Some(at);
        }
        out.push((heads, if heads { None } else { current }));
    }
    // Notes grouped under themes leave none loose above the first theme: a first line that
    // reads as a longer label (up to a closing label's words) heads the notes before that
    // theme, when they are longer than it.
    let first_theme = out.iter().position(|o| o.0);
    if let Some(first) = first_theme
        && first > THEME_MIN_RUN
        && looks_like_label(text(0), CLOSING_LABEL_MAX_WORDS)
        && (1..first).all(|j| length(j) > length(0))
    {
        for (at, slot) in out.iter_mut().enumerate().take(first) {
            *slot = if at == 0 {
                (true, None)
            } else {
                (false, Some(0))
            };
        }
    }
    out
}

/// On a slide, sticky notes are grouped around their label, and the slide's text gives them
/// in the order the boxes were drawn: a label opening the page's text with others among its
/// notes is read as the centre of its group. Each idea goes under the label nearest to it in
/// that order (the earlier one when both are as near), not only the label above it.
fn nearest_labels(found: Vec<(bool, Option<usize>)>) -> Vec<(bool, Option<usize>)> {
    let labels: Vec<usize> = (0..found.len())
        .filter(|&at| found.get(at).is_some_and(|f| f.0))
        .collect();
    if labels.len() < 2 {
        return found;
    }
    found
        .iter()
        .enumerate()
        .map(|(at, &(is_theme, under))| {
            if is_theme {
                return (true, None);
            }
            let nearest = labels.iter().copied().min_by_key(|&l| l.abs_diff(at));
            (false, nearest.or(under))
        })
        .collect()
}

/// A label ending on a preposition ("Aller vers", "Reaching out to") followed by a note that
/// starts with a capitalised article ("Un cinéma …"): that note was not joined to it, so the
/// label is whole as it reads.
fn open_label(text: &str, next: &str) -> bool {
    let head = text
        .trim_end()
        .rsplit_once(' ')
        .map_or("", |(head, _)| head);
    ends_on_open_word(text) && looks_like_theme(head) && opens_on_capital_function_word(next)
}

/// Labels after their notes (see the module): read from the end, a label closes the
/// [`THEME_MIN_RUN`] notes before it or more when they are not labels or are longer than it; a
/// label right before a theme is that theme's last idea; the stretch's last note is a label.
/// Notes after the last label stay under none.
fn closing_labels(notes: &[Note], stretch: &[usize]) -> Vec<(bool, Option<usize>)> {
    let text = |at: usize| text_at(notes, stretch, at);
    let length = |at: usize| text(at).chars().count();
    let label = |at: usize| looks_like_label(text(at), CLOSING_LABEL_MAX_WORDS);
    let mut out = vec![(false, None); stretch.len()];
    let mut current = None;
    let mut next_was_theme = false;
    for at in (0..stretch.len()).rev() {
        let closes = at + 1 == stretch.len()
            || (label(at)
                && !next_was_theme
                && at >= THEME_MIN_RUN
                && (at - THEME_MIN_RUN..at).all(|j| !label(j) || length(j) > length(at)));
        next_was_theme = closes;
        if closes {
            current = Some(at);
        }
        if let Some(slot) = out.get_mut(at) {
            *slot = (closes, if closes { None } else { current });
        }
    }
    out
}
