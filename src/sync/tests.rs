use super::*;
use crate::edit::{Edit, Placed, apply};
use crate::io::file;
use crate::model::{CafeInfo, Node, NodeKind, Votes};

/// A café of one table: a question, a theme "Mobilité" with two ideas, one unsorted idea.
fn base() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Café".into(),
        ..Default::default()
    });
    let mut t = cafe.new_table("Comment coopérer ?");
    let theme = cafe.alloc_id();
    t.insert(
        Node::new(theme, NodeKind::Theme, "Mobilité"),
        Some(t.question()),
    )
    .unwrap();
    for text in ["Vélos partagés", "Bus de nuit"] {
        let id = cafe.alloc_id();
        t.insert(Node::new(id, NodeKind::Idea, text), Some(theme))
            .unwrap();
    }
    let id = cafe.alloc_id();
    t.insert(Node::new(id, NodeKind::Idea, "Jardins"), None)
        .unwrap();
    cafe.tables.push(t);
    cafe
}

/// Through a file and back: how copies travel.
fn copy(cafe: &Cafe) -> Cafe {
    file::from_str(&file::to_string(cafe)).unwrap()
}

fn find(cafe: &Cafe, text: &str) -> NodeId {
    cafe.tables
        .iter()
        .flat_map(|t| t.nodes())
        .find(|n| n.text == text)
        .map(|n| n.id)
        .unwrap_or_else(|| panic!("no note “{text}”"))
}

fn texts(cafe: &Cafe) -> Vec<String> {
    let mut v: Vec<String> = cafe
        .tables
        .iter()
        .flat_map(|t| t.nodes())
        .map(|n| n.text.clone())
        .collect();
    v.sort();
    v
}

fn add_idea(cafe: &mut Cafe, text: &str, parent: Option<NodeId>) -> NodeId {
    let id = cafe.alloc_id();
    apply(
        cafe,
        Edit::InsertNodes {
            table: 0,
            nodes: vec![Placed {
                node: Node::new(id, NodeKind::Idea, text),
                parent,
            }],
            links: vec![],
        },
    )
    .unwrap();
    id
}

/// Two copies of one origin, each to be edited on its own.
fn two_copies() -> (Cafe, Cafe) {
    let origin = copy(&base());
    (copy(&origin), copy(&origin))
}

fn set_text(cafe: &mut Cafe, id: NodeId, text: &str) {
    apply(
        cafe,
        Edit::SetText {
            table: 0,
            id,
            text: text.into(),
        },
    )
    .unwrap();
}

fn remove(cafe: &mut Cafe, root: NodeId) {
    apply(
        cafe,
        Edit::RemoveSubtrees {
            table: 0,
            roots: vec![root],
        },
    )
    .unwrap();
}

fn merged(ours: &Cafe, theirs: &Cafe) -> (Cafe, Review) {
    let mut out = ours.clone();
    let review = merge(ours, theirs);
    let shown = Review {
        mode: review.mode.clone(),
        items: review.items.clone(),
        notices: review.notices.clone(),
        merged: None,
    };
    review.apply_to(&mut out).unwrap();
    out.validate().unwrap();
    (copy(&out), shown)
}

#[test]
fn history_travels_and_the_file_reads_back_byte_for_byte() {
    let cafe = base();
    let text = file::to_string(&cafe);
    assert!(text.contains("history: ["), "{text}");
    let back = file::from_str(&text).unwrap();
    assert!(back.history.is_live());
    assert_eq!(back, cafe);
    assert_eq!(file::to_string(&back), text);
}

#[test]
fn two_copies_merge_their_additions_and_votes_add_up() {
    let (mut a, mut b) = two_copies();
    let theme = find(&a, "Mobilité");
    add_idea(&mut a, "Covoiturage", Some(theme));
    add_idea(&mut b, "Navettes", Some(theme));
    let bus = find(&a, "Bus de nuit");
    apply(
        &mut a,
        Edit::SetVotes {
            table: 0,
            id: bus,
            votes: Votes::single(2),
        },
    )
    .unwrap();
    apply(
        &mut b,
        Edit::SetVotes {
            table: 0,
            id: bus,
            votes: Votes::single(3),
        },
    )
    .unwrap();
    let (a, b) = (copy(&a), copy(&b));
    let (ab, review) = merged(&a, &b);
    assert_eq!(review.mode, MergeMode::ThreeWay);
    assert_eq!(review.conflicts(), 0);
    assert!(texts(&ab).contains(&"Covoiturage".to_string()));
    assert!(texts(&ab).contains(&"Navettes".to_string()));
    assert_eq!(ab.node(bus).unwrap().votes.total(), 5, "2 + 3 dots");
    // Merging the same copy again brings nothing more.
    let again = merge(&ab, &b);
    assert!(again.items.is_empty(), "{:?}", again.items);
    // And the other way round, the same content.
    let (ba, _) = merged(&b, &a);
    assert_eq!(texts(&ab), texts(&ba));
}

