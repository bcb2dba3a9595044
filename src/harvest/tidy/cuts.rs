//! Lines that hold two notes. PDF extraction puts two boxes that share a baseline on one line
//! ("… de la DAECT Engagement sur le long terme …", "Portage/Appui politique Prérequis"), and a
//! typed paragraph can run two notes together ("… est important Proposer des échanges …"). Such a
//! note is cut in two, and the cut is offered in the review like a join.

use super::rules::{
    THEME_MAX_WORDS, ends_on_open_word, ends_sentence, is_function_word_text,
    opens_on_capital_function_word, word_count,
};
use super::{Cut, Note};

/// Fewest words before a cut: one word is not a note.
const MIN_WORDS_BEFORE: usize = 2;

/// A word of a note: which piece it is in, and where in that piece.
#[derive(Clone, Copy)]
struct Word<'a> {
    piece: usize,
    start: usize,
    text: &'a str,
}

/// Each note cut where a second note starts inside it (see [`cut_at`]), except the first when
/// `title_first`: a document's first line, its title, ends on names ("… du quartier Nord").
pub fn cut_notes(notes: Vec<Note>, title_first: bool) -> Vec<Note> {
    let mut out = Vec::with_capacity(notes.len());
    for (i, note) in notes.into_iter().enumerate() {
        let cuts = if i == 0 && title_first && note.pieces.len() == 1 {
            Vec::new()
        } else {
            cut_points(&note)
        };
        if cuts.is_empty() {
            out.push(note);
        } else {
            out.extend(cut_at(note, &cuts));
        }
    }
    out
}

/// Capitalised like a common word starting a sentence: an upper-case letter, then lower case
/// ("Engagement", "Proposer"), not an acronym ("DAECT") or a lone letter other than the article
/// "A" / "À" that starts many notes.
fn capitalised(word: &str) -> bool {
    if matches!(word, "A" | "À") {
        return true;
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().count() >= 1
        && chars.all(|c| c.is_lowercase() || c == '-' || c == '’' || c == '\'')
}

/// The words of a note with their places, in order.
fn words(note: &Note) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for (piece, text) in note.pieces.iter().enumerate() {
        let mut at = 0;
        for w in text.split_whitespace() {
            let start = text
                .get(at..)
                .and_then(|t| t.find(w))
                .map_or(at, |i| at + i);
            at = start + w.len();
            out.push(Word {
                piece,
                start,
                text: w,
            });
        }
    }
    out
}

/// Indices (into the note's words) where a second note starts. A cut goes before a capitalised
/// word ending no phrase-so-far, when:
/// - no bracket or « » is open (a list of names in brackets is one note);
/// - the word before ends in a letter, a digit or a closing », ) or ” (after ",", ":", "/" or
///   "-" the phrase goes on),
///   is not capitalised itself and cannot not end a phrase ("en France", "the European …"),
///   though after one capitalised word an article with a capital starts a note ("… in June A
///   shared record …": inside a phrase the article is lower case);
/// - the word after is not capitalised either ("Pays de la Loire Coopération Internationale",
///   "European Solidarity Corps" are names);
/// - the words before it can be a note ([`whole_before`]); after it, whatever is left (three
///   words or more are a note, one or two the label of a theme glued after its last note, as
///   in "Portage/Appui politique Prérequis", also after a sentence's end: "… the tenant? Other
///   costs");
/// - in a note that asks, only before a capitalised asking word after a note of three words
///   (a question is asked in one sentence: "Que fait Angers … ?").
fn cut_points(note: &Note) -> Vec<usize> {
    if word_count(&note.text) < MIN_WORDS_BEFORE + 1 {
        return Vec::new();
    }
    if !note.text.trim_end().ends_with('?') {
        return candidates(note, false);
    }
    // A question glued after a note ("… in five years Could the council cap rents …?") is
    // cut where its asking word starts it, after a note of three words or more.
    let words = words(note);
    candidates(note, false)
        .into_iter()
        .filter(|&c| {
            words.get(c).is_some_and(|w| asking_word(w.text))
                && words.get(..c).map_or(0, words_in) > MIN_WORDS_BEFORE
        })
        .take(1)
        .collect()
}

/// The words that open a question, French and English ("Comment", "Could"), capitalised.
fn asking_word(word: &str) -> bool {
    const ASKING: &[&str] = &[
        "comment", "pourquoi", "quel", "quelle", "quels", "quelles", "que", "qui", "où", "quand",
        "combien", "est-ce", "peut-on", "faut-il", "how", "what", "why", "who", "where", "when",
        "which", "could", "should", "would", "can", "is", "are", "do", "does", "will", "shall",
    ];
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    capitalised(bare) && ASKING.contains(&bare.to_lowercase().as_str())
}

