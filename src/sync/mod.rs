//! The café's history, so that copies of one map merge back (and, later, live sessions).
//!
//! The history is a Loro document (`loro` 1.x, a CRDT library) that mirrors the café:
//! - [`schema`]: how a café maps onto it: one movable tree for every node of every table (a
//!   root per table, under it the question and the unsorted ideas), texts as Loro texts, dot
//!   votes as counters (so two copies' dots add up), tags as mergeable lists, the other fields
//!   as last-writer-wins values of each tree node's map;
//! - [`record`]: writes the difference between the café and what the history last held as one
//!   new change: the document is the truth, the history follows it;
//! - [`read`]: turns a Loro document (ours, theirs, the common base, the merge) back into a café;
//! - [`encode`]: the compressed export as it sits in the file, and every check on the way in;
//! - [`merge`]: two copies → a [`Review`] of what the other copy changed, three-way when they
//!   share history, else two-way by id; [`review`] applies the ticked items as one edit.
//!
//! A café carries its history as a [`Trail`] (an opaque handle the model never looks inside):
//! born the first time the café is written, then recorded at every write and travelling with
//! the file. A clone of the café gets its own trail: the two share the history as it was
//! (copy on write) and the first one to record a change forks it, so that a copy written
//! elsewhere (an automatic copy, a tidied copy) never records into the original's history. Converting the same file twice would give two unrelated histories that double
//! everything when merged, so a history is only ever born once per map and never rebuilt from
//! the document when one exists.

mod delta;
pub(crate) mod encode;
pub mod merge;
mod read;
mod record;
pub mod remote;
pub mod review;
mod schema;

pub use encode::MAX_HISTORY_BYTES;
pub use merge::merge;
pub use review::{CONFLICT_TAG, Change, Choice, Field, Item, ItemKind, MergeMode, Review};

use crate::model::{Cafe, NodeId};
use encode::{Birth, Export};
use loro::{ExportMode, LoroDoc, TreeID};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// A café's history as a live Loro document, with what it takes to record the next change.
pub(crate) struct Replica {
    pub(crate) doc: LoroDoc,
    /// The café as the history holds it now: the next recording writes the difference from it.
    pub(crate) shadow: Cafe,
    /// Each node's tree node.
    pub(crate) nodes: HashMap<NodeId, TreeID>,
    /// Each table's tree node, by the id of its question.
    pub(crate) tables: HashMap<NodeId, TreeID>,
    /// The export as written in the file, while nothing changed since it was read or written
    /// (`None` inside: Loro could not export it).
    pub(crate) encoded: OnceLock<Option<Arc<Vec<String>>>>,
    /// The café `remote::absorb` last handed out, whose content is `shadow`; `None` once the
    /// shadow changed otherwise. Its holder, while it has not changed that café, vouches with
    /// it and the café is not compared with the shadow again (see [`State::live`]).
    pub(crate) handed: Option<Stamp>,
    /// How the history was born, while that is known and the map small (see [`encode`]): the
    /// file then carries the changes since and not the birth's own.
    pub(crate) birth: Option<Arc<Birth>>,
}

/// Names one café a history handed out as its present state (see [`Replica::handed`]). Drawn
/// from one counter for the whole program: no two histories ever hand out the same stamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp(u64);

