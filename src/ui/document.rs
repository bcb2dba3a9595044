//! The open document as the window holds it: the café, where it lives on disk, its history, and
//! the text being typed into a node (the draft), which is user data as much as the café.
//!
//! The café is private: the only way to change it is an [`Edit`] through [`Document::apply`]
//! (ids come from [`Cafe::alloc_id`], which changes no content). The draft lives here rather than
//! in the canvas so that every path that changes or writes the document — commands, table
//! switches, saving, closing, autosave — sees it and commits it first.

use crate::edit::{Edit, EditError, Focus, GestureId, History, Kept};
use crate::model::{Cafe, NodeId};
use crate::sync::Choice;
use std::path::PathBuf;

/// Text being typed into a node, not yet an undo step.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub table: usize,
    pub id: NodeId,
    pub text: String,
    /// The node was created for this edit (Tab, Enter, double-click on the canvas): abandoning
    /// the draft, or committing it empty, takes the creation back.
    pub fresh: bool,
    /// The undo step the creation, the typed text and formatting done meanwhile share.
    pub gesture: GestureId,
    /// Where the caret is, in characters, as the editor showing the draft last saw it: Split
    /// cuts here, whichever view is showing it.
    pub caret: Option<usize>,
    /// Typed in its outline row rather than on the map.
    pub in_outline: bool,
}

/// Someone else changed the note being typed (a live session). The draft stays as typed; their
/// text is shown beside it as the merge review shows a conflict, and the choice is carried out
/// when the typing ends: keep both (theirs beside mine, tagged `conflict`), keep mine, or take
/// theirs.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftConflict {
    pub id: NodeId,
    pub theirs: String,
    pub choice: Choice,
}

pub struct Document {
    cafe: Cafe,
    /// Where it was loaded from or last saved; `None` for a new or example document.
    pub path: Option<PathBuf>,
    history: History,
    /// Bumped on every change, so caches (wrapped text, scene) know when to refresh.
    revision: u64,
    draft: Option<Draft>,
    /// Their text against the draft, while a live session's change to its note is unresolved.
    conflict: Option<DraftConflict>,
    /// The revision at which the café was, untouched, the one a live session's absorb handed
    /// out, and the stamp it came with (see [`Document::vouched`]).
    absorbed: Option<(u64, crate::sync::Stamp)>,
}

impl Document {
    pub fn new(cafe: Cafe, path: Option<PathBuf>) -> Document {
        Document {
            cafe,
            path,
            history: History::default(),
            revision: 1,
            draft: None,
            conflict: None,
            absorbed: None,
        }
    }

    pub fn cafe(&self) -> &Cafe {
        &self.cafe
    }

    /// Gives the café another history (a merge's joined history, after its edit was applied).
    /// History is not content: no undo step, no change of revision.
    pub fn set_history(&mut self, history: crate::sync::Trail) {
        self.cafe.history = history;
    }

    /// Takes the café as a live session's changes left it (`sync::remote::absorb`): not an undo
    /// step, and from now on undo and redo take back only this window's own changes (see
    /// `edit::mine`); the file no longer holds what is shown. The draft stays, on its node
    /// wherever its table went (it is dropped only if its node is gone); if they changed its
    /// note, their text waits beside it as a [`DraftConflict`].
    ///
    /// `stamp` is what `sync::remote::absorb_vouched` handed the café out with, if it did.
    pub fn absorb_remote(&mut self, cafe: Cafe, stamp: Option<crate::sync::Stamp>) {
        let typed_on = self
            .draft
            .as_ref()
            .and_then(|d| Some((d.id, self.node_text(d.table, d.id)?.to_owned())));
        if let Some(d) = self.draft.as_mut()
            && let Some(ti) = cafe.tables.iter().position(|t| t.contains(d.id))
        {
            d.table = ti;
        }
        self.cafe = cafe;
        self.revision += 1;
        self.absorbed = stamp.map(|s| (self.revision, s));
        self.history.mark_unsaved();
        self.history.others_changed();
        self.drop_stale_draft();
        let (Some((id, before)), Some(d)) = (typed_on, self.draft.as_ref()) else {
            return;
        };
        let Some(now) = self.node_text(d.table, id) else {
            return;
        };
        if now == d.text {
            // They wrote what I am writing: nothing left to choose.
            self.conflict = None;
        } else if now != before {
            let choice = self.conflict.as_ref().map_or(Choice::Both, |c| c.choice);
            self.conflict = Some(DraftConflict {
                id,
                theirs: now.to_owned(),
                choice,
            });
        }
    }

