//! From accepted proposals to a document: a new café from text (`cafemap import --tidy`), or
//! one undoable [`Edit`] of an existing café (the review panel's "Apply").

use super::{Fragment, Note, Proposal, Role, fragments_of_text, propose, tables};
use crate::edit::{Edit, Placed, apply};
use crate::io::import::marks::Harvest;
use crate::layout::order::reading_order;
use crate::model::{Cafe, CafeInfo, Node, NodeId, NodeKind, Table};
use crate::text::marks::parse_line;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One note of the draft: its text and the fragments it was made of.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    pub fragments: Range<usize>,
    /// The texts it joins, in order (its `merged_from`); one part for a note of one line.
    pub parts: Vec<String>,
    /// The round a marker line set for it.
    pub round: Option<u32>,
}

/// Themes with their ideas, and ideas under no theme.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Branches {
    pub themes: Vec<(Piece, Vec<Piece>)>,
    pub ideas: Vec<Piece>,
}

impl Branches {
    fn is_empty(&self) -> bool {
        self.themes.is_empty() && self.ideas.is_empty()
    }

    fn append(&mut self, other: Branches) {
        self.themes.extend(other.themes);
        self.ideas.extend(other.ideas);
    }
}

/// A table of the draft: its question (with the other wordings found for it) and its notes.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftTable {
    pub question: String,
    /// Other wordings of the question (an agenda line when a later heading is used).
    pub wordings: Vec<String>,
    pub branches: Branches,
}

/// What the accepted proposals make of the fragments.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// From a header field such as "Animation et prise de note : Awa, Paul".
    pub facilitators: Option<String>,
    pub tables: Vec<DraftTable>,
    /// Notes of no accepted table: they stay where the fragments were.
    pub rest: Branches,
}

impl Proposal {
    /// Accepts every item (the panel's "Accept all", the CLI's `--tidy`).
    pub fn accept_all(&mut self) {
        for n in &mut self.notes {
            n.accepted = true;
            if let Some(cut) = &mut n.cut {
                cut.accepted = true;
            }
        }
        self.tables.iter_mut().for_each(|t| t.accepted = true);
        self.themes.iter_mut().for_each(|t| t.accepted = true);
        if let Some(t) = &mut self.title {
            t.accepted = true;
        }
    }

