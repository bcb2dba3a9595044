//! Who is in a room and at which table: Loro's ephemeral store (`loro::awareness::
//! EphemeralStore`), carried by the protocol's ephemeral room (`%EPH`, same room name and
//! token as the map). Nothing of it is written to the map or its history.
//!
//! Each participant holds one entry under a random key of their own: their name and the
//! question (node id) of the table they are on. An entry lives [`TIMEOUT`] after its last
//! update, so each client refreshes its own every [`heartbeat`]: a client that says goodbye
//! deletes its entry at once, one that vanishes (Wi-Fi gone, laptop closed) drops out when its
//! entry grows old.
//!
//! What comes from the network is checked: an entry that is not a name and a table is
//! ignored, a name is cut to [`MAX_NAME`] characters.

use crate::model::NodeId;
use loro::LoroValue;
use loro::awareness::EphemeralStore;
use std::collections::HashMap;
use std::time::Duration;

/// How long an entry lives without being refreshed.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The most characters of a name shown.
pub const MAX_NAME: usize = 40;

/// How often a client refreshes its entry and drops the others' old ones: three times per
/// timeout, so one lost message does not make anyone vanish.
pub fn heartbeat(timeout: Duration) -> Duration {
    timeout / 3
}

/// What a participant publishes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Presence {
    pub name: String,
    /// The question of the table on screen.
    pub table: Option<NodeId>,
}

/// A participant as seen by everyone in the room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub table: Option<NodeId>,
    /// This window's own entry.
    pub me: bool,
}

/// The room's presence as one client holds it: everyone's entries, ours among them.
pub struct Roster {
    store: EphemeralStore,
    timeout_ms: i64,
    key: String,
    mine: Option<Presence>,
    /// When our entry was last set (ms since 1970).
    last_ms: u128,
}

impl Roster {
    pub fn new(timeout: Duration) -> Roster {
        let timeout_ms = i64::try_from(timeout.as_millis()).unwrap_or(i64::MAX);
        Roster {
            store: EphemeralStore::new(timeout_ms),
            timeout_ms,
            key: own_key(),
            mine: None,
            last_ms: 0,
        }
    }

    /// Sets our entry; returns the message that tells the room.
    pub fn publish(&mut self, me: Presence) -> Vec<u8> {
        self.after_last_stamp();
        self.store.set(&self.key, value(&me));
        self.stamped();
        self.mine = Some(me);
        self.store.encode(&self.key)
    }

