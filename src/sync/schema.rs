//! How a café sits in its Loro document. One place for every key, so that `record` and `read`
//! (and the live sessions to come) cannot drift apart.
//!
//! - root map `cafe`: the event's fields (strings), `dot_kinds` (a list of `[name, "#rrggbb"]`),
//!   `synonyms` (a list of lists), `order` (the tables' question ids, in order);
//! - root tree `nodes`: a root per table (its map: `question`, `theme_order`, `links`, a
//!   mergeable map of `"from>to"` keys); under it the question and the unsorted ideas; themes
//!   under the question, ideas under themes or ideas. Sibling order is not kept (the map's
//!   reading order is spatial), so the tree carries no fractional indexes.
//! - each node's map: `id`, `kind`, `x`/`y` (tenths of a canvas unit), `text` (a Loro text),
//!   votes `v0`…`v3` (counters: two copies' dots add up), `tags` (a mergeable list: both
//!   copies' first tags are kept), and, only when not empty: `color`, `note`, `hidden`,
//!   `folded`, `merged_from`, `origin_table`, `round`, `contributor`, `owner`, `due`,
//!   `refers_to`. Containers that may be created by two copies at once (counters, lists,
//!   texts) are "mergeable", so both copies' containers are one.

use loro::{Container, LoroDoc, LoroList, LoroMap, LoroTree, LoroValue, ValueOrContainer};

pub const CAFE: &str = "cafe";
pub const TREE: &str = "nodes";

pub const ORDER: &str = "order";
pub const DOT_KINDS: &str = "dot_kinds";
pub const SYNONYMS: &str = "synonyms";
pub const INFO_KEYS: [&str; 7] = [
    "title",
    "subtitle",
    "date",
    "place",
    "facilitators",
    "organisers",
    // The café's language as its code ("fr", "en"); absent when none is recorded.
    "lang",
];

pub const QUESTION: &str = "question";
pub const THEME_ORDER: &str = "theme_order";
pub const LINKS: &str = "links";

pub const ID: &str = "id";
pub const KIND: &str = "kind";
pub const X: &str = "x";
pub const Y: &str = "y";
pub const TEXT: &str = "text";
pub const VOTES: [&str; crate::model::MAX_DOT_KINDS] = ["v0", "v1", "v2", "v3"];
pub const TAGS: &str = "tags";
pub const COLOR: &str = "color";
pub const NOTE: &str = "note";
pub const HIDDEN: &str = "hidden";
pub const FOLDED: &str = "folded";
pub const MERGED_FROM: &str = "merged_from";
pub const ORIGIN_TABLE: &str = "origin_table";
pub const ROUND: &str = "round";
pub const CONTRIBUTOR: &str = "contributor";
pub const OWNER: &str = "owner";
pub const DUE: &str = "due";
pub const REFERS_TO: &str = "refers_to";

pub const KIND_QUESTION: i64 = 0;
pub const KIND_THEME: i64 = 1;
pub const KIND_IDEA: i64 = 2;

/// Positions are kept to a tenth of a canvas unit, as in the file.
pub const POSITION_STEPS: f32 = 10.0;

/// A coordinate in steps, rounded as the file rounds it (clamped, in f64: in f32, 10.15 × 10
/// rounds up where the file writes 10.1), so that a map and its file give the same steps.
pub fn position_steps(v: f32) -> i64 {
    if !v.is_finite() {
        return 0;
    }
    let max = crate::io::file::MAX_COORDINATE;
    (f64::from(v.clamp(-max, max)) * f64::from(POSITION_STEPS)).round() as i64
}

pub fn tree(doc: &LoroDoc) -> LoroTree {
    doc.get_tree(TREE)
}

pub fn cafe_map(doc: &LoroDoc) -> LoroMap {
    doc.get_map(CAFE)
}

/// Settings every history document uses (new, read or forked).
pub fn configure(doc: &LoroDoc) {
    tree(doc).disable_fractional_index();
    // Changes carry no timestamps: they would only grow the file.
    doc.set_record_timestamp(false);
}

/// A fresh random peer for this session's changes (two copies never write as one peer).
pub fn fresh_peer(doc: &LoroDoc) {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(doc.peer_id());
    // Loro reserves the largest peer id.
    let peer = h.finish() >> 1;
    let _ = doc.set_peer_id(peer);
    configure(doc);
}

pub fn value(map: &LoroMap, key: &str) -> Option<LoroValue> {
    match map.get(key)? {
        ValueOrContainer::Value(v) => Some(v),
        ValueOrContainer::Container(_) => None,
    }
}

pub fn int(map: &LoroMap, key: &str) -> Option<i64> {
    match value(map, key)? {
        LoroValue::I64(n) => Some(n),
        _ => None,
    }
}

pub fn string(map: &LoroMap, key: &str) -> String {
    match value(map, key) {
        Some(LoroValue::String(s)) => s.to_string(),
        _ => String::new(),
    }
}

pub fn boolean(map: &LoroMap, key: &str) -> bool {
    matches!(value(map, key), Some(LoroValue::Bool(true)))
}

pub fn strings(v: &LoroValue) -> Vec<String> {
    match v {
        LoroValue::List(items) => items
            .iter()
            .filter_map(|i| match i {
                LoroValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub fn ints(v: &LoroValue) -> Vec<i64> {
    match v {
        LoroValue::List(items) => items
            .iter()
            .filter_map(|i| match i {
                LoroValue::I64(n) => Some(*n),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub fn text(map: &LoroMap) -> String {
    match map.get(TEXT) {
        Some(ValueOrContainer::Container(Container::Text(t))) => t.to_string(),
        _ => String::new(),
    }
}

pub fn counter(map: &LoroMap, key: &str) -> f64 {
    match map.get(key) {
        Some(ValueOrContainer::Container(Container::Counter(c))) => c.get_value(),
        _ => 0.0,
    }
}

pub fn list(map: &LoroMap, key: &str) -> Option<LoroList> {
    match map.get(key)? {
        ValueOrContainer::Container(Container::List(l)) => Some(l),
        _ => None,
    }
}

pub fn child_map(map: &LoroMap, key: &str) -> Option<LoroMap> {
    match map.get(key)? {
        ValueOrContainer::Container(Container::Map(m)) => Some(m),
        _ => None,
    }
}

pub fn link_key(from: u64, to: u64) -> String {
    format!("{from}>{to}")
}

pub fn parse_link(key: &str) -> Option<(u64, u64)> {
    let (a, b) = key.split_once('>')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}
