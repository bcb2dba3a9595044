//! How well "Find common threads" finds what a facilitator would group: labelled fixtures of our
//! own (`tests/fixtures/threads/`, French and English: paraphrases across tables, and ideas that
//! belong to no thread), scored pairwise. The thresholds are today's scores less a small margin:
//! a change to the words or the grouping that makes them drop fails here.

use cafemap::harvest::threads::labelled::{self, Labelled, Score};
use cafemap::harvest::threads::{Thread, propose};
use cafemap::model::{Cafe, CafeInfo, Node, NodeId, NodeKind};
use std::collections::HashMap;

/// The path of a labelled fixture under `tests/fixtures/threads/`.
macro_rules! threads_fixture {
    ($name:literal) => {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/threads/",
            $name
        )
    };
}

/// Reads a labelled fixture (see `cafemap::harvest::threads::labelled`).
fn read_fixture(text: &str) -> Labelled {
    labelled::read(text).expect("the fixture reads")
}

fn score(fixture: &Labelled, threads: &[Thread]) -> Score {
    labelled::score(fixture, threads).expect("each idea is in one thread at most")
}

/// Prints the proposal with each idea's label, for whoever tunes the rules (`--nocapture`).
fn show(fixture: &Labelled, threads: &[Thread]) {
    let labels: HashMap<NodeId, &str> = fixture
        .labels
        .iter()
        .map(|(id, l)| (*id, l.as_deref().unwrap_or("-")))
        .collect();
    for thread in threads {
        println!("[{}]", thread.label);
        for id in &thread.ideas {
            let text = fixture.cafe.node(*id).map_or("", |n| n.text.as_str());
            println!("    {text}  {{{}}}", labels.get(id).unwrap_or(&"?"));
        }
    }
}

fn check(path: &str, min_precision: f64, min_recall: f64) {
    check_shown(path, min_precision, min_recall, true);
}

/// [`check`], printing the proposal only when `shown`: a held-out café's notes are not printed,
/// so that whoever tunes the rules scores on it without reading it.
fn check_shown(path: &str, min_precision: f64, min_recall: f64, shown: bool) {
    let text = std::fs::read_to_string(path).expect("the fixture is readable");
    let fixture = read_fixture(&text);
    let threads = propose(&fixture.cafe, &[]);
    if shown {
        show(&fixture, &threads);
    }
    let s = score(&fixture, &threads);
    println!("{path}: {s:?}");
    assert!(
        s.precision >= min_precision && s.recall >= min_recall,
        "{path}: {s:?}, expected at least precision {min_precision} and recall {min_recall}"
    );
}

const FRENCH: &str = threads_fixture!("cafe-fr.outline.md");
const ENGLISH: &str = threads_fixture!("cafe-en.outline.md");

#[test]
fn french_fixture_precision_and_recall() {
    // Measured: precision 0.85, recall 0.67 (before the larger lexicon and the table's themes:
    // 0.82, 0.69; without the bundled lexicon: 0.82, 0.54).
    check(FRENCH, 0.82, 0.66);
}

#[test]
fn english_fixture_precision_and_recall() {
    // Measured: precision 0.84, recall 1.00 (without the bundled lexicon: 0.87, 0.81).
    check(ENGLISH, 0.81, 0.97);
}

#[test]
fn every_thread_has_two_ideas_and_a_label_and_cross_table_threads_come_first() {
    let fixture = read_fixture(&std::fs::read_to_string(FRENCH).expect("readable"));
    let threads = propose(&fixture.cafe, &[]);
    assert!(!threads.is_empty());
    let tables = |t: &Thread| {
        let mut tables: Vec<usize> = t
            .ideas
            .iter()
            .filter_map(|&id| fixture.cafe.table_of(id))
            .collect();
        tables.dedup();
        tables.len()
    };
    for pair in threads.windows(2) {
        assert!(tables(&pair[0]) >= tables(&pair[1]), "{threads:#?}");
    }
    for thread in &threads {
        assert!(thread.ideas.len() >= 2, "{thread:?}");
        assert!(!thread.label.trim().is_empty(), "{thread:?}");
    }
    // The same café gives the same proposal.
    assert_eq!(threads, propose(&fixture.cafe, &[]));
}

