//! Freeplane / FreeMind map (`.mm`).
//!
//! The root is the event title with one child per table (its question, tagged with the node
//! attribute `table` = its number); with `--table`, the root is that table's question. Only the
//! root's children say which side of it they go (`POSITION`, as the format defines it: tables
//! alternate, a lone table's themes take the side of the question they sit on). Themes and
//! ideas follow in reading order, with
//! the colour it is drawn with as `BACKGROUND_COLOR` and a readable text `COLOR`. Speaker notes
//! become Freeplane notes, cross-links arrow links, the subtitle the root's details. Unsorted
//! ideas hang under a node tagged `unsorted`; an idea directly under the question is tagged
//! `kind` = `idea`. The harvest is written as node attributes, which Freeplane shows under the
//! node, filters and sorts on: `votes` (`3`, or `priorité:3;faisable:1` by dot kind), `tags`
//! (`;`-separated), `round`, `contributor`, `owner`, `due` and `origin_table` (the number of the
//! table an idea was written at, when not the one it is on); each question carries the café's
//! `dot_kinds` (`priorité #d55e00;…`). A synthesis reference links to its original (`LINK` =
//! `#ID_…`, which Freeplane follows on a click) and names it in the attribute `refers_to`. The
//! root carries the café's details as attributes (`date`, `place`, `facilitators`,
//! `organisers`, `synonyms`: see [`details`]). Our importer reads all of this back.
//!
//! The version string `freeplane 1.5.9` marks the map as Freeplane's own format, at a version
//! every current Freeplane reads as is. Text outside ASCII is written as character references,
//! as FreeMind and Freeplane do themselves, so any reader gets the accents right.

use super::xml::{self, Charset, Item};
use super::{ExportOptions, selected_tables};
use crate::io::FileError;
use crate::io::import::details;
use crate::io::import::freemind::{
    ATTR_CONTRIBUTOR, ATTR_DOT_KINDS, ATTR_DUE, ATTR_KIND, ATTR_ORIGIN_TABLE, ATTR_OWNER,
    ATTR_REFERS_TO, ATTR_ROUND, ATTR_TABLE, ATTR_TAGS, ATTR_UNSORTED, ATTR_VOTES,
};
use crate::io::import::marks::{dot_kinds_value, tags_value, votes_value};
use crate::model::{Cafe, NodeId, NodeKind, Rgb, Table};
use crate::render;
use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use std::collections::HashMap;
use std::io;

const VERSION: &str = "freeplane 1.5.9";
const CS: Charset = Charset::Ascii;

pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    let unsorted = xml::unsorted_label(options.lang);
    xml::document(1, "the map", |w| {
        write(w, cafe, &tables, options.table.is_some(), &unsorted)
    })
}

fn write(
    w: &mut Writer<Vec<u8>>,
    cafe: &Cafe,
    tables: &[(usize, &Table)],
    single: bool,
    unsorted: &str,
) -> io::Result<()> {
    w.write_event(Event::Start(xml::start("map", &[("version", VERSION)], CS)))?;
    w.write_event(Event::Comment(BytesText::from_escaped(
        "To view this file, download free mind mapping software Freeplane from https://www.freeplane.org ",
    )))?;
    if !single {
        w.write_event(Event::Start(xml::start(
            "node",
            &[("TEXT", &cafe.info.title), ("ID", "ID_0")],
            CS,
        )))?;
        if !cafe.info.subtitle.is_empty() {
            richcontent(w, "DETAILS", &cafe.info.subtitle)?;
        }
        for (name, value) in details::of(cafe) {
            let e = xml::start("attribute", &[("NAME", name), ("VALUE", &value)], CS);
            w.write_event(Event::Empty(e))?;
        }
    }
    for &(index, table) in tables {
        // Colours for the whole table at once (one walk up per node is quadratic on a chain).
        let branches = render::Branches::of(table);
        // Cross-links by their source, gathered once (asking the table per node is quadratic).
        let mut links: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        for (from, to) in table.links() {
            links.entry(from).or_default().push(to);
        }
        let items = xml::table_items(table);
        let q = table.question();
        let q_pos = table.question_node().pos;
        xml::write_nested(w, &items, "node", |w, item, has_children| {
            let (tag, inner) = match item {
                Item::Tray => {
                    let id = format!("ID_unsorted_{}", q.0);
                    let mut attrs = vec![("TEXT", unsorted), ("ID", id.as_str())];
                    // The tray hangs off the question: a first-level node only with `--table`.
                    if single {
                        let tray_x = crate::layout::tray_rect(table).center().x;
                        attrs.push(("POSITION", if tray_x < q_pos.x { "left" } else { "right" }));
                    }
                    let tag = xml::start("node", &attrs, CS);
                    (
                        tag,
                        vec![Inner::Attribute(ATTR_UNSORTED, "true".to_owned())],
                    )
                }
                Item::Node(id) => {
                    let links = links.get(&id).map_or(&[][..], Vec::as_slice);
                    node_tag(cafe, table, &branches, links, id, index, single)
                }
            };
            let open = has_children || !inner.is_empty();
            w.write_event(if open {
                Event::Start(tag)
            } else {
                Event::Empty(tag)
            })?;
            for i in inner {
                match i {
                    Inner::Attribute(name, value) => {
                        let e = xml::start("attribute", &[("NAME", name), ("VALUE", &value)], CS);
                        w.write_event(Event::Empty(e))?;
                    }
                    Inner::Note(text) => richcontent(w, "NOTE", &text)?,
                    Inner::Link(to) => {
                        let dest = format!("ID_{}", to.0);
                        w.write_event(Event::Empty(xml::start(
                            "arrowlink",
                            &[("DESTINATION", &dest)],
                            CS,
                        )))?;
                    }
                }
            }
            Ok(open)
        })?;
    }
    if !single {
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("map")))
}