#[test]
fn the_same_file_converted_twice_is_compared_not_doubled() {
    // Each converted on its own: the same birth, so one history, and nothing doubles.
    let a = copy(&base());
    let mut b = copy(&base());
    add_idea(&mut b, "Seulement chez B", None);
    let b = copy(&b);
    assert_eq!(
        file::to_string(&base()),
        file::to_string(&base()),
        "same map, same bytes"
    );
    let review = merge(&a, &b);
    assert_eq!(review.mode, MergeMode::ThreeWay);
    assert_eq!(review.items.len(), 1, "{:?}", review.items);
    let (m, _) = merged(&a, &b);
    assert_eq!(texts(&m).len(), texts(&a).len() + 1);
}

#[test]
fn both_rewrites_of_one_text_are_a_conflict_keeping_both() {
    let (mut a, mut b) = two_copies();
    let id = find(&a, "Jardins");
    set_text(&mut a, id, "Jardins partagés en pied d'immeuble");
    set_text(&mut b, id, "Potagers collectifs");
    let (ab, review) = merged(&copy(&a), &copy(&b));
    assert_eq!(review.conflicts(), 1, "{:?}", review.items);
    assert_eq!(
        ab.node(id).unwrap().text,
        "Jardins partagés en pied d'immeuble"
    );
    let theirs = find(&ab, "Potagers collectifs");
    assert_eq!(ab.node(theirs).unwrap().tags, vec!["conflict".to_string()]);
}

#[test]
fn ideas_added_under_a_theme_the_other_copy_deleted_are_rescued() {
    let (mut a, mut b) = two_copies();
    let theme = find(&a, "Mobilité");
    add_idea(&mut a, "Autopartage", Some(theme));
    remove(&mut b, theme);
    let (a, b) = (copy(&a), copy(&b));
    for (x, y) in [(&a, &b), (&b, &a)] {
        let (m, review) = merged(x, y);
        let rescued = find(&m, "Autopartage");
        assert!(m.tables[0].is_unsorted(rescued), "{:?}", review.items);
        assert!(m.node(theme).is_none());
        assert!(review.items.iter().any(|i| i.kind == ItemKind::Rescued));
    }
}

#[test]
fn a_corrupt_history_is_set_aside_and_the_map_opens() {
    let text = file::to_string(&base());
    let start = text.find("history: [").unwrap();
    let damaged = format!("{}history: [\"Q01IMQ!!!\"],\n)\n", &text[..start]);
    let cafe = file::from_str(&damaged).unwrap();
    assert_eq!(cafe, base());
    assert!(cafe.history.notice().is_some());
    let review = merge(&cafe, &base());
    assert!(matches!(review.mode, MergeMode::TwoWay(_)));
}

#[test]
fn a_clone_written_elsewhere_leaves_the_original_history_alone() {
    let cafe = copy(&base());
    let before = file::to_string(&cafe);
    // A clone edited and written (an automatic copy, a tidied copy)…
    let mut clone = cafe.clone();
    add_idea(&mut clone, "Seulement dans la copie", None);
    let written = file::to_string(&clone);
    // …records into its own history, not into the original's.
    assert_eq!(file::to_string(&cafe), before);
    // The clone's file is still a descendant of the original: a three-way merge of one item.
    let review = merge(&cafe, &file::from_str(&written).unwrap());
    assert_eq!(review.mode, MergeMode::ThreeWay);
    assert_eq!(review.items.len(), 1, "{:?}", review.items);
    // And the original, edited on its own, still writes only its own change.
    let mut original = cafe;
    add_idea(&mut original, "Seulement dans l'original", None);
    let ours = file::from_str(&file::to_string(&original)).unwrap();
    assert!(!texts(&ours).contains(&"Seulement dans la copie".to_string()));
    let review = merge(&ours, &file::from_str(&written).unwrap());
    assert_eq!(review.items.len(), 1, "{:?}", review.items);
}

