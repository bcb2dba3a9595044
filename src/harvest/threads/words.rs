//! A note's words reduced to the keys "Find common threads" compares: two notes that say the
//! same thing in other words of the same family ("les partenaires" / "partenariat", "élus" /
//! "une élue", "financements" / "financier") should share keys, and words that say nothing of
//! the topic ("les", "pour", "the") should not be keys at all.
//!
//! French first, English too. Each step is here for a reason a facilitator would notice:
//!
//! 1. **Folding** (case, accents, typographic apostrophes, [`crate::text::fold`]): notes are typed
//!    in a hurry, often without accents ("elus", "cooperation"), and must meet the careful ones.
//!    Folding comes *before* stemming so that both typings always give the same key.
//! 2. **Elision** (l’, d’, qu’, j’, n’, s’, c’, m’, t’, jusqu’, lorsqu’, puisqu’, quoiqu’):
//!    "l’évaluation" is the word "évaluation". An apostrophe that is no French elision is
//!    English ("partner’s", "don’t"): the part before it is the word.
//! 3. **Stop words** (lists below, one per language): articles, prepositions, pronouns and the
//!    most common verbs would make every note look like every other.
//! 4. **A Snowball stemmer** (French or English, by the note's language): plurals, genders and
//!    conjugations of one word meet ("financements" / "financement", "élue" / "élu").
//! 5. **Small rules where the French stemmer stops short**, each explained at its place: a final
//!    -s after a vowel, accents the stemmer's suffixes need, -ier adjectives, and long stems cut
//!    to [`KEY_LEN`] letters ("partenariat" / "partenaires").
//! 6. **Synonyms** the facilitator lists for the café ([`Synonyms`]): words of a group, or
//!    phrases, count as one key — for what no stemmer can know ("fonds" / "subventions").

use crate::text::fold;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// The language a note is read in: it picks the stop words and the stemmer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    French,
    English,
}

/// French stop words, folded. Beyond articles, pronouns and prepositions: the auxiliaries and the
/// verbs every note starts with ("faire", "mettre en place", "avoir") and words sticky notes use
/// as punctuation ("ex", "etc").
const FRENCH_STOP: &[&str] = &[
    "a",
    "afin",
    "ai",
    "aie",
    "ainsi",
    "alors",
    "apres",
    "as",
    "au",
    "aucun",
    "aucune",
    "aujourd'hui",
    "aupres",
    "aussi",
    "autre",
    "autres",
    "aux",
    "avant",
    "avec",
    "avez",
    "avoir",
    "avons",
    "bien",
    "c",
    "ca",
    "car",
    "ce",
    "ceci",
    "cela",
    "celle",
    "celles",
    "celui",
    "cependant",
    "certain",
    "certaine",
    "certaines",
    "certains",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chacun",
    "chaque",
    "chez",
    "ci",
    "comme",
    "comment",
    "d",
    "dans",
    "de",
    "deja",
    "des",
    "deux",
    "doit",
    "doivent",
    "donc",
    "dont",
    "du",
    "elle",
    "elles",
    "en",
    "encore",
    "entre",
    "es",
    "est",
    "et",
    "etaient",
    "etait",
    "etant",
    "etc",
    "ete",
    "etre",
    "eu",
    "eux",
    "ex",
    "faire",
    "fais",
    "faisant",
    "fait",
    "faut",
    "fois",
    "font",
    "grace",
    "il",
    "ils",
    "j",
    "je",
    "jusqu",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "lorsqu",
    "lui",
    "m",
    "ma",
    "mais",
    "me",
    "meme",
    "memes",
    "mes",
    "mettre",
    "mieux",
    "moi",
    "moins",
    "mon",
    "n",
    "ne",
    "ni",
    "nos",
    "notre",
    "nous",
    "on",
    "ont",
    "or",
    "ou",
    "par",
    "parce",
    "pas",
    "peu",
    "peut",
    "peuvent",
    "place",
    "plus",
    "pour",
    "pourquoi",
    "puis",
    "qu",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "qui",
    "quoi",
    "s",
    "sa",
    "sans",
    "se",
    "sera",
    "ses",
    "si",
    "soi",
    "soit",
    "son",
    "sont",
    "sous",
    "sur",
    "t",
    "ta",
    "te",
    "tel",
    "telle",
    "tes",
    "toi",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutes",
    "tres",
    "trop",
    "tu",
    "un",
    "une",
    "unes",
    "uns",
    "vers",
    "via",
    "vos",
    "votre",
    "vous",
    "y",
];

