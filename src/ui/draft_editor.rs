//! The one editor for text being typed: a note on the map, a row of the outline, a field of a
//! dialog. It takes the keyboard as it opens, keeps the caret in the draft (so Split cuts where
//! the caret shows, whichever view shows it) and reads Enter and Esc the same way everywhere.

use super::canvas::DraftEnd;
use egui::{Key, Modifiers};

/// Enter commits (Shift+Enter is a new line), Esc cancels: taken from the input before the text
/// field sees them.
pub fn end_keys(ui: &mut egui::Ui) -> Option<DraftEnd> {
    let (commit, cancel) = ui.input_mut(|i| {
        let mut commit = false;
        i.events.retain(|e| {
            let enter = matches!(e, egui::Event::Key { key: Key::Enter, pressed: true, modifiers, .. } if !modifiers.shift);
            commit |= enter;
            !enter
        });
        (commit, i.consume_key(Modifiers::NONE, Key::Escape))
    });
    if cancel {
        Some(DraftEnd::Cancel)
    } else {
        commit.then_some(DraftEnd::Commit)
    }
}

/// A text field over a draft's text.
pub struct DraftEditor<'t> {
    edit: egui::TextEdit<'t>,
    /// The text's length in characters (to select it all).
    chars: usize,
    caret: Option<&'t mut Option<usize>>,
    label: Option<String>,
    focus: bool,
    select_all: bool,
}

impl<'t> DraftEditor<'t> {
    pub fn multiline(text: &'t mut String) -> Self {
        let chars = text.chars().count();
        Self::with(egui::TextEdit::multiline(text), chars)
    }

    pub fn singleline(text: &'t mut String) -> Self {
        let chars = text.chars().count();
        Self::with(egui::TextEdit::singleline(text), chars)
    }

    fn with(edit: egui::TextEdit<'t>, chars: usize) -> Self {
        DraftEditor {
            edit,
            chars,
            caret: None,
            label: None,
            focus: false,
            select_all: false,
        }
    }

    /// How the field looks (font, colours, width): egui's own [`egui::TextEdit`] options.
    pub fn look(mut self, f: impl FnOnce(egui::TextEdit<'t>) -> egui::TextEdit<'t>) -> Self {
        self.edit = f(self.edit);
        self
    }

    /// Where the caret is kept, in characters (the draft's own).
    pub fn caret(mut self, caret: &'t mut Option<usize>) -> Self {
        self.caret = Some(caret);
        self
    }

    /// The name a screen reader (and a UI test) reads.
    pub fn label(mut self, label: String) -> Self {
        self.label = Some(label);
        self
    }

    /// Gives the field the keyboard now (the draft just opened), with its whole text selected
    /// when `select_all` (a placeholder that typing replaces).
    pub fn focus(mut self, focus: bool, select_all: bool) -> Self {
        self.focus = focus;
        self.select_all = select_all;
        self
    }

    pub fn show(self, ui: &mut egui::Ui) -> egui::Response {
        let r = ui.add(self.edit);
        let ctx = ui.ctx().clone();
        if let Some(caret) = self.caret
            && let Some(at) = egui::TextEdit::load_state(&ctx, r.id)
                .and_then(|s| s.cursor.char_range())
                .map(|range| range.primary.index.0)
        {
            *caret = Some(at);
        }
        if let Some(label) = self.label {
            ctx.accesskit_node_builder(r.id, |b| b.set_label(label));
        }
        if self.focus {
            r.request_focus();
            if self.select_all
                && let Some(mut state) = egui::TextEdit::load_state(&ctx, r.id)
            {
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(self.chars),
                );
                state.cursor.set_char_range(Some(all));
                state.store(&ctx, r.id);
            }
        }
        r
    }
}
