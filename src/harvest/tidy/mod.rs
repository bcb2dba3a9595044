//! Tidy: from a pile of text fragments to a first draft map, checked by the facilitator.
//!
//! Hosts start from messy text — slides exported to PDF, notes typed in a hurry, OCR — where each
//! sticky note is broken across lines and the tables' questions and the themes are fragments among
//! the others. [`propose`] reads the fragments in order and proposes:
//!
//! - **joins** of consecutive fragments that are one note ([`rules::continues`]);
//! - **splits** of a line that holds two notes ([`cuts`]);
//! - **tables** from numbered or labelled questions, with the notes of their page or heading
//!   ([`tables`]);
//! - **themes** from short labels heading (or, on slides, closing) a run of notes ([`themes`]);
//! - the event's **title** (and subtitle), and its header lines, which go to the café's fields or
//!   nowhere, never to notes.
//!
//! Every item of a [`Proposal`] can be accepted or rejected on its own; [`Proposal::resolve`]
//! turns the accepted ones into a [`Draft`], which [`apply`] makes into a new café or into one
//! undoable edit of an existing one. The same fragments come from imported text, pasted text or
//! the notes already in a table's tray. The facilitator's marks (rounds, `#tags`, `+3`, `@owner`)
//! are read with the one grammar of typed marks ([`crate::text::marks`]).

mod apply;
mod cuts;
pub mod rules;
pub mod score;
mod tables;
mod themes;

pub use apply::{
    Branches, Draft, DraftTable, Piece, TidySource, cafe_from_text, edit_for, fragments_of_notes,
    tray_notes,
};

use crate::text::marks::round_marker;
use rules::{MAX_PIECES, continues, looks_like_heading};
use std::ops::Range;

/// One piece of text as it came: a line of a PDF export, a pasted line, a note of the tray.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    pub text: String,
    /// A blank line stood before it (or it is a note of its own).
    pub blank_before: bool,
    /// A new page (slide) starts with it: a form feed, or two blank lines or more, as PDF
    /// extraction leaves between pages.
    pub page_break_before: bool,
    /// The round a marker line ("Tour 2", "Round 3") set for it.
    pub round: Option<u32>,
}

impl Fragment {
    pub fn new(text: impl Into<String>, blank_before: bool) -> Fragment {
        Fragment {
            text: text.into(),
            blank_before,
            page_break_before: false,
            round: None,
        }
    }
}

/// The lines of a text as fragments (spaces tidied): blank lines are dropped but remembered by
/// the line after, two or more of them (or a form feed) as a page break. A line that only names
/// a round is not a fragment: it sets the round of the fragments after it.
pub fn fragments_of_text(text: &str) -> Vec<Fragment> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut blanks = 0usize;
    let mut page = false;
    let mut round = None;
    for line in text.lines() {
        page |= line.contains('\u{c}');
        // Extraction leaves runs of spaces inside lines ("se  connaître"): one is meant.
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blanks += 1;
            continue;
        }
        if let Some(r) = round_marker(&line) {
            round = Some(r);
            blanks = 1;
            continue;
        }
        let mut fragment = Fragment::new(line, blanks > 0 || out.is_empty());
        fragment.page_break_before = !out.is_empty() && (page || blanks >= 2);
        fragment.round = round;
        out.push(fragment);
        blanks = 0;
        page = false;
    }
    out
}

/// What a note is in the proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Idea,
    /// The event's title or subtitle, or a header line (see [`Proposal::title`]).
    Title,
    /// A table's question or its heading (index into [`Proposal::tables`]).
    Question(usize),
    /// A theme (index into [`Proposal::themes`]).
    Theme(usize),
}

/// How a note was cut from the line it shared with the note before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Rejected: the two notes stay one, as the line read.
    pub accepted: bool,
    /// The cut falls inside one fragment (else between two fragments of one join).
    pub mid_piece: bool,
}

