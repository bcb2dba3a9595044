//! Grouping ideas by similarity: average-link agglomeration over a sparse similarity graph.
//!
//! Why average link and not connected components of "similar enough" pairs: components chain —
//! A resembles B through one word, B resembles C through another, and A and C end up in one
//! thread although they share nothing. Average link joins two groups only while their pairs are,
//! on average, similar enough, counting the pairs that share no word as 0: a group grows only
//! with ideas close to most of it. (Complete link would refuse a paraphrase that shares its
//! words with only part of a thread, which is how threads usually look.)

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A similarity between two items (`a < b`), in (0, 1].
pub type Edge = (u32, u32, f32);

struct Group {
    members: Vec<u32>,
    /// Neighbouring group → sum of the similarities of their pairs (missing pairs are 0).
    links: HashMap<u32, f32, BuildHasherDefault<IdHasher>>,
}

/// Hashes a group number by one multiplication: the links maps are most of the work of
/// grouping 10,000 ideas, and the default hasher (made to resist crafted keys, which group
/// numbers cannot be) costs several times more.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A group's best merge, as the heap holds it; stale once the group's `version` has moved on.
struct Candidate {
    average: f32,
    group: u32,
    partner: u32,
    version: u32,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    /// Highest average first; ties by the lowest ids, so the result never depends on hashing.
    fn cmp(&self, other: &Self) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.group.cmp(&self.group))
            .then_with(|| other.partner.cmp(&self.partner))
    }
}

/// The agglomeration's state: the groups, each one's best partner, and the heap of those.
struct Agglomeration {
    groups: Vec<Option<Group>>,
    /// Each group's best partner and their average, if it reaches the threshold.
    best: Vec<Option<(f32, u32)>>,
    /// Bumped whenever a group's best changes or the group is gone.
    version: Vec<u32>,
    heap: BinaryHeap<Candidate>,
    threshold: f32,
}

impl Agglomeration {
    fn size(&self, g: u32) -> usize {
        self.groups[g as usize]
            .as_ref()
            .map_or(0, |g| g.members.len())
    }

    fn average(&self, a: u32, b: u32, sum: f32) -> f32 {
        sum / (self.size(a) * self.size(b)).max(1) as f32
    }

    /// Whether `(average, partner)` beats `than` (higher average, then lower id).
    fn better(candidate: (f32, u32), than: Option<(f32, u32)>) -> bool {
        than.is_none_or(|(avg, id)| {
            candidate.0.total_cmp(&avg).then(id.cmp(&candidate.1)) == Ordering::Greater
        })
    }

    /// Sets `g`'s best partner and queues it.
    fn set_best(&mut self, g: u32, best: Option<(f32, u32)>) {
        self.best[g as usize] = best;
        self.version[g as usize] += 1;
        if let Some((average, partner)) = best {
            self.heap.push(Candidate {
                average,
                group: g,
                partner,
                version: self.version[g as usize],
            });
        }
    }

    /// Finds `g`'s best partner among all its links.
    fn rescan(&mut self, g: u32) {
        let mut best = None;
        if let Some(group) = &self.groups[g as usize] {
            for (&other, &sum) in &group.links {
                let average = self.average(g, other, sum);
                if average >= self.threshold && Self::better((average, other), best) {
                    best = Some((average, other));
                }
            }
        }
        self.set_best(g, best);
    }

