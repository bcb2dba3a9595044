//! `cafemap threads FILE.ron [--json]`, the real binary: the proposal for scripts and tests,
//! and what it does with a bad file (exit code 1, one line on stderr).

use cafemap::harvest::threads::propose;
use cafemap::io::file;
use std::path::Path;

use crate::common::EXAMPLE;
use crate::common::cli::{cafemap, text};

#[test]
fn json_lists_the_threads_with_their_node_ids() {
    let out = cafemap(&["threads", EXAMPLE, "--json"]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("standard output is JSON");
    let list = json.as_array().expect("a list");
    let cafe = file::load(Path::new(EXAMPLE)).expect("the example loads");
    let expected = propose(&cafe, &cafe.synonyms);
    assert!(!expected.is_empty());
    assert_eq!(list.len(), expected.len());
    for (item, thread) in list.iter().zip(&expected) {
        let object = item.as_object().expect("each thread is an object");
        assert_eq!(object.len(), 2, "{item}");
        assert_eq!(item["label"], thread.label.as_str());
        let ids: Vec<u64> = item["ideas"]
            .as_array()
            .expect("ideas is a list")
            .iter()
            .map(|id| id.as_u64().expect("ids are numbers"))
            .collect();
        assert!(ids.len() >= 2, "singletons are left out: {item}");
        assert_eq!(ids, thread.ideas.iter().map(|id| id.0).collect::<Vec<_>>());
    }
}

#[test]
fn text_output_names_each_thread_and_its_ideas_tables() {
    let out = cafemap(&["threads", EXAMPLE]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let cafe = file::load(Path::new(EXAMPLE)).expect("the example loads");
    let threads = propose(&cafe, &cafe.synonyms);
    let grouped: usize = threads.iter().map(|t| t.ideas.len()).sum();
    assert!(
        stdout.starts_with(&format!(
            "{} threads ({grouped} of 37 ideas)\n",
            threads.len()
        )),
        "{stdout}"
    );
    for (n, thread) in threads.iter().enumerate() {
        assert!(
            stdout.contains(&format!("\n{}. {}\n", n + 1, thread.label)),
            "{stdout}"
        );
        for id in &thread.ideas {
            let table = cafe.table_of(*id).expect("the idea is in a table") + 1;
            assert!(
                stdout.contains(&format!("   table {table}  "))
                    && stdout.contains(&format!("({id})")),
                "{stdout}"
            );
        }
    }
}

#[test]
fn a_file_that_does_not_load_fails_cleanly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(format_version: 1, tables: [").expect("written");
    let out = cafemap(&["threads", path.to_str().expect("UTF-8 path"), "--json"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
