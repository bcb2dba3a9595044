//! The harvest as it is written in files: marks a facilitator types around a sticky note (read by
//! the typed-notes and Markdown importers), and the attribute values our interchange exports
//! write (CSV columns, Freeplane node attributes, OPML outline attributes), read back here.
//!
//! Marks in a typed line:
//!
//! - **Round markers**: a line or heading that is only a round's name — `Tour 2`, `Round 2`,
//!   `2e tour`, `2ème tour`, `Deuxième tour`, `Second round`, `Round two`, in bold or followed by
//!   `:` too — sets the round of the ideas after it, until the next marker. A longer line
//!   ("Round 2 of funding is needed") is an idea.
//! - **Tags**: `#word` (a letter of any script, then letters, digits, `_` and inner `-`, so `#3`
//!   stays a number) at the start of the text or after a space or an opening bracket, so
//!   `C#`, `&#233;` and a link's `page#part` stay text. Tags leading or ending the text are taken
//!   out of it; a tag inside a sentence keeps its word ("former les #jeunes" → "former les
//!   jeunes"): the note reads as a sentence and its tags are chips, as when typed in the window.
//! - **Votes**: a trailing `+3` or run of dots (`●●●`, `•••`, `⬤⬤`) after the text: 3 dots of the
//!   first kind. A bullet at the start of a line is a list marker, read before (`text::indent`).
//! - **Owner and due date**, on an idea tagged `#action` only (elsewhere `@` and brackets are
//!   ordinary text): a trailing `@Name` (`_` for a space: `@Awa_Diop`), and a trailing `(avant le 31/03)`, `(d'ici juin)`,
//!   `(échéance 2026-03-31)`, `(due …)`, `(by …)` or bare `(31/03)`; the date is kept as typed.
//!
//! Marks are taken out only when some text remains: a line of nothing but `#tags` or dots stays
//! as typed, so an import never empties a note.

use crate::model::{ACTION_TAG, DotKind, MAX_DOT_KINDS, Node, NodeKind, Rgb, Votes};
use crate::text::fold;

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