#[test]
fn a_note_changed_in_one_copy_and_deleted_in_the_other_is_a_conflict_and_kept() {
    let (mut a, mut b) = two_copies();
    let bus = find(&a, "Bus de nuit");
    let theme = find(&a, "Mobilité");
    let gardens = find(&a, "Jardins");
    // A rewrites an idea under a theme B deletes, and B rewrites an idea A deletes.
    set_text(&mut a, bus, "Bus de nuit le week-end");
    set_text(&mut b, gardens, "Jardins partagés");
    remove(&mut b, theme);
    remove(&mut a, gardens);
    let (a, b) = (copy(&a), copy(&b));
    for (x, y) in [(&a, &b), (&b, &a)] {
        let (m, review) = merged(x, y);
        let conflicts: Vec<&Item> = review
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::EditDeleted)
            .collect();
        assert_eq!(conflicts.len(), 2, "{:?}", review.items);
        assert_eq!(review.conflicts(), 2);
        // Both changed notes kept, the one whose theme went in Unsorted; the theme gone.
        let kept = find(&m, "Bus de nuit le week-end");
        assert!(m.tables[0].is_unsorted(kept));
        find(&m, "Jardins partagés");
        assert!(m.node(theme).is_none());
        assert!(!texts(&m).contains(&"Vélos partagés".to_string()));
    }
    // Letting them go: the deletions win.
    let mut review = merge(&a, &b);
    for i in &mut review.items {
        if i.kind == ItemKind::EditDeleted {
            i.choice = i.letting_go();
        }
    }
    let mut m = a.clone();
    review.apply_to(&mut m).unwrap();
    assert!(!texts(&m).contains(&"Bus de nuit le week-end".to_string()));
    assert!(!texts(&m).contains(&"Jardins partagés".to_string()));
}

#[test]
fn two_copies_born_apart_from_maps_that_differ_in_votes_only_are_not_taken_as_one() {
    // An old file without history, opened by two partners: each counts dots before the first
    // save, so their histories are born of maps that differ in a count only.
    let mut a = base().without_history();
    let bus = find(&a, "Bus de nuit");
    let mut b = a.clone();
    for (cafe, dots) in [(&mut a, 2), (&mut b, 4)] {
        apply(
            cafe,
            Edit::SetVotes {
                table: 0,
                id: bus,
                votes: Votes::single(dots),
            },
        )
        .unwrap();
    }
    let born = |c: &Cafe| {
        let mut c = c.clone();
        c.history = Trail::default();
        copy(&c)
    };
    let (a, b) = (born(&a), born(&b));
    let review = merge(&a, &b);
    assert!(
        review.items.iter().any(|i| i.kind == ItemKind::Votes),
        "the other copy's dots are not lost: {:?}",
        review.items
    );
}

/// Ideas nested `n` deep under one theme.
fn chain(n: usize) -> Cafe {
    let mut cafe = base();
    let mut parent = find(&cafe, "Mobilité");
    for i in 0..n {
        let id = cafe.alloc_id();
        cafe.tables[0]
            .insert(
                Node::new(id, NodeKind::Idea, format!("idée {i}")),
                Some(parent),
            )
            .unwrap();
        parent = id;
    }
    cafe
}

#[test]
fn a_deep_chain_is_born_and_read_back_as_it_is() {
    // Deeper than the depth where new notes are parked at the top before they are moved.
    let cafe = chain(3 * record::PARK_BELOW);
    let replica = Replica::born(&cafe);
    let held = read::read(&replica.doc, &Default::default()).unwrap();
    assert_eq!(held.cafe.without_history(), cafe.without_history());
    // Reopened from its file, edited deep down, and saved: still the same chain.
    let mut copy = copy(&cafe);
    let deep = find(&copy, "idée 150");
    apply(
        &mut copy,
        Edit::SetText {
            table: 0,
            id: deep,
            text: "au fond".into(),
        },
    )
    .unwrap();
    let again = file::from_str(&file::to_string(&copy)).unwrap();
    let held = again
        .history
        .with_replica(&again, |r| {
            read::read(&r.doc, &Default::default()).unwrap().cafe
        })
        .unwrap();
    assert_eq!(held.without_history(), copy.without_history());
}

