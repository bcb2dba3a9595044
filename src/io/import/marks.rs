//! The harvest as it is written in files: what a typed note's marks say ([`Harvest`], read by
//! [`crate::text::marks`], the one grammar of typed marks, for the typed-notes, Markdown and
//! indented-text importers), and the attribute values our interchange exports write (CSV
//! columns, Freeplane node attributes, OPML outline attributes), read back here.

use crate::model::{DotKind, MAX_DOT_KINDS, Node, NodeKind, Rgb, Votes};
use crate::text::marks::{Marked, add_tag};

/// What a note's marks say about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Harvest {
    pub votes: Votes,
    pub tags: Vec<String>,
    pub round: Option<u32>,
    pub contributor: String,
    pub owner: String,
    pub due: String,
    /// The number (from 1) of the table the idea was written at, as an export wrote it.
    pub origin_table: Option<usize>,
}

impl From<Marked> for Harvest {
    /// What a typed line's marks say (its round, when it is a round marker, is the reader's to
    /// use: it applies to the lines after it).
    fn from(m: Marked) -> Harvest {
        Harvest {
            votes: m.votes,
            tags: m.tags,
            owner: m.owner,
            due: m.due,
            ..Harvest::default()
        }
    }
}

impl Harvest {
    /// Copies what was read onto a node (the origin table is resolved by the caller, which
    /// knows the tables). Tags already on the node are kept.
    pub fn apply_to(self, node: &mut Node) {
        node.votes = node.votes.plus(self.votes);
        for tag in &self.tags {
            add_tag(&mut node.tags, tag);
        }
        if node.kind == NodeKind::Question {
            return;
        }
        node.origin.round = self.round.or(node.origin.round);
        if !self.contributor.is_empty() {
            node.origin.contributor = self.contributor;
        }
        if !self.owner.is_empty() {
            node.owner = self.owner;
        }
        if !self.due.is_empty() {
            node.due = self.due;
        }
    }
}

// ---- Attribute values of our exports ----

/// Sticker colours for dot kinds an imported file names without a colour: strong, and apart
/// from one another for colour-blind readers (Okabe–Ito).
pub const DEFAULT_DOT_COLORS: [Rgb; MAX_DOT_KINDS] = [
    Rgb(0xd5, 0x5e, 0x00),
    Rgb(0x00, 0x9e, 0x73),
    Rgb(0x00, 0x72, 0xb2),
    Rgb(0xcc, 0x79, 0xa7),
];

