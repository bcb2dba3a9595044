//! Tidy: from a pile of text fragments to a first draft map, checked by the facilitator.
//!
//! Hosts start from messy text — slides exported to PDF, notes typed in a hurry, OCR — where each
//! sticky note is broken across lines and the tables' questions and the themes are fragments among
//! the others. [`propose`] reads the fragments in order and proposes:
//!
//! - **joins** of consecutive fragments that are one note ([`rules::continues`]);
//! - **tables** from numbered or labelled questions, with the notes that follow their heading;
//! - **themes** from short labels heading a run of notes, with those notes under them;
//! - the event's **title** (and subtitle) from the first lines.
//!
//! Every item of a [`Proposal`] can be accepted or rejected on its own; [`Proposal::resolve`]
//! turns the accepted ones into a [`Draft`], which [`apply`] makes into a new café or into one
//! undoable edit of an existing one. The same fragments come from imported text, pasted text or
//! the notes already in a table's tray.

mod apply;
pub mod rules;

pub use apply::{
    Branches, Draft, DraftTable, Piece, TidySource, cafe_from_text, edit_for, fragments_of_notes,
    tray_notes,
};

use rules::{
    MAX_PIECES, THEME_MIN_RUN, continues, key_words, labelled, looks_like_heading,
    looks_like_theme, numbered, overlap,
};
use std::ops::Range;

/// One piece of text as it came: a line of a PDF export, a pasted line, a note of the tray.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    pub text: String,
    /// A blank line stood before it (or it is a note of its own).
    pub blank_before: bool,
}

impl Fragment {
    pub fn new(text: impl Into<String>, blank_before: bool) -> Fragment {
        Fragment {
            text: text.into(),
            blank_before,
        }
    }
}

/// The lines of a text as fragments (spaces tidied): blank lines are dropped but remembered by
/// the line after.
pub fn fragments_of_text(text: &str) -> Vec<Fragment> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut blank = true;
    for line in text.lines() {
        // Extraction leaves runs of spaces inside lines ("se  connaître"): one is meant.
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = true;
            continue;
        }
        out.push(Fragment::new(line, blank));
        blank = false;
    }
    out
}

/// What a note is in the proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Idea,
    /// The event's title or subtitle (see [`Proposal::title`]).
    Title,
    /// A table's question or its heading (index into [`Proposal::tables`]).
    Question(usize),
    /// A theme (index into [`Proposal::themes`]).
    Theme(usize),
}

/// One note as the rules read it: one fragment, or several joined.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// The fragments it is made of, consecutive.
    pub fragments: Range<usize>,
    /// The joined text, as the note will read.
    pub text: String,
    /// For a note made of several fragments: whether the join is accepted. A rejected join leaves
    /// the fragments apart (the first keeps the note's role).
    pub accepted: bool,
    pub role: Role,
    /// The table it goes to (index into [`Proposal::tables`]); `None`: where the fragments are.
    pub table: Option<usize>,
    /// The theme it goes under (index into [`Proposal::themes`]).
    pub theme: Option<usize>,
}

impl Note {
    /// Whether this note is a join to review (made of more than one fragment).
    pub fn is_join(&self) -> bool {
        self.fragments.len() > 1
    }
}

/// A proposed table: a numbered or labelled question.
#[derive(Clone, Debug, PartialEq)]
pub struct TableItem {
    /// The question as it will read.
    pub question: String,
    /// The notes that say it (the numbered item, a label line, a later heading repeating it).
    pub notes: Vec<usize>,
    /// Other wordings of the question (an agenda's, when a later heading words it otherwise).
    pub wordings: Vec<String>,
    pub accepted: bool,
}

/// A proposed theme: a short label heading a run of notes.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeItem {
    pub note: usize,
    pub accepted: bool,
}

/// The proposed event title and subtitle (the first lines).
#[derive(Clone, Debug, PartialEq)]
pub struct TitleItem {
    pub title: usize,
    pub subtitle: Option<usize>,
    pub accepted: bool,
}

/// Everything Tidy proposes, each item acceptable on its own (all accepted at first).
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub notes: Vec<Note>,
    pub tables: Vec<TableItem>,
    pub themes: Vec<ThemeItem>,
    pub title: Option<TitleItem>,
}

/// Longest title, in words.
const TITLE_MAX_WORDS: usize = 8;
/// Longest subtitle, in words.
const SUBTITLE_MAX_WORDS: usize = 12;
/// A later line sharing this much of a listed question's key words is that question's heading.
const HEADING_OVERLAP: f32 = 0.6;

