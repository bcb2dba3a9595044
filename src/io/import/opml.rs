//! OPML 2.0 outlines (outliners, mind-map apps, and our own OPML export): each top-level
//! `<outline>` of the body is a table's question, its children themes, deeper ones ideas.
//!
//! Our export's extra attributes are read back: `_color`, `_note`, `_kind="idea"` (an idea
//! hanging directly off the question) and `_unsorted="true"` (the unsorted tray), and the
//! harvest: `_votes`, `_tags`, `_round`, `_contributor`, `_owner`, `_due`, `_origin_table` and
//! `_dot_kinds` (see [`super::marks`] for their values); a synthesis reference's `_refers_to`
//! (the `_id` of its original); the head's `<_subtitle>` and the café's details
//! ([`super::details`]).

use super::Imported;
use super::details;
use super::marks;
use super::outline::{Builder, Hint, MAX_DEPTH, Outline, too_deep};
use super::xml::{self, Element};
use crate::io::FileError;
use crate::model::{Cafe, CafeInfo};

pub fn parse(text: &str) -> Result<Imported, FileError> {
    let root = xml::parse_root(text, "opml", "an OPML file")?;
    let info = CafeInfo::default();
    let mut b = Builder::new(Cafe::new(info));
    if let Some(head) = root.elements_named("head").next() {
        for e in head.elements() {
            let text = element_text(e);
            match e.name.as_str() {
                "title" => b.cafe.info.title = text.trim().to_owned(),
                "_subtitle" => b.cafe.info.subtitle = text.trim().to_owned(),
                name => {
                    let ours = name
                        .strip_prefix('_')
                        .is_some_and(|n| details::set(&mut b.cafe, n, &text));
                    if !ours && name.starts_with('_') {
                        b.skipped
                            .count("unknown element skipped", "unknown elements skipped");
                    }
                }
            }
        }
    }
    let Some(body) = root.elements_named("body").next() else {
        return Err(FileError::new("the OPML file has no <body>"));
    };
    for e in body.elements() {
        if e.name == "outline" {
            let o = outline(e, 0, &mut b)?;
            b.add_table(o);
        } else {
            b.skipped
                .count("unknown element skipped", "unknown elements skipped");
        }
    }
    Ok(b.finish())
}

fn element_text(e: &Element) -> String {
    e.children
        .iter()
        .filter_map(|c| match c {
            xml::Content::Text(t) => Some(t.as_str()),
            xml::Content::Element(_) => None,
        })
        .collect()
}

fn outline(e: &Element, depth: usize, b: &mut Builder) -> Result<Outline, FileError> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    let mut o = Outline::new(e.attr("text").unwrap_or_default());
    let mut notes: Vec<String> = Vec::new();
    for (k, v) in &e.attrs {
        match k.as_str() {
            "text" => {}
            "_note" | "description" => notes.push(v.clone()),
            "url" | "htmlUrl" | "xmlUrl" => notes.push(v.clone()),
            "_color" => o.color = b.color(v),
            "_unsorted" if v == "true" => o.hint = Hint::UnsortedTray,
            "_kind" if v == "idea" => o.hint = Hint::Idea,
            "_unsorted" | "_kind" => {}
            "_votes" | "_round" | "_origin_table" | "_dot_kinds" => {
                let h = &mut o.harvest;
                let read = match k.as_str() {
                    "_votes" => marks::read_votes(v, &mut b.cafe.dot_kinds).map(|x| h.votes = x),
                    "_round" => marks::read_number(v).map(|r| h.round = Some(r)),
                    "_origin_table" => marks::read_number(v).map(|t| h.origin_table = Some(t)),
                    _ => marks::read_dot_kinds(v, &mut b.cafe.dot_kinds),
                };
                if read.is_none() {
                    b.skipped.count(
                        "unreadable harvest attribute skipped",
                        "unreadable harvest attributes skipped",
                    );
                }
            }
            "_tags" => o.harvest.tags = marks::read_tags(v),
            "_contributor" => o.harvest.contributor = v.clone(),
            "_id" => o.key = Some(v.clone()),
            "_refers_to" => o.refers_to = Some(v.clone()),
            "_owner" => o.harvest.owner = v.clone(),
            "_due" => o.harvest.due = v.clone(),
            // Bookkeeping of other outliners: nothing a reader of the map would miss.
            "created" | "type" | "isComment" | "isBreakpoint" | "_status" => {}
            _ => b
                .skipped
                .count("OPML attribute skipped", "OPML attributes skipped"),
        }
    }
    o.note = notes.join("\n");
    for c in e.elements() {
        if c.name == "outline" {
            o.children.push(outline(c, depth + 1, b)?);
        } else {
            b.skipped
                .count("unknown element skipped", "unknown elements skipped");
        }
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NoteColor, Paper};

    #[test]
    fn reads_tables_flags_and_colours() {
        let opml = r##"<?xml version="1.0"?>
<opml version="2.0"><head><title>Café &amp; co</title></head><body>
  <outline text="Q1">
    <outline text="T" _color="sky"><outline text="i1" _note="said twice" _votes="4" _tags="jeunesse;action" _round="2" _owner="Awa" _due="2026-03-31" _contributor="Groupe B"/></outline>
    <outline text="direct" _kind="idea"/>
    <outline text="Unsorted" _unsorted="true"><outline text="loose"/></outline>
  </outline>
  <outline text="Q2" created="x" foo="bar"/>
</body></opml>"##;
        let imp = parse(opml).unwrap();
        let c = &imp.cafe;
        assert_eq!(c.info.title, "Café & co");
        assert_eq!(c.counts(), (2, 1, 3));
        let t = &c.tables[0];
        let theme = t.themes()[0];
        assert_eq!(
            t.node(theme).and_then(|n| n.color),
            Some(NoteColor::Palette(Paper::Sky))
        );
        let i1 = t.children(theme)[0];
        let n = t.node(i1).unwrap();
        assert_eq!(n.note, "said twice");
        assert_eq!(
            (n.votes.of(0), n.tags.len(), n.origin.round),
            (4, 2, Some(2))
        );
        assert_eq!((n.owner.as_str(), n.due.as_str()), ("Awa", "2026-03-31"));
        assert_eq!(n.origin.contributor, "Groupe B");
        assert_eq!(t.unsorted().len(), 1);
        assert_eq!(imp.skipped, ["1 OPML attribute skipped"]);
    }

    #[test]
    fn refuses_other_xml() {
        assert!(parse("<map/>").unwrap_err().reason.contains("not an OPML"));
    }
}