#[test]
fn a_remote_change_to_some_notes_reads_back_as_a_full_read_would() {
    let base = base();
    let ours = copy(&base);
    let mut theirs = copy(&base);
    let (bikes, buses) = (
        find(&theirs, "Vélos partagés"),
        find(&theirs, "Bus de nuit"),
    );
    let text = "Vélos partagés en gare".to_owned();
    apply(
        &mut theirs,
        Edit::SetText {
            table: 0,
            id: bikes,
            text,
        },
    )
    .unwrap();
    let votes = Votes::from_counts(&[2]);
    apply(
        &mut theirs,
        Edit::SetVotes {
            table: 0,
            id: buses,
            votes,
        },
    )
    .unwrap();
    let since = remote::version(&ours).unwrap();
    let update = remote::updates_since(&theirs, Some(&since)).unwrap();
    let absorbed = remote::absorb(&ours, &[update]).unwrap().unwrap();
    // Only the two notes were read again; the result is what reading the whole history gives.
    let full = absorbed
        .history
        .with_replica(&absorbed, |r| {
            read::read(&r.doc, &Default::default()).unwrap().cafe
        })
        .unwrap();
    assert_eq!(full.without_history(), theirs.without_history());
    assert_eq!(
        absorbed.without_history().tables,
        theirs.without_history().tables
    );
}

/// The window keeps the café an absorb hands out and vouches for it at the next absorb (not
/// compared again); a café changed since, or a stamp the history no longer holds, is compared
/// and recorded as ever: a change of ours between two absorbs is never lost.
#[test]
fn a_vouched_absorb_skips_only_what_it_may() {
    let base = base();
    let mut theirs = copy(&base);
    let ours = copy(&base);
    let bikes = find(&theirs, "Vélos partagés");
    let buses = find(&theirs, "Bus de nuit");
    let send = |theirs: &mut Cafe, id: NodeId, text: &str, since: &Cafe| {
        let edit = Edit::SetText {
            table: 0,
            id,
            text: text.into(),
        };
        apply(theirs, edit).unwrap();
        let v = remote::version(since).unwrap();
        remote::updates_since(theirs, Some(&v)).unwrap()
    };
    let update = send(&mut theirs, bikes, "Vélos en gare", &ours);
    let (ours, stamp) = remote::absorb_vouched(&ours, None, &[update])
        .unwrap()
        .unwrap();
    // Vouched and untouched: the next change comes in as a full comparison would bring it.
    let update = send(&mut theirs, buses, "Bus toute la nuit", &ours);
    let (after, stamp2) = remote::absorb_vouched(&ours, Some(stamp), &[update])
        .unwrap()
        .unwrap();
    assert_ne!(stamp, stamp2);
    assert_eq!(after.without_history(), theirs.without_history());

    // A change of ours, then an absorb vouched with a stamp the history no longer holds (it
    // recorded ours since): ours is kept, and goes out with the next update.
    let mut mine = after.clone();
    let walk = find(&mine, "Bus toute la nuit");
    apply(
        &mut mine,
        Edit::SetText {
            table: 0,
            id: walk,
            text: "Bus la nuit, à pied le jour".into(),
        },
    )
    .unwrap();
    let relay = remote::version(&after).unwrap();
    let update = send(&mut theirs, bikes, "Vélos et trottinettes", &after);
    let (merged, _) = remote::absorb_vouched(&mine, Some(stamp), &[update])
        .unwrap()
        .unwrap();
    assert!(find(&merged, "Bus la nuit, à pied le jour") == walk);
    assert!(find(&merged, "Vélos et trottinettes") == bikes);
    let out = remote::updates_since(&merged, Some(&relay)).unwrap();
    let mut elsewhere = copy(&base);
    elsewhere = remote::absorb(&elsewhere, &[remote::updates_since(&merged, None).unwrap()])
        .unwrap()
        .unwrap_or(elsewhere);
    assert!(!out.is_empty());
    assert_eq!(find(&elsewhere, "Bus la nuit, à pied le jour"), walk);
}

/// The history field of a file's text (its lines, joined).
fn history_field(text: &str) -> String {
    let start = text.find("    history: [").unwrap_or(text.len());
    text[start..].to_owned()
}

