//! The reading rules of Tidy, each a small function over text so it can be tested alone.
//!
//! Text comes from PDF extraction, hurried typing or OCR: lines are broken wherever the slide's
//! box ended, and blank lines fall between the pieces of one note as often as between notes. The
//! rules look only at the edges of the pieces (how one ends, how the next starts), which is what a
//! reader uses too, and at a few words that never end a French or English phrase.

/// Words after which a phrase cannot stop (articles, prepositions, conjunctions, possessives):
/// a piece ending on one of them continues on the next piece. French first, then English.
/// "a" is both English and French ("on a"): either way the phrase goes on.
const CANNOT_END: &[&[&str]] = &[CANNOT_END_FR, CANNOT_END_EN];

/// The French words of [`CANNOT_END`].
const CANNOT_END_FR: &[&str] = &[
    "à", "au", "aux", "avec", "car", "ce", "ces", "cet", "cette", "chez", "comme", "dans", "de",
    "des", "dont", "du", "en", "entre", "et", "la", "le", "les", "leur", "leurs", "lors", "ma",
    "mais", "mes", "mon", "ne", "ni", "nos", "notre", "ou", "par", "parmi", "pour", "que", "qui",
    "sa", "sans", "se", "ses", "son", "sous", "sur", "ta", "tes", "ton", "un", "une", "vers",
    "via", "vos", "votre", "afin", "quand", "lorsque", "puis", "donc", "très", "chaque",
];

/// The English words of [`CANNOT_END`].
const CANNOT_END_EN: &[&str] = &[
    "a", "about", "among", "an", "and", "as", "at", "because", "between", "but", "by", "each",
    "every", "for", "per", "these", "those", "from", "if", "in", "into", "its", "my", "nor", "of",
    "on", "onto", "or", "our", "than", "that", "the", "their", "through", "to", "towards", "via",
    "whether", "which", "while", "who", "whose", "with", "within", "without", "your",
];

/// Whether a phrase cannot stop on `word` (lower case). An English word after a French one
/// is read in French: "deux fois par an" ends on the year, not on the English article.
fn cannot_end(word: &str, before: Option<&str>) -> bool {
    if CANNOT_END_FR.contains(&word) {
        return true;
    }
    let french_before = before.is_some_and(|b| {
        let b = b.to_lowercase();
        CANNOT_END_FR.contains(&b.as_str()) && !CANNOT_END_EN.contains(&b.as_str())
    });
    CANNOT_END_EN.contains(&word) && !french_before
}

/// Whether `word` (lower case) is one of [`CANNOT_END`].
fn is_function_word(word: &str) -> bool {
    CANNOT_END.iter().any(|list| list.contains(&word))
}

/// Whether a word as written (any case, punctuation aside) is one of [`CANNOT_END`].
pub fn is_function_word_text(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    is_function_word(&bare.to_lowercase())
}

/// Closing marks that may follow a phrase's final punctuation ("… festifs…)", « fin. »).
const CLOSERS: &[char] = &[')', ']', '»', '"', '”', '’', '\''];

/// Characters that end a sentence. A colon or a comma does not: both announce what follows.
const FINAL: &[char] = &['.', '!', '?', '…', ';'];

/// Characters that can only continue what came before when they start a piece: a slash
/// ("Sensibilisation" / "/ Education"), a closing bracket, an arrow, a comma, and the final
/// punctuation that French spacing leaves alone on a line ("… de chaleur" / "?"), and a per
/// cent sign, which French spacing leaves apart from its figure ("jusqu’à 50" / "%").
const CONTINUES: &[char] = &[
    '/', ')', ']', ',', '→', '&', '+', '»', '?', '!', ';', ':', '…', '%',
];

/// Labels that introduce a table's question when followed by a number: "Table 2 :",
/// "Question 3 –", "Atelier 1".
const TABLE_LABELS: &[&str] = &["table", "question", "atelier", "groupe", "group", "round"];

/// The piece without the closing marks at its end.
fn without_closers(text: &str) -> &str {
    text.trim_end().trim_end_matches(CLOSERS).trim_end()
}

/// Whether a phrase ends with a full stop, question or exclamation mark, ellipsis or semicolon
/// (closing brackets and quotes after it do not count).
pub fn ends_sentence(text: &str) -> bool {
    without_closers(text)
        .chars()
        .next_back()
        .is_some_and(|c| FINAL.contains(&c))
}

