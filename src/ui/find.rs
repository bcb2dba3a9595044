//! The find bar (Ctrl+F) and its replace row (Ctrl+H): incremental search over every table, in
//! note text and speaker notes, ignoring case and accents. The bar only says what the user asked
//! for ([`FindIntent`]); the app moves the selection and the camera, and applies replacements
//! through the document's one pipe.

use crate::edit::find::{FindIndex, Match};
use crate::i18n::I18n;
use crate::model::Cafe;
use egui::Key;

/// What the user asked of the bar this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindIntent {
    /// The query changed: show the first match from where the user is.
    Search,
    Next,
    Previous,
    ReplaceOne,
    ReplaceAll,
    /// Esc: the bar closes, the selection stays on the match.
    Close,
}

pub struct FindBar {
    pub query: String,
    pub replacement: String,
    /// The replace row is shown.
    pub replacing: bool,
    /// Index in `matches` of the match shown.
    pub current: Option<usize>,
    matches: Vec<Match>,
    /// The folded texts of the document at a revision, rebuilt when it changes.
    index: Option<(u64, FindIndex)>,
    /// What `matches` were computed for: the query and the document revision.
    searched: Option<(String, u64)>,
    /// Give the query field the keyboard on the next frame.
    focus_query: bool,
    /// One of the bar's fields had the keyboard last frame (egui drops the focus on Esc before
    /// the bar sees the key).
    typing_here: bool,
}

impl FindBar {
    pub fn new(replacing: bool) -> FindBar {
        FindBar {
            query: String::new(),
            replacement: String::new(),
            replacing,
            current: None,
            matches: Vec::new(),
            index: None,
            searched: None,
            focus_query: true,
            typing_here: false,
        }
    }

    /// Opened again (Ctrl+F while open): back to the query field.
    pub fn refocus(&mut self, replacing: bool) {
        self.replacing |= replacing;
        self.focus_query = true;
    }

    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    pub fn current_match(&self) -> Option<&Match> {
        self.current.and_then(|i| self.matches.get(i))
    }

    /// Brings the matches up to date with the query and the document. Returns whether they
    /// changed.
    pub fn refresh(&mut self, cafe: &Cafe, revision: u64) -> bool {
        let key = (self.query.clone(), revision);
        if self.searched.as_ref() == Some(&key) {
            return false;
        }
        if self.index.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.index = Some((revision, FindIndex::new(cafe)));
        }
        self.matches = self
            .index
            .as_ref()
            .map(|(_, index)| index.find(&self.query))
            .unwrap_or_default();
        self.current = self
            .current
            .filter(|_| !self.matches.is_empty())
            .map(|c| c.min(self.matches.len() - 1));
        self.searched = Some(key);
        true
    }

    /// The first match at or after table `table` (wrapping round), for a new query.
    pub fn start_from(&mut self, table: usize) {
        self.current = self
            .matches
            .iter()
            .position(|m| m.table >= table)
            .or((!self.matches.is_empty()).then_some(0));
    }

    /// Steps to the next (or previous) match, wrapping round.
    pub fn step(&mut self, forward: bool) {
        let n = self.matches.len();
        if n == 0 {
            self.current = None;
            return;
        }
        self.current = Some(match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        });
    }

    /// The bar, one or two rows. Returns what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui, i18n: &I18n) -> Vec<FindIntent> {
        let mut intents = Vec::new();
        if std::mem::take(&mut self.typing_here)
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape))
        {
            intents.push(FindIntent::Close);
        }
        ui.horizontal(|ui| {
            let label = ui.label(i18n.tr("find-label"));
            let query = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text(i18n.tr("find-hint"))
                    // Enter goes to the next match and keeps the field.
                    .return_key(None)
                    .desired_width(280.0),
            );
            // Screen readers (and tests) find the field by its label.
            let query = query.labelled_by(label.id);
            if std::mem::take(&mut self.focus_query) {
                query.request_focus();
            }
            if query.changed() {
                intents.push(FindIntent::Search);
            }
            if query.has_focus() {
                self.typing_here = true;
                self.keys(ui, &mut intents, true);
            }
            let count = match (self.current, self.matches.len()) {
                (_, 0) if self.query.trim().is_empty() => String::new(),
                (_, 0) => i18n.tr("find-none"),
                (Some(c), n) => i18n.tr_args(
                    "find-count",
                    &[("current", (c + 1).into()), ("total", n.into())],
                ),
                (None, n) => i18n.tr_args("find-total", &[("total", n.into())]),
            };
            if ui
                .button("▲")
                .on_hover_text(i18n.tr("find-previous"))
                .clicked()
            {
                intents.push(FindIntent::Previous);
            }
            if ui.button("▼").on_hover_text(i18n.tr("find-next")).clicked() {
                intents.push(FindIntent::Next);
            }
            ui.label(count);
            if !self.replacing && ui.button(i18n.tr("find-show-replace")).clicked() {
                self.replacing = true;
            }
            if ui
                .button("✕")
                .on_hover_text(i18n.tr("find-close"))
                .clicked()
            {
                intents.push(FindIntent::Close);
            }
        });
        if self.replacing {
            ui.horizontal(|ui| {
                let label = ui.label(i18n.tr("replace-label"));
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.replacement)
                        .return_key(None)
                        .desired_width(280.0),
                );
                let field = field.labelled_by(label.id);
                if field.has_focus() {
                    self.typing_here = true;
                    self.keys(ui, &mut intents, false);
                }
                let some = !self.matches.is_empty();
                if ui
                    .add_enabled(some, egui::Button::new(i18n.tr("replace-one")))
                    .clicked()
                {
                    intents.push(FindIntent::ReplaceOne);
                }
                if ui
                    .add_enabled(some, egui::Button::new(i18n.tr("replace-all")))
                    .clicked()
                {
                    intents.push(FindIntent::ReplaceAll);
                }
            });
        }
        intents
    }

    /// Enter / F3: next; Shift+Enter / Shift+F3: previous.
    fn keys(&mut self, ui: &egui::Ui, intents: &mut Vec<FindIntent>, in_query: bool) {
        let before = intents.len();
        ui.input_mut(|i| {
            if i.consume_key(egui::Modifiers::SHIFT, Key::Enter)
                || i.consume_key(egui::Modifiers::SHIFT, Key::F3)
            {
                intents.push(FindIntent::Previous);
            } else if i.consume_key(egui::Modifiers::NONE, Key::Enter)
                || i.consume_key(egui::Modifiers::NONE, Key::F3)
            {
                intents.push(FindIntent::Next);
            }
        });
        // Walking the matches from the keyboard keeps the keyboard here.
        self.focus_query |= in_query && intents.len() > before;
    }
}