    /// Others keep the entry with the later time stamp, in milliseconds: a second entry within
    /// the millisecond of the last would be ignored until the next heartbeat. Waits past it.
    fn after_last_stamp(&self) {
        while now_ms() <= self.last_ms {
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Notes the time just after the store stamped our entry: not before, as the store reads
    /// the clock after us and may read the next millisecond (a test failed now and then when
    /// the second entry then got the first one's stamp).
    fn stamped(&mut self) {
        self.last_ms = now_ms();
    }

    /// Our entry again, fresh (the heartbeat); `None` before we published anything.
    pub fn refresh(&mut self) -> Option<Vec<u8>> {
        let me = self.mine.clone()?;
        Some(self.publish(me))
    }

    /// Deletes our entry; returns the message that tells the room we left.
    pub fn leave(&mut self) -> Vec<u8> {
        self.after_last_stamp();
        self.mine = None;
        self.store.delete(&self.key);
        self.stamped();
        self.store.encode(&self.key)
    }

    /// Takes in a message from the room (a malformed one is ignored).
    pub fn apply(&self, bytes: &[u8]) {
        if !bytes.is_empty() {
            let _ = self.store.apply(bytes);
        }
    }

    /// Drops the entries not refreshed within the timeout.
    pub fn expire(&self) {
        self.store.remove_outdated();
    }

    /// Forgets everyone else (the connection is lost: what we knew of them is getting old).
    pub fn forget_others(&mut self) {
        self.store = EphemeralStore::new(self.timeout_ms);
        if let Some(me) = self.mine.clone() {
            self.store.set(&self.key, value(&me));
        }
    }

    /// Everyone in the room, ourselves included, by name.
    pub fn people(&self) -> Vec<Person> {
        let mut out: Vec<Person> = self
            .store
            .get_all_states()
            .into_iter()
            .filter_map(|(key, v)| {
                let p = read(&v)?;
                Some(Person {
                    name: p.name,
                    table: p.table,
                    me: key == self.key,
                })
            })
            .collect();
        out.sort_by_key(|p| (p.name.to_lowercase(), !p.me));
        out
    }
}

/// The system's clock, as the ephemeral store stamps entries with it.
fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

/// A key of our own in the room: 64 random bits.
fn own_key() -> String {
    format!("{:016x}", super::random_u64())
}

fn value(p: &Presence) -> LoroValue {
    let mut map: HashMap<String, LoroValue> = HashMap::new();
    map.insert("name".into(), LoroValue::from(p.name.as_str()));
    if let Some(t) = p.table {
        // Node ids are below 2^53 (they are stored as Loro numbers in the map too).
        map.insert("table".into(), LoroValue::I64(t.0 as i64));
    }
    LoroValue::from(map)
}

/// An entry read back; `None` if it is not one of ours.
fn read(v: &LoroValue) -> Option<Presence> {
    let LoroValue::Map(map) = v else {
        return None;
    };
    let LoroValue::String(name) = map.get("name")? else {
        return None;
    };
    let name = clean_name(name);
    if name.is_empty() {
        return None;
    }
    let table = match map.get("table") {
        Some(LoroValue::I64(t)) => u64::try_from(*t).ok().map(NodeId),
        _ => None,
    };
    Some(Presence { name, table })
}

/// A name as shown: on one line, without control characters, at most [`MAX_NAME`]
/// characters.
pub fn clean_name(name: &str) -> String {
    let one_line: String = (name.chars())
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    one_line.trim().chars().take(MAX_NAME).collect()
}

/// How many people are at each table (by question).
pub fn per_table(people: &[Person]) -> HashMap<NodeId, usize> {
    let mut out = HashMap::new();
    for t in people.iter().filter_map(|p| p.table) {
        *out.entry(t).or_default() += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me(name: &str, table: u64) -> Presence {
        Presence {
            name: name.into(),
            table: Some(NodeId(table)),
        }
    }

    #[test]
    fn entries_travel_between_rosters_and_a_goodbye_removes_one() {
        let (mut a, mut b) = (Roster::new(TIMEOUT), Roster::new(TIMEOUT));
        b.apply(&a.publish(me("Awa", 7)));
        a.apply(&b.publish(me("Bruno", 9)));
        let seen: Vec<(String, Option<NodeId>, bool)> = b
            .people()
            .into_iter()
            .map(|p| (p.name, p.table, p.me))
            .collect();
        assert_eq!(
            seen,
            [
                ("Awa".into(), Some(NodeId(7)), false),
                ("Bruno".into(), Some(NodeId(9)), true)
            ]
        );
        assert_eq!(per_table(&a.people())[&NodeId(7)], 1);
        b.apply(&a.publish(me("Awa", 9)));
        assert_eq!(per_table(&b.people())[&NodeId(9)], 2);
        b.apply(&a.leave());
        assert_eq!(b.people().len(), 1);
        b.forget_others();
        assert_eq!(b.people()[0].name, "Bruno");
    }

    #[test]
    fn what_is_not_a_name_and_a_table_is_ignored() {
        let store = EphemeralStore::new(30_000);
        store.set("x", LoroValue::I64(3));
        store.set("y", value(&me("   ", 1)));
        store.set("w", value(&me("Awa\nBa\u{7}", 1)));
        let long = "é".repeat(200);
        store.set("z", value(&me(&long, 1)));
        let r = Roster::new(TIMEOUT);
        r.apply(&store.encode_all());
        r.apply(b"\xff\x00garbage");
        let people = r.people();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].name, "Awa Ba", "on one line");
        assert_eq!(people[1].name.chars().count(), MAX_NAME);
    }
}
