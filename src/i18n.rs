//! Translations: every user-facing string goes through Fluent files under `assets/locales/`.
//! French when the system locale is French, English otherwise; `--lang` overrides.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

const EN: &str = include_str!("../assets/locales/en/cafemap.ftl");
const FR: &str = include_str!("../assets/locales/fr/cafemap.ftl");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// `--lang` if given and known, else the system locale.
    pub fn detect(requested: Option<&str>) -> Lang {
        requested
            .and_then(Lang::from_code)
            .or_else(|| {
                sys_locale::get_locale()
                    .as_deref()
                    .and_then(Lang::from_code)
            })
            .unwrap_or(Lang::En)
    }

    /// "fr", "fr-FR", "fr_CA.UTF-8" → French; "en…" → English.
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.to_ascii_lowercase();
        if lower.starts_with("fr") {
            Some(Lang::Fr)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The code written in files and documents ("fr", "en").
    pub fn code(self) -> &'static str {
        self.source().0
    }

    /// The language `texts` are written in, from how many of their words are common French or
    /// English words (articles, prepositions, pronouns); `None` when neither clearly leads.
    pub fn guess<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        let (mut fr, mut en) = (0usize, 0usize);
        for text in texts {
            for word in text
                .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
            {
                let word = word.to_lowercase();
                // "l’opérateur", "d'Angers": the elided article counts as a French word.
                let word = match word.split_once(['\'', '’']) {
                    Some((head, _)) if FR_ELIDED.contains(&head) => head,
                    _ => word.as_str(),
                };
                if FR_STOP.contains(&word) {
                    fr += 1;
                } else if EN_STOP.contains(&word) {
                    en += 1;
                }
            }
        }
        // One language must lead clearly: a French note quoting "the" stays French.
        match (fr, en) {
            (0, 0) => None,
            (f, e) if f >= 2 * e.max(1) || (e == 0 && f > 0) => Some(Lang::Fr),
            (f, e) if e >= 2 * f.max(1) || (f == 0 && e > 0) => Some(Lang::En),
            _ => None,
        }
    }

    fn source(self) -> (&'static str, &'static str) {
        match self {
            Lang::En => ("en", EN),
            Lang::Fr => ("fr", FR),
        }
    }
}

/// Short words French uses everywhere and English never (some shared spellings such as "on",
/// "a", "as", "us" are left out of both lists).
const FR_STOP: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "est", "sont", "au", "aux",
    "ce", "cette", "ces", "dans", "pour", "par", "sur", "avec", "sans", "qui", "que", "quels",
    "quelles", "quel", "quelle", "comment", "pas", "plus", "leur", "leurs", "nous", "vous", "ils",
    "elles", "il", "elle", "son", "sa", "ses", "entre", "en", "d", "l", "qu", "être", "avoir",
    "faire", "tous", "toutes", "mais", "donc", "aussi", "très", "même",
];
/// The elided forms before an apostrophe ("l’", "d’", "qu’").
const FR_ELIDED: &[&str] = &[
    "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu",
];
const EN_STOP: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "are", "for", "with", "without", "that", "this", "these",
    "those", "what", "which", "who", "how", "why", "from", "by", "at", "it", "its", "be", "was",
    "were", "their", "they", "we", "you", "our", "not", "more", "or", "an", "between", "into",
    "about", "should", "can", "will", "have", "has", "do", "does", "all", "but", "so", "also",
    "very",
];

/// The strings of one language, falling back to English for a missing key.
pub struct I18n {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: FluentBundle<FluentResource>,
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let (code, text) = lang.source();
    let id: LanguageIdentifier = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks: they show as boxes in some fonts and break tests by label.
    bundle.set_use_isolating(false);
    // The files are compiled in and checked by tests; a broken entry is skipped, not fatal.
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(res, _)| res);
    let _ = bundle.add_resource(resource);
    bundle
}

impl I18n {
    pub fn new(lang: Lang) -> I18n {
        I18n {
            lang,
            bundle: bundle(lang),
            fallback: bundle(Lang::En),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message for `key`; the key itself if no language has it.
    pub fn tr(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message for `key` with `{ $name }` placeables filled in.
    pub fn tr_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(key, Some(&fa))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for b in [&self.bundle, &self.fallback] {
            if let Some(pattern) = b.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        key.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(text: &str) -> BTreeSet<String> {
        assert!(
            FluentResource::try_new(text.to_owned()).is_ok(),
            "locale file parses"
        );
        text.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let (en, fr) = (keys(EN), keys(FR));
        let missing_fr: Vec<_> = en.difference(&fr).collect();
        let missing_en: Vec<_> = fr.difference(&en).collect();
        assert!(missing_fr.is_empty(), "missing in French: {missing_fr:?}");
        assert!(missing_en.is_empty(), "missing in English: {missing_en:?}");
    }

    #[test]
    fn guesses_the_language_of_a_text_from_its_common_words() {
        let fr = [
            "Comment faire perdurer les relations entre collectivités en temps de crise ?",
            "Appui sur les ONG locales, sur les centres culturels",
            "L’opérateur sur place doit agir en tant que facilitateur",
        ];
        assert_eq!(Lang::guess(fr), Some(Lang::Fr));
        let en = [
            "How can partnerships between cities last through a crisis?",
            "Rely on the local NGOs and the cultural centres",
        ];
        assert_eq!(Lang::guess(en), Some(Lang::En));
        assert_eq!(
            Lang::guess(["Festisol", "ONG", "AAP"]),
            None,
            "no common word"
        );
        assert_eq!(Lang::guess([]), None);
        // A French note quoting an English name stays French.
        assert_eq!(
            Lang::guess(["Le projet « The Bridge » est lancé par la mairie et les écoles"]),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::Fr.code(), "fr");
    }

    #[test]
    fn picks_language_and_fills_arguments() {
        assert_eq!(Lang::from_code("fr_FR.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::detect(Some("en")), Lang::En);
        let fr = I18n::new(Lang::Fr);
        assert_eq!(fr.tr("menu-file"), "Fichier");
        let s = fr.tr_args(
            "status-counts",
            &[("themes", 10.into()), ("ideas", 37.into())],
        );
        assert!(s.contains("10") && s.contains("37"), "{s}");
        let one = I18n::new(Lang::En).tr_args(
            "status-counts",
            &[
                ("tables", 1.into()),
                ("themes", 2.into()),
                ("ideas", 0.into()),
            ],
        );
        assert_eq!(one, "1 table · 2 themes · 0 ideas");
        let zero = fr.tr_args(
            "status-counts",
            &[
                ("tables", 1.into()),
                ("themes", 0.into()),
                ("ideas", 1.into()),
            ],
        );
        assert_eq!(
            zero, "1 table · 0 thème · 1 idée",
            "French counts 0 and 1 as singular"
        );
    }
}
