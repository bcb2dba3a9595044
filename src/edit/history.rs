//! Undo/redo: a bounded stack of inverse edits, grouped per user gesture.
//!
//! Each step keeps the edit that was made beside its inverse: once others' changes come in (a
//! live session), undo takes back only this window's own change (see [`super::mine`]).

use super::mine::{Kept, apply_mine, dedup_kept};
use super::{Edit, EditError, apply};
use crate::model::Cafe;
use std::collections::VecDeque;

/// Identifies one user gesture (typing into a note, nudging with arrow keys): consecutive edits
/// with the same id become one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GestureId(pub u64);

#[derive(Debug)]
struct Step {
    /// Applying this undoes the step.
    inverse: Edit,
    /// The edit the step made (its after-values are what is mine).
    forward: Edit,
    /// [`History::others`] when the step was made: others changed the café since when lower.
    others: u64,
    gesture: Option<GestureId>,
    /// Unique per step, to know whether the document is back to its saved state.
    serial: u64,
    weight: usize,
}

/// Undo/redo history of one document, bounded in steps and memory (oldest steps are dropped).
#[derive(Debug)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    next_serial: u64,
    /// Serial of the top undo step when the document was last saved (`base` when the history
    /// was empty then); `None` when no state in reach of undo/redo is the saved one.
    saved_at: Option<u64>,
    /// Serial of the state below the oldest undo step: 0 at first, then the serial of the last
    /// step dropped for the size limits. Undoing everything comes back to this state, which is
    /// the saved one only if it was saved — not merely because the undo stack is empty.
    base: u64,
    weight: usize,
    max_steps: usize,
    max_weight: usize,
    /// How many times others' changes came in (see [`History::others_changed`]).
    others: u64,
    /// What the last undo or redo left as others made it.
    kept: Vec<Kept>,
}

impl Default for History {
    fn default() -> Self {
        History::new(1000, 64 << 20)
    }
}

impl History {
    pub fn new(max_steps: usize, max_weight: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            next_serial: 1,
            saved_at: Some(0),
            base: 0,
            weight: 0,
            max_steps: max_steps.max(1),
            max_weight,
            others: 0,
            kept: Vec::new(),
        }
    }

    /// Applies an edit as its own undo step.
    pub fn apply(&mut self, cafe: &mut Cafe, edit: Edit) -> Result<(), EditError> {
        self.apply_in(cafe, edit, None)
    }

    /// Applies an edit, merging it into the previous step when it belongs to the same gesture.
    pub fn apply_in(
        &mut self,
        cafe: &mut Cafe,
        edit: Edit,
        gesture: Option<GestureId>,
    ) -> Result<(), EditError> {
        if edit.is_noop() {
            return Ok(());
        }
        let forward = edit.clone();
        let inverse = apply(cafe, edit)?;
        self.redo.clear();
        if let Some(g) = gesture
            && let Some(top) = self.undo.back_mut()
            && top.gesture == Some(g)
            && Some(top.serial) != self.saved_at
        {
            // Undo the newest change first, then the older ones of the same gesture.
            let older = std::mem::replace(&mut top.inverse, Edit::Batch(Vec::new()));
            let weight = inverse.weight() + forward.weight();
            top.inverse = Edit::Batch(vec![inverse, older]);
            let made = std::mem::replace(&mut top.forward, Edit::Batch(Vec::new()));
            top.forward = Edit::Batch(vec![made, forward]);
            top.weight += weight;
            self.weight += weight;
        } else {
            let weight = inverse.weight() + forward.weight();
            self.undo.push_back(Step {
                inverse,
                forward,
                others: self.others,
                gesture,
                serial: self.next_serial,
                weight,
            });
            self.next_serial += 1;
            self.weight += weight;
        }
        self.enforce_bounds();
        Ok(())
    }

    /// Ends the current gesture: the next edit starts a new undo step even with the same id.
    pub fn end_gesture(&mut self) {
        if let Some(top) = self.undo.back_mut() {
            top.gesture = None;
        }
    }

    fn enforce_bounds(&mut self) {
        while self.undo.len() > 1
            && (self.undo.len() > self.max_steps || self.weight > self.max_weight)
        {
            if let Some(old) = self.undo.pop_front() {
                self.weight -= old.weight;
                self.base = old.serial;
            }
        }
    }

    /// The edit the next undo will apply.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.back().map(|s| &s.inverse)
    }

    /// The edit the next redo will apply.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.inverse)
    }

    /// Takes back the newest step if it belongs to `gesture`, leaving nothing to redo: for a
    /// note created and abandoned in one gesture (Esc on a brand-new note), which should leave
    /// no trace in the history. Returns whether it did.
    pub fn retract(&mut self, cafe: &mut Cafe, gesture: GestureId) -> Result<bool, EditError> {
        if self.undo.back().is_none_or(|s| s.gesture != Some(gesture)) {
            return Ok(false);
        }
        let done = self.undo(cafe)?;
        if done {
            self.redo.pop();
        }
        Ok(done)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step. Returns false when there is nothing to undo.
    pub fn undo(&mut self, cafe: &mut Cafe) -> Result<bool, EditError> {
        self.kept.clear();
        let Some(step) = self.undo.pop_back() else {
            return Ok(false);
        };
        match self.take_back(cafe, &step) {
            Ok((inverse, forward)) => {
                self.weight -= step.weight;
                self.redo.push(Step {
                    weight: inverse.weight() + forward.weight(),
                    inverse,
                    forward,
                    others: self.others,
                    gesture: None,
                    ..step
                });
                Ok(true)
            }
            Err(e) => {
                self.undo.push_back(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step. Returns false when there is nothing to redo.
    pub fn redo(&mut self, cafe: &mut Cafe) -> Result<bool, EditError> {
        self.kept.clear();
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        match self.take_back(cafe, &step) {
            Ok((inverse, forward)) => {
                let weight = inverse.weight() + forward.weight();
                self.weight += weight;
                self.undo.push_back(Step {
                    inverse,
                    forward,
                    others: self.others,
                    weight,
                    ..step
                });
                self.enforce_bounds();
                Ok(true)
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// Applies a step's inverse: as it is when nobody else changed the café since the step,
    /// else only as far as it takes back my own change. Returns the new inverse and what was
    /// applied.
    fn take_back(&mut self, cafe: &mut Cafe, step: &Step) -> Result<(Edit, Edit), EditError> {
        if step.others == self.others {
            let inverse = apply(cafe, step.inverse.clone())?;
            return Ok((inverse, step.inverse.clone()));
        }
        let mut kept = Vec::new();
        let done = apply_mine(cafe, step.inverse.clone(), &step.forward, &mut kept)?;
        dedup_kept(&mut kept);
        self.kept = kept;
        Ok(done)
    }

    /// Others' changes came in (a live session): from now on, undo and redo of the steps made
    /// before take back only my own change.
    pub fn others_changed(&mut self) {
        self.others += 1;
    }

    /// What the last undo or redo left as others made it (empty when it took back everything).
    pub fn kept(&self) -> &[Kept] {
        &self.kept
    }

    fn top_serial(&self) -> u64 {
        self.undo.back().map_or(self.base, |s| s.serial)
    }

    /// Whether the document differs from what was last saved (or loaded).
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.top_serial())
    }

    /// Records that the document as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.top_serial());
        self.end_gesture();
    }

    /// Forgets the saved state (e.g. after restoring a recovered document never saved to a file).
    pub fn mark_unsaved(&mut self) {
        self.saved_at = None;
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}