impl Harvest {
    /// Copies what was read onto a node (the origin table is resolved by the caller, which
    /// knows the tables). Tags already on the node are kept.
    pub fn apply_to(self, node: &mut Node) {
        node.votes = node.votes.plus(self.votes);
        for tag in self.tags {
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

/// Adds a tag unless the list has it already in any case.
fn add_tag(tags: &mut Vec<String>, tag: String) {
    if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
        tags.push(tag);
    }
}

/// Largest round a marker names: cafés have three or four, a number past this is something else.
const MAX_ROUND: u32 = 99;

/// Largest vote count read from a `+N` mark (a wider number is text, such as an amount).
const MAX_MARKED_VOTES: u32 = 9999;

/// Dots typed or pasted to count votes.
const DOTS: [char; 5] = ['●', '•', '⬤', '∙', '◉'];

/// The round a line names when it is only a round marker (see the module's rules).
pub fn round_marker(line: &str) -> Option<u32> {
    let mut s = line.trim();
    // Bold or italic pseudo-headings: **Tour 2**, _Round 2_.
    loop {
        let inner = s
            .strip_prefix("**")
            .and_then(|x| x.strip_suffix("**"))
            .or_else(|| s.strip_prefix("__").and_then(|x| x.strip_suffix("__")))
            .or_else(|| s.strip_prefix('*').and_then(|x| x.strip_suffix('*')))
            .or_else(|| s.strip_prefix('_').and_then(|x| x.strip_suffix('_')));
        match inner {
            Some(i) => s = i.trim(),
            None => break,
        }
    }
    let s = s.trim_end_matches([':', '.', '-', '–', '—', ' ', '\u{a0}', '\u{202f}']);
    let folded = fold(s).replace('ᵉ', "e");
    let words: Vec<&str> = folded.split_whitespace().collect();
    let n = match words.as_slice() {
        [w, n] if is_round_word(w) => cardinal(n),
        [w, "n°" | "no" | "n" | "#", n] if is_round_word(w) => cardinal(n),
        [o, w] if is_round_word(w) => ordinal(o),
        _ => None,
    }?;
    (1..=MAX_ROUND).contains(&n).then_some(n)
}

fn is_round_word(w: &str) -> bool {
    matches!(w, "tour" | "round" | "rotation")
}

/// `2`, `n°2`, `#2`, `two`, `deux`.
fn cardinal(w: &str) -> Option<u32> {
    let digits = w
        .trim_start_matches("n°")
        .trim_start_matches('#')
        .trim_start_matches("no");
    if let Ok(n) = digits.parse::<u32>() {
        return Some(n);
    }
    let words = [
        ["un", "one"],
        ["deux", "two"],
        ["trois", "three"],
        ["quatre", "four"],
        ["cinq", "five"],
        ["six", "six"],
    ];
    (1u32..)
        .zip(words)
        .find(|(_, ws)| ws.contains(&w))
        .map(|(n, _)| n)
}

/// `2e`, `2eme`, `1er`, `1re`, `2nd`, `3rd`, `deuxieme`, `second`, `third`… (already folded).
fn ordinal(w: &str) -> Option<u32> {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let suffix = w.get(digits.len()..)?;
        let suffixes = [
            "e", "eme", "em", "er", "ere", "re", "nd", "nde", "d", "st", "rd", "th", "ieme",
        ];
        return suffixes
            .contains(&suffix)
            .then(|| digits.parse().ok())
            .flatten();
    }
    let words: [&[&str]; 6] = [
        &["premier", "premiere", "first"],
        &["deuxieme", "second", "seconde"],
        &["troisieme", "third"],
        &["quatrieme", "fourth"],
        &["cinquieme", "fifth"],
        &["sixieme", "sixth"],
    ];
    (1u32..)
        .zip(words)
        .find(|(_, ws)| ws.contains(&w))
        .map(|(n, _)| n)
}

/// Reads the marks of one note's text: the text without its marks, and what they said.
pub fn read(text: &str) -> (String, Harvest) {
    let mut harvest = Harvest::default();
    let is_action = tag_positions(text)
        .iter()
        .any(|(_, tag, _)| tag.eq_ignore_ascii_case(ACTION_TAG));
    // Trailing marks, from the end, while text would remain before them.
    let mut rest = text.trim_end();
    let mut trailing_tags: Vec<String> = Vec::new();
    let mut owners: Vec<String> = Vec::new();
    loop {
        if is_action
            && let Some((head, due)) = trailing_due(rest)
            && has_text(head)
            && harvest.due.is_empty()
        {
            harvest.due = due;
            rest = head.trim_end();
            continue;
        }
        let (head, last) = rest
            .rsplit_once(char::is_whitespace)
            .map_or(("", rest), |(h, l)| (h.trim_end(), l));
        if !has_text(head) {
            break;
        }
        if let Some(tag) = whole_tag(last) {
            trailing_tags.push(tag);
        } else if let Some(n) = vote_mark(last) {
            harvest.votes = harvest.votes.adjusted(0, i64::from(n));
        } else if let Some(owner) = last.strip_prefix('@').filter(|_| is_action)
            && is_name(owner)
        {
            // A name is one word: `@Awa_Diop` is how an export writes "Awa Diop".
            owners.push(owner.replace('_', " "));
        } else {
            break;
        }
        rest = head;
    }
    owners.reverse();
    harvest.owner = owners.join(", ");
    // Leading tags.
    let mut leading_tags = Vec::new();
    let mut body = rest.trim_start();
    while let Some((first, tail)) = body.split_once(char::is_whitespace)
        && let Some(tag) = whole_tag(first)
        && has_text(tail)
    {
        leading_tags.push(tag);
        body = tail.trim_start();
    }
    if !has_text(body) {
        // Nothing but tags: kept as typed.
        return (text.trim().to_owned(), Harvest::default());
    }
    // Tags inside the sentence keep their word.
    let mut clean = String::with_capacity(body.len());
    let mut last = 0;
    for (at, tag, _) in tag_positions(body) {
        clean.push_str(body.get(last..at).unwrap_or_default());
        leading_tags.push(tag);
        last = at + '#'.len_utf8();
    }
    clean.push_str(body.get(last..).unwrap_or_default());
    trailing_tags.reverse();
    for tag in leading_tags.into_iter().chain(trailing_tags) {
        add_tag(&mut harvest.tags, tag);
    }
    (clean, harvest)
}

/// Whether a text has a word left that is not a tag (marks never take a note's last word).
fn has_text(s: &str) -> bool {
    s.split_whitespace()
        .any(|w| whole_tag(w).is_none() && w.chars().any(char::is_alphanumeric))
}

/// A tag's word after `#`: a letter, then letters, digits, `_` and inner `-` (as the window reads
/// a `#word` typed in a note). Returns the word and its length in bytes.
fn tag_word(after_hash: &str) -> Option<(&str, usize)> {
    let len: usize = after_hash
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .map(char::len_utf8)
        .sum();
    let word = after_hash.get(..len)?.trim_end_matches(['-', '_']);
    word.chars()
        .next()
        .is_some_and(char::is_alphabetic)
        .then_some((word, word.len()))
}

/// A whitespace-free token that is one tag, maybe followed by punctuation (`#action.`).
fn whole_tag(token: &str) -> Option<String> {
    let (word, len) = tag_word(token.strip_prefix('#')?)?;
    let after = token.get(1 + len..)?;
    after
        .chars()
        .all(|c| matches!(c, '.' | ',' | ';' | '!' | '?' | ')' | ']'))
        .then(|| word.to_owned())
}

/// Every tag of a text: byte offset of its `#`, its word, its length with the `#`.
fn tag_positions(text: &str) -> Vec<(usize, String, usize)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts_word = prev.is_none_or(|p| p.is_whitespace() || "([{«“\"'".contains(p));
        if c == '#'
            && starts_word
            && let Some((word, len)) = text.get(at + 1..).and_then(tag_word)
        {
            out.push((at, word.to_owned(), len + 1));
        }
        prev = Some(c);
    }
    out
}

