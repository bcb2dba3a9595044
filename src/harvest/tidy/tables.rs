//! Tables: which notes ask a table's question, which lines are the event's header, and which
//! table every other note goes to.

use super::rules::{self, key_words, labelled, looks_like_heading, numbered};
use super::{Note, Role, SUBTITLE_MAX_WORDS, TableItem};

/// A later line sharing this much of a listed question's key words (both ways) is that
/// question's heading.
const HEADING_OVERLAP: f32 = 0.6;
/// The same for a later line that asks (ends with "?"): a table often rewords its question
/// ("les aînés" for "les personnes âgées"), and a note rarely asks with half a question's words.
const ASKING_HEADING_OVERLAP: f32 = 0.5;
/// An asking line standing where a table's heading is awaited (between the headings of the
/// tables listed before and after it) needs only this much, one way or the other: the table
/// reworded its question.
const ORDERED_HEADING_OVERLAP: f32 = 0.25;
/// Most questions an agenda lists: a café has a handful of tables; a longer run of numbered
/// questions is a questionnaire, and matching every later line against it would be quadratic.
const MAX_AGENDA: usize = 24;
/// Longest header line ending in a colon ("3 tables rondes :", "Animation et prise de note :").
const HEADER_MAX_WORDS: usize = 8;
/// Most lines above a text's first question that are its header (subtitle, organisers,
/// place, date, a lead-in), past the title.
const HEADER_MAX_LINES: usize = 4;
/// Longest label of a header field ("Animation et prise de note : Awa, Paul").
const FIELD_MAX_WORDS: usize = 5;

/// A question found in the text: the notes saying it (a label may take the next note along)
/// and its text.
struct Asked {
    notes: Vec<usize>,
    text: String,
}

impl Asked {
    fn first(&self) -> usize {
        self.notes.first().copied().unwrap_or(0)
    }
    fn last(&self) -> usize {
        self.notes.last().copied().unwrap_or(0)
    }
}

/// The tables found, and where each one's notes start.
pub struct Found {
    pub tables: Vec<TableItem>,
    /// (note, table) where each table's notes start, in text order.
    starts: Vec<(usize, usize)>,
    /// The questions were listed together (an agenda), and this is the note after the list.
    after_agenda: Option<usize>,
    /// The first question's note (of an agenda, or the first labelled one): what stands above
    /// it is the event's header (see [`header_lines`]).
    pub first_question: Option<usize>,
}

/// Numbered or labelled questions become tables (their notes get [`Role::Question`]).
///
/// - "Table 2 : …", "Question 3 – …", "Atelier 1" are always questions (a label standing alone
///   takes the next note as its text).
/// - A numbered item ("1. …") is a question when it ends with "?" or sits in a run of numbered
///   items one of which does: typed notes number their ideas too, but a question is asked.
/// - When the questions are listed together (an agenda: no notes between them) and a later line
///   repeats one of them, that line is the table's heading, and its wording (the one the table
///   settled on) becomes the question. A word that PDF extraction broke with a space ("coopé
///   ration") is matched and mended from the other wording.
/// - In a whole text with no numbered or labelled question, a first line that asks ("Comment
///   faire … ?", longer than a theme's label) is the question of the one table the text is:
///   what a facilitator pastes when copying one table's notes.
pub fn find_tables(notes: &mut [Note], whole_text: bool) -> Found {
    let mut asked = asked_questions(notes);
    if asked.is_empty()
        && whole_text
        && let Some((i, first)) = notes.iter().enumerate().find(|(_, n)| n.role == Role::Idea)
        && first.text.trim_end().ends_with('?')
        && !rules::looks_like_theme(&first.text)
    {
        asked.push(Asked {
            notes: vec![i],
            text: first.text.clone(),
        });
    }
    let mut tables: Vec<TableItem> = asked
        .iter()
        .map(|a| TableItem {
            question: a.text.clone(),
            notes: a.notes.clone(),
            wordings: Vec::new(),
            accepted: true,
        })
        .collect();
    for (k, a) in asked.iter().enumerate() {
        for &n in &a.notes {
            if let Some(note) = notes.get_mut(n) {
                note.role = Role::Question(k);
            }
        }
    }
    let agenda = listed_together(&asked);
    let after_agenda = asked.last().map(|a| a.last() + 1).filter(|_| agenda);
    let first_question = asked.first().map(Asked::first);
    let headings = match after_agenda {
        Some(from) => repeated_headings(notes, &asked, from),
        None => Vec::new(),
    };
    for &(i, k) in &headings {
        if let (Some(note), Some(table)) = (notes.get_mut(i), tables.get_mut(k)) {
            note.role = Role::Question(k);
            let listed = mend_broken_words(&table.question, &note.text);
            table.question = mend_broken_words(&note.text, &table.question);
            if compact(&listed) != compact(&table.question) {
                table.wordings.push(listed);
            }
            table.notes.insert(0, i);
        }
    }
    let mut starts: Vec<(usize, usize)> = if agenda {
        headings
    } else {
        asked
            .iter()
            .enumerate()
            .map(|(k, a)| (a.first(), k))
            .collect()
    };
    starts.sort_unstable();
    Found {
        tables,
        starts,
        after_agenda,
        first_question,
    }
}