    /// Their text against the one being typed, while a live change to its note is unresolved.
    pub fn draft_conflict(&self) -> Option<&DraftConflict> {
        self.conflict.as_ref()
    }

    /// What to do with their text when the typing ends.
    pub fn choose_in_conflict(&mut self, choice: Choice) {
        if let Some(c) = self.conflict.as_mut() {
            c.choice = choice;
        }
    }

    /// What the last undo or redo left as others made it (in a live session): their text where
    /// it overlapped mine, a note they deleted or moved since.
    pub fn kept(&self) -> &[Kept] {
        self.history.kept()
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The stamp of the last absorb, while the café is still the one it handed out: every
    /// change to the café goes through this document and moves its revision on.
    pub fn vouched(&self) -> Option<crate::sync::Stamp> {
        self.absorbed
            .filter(|(revision, _)| *revision == self.revision)
            .map(|(_, stamp)| stamp)
    }

    /// Applies an edit as its own undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.apply_in(edit, None)
    }

    /// Applies an edit, merged into the previous undo step if it is part of the same gesture.
    pub fn apply_in(&mut self, edit: Edit, gesture: Option<GestureId>) -> Result<(), EditError> {
        // Before the change, which may fail half done: the café is no longer the one absorbed.
        self.absorbed = None;
        self.history.apply_in(&mut self.cafe, edit, gesture)?;
        self.revision += 1;
        self.drop_stale_draft();
        Ok(())
    }

    /// Undoes the last step; says where it landed (`None`: nothing to undo).
    pub fn undo(&mut self) -> Result<Option<Focus>, EditError> {
        self.travel(true)
    }

    /// Redoes the last undone step; says where it landed (`None`: nothing to redo).
    pub fn redo(&mut self) -> Result<Option<Focus>, EditError> {
        self.travel(false)
    }

    /// Undoes (`back`) or redoes one step; says where it landed.
    fn travel(&mut self, back: bool) -> Result<Option<Focus>, EditError> {
        let next = if back {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        };
        let focus = next.map(Edit::focus);
        self.absorbed = None;
        let done = if back {
            self.history.undo(&mut self.cafe)?
        } else {
            self.history.redo(&mut self.cafe)?
        };
        self.revision += u64::from(done);
        self.drop_stale_draft();
        Ok(focus.filter(|_| done))
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Whether there is work a save would keep: edits since the last save, or text being typed.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() || self.draft_changes()
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.history.mark_saved();
    }

    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    /// The file name shown in the title bar.
    pub fn display_name(&self) -> Option<String> {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
    }

    // --- The draft: text being typed into a node.

    pub fn draft(&self) -> Option<&Draft> {
        self.draft.as_ref()
    }

    /// The draft to type into, with the café to show it on.
    pub fn draft_mut(&mut self) -> (Option<&mut Draft>, &Cafe) {
        (self.draft.as_mut(), &self.cafe)
    }

    /// Starts typing into a node, committing whatever was being typed before.
    pub fn begin_draft(&mut self, draft: Draft) -> Result<(), EditError> {
        let committed = self.commit_draft();
        if self
            .cafe
            .tables
            .get(draft.table)
            .is_some_and(|t| t.contains(draft.id))
        {
            self.draft = Some(draft);
        }
        committed
    }

    /// Whether the draft holds something the document does not: typed text, or a fresh node.
    fn draft_changes(&self) -> bool {
        self.draft
            .as_ref()
            .is_some_and(|d| d.fresh || self.node_text(d.table, d.id).is_some_and(|t| t != d.text))
    }

    fn node_text(&self, table: usize, id: NodeId) -> Option<&str> {
        self.cafe
            .tables
            .get(table)
            .and_then(|t| t.node(id))
            .map(|n| n.text.as_str())
    }

    /// Writes the typed text into the document (one undo step with the rest of the gesture),
    /// keeping the editor open. A fresh node stays fresh.
    pub fn flush_draft(&mut self) -> Result<(), EditError> {
        let Some(d) = self.draft.clone() else {
            return Ok(());
        };
        self.absorbed = None;
        match self.node_text(d.table, d.id) {
            Some(text) if text != d.text => self.history.apply_in(
                &mut self.cafe,
                Edit::SetText {
                    table: d.table,
                    id: d.id,
                    text: d.text,
                },
                Some(d.gesture),
            ),
            _ => Ok(()),
        }
        .map(|()| self.revision += 1)
    }

