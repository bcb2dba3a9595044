//! The command palette (Ctrl+Shift+P): every command of the command table, found by typing part of
//! its label or one of the words people search it with ([`Command::search_words`]). Matching ignores case and accents ("presenter" finds « Présenter ») and is fuzzy
//! ("arng" finds "Arrange"), best match first; a line says when nothing matches.

use super::commands::Command;
use crate::i18n::I18n;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The palette while it is open.
pub struct Palette {
    query: String,
    /// Index of the highlighted entry among the matches.
    selected: usize,
    matcher: Matcher,
}

impl Default for Palette {
    fn default() -> Self {
        let mut config = Config::DEFAULT;
        // Commands are typed from the start of their label: "pres" means « Présenter » before
        // « Ordre de présentation ».
        config.prefer_prefix = true;
        Palette {
            query: String::new(),
            selected: 0,
            matcher: Matcher::new(config),
        }
    }
}

impl Palette {
    /// The entries whose label matches the query, best first (ties keep the command table's
    /// order). An empty query lists everything.
    pub fn rank(&mut self, entries: Vec<(Command, String)>) -> Vec<(Command, String)> {
        // Accents typed in the query are dropped too, so « pré » and "pre" find the same.
        let query: String = self
            .query
            .chars()
            .map(nucleo_matcher::chars::normalize)
            .collect();
        let pattern = Pattern::new(
            &query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let mut buf = Vec::new();
        let mut scored: Vec<(u32, usize, (Command, String))> = entries
            .into_iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let label = pattern.score(Utf32Str::new(&entry.1, &mut buf), &mut self.matcher);
                // A search word ranks below a label matching as well: the label is what is shown.
                let word = entry
                    .0
                    .search_words()
                    .iter()
                    .filter_map(|w| pattern.score(Utf32Str::new(w, &mut buf), &mut self.matcher))
                    .max()
                    .map(|s| s.saturating_mul(3) / 4);
                let score = label.max(word)?;
                Some((score, i, entry))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, entry)| entry).collect()
    }

    /// Sets what has been typed (tests rank without a window).
    #[cfg(test)]
    fn set_query(&mut self, query: &str) {
        self.query = query.to_owned();
        self.selected = 0;
    }
}

/// Shows the palette when it is open. Returns the command picked (Enter or a click); the palette
/// closes then, or on Esc or a click outside it.
pub fn show(palette: &mut Option<Palette>, ctx: &egui::Context, i18n: &I18n) -> Option<Command> {
    let p = palette.as_mut()?;
    let entries = Command::all()
        .into_iter()
        .map(|c| (c, c.label(i18n)))
        .collect();
    let matches = p.rank(entries);
    let mut chosen = None;
    let modal = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
        ui.set_width(460.0);
        let before = p.query.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut p.query)
                .hint_text(i18n.tr("palette-hint"))
                .desired_width(f32::INFINITY),
        );
        field.request_focus();
        if p.query != before {
            p.selected = 0;
        }
        let last = matches.len().saturating_sub(1);
        if ui.input(|i| i.key_pressed(egui::Key::ArrowDown)) {
            p.selected = (p.selected + 1).min(last);
        }
        if ui.input(|i| i.key_pressed(egui::Key::ArrowUp)) {
            p.selected = p.selected.saturating_sub(1);
        }
        p.selected = p.selected.min(last);
        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            chosen = matches.get(p.selected).map(|m| m.0);
        }
        if matches.is_empty() {
            ui.weak(i18n.tr_args("palette-none", &[("query", p.query.clone().into())]));
        }
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (i, (cmd, label)) in matches.iter().enumerate() {
                    let shortcut = cmd
                        .shortcuts()
                        .first()
                        .map(|s| ctx.format_shortcut(s))
                        .unwrap_or_default();
                    let button = egui::Button::selectable(i == p.selected, label.as_str())
                        .shortcut_text(shortcut);
                    let response = ui.add(button);
                    if i == p.selected {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        chosen = Some(*cmd);
                    }
                }
            });
    });
    if chosen.is_some() || modal.should_close() {
        *palette = None;
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn ranked(lang: Lang, query: &str) -> Vec<String> {
        let i18n = I18n::new(lang);
        let mut p = Palette::default();
        p.set_query(query);
        let entries = Command::all()
            .into_iter()
            .map(|c| (c, c.label(&i18n)))
            .collect();
        p.rank(entries).into_iter().map(|(_, l)| l).collect()
    }

    #[test]
    fn unaccented_typing_finds_the_french_command_first() {
        for query in ["presenter", "present", "pres", "PRÉS", "Pres"] {
            let found = ranked(Lang::Fr, query);
            assert_eq!(
                found.first().map(String::as_str),
                Some("Présenter"),
                "{query:?} gave {found:?}"
            );
        }
    }

    #[test]
    fn fuzzy_typing_finds_a_command_with_letters_left_out() {
        let found = ranked(Lang::En, "zm fit");
        assert_eq!(found.first().map(String::as_str), Some("Zoom to fit"));
    }

    #[test]
    fn the_words_people_search_with_find_votes_and_the_report_in_both_languages() {
        for (lang, query, wanted) in [
            (Lang::En, "vote", "cmd-add-dot"),
            (Lang::Fr, "vote", "cmd-add-dot"),
            (Lang::Fr, "gommette", "cmd-add-dot"),
            (Lang::En, "dot", "cmd-add-dot"),
            (Lang::En, "pdf", "cmd-export-report"),
            (Lang::Fr, "pdf", "cmd-export-report"),
            (Lang::Fr, "compte-rendu", "cmd-export-report"),
            (Lang::En, "report", "cmd-export-report"),
        ] {
            let i18n = I18n::new(lang);
            let wanted = i18n.tr(wanted);
            let found = ranked(lang, query);
            assert!(
                found.contains(&wanted),
                "{query:?} in {lang:?} gave {found:?}"
            );
        }
        // A label that matches still comes first.
        let found = ranked(Lang::En, "vote");
        assert_eq!(
            found.first().map(String::as_str),
            Some(I18n::new(Lang::En).tr("cmd-arrange-by-votes").as_str())
        );
    }

    #[test]
    fn nothing_matches_gibberish_and_everything_matches_nothing_typed() {
        assert!(ranked(Lang::Fr, "xqzw").is_empty());
        assert_eq!(ranked(Lang::Fr, "").len(), Command::all().len());
    }
}