/// English stop words, folded: the same kinds of words as [`FRENCH_STOP`].
const ENGLISH_STOP: &[&str] = &[
    "a", "about", "across", "after", "all", "already", "also", "an", "and", "any", "are", "as",
    "at", "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "don", "each", "eg", "etc", "every", "for", "from", "get", "got", "had",
    "has", "have", "he", "her", "here", "his", "how", "i", "ie", "if", "in", "into", "is", "it",
    "its", "just", "let", "make", "many", "may", "me", "more", "most", "much", "must", "my", "no",
    "not", "of", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same",
    "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "up", "us", "very", "via",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your",
];

/// French elided words, folded, without their apostrophe ("l’" → "l").
const ELISIONS: &[&str] = &[
    "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "presqu", "puisqu", "qu", "quoiqu", "s", "t",
];

/// Stems are cut to this many letters. The French Snowball stemmer leaves derived words apart
/// ("partenariat" → partenariat, "partenaires" → partenair; "territoire" → territoir,
/// "territoriale" → territorial), and the first seven letters of a long French stem almost
/// always name one family of words while six would join "participation" and "particulier".
/// English gains the same way ("partnership" / "partner").
pub const KEY_LEN: usize = 7;

/// One word of a note, reduced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// What notes that mean the same share (a stem, or a synonym group).
    pub key: String,
    /// The word as written (elision taken off, lowercased unless it is an acronym), for labels.
    pub surface: String,
}

/// The stemmers and stop lists, built once per proposal.
pub struct Reader {
    french: Stemmer,
    english: Stemmer,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::new()
    }
}

impl Reader {
    pub fn new() -> Reader {
        Reader {
            french: Stemmer::create(Algorithm::French),
            english: Stemmer::create(Algorithm::English),
        }
    }

    /// The language of a text from its stop words: `None` when it says nothing (a note of
    /// nouns only), so that the café's language decides.
    pub fn language(&self, text: &str) -> Option<Lang> {
        let (mut fr, mut en) = (0usize, 0usize);
        for token in tokens(text) {
            let folded = fold(token);
            let (word, elided) = strip_elision(&folded);
            let in_fr = FRENCH_STOP.binary_search(&word).is_ok() || elided > 0;
            let in_en = ENGLISH_STOP.binary_search(&word).is_ok();
            // Words in both lists ("a", "on") tell nothing.
            match (in_fr, in_en) {
                (true, false) => fr += 1,
                (false, true) => en += 1,
                _ => {}
            }
        }
        match fr.cmp(&en) {
            std::cmp::Ordering::Greater => Some(Lang::French),
            std::cmp::Ordering::Less => Some(Lang::English),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The words of `text` that carry meaning, in order, read in `lang`.
    pub fn words(&self, text: &str, lang: Lang) -> Vec<Word> {
        let stop = match lang {
            Lang::French => FRENCH_STOP,
            Lang::English => ENGLISH_STOP,
        };
        let mut out = Vec::new();
        for token in tokens(text) {
            let folded = fold(token);
            let (word, elided) = strip_elision(&folded);
            if word.chars().count() < 2
                || word.chars().all(|c| c.is_ascii_digit())
                || stop.binary_search(&word).is_ok()
            {
                continue;
            }
            let key = self.key(word, lang);
            if key.is_empty() {
                continue;
            }
            out.push(Word {
                key,
                surface: surface(token, elided),
            });
        }
        out
    }

    /// The key of one folded word, without its elision.
    pub fn key(&self, word: &str, lang: Lang) -> String {
        let stem = match lang {
            Lang::French => {
                let word = french_plural(word);
                let word = ication_as_verb(word);
                let word = arite_as_adjective(&word);
                let word = restore_french_suffix(&word);
                let stem = self.french.stem(&word);
                fold(&french_ier(&stem))
            }
            Lang::English => self.english.stem(word).into_owned(),
        };
        stem.chars().take(KEY_LEN).collect()
    }
}

/// The pieces of `text` that are words: letters and digits, with apostrophes inside them (for
/// elisions); hyphens, slashes and punctuation separate words ("multi-acteurs",
/// "formations/renforcement").
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
        .map(|t| t.trim_matches(is_apostrophe))
        .filter(|t| !t.is_empty())
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// A folded token without its French elision ("l'evaluation" → "evaluation"), and how many
/// chars of the original token went with it. Elisions can chain ("jusqu'a l'..." is two tokens,
/// but "qu'aujourd'hui" is one). An apostrophe that is no elision is English: the part before
/// it is the word ("partner's" → "partner", "don't" → "don").
fn strip_elision(folded: &str) -> (&str, usize) {
    let mut word = folded;
    let mut taken = 0;
    while let Some((head, tail)) = word.split_once('\'') {
        if word == "aujourd'hui" {
            break;
        }
        if ELISIONS.contains(&head) {
            taken += head.chars().count() + 1;
            word = tail;
        } else {
            return (head, taken);
        }
    }
    (word, taken)
}

/// The word as written, for labels: elision taken off (`elided` chars), lowercased except
/// acronyms ("FEDER", "ONG"), which are names.
fn surface(token: &str, elided: usize) -> String {
    let word: String = token.chars().skip(elided).collect();
    let word = word
        .split(is_apostrophe)
        .next()
        .unwrap_or_default()
        .to_owned();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) {
        word
    } else {
        word.to_lowercase()
    }
}

/// French Snowball keeps a final -s after a, i, o, u ("élus", "amis"), where a French plural
/// ends all the same: without this rule "élus" and "élu" would never meet. A word that always
/// ends in -s ("processus") just loses it every time, which changes nothing.
fn french_plural(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(rest) if rest.ends_with(['a', 'i', 'o', 'u']) && word.chars().count() >= 4 => rest,
        _ => word,
    }
}

