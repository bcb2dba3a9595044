//! The grammar of what a facilitator types around a note's text: tags, dot votes, round markers
//! and an action's owner and due date. One reading for the window (a `#word` typed in a note
//! becomes a tag when the note is committed: [`take_tags`]), every importer of typed text
//! (notes, Markdown, indented text: [`parse_line`]) and the harvest; and one function for each
//! change to a set of tags ([`add_tag`], [`remove_tag`], [`rename_tag`]: tags are compared
//! without case). ARCHITECTURE.md ("Marks a facilitator types") has the rules with examples.
//!
//! - **Round markers**: a line that is only a round's name — `Tour 2`, `Round 2`, `2e tour`,
//!   `2ème tour`, `Deuxième tour`, `Second round`, `Round two`, in bold or followed by `:` too
//!   ([`round_marker`]). A longer line ("Round 2 of funding is needed") is an idea. `Sans tour`
//!   or `No round` ends the rounds: the ideas after it have none ([`no_round_marker`]; the
//!   Markdown export writes it before an idea without a round that follows ideas with one).
//! - **Tags**: `#word`: a letter of any script, then letters, digits, `_` and inner `-`, at the
//!   start of the text or after a space, an opening bracket or a quote. So `#3`, `##x`, a lone
//!   `#`, `C#`, `&#233;` and a link's `page#part` stay text, `#x-` and `#x.` are the tag `x`, and
//!   `(#x)` is the tag `x`. Tags leading or ending the text are taken out of it (with their
//!   punctuation or brackets); a tag inside a sentence keeps its word ("former les #jeunes" →
//!   "former les jeunes"): the note reads as a sentence and its tags are chips.
//! - **Votes**: a trailing `+3`, `(+3)` or run of dots (`●●●`, `•••`, `⬤⬤`): 3 dots of the first
//!   kind.
//! - **Owner and due date**, on a note tagged `#action` only (elsewhere `@` and brackets are
//!   ordinary text): a trailing `@Name` (`_` for a space: `@Awa_Diop`), and a trailing
//!   `(avant le 31/03)`, `(d'ici juin)`, `(échéance 2026-03-31)`, `(due …)`, `(by …)` or bare
//!   `(31/03)`; the date is kept as typed.
//!
//! Marks never take a note's last word: a text of nothing but marks stays as typed and carries
//! none, so reading never empties a note.

use crate::model::{ACTION_TAG, Votes};
use crate::text::fold;

/// What a line of typed text says: its text without its marks, and the marks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    /// Without `#`, in the order typed, once each (compared without case).
    pub tags: Vec<String>,
    pub votes: Votes,
    /// The round this line names when it is only a round marker (`Tour 2`); its text is then
    /// kept as typed, and the reader decides (importers start that round).
    pub round: Option<u32>,
    /// An action's owners (`@Awa @Jean` → "Awa, Jean").
    pub owner: String,
    /// An action's due date, as typed.
    pub due: String,
}

/// Reads every mark of one note's text (see the module's rules).
pub fn parse_line(text: &str) -> Marked {
    if let Some(round) = round_marker(text) {
        return Marked {
            text: text.trim().to_owned(),
            round: Some(round),
            ..Marked::default()
        };
    }
    read(text, true)
}

/// The tags typed in a note and its text without them, as the window reads a note when it is
/// committed: only tags (a `+3` or `@name` typed in the window stays text).
pub fn take_tags(text: &str) -> (String, Vec<String>) {
    let Marked { text, tags, .. } = read(text, false);
    (text, tags)
}

/// The marks of `text`: every kind, or (`all` false) tags only.
fn read(text: &str, all: bool) -> Marked {
    let mut marked = Marked::default();
    let is_action = all
        && tag_positions(text)
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
            && marked.due.is_empty()
        {
            marked.due = due;
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
        } else if let Some(n) = vote_mark(last).filter(|_| all) {
            marked.votes = marked.votes.adjusted(0, i64::from(n));
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
    marked.owner = owners.join(", ");
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
        return Marked {
            text: text.trim().to_owned(),
            ..Marked::default()
        };
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
        add_tag(&mut marked.tags, &tag);
    }
    marked.text = clean;
    marked
}

