//! JSON Canvas 1.0 (<https://jsoncanvas.org>, Obsidian's `.canvas`).
//!
//! Edges make the tree: a text node with no incoming edge and some children is a table's
//! question; a text node on its own is an unsorted idea of the table whose group frame holds it,
//! else of the nearest question. An edge that would give a node a second parent, or close a loop,
//! becomes a cross-link. File, link and group nodes have no place in a café: they are skipped and
//! counted.
//!
//! Our own export is recognised by its ids (`q12` question, `t13` theme, `i14` idea, `u15`
//! unsorted idea; edges `e14` tree, `l13-14` cross-link) and read back exactly.

use super::Imported;
use super::notes::DEFAULT_QUESTION;
use super::outline::{Builder, Hint, MAX_DEPTH, Outline, too_deep};
use crate::geom::{Point, Rect};
use crate::io::FileError;
use crate::model::{Cafe, CafeInfo, NoteColor, Paper};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

struct TextNode {
    key: String,
    text: String,
    rect: Rect,
    color: Option<NoteColor>,
}

pub fn parse(text: &str) -> Result<Imported, FileError> {
    let value = read_json(text)?;
    let Some(nodes) = value.get("nodes").and_then(Value::as_array) else {
        return Err(FileError::new(
            "not a JSON Canvas: there is no \"nodes\" list",
        ));
    };
    let empty = Vec::new();
    let edges = value
        .get("edges")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut b = Builder::new(Cafe::new(CafeInfo::default()));
    let board = Board::read(nodes, &mut b);
    let tree = Tree::from_edges(&board, edges, &mut b);
    place(&board, &tree, &mut b)?;
    for &(a, c) in &tree.links {
        if let (Some(ta), Some(tc)) = (board.texts.get(a), board.texts.get(c)) {
            b.link(&ta.key, &tc.key);
        }
    }
    Ok(b.finish())
}

/// The file as JSON (a byte-order mark allowed), or an error that says where and why.
fn read_json(text: &str) -> Result<Value, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        let why = if e.to_string().contains("recursion limit") {
            "the JSON is nested too deeply".to_owned()
        } else {
            format!("not valid JSON: {e}")
        };
        FileError::new(why).at_line(e.line().max(1))
    })
}

/// The nodes of the canvas a café can use: text nodes (the only ones a café can hold) and
/// group frames; the ids of the skipped ones, so that their edges go quietly with them.
struct Board {
    texts: Vec<TextNode>,
    by_key: HashMap<String, usize>,
    /// Group frames, and whether each carries a label.
    groups: Vec<(Rect, bool)>,
    other_keys: HashSet<String>,
    /// The file is our own export (recognised by its ids) and is read back exactly.
    ours: bool,
}

impl Board {
    fn read(nodes: &[Value], b: &mut Builder) -> Board {
        let mut board = Board {
            texts: Vec::new(),
            by_key: HashMap::new(),
            groups: Vec::new(),
            other_keys: HashSet::new(),
            ours: false,
        };
        for (i, n) in nodes.iter().enumerate() {
            board.node(i, n, b);
        }
        let texts = &board.texts;
        board.ours = texts.iter().any(|t| kind_of(&t.key) == Some('q'))
            && texts.iter().all(|t| kind_of(&t.key).is_some());
        if !board.ours {
            for _ in board.groups.iter().filter(|g| g.1) {
                b.skipped
                    .count("group label skipped", "group labels skipped");
            }
        }
        board
    }

