//! Every user command in one table: its label, shortcuts and menu. Menus, keyboard shortcuts and
//! the command palette are all generated from here, so they can never disagree.

use crate::io::export::ExportFormat;
use crate::model::Paper;
use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewDocument,
    Open,
    /// Read another format (Markdown, OPML, Freeplane…) into a new, unsaved map.
    Import,
    /// Review what a partner's copy of this map changed, and take it in (one undo step).
    MergeCopy,
    /// File ▸ Live session: open this map as a room (relay started in this window), join a
    /// room by its link, leave the session.
    LiveStart,
    LiveJoin,
    LiveLeave,
    Save,
    SaveAs,
    /// Drop the map's history but its present state, after a warning (older partner copies
    /// then merge back only note by note).
    TrimHistory,
    /// Write the map in a format partners can open without CaféMap.
    Export(ExportFormat),
    /// The report (compte-rendu) partners receive: a dialog, then where to write it.
    ExportReport,
    /// The café's own settings: the language what partners receive is written in.
    CafeProperties,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    /// Join the selected notes into one.
    Merge,
    /// Split a note in two at the caret while typing; else at its line or sentence breaks.
    Split,
    /// Review proposed joins, tables, themes and title for the selected (or unsorted) notes.
    Tidy,
    /// Propose groups of similar ideas across tables, to review and build a synthesis from.
    FindThreads,
    /// From a reference (a note of a synthesis table) to the idea it stands for.
    GoToOriginal,
    /// Which threads or themes came up at which tables.
    CoverageMatrix,
    /// Draw (or remove) a cross-link between the two selected notes.
    ToggleLink,
    Delete,
    SelectAll,
    /// Find in every table (Ctrl+F), with the replace row (Ctrl+H); next and previous match.
    Find,
    Replace,
    FindNext,
    FindPrevious,
    EditText,
    AddChild,
    AddSibling,
    Recolor(Paper),
    /// Select the nearest node in a direction.
    Select(Direction),
    /// Move the selected branches a step (one undo step while repeated).
    Nudge(Direction),
    Arrange,
    ArrangeSelection,
    ZoomFit,
    ZoomSelection,
    ZoomIn,
    ZoomOut,
    ZoomActual,
    AddTable,
    RenameTable,
    DeleteTable,
    MoveTableLeft,
    MoveTableRight,
    NextTable,
    PreviousTable,
    CommandPalette,
    /// Presentation mode: full screen, step by step (from the selected node, if one is).
    Present,
    /// Show or hide the side panel with the presentation order, hidden nodes and speaker notes.
    PresentationPanel,
    /// Fold or unfold the selected nodes (Space, as in Freeplane).
    ToggleFold,
    /// Fold or unfold everything below the selection, or the whole table.
    ToggleFoldAll,
    /// Show or hide the outline: the table as an indented tree beside the map.
    Outline,
    /// Stick one dot of the current kind on every selected note (one undo step while repeated).
    AddDot,
    /// Take one dot of the current kind off every selected note.
    RemoveDot,
    /// The next dot kind becomes the one the keys and clicks add.
    NextDotKind,
    /// Name the café's dot kinds and their colours.
    DotKinds,
    /// Add or remove tags on the selected notes.
    TagSelection,
    /// The owner and due date of the selected action.
    EditAction,
    /// The round and contributor of the selected notes.
    SetOrigin,
    /// Arrange the table with each theme's notes ordered by votes, most first.
    ArrangeByVotes,
    /// The harvest side panel: every idea of the event ranked by votes, the tags, the actions.
    TopIdeas,
    TagsPanel,
    ActionsPanel,
}