#[test]
fn a_small_map_carries_its_birth_as_lines_of_itself_and_little_more() {
    let origin = copy(&base());
    let plain = file::to_string(&base().without_history());
    let text = file::to_string(&origin);
    // Born and unchanged: the history names its birth and holds no change.
    assert!(history_field(&text).len() < 200, "{}", history_field(&text));
    assert!(text.len() < plain.len() + 200);
    // Edited: the history grows by the changes, not by the map.
    let mut edited = copy(&origin);
    let theme = find(&edited, "Mobilité");
    add_idea(&mut edited, "Covoiturage", Some(theme));
    let bus = find(&edited, "Bus de nuit");
    set_text(&mut edited, bus, "Bus de nuit le week-end");
    let text = file::to_string(&edited);
    assert!(history_field(&text).len() < 600, "{}", history_field(&text));
    // It reads back byte for byte, and merges back with shared history.
    let back = file::from_str(&text).unwrap();
    assert_eq!(file::to_string(&back), text);
    let (merged, review) = merged(&origin, &back);
    assert_eq!(review.mode, MergeMode::ThreeWay);
    assert_eq!(review.items.len(), 2, "{:?}", review.items);
    assert!(texts(&merged).contains(&"Bus de nuit le week-end".to_string()));
    assert!(texts(&merged).contains(&"Covoiturage".to_string()));
}

#[test]
fn a_birth_recorded_again_comes_out_the_same() {
    // Same document, same birth: the same peer and byte-identical changes, so a history whose
    // birth is written only as its document is rebuilt exactly as partners hold it.
    let births: Vec<Replica> = (0..3).map(|_| Replica::born(&base())).collect();
    let checksums: Vec<u32> = births
        .iter()
        .map(|r| r.birth.as_ref().map(|b| b.checksum).unwrap_or(0))
        .collect();
    assert!(
        checksums.iter().all(|&c| c != 0 && c == checksums[0]),
        "{checksums:?}"
    );
    // A map edited in CaféMap many times over rebuilds the same birth after each trip.
    let mut cafe = copy(&base());
    for i in 0..5 {
        add_idea(&mut cafe, &format!("Idée {i}"), None);
        cafe = copy(&cafe);
        assert!(cafe.history.notice().is_none());
    }
    assert_eq!(merge(&copy(&base()), &cafe).mode, MergeMode::ThreeWay);
}

#[test]
fn a_map_edited_elsewhere_then_changed_here_starts_again_and_loses_nothing() {
    let origin = copy(&base());
    // A text editor changes a note, then CaféMap adds one before any merge: its birth cannot be
    // rebuilt from the edited document, so the history starts again from this map.
    let edited = file::to_string(&origin).replace("Jardins", "Jardins partagés");
    let mut theirs = file::from_str(&edited).unwrap();
    add_idea(&mut theirs, "Composteur", None);
    let theirs = copy(&theirs);
    assert!(theirs.history.is_live());
    // Merged with the original, every difference is still there to review, nothing lost.
    let (merged, review) = merged(&origin, &theirs);
    assert!(
        matches!(review.mode, MergeMode::TwoWay(_)),
        "{:?}",
        review.mode
    );
    assert!(texts(&merged).contains(&"Composteur".to_string()));
    assert!(
        review
            .items
            .iter()
            .any(|i| i.text.contains("Jardins partagés"))
    );
}

#[test]
fn a_birth_that_comes_out_differently_is_set_aside_and_nothing_is_lost() {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let text = file::to_string(&base());
    let start = text.find("    history: [").unwrap();
    let line = text[start..].split('"').nth(1).unwrap();
    let mut bytes = b64.decode(line).unwrap();
    assert_eq!(&bytes[..4], b"CMH2");
    // After the magic and one question (count, id, hash): the birth's checksum.
    let at = 4 + 2 + 12;
    bytes[at] ^= 0xff;
    let damaged = format!(
        "{}    history: [\"{}\"],\n)\n",
        &text[..start],
        b64.encode(&bytes)
    );
    let mut cafe = file::from_str(&damaged).unwrap();
    assert_eq!(cafe, base());
    // Needed for a merge, the history is set aside with the reason, and the merge compares.
    let review = merge(&cafe, &copy(&base()));
    assert!(
        matches!(review.mode, MergeMode::TwoWay(_)),
        "{:?}",
        review.mode
    );
    assert!(cafe.history.notice().unwrap().contains("birth"));
    add_idea(&mut cafe, "Après", None);
    let back = copy(&cafe);
    assert!(texts(&back).contains(&"Après".to_string()));
    assert!(back.history.is_live());
}

