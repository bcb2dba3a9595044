//! FreeMind and Freeplane maps (`.mm`).
//!
//! A map written by our export has the event title as its root and one child per table, each
//! carrying the node attribute `table`; its children are read as tables. Any other map is one
//! table whose question is the root. Rich text (HTML) becomes plain text; notes and details become
//! speaker notes; arrow links between nodes of a table become cross-links. Styles, icons, hooks,
//! images and foreign attributes have no place in a café: they are skipped and counted.
//!
//! The harvest attributes our export writes are read back, from any map: `votes`, `tags`,
//! `round`, `contributor`, `owner`, `due`, `origin_table` and the questions' `dot_kinds` (see
//! [`super::marks`] for their values); `refers_to` makes a node a synthesis reference to the
//! node of that `ID`; the root of our export gives the café's details ([`super::details`]).

use super::Imported;
use super::details;
use super::marks;
use super::outline::{Builder, Hint, MAX_DEPTH, Outline, too_deep};
use super::xml::{self, Content, Element};
use crate::io::FileError;
use crate::model::{Cafe, CafeInfo, NoteColor, Rgb};

/// Our own node attributes: `table` marks a table's question, `kind=idea` an idea hanging
/// directly off the question, `unsorted=true` the node holding the unsorted ideas.
pub const ATTR_TABLE: &str = "table";
pub const ATTR_KIND: &str = "kind";
pub const ATTR_UNSORTED: &str = "unsorted";
/// The harvest attributes.
pub const ATTR_VOTES: &str = "votes";
pub const ATTR_TAGS: &str = "tags";
pub const ATTR_ROUND: &str = "round";
pub const ATTR_CONTRIBUTOR: &str = "contributor";
pub const ATTR_OWNER: &str = "owner";
pub const ATTR_DUE: &str = "due";
pub const ATTR_ORIGIN_TABLE: &str = "origin_table";
pub const ATTR_DOT_KINDS: &str = "dot_kinds";
/// A synthesis reference: the `ID` of the node it shows.
pub const ATTR_REFERS_TO: &str = "refers_to";

pub fn parse(text: &str) -> Result<Imported, FileError> {
    let map = xml::parse_root(text, "map", "a FreeMind/Freeplane map")?;
    let mut b = Builder::new(Cafe::new(CafeInfo::default()));
    let mut links: Vec<(String, String)> = Vec::new();
    let mut roots = map.elements_named("node");
    let Some(root) = roots.next() else {
        return Err(FileError::new("the map has no root node"));
    };
    let root = node(root, 0, &mut b, &mut links)?;
    let ours = root.children.iter().any(|c| c.table);
    for (name, value) in &root.details {
        // The café's details on the root of our export; on any other root, foreign attributes.
        if !(ours && details::set(&mut b.cafe, name, value)) {
            b.skipped
                .count("node attribute skipped", "node attributes skipped");
        }
    }
    if ours {
        b.cafe.info.title = root.outline.text;
        b.cafe.info.subtitle = root.outline.note;
        for c in root.children {
            b.add_table(c.into_outline());
        }
    } else {
        b.add_table(root.into_outline());
    }
    // A map has one root; keep the notes of any other as further tables rather than drop them.
    for extra in roots {
        let o = node(extra, 0, &mut b, &mut links)?;
        for _ in &o.details {
            b.skipped
                .count("node attribute skipped", "node attributes skipped");
        }
        b.add_table(o.into_outline());
    }
    for (from, to) in links {
        b.link(&from, &to);
    }
    Ok(b.finish())
}

/// A node as read, with what our own attributes said about it.
struct Read {
    outline: Outline,
    hint: Hint,
    table: bool,
    /// Attributes named like the café's details, on the root only (see [`details`]).
    details: Vec<(String, String)>,
    children: Vec<Read>,
}

impl Read {
    /// The outline with its children attached and our hints applied.
    fn into_outline(self) -> Outline {
        let mut o = self.outline;
        o.hint = self.hint;
        o.children = self.children.into_iter().map(Read::into_outline).collect();
        o
    }
}