impl Stamp {
    pub(crate) fn fresh() -> Stamp {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Stamp(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// A copy that records on its own: the document forked, with a peer of its own.
impl Clone for Replica {
    fn clone(&self) -> Replica {
        let doc = self.doc.fork();
        schema::fresh_peer(&doc);
        Replica {
            doc,
            shadow: self.shadow.without_history(),
            nodes: self.nodes.clone(),
            tables: self.tables.clone(),
            encoded: self.encoded.clone(),
            // Same shadow: a café handed out by the original is this one's too.
            handed: self.handed,
            birth: self.birth.clone(),
        }
    }
}

impl Replica {
    /// A new history holding the café (the one time a map's history is born).
    ///
    /// The birth is written by a peer derived from the document, so that the same document
    /// converted twice (two partners each opening the same old file) gives the same history,
    /// which joins without doubling anything; later changes are written by a random peer.
    pub(crate) fn born(cafe: &Cafe) -> Replica {
        Replica::born_from(cafe, crate::io::file::to_string(&cafe.without_history()))
    }

    /// The birth of `cafe`, whose text in a file is `document`: the peer is a hash of that text.
    fn born_from(cafe: &Cafe, document: String) -> Replica {
        let doc = LoroDoc::new();
        schema::configure(&doc);
        let _ = doc.set_peer_id(birth_peer(&document));
        let mut replica = Replica {
            doc,
            shadow: Cafe::new(Default::default()),
            nodes: HashMap::new(),
            tables: HashMap::new(),
            encoded: OnceLock::new(),
            handed: None,
            birth: None,
        };
        // The shadow is an empty café: the first recording writes everything. A birth the file
        // will carry as its document is recorded from that document read back, exactly what
        // recording it again from the file will see.
        let read = (document.len() <= encode::BORN_LIMIT)
            .then(|| crate::io::file::from_str(&document).ok())
            .flatten();
        let _ = replica.record(read.as_ref().unwrap_or(cafe));
        if read.is_some()
            && let Ok(export) = replica.doc.export(ExportMode::all_updates())
        {
            replica.birth = Some(Arc::new(Birth {
                document: document.into(),
                checksum: xxhash_rust::xxh32::xxh32(&export, 0),
                version: replica.doc.oplog_vv(),
            }));
        }
        schema::fresh_peer(&replica.doc);
        replica
    }

    /// The birth a `CMH2` history names, recorded again from its document. Its changes must come
    /// out as they were (same peer, same operations): partners' copies hold them under the same
    /// ids, and Loro would take different changes under one id for the same.
    fn reborn(document: &str, checksum: u32) -> Result<Replica, String> {
        let cafe = crate::io::file::from_str(document)
            .map_err(|e| format!("the history's birth cannot be read ({e})"))?;
        let replica = Replica::born_from(&cafe, document.to_owned());
        if replica.birth.as_ref().map(|b| b.checksum) != Some(checksum) {
            return Err("the history's birth does not come out the same in this CaféMap".into());
        }
        Ok(replica)
    }

    /// Records `cafe` as the present state (a new change when it differs).
    pub(crate) fn record(&mut self, cafe: &Cafe) -> Result<(), String> {
        match record::record(self, cafe) {
            Ok(true) => {
                self.encoded = OnceLock::new();
                Ok(())
            }
            Ok(false) => Ok(()),
            Err(e) => Err(format!("the history could not record a change ({e})")),
        }
    }
}

enum State {
    /// No history yet: it is born when the café is first written.
    Unborn,
    /// Read from the file and checked, not imported yet: opening a map stays as fast as
    /// without history, and a map saved unchanged writes its history back untouched. It is
    /// imported when first needed (a change to write, a merge).
    Pending(Arc<Pending>),
    /// Shared with the café's clones until one of them records a change (copy on write).
    Live(Arc<Replica>),
    /// Written without history (`--no-history`, a partner-safe copy).
    Off,
    /// The file's history could not be used; the café opened without it. The next write starts
    /// a new history. The notice says why, for the window or the command line.
    SetAside(String),
}

struct Pending {
    lines: Arc<Vec<String>>,
    /// The export, unpacked and checked.
    export: Export,
    /// The document the file held with it.
    document: Cafe,
    /// The birth document, lent by a copy that shares the birth when this file's document was
    /// edited elsewhere since its history was written (see [`Trail::borrow_birth`]).
    lent: Option<Arc<str>>,
}

/// Why a `CMH2` history cannot be used on its own.
const EDITED_ELSEWHERE: &str = "the map was edited outside CaféMap since its history was written, \
     so its history can only be rebuilt beside a copy that has it (merging one does); it starts \
     again from this map";

impl Pending {
    /// The Loro document the export holds (a `CMH2` birth recorded again, then the changes
    /// since), with the birth when it is known.
    fn import(&self) -> Result<(LoroDoc, Option<Arc<Birth>>), String> {
        let born = match &self.export {
            Export::Whole(snapshot) => return Ok((encode::import(snapshot)?, None)),
            Export::Born(born) => born,
        };
        let document = match &self.lent {
            Some(lent) => lent.to_string(),
            None => born
                .birth_document(&document_text(&self.document))
                .ok_or_else(|| EDITED_ELSEWHERE.to_owned())?,
        };
        let replica = encode::guarded(|| Replica::reborn(&document, born.checksum))?;
        encode::guarded(|| {
            replica
                .doc
                .import(&born.changes)
                .map_err(|e| format!("the history is damaged ({e})"))
        })?;
        Ok((replica.doc, replica.birth))
    }

    /// This history's birth document, when its own document still gives it or one was lent.
    fn birth_document(&self) -> Option<Arc<str>> {
        let Export::Born(born) = &self.export else {
            return None;
        };
        self.lent.clone().or_else(|| {
            born.birth_document(&document_text(&self.document))
                .map(Arc::from)
        })
    }
}

impl State {
    /// The same state for a clone of the café: what is read stays shared, a live history is
    /// forked by whichever trail records into it first.
    fn share(&self) -> State {
        match self {
            State::Unborn => State::Unborn,
            State::Pending(p) => State::Pending(Arc::clone(p)),
            State::Live(r) => State::Live(Arc::clone(r)),
            State::Off => State::Off,
            State::SetAside(why) => State::SetAside(why.clone()),
        }
    }

    /// The live history, imported now if it was pending and brought up to date with `cafe`;
    /// a history that cannot be imported or recorded is set aside.
    fn live(&mut self, cafe: &Cafe) -> Option<&mut Arc<Replica>> {
        self.live_vouched(cafe, None)
    }

    /// [`State::live`], for a café its holder vouches is, unchanged, the one this history
    /// handed out with `vouched`: then it is not compared with the shadow (a whole café,
    /// string by string), as long as the history still holds that café.
    fn live_vouched(&mut self, cafe: &Cafe, vouched: Option<Stamp>) -> Option<&mut Arc<Replica>> {
        if let State::Pending(p) = self {
            let lines = Arc::clone(&p.lines);
            *self = match p.import().and_then(|(doc, birth)| {
                encode::guarded(|| Trail::adopt_read(doc, birth, cafe, lines))
            }) {
                Ok(replica) => State::Live(Arc::new(replica)),
                Err(why) => State::SetAside(why),
            };
        }
        // Only a café that differs from what the history holds forks a shared history.
        if let State::Live(replica) = self
            && (vouched.is_none() || replica.handed != vouched)
            && replica.shadow != *cafe
            && let Err(why) = Arc::make_mut(replica).record(cafe)
        {
            *self = State::SetAside(why);
        }
        match self {
            State::Live(replica) => Some(replica),
            _ => None,
        }
    }
}

/// A café's history (see the module documentation). A clone is the history of the café's
/// clone: it starts as this one is and then goes its own way.
pub struct Trail {
    state: Arc<Mutex<State>>,
}

impl Clone for Trail {
    fn clone(&self) -> Trail {
        Trail::with(self.lock().share())
    }
}

impl Default for Trail {
    fn default() -> Trail {
        Trail::with(State::Unborn)
    }
}

impl fmt::Debug for Trail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &*self.lock() {
            State::Unborn => "unborn",
            State::Pending(_) => "pending",
            State::Live(_) => "live",
            State::Off => "off",
            State::SetAside(_) => "set aside",
        };
        write!(f, "Trail({what})")
    }
}

impl Trail {
    fn with(state: State) -> Trail {
        Trail {
            state: Arc::new(Mutex::new(state)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while recording leaves the history as it was before that change.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A café written with this trail carries no history (`--no-history`, partner-safe copies).
    pub fn off() -> Trail {
        Trail::with(State::Off)
    }

    pub fn is_off(&self) -> bool {
        matches!(*self.lock(), State::Off)
    }

    /// Whether the café has a history (read from its file or born at a write).
    pub fn is_live(&self) -> bool {
        matches!(*self.lock(), State::Live(_) | State::Pending(_))
    }

    /// Why the file's history was set aside, when it was.
    pub fn notice(&self) -> Option<String> {
        match &*self.lock() {
            State::SetAside(why) => Some(why.clone()),
            _ => None,
        }
    }

    /// The history as file lines, after recording `cafe` into it (born now if it had none);
    /// `None` when the café is written without history.
    pub(crate) fn lines_for(&self, cafe: &Cafe) -> Option<Arc<Vec<String>>> {
        let mut state = self.lock();
        match &*state {
            State::Off => return None,
            // Unchanged since it was read: the same lines.
            State::Pending(p) if p.document == *cafe => return Some(Arc::clone(&p.lines)),
            _ => {}
        }
        if state.live(cafe).is_none() {
            // No history yet, or the file's could not be used: this one is born now.
            *state = State::Live(Arc::new(Replica::born(cafe)));
        }
        let State::Live(replica) = &*state else {
            return None;
        };
        replica
            .encoded
            .get_or_init(|| {
                let questions = questions(&replica.shadow);
                let born = replica
                    .birth
                    .as_ref()
                    .filter(|_| !replica.doc.is_shallow())
                    .and_then(|birth| {
                        let document = document_text(cafe);
                        (document.len() <= 2 * encode::BORN_LIMIT).then(|| {
                            encode::encode_born(&replica.doc, &questions, birth, &document)
                        })?
                    });
                born.or_else(|| encode::encode(&replica.doc, &questions))
                    .map(Arc::new)
            })
            .clone()
    }

    /// The trail of a café read from a file whose history field holds `lines`: checked, then
    /// brought up to date with the document (the document is the truth). Never fails: a history
    /// that cannot be used is set aside with a notice.
    pub(crate) fn from_file(lines: Vec<String>, cafe: &Cafe) -> Trail {
        let foreign = "the history belongs to another map (it shares no table with it)";
        match encode::unpack(&lines) {
            Ok(u) if !shares_a_table(cafe, &u.questions) => {
                Trail::with(State::SetAside(foreign.into()))
            }
            Ok(u) => Trail::with(State::Pending(Arc::new(Pending {
                lines: Arc::new(lines),
                export: u.export,
                document: cafe.without_history(),
                lent: None,
            }))),
            Err(why) => Trail::with(State::SetAside(why)),
        }
    }

    fn adopt_read(
        doc: LoroDoc,
        birth: Option<Arc<Birth>>,
        cafe: &Cafe,
        lines: Arc<Vec<String>>,
    ) -> Result<Replica, String> {
        let held = read::read(&doc, &Default::default())
            .map_err(|e| format!("the history cannot be read ({e})"))?;
        // Another map's history (ids alone say nothing: maps made apart both count from 1).
        let shares_a_note = cafe
            .tables
            .iter()
            .flat_map(|t| t.nodes())
            .any(|n| held.cafe.node(n.id).is_some_and(|h| h.text == n.text));
        if !shares_a_note && !cafe.tables.is_empty() && !held.cafe.tables.is_empty() {
            return Err("the history belongs to another map (it shares no note with it)".into());
        }
        // A small map's history read whole (`CMH1`, from before `CMH2`) is written as `CMH2`
        // from now on, once its birth is found.
        let birth = birth.or_else(|| {
            let notes: usize = cafe.tables.iter().map(|t| t.len()).sum();
            (notes <= BORN_NOTES).then(|| found_birth(&doc)).flatten()
        });
        let mut replica = Replica {
            doc,
            shadow: held.cafe,
            nodes: held.nodes,
            tables: held.tables,
            encoded: OnceLock::from(Some(lines)),
            handed: None,
            birth,
        };
        // A fresh peer for this session's changes: two copies of one file never write as one.
        schema::fresh_peer(&replica.doc);
        replica.record(cafe)?;
        Ok(replica)
    }

    /// Runs `f` on the history brought up to date with `cafe`; `None` when the café has no
    /// usable history (none yet, off, or set aside).
    pub(crate) fn with_replica<R>(&self, cafe: &Cafe, f: impl FnOnce(&Replica) -> R) -> Option<R> {
        self.lock().live(cafe).map(|r| f(r))
    }

    /// A trail holding a merged history: the next write records, on top of it, whatever the
    /// café holds then (items left unticked, conflicts resolved).
    pub(crate) fn live(replica: Replica) -> Trail {
        Trail::with(State::Live(Arc::new(replica)))
    }

    /// Drops the history's past: the file keeps only the present state. Copies sent before this
    /// can then only be merged by comparison, not with their history.
    pub fn trim(&self, cafe: &Cafe) -> Result<(), String> {
        let mut state = self.lock();
        let Some(replica) = state.live(cafe) else {
            return Ok(());
        };
        // A small map's history starts again from the present document: a birth, which its file
        // writes in a few bytes (a shallow snapshot would carry every text once more).
        let document = crate::io::file::to_string(&cafe.without_history());
        if document.len() <= encode::BORN_LIMIT {
            *replica = Arc::new(Replica::born_from(cafe, document));
            return Ok(());
        }
        let doc = encode::trimmed(&replica.doc)?;
        let held = read::read(&doc, &Default::default())?;
        schema::fresh_peer(&doc);
        *replica = Arc::new(Replica {
            doc,
            shadow: held.cafe,
            nodes: held.nodes,
            tables: held.tables,
            encoded: OnceLock::new(),
            handed: None,
            // A shallow snapshot holds no birth to write the changes after.
            birth: None,
        });
        Ok(())
    }
}

impl Trail {
    /// The birth document this history was born from, when it is known.
    fn birth_document(&self) -> Option<Arc<str>> {
        match &*self.lock() {
            State::Live(replica) => replica.birth.as_ref().map(|b| Arc::clone(&b.document)),
            State::Pending(p) => p.birth_document(),
            _ => None,
        }
    }

    /// Lends `from`'s birth to this history when it needs one: read from a file whose document
    /// was edited elsewhere since (a text editor, a script), it cannot rebuild its birth from
    /// that document; a copy that shares the birth (the one it is merged with) gives it back.
    pub(crate) fn borrow_birth(&self, from: &Trail) {
        let needs = match &*self.lock() {
            State::Pending(p) => {
                matches!(p.export, Export::Born(_)) && p.birth_document().is_none()
            }
            _ => false,
        };
        if !needs {
            return;
        }
        let Some(document) = from.birth_document() else {
            return;
        };
        let mut state = self.lock();
        if let State::Pending(p) = &*state
            && let Export::Born(born) = &p.export
            && born.is_birth(&document)
        {
            *state = State::Pending(Arc::new(Pending {
                lines: Arc::clone(&p.lines),
                export: p.export.clone(),
                document: p.document.without_history(),
                lent: Some(document),
            }));
        }
    }
}

/// The most notes a map may have for its birth to be looked for in a history read whole: about
/// what [`encode::BORN_LIMIT`] holds (a note takes 300 bytes or more in a file).
const BORN_NOTES: usize = 2000;

/// The birth of a history read whole (`CMH1`): the one change of the peer that its own document
/// hashes to, found the same once recorded again from that document.
fn found_birth(doc: &LoroDoc) -> Option<Arc<Birth>> {
    if doc.is_shallow() {
        return None;
    }
    for (&peer, &end) in doc.oplog_vv().iter() {
        let Some(last) = end.checked_sub(1) else {
            continue;
        };
        let frontiers = loro::Frontiers::from_id(loro::ID::new(peer, last));
        // A birth stands on nothing: only the peer's own changes lead to it.
        if doc
            .frontiers_to_vv(&frontiers)
            .is_none_or(|vv| vv.iter().count() != 1)
        {
            continue;
        }
        doc.checkout(&frontiers).ok()?;
        let held = read::read(doc, &Default::default());
        doc.checkout_to_latest();
        let Ok(held) = held else { continue };
        let document = crate::io::file::to_string(&held.cafe.without_history());
        if document.len() > encode::BORN_LIMIT || birth_peer(&document) != peer {
            continue;
        }
        let birth = Replica::born_from(&held.cafe, document).birth?;
        let span = loro::IdSpan::new(peer, 0, end);
        let held_birth = doc.export(ExportMode::updates_in_range(vec![span])).ok()?;
        if xxhash_rust::xxh32::xxh32(&held_birth, 0) == birth.checksum {
            return Some(birth);
        }
    }
    None
}

/// The café's text as a `CMH2` history's birth is written against: the file's text, with the id
/// counter at its least, since the counter moves without any change to record (an id drawn,
/// its note undone).
fn document_text(cafe: &Cafe) -> String {
    let mut plain = cafe.without_history();
    plain.set_next_id(0);
    crate::io::file::to_string(&plain)
}

/// A café's questions as the file's history header names them: id and a hash of the text.
fn questions(cafe: &Cafe) -> Vec<(u64, u32)> {
    cafe.tables
        .iter()
        .map(|t| (t.question().0, text_hash(&t.question_node().text)))
        .collect()
}

/// The peer that writes a history's birth: a hash of the whole document as the file writes it.
/// Every field counts: two maps that differ in anything (a dot count, a position) must be born
/// by different peers, or Loro would take their different births for one and drop the other's.
fn birth_peer(document: &str) -> u64 {
    let h = document.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    // Loro reserves the largest peer id.
    h >> 1
}

/// FNV-1a: the same in every copy and every version (unlike the standard library's hasher).
fn text_hash(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Whether a history written for the tables `named` may be this café's: a question of the same
/// id and text (or one of them has no table). Two maps made apart both count ids from 1, so the
/// ids alone say nothing.
fn shares_a_table(cafe: &Cafe, named: &[(u64, u32)]) -> bool {
    let ours = questions(cafe);
    ours.is_empty() || named.is_empty() || ours.iter().any(|q| named.contains(q))
}

#[cfg(test)]
mod tests;