/// `+3`, `(+3)` or a run of dots `●●●`: the votes it counts.
fn vote_mark(token: &str) -> Option<u32> {
    let t = token
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(token);
    if let Some(n) = t.strip_prefix('+') {
        return n
            .chars()
            .all(|c| c.is_ascii_digit())
            .then(|| n.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=MAX_MARKED_VOTES).contains(n));
    }
    let dots = t.chars().count();
    (dots > 0 && t.chars().all(|c| DOTS.contains(&c)))
        .then(|| u32::try_from(dots).ok())
        .flatten()
}

/// A person or group after `@`: starts with a letter, then letters, digits, `-`, `_`, `.`.
fn is_name(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '\'' | '’'))
}

/// A trailing `(avant le 31/03)`: the text before it and the date as typed.
fn trailing_due(text: &str) -> Option<(&str, String)> {
    let inner_end = text.strip_suffix(')')?;
    let (head, inner) = inner_end.rsplit_once('(')?;
    let inner = inner.trim();
    let folded = fold(inner);
    let lead_ins = [
        "avant le ",
        "avant ",
        "d'ici le ",
        "d'ici ",
        "pour le ",
        "echeance :",
        "echeance:",
        "echeance ",
        "due ",
        "due:",
        "by ",
        "before ",
        "deadline ",
        "deadline:",
    ];
    for lead in lead_ins {
        if folded.starts_with(lead) {
            // The folded prefix has as many chars as the original (fold keeps these letters
            // one for one), so skip that many chars of the original.
            let date: String = inner.chars().skip(lead.chars().count()).collect();
            let date = date.trim().to_owned();
            return (!date.is_empty()).then_some((head, date));
        }
    }
    let looks_like_date = inner.chars().any(|c| c.is_ascii_digit())
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || "/-.".contains(c))
        && inner.chars().any(|c| "/-.".contains(c));
    looks_like_date.then(|| (head, inner.to_owned()))
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
            Some(k) => format!("{}:{n}", k.name),
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
    for entry in value.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let (name, n) = entry.rsplit_once(':')?;
        let n: u32 = n.trim().parse().ok()?;
        let kind = kind_index(name.trim(), kinds)?;
        votes = votes.with(kind, votes.of(kind).saturating_add(n));
    }
    Some(votes)
}