/// The last word of a phrase, lower-cased, without punctuation around it.
fn last_word(text: &str) -> Option<String> {
    let word = text.split_whitespace().next_back()?;
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// Whether the phrase stops on a word that cannot end one ("Appui sur les", "the role of").
pub fn ends_on_open_word(text: &str) -> bool {
    // A word followed by punctuation ("sur,") is not left hanging.
    let Some(c) = text.trim_end().chars().next_back() else {
        return false;
    };
    if !c.is_alphanumeric() {
        return false;
    }
    let before = text.split_whitespace().rev().nth(1);
    last_word(text).is_some_and(|w| cannot_end(&w, before))
}

/// Whether the phrase ends on a word broken by a hyphen ("mult-"), or on a dash announcing more
/// ("Outils –").
pub fn ends_on_dash(text: &str) -> bool {
    matches!(text.trim_end().chars().next_back(), Some('-' | '–' | '—'))
}

/// Whether a piece ends on a mark that joins it to what follows ("low literacy /", "parents
/// &", "grants →"), or on a colon before a number ("avec les usagers :" / "10 à 25 FCFA"): a
/// label's colon is followed by words, a phrase's by the figure it announces.
pub fn ends_on_joining_mark(text: &str, next: &str) -> bool {
    match text.trim_end().chars().next_back() {
        Some('/' | '&' | '+' | '→') => true,
        Some(':') => starts_with_figure(next),
        _ => false,
    }
}

/// Whether a bracket or French quotation mark opened in the phrase is still open: whatever
/// follows is inside it.
pub fn leaves_bracket_open(text: &str) -> bool {
    let mut round = 0i32;
    let mut guillemets = 0i32;
    for c in text.chars() {
        match c {
            '(' => round += 1,
            ')' => round -= 1,
            '«' => guillemets += 1,
            '»' => guillemets -= 1,
            _ => {}
        }
    }
    round > 0 || guillemets > 0
}

/// Whether the phrase ends with a comma: a list goes on.
pub fn ends_with_comma(text: &str) -> bool {
    text.trim_end().ends_with(',')
}

/// Whether a piece starts in lower case or with a mark that can only continue a phrase.
pub fn starts_as_continuation(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || CONTINUES.contains(&c) || c == '(')
}