/// A line that ends with a table's question repeated as its heading, glued to the note before
/// it ("… avant les restrictions Comment financer la transition … ?"), is cut before the
/// question. `likeness` says how much a text reads as one of the listed questions (0 to 1);
/// the cut is made where the part after it reads most like one, when that reaches `needed` and
/// beats the whole line. Only lines that ask are tried: a heading repeats a question.
pub fn cut_before_questions(
    notes: Vec<Note>,
    from: usize,
    likeness: impl Fn(&str) -> f32,
    needed: f32,
) -> Vec<Note> {
    let mut out = Vec::with_capacity(notes.len());
    for (i, note) in notes.into_iter().enumerate() {
        if i < from || !note.text.trim_end().ends_with('?') || note.role != super::Role::Idea {
            out.push(note);
            continue;
        }
        let whole = likeness(&note.text);
        let best = candidates(&note, false)
            .into_iter()
            .filter_map(|c| {
                let tail = cut_at(note.clone(), &[c]).pop()?;
                Some((c, likeness(&tail.text)))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((c, score)) if score >= needed && score > whole => {
                out.extend(cut_at(note, &[c]));
            }
            _ => out.push(note),
        }
    }
    out
}

/// The note at `at`, taken as a table's heading by its place, cut before the part that asks
/// when it holds the note before the heading too. The cut may follow a name ("… in plain
/// English What would …"): the part after it must ask in more words than a theme's label, the
/// part before it be a note of three words or more, and the part after read more like the
/// question (`likeness`) than the whole line, or as much when the line has one place to cut.
pub fn cut_before_heading(
    mut notes: Vec<Note>,
    at: usize,
    likeness: impl Fn(&str) -> f32,
) -> Vec<Note> {
    let Some(note) = notes.get(at) else {
        return notes;
    };
    let whole = likeness(&note.text);
    let mut scored = Vec::new();
    for c in candidates(note, true) {
        let mut parts = cut_at(note.clone(), &[c]);
        let (Some(tail), Some(head)) = (parts.pop(), parts.pop()) else {
            continue;
        };
        if word_count(&tail.text) > THEME_MAX_WORDS
            && word_count(&head.text) > MIN_WORDS_BEFORE
            && !ends_sentence(&head.text)
        {
            scored.push((c, likeness(&tail.text)));
        }
    }
    let only = scored.len() == 1;
    let best = scored
        .into_iter()
        .filter(|&(_, score)| score > whole || (only && score >= whole))
        .reduce(|best, next| if next.1 > best.1 { next } else { best });
    if let Some((c, _)) = best {
        let note = notes.remove(at);
        for (k, part) in cut_at(note, &[c]).into_iter().enumerate() {
            notes.insert(at + k, part);
        }
    }
    notes
}

/// Whether the words from place `i` to the end are a label of one or two words glued after a
/// note ("… the landlord or the tenant? Other costs"): after a sentence's end, only such a
/// label is cut off (a note may hold two sentences: "Interconnaissance. Echanges …").
fn label_ends_note(words: &[Word], i: usize) -> bool {
    let tail = words.get(i..).unwrap_or_default();
    (1..=2).contains(&tail.len())
        && tail.iter().all(|w| {
            w.text
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '’')
        })
}

/// Where a capitalised word could start a second note (see [`cut_points`]).
fn candidates(note: &Note, before_a_heading: bool) -> Vec<usize> {
    let words = words(note);
    let mut cuts = Vec::new();
    let mut depth = 0i32;
    let mut last_cut = 0;
    for (i, w) in words.iter().enumerate() {
        if i > 0
            && depth <= 0
            && let Some(before) = words.get(i - 1)
            && capitalised(w.text)
            && (before
                .text
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '»' | ')' | '”'))
                || (ends_sentence(before.text) && label_ends_note(&words, i)))
            && (before_a_heading
                || !capitalised(before.text)
                || (opens_on_capital_function_word(w.text)
                    && !words
                        .get(i.wrapping_sub(2))
                        .is_some_and(|w| capitalised(w.text))))
            && (!ends_on_open_word(before.text) || opens_a_phrase(&words, i))
            && !words.get(i + 1).is_some_and(|next| capitalised(next.text))
            && words.get(last_cut..i).is_some_and(whole_before)
        {
            cuts.push(i);
            if !before_a_heading {
                last_cut = i;
            }
        }
        for c in w.text.chars() {
            match c {
                '(' | '«' | '[' => depth += 1,
                ')' | '»' | ']' => depth -= 1,
                _ => {}
            }
        }
    }
    cuts
}

/// Whether the capitalised word at `i` is followed by an article in lower case ("… nurseries
/// ask for | Explain the scheme"): it starts a phrase of its own even after a word that cannot
/// end one, since a name after a preposition is not followed by an article.
fn opens_a_phrase(words: &[Word], i: usize) -> bool {
    const ARTICLES: &[&str] = &[
        "the", "a", "an", "le", "la", "les", "un", "une", "des", "du",
    ];
    words
        .get(i + 1)
        .is_some_and(|next| ARTICLES.contains(&next.text))
}

/// Whether the words before a cut can be a note: [`MIN_WORDS_BEFORE`] words, one more when
/// they open on an article or preposition ("A regular" / "Saturday morning litter pick" is one
/// note: an article and one word say nothing yet).
fn whole_before(words: &[Word]) -> bool {
    let opens_on_function_word = words.first().is_some_and(|w| is_function_word_text(w.text));
    words_in(words) >= MIN_WORDS_BEFORE + usize::from(opens_on_function_word)
}