/// One note as the rules read it: one fragment, several joined, or part of a line cut in two.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// The fragments it is made of, consecutive (a cut fragment belongs to both of its notes).
    pub fragments: Range<usize>,
    /// The joined text, as the note will read.
    pub text: String,
    /// The fragments' texts as they make up this note (a cut fragment only up to or from the cut).
    pub pieces: Vec<String>,
    /// For a note made of several pieces: whether the join is accepted. A rejected join leaves
    /// the pieces apart (the first keeps the note's role).
    pub accepted: bool,
    /// Set when this note was cut from the line it shared with the note before it.
    pub cut: Option<Cut>,
    pub role: Role,
    /// The table it goes to (index into [`Proposal::tables`]); `None`: where the fragments are.
    pub table: Option<usize>,
    /// The theme it goes under (index into [`Proposal::themes`]).
    pub theme: Option<usize>,
    /// The page (slide) it is on, counted from 0.
    pub page: usize,
    /// The round its first fragment was typed in, from a marker line.
    pub round: Option<u32>,
}

impl Note {
    /// Whether this note is a join to review (made of more than one piece).
    pub fn is_join(&self) -> bool {
        self.pieces.len() > 1
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

/// The proposed event title and subtitle (the first lines), and the header lines around the
/// questions ("3 tables rondes :", "Restitution des échanges", "Animation et prise de note :").
#[derive(Clone, Debug, PartialEq)]
pub struct TitleItem {
    pub title: Option<usize>,
    pub subtitle: Option<usize>,
    /// Header lines: a heading joins the title or subtitle, "Animation : names" gives the
    /// facilitators, a lead-in or an empty field goes nowhere.
    pub headers: Vec<usize>,
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

/// Reads the fragments of a text (in reading order) and proposes joins, cuts, tables, themes
/// and, when `look_for_title` (the café has no title yet), the event's title.
pub fn propose(fragments: &[Fragment], look_for_title: bool) -> Proposal {
    propose_with(fragments, look_for_title, true)
}

/// [`propose`] for notes picked on a map: no title, and no table asked by a first line alone
/// (the table they are on has its question).
pub fn propose_notes(fragments: &[Fragment]) -> Proposal {
    propose_with(fragments, false, false)
}

fn propose_with(fragments: &[Fragment], look_for_title: bool, whole_text: bool) -> Proposal {
    let look_for_title = look_for_title && fragments.first().is_some_and(|f| f.round.is_none());
    let mut notes = cuts::cut_notes(join_fragments(fragments), look_for_title);
    let mut title = if look_for_title {
        find_title(&notes)
    } else {
        None
    };
    if let Some(t) = &title {
        for i in t.title.into_iter().chain(t.subtitle) {
            if let Some(n) = notes.get_mut(i) {
                n.role = Role::Title;
            }
        }
    }
    let mut notes = tables::cut_glued_headings(notes);
    let tables = tables::find_tables(&mut notes, whole_text);
    // Lines above the first question are the event's, in a whole text whose title is sought.
    let above = tables.first_question.filter(|_| look_for_title);
    let mut headers = tables::header_lines(&notes, above);
    // The line under the title, above the questions, is the subtitle however long it is.
    if let Some(t) = &mut title
        && t.subtitle.is_none()
        && t.title == Some(0)
        && headers.first() == Some(&1)
        && above.is_some_and(|start| start > 1)
        && notes.get(1).is_some_and(|n| !tables::header_like(&n.text))
    {
        t.subtitle = Some(1);
        headers.remove(0);
        if let Some(n) = notes.get_mut(1) {
            n.role = Role::Title;
        }
    }
    if !headers.is_empty() {
        for &i in &headers {
            if let Some(n) = notes.get_mut(i) {
                n.role = Role::Title;
            }
        }
        let item = title.get_or_insert(TitleItem {
            title: None,
            subtitle: None,
            headers: Vec::new(),
            accepted: true,
        });
        item.headers = headers;
    }
    tables::assign_tables(&mut notes, &tables);
    let themes = themes::find_themes(&mut notes);
    Proposal {
        notes,
        tables: tables.tables,
        themes,
        title,
    }
}

/// Groups consecutive fragments into notes with [`continues`]. A page break always starts a new
/// note: a sticky note never spans two slides.
fn join_fragments(fragments: &[Fragment]) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    let mut page = 0;
    for (i, fragment) in fragments.iter().enumerate() {
        let text = fragment.text.trim();
        page += usize::from(fragment.page_break_before);
        if let Some(last) = notes.last_mut()
            && !fragment.page_break_before
            && last.pieces.len() < MAX_PIECES
            && continues(&last.text, text, fragment.blank_before)
        {
            crate::text::join_line(&mut last.text, text);
            last.pieces.push(text.to_owned());
            last.fragments.end = i + 1;
            continue;
        }
        notes.push(Note {
            fragments: i..i + 1,
            text: text.to_owned(),
            pieces: vec![text.to_owned()],
            accepted: true,
            cut: None,
            role: Role::Idea,
            table: None,
            theme: None,
            page,
            round: fragment.round,
        });
    }
    notes
}

/// The first note is the title when it reads as a heading; the second is the subtitle when it
/// does too. A question, a list item or a note carrying votes or tags is never a title.
fn find_title(notes: &[Note]) -> Option<TitleItem> {
    let heading = |n: &Note, words| {
        looks_like_heading(&n.text, words) && {
            let marked = crate::text::marks::parse_line(&n.text);
            marked.round.is_none()
                && crate::io::import::marks::Harvest::from(marked) == Default::default()
        }
    };
    let first = notes.first()?;
    if !heading(first, TITLE_MAX_WORDS) {
        return None;
    }
    let subtitle = notes
        .get(1)
        .filter(|n| heading(n, SUBTITLE_MAX_WORDS))
        .map(|_| 1);
    Some(TitleItem {
        title: Some(0),
        subtitle,
        headers: Vec::new(),
        accepted: true,
    })
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
        let draft = p.resolve();
        assert_eq!(draft.title.as_deref(), Some("Café jeunesse"));
        assert_eq!(draft.tables[0].wordings, ["Comment partir à l’étranger ?"]);
        let (theme, ideas) = &draft.tables[0].branches.themes[0];
        assert_eq!(theme.text, "Lever les freins");
        assert_eq!(ideas.len(), 2);
        assert_eq!(draft.tables[1].branches.ideas[0].text, "Les lycées");
    }

    #[test]
    fn on_slides_each_page_is_its_headings_table_and_labels_may_close_their_notes() {
        let text = "Café\n\n1. Comment partir à l’étranger ?\n2. Quels partenaires mobiliser ?\n\n\n\
                    Aides financières pour le transport\nRassurer les familles inquiètes\nLever les freins\n\
                    Comment partir à l’étranger ?\nUn guichet unique à la mission locale\n\
                    Des témoignages dans les lycées\nFaire connaître\n\n\n\
                    Les lycées professionnels et les CFA\nQuels partenaires mobiliser ?\n\
                    Les maisons de quartier et les centres sociaux\nActeurs éducatifs";
        let draft = propose(&fragments_of_text(text), true).resolve();
        let themes = |k: usize| -> Vec<(String, usize)> {
            draft.tables[k]
                .branches
                .themes
                .iter()
                .map(|(t, ideas)| (t.text.clone(), ideas.len()))
                .collect()
        };
        assert_eq!(
            themes(0),
            [
                ("Lever les freins".to_owned(), 2),
                ("Faire connaître".to_owned(), 2)
            ]
        );
        assert_eq!(themes(1), [("Acteurs éducatifs".to_owned(), 2)]);
        assert!(draft.tables.iter().all(|t| t.branches.ideas.is_empty()));
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
        let draft = p.resolve();
        assert_eq!(draft.tables[0].branches.themes[0].1.len(), 2);
        let second: Vec<&str> = draft.tables[1]
            .branches
            .ideas
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(second, ["European funds", "Crowdfunding"]);
    }

    /// A theme's text and its ideas' texts.
    type ThemeTexts = (String, Vec<String>);

    /// The questions of an agenda as the tables read them, and each table's themes with their
    /// ideas.
    fn tables_of(text: &str) -> Vec<(String, Vec<ThemeTexts>)> {
        let draft = propose(&fragments_of_text(text), true).resolve();
        draft
            .tables
            .iter()
            .map(|t| {
                let themes = t
                    .branches
                    .themes
                    .iter()
                    .map(|(th, ideas)| {
                        let ideas = ideas.iter().map(|i| i.text.clone()).collect();
                        (th.text.clone(), ideas)
                    })
                    .collect();
                (t.question.clone(), themes)
            })
            .collect()
    }

    #[test]
    fn lines_above_an_agenda_are_the_header_and_the_one_under_the_title_its_subtitle() {
        let text = "Café sport\n\nClubs, écoles et service des sports de la communauté de communes, \
                    gymnase Jean Moulin\n\n3 tables rondes :\n1. Comment faire venir au sport ?\n\
                    2. Quels besoins pour les bénévoles ?\n\nRestitution des échanges\n\n\
                    Comment faire venir au sport ?\n\nHoraires\nDes créneaux le samedi matin\n\
                    Des séances en plein air au parc\n\nQuels besoins pour les bénévoles ?\n\n\
                    Formation\nDes formations aux premiers secours\nUn accompagnement pour les subventions";
        let draft = propose(&fragments_of_text(text), true).resolve();
        assert_eq!(
            draft.subtitle.as_deref(),
            Some(
                "Clubs, écoles et service des sports de la communauté de communes, gymnase Jean Moulin"
            )
        );
        let tables = tables_of(text);
        assert_eq!(tables.len(), 2);
        // Each table keeps the notes after its heading: none shifted to the next table.
        assert_eq!(tables[0].1[0].0, "Horaires");
        assert_eq!(tables[1].1[0].0, "Formation");
        assert!(
            draft.rest.ideas.is_empty() && draft.tables.iter().all(|t| t.branches.ideas.is_empty())
        );
    }

    #[test]
    fn lines_above_the_first_labelled_question_are_the_header_unless_they_are_many() {
        let head = "Tourism Café\n\nHoteliers, farmers, the heritage trust and the district council, \
                    at the old market hall\n\n";
        let body = "Table 1: How can visitors stay longer?\nThings to do in the evening\n\
                    Guided night walks to the castle ruins\nFarm suppers with local produce\n\
                    Places to stay\nConvert empty barns into holiday lets\nA campsite for cyclists with lockable bike sheds\n";
        let draft = propose(&fragments_of_text(&format!("{head}{body}")), true).resolve();
        assert_eq!(
            draft.subtitle.as_deref(),
            Some(
                "Hoteliers, farmers, the heritage trust and the district council, at the old market hall"
            )
        );
        let themes: Vec<&str> = draft.tables[0]
            .branches
            .themes
            .iter()
            .map(|t| t.0.text.as_str())
            .collect();
        assert_eq!(themes, ["Things to do in the evening", "Places to stay"]);
        // Past the title and its subtitle, more than four lines above the first question are
        // notes whose table was not recognised.
        let notes = "Bus shelters with real-time displays\nCheaper day tickets for families\n\
                     A night bus on Saturdays\nBike racks at the station\nA car club in the village\n\
                     Electric bikes to hire at the harbour\n";
        let draft = propose(
            &fragments_of_text(&format!("Tourism Café\n\n{notes}{body}")),
            true,
        )
        .resolve();
        let ideas: Vec<&str> = draft
            .tables
            .iter()
            .map(|t| &t.branches)
            .chain([&draft.rest])
            .flat_map(|b| b.ideas.iter().chain(b.themes.iter().flat_map(|t| &t.1)))
            .map(|i| i.text.as_str())
            .collect();
        for note in ["Bike racks at the station", "A car club in the village"] {
            assert!(ideas.contains(&note), "{note:?} in {ideas:?}");
        }
    }

    #[test]
    fn an_agenda_item_broken_before_its_end_takes_the_line_that_ends_it() {
        let text = "Café\n\n1. How can visitors stay longer?\n2. How could the area welcome visitors outside\n\
                    July and August?\n3. How do residents and visitors live well together?\n\n\
                    How can visitors stay longer?\nPlaces to stay\nConvert empty barns into holiday lets\n\
                    A campsite for cyclists\n";
        let p = propose(&fragments_of_text(text), true);
        let questions: Vec<&str> = p.tables.iter().map(|t| t.question.as_str()).collect();
        assert_eq!(
            questions,
            [
                "How can visitors stay longer?",
                "How could the area welcome visitors outside July and August?",
                "How do residents and visitors live well together?"
            ]
        );
    }

    #[test]
    fn a_heading_glued_to_a_note_is_cut_off_even_reworded_past_the_agendas_words() {
        let text = "Café\n\n1. Comment adapter les villages à la chaleur ?\n\
                    2. Que faire pour améliorer le tri dans l’habitat collectif ?\n\
                    3. Comment financer la transition sans alourdir les impôts ?\n\n\
                    Comment adapter les villages à la chaleur ?\n\nOmbre\nPlanter des arbres dans les cours\n\
                    Des fontaines sur les places\nUn registre des personnes isolées Comment mieux trier dans les immeubles ?\n\
                    Consignes\nDes images plutôt que du texte\nUn ambassadeur du tri par escalier\n\
                    Un bonus pour les immeubles qui trient Comment financer la transition sans alourdir les impôts ?\n\
                    Fonds\nLes fonds européens pour les communes\nUn budget participatif pour le climat";
        let tables = tables_of(text);
        let questions: Vec<&str> = tables.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            questions,
            [
                "Comment adapter les villages à la chaleur ?",
                "Comment mieux trier dans les immeubles ?",
                "Comment financer la transition sans alourdir les impôts ?"
            ]
        );
        assert_eq!(
            tables[0].1[0].1.last().map(String::as_str),
            Some("Un registre des personnes isolées")
        );
        assert_eq!(
            tables[1].1[0].1.last().map(String::as_str),
            Some("Un bonus pour les immeubles qui trient")
        );
    }

