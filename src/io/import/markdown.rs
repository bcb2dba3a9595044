//! Markdown outline import: the quickest way to type up a restitution.
//!
//! ```text
//! # Event title
//! Subtitle text (lines of one paragraph are joined; paragraphs become lines)
//!
//! ## A table's question
//! - A theme
//!   - An idea
//!     - An idea under that idea
//! A line outside any list: an unsorted idea
//!
//! ## Another table's question
//! ### A theme
//! - An idea
//!   - An idea under that idea
//! A line of the theme's section: an idea too
//! #### An idea as a heading (deeper headings nest further)
//! - An idea under it
//! ```
//!
//! Both forms mix: under a `##`, list items at the top level are themes; under a `###` (or
//! deeper) heading they are ideas of that heading.
//!
//! Texts are kept exactly as written, only the markers are removed (a list item continued on an
//! indented next line is joined with a space, as Markdown shows it). Anything that cannot be
//! placed becomes an unsorted idea and is named in `skipped`, so an import never loses a line.
//!
//! Harvest marks are read (see [`super::marks`]): a heading or plain line naming a round
//! ("Tour 2", "## 2e tour", "**Round 2**") is no node but sets the round of the ideas after it,
//! until the next marker (at any indent: our export indents it with the idea it precedes;
//! "Sans tour" or "No round" ends the rounds);
//! `#tags`, a trailing `+3` or `●●●` and an action's `@owner` and `(avant le …)` become the
//! node's tags, votes, owner and due date; dots by kind as our export writes them last,
//! `[●●● priorité · ● faisable]`, are read per kind.
//!
//! A YAML front matter (between `---` lines at the very top) gives the café's details, synonyms
//! and dot kinds as our export writes them (values in JSON), or typed by hand (`date: 12 mars`);
//! other keys are named in `skipped`.

use super::Imported;
use super::details;
use crate::io::FileError;
use crate::io::export::markdown::DOT_KINDS;
use crate::model::{
    Cafe, CafeInfo, DotKind, Node, NodeId, NodeKind, NoteColor, Paper, Table, Votes,
};
use crate::text::indent::{self, MAX_DEPTH};
use crate::text::marks::{no_round_marker, parse_line, round_marker};

/// Where the lines seen so far leave us.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Before any heading.
    Start,
    /// After `# `, before any `##`: plain text is the subtitle.
    Title,
    /// Inside a table (after its `##`).
    Table,
}

/// An open list item, for attaching deeper items and continuation lines.
struct Open {
    indent: usize,
    id: NodeId,
}

struct Builder {
    cafe: Cafe,
    /// The table being filled (always the last of `cafe.tables`) and its theme count.
    table: Option<Table>,
    themes: usize,
    stack: Vec<Open>,
    /// The open `###`… headings of the table, shallowest first: (level, node).
    headings: Vec<(usize, NodeId)>,
    skipped: Vec<String>,
    subtitle: Vec<String>,
    /// Plain lines before any heading: the subtitle of a café without a `#` title, or, when a
    /// `#` title follows, lines out of place.
    before_title: Vec<(usize, String)>,
    /// Whether the previous line was blank (a blank line ends a paragraph).
    after_blank: bool,
}