/// Whether the questions were listed together, an agenda: several, no notes between them.
fn listed_together(asked: &[Asked]) -> bool {
    asked.len() > 1
        && asked.len() <= MAX_AGENDA
        && asked.windows(2).all(|w| w[1].first() == w[0].last() + 1)
}

/// Cuts a table's heading off the note it was glued to (two boxes on one baseline), when the
/// questions are listed as an agenda: see [`super::cuts::cut_before_questions`].
pub fn cut_glued_headings(notes: Vec<Note>) -> Vec<Note> {
    let asked = asked_questions(&notes);
    let Some(from) = asked
        .last()
        .map(|a| a.last() + 1)
        .filter(|_| listed_together(&asked))
    else {
        return notes;
    };
    let questions: Vec<Wording> = asked.iter().map(|q| Wording::of(&q.text)).collect();
    let likeness_to_agenda = |text: &str| {
        let line = Wording::of(text);
        questions
            .iter()
            .map(|q| q.likeness(&line))
            .fold(0.0, f32::max)
    };
    let mut notes =
        super::cuts::cut_before_questions(notes, from, likeness_to_agenda, ASKING_HEADING_OVERLAP);
    // A heading reworded past the agenda's words and glued to the note before it: found by its
    // place alone, the line is cut before the asking part that reads most like the question.
    let mut headings = headings_by_words(&notes, &asked, from);
    for (k, question) in asked.iter().enumerate() {
        let Some(i) = awaited_heading(&notes, &asked, from, &headings, k) else {
            continue;
        };
        let count = notes.len();
        notes = super::cuts::cut_before_heading(notes, i, |tail| likeness(&question.text, tail));
        // A cut adds a note at `i`: the headings after it move down by one.
        let shift = notes.len() - count;
        for h in headings.iter_mut().filter(|h| h.0 > i) {
            h.0 += shift;
        }
        headings.push((i + shift, k));
        headings.sort_unstable();
    }
    notes
}

/// The letters and digits of a text, lower-cased: two wordings that differ only by where
/// extraction put spaces read the same.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A text read for comparing wordings: its key words and its [`compact`] form, worked out
/// once (a long text's every line is compared with every listed question).
struct Wording {
    words: Vec<String>,
    compact: String,
}

impl Wording {
    fn of(text: &str) -> Wording {
        Wording {
            words: key_words(text),
            compact: compact(text),
        }
    }

    /// Share of these key words found in `other`, a word also counting when `other` holds it
    /// broken by a space ("coopé ration"), or when it is a piece of a word broken here.
    fn share_in(&self, other: &Wording) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        let found = self
            .words
            .iter()
            .filter(|w| other.compact.contains(w.as_str()))
            .count();
        found as f32 / self.words.len() as f32
    }

    /// The smaller share of key words, each way.
    fn likeness(&self, other: &Wording) -> f32 {
        self.share_in(other).min(other.share_in(self))
    }
}

/// Share of `a`'s key words found in `b` (see [`Wording::share_in`]).
fn fuzzy_overlap(a: &str, b: &str) -> f32 {
    Wording::of(a).share_in(&Wording::of(b))
}