    /// Indices of the notes whose join is up for review: the ideas and themes made of several
    /// fragments (a question or title is joined whenever its table or title is accepted).
    pub fn joins(&self) -> Vec<usize> {
        self.notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_join() && matches!(n.role, Role::Idea | Role::Theme(_)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Indices of the notes cut from the line they shared with the note before (a split up for
    /// review, of that note and this one).
    pub fn splits(&self) -> Vec<usize> {
        self.notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.cut.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// The notes as the accepted cuts leave them: a rejected cut glues a note back to the one
    /// before it, which keeps its role and place.
    fn glued(&self) -> Vec<Note> {
        let mut out: Vec<Note> = Vec::with_capacity(self.notes.len());
        for note in &self.notes {
            if let Some(cut) = &note.cut
                && !cut.accepted
                && let Some(before) = out.last_mut()
            {
                let mut pieces = note.pieces.iter();
                if cut.mid_piece
                    && let (Some(last), Some(first)) = (before.pieces.last_mut(), pieces.next())
                {
                    last.push(' ');
                    last.push_str(first);
                }
                before.pieces.extend(pieces.cloned());
                before.text = joined(&before.pieces);
                before.fragments.end = before.fragments.end.max(note.fragments.end);
                continue;
            }
            out.push(note.clone());
        }
        out
    }

    /// The accepted items applied to the notes.
    ///
    /// A rejected join leaves its fragments as separate notes, the first keeping the note's role;
    /// a rejected table leaves its notes where the fragments were (its question lines become
    /// ideas); a rejected theme leaves its ideas unsorted; a rejected title becomes ideas.
    pub fn resolve(&self) -> Draft {
        let mut draft = Draft::default();
        // Proposal table index → draft table index, for accepted tables.
        let mut table_at: HashMap<usize, usize> = HashMap::new();
        for (k, t) in self.tables.iter().enumerate() {
            if t.accepted {
                table_at.insert(k, draft.tables.len());
                draft.tables.push(DraftTable {
                    question: t.question.clone(),
                    wordings: t.wordings.clone(),
                    branches: Branches::default(),
                });
            }
        }
        // Proposal theme index → position among its target's themes.
        let mut theme_at: HashMap<usize, usize> = HashMap::new();
        let title_accepted = self.title.as_ref().is_some_and(|t| t.accepted);
        let title_note = self.title.as_ref().and_then(|t| t.title);
        let mut headings: Vec<String> = Vec::new();
        let notes = self.glued();
        let theme_accepted = |k: usize| self.themes.get(k).is_some_and(|t| t.accepted);
        // Themes first: on a slide read label-last, a theme comes after its ideas.
        for note in &notes {
            if let Role::Theme(k) = note.role
                && theme_accepted(k)
            {
                let target = note.table.and_then(|k| table_at.get(&k).copied());
                let branches = match target.and_then(|d| draft.tables.get_mut(d)) {
                    Some(t) => &mut t.branches,
                    None => &mut draft.rest,
                };
                let mut pieces = split(note).into_iter();
                if let Some(first) = pieces.next() {
                    theme_at.insert(k, branches.themes.len());
                    branches.themes.push((first, pieces.collect()));
                }
            }
        }
        for note in notes {
            let target_index = note.table.and_then(|k| table_at.get(&k).copied());
            match note.role {
                Role::Title if title_accepted => {
                    let first = note.fragments.start;
                    let is = |i: Option<usize>| {
                        i.and_then(|i| self.notes.get(i))
                            .is_some_and(|n| n.fragments.start == first)
                    };
                    if is(title_note) {
                        draft.title = Some(note.text.clone());
                    } else if is(self.title.as_ref().and_then(|t| t.subtitle)) {
                        draft.subtitle = Some(note.text.clone());
                    } else {
                        header_to_fields(&note.text, &mut draft, &mut headings);
                    }
                    continue;
                }
                // The question node says it; other wordings are kept in its speaker notes.
                Role::Question(k) if table_at.contains_key(&k) => continue,
                Role::Theme(k) if theme_accepted(k) => continue,
                _ => {}
            }
            let branches = match target_index.and_then(|d| draft.tables.get_mut(d)) {
                Some(t) => &mut t.branches,
                None => &mut draft.rest,
            };
            let pieces = split(&note);
            let under = note
                .theme
                .filter(|&k| theme_accepted(k))
                .and_then(|k| theme_at.get(&k).copied())
                .and_then(|at| branches.themes.get_mut(at));
            match under {
                Some((_, ideas)) => ideas.extend(pieces),
                None => branches.ideas.extend(pieces),
            }
        }
        // Header headings ("Restitution des échanges") complete the title, or are it.
        for heading in headings {
            match &mut draft.title {
                Some(title) => {
                    title.push_str(" — ");
                    title.push_str(&heading);
                }
                None => draft.title = Some(heading),
            }
        }
        draft
    }
}

/// Where a header line goes: a field names the facilitators ("Animation et prise de note :
/// Awa"), or adds to the subtitle; a heading is kept for the title; a lead-in ending in a colon
/// ("3 tables rondes :") or an empty field goes nowhere.
fn header_to_fields(text: &str, draft: &mut Draft, headings: &mut Vec<String>) {
    const FACILITATION: &[&str] = &[
        "animat",
        "facilitat",
        "prise de note",
        "note-tak",
        "note tak",
        "rapport",
        "modérat",
        "moderat",
    ];
    let t = text.trim();
    if t.ends_with(':') {
        return;
    }
    if let Some((label, value)) = tables::field(t) {
        let label = label.to_lowercase();
        if FACILITATION.iter().any(|f| label.contains(f)) {
            draft.facilitators = Some(value.to_owned());
        } else {
            let subtitle = draft.subtitle.get_or_insert_with(String::new);
            if !subtitle.is_empty() {
                subtitle.push_str(". ");
            }
            subtitle.push_str(t);
        }
        return;
    }
    headings.push(t.to_owned());
}

/// Pieces of text joined as one note reads them.
fn joined(pieces: &[String]) -> String {
    let mut text = String::new();
    for p in pieces {
        crate::text::join_line(&mut text, p);
    }
    text
}

/// A note's pieces: itself when its join is accepted (or it is one piece), else each piece.
fn split(note: &Note) -> Vec<Piece> {
    if note.accepted || !note.is_join() {
        return vec![Piece {
            text: note.text.clone(),
            fragments: note.fragments.clone(),
            parts: note.pieces.clone(),
            round: note.round,
        }];
    }
    note.pieces
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let at = note.fragments.start + k;
            Piece {
                text: text.clone(),
                fragments: at..at + 1,
                parts: vec![text.clone()],
                round: note.round,
            }
        })
        .collect()
}

/// The pieces a joined note was made of, in order (its `merged_from`): a facilitator checking a
/// join wants to see what it joined, and Split can undo it. Empty for a note of one piece.
fn provenance(piece: &Piece) -> Vec<String> {
    if piece.parts.len() < 2 {
        return Vec::new();
    }
    piece.parts.clone()
}

/// Reads the facilitator's marks in a piece (`#tags`, `+3` or `●●`, an action's `@owner` and
/// date) with the importers' grammar, onto `node`, whose text becomes the text without them.
/// What the node already says (from a note that was pasted and read before) is kept.
fn read_marks(node: &mut Node, piece: &Piece) {
    let marked = parse_line(&piece.text);
    node.text = marked.text.clone();
    let mut harvest = Harvest::from(marked);
    harvest.round = piece.round;
    if !node.votes.is_empty() {
        harvest.votes = Default::default();
    }
    if node.origin.round.is_some() {
        harvest.round = None;
    }
    harvest.apply_to(node);
}

/// Adds `more` to a speaker note, after a blank line when it already says something.
fn add_to_note(note: &mut String, more: &str) {
    if !note.is_empty() {
        note.push_str("\n\n");
    }
    note.push_str(more);
}

/// A new café from text, every proposal accepted: what `cafemap import --tidy` writes. Notes of
/// no table go to the first table, or to one asking `question` when no table was found.
pub fn cafe_from_text(text: &str, question: &str) -> Cafe {
    let fragments = fragments_of_text(text);
    let mut proposal = propose(&fragments, true);
    proposal.accept_all();
    let draft = proposal.resolve();
    let mut cafe = Cafe::new(CafeInfo {
        title: draft.title.clone().unwrap_or_default(),
        subtitle: draft.subtitle.clone().unwrap_or_default(),
        facilitators: draft.facilitators.clone().unwrap_or_default(),
        ..CafeInfo::default()
    });
    let mut tables = draft.tables;
    match tables.first_mut() {
        Some(first) => first.branches.append(draft.rest),
        None => tables.push(DraftTable {
            question: question.to_owned(),
            wordings: Vec::new(),
            branches: draft.rest,
        }),
    }
    for draft_table in tables {
        let table = build_table(&cafe, &draft_table, &mut |cafe, kind, piece| {
            fresh_node(cafe, kind, piece)
        });
        cafe.tables.push(table);
    }
    crate::layout::arrange_cafe(&mut cafe);
    cafe
}

/// A new node for a piece, with the fragments it was made of.
fn fresh_node(cafe: &Cafe, kind: NodeKind, piece: &Piece) -> Node {
    let mut node = Node::new(cafe.alloc_id(), kind, piece.text.clone());
    node.merged_from = provenance(piece);
    read_marks(&mut node, piece);
    node
}

/// A table (not yet in the café) holding a draft table, with nodes from `make`.
fn build_table(
    cafe: &Cafe,
    draft: &DraftTable,
    make: &mut dyn FnMut(&Cafe, NodeKind, &Piece) -> Node,
) -> Table {
    let mut table = cafe.new_table(draft.question.clone());
    if let Some(q) = table.node_mut(table.question()) {
        q.note = draft.wordings.join("\n");
    }
    let question = table.question();
    for placed in placed_branches(cafe, &draft.branches, question, make) {
        // Ids are fresh and parents come first: inserting cannot fail.
        let _ = table.insert(placed.node, placed.parent);
    }
    table
}

/// The nodes of `branches`, parents first: themes under `question`, their ideas under them,
/// other ideas unsorted.
fn placed_branches(
    cafe: &Cafe,
    branches: &Branches,
    question: NodeId,
    make: &mut dyn FnMut(&Cafe, NodeKind, &Piece) -> Node,
) -> Vec<Placed> {
    let mut out = Vec::new();
    for (theme, ideas) in &branches.themes {
        let node = make(cafe, NodeKind::Theme, theme);
        let id = node.id;
        out.push(Placed {
            node,
            parent: Some(question),
        });
        for idea in ideas {
            out.push(Placed {
                node: make(cafe, NodeKind::Idea, idea),
                parent: Some(id),
            });
        }
    }
    for idea in &branches.ideas {
        out.push(Placed {
            node: make(cafe, NodeKind::Idea, idea),
            parent: None,
        });
    }
    out
}

/// What a tidy works on in an existing café: fragments in reading order, the notes they are
/// (when they are notes), and the notes the result replaces.
#[derive(Clone, Debug, PartialEq)]
pub struct TidySource {
    pub table: usize,
    pub fragments: Vec<Fragment>,
    /// For each fragment, the note it is; `None` for a line of text.
    pub origins: Vec<Option<NodeId>>,
    /// The notes the tidied result replaces.
    pub replaced: Vec<NodeId>,
    /// Whether the first lines may be the event's title (a whole text whose café has none).
    pub look_for_title: bool,
}

impl TidySource {
    /// What Tidy proposes for these fragments: as a text, or as notes picked on a map.
    pub fn propose(&self) -> Proposal {
        if !self.origins.is_empty() && self.origins.iter().all(Option::is_some) {
            super::propose_notes(&self.fragments)
        } else {
            propose(&self.fragments, self.look_for_title)
        }
    }

    /// Lines of `text` that were just imported or pasted as the notes `replaced` (the lines keep
    /// the blank lines and breaks that the notes lost).
    pub fn from_text(
        table: usize,
        text: &str,
        replaced: Vec<NodeId>,
        look_for_title: bool,
    ) -> TidySource {
        let fragments = fragments_of_text(text);
        TidySource {
            table,
            origins: vec![None; fragments.len()],
            fragments,
            replaced,
            look_for_title,
        }
    }
}

/// The unsorted notes of a table that can be tidied (ideas with nothing under them), in the
/// tray's reading order.
pub fn tray_notes(table: &Table) -> Vec<NodeId> {
    let loose: Vec<NodeId> = table
        .unsorted()
        .into_iter()
        .filter(|&id| table.children(id).is_empty())
        .collect();
    reading_order(table, &loose)
}

/// The notes `ids` of a table as fragments, in reading order. Only ideas without sub-notes are
/// taken (a note with notes under it is already organised), and empty notes are left alone.
pub fn fragments_of_notes(cafe: &Cafe, table: usize, ids: &[NodeId]) -> Option<TidySource> {
    let t = cafe.tables.get(table)?;
    let ideas: Vec<NodeId> = ids
        .iter()
        .copied()
        .filter(|&id| {
            t.node(id)
                .is_some_and(|n| n.kind == NodeKind::Idea && !n.text.trim().is_empty())
                && t.children(id).is_empty()
        })
        .collect();
    let ordered = reading_order(t, &ideas);
    let fragments = ordered
        .iter()
        .filter_map(|&id| t.node(id))
        // A note of its own is as separate as a paragraph.
        .map(|n| Fragment::new(n.text.trim(), true))
        .collect();
    Some(TidySource {
        table,
        fragments,
        origins: ordered.iter().copied().map(Some).collect(),
        replaced: ordered,
        look_for_title: false,
    })
}

/// The accepted proposals as ONE edit of `cafe` (one undo step), or `None` when nothing would
/// change. The replaced notes are removed and the result inserted: a note made from a note keeps
/// that note's id, colour, votes and speaker notes (plus, when merged, the fragments it joined).
/// New tables go after the existing ones; when the table being tidied holds nothing but the
/// fragments, it becomes the first new table instead. New ids come from [`Cafe::alloc_id`].
pub fn edit_for(cafe: &Cafe, source: &TidySource, proposal: &Proposal) -> Option<Edit> {
    let draft = proposal.resolve();
    let index = source.table;
    let before = cafe.tables.get(index)?.clone();
    let replaced: Vec<NodeId> = source
        .replaced
        .iter()
        .copied()
        .filter(|&id| before.contains(id) && before.children(id).is_empty())
        .collect();
    let fresh_table = before.len() == 1 + replaced.len();
    let mut used: HashSet<NodeId> = HashSet::new();
    let mut make = |cafe: &Cafe, kind: NodeKind, piece: &Piece| -> Node {
        let origin = source
            .origins
            .get(piece.fragments.start)
            .copied()
            .flatten()
            .filter(|id| replaced.contains(id) && used.insert(*id))
            .and_then(|id| before.node(id));
        match origin {
            Some(original) => {
                let mut node = original.clone();
                node.kind = kind;
                read_marks(&mut node, piece);
                let pieces = provenance(piece);
                if !pieces.is_empty() {
                    node.merged_from = pieces;
                }
                node
            }
            None => fresh_node(cafe, kind, piece),
        }
    };

    let mut edits = Vec::new();
    if !replaced.is_empty() {
        edits.push(Edit::RemoveSubtrees {
            table: index,
            roots: replaced.clone(),
        });
    }
    let mut tables = draft.tables.into_iter();
    let mut here = draft.rest;
    if fresh_table && let Some(first) = tables.next() {
        edits.extend(question_edits(index, &before, &first));
        here.append(first.branches);
    }
    let mut new_themes = Vec::new();
    if !here.is_empty() {
        let nodes = placed_branches(cafe, &here, before.question(), &mut make);
        new_themes.extend(
            nodes
                .iter()
                .filter(|p| p.node.kind == NodeKind::Theme)
                .map(|p| p.node.id),
        );
        edits.push(Edit::InsertNodes {
            table: index,
            nodes,
            links: vec![],
        });
    }
    for (at, draft_table) in (cafe.tables.len()..).zip(tables) {
        let mut table = build_table(cafe, &draft_table, &mut make);
        for (id, p) in crate::layout::arrange_table(&table) {
            if let Some(n) = table.node_mut(id) {
                n.pos = p;
            }
        }
        edits.push(Edit::InsertTable {
            index: at,
            table: Box::new(table),
        });
    }
    let header = [draft.title, draft.subtitle, draft.facilitators];
    edits.extend(info_edit(&cafe.info, header));
    let placing = placed_notes(cafe, &edits, index, fresh_table, &new_themes)?;
    edits.extend(placing);
    let edit = Edit::Batch(edits);
    (!edit.is_noop()).then_some(edit)
}

/// A table that was only fragments takes the question of the draft's first table; the other
/// wordings found for it go to the question's note.
fn question_edits(index: usize, before: &Table, first: &DraftTable) -> Vec<Edit> {
    let mut edits = vec![Edit::SetText {
        table: index,
        id: before.question(),
        text: first.question.clone(),
    }];
    if !first.wordings.is_empty() {
        let mut note = before.question_node().note.clone();
        add_to_note(&mut note, &first.wordings.join("\n"));
        edits.push(Edit::SetNote {
            table: index,
            id: before.question(),
            note,
        });
    }
    edits
}

/// The header (title, subtitle, facilitators) fills the café's fields; it never overwrites what
/// the facilitator wrote, except the title a whole text was tidied for (the café had none).
fn info_edit(old: &CafeInfo, [title, subtitle, facilitators]: [Option<String>; 3]) -> Option<Edit> {
    let mut info = old.clone();
    if let Some(t) = title {
        info.title = t;
    }
    for (field, value) in [
        (&mut info.subtitle, subtitle),
        (&mut info.facilitators, facilitators),
    ] {
        if let Some(v) = value
            && field.trim().is_empty()
        {
            *field = v;
        }
    }
    (info != *old).then_some(Edit::SetInfo { info })
}

/// Where the notes go once `edits` are made: a table that was only fragments is arranged whole;
/// otherwise only the new themes' branches move, and other notes keep the spot of the note they
/// came from. The edit moving them (`None` inside when none moves); `None` when the edits do not
/// apply.
fn placed_notes(
    cafe: &Cafe,
    edits: &[Edit],
    index: usize,
    fresh_table: bool,
    new_themes: &[NodeId],
) -> Option<Option<Edit>> {
    let mut preview = cafe.clone();
    apply(&mut preview, Edit::Batch(edits.to_vec())).ok()?;
    let t = preview.tables.get(index)?;
    let targets = if fresh_table {
        crate::layout::arrange_table(t)
    } else {
        crate::layout::arrange_subtrees(t, new_themes)
    };
    Some(crate::edit::ops::moves(index, t, targets))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::{NoteColor, Paper};

    /// A café whose first table holds `pieces` as unsorted notes (and, with `organised`, a theme
    /// with a note already under it).
    fn tray_cafe(pieces: &[&str], organised: bool) -> Cafe {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut table = cafe.new_table("Atelier");
        if organised {
            let theme = cafe.alloc_id();
            let idea = cafe.alloc_id();
            let q = table.question();
            table
                .insert(Node::new(theme, NodeKind::Theme, "Déjà là"), Some(q))
                .unwrap();
            table
                .insert(
                    Node::new(idea, NodeKind::Idea, "Une idée rangée"),
                    Some(theme),
                )
                .unwrap();
        }
        for piece in pieces {
            let id = cafe.alloc_id();
            table
                .insert(Node::new(id, NodeKind::Idea, *piece), None)
                .unwrap();
        }
        cafe.tables.push(table);
        crate::layout::arrange_cafe(&mut cafe);
        cafe
    }

    fn tidy_tray(cafe: &Cafe) -> Edit {
        let source = fragments_of_notes(cafe, 0, &tray_notes(&cafe.tables[0])).unwrap();
        let mut proposal = propose(&source.fragments, source.look_for_title);
        proposal.accept_all();
        edit_for(cafe, &source, &proposal).unwrap()
    }

    #[test]
    fn a_table_of_fragments_becomes_the_tables_found_and_one_undo_restores_it() {
        let pieces = [
            "Table 1 : Comment partir ?",
            "Lever les freins",
            "Aides financières pour le",
            "transport des jeunes",
            "Rassurer les familles inquiètes",
            "Table 2 : Quels partenaires ?",
            "Les lycées professionnels",
        ];
        let mut cafe = tray_cafe(&pieces, false);
        let before = cafe.clone();
        let edit = tidy_tray(&cafe);
        let undo = apply(&mut cafe, edit).unwrap();
        cafe.validate().unwrap();
        assert_eq!(cafe.tables.len(), 2);
        let t = &cafe.tables[0];
        assert_eq!(t.question_node().text, "Comment partir ?");
        let theme = t.themes()[0];
        let ideas: Vec<&str> = t
            .children(theme)
            .iter()
            .filter_map(|&id| t.node(id).map(|n| n.text.as_str()))
            .collect();
        assert_eq!(
            ideas,
            [
                "Aides financières pour le transport des jeunes",
                "Rassurer les familles inquiètes"
            ]
        );
        assert_eq!(cafe.tables[1].question_node().text, "Quels partenaires ?");
        apply(&mut cafe, undo).unwrap();
        assert_eq!(cafe, before);
    }

    #[test]
    fn a_merged_note_keeps_its_first_piece_and_records_the_pieces() {
        let mut cafe = tray_cafe(&["Appui sur les", "ONG locales", "Tisser un réseau"], true);
        let first = tray_notes(&cafe.tables[0])[0];
        let orange = Some(NoteColor::Palette(Paper::Orange));
        cafe.tables[0].node_mut(first).unwrap().color = orange;
        let edit = tidy_tray(&cafe);
        apply(&mut cafe, edit).unwrap();
        cafe.validate().unwrap();
        let t = &cafe.tables[0];
        let merged = t.node(first).unwrap();
        assert_eq!(merged.text, "Appui sur les ONG locales");
        assert_eq!(merged.color, orange);
        assert_eq!(merged.merged_from, ["Appui sur les", "ONG locales"]);
        assert!(t.is_unsorted(first));
        // The organised part of the map is left as it was.
        assert_eq!(t.themes().len(), 1);
        assert_eq!(t.unsorted().len(), 2);
    }
}