/// Parses an outline. Never fails on content: odd lines become unsorted ideas, listed in
/// `skipped`. The result is laid out so that no notes overlap.
pub fn parse(text: &str) -> Result<Imported, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut b = Builder {
        cafe: Cafe::new(CafeInfo::default()),
        table: None,
        themes: 0,
        stack: Vec::new(),
        headings: Vec::new(),
        skipped: Vec::new(),
        subtitle: Vec::new(),
        before_title: Vec::new(),
        after_blank: true,
    };
    let mut zone = Zone::Start;
    let front = front_matter(text, &mut b);
    // Where each round marker stood: the first id handed out after it, and its round (`None`
    // for "Sans tour").
    let mut rounds: Vec<(u64, Option<u32>)> = Vec::new();
    for (n, raw) in text.lines().enumerate().skip(front) {
        let line_no = n + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            b.after_blank = true;
            continue;
        }
        let (indent, body) = indent::split_indent(line);
        // At any indent: our export indents a marker with the idea it precedes.
        let marker = heading_text(body);
        if let Some(round) = round_marker(marker)
            .map(Some)
            .or_else(|| no_round_marker(marker).then_some(None))
        {
            // A marker annotates the flow: a list it interrupts goes on after it.
            rounds.push((b.cafe.next_id(), round));
            b.after_blank = false;
            continue;
        }
        if let Some(title) = heading(body, 1) {
            if zone == Zone::Start && indent < 4 {
                b.subtitle.clear();
                for (line_no, text) in std::mem::take(&mut b.before_title) {
                    b.misplaced(line_no, &text, "text before the # event title");
                }
                b.cafe.info.title = title.to_owned();
                zone = Zone::Title;
            } else {
                b.misplaced(line_no, body, "a second event title");
            }
        } else if let Some(question) = heading(body, 2).filter(|_| indent < 4) {
            b.finish_table();
            let table = b.cafe.new_table(question);
            b.table = Some(table);
            zone = Zone::Table;
        } else if let Some(level) = heading_level(body).filter(|_| indent < 4) {
            let text = body.trim_start_matches('#').trim();
            if zone == Zone::Table {
                b.heading(line_no, level, text);
            } else {
                b.misplaced(line_no, body, "a heading before any ## question");
            }
        } else if let Some(item) = indent::strip_marker(body) {
            if zone != Zone::Table {
                b.misplaced(line_no, item, "a list item before any ## question");
            } else {
                b.item(line_no, indent, item);
            }
        } else if zone == Zone::Table && !b.stack.is_empty() && indent > 0 {
            b.continue_item(body);
        } else if matches!(zone, Zone::Start | Zone::Title) {
            // Before any `##`: the subtitle, also without a `#` title (how a café without a
            // title is exported).
            if zone == Zone::Start {
                b.before_title.push((line_no, body.to_owned()));
            }
            if b.after_blank || b.subtitle.is_empty() {
                b.subtitle.push(body.to_owned());
            } else if let Some(last) = b.subtitle.last_mut() {
                last.push(' ');
                last.push_str(body);
            }
        } else if zone == Zone::Table && !b.headings.is_empty() {
            // A plain line under a `###` theme (or deeper heading): an idea of that section.
            b.stack.clear();
            b.item(line_no, 0, body);
            b.stack.clear();
        } else if zone == Zone::Table {
            // A plain line under a question: a sticky note not yet sorted under a theme.
            b.stack.clear();
            b.unsorted(body);
        }
        b.after_blank = false;
    }
    b.finish_table();
    b.cafe.info.subtitle = unescape_html(&b.subtitle.join("\n"));
    b.cafe.info.title = unescape_html(&b.cafe.info.title);
    read_marks(&mut b.cafe, &rounds);
    let mut cafe = b.cafe;
    super::fold_large(&mut cafe);
    crate::layout::arrange_cafe(&mut cafe);
    Ok(Imported {
        cafe,
        skipped: b.skipped,
    })
}

impl Builder {
    fn finish_table(&mut self) {
        if let Some(t) = self.table.take() {
            self.cafe.tables.push(t);
        }
        self.themes = 0;
        self.stack.clear();
        self.headings.clear();
    }

    /// A `###` (or deeper) heading inside a table: a theme at `###`, an idea under the nearest
    /// shallower heading deeper than that (`####` under `###`, …).
    fn heading(&mut self, line_no: usize, level: usize, text: &str) {
        self.stack.clear();
        while self.headings.last().is_some_and(|h| h.0 >= level) {
            self.headings.pop();
        }
        if let Some(id) = self.add(line_no, self.headings.last().map(|h| h.1), text) {
            self.headings.push((level, id));
        }
    }