/// Nouns in -ication are read as their verb in -iquer: the stemmer cuts "communication" down to
/// "commun", the stem of "commune(s)" (a town), while "communiquer" keeps "communiqu".
fn ication_as_verb(word: &str) -> String {
    suffix_read_as(word, "ication", "iquer")
}

/// Nouns in -arité are read as their adjective in -aire: the stemmer makes "solidar" of
/// "solidarité" and "solidair" of "solidaire", which the cut to [`KEY_LEN`] letters does not
/// join ("solidar" / "solidai"); also précarité / précaire, popularité / populaire.
fn arite_as_adjective(word: &str) -> String {
    suffix_read_as(word, "arite", "aire")
}

/// `word` with `suffix` (singular or plural) replaced by `reading`; unchanged when it does not
/// end so, or is nothing but the suffix.
fn suffix_read_as(word: &str, suffix: &str, reading: &str) -> String {
    let stem = word
        .strip_suffix(suffix)
        .or_else(|| word.strip_suffix('s')?.strip_suffix(suffix));
    match stem {
        Some(stem) if !stem.is_empty() => format!("{stem}{reading}"),
        _ => word.to_owned(),
    }
}

/// Puts back the accents of the suffixes the French stemmer looks for, which folding took away:
/// "-ité" (solidarité → solidar, as solidaire), "-ée" (créée → cré, as créer) and "-ière"
/// (financière → financi, as financier). Without it a note typed without accents would keep
/// these endings and miss its accented twin.
fn restore_french_suffix(word: &str) -> String {
    for (plain, accented) in [
        ("ites", "ités"),
        ("ite", "ité"),
        ("ieres", "ières"),
        ("iere", "ière"),
        ("ees", "ées"),
        ("ee", "ée"),
    ] {
        if let Some(stem) = word.strip_suffix(plain)
            && stem.chars().count() >= 2
        {
            return format!("{stem}{accented}");
        }
    }
    word.to_owned()
}