/// Whether a piece starts with a figure ("1/3 de femmes", "5 times is fine"): a sticky note
/// seldom opens on one, a phrase broken before its figure often does. Under a label, it is the
/// label's first note ("Time and noise" / "30 min minimum …"); ending on a colon, it is a
/// lead-in of its own ("3 tables rondes :").
pub fn starts_with_figure(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

/// Whether a piece ends on a colon: it introduces what follows.
fn ends_on_colon(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// Whether a piece starts with a capital letter.
pub fn starts_with_capital(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Words of a phrase: runs of text holding a letter or digit ("–" and "/" alone are not words).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A numbered item: "1. Comment …", "2) Quels …", "3 – Les …". Returns the number and the text
/// after it. A number followed by a plain word ("3 tables rondes") is not an item.
pub fn numbered(text: &str) -> Option<(u32, &str)> {
    let t = text.trim_start();
    let digits = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    let (number, rest) = t.split_at_checked(digits)?;
    if number.len() > 2 {
        return None; // "2024 …" is a year, not an item
    }
    let rest = rest.trim_start();
    let mut chars = rest.chars();
    let mark = chars.next()?;
    if !matches!(mark, '.' | ')' | '–' | '-' | '—' | ':') {
        return None;
    }
    let after = chars.as_str();
    // "1.5 million" is a number, not an item: the mark must be followed by a space.
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let after = after.trim_start();
    if after.is_empty() {
        return None;
    }
    number.parse().ok().map(|n| (n, after))
}

/// A labelled question: "Table 2 : …", "Question 3 – …", "Atelier 1". Returns the number and
/// the question's text after the label (empty when the label stands alone on its line).
pub fn labelled(text: &str) -> Option<(u32, &str)> {
    let t = text.trim_start();
    let (label, rest) = t.split_once(char::is_whitespace)?;
    if !TABLE_LABELS.contains(&label.to_lowercase().as_str()) {
        return None;
    }
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number: u32 = digits.parse().ok()?;
    let after = rest.get(digits.len()..)?.trim_start();
    let after = after
        .strip_prefix([':', '.', '–', '-', '—', ')'])
        .unwrap_or(after)
        .trim_start();
    // "Table 2 ronde" is not a label: after the number comes a mark, the end, or the question.
    if !after.is_empty() && !starts_with_capital(after) && !after.starts_with(['«', '"']) {
        return None;
    }
    Some((number, after))
}

/// Whether a piece opens a question (numbered or labelled), which never continues the piece
/// before it.
pub fn opens_item(text: &str) -> bool {
    numbered(text).is_some() || labelled(text).is_some()
}

/// Most pieces one note may be made of: no real sticky note spans more PDF lines, and a stray
/// open bracket cannot swallow the rest of a text.
pub const MAX_PIECES: usize = 12;

/// Whether the piece `next` continues the phrase `current` (the pieces joined so far).
///
/// - A piece opening a numbered or labelled question never continues anything.
/// - After a full stop, a new block (blank line before it) starting with a capital is a new
///   note, even inside an unclosed bracket.
/// - Inside an open bracket or « », the phrase goes on.
/// - After a full stop (or ?, !, …) nothing else continues it.
/// - A hyphenated word or a dash at the end, a joining mark (/, &, +, →), a colon before a
///   figure, a word that cannot end a phrase, a trailing comma: it goes on.
/// - A next piece opening on a figure goes on, unless the piece is a label or the next one ends
///   on a colon (a lead-in: "3 tables rondes :").
/// - Otherwise it goes on only if the next piece starts in lower case, with a continuing mark,
///   with an em dash or a quotation mark before lower case, or is one capitalised word
///   finishing a name ("the High" / "Street").
pub fn continues(current: &str, next: &str, blank_before: bool) -> bool {
    if opens_item(next) {
        return false;
    }
    let full_stop = ends_sentence(current);
    if full_stop && blank_before && starts_with_capital(next) {
        return false;
    }
    if leaves_bracket_open(current) {
        return true;
    }
    if full_stop {
        return false;
    }
    ends_on_dash(current)
        || ends_on_joining_mark(current, next)
        || (starts_with_figure(next) && !looks_like_theme(current) && !ends_on_colon(next))
        || (ends_on_open_word(current) && !opens_on_capital_function_word(next))
        || ends_with_comma(current)
        || starts_as_continuation(next)
        || opens_an_aside(next)
        || opens_on_quoted_lower_case(next)
        || finishes_a_name(current, next)
}

/// Whether `next`, one capitalised word, finishes a name that `current` ends on after an
/// article or another capital ("on the High" / "Street", "the European Solidarity" / "Corps").
fn finishes_a_name(current: &str, next: &str) -> bool {
    let one_word = next.split_whitespace().count() == 1 && starts_with_capital(next);
    let mut words = current.split_whitespace().rev();
    let (Some(last), Some(before)) = (words.next(), words.next()) else {
        return false;
    };
    one_word
        && starts_with_capital(last)
        && last.chars().all(char::is_alphabetic)
        && (matches!(before, "the" | "le" | "la" | "les") || starts_with_capital(before))
}

/// Whether a piece opens on a quotation mark then lower case ("attention aux projets" / "«
/// vitrine »"): a word quoted inside the phrase. A note quoting a name opens on a capital
/// ("“Taste of the week” with a farmer").
fn opens_on_quoted_lower_case(text: &str) -> bool {
    let t = text.trim_start();
    let Some(rest) = t.strip_prefix(['«', '“', '"']) else {
        return false;
    };
    rest.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether a piece opens on an em dash then a word in lower case ("Disabled users" / "— screen
/// readers fail"): the dash opens an aside inside the phrase. A list is marked with a hyphen or
/// an en dash, which stay a new note.
fn opens_an_aside(text: &str) -> bool {
    let mut words = text.split_whitespace();
    words.next() == Some("—")
        && words
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase)
}

/// Whether a piece starts with an article or preposition written with a capital ("Un cinéma",
/// "The bus"): inside a phrase that word is lower case, so the piece starts a note of its own
/// even after a word that cannot end a phrase ("Aller vers" / "Un cinéma itinérant").
pub fn opens_on_capital_function_word(text: &str) -> bool {
    let Some(first) = text.split_whitespace().next() else {
        return false;
    };
    let mut chars = first.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(char::is_lowercase)
        && is_function_word(&first.to_lowercase())
}

/// Whether a note reads as a theme label: short (at most [`THEME_MAX_WORDS`] words), starting
/// with a capital, without commas or sentence punctuation — except a final question mark
/// ("Pourquoi ?", "Outils – comment faire ?"), since a theme is often a question to the group.
pub fn looks_like_theme(text: &str) -> bool {
    looks_like_label(text, THEME_MAX_WORDS)
}

/// [`looks_like_theme`] with another word limit.
pub fn looks_like_label(text: &str, max_words: usize) -> bool {
    let t = text.trim();
    let body = t.strip_suffix('?').unwrap_or(t).trim_end();
    starts_with_capital(t)
        && word_count(t) <= max_words
        && !body.contains([',', '.', ';', ':', '!', '…', '?', '(', '«'])
        && !ends_on_open_word(body)
        && !opens_item(t)
}

/// Longest theme label, in words. Sticky notes are longer; labels on a slide are a few words.
pub const THEME_MAX_WORDS: usize = 4;

/// A theme heads a run of at least this many notes: a short note followed by one other is as
/// likely a short idea.
pub const THEME_MIN_RUN: usize = 2;

/// Whether a note can be the event's title or subtitle: a heading (no sentence punctuation, no
/// trailing colon, at most `max_words` words).
pub fn looks_like_heading(text: &str, max_words: usize) -> bool {
    let t = without_closers(text);
    let words = word_count(t);
    words > 0
        && words <= max_words
        && !ends_sentence(t)
        && !t.ends_with(':')
        && !opens_item(t)
        && starts_with_capital(t)
}

/// Lower-cased words of four letters or more: what two phrasings of one question share. The
/// words that only tie a phrase together ("pour", "dans", "with", [`CANNOT_END`]) say nothing
/// of its subject and are left out.
pub fn key_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !is_function_word(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Share of `a`'s key words found in `b` (0 when `a` has none).
pub fn overlap(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    shared as f32 / a.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_a_piece_continues() {
        // The piece, the next one, whether a blank line stands between, and whether the
        // next continues the piece. One case a line.
        #[rustfmt::skip]
        let cases = [
            // French pieces ending on an article or preposition continue
            ("Appui sur les", "ONG locales, sur", true, true),
            ("Appui sur les ONG locales, sur", "les centres", true, true),
            ("Faire venir les partenaires en", "France", true, true),
            ("Maintien des", "actions", true, true),
            ("Appui sur les centres culturels", "Appui sur", true, false),
            // An English article after a French word is read in French ("par an": a year)
            ("Une collecte deux fois par an", "Surveillance", true, false),
            ("Hire an", "Apprentice every summer", true, true),
            // An article with a capital starts a note, even after an open word
            ("Aller vers", "Un cinéma itinérant", false, false),
            ("Things to do in the", "The night bus", true, false),
            // English pieces ending on an article or preposition continue
            ("Training for the", "Mayors of partner towns", true, true),
            ("A fund managed by", "Local NGOs", false, true),
            ("Train local staff", "Open a shared office", true, false),
            // Lower case continues a phrase without final punctuation
            ("Manifestations", "culturelles", true, true),
            ("Shared", "office in town", false, true),
            ("Gouvernance territoriale organisée.", "ex. des Odyssées", true, false),
            ("It works.", "then more", false, false),
            // Capitals after a full stop and a blank line start a note even in brackets
            ("Voir (annexe.", "Le projet suivant", true, false),
            ("Voir (annexe.", "Le projet suivant", false, true),
            // Hyphens dashes brackets and guillemets left open continue
            ("Aller vers du mult-", "Secteurs", true, true),
            ("Outils –", "comment", true, true),
            ("Instaurer la confiance (adhésion :", "CUF, RRMA", true, true),
            ("Projets « clé en", "main » de la DAECT", true, true),
            ("Funding (see the", "Annual report", true, true),
            ("Partenaires (AAP)", "Évènements publics", true, false),
            // Slashes commas and brackets at a start continue
            ("Sensibilisation", "/ Education", true, true),
            ("Accueil d’alternants,", "D’étudiants", true, true),
            ("Ouverture sur le monde", "(petites entreprises)", true, true),
            // A joining mark at the end continues; a colon only before a figure
            ("People with low literacy /", "English as a second language", true, true),
            ("Parents &", "Teachers", true, true),
            ("Prix de l’eau fixé avec les usagers :", "10 à 25 FCFA le", false, true),
            ("Facilitation and note-taking:", "Groups at risk", true, false),
            // A figure continues a phrase, not a label nor a sentence's end
            ("Comités élus par les usagers, avec au moins", "1/3 de femmes", true, true),
            ("Gymnase Jean Moulin", "3 tables rondes :", true, false),
            ("Time and noise", "30 min minimum", true, false),
            ("Closed in August.", "2 new sites", true, false),
            // An em dash before lower case opens an aside; a list's dash a new note
            ("Disabled users", "— screen readers fail", true, true),
            ("Réunions mensuelles", "– visites de terrain", true, false),
            // A quoted word in lower case is inside the phrase; a quoted name opens a note
            ("Attention aux projets", "« vitrine »", true, true),
            ("Pupils help plan one menu", "“Taste of the week” with a farmer", true, false),
            // One capitalised word finishes a name after an article or a capital
            ("Rooms above the shops on the High", "Street", true, true),
            ("Volunteering with the European Solidarity", "Corps", true, true),
            ("Talk to the mayor", "Funding", true, false),
            ("Cycle lanes to Lyon", "Funding", true, false),
            ("Cofinancement possible jusqu’à 50", "%", true, true),
            // A question never continues the piece before
            ("3 tables rondes :", "1. Comment faire ?", true, false),
            ("Notes from the", "Table 2: How to fund it?", true, false),
        ];
        for (current, next, blank_before, expected) in cases {
            assert_eq!(
                continues(current, next, blank_before),
                expected,
                "{current:?} then {next:?} (blank line: {blank_before})"
            );
        }
    }

    #[test]
    fn numbered_and_labelled_questions() {
        assert_eq!(numbered("1. Comment faire ?"), Some((1, "Comment faire ?")));
        assert_eq!(numbered("2) How?"), Some((2, "How?")));
        assert_eq!(numbered("3 – Les possibles"), Some((3, "Les possibles")));
        assert_eq!(numbered("3 tables rondes :"), None);
        assert_eq!(numbered("1.5 million"), None);
        assert_eq!(numbered("2024. Année"), None);
        assert_eq!(
            labelled("Table 2 : Quels retours ?"),
            Some((2, "Quels retours ?"))
        );
        assert_eq!(labelled("Question 3 – How?"), Some((3, "How?")));
        assert_eq!(labelled("Atelier 1"), Some((1, "")));
        assert_eq!(labelled("Table ronde"), None);
        assert_eq!(labelled("Table 2 rondes"), None);
    }

    #[test]
    fn themes_are_short_labels() {
        assert!(looks_like_theme("Manifestations culturelles"));
        assert!(looks_like_theme("Sensibilisation / Education"));
        assert!(looks_like_theme("Outils – comment faire ?"));
        assert!(looks_like_theme("Funding"));
        assert!(!looks_like_theme("Accueil d’alternants, d’étudiants"));
        assert!(!looks_like_theme(
            "Acteurs de la solidarité au sein du territoire"
        ));
        assert!(!looks_like_theme("Gouvernance organisée."));
        assert!(!looks_like_theme("the mayors"));
        assert!(!looks_like_theme("Training for the"));
    }

    #[test]
    fn headings_and_shared_words() {
        assert!(looks_like_heading("World cafés", 8));
        assert!(!looks_like_heading("3 tables rondes :", 8));
        assert!(!looks_like_heading("It went well.", 8));
        let a = key_words("Comment faire perdurer les coopérations en temps de crise ?");
        let b = key_words("Comment faire perdurer les relations en temps de crise ?");
        assert!(overlap(&a, &b) > 0.6);
    }

    #[test]
    fn no_panic_on_odd_text() {
        for s in [
            "",
            " ",
            "-",
            "«",
            "1.",
            "Table",
            "Table 9999999999999",
            "é",
            "(((",
            "1 –",
        ] {
            let _ = continues(s, s, true);
            let _ = numbered(s);
            let _ = labelled(s);
            let _ = looks_like_theme(s);
        }
    }
}