    /// Node number `i`: kept if it is text or a group, else counted as skipped.
    fn node(&mut self, i: usize, n: &Value, b: &mut Builder) {
        let key = n.get("id").and_then(Value::as_str).map(str::to_owned);
        let num = |k: &str| coordinate(n.get(k).and_then(Value::as_f64));
        let min = Point::new(num("x"), num("y"));
        let rect = Rect {
            min,
            max: min + Point::new(num("width").max(0.0), num("height").max(0.0)),
        };
        match n.get("type").and_then(Value::as_str).unwrap_or("") {
            "text" => {
                // A node without an id (or with a taken one) cannot be reached by edges, but its
                // text is kept: it becomes unsorted.
                let key = key
                    .filter(|k| !self.by_key.contains_key(k))
                    .unwrap_or_else(|| format!("\u{0}{i}"));
                self.by_key.insert(key.clone(), self.texts.len());
                let color = n
                    .get("color")
                    .and_then(Value::as_str)
                    .and_then(|c| color(c, b));
                let text = super::markdown::unescape_html(&strip_heading(
                    n.get("text").and_then(Value::as_str).unwrap_or_default(),
                ));
                self.texts.push(TextNode {
                    key,
                    text,
                    rect,
                    color,
                });
            }
            "group" => {
                let labelled = n
                    .get("label")
                    .and_then(Value::as_str)
                    .is_some_and(|l| !l.trim().is_empty());
                self.groups.push((rect, labelled));
            }
            "file" => {
                self.other_keys.extend(key);
                b.skipped.count(
                    "file node skipped (image or note file)",
                    "file nodes skipped (images or note files)",
                );
            }
            "link" => {
                self.other_keys.extend(key);
                b.skipped
                    .count("web link node skipped", "web link nodes skipped");
            }
            _ => {
                self.other_keys.extend(key);
                b.skipped.count(
                    "node of an unknown type skipped",
                    "nodes of an unknown type skipped",
                );
            }
        }
    }

    /// The centre of text node `i` (the origin if there is none).
    fn centre(&self, i: usize) -> Point {
        self.texts.get(i).map_or(Point::ZERO, |t| t.rect.center())
    }
}

/// The tree the edges make, in file order; what cannot be a tree edge is a cross-link.
struct Tree {
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    links: Vec<(usize, usize)>,
}