/// The stemmer leaves the -i of -ier/-ière adjectives ("financier" → financi) while the noun
/// loses its whole suffix ("financement" → financ): a long stem loses that -i so that
/// "financements" and "moyens financiers" meet. Short stems keep it ("étudi", "associ").
fn french_ier(stem: &str) -> String {
    match stem.strip_suffix('i') {
        Some(rest) if stem.chars().count() >= 7 => rest.to_owned(),
        _ => stem.to_owned(),
    }
}

/// What the keys of the café's synonym groups start with: not a possible stem (stems have no
/// '='), so a group never meets a plain word.
const CAFE_GROUP: &str = "=";

/// The facilitator's synonym groups as keys: a group's words (or phrases) all read as one key.
/// A word is read both in French and in English, since the list does not say which it is.
pub struct Synonyms {
    /// Key sequence (one key for a word, several for a phrase) → the group's key.
    phrases: HashMap<Vec<String>, String>,
    /// The longest phrase, in keys.
    longest: usize,
}

impl Synonyms {
    pub fn new(reader: &Reader, groups: &[Vec<String>]) -> Synonyms {
        Synonyms::read(reader, groups, &[Lang::French, Lang::English], CAFE_GROUP)
    }

    /// Whether `key` is the key of one of the café's groups ([`Synonyms::new`]).
    pub fn is_group(key: &str) -> bool {
        key.starts_with(CAFE_GROUP)
    }

    /// `groups` read in `langs`, each group's key being `prefix` and its number.
    pub(super) fn read(
        reader: &Reader,
        groups: &[Vec<String>],
        langs: &[Lang],
        prefix: &str,
    ) -> Synonyms {
        let mut phrases = HashMap::new();
        let mut longest = 0;
        for (g, group) in groups.iter().enumerate() {
            let group_key = format!("{prefix}{g}");
            for entry in group {
                for &lang in langs {
                    let keys: Vec<String> = reader
                        .words(entry, lang)
                        .into_iter()
                        .map(|w| w.key)
                        .collect();
                    if keys.is_empty() {
                        continue;
                    }
                    longest = longest.max(keys.len());
                    phrases.entry(keys).or_insert_with(|| group_key.clone());
                }
            }
        }
        Synonyms { phrases, longest }
    }