/// Whether a text has a word left that is not a tag (marks never take a note's last word).
fn has_text(s: &str) -> bool {
    s.split_whitespace()
        .any(|w| whole_tag(w).is_none() && w.chars().any(char::is_alphanumeric))
}

/// A tag's word after `#`: a letter, then letters, digits, `_` and inner `-`. Returns the word
/// and its length in bytes.
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

/// A whitespace-free token that is one tag, maybe followed by punctuation (`#action.`,
/// `#action-`) or in brackets (`(#action)`).
fn whole_tag(token: &str) -> Option<String> {
    let (open, inner) = match token.strip_prefix(['(', '[']) {
        Some(inner) => (true, inner),
        None => (false, token),
    };
    let (word, len) = tag_word(inner.strip_prefix('#')?)?;
    let after = inner.get(1 + len..)?;
    let closed = !open || after.starts_with([')', ']']);
    (closed
        && after
            .chars()
            .all(|c| matches!(c, '.' | ',' | ';' | '!' | '?' | ')' | ']' | '-' | '_')))
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

// ---- Sets of tags ----

/// Whether two tags are the same tag: tags are compared without case (`Budget` is `budget`).
pub fn same_tag(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// Whether `tags` hold `tag` in any case.
pub fn has_tag(tags: &[String], tag: &str) -> bool {
    tags.iter().any(|t| same_tag(t, tag))
}

/// Adds `tag` at the end unless `tags` hold it in any case (the first spelling stays). Whether
/// it was added.
pub fn add_tag(tags: &mut Vec<String>, tag: &str) -> bool {
    let add = !tag.is_empty() && !has_tag(tags, tag);
    if add {
        tags.push(tag.to_owned());
    }
    add
}

/// Removes `tag`, in any case. Whether it was there.
pub fn remove_tag(tags: &mut Vec<String>, tag: &str) -> bool {
    let before = tags.len();
    tags.retain(|t| !same_tag(t, tag));
    tags.len() != before
}

/// Renames `from` (in any case) to `to` where it stands; if `to` is there already, the two
/// become one. Whether anything changed.
pub fn rename_tag(tags: &mut Vec<String>, from: &str, to: &str) -> bool {
    let Some(at) = tags.iter().position(|t| same_tag(t, from)) else {
        return false;
    };
    let before = tags.clone();
    tags.retain(|t| !same_tag(t, from) && !same_tag(t, to));
    tags.insert(at.min(tags.len()), to.to_owned());
    *tags != before
}

/// A tag as stored, from what someone typed in a tag field: without `#`, trimmed, inner spaces
/// as hyphens; `None` if nothing is left.
pub fn clean_tag(tag: &str) -> Option<String> {
    let t = tag.trim().trim_start_matches('#').trim();
    let t: String = t.split_whitespace().collect::<Vec<_>>().join("-");
    (!t.is_empty()).then_some(t)
}

/// Largest round a marker names: cafés have three or four, a number past this is something else.
const MAX_ROUND: u32 = 99;

/// Largest vote count read from a `+N` mark (a wider number is text, such as an amount).
const MAX_MARKED_VOTES: u32 = 9999;

/// Dots typed or pasted to count votes.
const DOTS: [char; 5] = ['●', '•', '⬤', '∙', '◉'];

/// Whether a line is only the marker that ends the rounds ("Sans tour", "No round").
pub fn no_round_marker(line: &str) -> bool {
    let folded = fold(unemphasised(line));
    let words: Vec<&str> = folded.split_whitespace().collect();
    matches!(
        words.as_slice(),
        ["sans" | "hors", "tour"] | ["no" | "without", "round"]
    )
}

/// The round a line names when it is only a round marker (see the module's rules).
pub fn round_marker(line: &str) -> Option<u32> {
    let s = unemphasised(line);
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

/// A marker line without its emphasis and trailing punctuation: `**Tour 2** :` → `Tour 2`.
fn unemphasised(line: &str) -> &str {
    const TRAILING: [char; 8] = [':', '.', '-', '–', '—', ' ', '\u{a0}', '\u{202f}'];
    let mut s = line.trim().trim_end_matches(TRAILING);
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
    s.trim_end_matches(TRAILING)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `read` as the importers see it: the text and the marks apart.
    fn read_all(text: &str) -> (String, Marked) {
        let m = parse_line(text);
        (m.text.clone(), m)
    }

    #[test]
    fn round_markers_in_french_and_english() {
        for (line, round) in [
            ("Tour 2", Some(2)),
            ("tour 2 :", Some(2)),
            ("TOUR N° 3", Some(3)),
            ("Round 2", Some(2)),
            ("**Round 1**", Some(1)),
            ("**Tour 3** :", Some(3)),
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
            ("Sans tour", None),
            ("Tour 0", None),
            ("Tour 2024", None),
            ("Tourisme 2", None),
            ("", None),
        ] {
            assert_eq!(round_marker(line), round, "{line:?}");
        }
        for line in [
            "Sans tour",
            "**Hors tour** :",
            "No round",
            "_Without round_",
        ] {
            assert!(no_round_marker(line), "{line:?}");
        }
        for line in ["Tour 2", "Sans tour de table", "No round table", "sans"] {
            assert!(!no_round_marker(line), "{line:?}");
        }
    }

    fn tags(h: &Marked) -> Vec<&str> {
        h.tags.iter().map(String::as_str).collect()
    }

    #[test]
    fn tags_leave_the_text_clean() {
        let (text, h) = read_all("Plus de bancs #jeunesse #Mobilité");
        assert_eq!(text, "Plus de bancs");
        assert_eq!(tags(&h), ["jeunesse", "Mobilité"]);
        let (text, h) = read_all("#action Appeler la mairie");
        assert_eq!(
            (text.as_str(), tags(&h)),
            ("Appeler la mairie", vec!["action"])
        );
        let (text, h) = read_all("Former les #jeunes au numérique, #vivre-ensemble.");
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
            let (text, h) = read_all(plain);
            assert_eq!(text, plain);
            assert!(h.tags.is_empty(), "{plain:?}: {:?}", h.tags);
        }
    }

    #[test]
    fn trailing_votes_and_dots() {
        let (text, h) = read_all("Un jardin partagé +3");
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
            let (text, h) = read_all(line);
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
            let (text, h) = read_all(plain);
            assert_eq!(text, plain);
            assert!(h.votes.is_empty(), "{plain:?}");
        }
    }

    #[test]
    fn owner_and_due_on_actions_only() {
        let (text, h) = read_all("Appeler la mairie #action @Awa (avant le 31/03) +2");
        assert_eq!(text, "Appeler la mairie");
        assert_eq!(tags(&h), ["action"]);
        assert_eq!((h.owner.as_str(), h.due.as_str()), ("Awa", "31/03"));
        assert_eq!(h.votes.of(0), 2);
        let (_, h) = read_all("#action Relancer le budget @Jean @Léa (d’ici juin)");
        assert_eq!((h.owner.as_str(), h.due.as_str()), ("Jean, Léa", "juin"));
        let (_, h) = read_all("Écrire le compte rendu #action (2026-03-31)");
        assert_eq!(h.due, "2026-03-31");
        let plain = "Merci @Awa (avant le 31/03)";
        let (text, h) = read_all(plain);
        assert_eq!(text, plain);
        assert!(h.owner.is_empty() && h.due.is_empty());
    }

    #[test]
    fn edge_cases_of_the_tag_grammar() {
        // (typed, text after reading, tags)
        for (typed, text, tags) in [
            (
                "Faire venir les élus (#action)",
                "Faire venir les élus",
                vec!["action"],
            ),
            (
                "Un (#budget) partagé",
                "Un (budget) partagé",
                vec!["budget"],
            ),
            (
                "Faire venir les élus #action-",
                "Faire venir les élus",
                vec!["action"],
            ),
            ("Un #budget- partagé", "Un budget- partagé", vec!["budget"]),
            (
                "Faire venir les élus #action.",
                "Faire venir les élus",
                vec!["action"],
            ),
            ("Un #budget. Puis", "Un budget. Puis", vec!["budget"]),
            ("Voir ##budget ici", "Voir ##budget ici", Vec::<&str>::new()),
            ("Un # seul", "Un # seul", vec![]),
            ("Lire https://a.b/c#frag", "Lire https://a.b/c#frag", vec![]),
            (
                "Lire https://a.b/#frag demain",
                "Lire https://a.b/#frag demain",
                vec![],
            ),
            ("Coder en C# vite", "Coder en C# vite", vec![]),
            ("Le ticket #12", "Le ticket #12", vec![]),
            ("#Jeunesse #jeunesse former", "former", vec!["Jeunesse"]),
        ] {
            let tags: Vec<String> = tags.into_iter().map(str::to_owned).collect();
            let (window, found) = take_tags(typed);
            let m = parse_line(typed);
            assert_eq!(
                (m.text.as_str(), &m.tags),
                (text, &tags),
                "import {typed:?}"
            );
            assert_eq!((window.as_str(), &found), (text, &tags), "window {typed:?}");
        }
    }

    #[test]
    fn the_window_reads_tags_only() {
        let (text, tags) = take_tags("Créer un #budget participatif, #Jeunesse #action");
        assert_eq!(text, "Créer un budget participatif,");
        assert_eq!(tags, vec!["budget", "Jeunesse", "action"]);
        let (text, tags) = take_tags("Local #budget, vite\n#action");
        assert_eq!((text.as_str(), tags.len()), ("Local budget, vite", 2));
        let (text, tags) = take_tags("Salle n°#3 et C# #1");
        assert_eq!((text.as_str(), tags.len()), ("Salle n°#3 et C# #1", 0));
        // Votes and owners typed in the window stay text.
        let (text, tags) = take_tags("Appeler @Awa +3 #action");
        assert_eq!(
            (text.as_str(), tags),
            ("Appeler @Awa +3", vec!["action".to_owned()])
        );
    }

    #[test]
    fn tag_sets_ignore_case() {
        let mut tags = vec!["Budget".to_owned()];
        assert!(!add_tag(&mut tags, "budget"));
        assert!(add_tag(&mut tags, "jeunesse"));
        assert!(!add_tag(&mut tags, ""));
        assert!(has_tag(&tags, "JEUNESSE"));
        assert!(rename_tag(&mut tags, "BUDGET", "finances"));
        assert_eq!(tags, ["finances", "jeunesse"]);
        assert!(
            rename_tag(&mut tags, "finances", "Jeunesse"),
            "two become one"
        );
        assert_eq!(tags, ["Jeunesse"]);
        assert!(!rename_tag(&mut tags, "absent", "x"));
        assert!(remove_tag(&mut tags, "jeunesse"));
        assert!(tags.is_empty() && !remove_tag(&mut tags, "jeunesse"));
        assert_eq!(
            clean_tag(" # vivre ensemble "),
            Some("vivre-ensemble".to_owned())
        );
        assert_eq!(clean_tag(" # "), None);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]

            /// Any line reads without a panic, and marks never take a note's last word.
            #[test]
            fn reading_never_empties_a_note(line in "(\\PC|[#●+@() ]){0,40}") {
                let Marked { text, .. } = read(&line, true);
                let harvest = read(&line, true);
                if has_text(&line) {
                    prop_assert!(text.chars().any(char::is_alphanumeric), "{line:?} → {text:?}");
                } else {
                    prop_assert_eq!(text, line.trim());
                    prop_assert_eq!(harvest, Marked { text: line.trim().to_owned(), ..Marked::default() });
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
                let Marked { text, .. } = read(&line, true);
                let harvest = read(&line, true);
                prop_assert_eq!(text, words.join(" "));
                prop_assert_eq!(harvest.tags, tags.into_iter().collect::<Vec<_>>());
                prop_assert_eq!(harvest.votes.of(0), votes);
            }
        }
    }
}