/// A direction on the map, for keyboard navigation and nudging.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    pub const ALL: [Direction; 4] = [
        Direction::Left,
        Direction::Right,
        Direction::Up,
        Direction::Down,
    ];

    /// Unit vector in canvas units (y grows downwards).
    pub fn vector(self) -> crate::geom::Point {
        use crate::geom::Point;
        match self {
            Direction::Left => Point::new(-1.0, 0.0),
            Direction::Right => Point::new(1.0, 0.0),
            Direction::Up => Point::new(0.0, -1.0),
            Direction::Down => Point::new(0.0, 1.0),
        }
    }

    fn key(self) -> Key {
        match self {
            Direction::Left => Key::ArrowLeft,
            Direction::Right => Key::ArrowRight,
            Direction::Up => Key::ArrowUp,
            Direction::Down => Key::ArrowDown,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Direction::Left => "left",
            Direction::Right => "right",
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// The menu a command appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Map,
    Table,
    Harvest,
    View,
}

impl Menu {
    pub const ALL: [Menu; 6] = [
        Menu::File,
        Menu::Edit,
        Menu::Map,
        Menu::Table,
        Menu::Harvest,
        Menu::View,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Menu::File => "menu-file",
            Menu::Edit => "menu-edit",
            Menu::Map => "menu-map",
            Menu::Table => "menu-table",
            Menu::Harvest => "menu-harvest",
            Menu::View => "menu-view",
        }
    }
}

