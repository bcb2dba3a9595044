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
    // 8 before tables were read by page and labels after their notes, 27 before a label opening
    // a slide's text with others among its notes took the notes nearest to it (29 now). The
    // other misses are where the slide's two columns interleave. Goal: 75 % (28).
    assert!(s.ideas_placed >= 28, "{s:?}");
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
    let (cafe, s) = pdf_list_of(raw, outline, placed_percent);
    // Word for word: the broken word is mended from the other wording.
    assert_eq!(s.tables_exact, s.tables, "{s:?}");
    (cafe, s)
}

/// [`pdf_list`] where a broken word of a heading may stay broken (the agenda words it
/// otherwise, so nothing says how to mend it).
fn pdf_list_of(raw: &str, outline: &str, placed_percent: usize) -> (Cafe, Score) {
    let (cafe, s) = tidied(raw, outline);
    assert_eq!(cafe.tables.len(), s.tables);
    assert_eq!(s.tables_found, s.tables, "{s:?}");
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
/// rule now takes the better of the two ways of counting shared words. The theme "Aller vers"
/// ran into its first note on the next line, as a phrase would ("… vers Un cinéma …"), until
/// an article with a capital started a note of its own.
#[test]
fn french_pdf_list_with_a_heading_sharing_one_word_places_its_ideas() {
    pdf_list(
        include_str!("../fixtures/tidy/culture.txt"),
        include_str!("../fixtures/tidy/culture.outline.md"),
        100,
    );
}

/// Written before the rules of tidy3 (`break_lines.py sport.outline.md 41 pdf-fr`): 7 of 22
/// placed at its first run. The organisers' line above the agenda was taken for a note, so
/// the headings were read as closing their notes and every table shifted by one. What stands
/// above an agenda is the event's header now, and the line under the title its subtitle.
#[test]
fn a_french_pdf_list_with_a_long_line_above_its_agenda_places_its_ideas() {
    let (cafe, _) = pdf_list(
        include_str!("../fixtures/tidy/sport.txt"),
        include_str!("../fixtures/tidy/sport.outline.md"),
        100,
    );
    assert_eq!(
        cafe.info.title,
        "Café sport pour tous — Restitution des échanges"
    );
    assert_eq!(
        cafe.info.subtitle,
        "Clubs, écoles et service des sports de la communauté de communes, gymnase Jean Moulin"
    );
}

/// Written before the rules of tidy3 (`break_lines.py tourism.outline.md 57 pdf-en`): 7 of 20
/// placed at its first run. Its second heading shares one word with the agenda's wording, and
/// a theme of six words opens its first table.
#[test]
fn an_english_pdf_list_with_a_heading_reworded_past_its_words_places_its_ideas() {
    let (cafe, _) = pdf_list(
        include_str!("../fixtures/tidy/tourism.txt"),
        include_str!("../fixtures/tidy/tourism.outline.md"),
        100,
    );
    assert_eq!(
        cafe.tables[1].question_node().text,
        "What would spread visitors beyond the busy months?"
    );
}

/// Written before the rules of tidy3 (`break_lines.py dechets.outline.md 68 pdf-fr`), four
/// tables: 16 of 25 placed at its first run. The last three misses came from "… deux fois par
/// an" read as ending on the English article, until an English word after a French one was read
/// in French. Still: the reworded heading "… dans les imme ubles ?" keeps its broken word (the
/// agenda does not hold it).
#[test]
fn a_french_pdf_list_of_four_tables_places_its_ideas() {
    pdf_list_of(
        include_str!("../fixtures/tidy/dechets.txt"),
        include_str!("../fixtures/tidy/dechets.outline.md"),
        100,
    );
}

/// The cafés written after rules were added, each scored once before anything was fixed on it:
/// early-years 16 of 21 (after the first four rules; then a five-word theme in a grouped table
/// and notes glued after a name were fixed, 19; 20 now that "… ask for Explain the …" is cut),
/// numerique 21 of 21, parks (English, four tables) 23 of 26 ("A regular" / "Saturday morning
/// litter pick" was cut in two until an article and one word were no longer a note, 26 now),
/// aines (French, four tables) 21 of 21, housing
/// (English, four tables, questions in its notes) 24 of 26 ("… on the High" / "Street": a name
/// broken across two lines stayed two notes; 26 now), alimentation (French, five tables) 20 of 20.
#[test]
fn pdf_lists_written_after_the_rules_place_their_ideas() {
    for (raw, outline, percent) in [
        (
            include_str!("../fixtures/tidy/early-years.txt"),
            include_str!("../fixtures/tidy/early-years.outline.md"),
            95,
        ),
        (
            include_str!("../fixtures/tidy/numerique.txt"),
            include_str!("../fixtures/tidy/numerique.outline.md"),
            100,
        ),
        (
            include_str!("../fixtures/tidy/parks.txt"),
            include_str!("../fixtures/tidy/parks.outline.md"),
            100,
        ),
        (
            include_str!("../fixtures/tidy/aines.txt"),
            include_str!("../fixtures/tidy/aines.outline.md"),
            100,
        ),
        (
            include_str!("../fixtures/tidy/housing.txt"),
            include_str!("../fixtures/tidy/housing.outline.md"),
            100,
        ),
        (
            include_str!("../fixtures/tidy/alimentation.txt"),
            include_str!("../fixtures/tidy/alimentation.outline.md"),
            100,
        ),
    ] {
        pdf_list_of(raw, outline, percent);
    }
}

/// Cafés written by an author who never saw the rules (`heldout1/`), scored once on main before
/// tidy4 looked at them: digital-inclusion 17 of 23, habitat-aines 23 of 24, school-meals 23 of
/// 27, water-sanitation 20 of 24. Now 23, 24, 24 and 22: a table's last label over a single
/// note, a piece ending on "/" or a colon before a figure, a piece opening on a figure. Still
/// missed: "… not just" / "Fridays" (a capitalised word ending a note, then taken for the
/// label of the notes after it), "2000 hab. Agence de l’eau : …" (a second note glued after a
/// sentence's end).
#[test]
fn held_out_pdf_lists_place_their_ideas() {
    for (raw, outline, percent) in [
        (
            include_str!("../fixtures/tidy/heldout1/digital-inclusion.txt"),
            include_str!("../fixtures/tidy/heldout1/digital-inclusion.outline.md"),
            100,
        ),
        (
            include_str!("../fixtures/tidy/heldout1/habitat-aines.txt"),
            include_str!("../fixtures/tidy/heldout1/habitat-aines.outline.md"),
            100,
        ),
        (
            include_str!("../fixtures/tidy/heldout1/school-meals.txt"),
            include_str!("../fixtures/tidy/heldout1/school-meals.outline.md"),
            88,
        ),
        (
            include_str!("../fixtures/tidy/heldout1/water-sanitation.txt"),
            include_str!("../fixtures/tidy/heldout1/water-sanitation.outline.md"),
            91,
        ),
    ] {
        pdf_list_of(raw, outline, percent);
    }
}

/// A second set by another author who never saw the rules (`heldout2/`), scored once after
/// tidy3 (25, 17 and 21 placed) and once after tidy4, never tuned on: 27 of 28, 18 of 21 and 26
/// of 28, 92 % together (the goal on unseen PDF lists is 90 %). The floors are those figures.
#[test]
fn a_second_held_out_set_places_its_ideas() {
    for (raw, outline, percent) in [
        (
            include_str!("../fixtures/tidy/heldout2/festival-benevoles.txt"),
            include_str!("../fixtures/tidy/heldout2/festival-benevoles.outline.md"),
            96,
        ),
        (
            include_str!("../fixtures/tidy/heldout2/highstreet.txt"),
            include_str!("../fixtures/tidy/heldout2/highstreet.outline.md"),
            85,
        ),
        (
            include_str!("../fixtures/tidy/heldout2/transfrontalier.txt"),
            include_str!("../fixtures/tidy/heldout2/transfrontalier.outline.md"),
            92,
        ),
    ] {
        pdf_list_of(raw, outline, percent);
    }
}

/// The same outlines broken with other seeds of `break_lines.py`, each where one rule is at
/// work: a heading glued to the note before it (by its words, or found by its place when
/// reworded), an agenda item broken before its end, notes glued after a name.
#[test]
fn other_seeds_of_the_same_cafes_place_as_well() {
    for (raw, outline) in [
        (
            include_str!("../fixtures/tidy/seeds/climat-2.txt"),
            include_str!("../fixtures/tidy/climat.outline.md"),
        ),
        (
            include_str!("../fixtures/tidy/seeds/allotments-2.txt"),
            include_str!("../fixtures/tidy/allotments.outline.md"),
        ),
        (
            include_str!("../fixtures/tidy/seeds/tourism-4.txt"),
            include_str!("../fixtures/tidy/tourism.outline.md"),
        ),
        (
            include_str!("../fixtures/tidy/seeds/culture-4.txt"),
            include_str!("../fixtures/tidy/culture.outline.md"),
        ),
        (
            include_str!("../fixtures/tidy/seeds/early-years-12.txt"),
            include_str!("../fixtures/tidy/early-years.outline.md"),
        ),
    ] {
        pdf_list(raw, outline, 90);
    }
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