    /// The words and phrases listed in `keys` (a text's word keys), in order, longest phrase
    /// first, without building the replaced words: each as (first word, number of words,
    /// group key).
    pub fn groups_in(&self, keys: &[String]) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let longest = self.longest.min(keys.len() - i);
            match (1..=longest).rev().find_map(|len| {
                self.phrases
                    .get(&keys[i..i + len])
                    .map(|group| (len, group))
            }) {
                Some((len, group)) => {
                    out.push((i, len, group.clone()));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// `words` with every listed word or phrase replaced by its group's key (longest phrase
    /// first); a phrase keeps the surface of its first word.
    pub fn apply(&self, words: Vec<Word>) -> Vec<Word> {
        if self.phrases.is_empty() {
            return words;
        }
        // The keys once, so that each lookup borrows a slice of them instead of building one.
        let keys: Vec<String> = words.iter().map(|w| w.key.clone()).collect();
        let mut out = Vec::with_capacity(words.len());
        let mut words = words.into_iter();
        let mut i = 0;
        while i < keys.len() {
            let longest = self.longest.min(keys.len() - i);
            let found = (1..=longest).rev().find_map(|len| {
                self.phrases
                    .get(&keys[i..i + len])
                    .map(|group| (len, group))
            });
            let Some(first) = words.next() else { break };
            match found {
                Some((len, group)) => {
                    out.push(Word {
                        key: group.clone(),
                        surface: first.surface,
                    });
                    // The phrase's other words are replaced with it.
                    for _ in 1..len {
                        words.next();
                    }
                    i += len;
                }
                None => {
                    out.push(first);
                    i += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, lang: Lang) -> Vec<String> {
        Reader::new()
            .words(text, lang)
            .into_iter()
            .map(|w| w.key)
            .collect()
    }

    fn fr(text: &str) -> Vec<String> {
        keys(text, Lang::French)
    }

    fn same_fr(a: &str, b: &str) {
        assert_eq!(fr(a), fr(b), "{a:?} and {b:?} should read the same");
    }

    #[test]
    fn stop_lists_are_sorted_for_binary_search() {
        for list in [FRENCH_STOP, ENGLISH_STOP] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn elisions_with_either_apostrophe() {
        for text in [
            "l'évaluation",
            "l’évaluation",
            "d'évaluation",
            "qu’évaluation",
            "jusqu'évaluation",
            "lorsqu’évaluation",
            "puisqu'évaluation",
            "s’évaluation",
            "c'évaluation",
            "n'évaluation",
            "j’évaluation",
        ] {
            same_fr(text, "évaluation");
        }
        assert_eq!(fr("qu’aujourd’hui"), Vec::<String>::new());
        // The surface shown in labels leaves the elision out.
        let words = Reader::new().words("L’Évaluation d’ONG", Lang::French);
        let surfaces: Vec<&str> = words.iter().map(|w| w.surface.as_str()).collect();
        assert_eq!(surfaces, ["évaluation", "ONG"]);
    }

    #[test]
    fn accents_and_case_do_not_count() {
        same_fr("Élus", "elus");
        same_fr("COOPÉRATION", "cooperation");
        same_fr("solidarité", "solidarite");
        same_fr("Développement", "developpement");
        same_fr("réseaux", "reseau");
        same_fr("créée", "creee");
        same_fr("financière", "financiere");
    }

    #[test]
    fn plurals_and_genders_meet() {
        same_fr("élus", "élu");
        same_fr("élue", "élus");
        same_fr("les élues", "un élu");
        same_fr("financement", "financements");
        same_fr("partenaire", "partenaires");
        same_fr("locaux", "locale");
        same_fr("amis", "ami");
        same_fr("habitantes", "habitant");
        same_fr("bénévole", "bénévoles");
        same_fr("associatif", "associative");
    }

    #[test]
    fn word_families_meet() {
        same_fr("partenariat", "partenaires");
        same_fr("financements", "financiers");
        same_fr("territoire", "territoriale");
        same_fr("solidarité", "solidaires");
        same_fr("précarité", "précaire");
        same_fr("mutualiser", "mutualisation");
        same_fr("évaluer", "évaluation");
        same_fr("communication", "communiquer");
        same_fr("applications", "appliquer");
        assert_ne!(fr("participation"), fr("particulier"));
        assert_ne!(fr("communes"), fr("communication"));
    }

    #[test]
    fn stop_words_and_numbers_are_left_out() {
        assert_eq!(
            fr("Mettre en place des conventions pour les 3 ans"),
            ["convent", "an"]
        );
        assert_eq!(
            keys("The partners' trust in the charities", Lang::English),
            ["partner", "trust", "chariti"]
        );
    }

    #[test]
    fn english_reads_with_its_own_stemmer() {
        assert_eq!(
            keys("volunteers", Lang::English),
            keys("volunteer", Lang::English)
        );
        assert_eq!(
            keys("partnerships", Lang::English),
            keys("partners", Lang::English)
        );
        // "car" is a French stop word, not an English one.
        assert_eq!(keys("car sharing", Lang::English), ["car", "share"]);
    }

    #[test]
    fn language_from_stop_words() {
        let r = Reader::new();
        assert_eq!(r.language("Appui sur les ONG locales"), Some(Lang::French));
        assert_eq!(r.language("l’évaluation"), Some(Lang::French));
        assert_eq!(
            r.language("Build trust with the partners"),
            Some(Lang::English)
        );
        assert_eq!(r.language("Crowdfunding"), None);
    }

    #[test]
    fn synonym_groups_and_phrases_read_as_one_key() {
        let r = Reader::new();
        let groups = vec![
            vec!["fonds".to_owned(), "subventions".to_owned()],
            vec!["société civile".to_owned(), "associations".to_owned()],
        ];
        let syn = Synonyms::new(&r, &groups);
        let read = |t: &str| -> Vec<String> {
            syn.apply(r.words(t, Lang::French))
                .into_iter()
                .map(|w| w.key)
                .collect()
        };
        assert_eq!(read("Les fonds européens"), read("Subvention européenne"));
        assert_eq!(
            read("Impliquer la société civile"),
            read("Impliquer les associations")
        );
        assert_eq!(read("Impliquer la société civile")[1], "=1");
    }
}