fn node(
    e: &Element,
    depth: usize,
    b: &mut Builder,
    links: &mut Vec<(String, String)>,
) -> Result<Read, FileError> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    let mut o = Outline::new(
        e.attr("TEXT")
            .or(e.attr("LOCALIZED_TEXT"))
            .unwrap_or_default(),
    );
    let mut read = Read {
        outline: Outline::default(),
        hint: Hint::Auto,
        table: false,
        details: Vec::new(),
        children: Vec::new(),
    };
    let mut notes = node_attrs(e, &mut o, b);
    let mut details = String::new();
    for c in &e.children {
        let Content::Element(c) = c else { continue };
        match c.name.as_str() {
            "node" => read.children.push(node(c, depth + 1, b, links)?),
            "richcontent" => {
                let mut images = 0;
                let text = xml::html_text(c, &mut images);
                for _ in 0..images {
                    b.skipped.count("image skipped", "images skipped");
                }
                match c.attr("TYPE").unwrap_or("NODE") {
                    "NODE" => o.text = text,
                    "DETAILS" => details = text,
                    _ => notes.push(text),
                }
            }
            "attribute" => attribute(c, depth, &mut read, &mut o, b),
            "arrowlink" => link(o.key.clone(), c.attr("DESTINATION"), links, b),
            // Freeplane also writes the arrow at its target; the same link read twice is one.
            "linktarget" => link(c.attr("SOURCE"), o.key.clone(), links, b),
            "icon" => b.skipped.count("icon skipped", "icons skipped"),
            "hook" => match c.attr("NAME") {
                Some("ExternalObject") => b.skipped.count("image skipped", "images skipped"),
                _ => b.skipped.count(
                    "hook skipped (map styles, automatic layout…)",
                    "hooks skipped (map styles, automatic layout…)",
                ),
            },
            "font" | "edge" | "cloud" | "attribute_layout" | "properties" => b
                .skipped
                .count("style setting skipped", "style settings skipped"),
            _ => b
                .skipped
                .count("unknown element skipped", "unknown elements skipped"),
        }
    }
    if !details.is_empty() {
        notes.insert(0, details);
    }
    // A reference's `LINK` to its original says nothing the reference does not.
    if let Some(key) = &o.refers_to {
        notes.retain(|n| n.strip_prefix('#') != Some(key.as_str()));
    }
    o.note = notes.join("\n");
    read.outline = o;
    Ok(read)
}

/// The attributes of a `node` element into `o`; the notes they make (a link is kept as text).
fn node_attrs(e: &Element, o: &mut Outline, b: &mut Builder) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    let mut text_color: Option<NoteColor> = None;
    for (k, v) in &e.attrs {
        match k.as_str() {
            "TEXT" | "LOCALIZED_TEXT" => {}
            "ID" => o.key = Some(v.clone()),
            "BACKGROUND_COLOR" => o.color = b.color(v),
            "COLOR" => text_color = b.color(v),
            "LINK" => notes.push(v.clone()),
            // Layout bookkeeping: CaféMap lays maps out itself.
            "FOLDED" => o.folded = v.eq_ignore_ascii_case("true"),
            "POSITION" | "CREATED" | "MODIFIED" | "HGAP" | "VGAP" | "VSHIFT" | "HGAP_QUANTITY"
            | "VGAP_QUANTITY" | "VSHIFT_QUANTITY" | "UNFOLDED" => {}
            "ENCRYPTED_CONTENT" => b
                .skipped
                .count("encrypted node skipped", "encrypted nodes skipped"),
            _ => b
                .skipped
                .count("style setting skipped", "style settings skipped"),
        }
    }
    // FreeMind users often colour the text rather than the box: take that colour when the box
    // has none, unless it is plain black or white text.
    if o.color.is_none() {
        let plain = [Rgb(0, 0, 0), Rgb(255, 255, 255)];
        o.color = text_color.filter(|c| !plain.contains(&c.rgb()));
    }
    notes
}

/// An `attribute` element: our own marks (table, kind, unsorted tray, reference), the harvest
/// ones, and on the root the café's details.
fn attribute(c: &Element, depth: usize, read: &mut Read, o: &mut Outline, b: &mut Builder) {
    let name = c.attr("NAME").unwrap_or_default();
    let value = c.attr("VALUE").unwrap_or_default();
    match name {
        ATTR_TABLE => read.table = true,
        ATTR_REFERS_TO => o.refers_to = Some(value.to_owned()),
        details::DATE
        | details::PLACE
        | details::FACILITATORS
        | details::ORGANISERS
        | details::SYNONYMS
            if depth == 0 =>
        {
            read.details.push((name.to_owned(), value.to_owned()));
        }
        ATTR_KIND if value == "idea" => read.hint = Hint::Idea,
        ATTR_UNSORTED if value == "true" => read.hint = Hint::UnsortedTray,
        _ if harvest_attribute(name, value, o, b) => {}
        _ => b
            .skipped
            .count("node attribute skipped", "node attributes skipped"),
    }
}

/// A cross-link between the nodes of those ids; without both ends it is counted as skipped.
fn link(
    from: Option<impl Into<String>>,
    to: Option<impl Into<String>>,
    links: &mut Vec<(String, String)>,
    b: &mut Builder,
) {
    match (from, to) {
        (Some(from), Some(to)) => links.push((from.into(), to.into())),
        _ => b.skipped.count(
            "link to a missing node skipped",
            "links to missing nodes skipped",
        ),
    }
}