    /// The table being filled; one with an empty question is opened if the outline has none yet,
    /// so that nothing is lost.
    fn table(&mut self) -> &mut Table {
        let cafe = &mut self.cafe;
        self.table.get_or_insert_with(|| cafe.new_table(""))
    }

    /// A list item at `indent`: under the nearest shallower item, else under the section's
    /// heading; a theme when that is the question itself.
    fn item(&mut self, line_no: usize, indent: usize, text: &str) {
        while self.stack.last().is_some_and(|o| o.indent >= indent) {
            self.stack.pop();
        }
        let parent = self
            .stack
            .last()
            .map(|o| o.id)
            .or(self.headings.last().map(|h| h.1));
        if let Some(id) = self.add(line_no, parent, text) {
            self.stack.push(Open { indent, id });
        }
    }

    /// A node under `parent` (`None`: the question, so a theme); `None` if it went unsorted.
    fn add(&mut self, line_no: usize, parent: Option<NodeId>, text: &str) -> Option<NodeId> {
        if self.stack.len() + self.headings.len() >= MAX_DEPTH {
            let why = format!("a list nested more than {MAX_DEPTH} levels deep");
            self.misplaced(line_no, text, &why);
            return None;
        }
        let id = self.cafe.alloc_id();
        let node = match parent {
            None => {
                let color = Some(NoteColor::Palette(Paper::nth(self.themes)));
                self.themes += 1;
                Node::new(id, NodeKind::Theme, text).with_color(color)
            }
            Some(_) => Node::new(id, NodeKind::Idea, text),
        };
        let table = self.table();
        let parent = Some(parent.unwrap_or(table.question()));
        // Placement rules always hold here (themes under the question, ideas under anything but
        // ideas' own descendants); should one not, keep the note as unsorted rather than drop it.
        if let Err(e) = table.insert(node.clone(), parent) {
            let text = node.text.clone();
            let mut idea = node;
            idea.kind = NodeKind::Idea;
            idea.color = None;
            if table.insert(idea, None).is_ok() {
                self.skipped.push(format!(
                    "\"{text}\" could not be placed ({e}); it is unsorted"
                ));
            }
            return None;
        }
        Some(id)
    }

    /// An indented line under a list item: more text of that item.
    fn continue_item(&mut self, body: &str) {
        let Some(open) = self.stack.last() else {
            return;
        };
        let id = open.id;
        let sep = if self.after_blank { "\n" } else { " " };
        if let Some(node) = self.table.as_mut().and_then(|t| t.node_mut(id)) {
            node.text.push_str(sep);
            node.text.push_str(body);
        }
    }

    fn unsorted(&mut self, text: &str) -> bool {
        let id = self.cafe.alloc_id();
        self.table()
            .insert(Node::new(id, NodeKind::Idea, text), None)
            .is_ok()
    }

    /// A line that has no place in the outline's structure: kept as an unsorted idea and reported.
    fn misplaced(&mut self, line_no: usize, text: &str, why: &str) {
        self.stack.clear();
        self.headings.clear();
        if self.unsorted(text) {
            self.skipped.push(format!(
                "line {line_no}: {why}: \"{text}\" is kept as an unsorted idea"
            ));
        }
    }
}

/// The number of `#` of an ATX heading (`#` … `######` then a space or the end).
fn heading_level(body: &str) -> Option<usize> {
    let rest = body.trim_start_matches('#');
    let level = body.len() - rest.len();
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then_some(level)
}

