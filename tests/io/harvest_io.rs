//! The harvest (votes per dot kind, tags, rounds, contributors, actions, where an idea came from)
//! in the files partners open: Freeplane and OPML carry all of it and give it back, CSV has the
//! columns spreadsheets and scripts rely on, Markdown shows dots and tags, and typed notes bring
//! it in from the marks a facilitator types.

use cafemap::io::export::{self, ExportFormat, ExportOptions, walk};
use cafemap::io::file;
use cafemap::io::import::{self, freemind, opml};
use cafemap::model::{Cafe, DotKind, NodeId, NodeKind, Rgb, Votes};
use std::path::Path;

const FORMAT_3: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/formats/format-3.ron"
);

/// The format-3 fixture (two named dot kinds, an action with owner and due date) with more of the
/// harvest: votes of both kinds, tags on a theme, rounds, a contributor, an idea written at
/// table 2 and moved to table 1.
fn harvested() -> Cafe {
    let mut cafe = file::load(Path::new(FORMAT_3)).expect("the fixture loads");
    let from_table_2 = cafe.tables[1].question();
    let t = &mut cafe.tables[0];
    let theme = t.themes()[0];
    let ideas = t.children(theme);
    if let Some(n) = t.node_mut(theme) {
        n.tags = vec!["mobilité".into()];
    }
    for (i, id) in ideas.iter().enumerate() {
        let Some(n) = t.node_mut(*id) else { continue };
        let i = u32::try_from(i).unwrap();
        if n.votes.is_empty() {
            n.votes = Votes::from_counts(&[i % 3, i % 2]);
        }
        n.origin.round = n.origin.round.or(Some(1 + i % 3));
        n.tags.push(format!("thème-{i}"));
    }
    let moved = ideas[1];
    if let Some(n) = t.node_mut(moved) {
        n.origin.table = Some(from_table_2);
        n.origin.contributor = "Table « jeunes » ; groupe 2".into();
    }
    cafe.validate().unwrap();
    cafe
}

/// Every node's harvest, table by table in reading order, with the table an idea came from by
/// index (ids differ after an import).
fn harvest(cafe: &Cafe) -> Vec<String> {
    let mut rows = Vec::new();
    for (i, t) in cafe.tables.iter().enumerate() {
        let mut ids: Vec<NodeId> = walk(t, t.question())
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for u in export::reading_order(t, &t.unsorted()) {
            ids.extend(walk(t, u).into_iter().map(|(id, _)| id));
        }
        for id in ids {
            let Some(n) = t.node(id) else { continue };
            rows.push(format!(
                "table {i} {:?} votes={:?} tags={:?} round={:?} by={:?} owner={:?} due={:?} from={:?}",
                n.text,
                n.votes.counts(),
                n.tags,
                n.origin.round,
                n.origin.contributor,
                n.owner,
                n.due,
                cafe.origin_table(id),
            ));
        }
    }
    rows
}

fn export_str(cafe: &Cafe, format: ExportFormat) -> String {
    let bytes = export::export(cafe, format, &ExportOptions::default()).expect("export");
    String::from_utf8(bytes).expect("exports are UTF-8")
}

fn via_ron(cafe: &Cafe) -> Cafe {
    file::from_str(&file::to_string(cafe)).expect("our own file reads back")
}