    /// Ends typing, keeping what was typed: the text becomes part of the gesture's undo step.
    /// A fresh node left empty is taken back, as if never created.
    pub fn commit_draft(&mut self) -> Result<(), EditError> {
        let Some(mut d) = self.draft.take() else {
            return Ok(());
        };
        let conflict = self.conflict.take().filter(|c| c.id == d.id);
        if conflict
            .as_ref()
            .is_some_and(|c| c.choice == Choice::Theirs)
        {
            // Their text stays as they wrote it; what I typed is set aside, as chosen.
            return Ok(());
        }
        if d.fresh && d.text.trim().is_empty() {
            return self.abandon_fresh(&d);
        }
        // `#word`s typed in the note become its tags (see `text::marks` for what stays in the
        // text), in the same undo step as the typing.
        let (clean, found) = crate::text::marks::take_tags(&d.text);
        let tags = self
            .cafe
            .tables
            .get(d.table)
            .and_then(|t| t.node(d.id))
            .map(|n| {
                let mut tags = n.tags.clone();
                for tag in &found {
                    crate::text::marks::add_tag(&mut tags, tag);
                }
                (n.tags != tags).then_some(tags)
            });
        if !found.is_empty() && !clean.trim().is_empty() {
            d.text = clean;
        }
        // What was cut or pasted in often brings a line break or spaces at its ends; a note's
        // edges never mean anything (a question would keep an empty last line).
        let edges = d.text.trim();
        if edges.len() != d.text.len() && !edges.is_empty() {
            d.text = edges.to_owned();
        }
        let (table, id, gesture) = (d.table, d.id, d.gesture);
        self.draft = Some(d);
        let flushed = self.flush_draft();
        self.draft = None;
        flushed?;
        match tags.flatten() {
            Some(tags) if !found.is_empty() => {
                self.apply_in(Edit::SetTags { table, id, tags }, Some(gesture))?
            }
            _ => {}
        }
        self.keep_theirs_beside(conflict, gesture)
    }

    /// "Keep both": their text beside the note just committed, tagged `conflict`, in the same
    /// undo step — as `cafemap merge` keeps both sides of a text conflict.
    fn keep_theirs_beside(
        &mut self,
        conflict: Option<DraftConflict>,
        gesture: GestureId,
    ) -> Result<(), EditError> {
        let Some(c) = conflict.filter(|c| c.choice == Choice::Both) else {
            return Ok(());
        };
        let Some(mine) = self.cafe.node(c.id).map(|n| n.text.clone()) else {
            return Ok(());
        };
        if mine == c.theirs {
            return Ok(());
        }
        match crate::sync::review::conflict_edit(&self.cafe, c.id, &mine, &c.theirs, c.choice) {
            Some(edit) => self.apply_in(edit, Some(gesture)),
            None => Ok(()),
        }
    }

    /// Ends typing, dropping what was typed since the last commit; a fresh node is removed —
    /// exactly that node, whatever else happened since it was made.
    pub fn cancel_draft(&mut self) -> Result<(), EditError> {
        self.conflict = None;
        match self.draft.take() {
            Some(d) if d.fresh => self.abandon_fresh(&d),
            _ => Ok(()),
        }
    }

    /// Takes back a node created for a draft: its whole gesture when that is the newest step
    /// (no trace left in the history), else a removal of its own.
    fn abandon_fresh(&mut self, d: &Draft) -> Result<(), EditError> {
        self.absorbed = None;
        let retracted = self.history.retract(&mut self.cafe, d.gesture)?;
        self.revision += u64::from(retracted);
        let still_there = self
            .cafe
            .tables
            .get(d.table)
            .is_some_and(|t| t.contains(d.id));
        if still_there {
            self.apply(Edit::RemoveSubtrees {
                table: d.table,
                roots: vec![d.id],
            })?;
        }
        Ok(())
    }

    /// A draft whose node is gone (deleted, undone) has nothing left to type into.
    fn drop_stale_draft(&mut self) {
        if let Some(d) = &self.draft
            && !self
                .cafe
                .tables
                .get(d.table)
                .is_some_and(|t| t.contains(d.id))
        {
            self.draft = None;
        }
        if self.draft.as_ref().map(|d| d.id) != self.conflict.as_ref().map(|c| c.id) {
            self.conflict = None;
        }
    }

    /// Changes whenever the text being typed changes (0 when nothing is typed), so that the
    /// automatic copy knows it is out of date.
    pub fn draft_fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let Some(d) = self.draft.as_ref().filter(|_| self.draft_changes()) else {
            return 0;
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (d.table, d.id, &d.text).hash(&mut h);
        h.finish()
    }