/// Takes the harvest marks out of every theme's and idea's text (once continuation lines are
/// joined, so marks at the end of an item's last line count) and gives each idea the round of
/// the last marker before it. Ids grow in line order, so a marker's first id places it.
fn read_marks(cafe: &mut Cafe, rounds: &[(u64, Option<u32>)]) {
    let kinds = &mut cafe.dot_kinds;
    for table in &mut cafe.tables {
        for id in table.node_ids() {
            let Some(node) = table.node_mut(id).filter(|n| n.kind != NodeKind::Question) else {
                continue;
            };
            let (rest, by_kind) = dots_by_kind(&node.text, kinds);
            let marked = parse_line(rest);
            let text = marked.text.clone();
            let mut harvest: super::marks::Harvest = marked.into();
            harvest.votes = harvest.votes.plus(by_kind);
            if node.kind == NodeKind::Idea {
                harvest.round = rounds
                    .iter()
                    .rev()
                    .find(|(first, _)| *first <= id.0)
                    .and_then(|(_, r)| *r);
            }
            node.text = unescape_html(&text);
            harvest.apply_to(node);
        }
        let q = table.question();
        if let Some(node) = table.node_mut(q) {
            node.text = unescape_html(&node.text);
        }
    }
}

/// Takes the votes by kind our export writes last, `[●●● priorité · ● faisable]` (or `+12`
/// for dots), off the end of `text`; kinds the café does not name yet are added. The text is
/// left whole, with no votes, unless every entry reads and text remains before them.
fn dots_by_kind<'a>(text: &'a str, kinds: &mut Vec<DotKind>) -> (&'a str, Votes) {
    let whole = (text, Votes::default());
    let trimmed = text.trim_end();
    let Some((head, group)) = trimmed.strip_suffix(']').and_then(|t| t.rsplit_once(" [")) else {
        return whole;
    };
    if head.trim().is_empty() {
        return whole;
    }
    let mut entries = Vec::new();
    for entry in group.split(" · ") {
        let Some((dots, name)) = entry.trim().split_once(' ') else {
            return whole;
        };
        let n = if let Some(n) = dots.strip_prefix('+') {
            n.parse::<u32>().ok()
        } else {
            let count = dots.chars().count();
            (dots.chars().all(|c| c == '●'))
                .then(|| u32::try_from(count).ok())
                .flatten()
        };
        let name = unescape_html(name.trim());
        match n {
            Some(n) if n > 0 && !name.is_empty() => entries.push((name, n)),
            _ => return whole,
        }
    }
    // Only now that every entry reads: a kind is added to the café once it is sure.
    let mut votes = Votes::default();
    for (name, n) in entries {
        let Some(kind) = super::marks::kind_index(&name, kinds) else {
            return whole;
        };
        votes = votes.with(kind, votes.of(kind).saturating_add(n));
    }
    (head, votes)
}

/// Reads a YAML front matter (`---` lines around `key: value` lines) at the top of the file:
/// the café's details, synonyms and dot kinds as our export writes them (values as JSON, or
/// plain text when typed by hand), a `title` or `subtitle`. Other keys are named in `skipped`.
/// Returns how many lines it took (0 without a front matter).
fn front_matter(text: &str, b: &mut Builder) -> usize {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return 0;
    }
    let Some(end) = lines.position(|l| matches!(l.trim_end(), "---" | "...")) else {
        return 0;
    };
    // Only YAML-looking lines: a text that merely opens with a rule keeps every line.
    let is_key = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
    };
    let yaml = |line: &str| {
        line.trim().is_empty()
            || line.starts_with([' ', '\t', '-'])
            || line.split_once(':').is_some_and(|(k, _)| is_key(k))
    };
    if !text.lines().skip(1).take(end).all(yaml) {
        return 0;
    }
    for line in text.lines().skip(1).take(end) {
        let Some((key, value)) = line.split_once(':').filter(|(k, _)| is_key(k)) else {
            if !line.trim().is_empty() {
                b.skipped
                    .push(format!("front matter line skipped: \"{}\"", line.trim()));
            }
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        let json: Option<serde_json::Value> = serde_json::from_str(value).ok();
        let plain = match &json {
            Some(serde_json::Value::String(s)) => s.clone(),
            _ => value.to_owned(),
        };
        let cafe = &mut b.cafe;
        match key {
            "title" => cafe.info.title = plain,
            "subtitle" => b.subtitle = plain.lines().map(str::to_owned).collect(),
            details::SYNONYMS => match json {
                Some(serde_json::Value::Array(groups)) => {
                    cafe.synonyms = groups
                        .iter()
                        .filter_map(|g| g.as_array())
                        .map(|g| {
                            g.iter()
                                .filter_map(|w| w.as_str().map(str::to_owned))
                                .collect()
                        })
                        .filter(|g: &Vec<String>| g.len() > 1)
                        .collect();
                }
                _ => {
                    details::set(cafe, key, &plain);
                }
            },
            DOT_KINDS => {
                let kinds: Vec<[String; 2]> = serde_json::from_str(value).unwrap_or_default();
                for [name, color] in kinds {
                    let color = color.parse::<NoteColor>().ok().map(|c| c.rgb());
                    let _ = super::marks::add_dot_kind(name.trim(), color, &mut cafe.dot_kinds);
                }
            }
            _ if details::set(cafe, key, &plain) => {}
            _ => b
                .skipped
                .push(format!("front matter field \"{key}\" skipped")),
        }
    }
    end + 2
}