/// `text` with the words that PDF extraction broke by a space joined again, where `reference`
/// (another wording of the same question) holds the whole word and not both halves.
pub fn mend_broken_words(text: &str, reference: &str) -> String {
    let known: std::collections::HashSet<String> = reference
        .split(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
        .map(str::to_lowercase)
        .collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while let Some(&w) = words.get(i) {
        if let Some(&next) = words.get(i + 1) {
            let (a, b) = (bare(w), bare(next));
            let glued = format!("{a}{b}");
            // Letters meet at the break: "coopé" ends in a letter and "ration" starts with one.
            let meets = w.chars().next_back().is_some_and(char::is_alphabetic)
                && next.chars().next().is_some_and(char::is_alphabetic);
            if meets
                && !a.is_empty()
                && !b.is_empty()
                && known.contains(&glued)
                && !(known.contains(&a) && known.contains(&b))
            {
                out.push(format!("{w}{next}"));
                i += 2;
                continue;
            }
        }
        out.push(w.to_owned());
        i += 1;
    }
    out.join(" ")
}

/// Later lines repeating an agenda question (sharing most key words both ways), as
/// (note, table), in text order; one heading per table.
fn repeated_headings(notes: &[Note], asked: &[Asked], from: usize) -> Vec<(usize, usize)> {
    let mut headings = headings_by_words(notes, asked, from);
    // The tables are presented in the agenda's order: a table whose heading was not found by
    // its words takes the asking line standing where its heading is awaited.
    for k in 0..asked.len() {
        if let Some(i) = awaited_heading(notes, asked, from, &headings, k) {
            headings.push((i, k));
            headings.sort_unstable();
        }
    }
    headings
}

/// Later lines sharing most of a listed question's key words (both ways), sorted.
fn headings_by_words(notes: &[Note], asked: &[Asked], from: usize) -> Vec<(usize, usize)> {
    let mut headings: Vec<(usize, usize)> = Vec::new();
    let questions: Vec<Wording> = asked.iter().map(|q| Wording::of(&q.text)).collect();
    for (i, note) in notes.iter().enumerate().skip(from) {
        // Two words are a label, not a question repeated.
        if note.role != Role::Idea || rules::word_count(&note.text) < 3 {
            continue;
        }
        let line = Wording::of(&note.text);
        let best = questions
            .iter()
            .enumerate()
            .map(|(k, q)| (k, q.likeness(&line)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let asks = note.text.trim_end().ends_with('?');
        let needed = if asks {
            ASKING_HEADING_OVERLAP
        } else {
            HEADING_OVERLAP
        };
        if let Some((k, score)) = best
            && score >= needed
            && !headings.iter().any(|h| h.1 == k)
        {
            headings.push((i, k));
        }
    }
    headings.sort_unstable();
    headings
}

/// For table `k` with no heading in `headings` yet: the asking line (longer than a theme's
/// label) between the headings of the tables listed before and after it that shares the most
/// words with its question, one way or the other, if it shares enough, or if it is the only
/// asking line there (the table reworded its question past its words).
fn awaited_heading(
    notes: &[Note],
    asked: &[Asked],
    from: usize,
    headings: &[(usize, usize)],
    k: usize,
) -> Option<usize> {
    let question = asked.get(k)?;
    if headings.iter().any(|h| h.1 == k) {
        return None;
    }
    let after = headings.iter().filter(|h| h.1 < k).map(|h| h.0 + 1).max();
    let before = headings.iter().filter(|h| h.1 > k).map(|h| h.0).min();
    let (lo, hi) = (after.unwrap_or(from), before.unwrap_or(notes.len()));
    let window = notes.get(lo..hi.max(lo))?;
    let asking = window.iter().enumerate().filter(|(_, n)| {
        n.role == Role::Idea
            && n.text.trim_end().ends_with('?')
            && !rules::looks_like_theme(&n.text)
    });
    let candidates = asking.clone().count();
    let (i, score) = asking
        .map(|(j, n)| (lo + j, either_way(&question.text, &n.text)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    (score >= ORDERED_HEADING_OVERLAP || candidates == 1).then_some(i)
}

/// How much two wordings share: the larger share of key words, each way.
fn either_way(a: &str, b: &str) -> f32 {
    fuzzy_overlap(a, b).max(fuzzy_overlap(b, a))
}

/// How much two wordings share: the smaller share of key words, each way.
fn likeness(a: &str, b: &str) -> f32 {
    fuzzy_overlap(a, b).min(fuzzy_overlap(b, a))
}

/// Every numbered or labelled question, in text order.
fn asked_questions(notes: &[Note]) -> Vec<Asked> {
    let mut asked = Vec::new();
    let mut i = 0;
    while let Some(note) = notes.get(i) {
        if note.role != Role::Idea {
            i += 1;
            continue;
        }
        if let Some((_, rest)) = labelled(&note.text) {
            let mut found = Asked {
                notes: vec![i],
                text: rest.to_owned(),
            };
            // "Table 2 :" alone on its line: the question is the next note.
            if rest.is_empty()
                && let Some(next) = notes.get(i + 1)
                && next.role == Role::Idea
                && !rules::opens_item(&next.text)
            {
                found.text = next.text.clone();
                found.notes.push(i + 1);
            }
            i = found.last() + 1;
            asked.push(found);
            continue;
        }
        // A run of numbered items: questions if one of them asks.
        let mut run: Vec<(u32, Asked)> = Vec::new();
        while let Some(n) = notes.get(i)
            && let Some((number, rest)) = numbered(&n.text)
            && run.last().is_none_or(|r| number == r.0 + 1)
        {
            run.push((
                number,
                Asked {
                    notes: vec![i],
                    text: rest.to_owned(),
                },
            ));
            i += 1;
            // An item the extraction broke before its end ("… outside" / "July and August?",
            // a capital after the break): in a list of questions (another item asks, or the
            // next item follows that line), the next line ends the question it had not ended.
            let questions = run.iter().any(|r| r.1.text.trim_end().ends_with('?'))
                || notes
                    .get(i + 1)
                    .and_then(|n| numbered(&n.text))
                    .zip(run.last())
                    .is_some_and(|((next, _), last)| next == last.0 + 1);
            if questions
                && let Some((_, item)) = run.last_mut()
                && !rules::ends_sentence(&item.text)
                && let Some(rest) = notes.get(i)
                && rest.role == Role::Idea
                && !rules::opens_item(&rest.text)
                && rest.text.trim_end().ends_with('?')
            {
                crate::text::join_line(&mut item.text, &rest.text);
                item.notes.push(i);
                i += 1;
            }
        }
        if run.is_empty() {
            i += 1;
        } else if run.iter().any(|r| r.1.text.trim_end().ends_with('?')) {
            asked.extend(run.into_iter().map(|r| r.1));
        }
    }
    asked
}

/// A line of the event's header rather than a note: a lead-in or an empty field ending in a
/// colon ("3 tables rondes :", "Animation et prise de note :"), or a short field with its value
/// ("Animation : Awa Diop").
pub fn header_like(text: &str) -> bool {
    let t = text.trim();
    if let Some(lead) = t.strip_suffix(':') {
        return rules::word_count(lead) <= HEADER_MAX_WORDS;
    }
    field(t).is_some()
}

/// A header field "Label : value", as (label, value).
pub fn field(text: &str) -> Option<(&str, &str)> {
    let (label, value) = text.split_once(':')?;
    let (label, value) = (label.trim(), value.trim());
    let plain = !label.contains(['.', ',', ';', '(', '?', '!', '/']);
    (plain
        && !value.is_empty()
        && rules::word_count(label) <= FIELD_MAX_WORDS
        && rules::word_count(label) >= 1
        && rules::starts_with_capital(label))
    .then_some((label, value))
}

/// The header lines: from the top, past the title and the questions, the lines that are
/// [`header_like`], or a heading followed by one of those or by a question ("Restitution des
/// échanges" before "Animation et prise de note :"). The first other line is where the notes
/// start, and ends the header. In a whole text, the few lines above its first question
/// (`above`: an agenda, or "Table 1 : …") are the header too: the tables' notes come after
/// their questions, never before, so what stands above them is the event's (its organisers,
/// its place, however long the line). More than [`HEADER_MAX_LINES`] lines there are notes
/// whose table was not recognised: they stay notes.
pub fn header_lines(notes: &[Note], above: Option<usize>) -> Vec<usize> {
    let above = above.filter(|&start| {
        let lines = notes
            .get(..start)
            .map_or(0, |n| n.iter().filter(|n| n.role == Role::Idea).count());
        lines <= HEADER_MAX_LINES
    });
    let mut out = Vec::new();
    for (i, note) in notes.iter().enumerate() {
        if above.is_some_and(|start| i < start) {
            if note.role == Role::Idea {
                out.push(i);
            }
            continue;
        }
        match note.role {
            Role::Title | Role::Question(_) => continue,
            Role::Theme(_) => break,
            Role::Idea => {}
        }
        let next_is_header = notes.get(i + 1).is_some_and(|n| {
            matches!(n.role, Role::Question(_)) || (n.role == Role::Idea && header_like(&n.text))
        });
        if header_like(&note.text)
            || (looks_like_heading(&note.text, SUBTITLE_MAX_WORDS) && next_is_header)
        {
            out.push(i);
        } else {
            break;
        }
    }
    out
}

/// Sets each note's table.
///
/// - Slides exported to PDF (pages): a page holding one table's heading is that table's, every
///   note of it, wherever the heading sits on the page; a page with none continues the table
///   before it (the first pages take the first table found after them).
/// - Otherwise notes go to the table whose heading precedes them. Slides often put the title
///   box after the notes: when notes stand between an agenda and the first heading (header
///   lines aside), each heading takes the notes before it instead (the notes after the last
///   heading go to the last table).
pub fn assign_tables(notes: &mut [Note], found: &Found) {
    if found.tables.is_empty() {
        return;
    }
    for (k, t) in found.tables.iter().enumerate() {
        for &n in &t.notes {
            if let Some(note) = notes.get_mut(n) {
                note.table = Some(k);
            }
        }
    }
    let pages = notes.last().map_or(0, |n| n.page + 1);
    if pages > 1 && !found.starts.is_empty() {
        by_page(notes, &found.starts, pages);
        return;
    }
    // Headings close their notes only when more notes stand before the first heading than
    // after the last one: a heading above its notes leaves at most a stray header line before
    // the first table, and a whole table after the last heading.
    let ideas = |range: Option<&[Note]>| {
        range.map_or(0, |r| r.iter().filter(|n| n.role == Role::Idea).count())
    };
    let trailing = found.after_agenda.is_some_and(|from| {
        let first = found.starts.first().map_or(0, |s| s.0);
        let last = found.starts.last().map_or(0, |s| s.0);
        let before = ideas(notes.get(from..first));
        before > 0 && before > ideas(notes.get(last + 1..))
    });
    in_sequence(notes, &found.starts, trailing);
}

/// Notes whose table is not set yet, given the table in effect.
fn set_table(note: &mut Note, table: usize) {
    if note.table.is_none() {
        note.table = Some(table);
    }
}

/// See [`assign_tables`]: one table per page.
fn by_page(notes: &mut [Note], starts: &[(usize, usize)], pages: usize) {
    // The table of each page: its heading's, or the one before it, or the first after.
    let mut of_page: Vec<Option<usize>> = vec![None; pages];
    let mut on_page: Vec<Vec<(usize, usize)>> = vec![Vec::new(); pages];
    for &(at, k) in starts {
        if let Some(p) = notes.get(at).map(|n| n.page)
            && let Some(list) = on_page.get_mut(p)
        {
            list.push((at, k));
        }
    }
    let mut carried = None;
    for (p, list) in on_page.iter().enumerate() {
        carried = list.last().map(|s| s.1).or(carried);
        if let Some(slot) = of_page.get_mut(p) {
            *slot = list.first().map(|s| s.1).or(carried);
        }
    }
    let mut next = None;
    for slot in of_page.iter_mut().rev() {
        match slot {
            Some(k) => next = Some(*k),
            None => *slot = next,
        }
    }
    for i in 0..notes.len() {
        let Some(page) = notes.get(i).map(|n| n.page) else {
            break;
        };
        let list = on_page.get(page).map(Vec::as_slice).unwrap_or_default();
        let table = if list.len() > 1 {
            // Several headings on one page: each takes the notes after it.
            list.iter()
                .rev()
                .find(|s| s.0 <= i)
                .or(list.first())
                .map(|s| s.1)
        } else {
            of_page.get(page).copied().flatten()
        };
        if let (Some(note), Some(k)) = (notes.get_mut(i), table) {
            set_table(note, k);
        }
    }
}

/// See [`assign_tables`]: tables in reading order.
fn in_sequence(notes: &mut [Note], starts: &[(usize, usize)], trailing: bool) {
    let first = starts.first().map_or(0, |s| s.1);
    let last = starts.last().map_or(0, |s| s.1);
    let mut current = first;
    let mut next = 0usize;
    for (i, note) in notes.iter_mut().enumerate() {
        while let Some(&(at, k)) = starts.get(next)
            && at <= i
        {
            current = k;
            next += 1;
        }
        let table = if trailing {
            // Notes before heading k belong to table k; after the last one, to the last table.
            starts.get(next).map_or(last, |s| s.1)
        } else {
            current
        };
        set_table(note, table);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_words_are_mended_from_the_other_wording() {
        assert_eq!(
            mend_broken_words(
                "Comment financer la transi tion ?",
                "Comment financer la transition écologique ?"
            ),
            "Comment financer la transition ?"
        );
        // Two real words stay apart.
        assert_eq!(
            mend_broken_words(
                "Quels partenaires mobiliser ?",
                "Quels partenaires mobiliser ?"
            ),
            "Quels partenaires mobiliser ?"
        );
        assert!(
            fuzzy_overlap(
                "Quelles ress ources en eau partager ?",
                "Quelles ressources en eau partager ?"
            ) > 0.99
        );
    }

    #[test]
    fn header_lines_and_fields() {
        assert!(header_like("3 tables rondes :"));
        assert!(header_like("Animation et prise de note :"));
        assert_eq!(
            field("Animation : Awa Diop"),
            Some(("Animation", "Awa Diop"))
        );
        assert!(!header_like("Restitution des échanges"));
        assert!(!header_like(
            "ex. des Odyssées africaines, vitrine publique : associer les partenaires"
        ));
    }
}