/// The export formats offered in File ▸ Export, in menu order (pictures first, then outlines).
pub const EXPORT_FORMATS: [ExportFormat; 9] = [
    ExportFormat::Pdf,
    ExportFormat::Html,
    ExportFormat::Png,
    ExportFormat::Svg,
    ExportFormat::Markdown,
    ExportFormat::Opml,
    ExportFormat::FreeMind,
    ExportFormat::Canvas,
    ExportFormat::Csv,
];

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}
const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Command {
    /// All commands in menu order.
    pub fn all() -> Vec<Command> {
        use Command::*;
        let mut all = vec![
            NewDocument,
            Open,
            Import,
            MergeCopy,
            LiveStart,
            LiveJoin,
            LiveLeave,
            Save,
            SaveAs,
            TrimHistory,
        ];
        all.extend(EXPORT_FORMATS.map(Export));
        all.extend([
            ExportReport,
            CafeProperties,
            Quit,
            Undo,
            Redo,
            Cut,
            Copy,
            Paste,
            Duplicate,
            Merge,
            Split,
            Tidy,
            FindThreads,
            GoToOriginal,
            ToggleLink,
            Delete,
            SelectAll,
            Find,
            Replace,
            FindNext,
            FindPrevious,
            EditText,
            AddChild,
            AddSibling,
        ]);
        all.extend(Paper::ALL.map(Recolor));
        all.extend(Direction::ALL.map(Select));
        all.extend(Direction::ALL.map(Nudge));
        all.extend([
            ToggleFold,
            ToggleFoldAll,
            Arrange,
            ArrangeSelection,
            AddTable,
            RenameTable,
            DeleteTable,
            MoveTableLeft,
            MoveTableRight,
            NextTable,
            PreviousTable,
            ZoomFit,
            ZoomSelection,
            ZoomIn,
            ZoomOut,
            ZoomActual,
            CommandPalette,
            Present,
            PresentationPanel,
            CoverageMatrix,
            Outline,
            AddDot,
            RemoveDot,
            NextDotKind,
            DotKinds,
            TagSelection,
            EditAction,
            SetOrigin,
            ArrangeByVotes,
            TopIdeas,
            TagsPanel,
            ActionsPanel,
        ]);
        all
    }

    /// Words people search the palette with besides the label, in French and English ("vote",
    /// "gommette" for a dot; "pdf", "compte-rendu" for the report). The palette matches them too.
    pub fn search_words(self) -> &'static [&'static str] {
        use Command::*;
        match self {
            AddDot | RemoveDot | NextDotKind | DotKinds | ArrangeByVotes | TopIdeas => &[
                "vote",
                "voter",
                "votes",
                "dot",
                "dots",
                "gommette",
                "gommettes",
                "pastille",
                "sticker",
            ],
            ExportReport => &[
                "pdf",
                "report",
                "compte-rendu",
                "compte rendu",
                "rapport",
                "synthèse",
                "restitution",
            ],
            Present | PresentationPanel => &["diaporama", "slides", "slideshow", "présentation"],
            Tidy => &["ranger", "nettoyer", "clean up", "recoller", "pdf"],
            FindThreads => &["fils", "threads", "liens", "clusters"],
            LiveStart | LiveJoin | LiveLeave => &[
                "live",
                "direct",
                "session",
                "relay",
                "relais",
                "collaborer",
                "partager",
            ],
            _ => &[],
        }
    }

    /// Fluent key of the command's label (`Recolor` adds the colour name and `Select`/`Nudge` the
    /// direction, see [`Self::label`]).
    pub fn label_key(self) -> &'static str {
        use Command::*;
        match self {
            NewDocument => "cmd-new",
            Open => "cmd-open",
            Import => "cmd-import",
            MergeCopy => "cmd-merge-copy",
            TrimHistory => "cmd-trim-history",
            LiveStart => "cmd-live-start",
            LiveJoin => "cmd-live-join",
            LiveLeave => "cmd-live-leave",
            Export(_) => "cmd-export",
            ExportReport => "cmd-export-report",
            CafeProperties => "cmd-cafe-properties",
            Save => "cmd-save",
            SaveAs => "cmd-save-as",
            Quit => "cmd-quit",
            Undo => "cmd-undo",
            Redo => "cmd-redo",
            Cut => "cmd-cut",
            Copy => "cmd-copy",
            Paste => "cmd-paste",
            Duplicate => "cmd-duplicate",
            Merge => "cmd-merge",
            Split => "cmd-split",
            Tidy => "cmd-tidy",
            FindThreads => "cmd-find-threads",
            GoToOriginal => "cmd-go-to-original",
            CoverageMatrix => "cmd-coverage-matrix",
            ToggleLink => "cmd-toggle-link",
            Delete => "cmd-delete",
            SelectAll => "cmd-select-all",
            Find => "cmd-find",
            Replace => "cmd-replace",
            FindNext => "cmd-find-next",
            FindPrevious => "cmd-find-previous",
            EditText => "cmd-edit-text",
            AddChild => "cmd-add-child",
            AddSibling => "cmd-add-sibling",
            Recolor(_) => "cmd-recolor",
            Select(_) => "cmd-select",
            Nudge(_) => "cmd-nudge",
            Arrange => "cmd-arrange",
            ArrangeSelection => "cmd-arrange-selection",
            ZoomFit => "cmd-zoom-fit",
            ZoomSelection => "cmd-zoom-selection",
            ZoomIn => "cmd-zoom-in",
            ZoomOut => "cmd-zoom-out",
            ZoomActual => "cmd-zoom-actual",
            AddTable => "cmd-add-table",
            RenameTable => "cmd-rename-table",
            DeleteTable => "cmd-delete-table",
            MoveTableLeft => "cmd-move-table-left",
            MoveTableRight => "cmd-move-table-right",
            NextTable => "cmd-next-table",
            PreviousTable => "cmd-previous-table",
            CommandPalette => "cmd-palette",
            Present => "cmd-present",
            PresentationPanel => "cmd-presentation-panel",
            ToggleFold => "cmd-toggle-fold",
            ToggleFoldAll => "cmd-toggle-fold-all",
            Outline => "cmd-outline",
            AddDot => "cmd-add-dot",
            RemoveDot => "cmd-remove-dot",
            NextDotKind => "cmd-next-dot-kind",
            DotKinds => "cmd-dot-kinds",
            TagSelection => "cmd-tag-selection",
            EditAction => "cmd-edit-action",
            SetOrigin => "cmd-set-origin",
            ArrangeByVotes => "cmd-arrange-by-votes",
            TopIdeas => "cmd-top-ideas",
            TagsPanel => "cmd-tags-panel",
            ActionsPanel => "cmd-actions-panel",
        }
    }

    /// The label in the user's language.
    pub fn label(self, i18n: &crate::i18n::I18n) -> String {
        match self {
            Command::Recolor(p) => {
                let colour = i18n.tr(&format!("color-{}", p.name()));
                i18n.tr_args("cmd-recolor", &[("color", colour.into())])
            }
            Command::Export(f) => i18n.tr_args(
                "cmd-export",
                &[("format", super::files::format_label(f, i18n).into())],
            ),
            Command::Select(d) | Command::Nudge(d) => {
                i18n.tr(&format!("{}-{}", self.label_key(), d.name()))
            }
            _ => i18n.tr(self.label_key()),
        }
    }

    /// Keyboard shortcuts, the first one shown in menus. Cut/Copy/Paste arrive from the system as
    /// clipboard events, so theirs are only shown, never matched as keys.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        use Command::*;
        match self {
            NewDocument => vec![key(CMD, Key::N)],
            Open => vec![key(CMD, Key::O)],
            Save => vec![key(CMD, Key::S)],
            SaveAs => vec![key(CMD_SHIFT, Key::S)],
            Import => vec![key(CMD, Key::I)],
            MergeCopy | TrimHistory | LiveStart | LiveJoin | LiveLeave | Export(_) => vec![],
            Quit => vec![key(CMD, Key::Q)],
            Undo => vec![key(CMD, Key::Z)],
            Redo => vec![key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
            Cut => vec![key(CMD, Key::X)],
            Copy => vec![key(CMD, Key::C)],
            Paste => vec![key(CMD, Key::V)],
            Duplicate => vec![key(CMD, Key::D)],
            Merge => vec![key(CMD, Key::M)],
            Split => vec![key(CMD_SHIFT, Key::M)],
            ToggleLink => vec![key(CMD, Key::K)],
            Delete => vec![key(NONE, Key::Delete), key(NONE, Key::Backspace)],
            SelectAll => vec![key(CMD, Key::A)],
            Find => vec![key(CMD, Key::F)],
            Replace => vec![key(CMD, Key::H)],
            FindNext => vec![key(NONE, Key::F3)],
            FindPrevious => vec![key(Modifiers::SHIFT, Key::F3)],
            EditText => vec![key(NONE, Key::F2)],
            AddChild => vec![key(NONE, Key::Tab), key(NONE, Key::Insert)],
            AddSibling => vec![key(NONE, Key::Enter)],
            Arrange => vec![key(CMD, Key::L)],
            ArrangeSelection => vec![key(CMD_SHIFT, Key::L)],
            ZoomFit => vec![key(NONE, Key::Home), key(CMD, Key::Num0)],
            ZoomSelection => vec![key(Modifiers::SHIFT, Key::Home)],
            ZoomIn => vec![
                key(NONE, Key::Plus),
                key(NONE, Key::Equals),
                key(CMD, Key::Plus),
                key(CMD, Key::Equals),
            ],
            ZoomOut => vec![key(NONE, Key::Minus), key(CMD, Key::Minus)],
            ZoomActual => vec![key(CMD, Key::Num1)],
            AddTable => vec![key(CMD, Key::T)],
            RenameTable => vec![key(CMD, Key::R)],
            MoveTableLeft => vec![key(CMD_SHIFT, Key::PageUp)],
            MoveTableRight => vec![key(CMD_SHIFT, Key::PageDown)],
            NextTable => vec![key(CMD, Key::PageDown)],
            PreviousTable => vec![key(CMD, Key::PageUp)],
            CommandPalette => vec![key(CMD_SHIFT, Key::P)],
            Present => vec![key(NONE, Key::F5)],
            PresentationPanel | Outline => vec![],
            ToggleFold => vec![key(NONE, Key::Space)],
            ToggleFoldAll => vec![key(Modifiers::ALT, Key::Space)],
            // Not a plain letter or +/-: a letter typed on a selected note starts editing it,
            // and + and - zoom. Ctrl+Shift+↑/↓ reads as "one dot more / less".
            AddDot => vec![key(CMD_SHIFT, Key::ArrowUp)],
            RemoveDot => vec![key(CMD_SHIFT, Key::ArrowDown)],
            Select(d) => vec![key(NONE, d.key())],
            Nudge(d) => vec![key(Modifiers::ALT, d.key())],
            DeleteTable | Recolor(_) | Tidy | FindThreads | GoToOriginal | CoverageMatrix
            | ExportReport | CafeProperties | NextDotKind | DotKinds | TagSelection
            | EditAction | SetOrigin | ArrangeByVotes | TopIdeas | TagsPanel | ActionsPanel => {
                vec![]
            }
        }
    }

    /// Whether the command gets a menu item (keyboard walking and nudging would only clutter the
    /// menus; they are in the palette and on the arrow keys).
    pub fn in_menu(self) -> bool {
        !matches!(self, Command::Select(_) | Command::Nudge(_))
    }

    /// True for Space (fold), which acts when the key is released, and only if the pointer did
    /// not drag meanwhile: Space held while dragging pans the map (see `handle_keyboard`).
    pub fn acts_on_release(self) -> bool {
        self == Command::ToggleFold
    }

    /// True for Cut/Copy/Paste, which egui delivers as clipboard events rather than keys.
    pub fn is_clipboard(self) -> bool {
        matches!(self, Command::Cut | Command::Copy | Command::Paste)
    }

    pub fn menu(self) -> Menu {
        use Command::*;
        match self {
            NewDocument | Open | Import | MergeCopy | LiveStart | LiveJoin | LiveLeave | Save
            | SaveAs | TrimHistory | Export(_) | ExportReport | CafeProperties | Quit => Menu::File,
            Undo | Redo | Cut | Copy | Paste | Duplicate | Merge | Split | Tidy | FindThreads
            | GoToOriginal | ToggleLink | Delete | SelectAll | Find | Replace | FindNext
            | FindPrevious | EditText | AddChild | AddSibling | Recolor(_) => Menu::Edit,
            Select(_) | Nudge(_) => Menu::Map,
            Arrange | ArrangeSelection | ToggleFold | ToggleFoldAll => Menu::Map,
            AddTable | RenameTable | DeleteTable | MoveTableLeft | MoveTableRight | NextTable
            | PreviousTable => Menu::Table,
            ZoomFit | ZoomSelection | ZoomIn | ZoomOut | ZoomActual | CommandPalette | Present
            | PresentationPanel | CoverageMatrix | Outline => Menu::View,
            AddDot | RemoveDot | NextDotKind | DotKinds | TagSelection | EditAction | SetOrigin
            | ArrangeByVotes | TopIdeas | TagsPanel | ActionsPanel => Menu::Harvest,
        }
    }

    /// Whether the command's Ctrl and function-key shortcuts work while a note is being typed
    /// (the text is committed first): files, tables, presenting, the palette. The others' keys
    /// (arrows, Home, Delete, Ctrl+Z, Ctrl+A…) belong to the text field then.
    pub fn works_while_typing(self) -> bool {
        use Command::*;
        matches!(
            self,
            NewDocument
                | Open
                | Import
                | Save
                | SaveAs
                | Quit
                | AddTable
                | NextTable
                | PreviousTable
                | MoveTableLeft
                | MoveTableRight
                | CommandPalette
                | Present
                | Split
                | Find
                | Replace
                | FindNext
                | FindPrevious
        )
    }

    /// Matches this frame's key presses against the table (most modifiers first, so that
    /// Ctrl+Shift+Z is not taken for Ctrl+Z) and consumes the matched keys. While a note is
    /// being typed, only the shortcuts that [`Self::works_while_typing`] are matched.
    pub fn consume_shortcuts(ctx: &egui::Context, typing: bool) -> Vec<Command> {
        let function_key = |k: Key| {
            matches!(
                k,
                Key::F1 | Key::F2 | Key::F3 | Key::F4 | Key::F5 | Key::F6 | Key::F7 | Key::F8
            )
        };
        let mut table: Vec<(Command, KeyboardShortcut)> = Command::all()
            .into_iter()
            .filter(|c| !c.is_clipboard() && !c.acts_on_release())
            .filter(|c| !typing || c.works_while_typing())
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .filter(|(_, s)| !typing || s.modifiers.command || function_key(s.logical_key))
            .collect();
        let weight = |m: Modifiers| m.command as u8 + m.shift as u8 + m.alt as u8;
        table.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s.modifiers)));
        let mut out = Vec::new();
        ctx.input_mut(|input| {
            for (cmd, shortcut) in &table {
                if input.consume_shortcut(shortcut) && !out.contains(cmd) {
                    out.push(*cmd);
                }
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{I18n, Lang};
    use std::collections::HashSet;

    #[test]
    fn every_command_has_a_label_in_both_languages() {
        for lang in [Lang::En, Lang::Fr] {
            let i18n = I18n::new(lang);
            for c in Command::all() {
                let label = c.label(&i18n);
                assert!(!label.starts_with("cmd-"), "{c:?} has no {lang:?} label");
            }
        }
    }

    #[test]
    fn no_shortcut_is_used_twice() {
        let mut seen = HashSet::new();
        for c in Command::all() {
            for s in c.shortcuts() {
                assert!(
                    seen.insert((
                        s.modifiers.command,
                        s.modifiers.shift,
                        s.modifiers.alt,
                        s.logical_key
                    )),
                    "{c:?}"
                );
            }
        }
    }
}