    /// Merges `gone` into `keep` and brings the best partners that this changes up to date.
    fn merge(&mut self, keep: u32, gone: u32) {
        let Some(absorbed) = self.groups[gone as usize].take() else {
            return;
        };
        self.version[gone as usize] += 1;
        self.best[gone as usize] = None;
        for (&other, &sum) in &absorbed.links {
            if other == keep {
                continue;
            }
            if let Some(g) = self.groups[other as usize].as_mut() {
                g.links.remove(&gone);
                *g.links.entry(keep).or_insert(0.0) += sum;
            }
        }
        let Some(kept) = self.groups[keep as usize].as_mut() else {
            return;
        };
        kept.links.remove(&gone);
        for (other, sum) in absorbed.links {
            if other != keep {
                *kept.links.entry(other).or_insert(0.0) += sum;
            }
        }
        kept.members.extend(absorbed.members);
        let neighbours: Vec<(u32, f32)> = kept.links.iter().map(|(&o, &s)| (o, s)).collect();
        self.rescan(keep);
        for (other, sum) in neighbours {
            let pointed_here = self.best[other as usize]
                .is_some_and(|(_, partner)| partner == keep || partner == gone);
            if pointed_here {
                // Its best was one of the two: it may now be anyone.
                self.rescan(other);
            } else {
                let average = self.average(keep, other, sum);
                if average >= self.threshold
                    && Self::better((average, keep), self.best[other as usize])
                {
                    self.set_best(other, Some((average, keep)));
                }
            }
        }
    }
}

/// The groups of `n` items that average-link agglomeration makes from `edges`, merging while
/// the best pair of groups averages at least `threshold`. Groups of one item are left out; each
/// group's members are sorted, and groups come in the order of their first member.
///
/// Each group keeps its best partner (the heap holds one entry per group, not one per pair), so
/// that a merge only looks again at the groups next to it.
pub fn average_link(n: usize, edges: &[Edge], threshold: f32) -> Vec<Vec<u32>> {
    let mut state = Agglomeration {
        groups: (0..n)
            .map(|i| {
                Some(Group {
                    members: vec![i as u32],
                    links: HashMap::default(),
                })
            })
            .collect(),
        best: vec![None; n],
        version: vec![0; n],
        heap: BinaryHeap::new(),
        threshold,
    };
    for &(a, b, sim) in edges {
        if a == b || a as usize >= n || b as usize >= n {
            continue;
        }
        for (x, y) in [(a, b), (b, a)] {
            if let Some(g) = state.groups[x as usize].as_mut() {
                *g.links.entry(y).or_insert(0.0) += sim;
            }
        }
    }
    for g in 0..n as u32 {
        state.rescan(g);
    }
    while let Some(c) = state.heap.pop() {
        if state.version[c.group as usize] != c.version {
            continue;
        }
        // The larger group absorbs the smaller: fewer links to move.
        let (keep, gone) = if state.size(c.group) >= state.size(c.partner) {
            (c.group, c.partner)
        } else {
            (c.partner, c.group)
        };
        state.merge(keep, gone);
    }
    let mut out: Vec<Vec<u32>> = state
        .groups
        .into_iter()
        .flatten()
        .filter(|g| g.members.len() >= 2)
        .map(|mut g| {
            g.members.sort_unstable();
            g.members
        })
        .collect();
    out.sort_unstable_by_key(|m| m[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_pairs_group_and_singletons_are_left_out() {
        let edges = [(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.7), (3, 4, 0.6)];
        assert_eq!(
            average_link(6, &edges, 0.5),
            vec![vec![0, 1, 2], vec![3, 4]]
        );
        assert_eq!(average_link(6, &edges, 0.65), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_chain_does_not_make_one_group() {
        // 0–1–2–3–4 each close to the next only: components would make one group of five.
        let edges = [(0, 1, 0.6), (1, 2, 0.6), (2, 3, 0.6), (3, 4, 0.6)];
        let groups = average_link(5, &edges, 0.3);
        assert!(groups.iter().all(|g| g.len() <= 3), "{groups:?}");
        assert!(groups.len() >= 2);
    }

    #[test]
    fn an_idea_close_to_most_of_a_group_joins_it() {
        // 3 shares words with 0 and 1 but not with 2.
        let edges = [
            (0, 1, 0.7),
            (0, 2, 0.6),
            (1, 2, 0.6),
            (0, 3, 0.5),
            (1, 3, 0.5),
        ];
        assert_eq!(average_link(4, &edges, 0.3), vec![vec![0, 1, 2, 3]]);
    }
}
