use super::*;
use crate::model::NodeKind;

/// Three tables of the Angers café, votes, an action, a hidden note with speaker notes, a
/// contributor, an unsorted note and a synthesis table of references (one to the hidden note).
fn cafe() -> Cafe {
    crate::io::file::from_str(include_str!("../../../tests/fixtures/report.ron"))
        .expect("the report fixture loads")
}

fn report(lang: Lang, partner_safe: bool) -> Report {
    build(&cafe(), &ReportOptions { lang, partner_safe })
}

fn level1(r: &Report) -> Vec<&str> {
    r.outline()
        .into_iter()
        .filter(|(l, _)| *l == 1)
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn sections_come_in_reading_order_in_the_documents_language() {
    let fr = report(Lang::Fr, false);
    assert_eq!(
        level1(&fr),
        [
            "En bref",
            "Table 1",
            "Table 2",
            "Table 3",
            "Synthèse",
            "Actions",
            "Annexe : notes non classées"
        ]
    );
    let en = report(Lang::En, false);
    assert_eq!(level1(&en)[0], "Summary");
    assert!(matches!(
        &en.blocks[0],
        Block::TitlePage(TitlePage { title, details, note: None, .. })
            if title == "World cafés — Restitution des échanges"
                && details.contains(&("Organisers".to_owned(), "Cités Unies France, Région".to_owned()))
                && details.iter().any(|(l, v)| l == "Date" && v == "12 mars 2026")
    ));
}

#[test]
fn every_idea_of_every_table_is_in_the_text_with_its_dots_and_origin() {
    let c = cafe();
    let r = report(Lang::Fr, false);
    let texts = r.texts();
    for table in &c.tables {
        for node in table.nodes().filter(|n| n.kind != NodeKind::Question) {
            let shown = c.shown(node.id).unwrap();
            assert!(
                texts.contains(&shown.text.as_str()),
                "missing: {}",
                shown.text
            );
        }
    }
    assert!(texts.contains(&"● 3 priorité · ● 2 faisable · #action"));
    assert!(texts.contains(&"tour 2 · par Groupe B"));
    assert!(texts.contains(&"responsable : Awa · échéance : 2027-03-31"));
    assert!(texts.contains(&"Note d’animation : Citer l’exemple d’Angers"));
    // In the synthesis, a reference says where its idea was written.
    assert!(texts.contains(&"venue de la table 2"));
}

#[test]
fn partner_safe_leaves_out_notes_names_and_what_is_hidden() {
    let full = report(Lang::Fr, false);
    let safe = report(Lang::Fr, true);
    let hidden = "Faire venir les partenaires en France";
    assert!(full.texts().contains(&hidden));
    let texts = safe.texts();
    assert!(
        !texts.contains(&hidden),
        "the hidden note and its reference are gone"
    );
    assert!(!texts.iter().any(|t| t.contains("Note d’animation")));
    assert!(!texts.iter().any(|t| t.contains("Groupe")));
    assert!(matches!(
        &safe.blocks[0],
        Block::TitlePage(TitlePage { note: Some(_), .. })
    ));
    safe.cafe.validate().unwrap();

    // A hidden question takes its table out, as the presentation skips it.
    let mut c = cafe();
    let q = c.tables[1].question();
    c.tables[1].node_mut(q).unwrap().hidden = true;
    let safe = partner_safe(&c);
    assert_eq!(safe.tables.len(), c.tables.len() - 1);
    assert!(safe.tables.iter().all(|t| t.question() != q));
}

#[test]
fn coverage_matrix_counts_each_threads_ideas_per_table() {
    let r = report(Lang::En, false);
    let grid = r
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Grid(g) if g.header[0] == "Thread" => Some(g),
            _ => None,
        })
        .expect("a coverage matrix");
    assert_eq!(
        grid.header,
        ["Thread", "Table 1", "Table 2", "Table 3", "Total"]
    );
    assert_eq!(grid.rows[0], ["Le lien dans la durée", "3", "·", "1", "4"]);
    assert_eq!(
        grid.rows[1],
        ["Les acteurs du territoire", "1", "1", "1", "3"]
    );
}

#[test]
fn actions_top_ideas_and_annex() {
    let r = report(Lang::En, false);
    let grids: Vec<&Grid> = r
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
        .collect();
    let top = grids[0];
    assert_eq!(
        top.rows[0][1],
        "Appui sur les ONG locales, sur les centres culturels"
    );
    assert_eq!(top.rows[0][3], "● 3 priorité · ● 2 faisable");
    assert_eq!(
        top.rows[1][1],
        "Contractualisation pluriannuelle → sécuriser le projet"
    );
    let actions = grids.last().unwrap();
    assert_eq!(actions.header, ["Action", "Owner", "Due", "Table"]);
    assert_eq!(actions.rows.len(), 2);
    assert_eq!(actions.rows[1][1..], ["Région", "2026-09-30", "Table 3"]);
    let annex = r.outline();
    assert_eq!(annex.last(), Some(&(2, "Table 3")));
    assert!(r.texts().contains(&"Créer un annuaire des élus référents"));
}

#[test]
fn a_cafe_without_tables_still_makes_a_report() {
    let r = build(&Cafe::new(Default::default()), &ReportOptions::default());
    assert_eq!(r.title, "Restitution report");
    // No empty sections: no actions, no annex of unsorted notes.
    assert_eq!(level1(&r), ["Summary"]);
    for format in ReportFormat::ALL {
        assert!(
            !export(&r.cafe, format, &ReportOptions::default())
                .unwrap()
                .is_empty()
        );
    }
}

#[test]
fn lists_nest_by_depth_and_skipped_levels_come_one_down() {
    let item = |depth: usize| Item {
        depth,
        text: depth.to_string(),
        details: Vec::new(),
    };
    let items = [item(2), item(1), item(3), item(0)];
    let shape: String = nest(&items)
        .into_iter()
        .map(|n| match n {
            Nest::OpenList => "[".to_owned(),
            Nest::CloseList => "]".to_owned(),
            Nest::OpenItem(i) => format!("<{}", i.text),
            Nest::CloseItem => ">".to_owned(),
        })
        .collect();
    assert_eq!(shape, "[<2[<1[<3>]>]><0>]");
}

#[test]
fn the_odt_package_starts_with_its_stored_mimetype() {
    let bytes = export(&cafe(), ReportFormat::Odt, &ReportOptions::default()).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0, "stored");
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(
        &bytes[38..38 + MIMETYPE_LEN],
        b"application/vnd.oasis.opendocument.text"
    );
    let text = String::from_utf8_lossy(&bytes);
    for part in [
        "content.xml",
        "styles.xml",
        "META-INF/manifest.xml",
        "Pictures/map-1.png",
    ] {
        assert!(text.contains(part), "{part}");
    }
}

const MIMETYPE_LEN: usize = "application/vnd.oasis.opendocument.text".len();

#[test]
fn formats_follow_the_file_name() {
    assert_eq!(
        ReportFormat::from_path(Path::new("cr.PDF")),
        Some(ReportFormat::Pdf)
    );
    assert_eq!(
        ReportFormat::from_path(Path::new("cr.odt")),
        Some(ReportFormat::Odt)
    );
    assert_eq!(
        ReportFormat::from_path(Path::new("cr.htm")),
        Some(ReportFormat::Html)
    );
    assert_eq!(ReportFormat::from_path(Path::new("cr.docx")), None);
    assert_eq!(ReportFormat::from_path(Path::new("cr")), None);
}