/// Reads fragments (in reading order) and proposes joins, tables, themes and, when
/// `look_for_title` (a whole text, not notes picked on a map), the event's title.
pub fn propose(fragments: &[Fragment], look_for_title: bool) -> Proposal {
    let mut notes = join_fragments(fragments);
    let title = if look_for_title {
        find_title(&notes)
    } else {
        None
    };
    if let Some(t) = &title {
        for i in std::iter::once(t.title).chain(t.subtitle) {
            if let Some(n) = notes.get_mut(i) {
                n.role = Role::Title;
            }
        }
    }
    let tables = find_tables(&mut notes);
    let themes = find_themes(&mut notes);
    Proposal {
        notes,
        tables,
        themes,
        title,
    }
}

/// Groups consecutive fragments into notes with [`continues`].
fn join_fragments(fragments: &[Fragment]) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    for (i, fragment) in fragments.iter().enumerate() {
        let text = fragment.text.trim();
        if let Some(last) = notes.last_mut()
            && last.fragments.len() < MAX_PIECES
            && continues(&last.text, text, fragment.blank_before)
        {
            crate::text::join_line(&mut last.text, text);
            last.fragments.end = i + 1;
            continue;
        }
        notes.push(Note {
            fragments: i..i + 1,
            text: text.to_owned(),
            accepted: true,
            role: Role::Idea,
            table: None,
            theme: None,
        });
    }
    notes
}

/// The first note is the title when it reads as a heading; the second is the subtitle when it
/// does too. A question or a list item is never a title.
fn find_title(notes: &[Note]) -> Option<TitleItem> {
    let first = notes.first()?;
    if !looks_like_heading(&first.text, TITLE_MAX_WORDS) {
        return None;
    }
    let subtitle = notes
        .get(1)
        .filter(|n| looks_like_heading(&n.text, SUBTITLE_MAX_WORDS))
        .map(|_| 1);
    Some(TitleItem {
        title: 0,
        subtitle,
        accepted: true,
    })
}

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

/// Numbered or labelled questions become tables.
///
/// - "Table 2 : …", "Question 3 – …", "Atelier 1" are always questions (a label standing alone
///   takes the next note as its text).
/// - A numbered item ("1. …") is a question when it ends with "?" or sits in a run of numbered
///   items one of which does: typed notes number their ideas too, but a question is asked.
/// - When the questions are listed together (an agenda: no notes between them) and a later line
///   repeats one of them, that line is the table's heading, and its wording (the one the table
///   settled on) becomes the question.
///
/// Notes go to the table whose heading precedes them. Slides exported to PDF often put the title
/// box after the notes: when notes stand between the agenda and the first heading, each heading
/// takes the notes before it instead (the notes after the last heading go to the last table).
fn find_tables(notes: &mut [Note]) -> Vec<TableItem> {
    let asked = asked_questions(notes);
    if asked.is_empty() {
        return Vec::new();
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
    let agenda = asked.len() > 1 && asked.windows(2).all(|w| w[1].first() == w[0].last() + 1);
    let after_agenda = asked.last().map_or(0, |a| a.last() + 1);
    let headings = if agenda {
        repeated_headings(notes, &asked, after_agenda)
    } else {
        Vec::new()
    };
    for &(i, k) in &headings {
        if let (Some(note), Some(table)) = (notes.get_mut(i), tables.get_mut(k)) {
            note.role = Role::Question(k);
            let agenda_wording = std::mem::replace(&mut table.question, note.text.clone());
            if agenda_wording != table.question {
                table.wordings.push(agenda_wording);
            }
            table.notes.insert(0, i);
        }
    }
    // Where each table's notes start, in text order.
    let mut starts: Vec<(usize, usize)> = if agenda {
        headings.clone()
    } else {
        asked
            .iter()
            .enumerate()
            .map(|(k, a)| (a.first(), k))
            .collect()
    };
    starts.sort_unstable();
    let trailing = agenda && starts.first().is_some_and(|&(i, _)| i > after_agenda);
    assign_tables(notes, &starts, trailing);
    for (k, t) in tables.iter().enumerate() {
        for &n in &t.notes {
            if let Some(note) = notes.get_mut(n) {
                note.table = Some(k);
            }
        }
    }
    tables
}

/// Later lines repeating an agenda question (sharing most key words both ways), as
/// (note, table), in text order; one heading per table.
fn repeated_headings(notes: &[Note], asked: &[Asked], from: usize) -> Vec<(usize, usize)> {
    let keys: Vec<Vec<String>> = asked.iter().map(|a| key_words(&a.text)).collect();
    let mut headings: Vec<(usize, usize)> = Vec::new();
    for (i, note) in notes.iter().enumerate().skip(from) {
        if note.role != Role::Idea || rules::word_count(&note.text) < 4 {
            continue;
        }
        let words = key_words(&note.text);
        let best = keys
            .iter()
            .enumerate()
            .map(|(k, q)| (k, overlap(q, &words).min(overlap(&words, q))))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, score)) = best
            && score >= HEADING_OVERLAP
            && !headings.iter().any(|h| h.1 == k)
        {
            headings.push((i, k));
        }
    }
    headings
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
        }
        if run.is_empty() {
            i += 1;
        } else if run.iter().any(|r| r.1.text.trim_end().ends_with('?')) {
            asked.extend(run.into_iter().map(|r| r.1));
        }
    }
    asked
}

