use super::*;
use crate::geom::Point;
use crate::layout::arrange_cafe;
use crate::model::{CafeInfo, DotKind, Node, Votes};

const TRICKY: &str = "Sécurité & <confiance> « ensemble » \"cités\" l'œuvre </script><!--";

/// Two tables, a theme with ideas (one tricky, one voted and tagged), a nested idea, an
/// unsorted note, arranged as after an import.
fn cafe() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Restitution </script> & co".into(),
        subtitle: "Angers".into(),
        ..CafeInfo::default()
    });
    cafe.dot_kinds = vec![
        DotKind {
            name: "priorité".into(),
            color: Rgb(0x20, 0x80, 0x30),
        },
        DotKind {
            name: "réserve".into(),
            color: Rgb(0xC0, 0x30, 0x30),
        },
    ];
    let mut t = cafe.new_table("Comment faire perdurer les relations ?");
    let q = t.question();
    // A node of that kind and text, with the next id, under `parent`.
    let add = |t: &mut Table, kind: NodeKind, text: &str, parent: Option<NodeId>| {
        let id = cafe.alloc_id();
        t.insert(Node::new(id, kind, text), parent).unwrap();
        id
    };
    let theme = add(&mut t, NodeKind::Theme, "Maintien du lien", Some(q));
    add(&mut t, NodeKind::Idea, TRICKY, Some(theme));
    let voted = cafe.alloc_id();
    let mut node = Node::new(voted, NodeKind::Idea, "Évènements partagés");
    node.votes = Votes::from_counts(&[3, 1]);
    node.tags = vec!["budget".into()];
    t.insert(node, Some(theme)).unwrap();
    add(&mut t, NodeKind::Idea, "Une fois par an", Some(voted));
    let loose = cafe.alloc_id();
    t.insert(
        Node::new(loose, NodeKind::Idea, "Idée pas encore classée").at(Point::new(-900.0, 0.0)),
        None,
    )
    .unwrap();
    cafe.tables.push(t);
    let t2 = cafe.new_table("Et demain ?");
    cafe.tables.push(t2);
    arrange_cafe(&mut cafe);
    cafe
}

fn html(cafe: &Cafe) -> String {
    html_with(cafe, |_| {})
}

/// The page with the default options but what `set` changes.
fn html_with(cafe: &Cafe, set: impl FnOnce(&mut ExportOptions)) -> String {
    let mut options = ExportOptions::default();
    set(&mut options);
    String::from_utf8(export(cafe, &options).unwrap()).unwrap()
}

#[test]
fn the_page_fetches_nothing() {
    // The SVG namespace is a name, not an address.
    let page = html(&cafe()).replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for outside in [
        "http:",
        "https:",
        "src=",
        "url(",
        "@import",
        "<link",
        "fetch(",
        "XMLHttpRequest",
        "import(",
    ] {
        assert!(
            !page.contains(outside),
            "the page refers to something outside: {outside}"
        );
    }
    assert_eq!(
        page.matches("<script").count(),
        2,
        "the data and the inline script"
    );
}

#[test]
fn every_text_is_there_escaped_and_nothing_closes_the_script() {
    let cafe = cafe();
    let page = html(&cafe);
    let escaped = esc(TRICKY);
    assert!(escaped.contains("&lt;/script&gt;"));
    assert!(page.contains(&escaped), "the list holds the text escaped");
    for table in &cafe.tables {
        for id in table.node_ids() {
            let text = &table.node(id).unwrap().text;
            assert!(page.contains(&esc(text)), "{text} is in the page");
        }
    }
    // Only the page's own script elements close; the data escapes every `<`.
    assert_eq!(page.matches("</script>").count(), 2);
    let start = page.find("id=\"cafemap-data\">").unwrap();
    let data = &page[start..page[start..].find("</script>").unwrap() + start];
    assert!(!data[1..].contains('<'));
    assert!(!page.contains("<!--"));
}

#[test]
fn without_script_every_map_and_list_is_in_the_markup() {
    let cafe = cafe();
    let page = html(&cafe);
    assert_eq!(page.matches("<section class=\"table\"").count(), 2);
    assert_eq!(page.matches("<svg ").count(), 2);
    assert!(
        page.contains("<a href=\"#table-1\""),
        "tabs are links to the sections"
    );
    assert!(
        page.contains("<div class=\"tools\" hidden>"),
        "tools need the script"
    );
    assert!(page.contains("<meta name=\"viewport\""));
    // The tree as nested lists, ending balanced.
    assert_eq!(page.matches("<ul>").count(), page.matches("</ul>").count());
    assert_eq!(page.matches("<li ").count(), page.matches("</li>").count());
    assert!(page.contains("<h3 class=\"unsorted\">Unsorted</h3>"));
    // Votes per dot kind and tags in the list.
    assert!(page.contains("style=\"--dot:#208030\" title=\"3 dots (priorité)\">3</span>"));
    assert!(page.contains("title=\"1 dot (réserve)\">1</span>"));
    assert!(page.contains("<span class=\"tag\">#budget</span>"));
}

#[test]
fn steps_and_search_texts_are_embedded_as_data() {
    let cafe = cafe();
    let page = html(&cafe);
    let start = page.find("id=\"cafemap-data\">").unwrap() + "id=\"cafemap-data\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    let seq = Sequence::new(&cafe);
    assert_eq!(data["steps"].as_array().unwrap().len(), seq.len());
    assert_eq!(
        data["steps"][0]["table"],
        serde_json::Value::Null,
        "the title"
    );
    assert_eq!(data["steps"][1]["revealed"], 1, "then the question alone");
    let find = data["tables"][0]["find"].as_array().unwrap();
    assert!(find.iter().any(|e| {
        e[1].as_str()
            .unwrap()
            .contains("evenements partages\n#budget")
    }));
    assert!(
        find.iter()
            .any(|e| e[1].as_str().unwrap().contains("</script>")),
        "folded text round-trips through the escaped JSON"
    );
}

#[test]
fn same_document_same_bytes_and_french_words() {
    let cafe = cafe();
    assert_eq!(html(&cafe), html(&cafe));
    let fr = html_with(&cafe, |o| o.lang = crate::i18n::Lang::Fr);
    for part in [
        "<html lang=\"fr\">",
        "Non classées",
        "3 gommettes (priorité)",
    ] {
        assert!(fr.contains(part), "{part}");
    }
}

#[test]
fn one_table_or_none() {
    let cafe = cafe();
    let one = html_with(&cafe, |o| o.table = Some(1));
    assert_eq!(one.matches("<section class=\"table\"").count(), 1);
    assert!(one.contains("id=\"table-2\""));
    let empty = html(&Cafe::new(CafeInfo::default()));
    assert!(empty.contains("This café has no table yet."));
    assert!(empty.contains("<title>World Café</title>"));
}