/// Reads one harvest attribute into the node; false when `name` is none of them. A value that
/// cannot be read is counted as skipped.
fn harvest_attribute(name: &str, value: &str, o: &mut Outline, b: &mut Builder) -> bool {
    let h = &mut o.harvest;
    let read = match name {
        ATTR_VOTES => marks::read_votes(value, &mut b.cafe.dot_kinds).map(|v| h.votes = v),
        ATTR_TAGS => {
            h.tags = marks::read_tags(value);
            Some(())
        }
        ATTR_ROUND => marks::read_number(value).map(|r| h.round = Some(r)),
        ATTR_CONTRIBUTOR => {
            h.contributor = value.to_owned();
            Some(())
        }
        ATTR_OWNER => {
            h.owner = value.to_owned();
            Some(())
        }
        ATTR_DUE => {
            h.due = value.to_owned();
            Some(())
        }
        ATTR_ORIGIN_TABLE => marks::read_number(value).map(|t| h.origin_table = Some(t)),
        ATTR_DOT_KINDS => marks::read_dot_kinds(value, &mut b.cafe.dot_kinds),
        _ => return false,
    };
    if read.is_none() {
        b.skipped.count(
            "unreadable harvest attribute skipped",
            "unreadable harvest attributes skipped",
        );
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_plain_freeplane_map_as_one_table() {
        let mm = r##"<map version="freeplane 1.9.13">
<node TEXT="Question" ID="ID_1" FOLDED="false">
<hook NAME="MapStyle"><properties fit_to_viewport="false"/></hook>
<node TEXT="Theme" POSITION="right" ID="ID_2" BACKGROUND_COLOR="#56b4e9">
<icon BUILTIN="yes"/>
<node ID="ID_3"><richcontent TYPE="NODE"><html><head/><body><p>Rich <b>idea</b></p><p>two</p></body></html></richcontent>
<arrowlink DESTINATION="ID_2"/>
<attribute NAME="cost" VALUE="12"/>
<attribute NAME="owner" VALUE="Ana"/>
<attribute NAME="votes" VALUE="priorité:2;réserve:1"/>
<attribute NAME="tags" VALUE="action;budget"/>
<attribute NAME="round" VALUE="deux"/>
</node>
</node>
</node>
</map>"##;
        let imp = parse(mm).unwrap();
        let c = &imp.cafe;
        assert_eq!(c.counts(), (1, 1, 1));
        let t = &c.tables[0];
        assert_eq!(t.question_node().text, "Question");
        let (theme, idea) = super::super::sky_theme_and_idea(t);
        assert_eq!(
            t.node(idea).map(|n| n.text.as_str()),
            Some("Rich idea\ntwo")
        );
        assert_eq!(t.links(), vec![(idea, theme)]);
        assert!(
            imp.skipped.contains(&"1 icon skipped".to_owned()),
            "{:?}",
            imp.skipped
        );
        assert!(
            imp.skipped.contains(&"1 node attribute skipped".to_owned()),
            "{:?}",
            imp.skipped
        );
        // Harvest attributes are read from any map; kinds it names become the café's.
        let n = t.node(idea).unwrap();
        assert_eq!(
            (n.owner.as_str(), n.tags.clone()),
            ("Ana", vec!["action".to_owned(), "budget".to_owned()])
        );
        assert_eq!(n.votes, crate::model::Votes::from_counts(&[2, 1]));
        assert_eq!(c.dot_kinds.len(), 2);
        assert_eq!(n.origin.round, None);
        assert!(
            imp.skipped
                .contains(&"1 unreadable harvest attribute skipped".to_owned()),
            "{:?}",
            imp.skipped
        );
        c.validate().unwrap();
    }

    #[test]
    fn reads_our_shape_as_tables() {
        let mm = r##"<map version="freeplane 1.5.9"><node TEXT="Event" ID="ID_0">
<node TEXT="Q1" ID="ID_1"><attribute NAME="table" VALUE="1"/>
  <node TEXT="direct" ID="ID_5"><attribute NAME="kind" VALUE="idea"/></node>
  <node TEXT="Unsorted" ID="ID_6"><attribute NAME="unsorted" VALUE="true"/><node TEXT="loose" ID="ID_7"/></node>
</node>
<node TEXT="Q2" ID="ID_2"><attribute NAME="table" VALUE="2"/><node TEXT="T" ID="ID_3"/></node>
</node></map>"##;
        let imp = parse(mm).unwrap();
        let c = &imp.cafe;
        assert_eq!(c.info.title, "Event");
        assert_eq!(c.counts(), (2, 1, 2));
        assert_eq!(c.tables[0].unsorted().len(), 1);
        assert!(imp.skipped.is_empty(), "{:?}", imp.skipped);
    }
}