    #[test]
    fn a_grouped_table_opens_on_a_theme_and_a_much_shorter_line_among_notes_is_one() {
        let text = "Café\n\n1. How do we help children get ready for school?\n2. Who pays?\n\n\
                    How do we help children get ready for school?\n\nThings to do in the evening\n\
                    Story sacks families can borrow from the nursery\n\
                    Sing and rhyme sessions in the park during the summer\n\
                    Schools\nReception teachers visiting nurseries in June\n\
                    A shared record of what each child enjoys and needs\n\
                    Children who need more help\nSpeech and language checks at two years old\n\
                    Faster referrals when a nursery raises a concern\n";
        let tables = tables_of(text);
        let themes: Vec<(&str, usize)> = tables[0]
            .1
            .iter()
            .map(|(t, ideas)| (t.as_str(), ideas.len()))
            .collect();
        assert_eq!(
            themes,
            [
                ("Things to do in the evening", 2),
                ("Schools", 2),
                ("Children who need more help", 2)
            ]
        );
    }

    #[test]
    fn on_a_slide_a_label_opening_the_text_takes_the_notes_nearest_to_it() {
        // The label "Maintien du lien" was drawn among its notes: the two notes before it are
        // nearer to it than to the label that opens the slide's text.
        let text = "Café\n\n1. Comment faire perdurer les relations ?\n2. Quels retours sur le territoire ?\n\n\n\
                    Maintien des actions\nAppui sur les ONG locales et les centres culturels\n\
                    Appui sur la diaspora et les comités de jumelage\n\
                    Investir la société civile dans les projets\n\
                    Maintien d’un contact en présentiel est important\n\
                    Tisser un réseau de relations multi-acteurs\nMaintien du lien\n\
                    Faire venir les partenaires en France\nOrganiser les assises en même temps\n\
                    Comment faire perdurer les relations ?\n\n\n\
                    Un marché de Noël solidaire et festif\nUn concert avec les associations locales\n\
                    Manifestations\nQuels retours sur le territoire ?";
        let tables = tables_of(text);
        let theme = |name: &str| {
            let found = tables[0].1.iter().find(|t| t.0 == name);
            found.map(|t| t.1.clone()).unwrap_or_default()
        };
        assert_eq!(
            theme("Maintien des actions"),
            [
                "Appui sur les ONG locales et les centres culturels",
                "Appui sur la diaspora et les comités de jumelage",
                "Investir la société civile dans les projets"
            ]
        );
        assert_eq!(
            theme("Maintien du lien"),
            [
                "Maintien d’un contact en présentiel est important",
                "Tisser un réseau de relations multi-acteurs",
                "Faire venir les partenaires en France",
                "Organiser les assises en même temps"
            ]
        );
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
        let draft = p.resolve();
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
            let _ = p.resolve();
        }
    }
}