/// The index of the kind called `name`, adding it if there is room. A bare number `k` no kind
/// is called is kind `k` (how [`votes_value`] writes an unnamed kind).
fn kind_index(name: &str, kinds: &mut Vec<DotKind>) -> Option<usize> {
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
        .map(|k| format!("{} {}", k.name, k.color.hex()))
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`dot_kinds_value`] into the kinds the café names so far (the first file naming a kind
/// sets its colour); `None` for a value that is not a list of kinds.
pub fn read_dot_kinds(value: &str, kinds: &mut Vec<DotKind>) -> Option<()> {
    for entry in value.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let (name, color) = match entry.rsplit_once(' ') {
            Some((name, c)) => match c.parse::<crate::model::NoteColor>() {
                Ok(color) => (name.trim(), Some(color.rgb())),
                Err(_) => (entry, None),
            },
            None => (entry, None),
        };
        let known = kinds.iter().any(|k| k.name == name);
        let i = kind_index(name, kinds)?;
        if !known && let (Some(c), Some(k)) = (color, kinds.get_mut(i)) {
            k.color = c;
        }
    }
    Some(())
}

/// Tags as exports write them: `jeunesse;action`.
pub fn tags_value(tags: &[String]) -> String {
    tags.join(";")
}

/// Reads [`tags_value`] (a leading `#` on a tag is dropped: people type it).
pub fn read_tags(value: &str) -> Vec<String> {
    let mut tags = Vec::new();
    for t in value.split(';') {
        add_tag(&mut tags, t.trim().trim_start_matches('#').to_owned());
    }
    tags
}