#[test]
fn ron_to_freeplane_and_back_keeps_the_harvest() {
    let cafe = harvested();
    let mm = export_str(&cafe, ExportFormat::FreeMind);
    assert!(
        mm.contains(r#"<attribute NAME="votes" VALUE="priorit&#xe9;:3;faisable:2"/>"#),
        "votes by kind name"
    );
    assert!(mm.contains(
        r#"<attribute NAME="dot_kinds" VALUE="priorit&#xe9; #e0457b;faisable #2e9d5b"/>"#
    ));
    assert!(mm.contains(r#"<attribute NAME="owner" VALUE="Awa"/>"#));
    assert!(mm.contains(r#"<attribute NAME="origin_table" VALUE="2"/>"#));
    let back = freemind::parse(&mm).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    let back = via_ron(&back.cafe);
    assert_eq!(back.dot_kinds, cafe.dot_kinds, "names and colours");
    assert_eq!(harvest(&back), harvest(&cafe));
}

#[test]
fn ron_to_opml_and_back_keeps_the_harvest() {
    let cafe = harvested();
    let xml = export_str(&cafe, ExportFormat::Opml);
    assert!(xml.contains(r#"_votes="priorité:3;faisable:2""#), "{xml}");
    assert!(xml.contains(r#"_round="2""#));
    let back = opml::parse(&xml).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    let back = via_ron(&back.cafe);
    assert_eq!(back.dot_kinds, cafe.dot_kinds);
    assert_eq!(harvest(&back), harvest(&cafe));
}

#[test]
fn one_table_exports_keep_its_harvest() {
    let cafe = harvested();
    let one = ExportOptions {
        table: Some(0),
        ..ExportOptions::default()
    };
    for format in [ExportFormat::FreeMind, ExportFormat::Opml] {
        let bytes = export::export(&cafe, format, &one).unwrap();
        let path = Path::new(if format == ExportFormat::Opml {
            "t.opml"
        } else {
            "t.mm"
        });
        let back = import::import_bytes(path, &bytes).unwrap().cafe;
        assert_eq!(back.dot_kinds, cafe.dot_kinds);
        let t = &back.tables[0];
        let votes: u32 = t
            .node_ids()
            .into_iter()
            .filter_map(|id| t.node(id))
            .map(|n| n.votes.total())
            .sum();
        let expected: u32 = cafe.tables[0]
            .node_ids()
            .into_iter()
            .filter_map(|id| cafe.tables[0].node(id))
            .map(|n| n.votes.total())
            .sum();
        assert_eq!(votes, expected, "{format:?}");
        // The table the moved idea came from is not in a one-table file: it is on this one now.
        assert!(
            t.node_ids()
                .into_iter()
                .filter_map(|id| t.node(id))
                .all(|n| n.origin.table.is_none())
        );
    }
}

/// Splits one CSV record (the test's own reader: quoted fields, doubled quotes).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn csv_starts_with_the_fixed_columns_and_writes_the_harvest() {
    let cafe = harvested();
    let csv = export_str(&cafe, ExportFormat::Csv);
    let mut lines = csv.trim_start_matches('\u{feff}').split("\r\n");
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("table,question,theme,idea,votes,tags,round,contributor,owner,due,"),
        "{header}"
    );
    let columns = fields(header);
    let col = |name: &str| columns.iter().position(|c| c == name).unwrap();
    let rows: Vec<Vec<String>> = lines
        .filter(|l| !l.is_empty())
        .map(fields)
        .inspect(|r| assert_eq!(r.len(), columns.len(), "{r:?}"))
        .collect();
    let (_, _, ideas) = cafe.counts();
    assert_eq!(rows.len(), ideas);
    let action = rows
        .iter()
        .find(|r| r[col("idea")].starts_with("Appui sur les ONG"))
        .unwrap();
    assert_eq!(action[col("table")], "1");
    assert_eq!(action[col("votes")], "priorité:3;faisable:2");
    assert_eq!(action[col("tags")], "action;thème-0");
    assert_eq!(action[col("round")], "2");
    assert_eq!(action[col("contributor")], "Groupe B");
    assert_eq!(
        (action[col("owner")].as_str(), action[col("due")].as_str()),
        ("Awa", "2027-03-31")
    );
    assert_eq!(action[col("origin_table")], "1");
    let moved = rows
        .iter()
        .find(|r| r[col("contributor")].starts_with("Table « jeunes »"))
        .unwrap();
    assert_eq!(
        (
            moved[col("table")].as_str(),
            moved[col("origin_table")].as_str()
        ),
        ("1", "2")
    );

    // A café without named kinds writes a plain count.
    let mut plain = harvested();
    plain.dot_kinds.clear();
    for t in &mut plain.tables {
        for id in t.node_ids() {
            if let Some(n) = t.node_mut(id) {
                n.votes = Votes::single(n.votes.total());
            }
        }
    }
    let csv = export_str(&plain, ExportFormat::Csv);
    assert!(
        csv.contains("sur les centres culturels\",5,\"action;"),
        "{csv}"
    );
}

#[test]
fn csv_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("idées.csv");
    crate::common::cli::cafemap_ok(&[
        std::ffi::OsStr::new("export"),
        FORMAT_3.as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with(
        "\u{feff}table,question,theme,idea,votes,tags,round,contributor,owner,due,origin_table,colour\r\n"
    ));
    assert!(
        csv.contains("\"priorité:3;faisable:2\",action,2,Groupe B,Awa,2027-03-31,1,"),
        "{csv}"
    );
}

#[test]
fn markdown_shows_dots_and_tags_and_reads_them_back() {
    let mut cafe = harvested();
    // Markdown counts all dots as one kind.
    cafe.dot_kinds.clear();
    for t in &mut cafe.tables {
        for id in t.node_ids() {
            if let Some(n) = t.node_mut(id) {
                n.votes = Votes::single(n.votes.total());
                n.origin = Default::default();
            }
        }
    }
    let md = export_str(&cafe, ExportFormat::Markdown);
    assert!(
        md.contains("culturels #action #thème-0 @Awa (due 2027-03-31) ●●●●●\n"),
        "{md}"
    );
    let back = import::markdown::parse(&md).unwrap().cafe;
    assert_eq!(harvest(&back), harvest(&cafe));
}

#[test]
fn typed_notes_bring_rounds_tags_and_votes() {
    let text = "Tour 1\n\nDes bancs partout +2\n\nUn jardin partagé #jeunesse ●●●\n\n\
                2e tour\n\n#action Écrire à la mairie @Awa (avant le 31/03)\n";
    let cafe = import::import_bytes(Path::new("Table 3.txt"), text.as_bytes())
        .unwrap()
        .cafe;
    let t = &cafe.tables[0];
    let notes: Vec<_> = t
        .unsorted()
        .into_iter()
        .filter_map(|id| t.node(id))
        .map(|n| (n.text.as_str(), n.votes.total(), n.origin.round))
        .collect();
    assert_eq!(
        notes,
        [
            ("Des bancs partout", 2, Some(1)),
            ("Un jardin partagé", 3, Some(1)),
            ("Écrire à la mairie", 0, Some(2)),
        ]
    );
    let action = t
        .unsorted()
        .into_iter()
        .filter_map(|id| t.node(id))
        .find(|n| n.is_action())
        .unwrap();
    assert_eq!(
        (action.owner.as_str(), action.due.as_str()),
        ("Awa", "31/03")
    );
}

mod round_trips {
    use super::*;
    use proptest::prelude::*;

    /// One idea's harvest: votes per kind, tags, round, contributor, owner (its reverse is the
    /// due date).
    type Values = (Vec<u32>, Vec<String>, Option<u32>, String, String);

    /// Harvest values for the fixture's ideas: votes of up to three named kinds, tags, round,
    /// contributor, owner and due date with any printable text.
    fn values() -> impl Strategy<Value = Vec<Values>> {
        prop::collection::vec(
            (
                prop::collection::vec(0u32..40, 0..=3),
                prop::collection::btree_set("[a-zà-ÿ][a-zà-ÿ0-9_-]{0,7}", 0..3),
                prop::option::of(1u32..6),
                "\\PC{0,10}",
                "\\PC{0,10}",
            ),
            1..12,
        )
        .prop_map(|v| {
            v.into_iter()
                .map(|(votes, tags, round, by, owner)| {
                    (votes, tags.into_iter().collect(), round, by, owner)
                })
                .collect()
        })
    }

    fn apply(values: &[Values]) -> Cafe {
        let mut cafe = file::load(Path::new(FORMAT_3)).unwrap();
        cafe.dot_kinds.push(DotKind {
            name: "réserve".into(),
            color: Rgb(1, 2, 3),
        });
        let mut i = 0;
        for t in &mut cafe.tables {
            for id in t.node_ids() {
                let Some(n) = t.node_mut(id).filter(|n| n.kind == NodeKind::Idea) else {
                    continue;
                };
                let Some((votes, tags, round, by, owner)) = values.get(i) else {
                    return cafe;
                };
                n.votes = Votes::from_counts(votes);
                n.tags = tags.clone();
                n.origin.round = *round;
                n.origin.contributor = by.trim().to_owned();
                n.owner = owner.trim().to_owned();
                n.due = owner.chars().rev().collect::<String>().trim().to_owned();
                i += 1;
            }
        }
        cafe
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn freeplane_and_opml_give_the_harvest_back(values in values()) {
            let cafe = apply(&values);
            for format in [ExportFormat::FreeMind, ExportFormat::Opml] {
                let text = export_str(&cafe, format);
                let back = match format {
                    ExportFormat::FreeMind => freemind::parse(&text),
                    _ => opml::parse(&text),
                }
                .unwrap();
                prop_assert!(back.skipped.is_empty(), "{:?}", back.skipped);
                prop_assert_eq!(&back.cafe.dot_kinds, &cafe.dot_kinds);
                prop_assert_eq!(harvest(&back.cafe), harvest(&cafe));
            }
        }
    }
}