/// A node's votes as exports write them: a plain count when the café names no dot kinds
/// (`3`), else each kind with dots by name, `priorité:3;faisable:1`; empty without votes. A kind
/// past the named ones (which the window never makes) is written by its number.
pub fn votes_value(votes: &Votes, kinds: &[DotKind]) -> String {
    if kinds.is_empty() && votes.counts().len() <= 1 {
        return match votes.of(0) {
            0 => String::new(),
            n => n.to_string(),
        };
    }
    votes
        .counts()
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| match kinds.get(i) {
            Some(k) => format!("{}:{n}", escape_item(&k.name, &[';', ':'])),
            None => format!("{}:{n}", i + 1),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`votes_value`]. A kind the café does not name yet is added (with a default colour),
/// so that a partner's file keeps its kinds; `None` for a value that is not votes.
pub fn read_votes(value: &str, kinds: &mut Vec<DotKind>) -> Option<Votes> {
    let value = value.trim();
    if value.is_empty() {
        return Some(Votes::default());
    }
    if let Ok(n) = value.parse::<u32>() {
        return Some(Votes::single(n));
    }
    let mut votes = Votes::default();
    for entry in split_items(value) {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        // The count never holds a `:`, so the last one ends the (escaped) name.
        let (name, n) = entry.rsplit_once(':')?;
        let n: u32 = n.trim().parse().ok()?;
        let kind = kind_index(unescape_item(name).trim(), kinds)?;
        votes = votes.with(kind, votes.of(kind).saturating_add(n));
    }
    Some(votes)
}

/// The index of the kind called `name`, adding it if there is room. A bare number `k` no kind
/// is called is kind `k` (how [`votes_value`] writes an unnamed kind).
pub fn kind_index(name: &str, kinds: &mut Vec<DotKind>) -> Option<usize> {
    if let Some(i) = kinds.iter().position(|k| k.name == name) {
        return Some(i);
    }
    if let Ok(k) = name.parse::<usize>() {
        return (1..=MAX_DOT_KINDS).contains(&k).then(|| k - 1);
    }
    if name.is_empty() || kinds.len() >= MAX_DOT_KINDS {
        return None;
    }
    let color = DEFAULT_DOT_COLORS
        .get(kinds.len())
        .copied()
        .unwrap_or(DEFAULT_DOT_COLORS[0]);
    kinds.push(DotKind {
        name: name.to_owned(),
        color,
    });
    Some(kinds.len() - 1)
}

/// The café's dot kinds as exports write them on each table's question: `priorité #d55e00;…`.
pub fn dot_kinds_value(kinds: &[DotKind]) -> String {
    kinds
        .iter()
        .map(|k| format!("{} {}", escape_item(&k.name, &[';']), k.color.hex()))
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`dot_kinds_value`] into the kinds the café names so far (the first file naming a kind
/// sets its colour); `None` for a value that is not a list of kinds.
pub fn read_dot_kinds(value: &str, kinds: &mut Vec<DotKind>) -> Option<()> {
    for entry in split_items(value) {
        let entry = unescape_item(entry.trim());
        let entry = entry.as_str();
        if entry.is_empty() {
            continue;
        }
        let (name, color) = match entry.rsplit_once(' ') {
            Some((name, c)) => match c.parse::<crate::model::NoteColor>() {
                Ok(color) => (name.trim(), Some(color.rgb())),
                Err(_) => (entry, None),
            },
            None => (entry, None),
        };
        add_dot_kind(name, color, kinds)?;
    }
    Some(())
}

/// Names a dot kind (the first file naming it sets its colour); `None` when there is no room.
pub fn add_dot_kind(name: &str, color: Option<Rgb>, kinds: &mut Vec<DotKind>) -> Option<()> {
    let known = kinds.iter().any(|k| k.name == name);
    let i = kind_index(name, kinds)?;
    if !known && let (Some(c), Some(k)) = (color, kinds.get_mut(i)) {
        k.color = c;
    }
    Some(())
}

/// Tags as exports write them: `jeunesse;action` (a `;` inside a tag escaped, `a\;b`).
pub fn tags_value(tags: &[String]) -> String {
    tags.iter()
        .map(|t| escape_item(t, &[';']))
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`tags_value`] (a leading `#` on a tag is dropped: people type it). What it gives
/// reads back the same once written: no tag starts with `#` or a space, even `# x` or `#\n#x`.
pub fn read_tags(value: &str) -> Vec<String> {
    let mut tags = Vec::new();
    for t in split_items(value) {
        let t = unescape_item(t.trim());
        add_tag(
            &mut tags,
            t.trim_start_matches(|c: char| c == '#' || c.is_whitespace())
                .trim_end(),
        );
    }
    tags
}

/// The café's synonyms as exports write them: the words of a group `,`-separated, the groups
/// `;`-separated (`élus, conseillers; jeunes, jeunesse`), a separator inside a word escaped.
pub fn synonyms_value(groups: &[Vec<String>]) -> String {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|w| escape_item(w, &[';', ',']))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads [`synonyms_value`]: groups of at least two words, each word once.
pub fn read_synonyms(value: &str) -> Vec<Vec<String>> {
    let mut groups = Vec::new();
    for group in split_on(value, ';') {
        let mut words: Vec<String> = Vec::new();
        for w in split_on(group, ',') {
            let w = unescape_item(w.trim());
            let w = w.trim();
            if !w.is_empty() && !words.iter().any(|x| x == w) {
                words.push(w.to_owned());
            }
        }
        if words.len() > 1 {
            groups.push(words);
        }
    }
    groups
}

/// A name inside a list value, with the value's separators `seps` and `\\` behind a backslash,
/// so that a dot kind or tag holding them comes back whole.
fn escape_item(name: &str, seps: &[char]) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c == '\\' || seps.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Undoes [`escape_item`]; any other backslash is kept as written (files of older versions).
fn unescape_item(item: &str) -> String {
    let mut out = String::with_capacity(item.len());
    let mut chars = item.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next)) if matches!(next, '\\' | ';' | ':' | ',') => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The `;`-separated items of a list value, still escaped (an escaped `;` does not split).
fn split_items(value: &str) -> Vec<&str> {
    split_on(value, ';')
}

/// The `sep`-separated items of a value, still escaped (an escaped `sep` does not split).
fn split_on(value: &str, sep: char) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == sep => {
                items.push(value.get(start..i).unwrap_or(""));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push(value.get(start..).unwrap_or(""));
    items
}

/// A round or table number as written (`2`); `None` for anything else.
pub fn read_number<T: std::str::FromStr>(value: &str) -> Option<T> {
    value.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_and_kinds_values_read_back() {
        let mut kinds = Vec::new();
        assert_eq!(votes_value(&Votes::single(3), &kinds), "3");
        assert_eq!(votes_value(&Votes::default(), &kinds), "");
        assert_eq!(read_votes("3", &mut kinds), Some(Votes::single(3)));
        let v = read_votes("priorité:3;faisable:1", &mut kinds).unwrap();
        assert_eq!(v, Votes::from_counts(&[3, 1]));
        assert_eq!(kinds.len(), 2);
        assert_eq!(votes_value(&v, &kinds), "priorité:3;faisable:1");
        assert_eq!(
            votes_value(&Votes::from_counts(&[0, 2]), &kinds),
            "faisable:2"
        );
        assert_eq!(read_votes("priorité:x", &mut kinds), None);
        let mut named = Vec::new();
        read_dot_kinds("priorité #ff0000;réserve : prudence #00ff00", &mut named).unwrap();
        assert_eq!(named[0].color, Rgb(255, 0, 0));
        assert_eq!(named[1].name, "réserve : prudence");
        assert_eq!(
            dot_kinds_value(&named),
            "priorité #ff0000;réserve : prudence #00ff00"
        );
        assert_eq!(read_tags("#a; b;;A"), ["a", "b"]);
        // Found by the list_values fuzz target: a tag left starting with a line break and `#`
        // did not read back.
        assert_eq!(read_tags("# x;#######\n##########"), ["x"]);
        // Separators inside names are escaped and come back whole.
        let mut odd = vec![DotKind {
            name: "pour: a;b".into(),
            color: Rgb(1, 2, 3),
        }];
        let v = Votes::from_counts(&[2]);
        let written = votes_value(&v, &odd);
        assert_eq!(written, "pour\\: a\\;b:2");
        assert_eq!(read_votes(&written, &mut odd), Some(v));
        assert_eq!(odd.len(), 1);
        let mut back = Vec::new();
        read_dot_kinds(&dot_kinds_value(&odd), &mut back).unwrap();
        assert_eq!(back[0].name, "pour: a;b");
        assert_eq!(back[0].color, Rgb(1, 2, 3));
        let tags = vec!["a;b".to_owned(), "c:d".to_owned(), "e\\".to_owned()];
        assert_eq!(read_tags(&tags_value(&tags)), tags);
    }
}