impl Tree {
    fn from_edges(board: &Board, edges: &[Value], b: &mut Builder) -> Tree {
        let n = board.texts.len();
        let mut tree = Tree {
            parent: vec![None; n],
            children: vec![Vec::new(); n],
            links: Vec::new(),
        };
        for e in edges {
            let end = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default();
            let (from, to) = (end("fromNode"), end("toNode"));
            let (Some(&a), Some(&c)) = (board.by_key.get(from), board.by_key.get(to)) else {
                // Edges to skipped nodes go with them; edges to nothing are worth a word.
                if !(board.other_keys.contains(from) || board.other_keys.contains(to)) {
                    b.skipped.count(
                        "edge to a missing node skipped",
                        "edges to missing nodes skipped",
                    );
                }
                continue;
            };
            let ours = board.ours;
            let is_link = ours
                && e.get("id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| id.starts_with('l'));
            let into_question = ours
                && board
                    .texts
                    .get(c)
                    .is_some_and(|t| kind_of(&t.key) == Some('q'));
            let has_parent = tree.parent.get(c).is_some_and(Option::is_some);
            if a == c || is_link || into_question || has_parent || is_ancestor(&tree.parent, c, a) {
                if a != c {
                    tree.links.push((a, c));
                }
                continue;
            }
            if let (Some(up), Some(kids)) = (tree.parent.get_mut(c), tree.children.get_mut(a)) {
                *up = Some(a);
                kids.push(c);
            }
        }
        tree
    }
}

/// Tables from the questions, left to right, and every loose note into the table of the group
/// frame holding it (with a question), else of the nearest question.
fn place(board: &Board, tree: &Tree, b: &mut Builder) -> Result<(), FileError> {
    let (texts, children, ours) = (&board.texts, &tree.children, board.ours);
    // Roots: questions (with children, or marked `q`) and loose notes.
    let roots: Vec<usize> = (0..texts.len())
        .filter(|&i| tree.parent.get(i).is_some_and(Option::is_none))
        .collect();
    let is_question = |i: usize| match texts.get(i).map(|t| kind_of(&t.key)) {
        Some(Some('q')) => true,
        Some(Some(_)) if ours => false,
        _ => children.get(i).is_some_and(|c| !c.is_empty()),
    };
    let mut questions: Vec<usize> = roots.iter().copied().filter(|&i| is_question(i)).collect();
    let loose: Vec<usize> = roots.iter().copied().filter(|&i| !is_question(i)).collect();
    for &r in &roots {
        if depth_below(children, r) > MAX_DEPTH {
            return Err(too_deep());
        }
    }
    // Tables left to right, as our export lays them out and as people read a board.
    questions.sort_by(|&a, &b| {
        let (pa, pb) = (board.centre(a), board.centre(b));
        pa.x.total_cmp(&pb.x).then(pa.y.total_cmp(&pb.y))
    });

    let mut table_of_question: Vec<(usize, usize)> = Vec::new();
    for &q in &questions {
        let o = outline(texts, children, q, board.centre(q), ours);
        table_of_question.push((q, b.add_table(o)));
    }
    if table_of_question.is_empty() && !loose.is_empty() {
        table_of_question.push((usize::MAX, b.add_table(Outline::new(DEFAULT_QUESTION))));
    }
    for i in loose {
        let Some((q, table)) = table_for(board, &table_of_question, board.centre(i)) else {
            continue;
        };
        let origin = if q == usize::MAX {
            Point::ZERO
        } else {
            board.centre(q)
        };
        b.add_unsorted(table, outline(texts, children, i, origin, ours));
    }
    Ok(())
}

/// The (question, table) a loose note at `c` goes to: the group frame holding the note and a
/// question decides; else the nearest question.
fn table_for(
    board: &Board,
    table_of_question: &[(usize, usize)],
    c: Point,
) -> Option<(usize, usize)> {
    let framed = board.groups.iter().find_map(|(g, _)| {
        if !g.contains(c) {
            return None;
        }
        table_of_question
            .iter()
            .find(|(q, _)| g.contains(board.centre(*q)))
            .copied()
    });
    let nearest = table_of_question
        .iter()
        .min_by(|x, y| {
            c.distance(board.centre(x.0))
                .total_cmp(&c.distance(board.centre(y.0)))
        })
        .copied();
    framed.or(nearest)
}

/// Farthest a canvas coordinate or size is read, in canvas units: far beyond any real board
/// (ten thousand screens), and small enough that sums and differences of positions stay finite.
const MAX_COORDINATE: f64 = 1.0e7;

/// A number of the file as a coordinate: missing means 0, and a huge one (JSON allows 1e308,
/// which is infinite as an `f32`) is brought back to [`MAX_COORDINATE`].
fn coordinate(v: Option<f64>) -> f32 {
    match v {
        Some(v) if v.is_finite() => v.clamp(-MAX_COORDINATE, MAX_COORDINATE) as f32,
        _ => 0.0,
    }
}

/// Canvas texts are Markdown: people mark a central node as a heading (`## Question`) to make
/// it big. CaféMap draws questions big already, so the marks go.
fn strip_heading(text: &str) -> String {
    let level = text.chars().take_while(|&c| c == '#').count();
    match text.get(level..) {
        Some(rest) if (1..=6).contains(&level) && rest.starts_with(' ') => {
            rest.trim_start().to_owned()
        }
        _ => text.to_owned(),
    }
}

/// The kind letter of one of our own ids (`q12` → `q`), if the id has that shape.
fn kind_of(key: &str) -> Option<char> {
    let mut chars = key.chars();
    let k = chars
        .next()
        .filter(|c| matches!(c, 'q' | 't' | 'i' | 'u'))?;
    let rest = chars.as_str();
    (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then_some(k)
}

/// True if `ancestor` is `node` or above it.
fn is_ancestor(parent: &[Option<usize>], ancestor: usize, node: usize) -> bool {
    crate::model::climbs_to(node, ancestor, parent.len(), |c| {
        parent.get(c).copied().flatten()
    })
}

fn depth_below(children: &[Vec<usize>], root: usize) -> usize {
    let mut max = 0;
    let mut stack = vec![(root, 0usize)];
    while let Some((n, d)) = stack.pop() {
        max = max.max(d);
        if d > MAX_DEPTH {
            break;
        }
        if let Some(cs) = children.get(n) {
            stack.extend(cs.iter().map(|&c| (c, d + 1)));
        }
    }
    max
}

/// The outline below node `i` (depth already checked), positions relative to `origin`.
fn outline(
    texts: &[TextNode],
    children: &[Vec<usize>],
    i: usize,
    origin: Point,
    ours: bool,
) -> Outline {
    let Some(t) = texts.get(i) else {
        return Outline::default();
    };
    let mut o = Outline::new(t.text.clone());
    o.color = t.color;
    o.key = Some(t.key.clone());
    o.pos = Some(t.rect.center() - origin);
    if ours && kind_of(&t.key) == Some('i') {
        o.hint = Hint::Idea;
    }
    if let Some(cs) = children.get(i) {
        o.children = cs
            .iter()
            .map(|&c| outline(texts, children, c, origin, ours))
            .collect();
    }
    o
}

/// A canvas colour: `#rrggbb` or one of the six presets (red, orange, yellow, green, cyan,
/// purple), read as the nearest palette entry.
fn color(c: &str, b: &mut Builder) -> Option<NoteColor> {
    let preset = match c.trim() {
        "1" => Some(Paper::Vermilion),
        "2" => Some(Paper::Orange),
        "3" => Some(Paper::Yellow),
        "4" => Some(Paper::Green),
        "5" => Some(Paper::Sky),
        "6" => Some(Paper::Purple),
        _ => None,
    };
    if let Some(p) = preset {
        return Some(NoteColor::Palette(p));
    }
    b.color(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tables_from_edges() {
        let json = r##"{"nodes":[
            {"id":"a","type":"text","text":"Question","x":0,"y":0,"width":200,"height":80},
            {"id":"b","type":"text","text":"Theme","x":300,"y":0,"width":100,"height":40,"color":"5"},
            {"id":"c","type":"text","text":"Idea","x":500,"y":0,"width":100,"height":40},
            {"id":"d","type":"text","text":"Loose","x":100,"y":300,"width":100,"height":40},
            {"id":"f","type":"file","file":"pic.png","x":0,"y":0,"width":10,"height":10},
            {"id":"g","type":"group","label":"Room A","x":-50,"y":-50,"width":800,"height":500}
          ],"edges":[
            {"id":"1","fromNode":"a","toNode":"b"},{"id":"2","fromNode":"b","toNode":"c"},
            {"id":"3","fromNode":"a","toNode":"c"},{"id":"4","fromNode":"a","toNode":"f"}
          ]}"##;
        let imp = parse(json).unwrap();
        let c = &imp.cafe;
        assert_eq!(c.counts(), (1, 1, 2));
        let t = &c.tables[0];
        assert_eq!(t.question_node().text, "Question");
        assert_eq!(t.unsorted().len(), 1);
        let theme = t.themes()[0];
        assert_eq!(
            t.node(theme).and_then(|n| n.color),
            Some(NoteColor::Palette(Paper::Sky))
        );
        assert_eq!(
            t.links().len(),
            1,
            "second parent edge kept as a cross-link"
        );
        assert!(
            imp.skipped.iter().any(|s| s.contains("file node")),
            "{:?}",
            imp.skipped
        );
        assert!(
            imp.skipped.iter().any(|s| s.contains("group label")),
            "{:?}",
            imp.skipped
        );
        c.validate().unwrap();
    }

    #[test]
    fn loose_notes_only_make_one_table() {
        let json =
            r#"{"nodes":[{"id":"a","type":"text","text":"one"},{"type":"text","text":"two"}]}"#;
        let imp = parse(json).unwrap();
        assert_eq!(imp.cafe.tables.len(), 1);
        assert_eq!(imp.cafe.tables[0].unsorted().len(), 2);
    }

    #[test]
    fn refuses_what_is_not_a_canvas() {
        assert!(
            parse("[1,2]")
                .unwrap_err()
                .reason
                .contains("not a JSON Canvas")
        );
        assert!(
            parse("{\"nodes\": [")
                .unwrap_err()
                .reason
                .contains("not valid JSON")
        );
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(
            parse(&deep)
                .unwrap_err()
                .reason
                .contains("nested too deeply")
        );
    }

    #[test]
    fn refuses_deep_edge_chains() {
        let n = MAX_DEPTH + 10;
        let nodes: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id":"n{i}","type":"text","text":"x"}}"#))
            .collect();
        let edges: Vec<String> = (1..n)
            .map(|i| format!(r#"{{"id":"e{i}","fromNode":"n{}","toNode":"n{i}"}}"#, i - 1))
            .collect();
        let json = format!(
            r#"{{"nodes":[{}],"edges":[{}]}}"#,
            nodes.join(","),
            edges.join(",")
        );
        assert!(parse(&json).unwrap_err().reason.contains("levels deep"));
    }
}