#[test]
fn a_small_map_s_history_read_whole_is_written_as_its_birth_from_then_on() {
    // A file of before: its history as every change (`CMH1`).
    let cafe = base();
    let replica = Replica::born(&cafe);
    let whole = encode::encode(&replica.doc, &questions(&cafe)).unwrap();
    let text = file::to_string(&cafe);
    let start = text.find("    history: [").unwrap();
    let old = format!(
        "{}    history: [\"{}\"],\n)\n",
        &text[..start],
        whole.join("\", \"")
    );
    assert!(old.contains("Q01IMQ"), "CMH1");
    let mut read = file::from_str(&old).unwrap();
    add_idea(&mut read, "Nouvelle", None);
    let new = file::to_string(&read);
    assert!(new.contains("Q01IMg"), "CMH2: {}", history_field(&new));
    let (new_len, old_len) = (history_field(&new).len(), history_field(&old).len());
    assert!(new_len < old_len, "{new_len} against {old_len}");
    // Still one history with the old file's: they merge three-way, the addition only.
    let review = merge(
        &file::from_str(&old).unwrap(),
        &file::from_str(&new).unwrap(),
    );
    assert_eq!(review.mode, MergeMode::ThreeWay);
    assert_eq!(review.items.len(), 1, "{:?}", review.items);
}

#[test]
fn trimming_a_small_map_keeps_no_deleted_text_and_writes_a_few_bytes() {
    let mut cafe = copy(&base());
    let name = add_idea(&mut cafe, "Gérald Dupont, 06 12 34 56 78", None);
    let mut cafe = copy(&cafe);
    remove(&mut cafe, name);
    let before = file::to_string(&cafe);
    let needle = "Dupont";
    let holds_it = |cafe: &Cafe| {
        // Every change as JSON, where each inserted text reads whole.
        let changes = cafe
            .history
            .with_replica(cafe, |r| {
                let json = r
                    .doc
                    .export_json_updates(&Default::default(), &r.doc.oplog_vv())
                    .unwrap();
                serde_json::to_string(&json).unwrap()
            })
            .unwrap();
        changes.contains(needle)
    };
    assert!(holds_it(&cafe), "the past holds the deleted text");
    cafe.history.trim(&cafe).unwrap();
    let after = file::to_string(&cafe);
    assert!(
        history_field(&after).len() < 200,
        "{}",
        history_field(&after)
    );
    assert!(history_field(&after).len() < history_field(&before).len());
    // The deleted text is nowhere in the history any more.
    let back = file::from_str(&after).unwrap();
    assert!(!holds_it(&back));
    assert_eq!(back, cafe);
}

#[test]
fn a_birth_from_a_map_in_memory_comes_out_the_same_from_its_file() {
    // Dragged notes sit anywhere; the file keeps a tenth of a unit. The birth is what the file
    // says, or recording it again from the file would not give the same changes.
    let mut cafe = base();
    for (i, id) in cafe.tables[0].node_ids().into_iter().enumerate() {
        if let Some(n) = cafe.tables[0].node_mut(id) {
            n.pos = crate::geom::Point::new(123.456_78 + i as f32 * 0.333_3, -7.891_23);
        }
    }
    let origin = copy(&cafe);
    let mut edited = copy(&origin);
    add_idea(&mut edited, "Encore une", None);
    let edited = copy(&edited);
    assert!(edited.history.notice().is_none());
    let review = merge(&origin, &edited);
    assert_eq!(review.mode, MergeMode::ThreeWay, "{:?}", review.mode);
    assert_eq!(review.items.len(), 1, "{:?}", review.items);
}

#[test]
fn a_position_the_file_rounds_down_is_the_same_in_the_history() {
    // 10.15 in f32 is 10.1499996…: the file writes 10.1. The history must say the same, or the
    // birth recorded from the map in memory would not come out again from its file.
    let mut cafe = base();
    let question = cafe.tables[0].question();
    if let Some(n) = cafe.tables[0].node_mut(question) {
        n.pos = crate::geom::Point::new(10.15, -104.45);
    }
    let origin = copy(&cafe);
    let mut edited = copy(&origin);
    add_idea(&mut edited, "Encore une", None);
    let edited = copy(&edited);
    let review = merge(&origin, &edited);
    assert_eq!(review.mode, MergeMode::ThreeWay, "{:?}", review.mode);
    assert_eq!(review.items.len(), 1, "{:?}", review.items);
}