/// Sets each note's table from where the tables' notes start (see [`find_tables`]). Notes before
/// the first start go to the first table.
fn assign_tables(notes: &mut [Note], starts: &[(usize, usize)], trailing: bool) {
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
        note.table = Some(if trailing {
            // Notes before heading k belong to table k; after the last one, to the last table.
            starts.get(next).map_or(last, |s| s.1)
        } else {
            current
        });
    }
}

/// Short labels that head a run of ideas become themes, and every idea goes under the theme in
/// effect before it in its table. A label qualifies when the next [`THEME_MIN_RUN`] notes of its
/// table are ideas that are not labels themselves, or are longer than it (in characters): a theme
/// is shorter than its notes, and a short note followed by a shorter one is as likely a short
/// idea. A label right after a theme is that theme's first idea.
fn find_themes(notes: &mut [Note]) -> Vec<ThemeItem> {
    let candidate: Vec<bool> = notes
        .iter()
        .map(|n| n.role == Role::Idea && looks_like_theme(&n.text))
        .collect();
    let lengths: Vec<usize> = notes.iter().map(|n| n.text.chars().count()).collect();
    let is_candidate = |i: usize| candidate.get(i).copied().unwrap_or(false);
    let mut themes = Vec::new();
    let mut current: Option<usize> = None;
    let mut current_table = None;
    let mut previous_was_theme = false;
    for i in 0..notes.len() {
        let Some(note) = notes.get(i) else { break };
        let table = note.table;
        if table != current_table || note.role != Role::Idea {
            current = None;
            current_table = table;
        }
        if note.role != Role::Idea {
            previous_was_theme = false;
            continue;
        }
        let size = lengths.get(i).copied().unwrap_or(0);
        let heads_a_run = is_candidate(i)
            && !previous_was_theme
            && notes
                .iter()
                .enumerate()
                .skip(i + 1)
                .take(THEME_MIN_RUN)
                .filter(|(j, n)| {
                    n.role == Role::Idea
                        && n.table == table
                        && (!is_candidate(*j) || lengths.get(*j).copied().unwrap_or(0) > size)
                })
                .count()
                == THEME_MIN_RUN;
        previous_was_theme = heads_a_run;
        if heads_a_run {
            current = Some(themes.len());
            themes.push(ThemeItem {
                note: i,
                accepted: true,
            });
        }
        if let Some(n) = notes.get_mut(i) {
            if heads_a_run {
                n.role = Role::Theme(themes.len() - 1);
            }
            n.theme = current;
        }
    }
    themes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &Proposal) -> Vec<&str> {
        p.notes.iter().map(|n| n.text.as_str()).collect()
    }

    #[test]
    fn pdf_lines_of_french_notes_are_joined_into_whole_notes() {
        let text = "Appui sur les\n\nONG locales, sur\n\nles centres\n\nculturels\n\nAppui sur\n\n\
                    diaspora et\n\ncomités de\n\njumelage\n\nAller vers du mult-\n\nsecteurs";
        let p = propose(&fragments_of_text(text), false);
        assert_eq!(
            texts(&p),
            [
                "Appui sur les ONG locales, sur les centres culturels",
                "Appui sur diaspora et comités de jumelage",
                "Aller vers du mult-secteurs"
            ]
        );
        assert_eq!(p.joins().len(), 3);
    }

    #[test]
    fn english_notes_broken_mid_phrase_are_joined_and_sentences_kept_apart() {
        let text = "Exchange visits between the\ntechnical teams\nCool rooms in libraries.\n\
                    Green bonds? Too complex for\n\nsmall towns.\nA register of isolated\n(elderly) people";
        let p = propose(&fragments_of_text(text), false);
        assert_eq!(
            texts(&p),
            [
                "Exchange visits between the technical teams",
                "Cool rooms in libraries.",
                "Green bonds? Too complex for small towns.",
                "A register of isolated (elderly) people"
            ]
        );
    }

    #[test]
    fn an_agenda_of_numbered_questions_makes_tables_and_later_headings_word_them() {
        let text = "Café jeunesse\n\n1. Comment partir à\n\nl’étranger ?\n2. Quels partenaires mobiliser ?\n\n\
                    Comment donner envie de partir à l’étranger ?\n\nLever les freins\nAides au transport des jeunes\n\
                    Rassurer les familles sur le séjour\n\nQuels partenaires mobiliser sur le territoire ?\n\nLes lycées";
        let p = propose(&fragments_of_text(text), true);
        assert_eq!(p.tables.len(), 2);
        assert_eq!(
            p.tables[0].question,
            "Comment donner envie de partir à l’étranger ?"
        );
        assert_eq!(
            p.tables[1].question,
            "Quels partenaires mobiliser sur le territoire ?"
        );
        let draft = p.resolve(&fragments_of_text(text));
        assert_eq!(draft.title.as_deref(), Some("Café jeunesse"));
        assert_eq!(draft.tables[0].wordings, ["Comment partir à l’étranger ?"]);
        let (theme, ideas) = &draft.tables[0].branches.themes[0];
        assert_eq!(theme.text, "Lever les freins");
        assert_eq!(ideas.len(), 2);
        assert_eq!(draft.tables[1].branches.ideas[0].text, "Les lycées");
    }

    #[test]
    fn labelled_tables_take_the_notes_after_them() {
        let text = "Table 1: How can towns adapt to heat\nwaves together?\nGreen spaces\nPlant shade trees\n\
                    Turn car parks into parks\nTable 2 :\nWho pays?\nEuropean funds\nCrowdfunding";
        let fragments = fragments_of_text(text);
        let p = propose(&fragments, false);
        let questions: Vec<&str> = p.tables.iter().map(|t| t.question.as_str()).collect();
        assert_eq!(
            questions,
            ["How can towns adapt to heat waves together?", "Who pays?"]
        );
        let draft = p.resolve(&fragments);
        assert_eq!(draft.tables[0].branches.themes[0].1.len(), 2);
        let second: Vec<&str> = draft.tables[1]
            .branches
            .ideas
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(second, ["European funds", "Crowdfunding"]);
    }

    #[test]
    fn numbered_ideas_without_a_question_are_not_tables() {
        let p = propose(
            &fragments_of_text("1. Train staff\n2. Open an office\n"),
            false,
        );
        assert!(p.tables.is_empty());
    }

    #[test]
    fn a_short_label_heading_one_note_only_stays_an_idea() {
        let text = "Shared office\nEuropean funds for the twinning\n\nPitfalls\nGrants end\nReports take time";
        let p = propose(&fragments_of_text(text), false);
        let themes: Vec<&str> = p
            .themes
            .iter()
            .map(|t| p.notes[t.note].text.as_str())
            .collect();
        assert_eq!(themes, ["Pitfalls"]);
    }

    #[test]
    fn rejecting_items_leaves_the_fragments_as_they_were() {
        let text = "Lever les freins\nAides financières pour le\ntransport\nRassurer les\nfamilles inquiètes";
        let fragments = fragments_of_text(text);
        let mut p = propose(&fragments, false);
        assert_eq!(p.themes.len(), 1);
        p.themes[0].accepted = false;
        let join = p.joins()[0];
        p.notes[join].accepted = false;
        let draft = p.resolve(&fragments);
        assert!(draft.rest.themes.is_empty());
        let ideas: Vec<&str> = draft.rest.ideas.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            ideas,
            [
                "Lever les freins",
                "Aides financières pour le",
                "transport",
                "Rassurer les familles inquiètes"
            ]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "\n\n",
            "(",
            "«",
            "1.",
            "Table 1 :",
            "1. ?\n1. ?",
            "é\u{feff}",
            "-\n-\n-",
        ] {
            let fragments = fragments_of_text(text);
            let p = propose(&fragments, true);
            let _ = p.resolve(&fragments);
        }
    }
}