#[test]
fn synonyms_bring_paraphrases_together() {
    let fixture = read_fixture(&std::fs::read_to_string(FRENCH).expect("readable"));
    let find = |text: &str| {
        fixture
            .labels
            .iter()
            .map(|(id, _)| *id)
            .find(|&id| fixture.cafe.node(id).is_some_and(|n| n.text == text))
            .expect("the idea is in the fixture")
    };
    let migrations = find("Associer les associations issues des migrations");
    let diaspora = find("S’appuyer sur la diaspora présente dans la ville");
    let together = |threads: &[Thread]| {
        threads
            .iter()
            .any(|t| t.ideas.contains(&migrations) && t.ideas.contains(&diaspora))
    };
    assert!(!together(&propose(&fixture.cafe, &[])));
    let synonyms = vec![vec!["diaspora".to_owned(), "migrations".to_owned()]];
    let threads = propose(&fixture.cafe, &synonyms);
    assert!(together(&threads), "{threads:#?}");
}

#[test]
fn the_example_event_has_threads_across_tables() {
    let cafe = cafemap::io::file::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/world-cafe-cooperation.ron"
    )))
    .expect("the example loads");
    let threads = propose(&cafe, &[]);
    assert!(!threads.is_empty());
    for thread in &threads {
        for id in &thread.ideas {
            assert_eq!(
                cafe.node(*id).map(|n| n.kind),
                Some(NodeKind::Idea),
                "threads hold ideas only"
            );
        }
    }
}

#[test]
fn an_empty_cafe_or_empty_notes_make_no_thread() {
    assert!(propose(&Cafe::new(CafeInfo::default()), &[]).is_empty());
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut table = cafe.new_table("?");
    for text in ["", "   ", "les", "de la", "1 2 3"] {
        let id = cafe.alloc_id();
        table
            .insert(Node::new(id, NodeKind::Idea, text), None)
            .expect("an unsorted idea");
    }
    cafe.tables.push(table);
    assert!(propose(&cafe, &[]).is_empty());
}

#[test]
fn the_synthesis_exports_its_references_as_the_originals_read_now() {
    use cafemap::edit::{Edit, apply};
    use cafemap::i18n::Lang;
    use cafemap::io::export::{ExportFormat, ExportOptions, export};
    let mut cafe = cafemap::io::file::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/world-cafe-cooperation.ron"
    )))
    .expect("the example loads");
    // The thread of note 4 (the first idea of the example), whose text is then edited.
    let threads: Vec<Thread> = propose(&cafe, &[])
        .into_iter()
        .filter(|t| t.ideas.contains(&NodeId(4)))
        .collect();
    assert_eq!(threads.len(), 1, "note 4 is in a thread");
    let edit = cafemap::harvest::threads::synthesis_edit(&cafe, "Synthèse", &threads)
        .expect("a synthesis");
    apply(&mut cafe, edit).expect("the synthesis applies");
    apply(
        &mut cafe,
        Edit::SetText {
            table: 0,
            id: NodeId(4),
            text: "Diasporas et jumelages".into(),
        },
    )
    .expect("the original is edited");
    let options = ExportOptions {
        table: Some(3),
        lang: Lang::Fr,
        ..ExportOptions::default()
    };
    let svg =
        String::from_utf8(export(&cafe, ExportFormat::Svg, &options).expect("SVG")).expect("UTF-8");
    // (Wrapped: one <text> per line.)
    assert!(svg.contains("Diasporas"), "the original's new text");
    // On maps the table of origin is the note's badge (T1); text exports spell it out.
    assert!(svg.contains(">T1<"), "its table badge");
    let md = String::from_utf8(export(&cafe, ExportFormat::Markdown, &options).expect("MD"))
        .expect("UTF-8");
    assert!(md.contains("Diasporas et jumelages"), "{md}");
    // The map file keeps the references as they are: ids, and the text they were made with.
    let ron =
        String::from_utf8(export(&cafe, ExportFormat::Ron, &options).expect("RON")).expect("UTF-8");
    assert!(ron.contains("refers_to: 4"), "{ron}");
    let back = cafemap::io::file::from_str(&ron).expect("the map reloads");
    assert_eq!(back, cafe);
}