    /// The café as it would be saved now, typed text included (for the automatic copy).
    pub fn snapshot(&self) -> Cafe {
        let mut cafe = self.cafe.clone();
        if let Some(d) = &self.draft
            && self.draft_changes()
        {
            let _ = crate::edit::apply(
                &mut cafe,
                Edit::SetText {
                    table: d.table,
                    id: d.id,
                    text: d.text.clone(),
                },
            );
        }
        cafe
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Placed;
    use crate::model::{CafeInfo, Node, NodeKind, NoteColor, Paper};

    fn doc() -> Document {
        let mut cafe = Cafe::new(CafeInfo::default());
        let t = cafe.new_table("Q?");
        cafe.tables.push(t);
        Document::new(cafe, None)
    }

    /// Opens the editor on the first table's question, whose text is "Q?".
    fn edit_question(doc: &mut Document, g: GestureId) {
        let q = doc.cafe().tables[0].question();
        doc.begin_draft(Draft {
            table: 0,
            id: q,
            text: "Q?".into(),
            fresh: false,
            gesture: g,
            caret: None,
            in_outline: false,
        })
        .unwrap();
    }

    fn new_note(doc: &mut Document, g: GestureId) -> NodeId {
        let id = doc.cafe().alloc_id();
        let edit = Edit::InsertNodes {
            table: 0,
            nodes: vec![Placed {
                node: Node::new(id, NodeKind::Idea, ""),
                parent: None,
            }],
            links: vec![],
        };
        doc.apply_in(edit, Some(g)).unwrap();
        doc.begin_draft(Draft {
            table: 0,
            id,
            text: String::new(),
            fresh: true,
            gesture: g,
            caret: None,
            in_outline: false,
        })
        .unwrap();
        id
    }

    #[test]
    fn typed_text_is_unsaved_work_and_in_the_automatic_copy() {
        let mut doc = doc();
        edit_question(&mut doc, GestureId(7));
        assert!(!doc.is_dirty(), "opening the editor changes nothing");
        if let (Some(d), _) = doc.draft_mut() {
            d.text = "Quelle coopération ?".into();
        }
        assert!(doc.is_dirty());
        assert_eq!(
            doc.snapshot().tables[0].question_node().text,
            "Quelle coopération ?"
        );
        doc.commit_draft().unwrap();
        assert_eq!(
            doc.cafe().tables[0].question_node().text,
            "Quelle coopération ?"
        );
        doc.undo().unwrap();
        assert_eq!(doc.cafe().tables[0].question_node().text, "Q?");
    }

    #[test]
    fn cancelling_a_fresh_note_removes_exactly_it() {
        let mut doc = doc();
        let g = GestureId(1);
        let id = new_note(&mut doc, g);
        // Formatting while typing joins the note's gesture.
        let recolor = Edit::SetColor {
            table: 0,
            id,
            color: Some(NoteColor::Palette(Paper::Green)),
        };
        doc.flush_draft().unwrap();
        doc.apply_in(recolor, Some(g)).unwrap();
        doc.cancel_draft().unwrap();
        assert!(!doc.cafe().tables[0].contains(id));
        assert!(!doc.can_undo(), "no trace of the abandoned note");
        assert!(!doc.is_dirty());
    }

    #[test]
    fn cancelling_a_fresh_note_after_another_step_removes_only_it() {
        let mut doc = doc();
        let id = new_note(&mut doc, GestureId(1));
        let q = doc.cafe().tables[0].question();
        let other = Edit::SetText {
            table: 0,
            id: q,
            text: "Other?".into(),
        };
        doc.apply(other).unwrap();
        doc.cancel_draft().unwrap();
        assert!(!doc.cafe().tables[0].contains(id));
        assert_eq!(doc.cafe().tables[0].question_node().text, "Other?");
    }

    #[test]
    fn a_pasted_line_break_or_space_at_a_notes_edges_is_not_kept() {
        let mut doc = doc();
        edit_question(&mut doc, GestureId(2));
        if let (Some(d), _) = doc.draft_mut() {
            // A cut note pasted over the selected question brings its line break along.
            d.text = " Comment éviter le conflit ?\n".into();
        }
        doc.commit_draft().unwrap();
        assert_eq!(
            doc.cafe().tables[0].question_node().text,
            "Comment éviter le conflit ?"
        );
        // Inside the note, a line break typed on purpose stays.
        let id = new_note(&mut doc, GestureId(4));
        if let (Some(d), _) = doc.draft_mut() {
            d.text = "Jumelages\nentre écoles\n\n".into();
        }
        doc.commit_draft().unwrap();
        let t = &doc.cafe().tables[0];
        assert_eq!(t.node(id).unwrap().text, "Jumelages\nentre écoles");
    }

    #[test]
    fn committing_an_empty_fresh_note_takes_it_back() {
        let mut doc = doc();
        let id = new_note(&mut doc, GestureId(3));
        doc.commit_draft().unwrap();
        assert!(!doc.cafe().tables[0].contains(id));
        assert!(!doc.can_undo());
    }

    /// The café as another note-taker left it: the question rewritten to `text`.
    fn their_question(doc: &Document, text: &str) -> Cafe {
        let mut cafe = doc.cafe().clone();
        let q = cafe.tables[0].question();
        let edit = Edit::SetText {
            table: 0,
            id: q,
            text: text.into(),
        };
        crate::edit::apply(&mut cafe, edit).unwrap();
        cafe
    }

    /// The café an absorb handed out is vouched for only while nothing of ours changed it.
    #[test]
    fn an_absorbed_cafe_is_vouched_for_until_we_change_it() {
        let mut doc = doc();
        assert_eq!(doc.vouched(), None);
        let stamp = crate::sync::Stamp::fresh();
        doc.absorb_remote(their_question(&doc, "Theirs?"), Some(stamp));
        assert_eq!(doc.vouched(), Some(stamp));
        let q = doc.cafe().tables[0].question();
        let edit = Edit::SetText {
            table: 0,
            id: q,
            text: "Mine?".into(),
        };
        doc.apply(edit).unwrap();
        assert_eq!(doc.vouched(), None);
        doc.undo().unwrap();
        assert_eq!(
            doc.vouched(),
            None,
            "undone is changed again, not the absorbed café"
        );
        doc.absorb_remote(their_question(&doc, "Again?"), None);
        assert_eq!(doc.vouched(), None);
    }

    fn type_over(doc: &mut Document, text: &str) {
        if let (Some(d), _) = doc.draft_mut() {
            d.text = text.into();
        }
    }

    #[test]
    fn a_live_change_to_the_note_being_typed_waits_beside_the_draft_until_chosen() {
        let cases = [
            (Choice::Both, "Mine?", Some("Theirs?")),
            (Choice::Ours, "Mine?", None),
            (Choice::Theirs, "Theirs?", None),
        ];
        for (choice, question, beside) in cases {
            let mut doc = doc();
            edit_question(&mut doc, GestureId(1));
            type_over(&mut doc, "Mine?");
            doc.absorb_remote(their_question(&doc, "Theirs?"), None);
            assert_eq!(doc.draft().unwrap().text, "Mine?", "the draft stays");
            let c = doc.draft_conflict().expect("their text waits");
            assert_eq!((c.theirs.as_str(), c.choice), ("Theirs?", Choice::Both));
            doc.choose_in_conflict(choice);
            doc.commit_draft().unwrap();
            assert!(doc.draft_conflict().is_none());
            let t = &doc.cafe().tables[0];
            assert_eq!(t.question_node().text, question, "{choice:?}");
            let copy = t.nodes().find(|n| n.tags == [crate::sync::CONFLICT_TAG]);
            assert_eq!(copy.map(|n| n.text.as_str()), beside, "{choice:?}");
        }
    }

    #[test]
    fn no_conflict_when_they_wrote_what_i_type_or_changed_another_note() {
        let mut doc = doc();
        edit_question(&mut doc, GestureId(1));
        type_over(&mut doc, "Same?");
        doc.absorb_remote(their_question(&doc, "Same?"), None);
        assert!(doc.draft_conflict().is_none());
        let mut doc = self::doc();
        let id = new_note(&mut doc, GestureId(2));
        type_over(&mut doc, "Vélo");
        doc.absorb_remote(their_question(&doc, "Other?"), None);
        assert!(doc.draft_conflict().is_none());
        assert_eq!(doc.draft().map(|d| d.id), Some(id));
        // Esc drops their text with mine: the note keeps what it reads.
        doc.cancel_draft().unwrap();
        assert!(doc.draft_conflict().is_none());
    }

    #[test]
    fn after_a_live_change_undo_takes_back_only_my_words() {
        let mut doc = doc();
        edit_question(&mut doc, GestureId(1));
        type_over(&mut doc, "Q? Mine");
        doc.commit_draft().unwrap();
        doc.absorb_remote(their_question(&doc, "Theirs: Q? Mine"), None);
        doc.undo().unwrap();
        assert_eq!(doc.cafe().tables[0].question_node().text, "Theirs: Q?");
        assert!(doc.kept().is_empty());
    }
}
