//! How the threads are judged: a café whose ideas a facilitator labelled with the thread they
//! would draw, and the pairwise precision and recall of a proposal against those labels. The
//! tests and `cargo bench --bench threads` read the labelled cafés of `tests/fixtures/threads/`
//! with it.
//!
//! The outline a labelled café is written in: `## ` a table's question, `- ` a theme, `  - ` an
//! idea, ending in `{label}` when it belongs to a thread (no label: to no thread). Other lines
//! (a title, comments) are skipped.

use super::Thread;
use crate::model::{Cafe, CafeInfo, Node, NodeId, NodeKind};
use std::collections::HashMap;

/// A labelled café: the café, and each idea's thread label (`None`: no thread).
pub struct Labelled {
    pub cafe: Cafe,
    pub labels: Vec<(NodeId, Option<String>)>,
}

/// Pairwise scores: a pair of ideas is proposed together when it is in one thread, labelled
/// together when both ideas carry the same label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
}

impl Score {
    pub fn f1(&self) -> f64 {
        let sum = self.precision + self.recall;
        if sum > 0.0 {
            2.0 * self.precision * self.recall / sum
        } else {
            0.0
        }
    }
}

/// Reads a labelled outline; an idea or theme before any question is an error, with its line.
pub fn read(text: &str) -> Result<Labelled, String> {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut labels = Vec::new();
    let mut theme = None;
    for (n, line) in text.lines().enumerate() {
        if let Some(question) = line.strip_prefix("## ") {
            let table = cafe.new_table(question);
            cafe.tables.push(table);
            theme = None;
            continue;
        }
        let (kind, text) = if let Some(text) = line.strip_prefix("- ") {
            (NodeKind::Theme, text)
        } else if let Some(text) = line.strip_prefix("  - ") {
            (NodeKind::Idea, text)
        } else {
            continue;
        };
        let id = cafe.alloc_id();
        let Some(table) = cafe.tables.last_mut() else {
            return Err(format!("line {}: a note before any question", n + 1));
        };
        let parent = match kind {
            NodeKind::Theme => Some(table.question()),
            _ => theme,
        };
        let (text, label) = match text.rsplit_once(" {") {
            Some((text, label)) if kind == NodeKind::Idea && label.ends_with('}') => {
                (text, Some(label.trim_end_matches('}').to_owned()))
            }
            _ => (text, None),
        };
        table
            .insert(Node::new(id, kind, text), parent)
            .map_err(|e| format!("line {}: {e}", n + 1))?;
        match kind {
            NodeKind::Theme => theme = Some(id),
            _ => labels.push((id, label)),
        }
    }
    Ok(Labelled { cafe, labels })
}

/// The pairwise score of `threads` against the labels. An idea in two threads is an error.
pub fn score(labelled: &Labelled, threads: &[Thread]) -> Result<Score, String> {
    let mut proposed: HashMap<NodeId, usize> = HashMap::new();
    for (t, thread) in threads.iter().enumerate() {
        for &id in &thread.ideas {
            if proposed.insert(id, t).is_some() {
                return Err(format!("{id} is in two threads"));
            }
        }
    }
    let (mut both, mut only_proposed, mut only_labelled) = (0usize, 0usize, 0usize);
    for (i, (a, label_a)) in labelled.labels.iter().enumerate() {
        for (b, label_b) in &labelled.labels[i + 1..] {
            let labels_agree = label_a.is_some() && label_a == label_b;
            let together = proposed.contains_key(a) && proposed.get(a) == proposed.get(b);
            match (together, labels_agree) {
                (true, true) => both += 1,
                (true, false) => only_proposed += 1,
                (false, true) => only_labelled += 1,
                (false, false) => {}
            }
        }
    }
    Ok(Score {
        precision: both as f64 / (both + only_proposed).max(1) as f64,
        recall: both as f64 / (both + only_labelled).max(1) as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_labels_and_scores_pairs() {
        let text = "# title\n## Q?\n- T\n  - a b {x}\n  - a c {x}\n  - d\n";
        let labelled = read(text).expect("reads");
        assert_eq!(labelled.labels.len(), 3);
        assert_eq!(labelled.labels[0].1.as_deref(), Some("x"));
        assert_eq!(labelled.labels[2].1, None);
        let ids: Vec<NodeId> = labelled.labels.iter().map(|l| l.0).collect();
        let all = [Thread {
            label: String::new(),
            ideas: ids.clone(),
        }];
        let s = score(&labelled, &all).expect("scores");
        assert_eq!((s.precision, s.recall), (1.0 / 3.0, 1.0));
        assert!(read("  - before any question").is_err());
    }
}