const FRENCH_PARAPHRASES: &str = threads_fixture!("cafe-fr-vie-locale.outline.md");
const ENGLISH_PARAPHRASES: &str = threads_fixture!("cafe-en-neighbourhood.outline.md");

const FRENCH_HELD_OUT: &str = threads_fixture!("cafe-fr-transition.outline.md");

/// Paraphrases that share no word ("habitants" / "population", "élus" / "conseillers
/// municipaux"): only the bundled lexicon brings them together.
#[test]
fn french_paraphrases_precision_and_recall() {
    // Measured: precision 0.81, recall 0.78 (with the first, small lexicon: 0.43, 0.37).
    check(FRENCH_PARAPHRASES, 0.78, 0.75);
}

#[test]
fn english_paraphrases_precision_and_recall() {
    // Measured: precision 0.71, recall 0.67 (with the first, small lexicon: 0.40, 0.27).
    check(ENGLISH_PARAPHRASES, 0.68, 0.64);
}

/// The café written after the first lexicon and its weight were chosen, scored once with them
/// (precision 0.71, recall 0.53); scored many times since, it is a tuning set like the others.
#[test]
fn held_out_french_cafe_precision_and_recall() {
    // Measured: precision 0.88, recall 0.79.
    check_shown(FRENCH_HELD_OUT, 0.85, 0.76, false);
}

const FRENCH_MOBILITY: &str = threads_fixture!("cafe-fr-mobilite.outline.md");
const ENGLISH_HIGH_STREET: &str = threads_fixture!("cafe-en-high-street.outline.md");

/// Two cafés written by the threads3 helper before any change (first scores, with the small
/// lexicon: precision 0.24, recall 0.13 and 0.22, 0.26), then used to tune the larger lexicon
/// and the weights: no longer unseen.
#[test]
fn french_mobility_paraphrases_precision_and_recall() {
    // Measured: precision 0.50, recall 0.55.
    check(FRENCH_MOBILITY, 0.47, 0.52);
}

#[test]
fn english_high_street_paraphrases_precision_and_recall() {
    // Measured: precision 0.68, recall 0.57.
    check(ENGLISH_HIGH_STREET, 0.65, 0.54);
}

const FRENCH_WASTE: &str = threads_fixture!("cafe-fr-dechets.outline.md");
const ENGLISH_LIBRARY: &str = threads_fixture!("cafe-en-library.outline.md");

/// Two more cafés by the threads3 helper, written after the lexicon and the weights were
/// chosen and scored once with them (waste: precision 0.44, recall 0.25, before the word
/// families were added; library: 0.29, 0.27): the best estimate of an unseen café so far. Their
/// words were mostly outside the lexicon, and distractors share a word with a thread. A few
/// groups of their vocabulary were added to the lexicon since: they are tuning sets now.
#[test]
fn french_waste_cafe_precision_and_recall() {
    // Measured: precision 0.64, recall 0.44.
    check(FRENCH_WASTE, 0.61, 0.41);
}

#[test]
fn english_library_cafe_precision_and_recall() {
    // Measured: precision 0.43, recall 0.40.
    check(ENGLISH_LIBRARY, 0.40, 0.37);
}

const FRENCH_TWINNING: &str = threads_fixture!("cafe-fr-jumelage.outline.md");

/// The last café by the threads3 helper, written when the rules and the lexicon were final and
/// scored once, with nothing changed after: the figure to expect on an unseen café.
#[test]
fn french_twinning_cafe_precision_and_recall() {
    // Measured: precision 0.50, recall 0.31 (main before: 0.30, 0.23).
    check(FRENCH_TWINNING, 0.47, 0.28);
}

