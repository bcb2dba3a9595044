//! The history field of a map file (issue #21): any bytes, behind our headers or raw, in a file
//! whose document is valid. The document always opens (a bad history is set aside with a
//! notice), and merging it with a copy of the map never panics.
#![no_main]

use base64::Engine;
use cafemap::io::file;
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};
use libfuzzer_sys::fuzz_target;

fn map() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table("Q ?");
    let id = cafe.alloc_id();
    let _ = t.insert(Node::new(id, NodeKind::Idea, "Idée"), Some(t.question()));
    cafe.tables.push(t);
    cafe
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let payload = match selector % 5 {
        // Our header, then the bytes deflated: reaches Loro's import.
        0 => [b"CMH1".as_slice(), &miniz_oxide::deflate::compress_to_vec(bytes, 1)].concat(),
        // Our header, then the raw bytes: reaches the inflater.
        1 => [b"CMH1".as_slice(), bytes].concat(),
        // A birth written as lines of the document, then changes: no questions, two checksums,
        // the bytes deflated: reaches the lines' delta and the birth recorded again.
        2 => [
            b"CMH2\0\0".as_slice(),
            bytes.get(..8).unwrap_or_default(),
            &miniz_oxide::deflate::compress_to_vec(bytes.get(8..).unwrap_or_default(), 1),
        ]
        .concat(),
        3 => [b"CMH2".as_slice(), bytes].concat(),
        // Anything at all.
        _ => bytes.to_vec(),
    };
    let line = base64::engine::general_purpose::STANDARD.encode(payload);
    let plain = file::to_string(&map().without_history());
    let Some(end) = plain.rfind(')') else { return };
    let text = format!("{}    history: [\"{line}\"],\n)\n", &plain[..end]);
    let cafe = file::from_str(&text).expect("the document part always opens");
    assert_eq!(cafe, map());
    let copy = file::from_str(&file::to_string(&map())).expect("a copy");
    let review = cafemap::sync::merge(&cafe, &copy);
    let mut out = cafe.clone();
    let _ = review.apply_to(&mut out);
    assert!(out.validate().is_ok());
});