fn words_in(words: &[Word]) -> usize {
    words
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphanumeric))
        .count()
}

/// The note as several notes, cut before the words `cuts` (sorted); the first keeps the note's
/// place, the others are marked as cut from the one before.
fn cut_at(note: Note, cuts: &[usize]) -> Vec<Note> {
    let words = words(&note);
    let mut bounds: Vec<(usize, usize)> = Vec::new(); // (piece, byte) where each part starts
    bounds.push((0, 0));
    for &c in cuts {
        if let Some(w) = words.get(c) {
            bounds.push((w.piece, w.start));
        }
    }
    let end = (note.pieces.len(), 0);
    let mut out = Vec::new();
    for (k, &(piece, start)) in bounds.iter().enumerate() {
        let (end_piece, end_byte) = bounds.get(k + 1).copied().unwrap_or(end);
        let mut pieces = Vec::new();
        for p in piece..=end_piece.min(note.pieces.len().saturating_sub(1)) {
            let Some(text) = note.pieces.get(p) else {
                break;
            };
            let from = if p == piece { start } else { 0 };
            let to = if p == end_piece { end_byte } else { text.len() };
            if let Some(part) = text.get(from..to.max(from)) {
                let part = part.trim();
                if !part.is_empty() {
                    pieces.push(part.to_owned());
                }
            }
        }
        let mut text = String::new();
        for p in &pieces {
            crate::text::join_line(&mut text, p);
        }
        let first = note.fragments.start + piece;
        let last = note.fragments.start
            + if end_byte == 0 {
                end_piece
            } else {
                end_piece + 1
            };
        out.push(Note {
            fragments: first..last.max(first + 1).min(note.fragments.end),
            text,
            pieces,
            accepted: note.accepted,
            cut: (k > 0).then_some(Cut {
                accepted: true,
                mid_piece: start > 0,
            }),
            role: note.role,
            table: note.table,
            theme: note.theme,
            page: note.page,
            round: note.round,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{fragments_of_text, propose};

    fn texts(text: &str) -> Vec<String> {
        propose(&fragments_of_text(text), false)
            .notes
            .into_iter()
            .map(|n| n.text)
            .collect()
    }

    #[test]
    fn two_notes_on_one_line_are_cut_apart() {
        assert_eq!(
            texts(
                "Projets « clé en\nmain » de la DAECT Engagement sur le\nlong terme et\nconsolidation juridique"
            ),
            [
                "Projets « clé en main » de la DAECT",
                "Engagement sur le long terme et consolidation juridique"
            ]
        );
        assert_eq!(
            texts("Portage/Appui politique Prérequis"),
            ["Portage/Appui politique", "Prérequis"]
        );
        // A question glued after a note starts with its asking word.
        assert_eq!(
            texts("Rents have gone up by a third Could the council cap rents on the estate?"),
            [
                "Rents have gone up by a third",
                "Could the council cap rents on the estate?"
            ]
        );
        // A label glued after a note that ends a sentence; a second sentence stays.
        assert_eq!(
            texts("Heat pumps: who pays, the landlord or the tenant? Other costs"),
            [
                "Heat pumps: who pays, the landlord or the tenant?",
                "Other costs"
            ]
        );
        assert_eq!(
            texts("Interconnaissance. Echanges préalables entre partenaires"),
            ["Interconnaissance. Echanges préalables entre partenaires"]
        );
        // A two-word label glued after a note.
        assert_eq!(
            texts("Un guichet unique à la mairie Aides financières"),
            ["Un guichet unique à la mairie", "Aides financières"]
        );
        assert_eq!(
            texts(
                "Maintien d’un contact en présentiel est important Proposer des échanges en termes de formations"
            ),
            [
                "Maintien d’un contact en présentiel est important",
                "Proposer des échanges en termes de formations"
            ]
        );
        // After a closing quotation mark.
        assert_eq!(
            texts("Mais attention aux projets « vitrine » Visio mensuelle avec le comité"),
            [
                "Mais attention aux projets « vitrine »",
                "Visio mensuelle avec le comité"
            ]
        );
        // After a word that cannot end a phrase, a capitalised word before an article.
        assert_eq!(
            texts("Help with the deposit that many nurseries ask for Explain the scheme"),
            [
                "Help with the deposit that many nurseries ask for",
                "Explain the scheme"
            ]
        );
    }

    #[test]
    fn names_brackets_and_questions_are_not_cut() {
        for text in [
            "Instaurer la confiance (adhésion à des réseaux : CUF, RRMA - Centraider, Pays de la Loire Coopération Internationale)…",
            "Faire venir les partenaires en France",
            "Volunteering abroad with the European Solidarity Corps",
            "Les appels à projets de la Région et de l’ADEME",
            "Que fait la mairie pour Angers et ses habitants ?",
            "Sensibilisation / Education",
            "Valorisation des différentes identités des habitants d’Angers, des communautés",
            "A regular Saturday morning litter pick",
            "Twinning visits to Lyon every spring",
        ] {
            assert_eq!(texts(text), [text], "{text}");
        }
    }
}