/// A café where `first` and `second` were written at one table (`same_table`) or two, under
/// one theme or (`themes`) each under its own, with other notes at a third table.
fn two_notes_cafe(
    first: &str,
    second: &str,
    same_table: bool,
    themes: bool,
) -> (Cafe, [NodeId; 2]) {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut ids = Vec::new();
    for (i, text) in [first, second].into_iter().enumerate() {
        if i == 0 || !same_table {
            let table = cafe.new_table("Comment faire vivre le quartier ?");
            cafe.tables.push(table);
        }
        let theme = cafe.alloc_id();
        let idea = cafe.alloc_id();
        let table = cafe.tables.last_mut().expect("a table");
        let question = table.question();
        let theme_text = if themes {
            format!("Thème {i}")
        } else {
            "Idées".to_owned()
        };
        let parent = match table.node_ids().into_iter().find(|&id| {
            table
                .node(id)
                .is_some_and(|n| n.kind == NodeKind::Theme && n.text == theme_text)
        }) {
            Some(existing) => existing,
            None => {
                table
                    .insert(
                        Node::new(theme, NodeKind::Theme, &theme_text),
                        Some(question),
                    )
                    .expect("a theme");
                theme
            }
        };
        table
            .insert(Node::new(idea, NodeKind::Idea, text), Some(parent))
            .expect("an idea");
        ids.push(idea);
    }
    // Other notes, so that a word of the two is rare in the café.
    let mut table = cafe.new_table("Et encore ?");
    let question = table.question();
    for text in FILLERS {
        let id = cafe.alloc_id();
        table
            .insert(Node::new(id, NodeKind::Idea, text), Some(question))
            .expect("an idea");
    }
    cafe.tables.push(table);
    (cafe, [ids[0], ids[1]])
}

const FILLERS: [&str; 6] = [
    "Des bancs à l'ombre dans le parc",
    "Un site internet tenu à jour",
    "Des pistes cyclables vers l'école",
    "Un repas partagé entre voisins",
    "Former les animateurs bénévoles",
    "Une boîte à livres devant la mairie",
];

fn together(cafe: &Cafe, [a, b]: [NodeId; 2]) -> bool {
    propose(cafe, &[])
        .iter()
        .any(|t| t.ideas.contains(&a) && t.ideas.contains(&b))
}

/// Two notes a table sorted under different themes were judged different there: a word they
/// share does not make them a thread, though it does for the same notes from two tables.
#[test]
fn notes_a_table_put_under_different_themes_are_not_a_thread() {
    let (a, b) = (
        "Un marché de producteurs le samedi",
        "Le marché de Noël attire du monde",
    );
    let (cafe, ids) = two_notes_cafe(a, b, true, true);
    assert!(!together(&cafe, ids));
    let (cafe, ids) = two_notes_cafe(a, b, true, false);
    assert!(together(&cafe, ids), "under one theme");
    let (cafe, ids) = two_notes_cafe(a, b, false, true);
    assert!(together(&cafe, ids), "from two tables");
}

/// A phrase of the lexicon is one unit: "ligne de bus" meets "navette", not "en ligne".
#[test]
fn a_lexicon_phrase_is_read_whole() {
    let bus = "Plus de passages sur la ligne de bus";
    let (cafe, ids) = two_notes_cafe(bus, "Toutes les démarches se font en ligne", false, false);
    assert!(!together(&cafe, ids));
    let (cafe, ids) = two_notes_cafe(bus, "Une navette plus fréquente", false, false);
    assert!(together(&cafe, ids));
}

#[test]
fn the_lexicon_brings_paraphrases_together_and_the_cafe_list_comes_first() {
    let fixture = read_fixture(&std::fs::read_to_string(FRENCH_PARAPHRASES).expect("readable"));
    let find = |text: &str| {
        fixture
            .labels
            .iter()
            .map(|(id, _)| *id)
            .find(|&id| fixture.cafe.node(id).is_some_and(|n| n.text == text))
            .expect("the idea is in the fixture")
    };
    let elders = find("Les personnes âgées isolées ne viennent jamais");
    let seniors = find("Penser aux seniors qui ne se déplacent plus");
    let together = |threads: &[Thread], a: NodeId, b: NodeId| {
        threads
            .iter()
            .any(|t| t.ideas.contains(&a) && t.ideas.contains(&b))
    };
    assert!(together(&propose(&fixture.cafe, &[]), elders, seniors));
    // The café's own list reads "seniors" as something else: it wins over the lexicon.
    let synonyms = vec![vec!["seniors".to_owned(), "cotisants".to_owned()]];
    assert!(!together(
        &propose(&fixture.cafe, &synonyms),
        elders,
        seniors
    ));
}