/// The entities our Markdown and canvas exports write (`&lt;`, `&gt;`, `&amp;`) as the characters
/// they stand for; anything else as written.
pub fn unescape_html(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        let (c, len) = if tail.starts_with("&lt;") {
            ('<', 4)
        } else if tail.starts_with("&gt;") {
            ('>', 4)
        } else if tail.starts_with("&amp;") {
            ('&', 5)
        } else {
            ('&', 1)
        };
        out.push(c);
        rest = tail.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// A heading's text without its `#`s; any other line as it is.
fn heading_text(body: &str) -> &str {
    match heading_level(body) {
        Some(_) => body.trim_start_matches('#').trim(),
        None => body,
    }
}

/// The text of a heading of exactly `level`.
fn heading(body: &str, level: usize) -> Option<&str> {
    (heading_level(body) == Some(level)).then(|| body.trim_start_matches('#').trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Table, ids: Vec<NodeId>) -> Vec<String> {
        ids.into_iter()
            .filter_map(|id| t.node(id).map(|n| n.text.clone()))
            .collect()
    }

    #[test]
    fn reads_structure() {
        let md = "# Event\nFirst line\nsame paragraph\n\nSecond paragraph\n\n## Q1?\n\n- Theme A\n  - idea 1\n    - idea 1.1\n  - idea 2\n- Theme B\nloose note\n## Q2\n- T\n";
        let imp = parse(md).unwrap();
        let c = &imp.cafe;
        assert_eq!(c.info.title, "Event");
        assert_eq!(
            c.info.subtitle,
            "First line same paragraph\nSecond paragraph"
        );
        assert_eq!(c.counts(), (2, 3, 4));
        let t = &c.tables[0];
        assert_eq!(t.question_node().text, "Q1?");
        assert_eq!(texts(t, t.themes()), ["Theme A", "Theme B"]);
        assert_eq!(texts(t, t.unsorted()), ["loose note"]);
        let a = t.themes()[0];
        assert_eq!(texts(t, t.children(a)), ["idea 1", "idea 2"]);
        let idea1 = t.children(a)[0];
        assert_eq!(texts(t, t.children(idea1)), ["idea 1.1"]);
        assert_eq!(
            t.node(a).and_then(|n| n.color),
            Some(NoteColor::Palette(Paper::nth(0)))
        );
        assert_eq!(
            t.node(t.themes()[1]).and_then(|n| n.color),
            Some(NoteColor::Palette(Paper::nth(1)))
        );
        assert_eq!(t.node(idea1).and_then(|n| n.color), None);
        assert!(imp.skipped.is_empty(), "{:?}", imp.skipped);
        c.validate().unwrap();
    }

    #[test]
    fn reads_a_front_matter_and_keeps_a_text_that_only_opens_with_a_rule() {
        let md = "---\ndate: \"12 mars\"\nplace: Mairie\nsynonyms: [[\"élus\", \"conseillers\"]]\ntags:\n  - x\n---\n# E\n## Q\n- T\n";
        let imp = parse(md).unwrap();
        let c = &imp.cafe;
        assert_eq!(
            (c.info.date.as_str(), c.info.place.as_str()),
            ("12 mars", "Mairie")
        );
        assert_eq!(c.synonyms, [["élus", "conseillers"]]);
        assert_eq!(c.info.title, "E");
        assert_eq!(imp.skipped.len(), 2, "{:?}", imp.skipped);
        // Not YAML: every line is the café's.
        let md = "---\n# E\nA subtitle, with: a colon\n---\n## Q\n- T\n";
        let c = parse(md).unwrap().cafe;
        assert_eq!(c.info.title, "E");
        assert!(c.info.subtitle.starts_with("A subtitle, with: a colon"));
    }

    #[test]
    fn keeps_what_it_cannot_place() {
        let md = "stray\n# E\n- early item\n## Q\n### deep heading\n# again\n- T\n  - idea\n    continued\n";
        let imp = parse(md).unwrap();
        let c = &imp.cafe;
        assert_eq!(imp.skipped.len(), 3, "{:?}", imp.skipped);
        assert!(imp.skipped[0].contains("stray"));
        // The first two lines had no table yet: they go to a table with no question.
        assert_eq!(c.tables.len(), 2);
        assert_eq!(
            texts(&c.tables[0], c.tables[0].unsorted()),
            ["stray", "early item"]
        );
        let t = &c.tables[1];
        assert_eq!(texts(t, t.unsorted()), ["# again"]);
        assert_eq!(texts(t, t.themes()), ["deep heading", "T"]);
        let theme = t.themes()[1];
        assert_eq!(texts(t, t.children(theme)), ["idea continued"]);
        c.validate().unwrap();
    }

    #[test]
    fn headings_give_themes_and_ideas_at_any_depth() {
        let md = "# Café\n## Q1?\n### Thème A\n- idée 1\n  - idée 1.1\n    - idée 1.1.1\n- idée 2\n\
                  Une ligne du thème\n#### Sous-partie\n- idée 3\n### Thème B\n- idée 4\n\
                  ## Q2?\n- Thème liste\n  - idée 5\n### Thème titre\n- idée 6\n";
        let imp = parse(md).unwrap();
        assert!(imp.skipped.is_empty(), "{:?}", imp.skipped);
        let c = &imp.cafe;
        assert_eq!(c.info.title, "Café");
        assert_eq!(c.tables.len(), 2);
        let t = &c.tables[0];
        assert!(t.unsorted().is_empty(), "no theme lands in the tray");
        assert_eq!(texts(t, t.themes()), ["Thème A", "Thème B"]);
        let a = t.themes()[0];
        assert_eq!(
            texts(t, t.children(a)),
            ["idée 1", "idée 2", "Une ligne du thème", "Sous-partie"]
        );
        let idea1 = t.children(a)[0];
        let idea11 = t.children(idea1)[0];
        assert_eq!(texts(t, t.children(idea11)), ["idée 1.1.1"]);
        assert_eq!(t.depth(t.children(idea11)[0]), 4);
        let sub = t.children(a)[3];
        assert_eq!(texts(t, t.children(sub)), ["idée 3"]);
        assert_eq!(texts(t, t.children(t.themes()[1])), ["idée 4"]);
        // Both forms in one table: list themes and heading themes side by side.
        let t = &c.tables[1];
        assert_eq!(texts(t, t.themes()), ["Thème liste", "Thème titre"]);
        assert_eq!(texts(t, t.children(t.themes()[1])), ["idée 6"]);
        assert_ne!(
            t.node(t.themes()[0]).and_then(|n| n.color),
            t.node(t.themes()[1]).and_then(|n| n.color),
            "each theme its own colour"
        );
        c.validate().unwrap();
    }

    #[test]
    fn a_deeper_heading_right_under_the_question_is_a_theme() {
        let imp = parse("## Q\n#### T\n- i\n").unwrap();
        let t = &imp.cafe.tables[0];
        assert_eq!(texts(t, t.themes()), ["T"]);
        assert_eq!(texts(t, t.children(t.themes()[0])), ["i"]);
        let imp = parse("### early\n## Q\n").unwrap();
        assert_eq!(
            imp.skipped.len(),
            1,
            "a heading before any question is kept"
        );
    }

    #[test]
    fn numbered_lists_are_lists() {
        let imp = parse("## Q\n1. First theme\n   1) an idea\n2. Second theme\n2024 was a year\n")
            .unwrap();
        let t = &imp.cafe.tables[0];
        assert_eq!(texts(t, t.themes()), ["First theme", "Second theme"]);
        assert_eq!(texts(t, t.children(t.themes()[0])), ["an idea"]);
        assert_eq!(texts(t, t.unsorted()), ["2024 was a year"]);
    }

    #[test]
    fn tolerates_crlf_tabs_and_bom() {
        let md = "\u{feff}# E\r\n## Q\r\n* T\r\n\t+ idea\r\n";
        let imp = parse(md).unwrap();
        let t = &imp.cafe.tables[0];
        assert_eq!(imp.cafe.info.title, "E");
        assert_eq!(texts(t, t.children(t.themes()[0])), ["idea"]);
    }

    #[test]
    fn empty_outline_gives_empty_cafe() {
        let imp = parse("").unwrap();
        assert_eq!(imp.cafe.counts(), (0, 0, 0));
    }

    #[test]
    fn round_markers_tags_and_votes() {
        let md = "# Café\n## Q1\n### Tour 1\n- Mobilité #transport\n  - Des pistes cyclables +2\n\
                  - Culture\n\n**Tour 2**\n\n  - Un festival ●●● #jeunesse\nUne note #action @Awa (avant le 31/03)\n\
                  ## Q2\n- T\n  - Round 2 of funding\n";
        let imp = parse(md).unwrap();
        assert!(imp.skipped.is_empty(), "{:?}", imp.skipped);
        let c = &imp.cafe;
        let t = &c.tables[0];
        assert_eq!(texts(t, t.themes()), ["Mobilité", "Culture"]);
        let mobility = t.node(t.themes()[0]).unwrap();
        assert_eq!(mobility.tags, ["transport"]);
        assert_eq!(mobility.origin.round, None, "themes have no round");
        let bikes = t.node(t.children(t.themes()[0])[0]).unwrap();
        assert_eq!(
            (bikes.text.as_str(), bikes.votes.of(0)),
            ("Des pistes cyclables", 2)
        );
        assert_eq!(bikes.origin.round, Some(1));
        let festival = t.node(t.children(t.themes()[1])[0]).unwrap();
        assert_eq!(festival.text, "Un festival");
        assert_eq!((festival.votes.of(0), festival.origin.round), (3, Some(2)));
        let action = t.node(t.unsorted()[0]).unwrap();
        assert_eq!(action.text, "Une note");
        assert!(action.is_action());
        assert_eq!(
            (action.owner.as_str(), action.due.as_str()),
            ("Awa", "31/03")
        );
        // A round lasts until the next marker, across tables; a longer line is an idea.
        let t2 = &c.tables[1];
        let funding = t2.node(t2.children(t2.themes()[0])[0]).unwrap();
        assert_eq!(
            (funding.text.as_str(), funding.origin.round),
            ("Round 2 of funding", Some(2))
        );
        c.validate().unwrap();
    }
}