/// What goes inside a node element before its children.
enum Inner {
    Attribute(&'static str, String),
    Note(String),
    Link(NodeId),
}

fn node_tag(
    cafe: &Cafe,
    table: &Table,
    branches: &render::Branches,
    links: &[NodeId],
    id: NodeId,
    index: usize,
    single: bool,
) -> (BytesStart<'static>, Vec<Inner>) {
    let mut inner = Vec::new();
    let Some(n) = table.node(id) else {
        return (BytesStart::new("node"), inner);
    };
    let q = table.question();
    let mut attrs: Vec<(&'static str, String)> =
        vec![("TEXT", n.text.clone()), ("ID", format!("ID_{}", id.0))];
    if id == q {
        if !single {
            // Tables alternate around the event title.
            attrs.push((
                "POSITION",
                if index.is_multiple_of(2) {
                    "right"
                } else {
                    "left"
                }
                .to_owned(),
            ));
            inner.push(Inner::Attribute(ATTR_TABLE, (index + 1).to_string()));
        }
    } else if table.parent(id) == Some(q) {
        // Freeplane reads `POSITION` on the root's children as their side, and anywhere deeper
        // as "switch side here", which put whole branches on top of the root: only a table
        // exported alone has its themes at the first level.
        if single {
            let side = if n.pos.x < table.question_node().pos.x {
                "left"
            } else {
                "right"
            };
            attrs.push(("POSITION", side.to_owned()));
        }
        if n.kind == NodeKind::Idea {
            inner.push(Inner::Attribute(ATTR_KIND, "idea".to_owned()));
        }
    }
    if let Some(original) = n.refers_to {
        // Freeplane follows a `#ID` link to the node; the attribute is what our importer reads.
        attrs.push(("LINK", format!("#ID_{}", original.0)));
        inner.push(Inner::Attribute(
            ATTR_REFERS_TO,
            format!("ID_{}", original.0),
        ));
    }
    if n.folded && !table.children(id).is_empty() {
        attrs.push(("FOLDED", "true".to_owned()));
    }
    if let Some((fill, text)) = colours(branches, table, id) {
        attrs.push(("BACKGROUND_COLOR", fill.hex()));
        attrs.push(("COLOR", text.hex()));
    }
    harvest_attributes(cafe, table, index, id, &mut inner);
    if !n.note.is_empty() {
        inner.push(Inner::Note(n.note.clone()));
    }
    inner.extend(links.iter().map(|&to| Inner::Link(to)));
    let pairs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    (xml::start("node", &pairs, CS).into_owned(), inner)
}

/// The harvest of a node as attributes, those it has only; the café's dot kinds on a question.
fn harvest_attributes(
    cafe: &Cafe,
    table: &Table,
    index: usize,
    id: NodeId,
    inner: &mut Vec<Inner>,
) {
    let Some(n) = table.node(id) else { return };
    if id == table.question() && !cafe.dot_kinds.is_empty() {
        inner.push(Inner::Attribute(
            ATTR_DOT_KINDS,
            dot_kinds_value(&cafe.dot_kinds),
        ));
    }
    let origin = cafe
        .written_elsewhere(n, index)
        .map(|t| (t + 1).to_string());
    let values = [
        (ATTR_VOTES, votes_value(&n.votes, &cafe.dot_kinds)),
        (ATTR_TAGS, tags_value(&n.tags)),
        (
            ATTR_ROUND,
            n.origin.round.map(|r| r.to_string()).unwrap_or_default(),
        ),
        (ATTR_CONTRIBUTOR, n.origin.contributor.clone()),
        (ATTR_OWNER, n.owner.clone()),
        (ATTR_DUE, n.due.clone()),
        (ATTR_ORIGIN_TABLE, origin.unwrap_or_default()),
    ];
    for (name, value) in values {
        if !value.is_empty() {
            inner.push(Inner::Attribute(name, value));
        }
    }
}

/// Fill and text colour as CaféMap draws the node, so the map looks the same in Freeplane:
/// the question's fill, the theme's colour, an idea's pale paper. An idea with a colour of its
/// own is written with that colour, so that it reads back exactly.
fn colours(branches: &render::Branches, table: &Table, id: NodeId) -> Option<(Rgb, Rgb)> {
    let node = table.node(id)?;
    let drawn = branches.colors(table, id)?;
    match node.color {
        Some(c) if node.kind == NodeKind::Idea => Some((c.rgb(), render::text_on(c.rgb()))),
        _ => Some((drawn.fill, drawn.text)),
    }
}

/// A Freeplane rich-text block (`NOTE` or `DETAILS`): one HTML paragraph per line.
fn richcontent(w: &mut Writer<Vec<u8>>, kind: &str, text: &str) -> io::Result<()> {
    w.write_event(Event::Start(xml::start(
        "richcontent",
        &[("TYPE", kind)],
        CS,
    )))?;
    w.write_event(Event::Start(BytesStart::new("html")))?;
    w.write_event(Event::Empty(BytesStart::new("head")))?;
    w.write_event(Event::Start(BytesStart::new("body")))?;
    for line in text.lines() {
        w.write_event(Event::Start(BytesStart::new("p")))?;
        w.write_event(Event::Text(BytesText::from_escaped(xml::text(line, CS))))?;
        w.write_event(Event::End(BytesEnd::new("p")))?;
    }
    w.write_event(Event::End(BytesEnd::new("body")))?;
    w.write_event(Event::End(BytesEnd::new("html")))?;
    w.write_event(Event::End(BytesEnd::new("richcontent")))
}
