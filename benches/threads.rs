//! "Find common threads" on a café of 10,000 ideas. Target: under a second (release build).
//!
//! The benchmarks' café (`common::big_cafe`: 3 tables of 30 themes) gives the structure, but
//! its ideas all say the same sentence, which would make one thread of 10,000: each idea is
//! given a sentence of its own here, as a real large harvest has: 400 topics that come back
//! across tables, each in about 17 ideas and in other words; a few words of the café's subject
//! that are everywhere (Zipf: "projets" in one idea in ten); a long tail of words that come
//! back in a handful of ideas; the usual articles and prepositions.
//!
//! Run with `cargo bench --bench threads`. Prints first the quality on the labelled cafés of
//! `tests/fixtures/threads/` (pairwise precision, recall and F1, with everything on and with
//! each resource off, to show what it adds; `cafe-fr-centre-bourg` and `cafe-en-wellbeing` were
//! written by an author who never saw the rules and scored once before and once after threads3:
//! F1 0.10 → 0.22 and 0.27 → 0.27, the honest figure for unseen paraphrases), then
//! `threads ideas=10000 median_ms=X threads=N grouped=M`, then the same for `big_cafe` as it is
//! (every idea the same sentence: every word is everywhere, the worst case for the pairs).

use cafemap::harvest::threads::{Resources, ideas_of, labelled, propose, propose_with};
use cafemap::model::{Cafe, NodeKind};
use std::time::{Duration, Instant};

mod common;

use common::{IDEAS, big_cafe};

const RUNS: usize = 7;
const TOPICS: usize = 400;
/// Words of the long tail: each comes back in a handful of ideas.
const RARE_WORDS: usize = 4_000;

/// Common words of a café on cooperation, most frequent first.
const COMMON: &[&str] = &[
    "projets",
    "coopération",
    "acteurs",
    "territoire",
    "partenaires",
    "habitants",
    "collectivités",
    "associations",
    "actions",
    "élus",
    "moyens",
    "échanges",
    "jeunes",
    "financements",
    "réseau",
    "confiance",
    "solidarité",
    "culture",
    "formation",
    "communication",
    "évaluation",
    "économie",
    "santé",
    "eau",
    "éducation",
    "agriculture",
    "énergie",
    "mobilité",
    "jumelage",
    "diaspora",
];

const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo", "mar",
    "tel", "lon", "gra", "pli", "cha",
];

const VERBS: &[&str] = &[
    "Renforcer",
    "Développer",
    "Soutenir",
    "Organiser",
    "Valoriser",
    "Partager",
    "Construire",
    "Impliquer",
    "Favoriser",
    "Accompagner",
];

const GLUE: &[&str] = &["des", "les", "avec", "pour", "entre", "sur", "dans"];

/// A small deterministic generator (xorshift), so every run measures the same café.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Zipf-like: small indices much more often than large ones.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

/// A made-up word, the `i`-th of the rare vocabulary.
fn rare_word(i: usize) -> String {
    let mut word = String::new();
    let mut i = i;
    for _ in 0..3 {
        word.push_str(SYLLABLES[i % SYLLABLES.len()]);
        i /= SYLLABLES.len();
    }
    word.push_str(["tion", "ment", "age", "ité", "eur"][i % 5]);
    word
}

fn sentence(rng: &mut Rng, topics: &[(String, String)]) -> String {
    let mut words = vec![VERBS[rng.below(VERBS.len())].to_owned()];
    // Two ideas in three are about one of the topics, in one or both of its words.
    if rng.below(3) < 2 {
        let (a, b) = &topics[rng.below(topics.len())];
        words.push(GLUE[rng.below(GLUE.len())].to_owned());
        words.push(a.clone());
        if rng.below(2) == 0 {
            words.push(b.clone());
        }
    }
    for _ in 0..2 + rng.below(3) {
        words.push(GLUE[rng.below(GLUE.len())].to_owned());
        if rng.below(3) == 0 {
            words.push(COMMON[rng.zipf(COMMON.len())].to_owned());
        } else {
            words.push(rare_word(rng.below(RARE_WORDS)));
        }
    }
    words.join(" ")
}

fn varied_cafe() -> Cafe {
    let mut cafe = big_cafe();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let topics: Vec<(String, String)> = (0..TOPICS)
        .map(|t| {
            (
                rare_word(RARE_WORDS + 2 * t),
                rare_word(RARE_WORDS + 1 + 2 * t),
            )
        })
        .collect();
    for table in &mut cafe.tables {
        for id in table.node_ids() {
            if let Some(node) = table.node_mut(id)
                && node.kind == NodeKind::Idea
            {
                node.text = sentence(&mut rng, &topics);
            }
        }
    }
    cafe
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort_unstable();
    times
        .get(times.len() / 2)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Precision, recall and F1 on every labelled café, with each resource on and off.
fn quality() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/threads");
    let mut paths: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".outline.md"))
            .collect(),
        Err(e) => {
            println!("threads_quality: cannot read {dir}: {e}");
            return;
        }
    };
    paths.sort();
    let variants = [
        ("all", Resources::default()),
        ("no_lexicon", Resources { lexicon: false }),
    ];
    for path in paths {
        let name = path.file_name().map_or_else(String::new, |n| {
            n.to_string_lossy()
                .trim_end_matches(".outline.md")
                .to_owned()
        });
        let read = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| labelled::read(&text));
        let fixture = match read {
            Ok(fixture) => fixture,
            Err(e) => {
                println!("threads_quality set={name} error: {e}");
                continue;
            }
        };
        let ideas = ideas_of(&fixture.cafe);
        for (variant, resources) in variants {
            let threads = propose_with(&ideas, &[], resources);
            match labelled::score(&fixture, &threads) {
                Ok(s) => println!(
                    "threads_quality set={name} resources={variant} precision={:.2} recall={:.2} f1={:.2}",
                    s.precision,
                    s.recall,
                    s.f1()
                ),
                Err(e) => println!("threads_quality set={name} resources={variant} error: {e}"),
            }
        }
    }
}

fn main() {
    quality();
    let cafe = varied_cafe();
    assert_eq!(cafe.counts().2, IDEAS);
    let mut threads = Vec::new();
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            threads = propose(&cafe, &[]);
            start.elapsed()
        })
        .collect();
    let grouped: usize = threads.iter().map(|t| t.ideas.len()).sum();
    println!(
        "threads ideas={IDEAS} median_ms={:.1} threads={} grouped={grouped}",
        median(times),
        threads.len()
    );
    // What the lexicon costs, on the same café.
    let ideas = ideas_of(&cafe);
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            threads = propose_with(&ideas, &[], Resources { lexicon: false });
            start.elapsed()
        })
        .collect();
    println!(
        "threads_no_lexicon ideas={IDEAS} median_ms={:.1} threads={}",
        median(times),
        threads.len()
    );
    // The worst case for the pairs compared: every idea shares every word.
    let same = big_cafe();
    let start = Instant::now();
    let threads = propose(&same, &[]);
    println!(
        "threads_same_sentence ideas={IDEAS} ms={:.1} threads={}",
        start.elapsed().as_secs_f64() * 1000.0,
        threads.len()
    );
}