/// A round or table number as written (`2`); `None` for anything else.
pub fn read_number<T: std::str::FromStr>(value: &str) -> Option<T> {
    value.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_markers_in_french_and_english() {
        for (line, round) in [
            ("Tour 2", Some(2)),
            ("tour 2 :", Some(2)),
            ("TOUR N° 3", Some(3)),
            ("Round 2", Some(2)),
            ("**Round 1**", Some(1)),
            ("2e tour", Some(2)),
            ("2ème tour", Some(2)),
            ("2ᵉ tour", Some(2)),
            ("1er tour", Some(1)),
            ("Premier tour", Some(1)),
            ("Deuxième tour :", Some(2)),
            ("Second round", Some(2)),
            ("3rd round", Some(3)),
            ("Round two", Some(2)),
            ("Tour de table", None),
            ("Round 2 of funding is needed", None),
            ("Tour 0", None),
            ("Tour 2024", None),
            ("Tourisme 2", None),
            ("", None),
        ] {
            assert_eq!(round_marker(line), round, "{line:?}");
        }
    }

    fn tags(h: &Harvest) -> Vec<&str> {
        h.tags.iter().map(String::as_str).collect()
    }

    #[test]
    fn tags_leave_the_text_clean() {
        let (text, h) = read("Plus de bancs #jeunesse #Mobilité");
        assert_eq!(text, "Plus de bancs");
        assert_eq!(tags(&h), ["jeunesse", "Mobilité"]);
        let (text, h) = read("#action Appeler la mairie");
        assert_eq!(
            (text.as_str(), tags(&h)),
            ("Appeler la mairie", vec!["action"])
        );
        let (text, h) = read("Former les #jeunes au numérique, #vivre-ensemble.");
        assert_eq!(text, "Former les jeunes au numérique,");
        assert_eq!(tags(&h), ["jeunes", "vivre-ensemble"]);
        // Not tags: numbers, words glued to the #, links, entities, a lone tag.
        for plain in [
            "Ticket #12 réglé",
            "Le #2e tour",
            "Coder en C# et F#",
            "Voir https://exemple.org/page#section",
            "Écrire &#233; à la main",
            "#jeunesse",
            "# titre",
        ] {
            let (text, h) = read(plain);
            assert_eq!(text, plain);
            assert!(h.tags.is_empty(), "{plain:?}: {:?}", h.tags);
        }
    }

    #[test]
    fn trailing_votes_and_dots() {
        let (text, h) = read("Un jardin partagé +3");
        assert_eq!(
            (text.as_str(), h.votes),
            ("Un jardin partagé", Votes::single(3))
        );
        for line in [
            "Idée ●●●",
            "Idée •••",
            "Idée ⬤⬤⬤",
            "Idée (+3)",
            "Idée ●● #budget ●",
        ] {
            let (text, h) = read(line);
            assert_eq!((text.as_str(), h.votes.of(0)), ("Idée", 3), "{line:?}");
        }
        // Amounts, temperatures and lone dots are text.
        for plain in [
            "Budget de +15000000 €",
            "Il fait -5",
            "•••",
            "+3",
            "Un 3+ ici",
        ] {
            let (text, h) = read(plain);
            assert_eq!(text, plain);
            assert!(h.votes.is_empty(), "{plain:?}");
        }
    }

    #[test]
    fn owner_and_due_on_actions_only() {
        let (text, h) = read("Appeler la mairie #action @Awa (avant le 31/03) +2");
        assert_eq!(text, "Appeler la mairie");
        assert_eq!(tags(&h), ["action"]);
        assert_eq!((h.owner.as_str(), h.due.as_str()), ("Awa", "31/03"));
        assert_eq!(h.votes.of(0), 2);
        let (_, h) = read("#action Relancer le budget @Jean @Léa (d’ici juin)");
        assert_eq!((h.owner.as_str(), h.due.as_str()), ("Jean, Léa", "juin"));
        let (_, h) = read("Écrire le compte rendu #action (2026-03-31)");
        assert_eq!(h.due, "2026-03-31");
        let plain = "Merci @Awa (avant le 31/03)";
        let (text, h) = read(plain);
        assert_eq!(text, plain);
        assert!(h.owner.is_empty() && h.due.is_empty());
    }

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
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]

            /// Any line reads without a panic, and marks never take a note's last word.
            #[test]
            fn reading_never_empties_a_note(line in "(\\PC|[#●+@() ]){0,40}") {
                let (text, harvest) = read(&line);
                if has_text(&line) {
                    prop_assert!(text.chars().any(char::is_alphanumeric), "{line:?} → {text:?}");
                } else {
                    prop_assert_eq!(text, line.trim());
                    prop_assert_eq!(harvest, Harvest::default());
                }
            }

            /// A sentence followed by tags and votes, as the Markdown export writes them, reads
            /// back as that sentence, those tags and those votes.
            #[test]
            fn written_marks_read_back(
                words in prop::collection::vec("[a-zé]{1,8}", 1..5),
                tags in prop::collection::btree_set("[a-zé][a-zé0-9]{0,6}", 0..4),
                votes in 0u32..25,
            ) {
                let mut line = words.join(" ");
                for t in &tags {
                    line.push_str(&format!(" #{t}"));
                }
                match votes {
                    0 => {}
                    n if n <= 10 => line.push_str(&format!(" {}", "●".repeat(n as usize))),
                    n => line.push_str(&format!(" +{n}")),
                }
                let (text, harvest) = read(&line);
                prop_assert_eq!(text, words.join(" "));
                prop_assert_eq!(harvest.tags, tags.into_iter().collect::<Vec<_>>());
                prop_assert_eq!(harvest.votes.of(0), votes);
            }
        }
    }
}
