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

    fn source(self) -> (&'static str, &'static str) {
        match self {
            Lang::En => ("en", EN),
            Lang::Fr => ("fr", FR),
        }
    }
}

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
