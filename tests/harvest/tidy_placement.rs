//! Tidy judged on placement: every idea whole AND under the right theme of the right table,
//! on the seed (slides exported to PDF) and on labelled cafés laid out as lists and broken as PDF
//! extraction breaks them (`tests/fixtures/tidy/`, made with `break_lines.py`). Also the header
//! lines, the questions a PDF broke a word of, lines holding two notes, the facilitator's marks
//! and a pasted table's question.

use cafemap::harvest::tidy::score::{Outline, Score, outline_of, score};
use cafemap::harvest::tidy::{self, cafe_from_text, fragments_of_text, propose};
use cafemap::model::{Cafe, NodeKind};

fn tidied(raw: &str, outline: &str) -> (Cafe, Score) {
    let cafe = cafe_from_text(raw, "Table 1");
    cafe.validate().unwrap();
    let s = score(&cafe, &Outline::parse(outline));
    println!("{}\n{s:?}", outline_of(&cafe));
    (cafe, s)
}

fn seed() -> (Cafe, Score) {
    tidied(
        include_str!("../../examples/seed/world-cafe-restitution.txt"),
        include_str!("../../examples/seed/world-cafe-restitution.outline.md"),
    )
}

fn idea_texts(cafe: &Cafe) -> Vec<String> {
    cafe.tables
        .iter()
        .flat_map(|t| t.nodes())
        .filter(|n| n.kind == NodeKind::Idea)
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn seed_ideas_land_under_their_theme_and_table() {
    let (_, s) = seed();
    assert_eq!(s.ideas, 37);
    // 8 before tables were read by page and labels after their notes. The misses are where the
    // slide's two columns interleave: the goal of 75 % (28) is one idea away.
    assert!(s.ideas_placed >= 27, "{s:?}");
    assert_eq!(s.ideas_whole, 36, "{s:?}");
    assert_eq!(s.themes_found, s.themes, "{s:?}");
}

#[test]
fn seed_header_lines_go_to_the_cafe_and_never_to_notes() {
    let (cafe, _) = seed();
    let ideas = idea_texts(&cafe);
    for header in [
        "3 tables rondes :",
        "Restitution des échanges",
        "Animation et prise de note :",
    ] {
        assert!(!ideas.iter().any(|i| i == header), "{header:?} is a note");
    }
    assert_eq!(cafe.info.title, "World cafés — Restitution des échanges");
    assert_eq!(
        cafe.info.subtitle,
        "Temps de discussion en groupes de travail"
    );
    assert!(cafe.info.facilitators.is_empty());
}

/// The PDF-broken lists: three numbered questions at the top between header lines, each
/// table's question repeated (a word broken by a space in one of the two) above its themes.
fn pdf_list(raw: &str, outline: &str, placed_percent: usize) -> (Cafe, Score) {
    let (cafe, s) = tidied(raw, outline);
    assert_eq!(cafe.tables.len(), 3);
    assert_eq!(s.tables_found, 3, "{s:?}");
    // Word for word: the broken word is mended from the other wording.
    assert_eq!(s.tables_exact, 3, "{s:?}");
    assert!(s.ideas_placed * 100 >= placed_percent * s.ideas, "{s:?}");
    let ideas = idea_texts(&cafe);
    assert!(
        !ideas.iter().any(|i| i.ends_with(':')
            || i.contains("Restitution des")
            || i.contains("Feedback from")),
        "{ideas:?}"
    );
    (cafe, s)
}

#[test]
fn french_pdf_list_places_its_ideas() {
    let (cafe, s) = pdf_list(
        include_str!("../fixtures/tidy/climat.txt"),
        include_str!("../fixtures/tidy/climat.outline.md"),
        90,
    );
    assert_eq!(s.themes_found, s.themes, "{s:?}");
    assert_eq!(
        cafe.info.title,
        "Café climat des communes rurales — Restitution des échanges"
    );
}

#[test]
fn english_pdf_list_places_its_ideas() {
    let (cafe, s) = pdf_list(
        include_str!("../fixtures/tidy/energy.txt"),
        include_str!("../fixtures/tidy/energy.outline.md"),
        90,
    );
    assert_eq!(s.themes_found, s.themes, "{s:?}");
    assert_eq!(
        cafe.info.title,
        "Community Energy Café — Feedback from the tables"
    );
}

/// Its first run (before the rule for rewording headings that ask) found 2 of 3 tables and
/// placed 15 of 22 ideas; the rules were then fixed on it, so it is no longer unseen.
#[test]
fn french_pdf_list_with_a_reworded_heading_places_its_ideas() {
    pdf_list(
        include_str!("../fixtures/tidy/mobilites.txt"),
        include_str!("../fixtures/tidy/mobilites.outline.md"),
        90,
    );
}

/// Written after the rules were tuned: 17 of 21 placed at its first run (a two-word theme glued
/// after a note, "… the job centre Local groups", is not cut, and a note broken before a capital
/// stays apart). The glued-label rule, found again on `sante`, now cuts it: no longer unseen.
#[test]
fn english_pdf_list_with_a_glued_label_places_its_ideas() {
    pdf_list(
        include_str!("../fixtures/tidy/libraries.txt"),
        include_str!("../fixtures/tidy/libraries.outline.md"),
        100,
    );
}

/// Written after the rules were tuned (`break_lines.py sante.outline.md 7 pdf-fr`): 17 of 21
/// placed at its first run, with the miss `libraries` had (a two-word theme glued after a note,
/// "… la maison de santé Projets communs", not cut) and its title cut before a name ("… du
/// quartier Nord"). Both were then fixed as general rules, so it is no longer unseen.
#[test]
fn french_pdf_list_with_a_label_glued_to_a_note_places_its_ideas() {
    let (cafe, _) = pdf_list(
        include_str!("../fixtures/tidy/sante.txt"),
        include_str!("../fixtures/tidy/sante.outline.md"),
        100,
    );
    assert_eq!(
        cafe.info.title,
        "Café santé du quartier Nord — Restitution des échanges"
    );
}

/// Written after the glued-label rule (`break_lines.py allotments.outline.md 11 pdf-en`): 13 of
/// 20 placed at its first run, its second table's heading reworded past recognition by words
/// ("What would help growers waste less water?" for "How could gro wers use less water over the
/// summer?"). Tables come in the agenda's order, so an asking line between the headings around
/// it now is that table's; fixed on it, it is no longer unseen.
#[test]
fn english_pdf_list_with_a_heading_reworded_past_its_words_places_its_ideas() {
    let (cafe, _) = pdf_list(
        include_str!("../fixtures/tidy/allotments.txt"),
        include_str!("../fixtures/tidy/allotments.outline.md"),
        100,
    );
    assert_eq!(
        cafe.tables[1].question_node().text,
        "What would help growers waste less water?"
    );
}

/// Written after the agenda-order rule (`break_lines.py culture.outline.md 23 pdf-fr`): 11 of 21
/// placed at its first run, its second heading sharing one word with the agenda's wording
/// ("Quelle place pour les artistes …" for "Comment accueillir des arti stes …"); the order
/// rule now takes the better of the two ways of counting shared words. Still missed: the theme
/// "Aller vers" runs into its first note on the next line, as a phrase would ("… vers Un
/// cinéma …").
#[test]
fn french_pdf_list_with_a_heading_sharing_one_word_places_its_ideas() {
    pdf_list(
        include_str!("../fixtures/tidy/culture.txt"),
        include_str!("../fixtures/tidy/culture.outline.md"),
        85,
    );
}

#[test]
fn a_line_holding_two_notes_is_offered_as_a_split_that_can_be_refused() {
    let raw = include_str!("../../examples/seed/world-cafe-restitution.txt");
    let fragments = fragments_of_text(raw);
    let mut p = propose(&fragments, true);
    let split_texts: Vec<&str> = p
        .splits()
        .iter()
        .map(|&i| p.notes[i].text.as_str())
        .collect();
    assert!(
        split_texts.contains(&"Engagement sur le long terme et consolidation juridique"),
        "{split_texts:?}"
    );
    assert!(split_texts.contains(&"Prérequis"), "{split_texts:?}");
    // Refused, the line stays one note as it read.
    let at = p.splits()[0];
    p.notes[at].cut.as_mut().unwrap().accepted = false;
    let draft = p.resolve();
    let all: Vec<String> = draft
        .tables
        .iter()
        .flat_map(|t| {
            t.branches
                .themes
                .iter()
                .flat_map(|(th, ideas)| std::iter::once(th).chain(ideas))
                .chain(&t.branches.ideas)
        })
        .map(|p| p.text.clone())
        .collect();
    assert!(
        all.iter()
            .any(|t| t.contains("DAECT Engagement sur le long terme")),
        "{all:?}"
    );
}

#[test]
fn tidy_reads_the_facilitators_marks_as_the_plain_import_does() {
    let notes = "Tour 1\nIdée A +2\nIdée B #eau\n2e tour\nIdée C ●●\nRound 3\n\
                 Idée D #action @Paul (avant le 31/03)\n";
    let cafe = cafe_from_text(notes, "notes");
    cafe.validate().unwrap();
    assert_eq!(cafe.info.title, "");
    let t = &cafe.tables[0];
    assert_eq!(t.question_node().text, "notes");
    let node = |text: &str| {
        t.nodes()
            .find(|n| n.text == text)
            .unwrap_or_else(|| panic!("no note {text:?} in {:?}", idea_texts(&cafe)))
    };
    let a = node("Idée A");
    assert_eq!((a.votes.total(), a.origin.round), (2, Some(1)));
    let b = node("Idée B");
    assert_eq!(b.tags, ["eau"]);
    let c = node("Idée C");
    assert_eq!((c.votes.total(), c.origin.round), (2, Some(2)));
    let d = node("Idée D");
    assert_eq!(d.owner, "Paul");
    assert_eq!(d.due, "31/03");
    assert_eq!(d.origin.round, Some(3));
    assert_eq!(idea_texts(&cafe).len(), 4);
}

#[test]
fn a_pasted_tables_first_line_asking_is_proposed_as_its_question() {
    let text = "Comment faire perdurer les relations entre collectivités en temps de crise ?\n\n\
                Maintien des\nactions\n\nAppui sur les\nONG locales\n\nAppui sur la diaspora";
    let p = propose(&fragments_of_text(text), true);
    assert_eq!(p.tables.len(), 1);
    assert_eq!(
        p.tables[0].question,
        "Comment faire perdurer les relations entre collectivités en temps de crise ?"
    );
    // Picked on a map, notes keep the table they are on.
    let notes = tidy::propose_notes(&fragments_of_text(text));
    assert!(notes.tables.is_empty());
}
