//! Find common threads: the same idea, worded differently, coming back at several tables (or
//! twice at one) — what the plenary and the report of a World Café are about. [`propose`]
//! groups similar ideas into threads for the facilitator to review; ideas alike to none are left
//! out.
//!
//! How two ideas are compared, and why each signal is there:
//!
//! - **Their words, reduced to keys** ([`words`]): case, accents, elisions, stop words, plurals,
//!   genders and word families aside, so that wording does not hide a shared idea.
//! - **Rare shared words count more** (inverse document frequency, `ln(N / df)`): two notes
//!   sharing "diaspora" are about the same thing; two sharing "projet" at a café about projects
//!   are not. The idea is a set of keys (a word said twice in one sticky note is not more
//!   important), weighted by rarity, and two ideas are compared by the cosine of these vectors:
//!   a long note sharing one word with a short one counts less than two short notes sharing it.
//! - **The theme a note sits under, as a weak extra signal** ([`THEME_WEIGHT`]): a table sorted
//!   "Appui sur les élus" under "Gouvernance" and another table has a theme "Gouvernance
//!   partagée": the facilitators' own reading says these are close. It only adds to ideas that
//!   already share a word of their own, never makes a pair alone, since whole themes would
//!   otherwise become threads.
//! - **The facilitator's synonyms** ([`words::Synonyms`]): what the café calls the same
//!   ("fonds" / "subventions") and no stemmer can know.
//! - **The bundled lexicon** ([`lexicon`]): what any café means by other words ("habitants" /
//!   "population", "élus" / "conseillers municipaux"). A group shared counts more than a word
//!   shared ([`LEXICON_WEIGHT`]), and a phrase of the lexicon is one unit: "ligne de bus" gives
//!   its group, not the words "ligne" and "bus".
//! - **Where the table sorted them** ([`OTHER_THEME`]): two notes written at one table and put
//!   under different themes there were judged different by the people who wrote them; their
//!   similarity counts for less. (Notes sitting under the same theme already share its words.)
//!
//! Ideas are grouped by average-link agglomeration ([`cluster`]), which does not chain. Pairs
//! are only looked at when they share a word that is not everywhere ([`max_shared`]), through an
//! inverted index, so that 10,000 ideas take well under a second.

mod cluster;
pub mod coverage;
pub mod labelled;
mod lexicon;
mod synthesis;
pub mod words;

pub use synthesis::{synthesis_edit, synthesis_table};

use crate::model::{Cafe, NodeId, NodeKind};
use lexicon::Lexicon;
use std::collections::HashMap;
use words::{Lang, Reader, Synonyms};

/// Two groups of ideas join while their pairs average at least this cosine. Chosen on the
/// labelled fixtures (`tests/threads.rs`): lower joins ideas that share only a common word
/// ("projet"), higher misses short notes that share their one rare word ("bénévoles").
pub const THRESHOLD: f32 = 0.2;

/// Weight of a theme's words next to the idea's own words (which weigh 1): a hint, not a
/// reason (see the module's documentation).
pub const THEME_WEIGHT: f32 = 0.7;

/// Weight of a word no other idea uses, next to shared words (1). Paraphrases differ by such
/// words ("Nouer des partenariats…" / "Travailler en partenariat…"): at full weight they would
/// drown the rare word two short notes share, while a word that other ideas use and this
/// pair does not still counts fully against the pair.
pub const UNIQUE_WEIGHT: f32 = 0.7;

/// Weight of a concept of the bundled lexicon ("habitants" and "population" both bring the
/// concept of the people who live there), beside the words themselves (1): two notes that use
/// the same word share its concept too and stay closer than two that only paraphrase. It weighs
/// more than a word: a lexicon group is written to mean one thing, while a word two notes share
/// may be chance ("ligne de bus" / "en ligne").
pub const LEXICON_WEIGHT: f32 = 1.6;

/// Weight of a key of the café that is of the same word family as one of the idea's words
/// ([`families`]: "outils" for "outilthèque"), beside the words themselves (1): a derived word
/// often says the same, not always.
pub const FAMILY_WEIGHT: f32 = 0.5;

/// How much of their similarity two ideas keep when the table they were both written at put
/// them under different themes: the table's own sorting says they are not the same idea.
pub const OTHER_THEME: f32 = 0.3;

/// One idea as threads read it.
#[derive(Clone, Copy, Debug)]
pub struct Idea<'a> {
    pub id: NodeId,
    /// Index of the table it was written at.
    pub table: usize,
    pub text: &'a str,
    /// The text of the theme it sits under, if any.
    pub theme: Option<&'a str>,
}

/// A proposed thread: similar ideas, in café order (table by table, then by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    /// What the ideas share: their most telling common words ("Élus, formation").
    pub label: String,
    pub ideas: Vec<NodeId>,
}

/// Every idea of the café, table by table, in id order, with its theme's text. References
/// (the synthesis table's notes) are left out: they stand for ideas already here.
pub fn ideas_of(cafe: &Cafe) -> Vec<Idea<'_>> {
    let mut out = Vec::new();
    for (t, table) in cafe.tables.iter().enumerate() {
        let themes = table.theme_map();
        for id in table.node_ids() {
            let Some(node) = table.node(id) else { continue };
            if node.kind != NodeKind::Idea || node.refers_to.is_some() {
                continue;
            }
            let theme = themes
                .get(&id)
                .and_then(|&th| table.node(th))
                .map(|th| th.text.as_str());
            // Where it was written, if it has been moved since (looked up only then: the
            // lookup goes over every table).
            let written_at = match node.origin.table {
                None => t,
                Some(_) => cafe.origin_table(id).unwrap_or(t),
            };
            out.push(Idea {
                id,
                table: written_at,
                text: &node.text,
                theme,
            });
        }
    }
    out
}

/// The threads of a café: groups of at least two similar ideas, those spanning the most tables
/// first. `synonyms` are the facilitator's groups of words that mean the same.
pub fn propose(cafe: &Cafe, synonyms: &[Vec<String>]) -> Vec<Thread> {
    propose_ideas(&ideas_of(cafe), synonyms)
}

/// A word shared by more ideas than this says little about a thread (it is the café's own
/// topic, "coopération" at a café on cooperation): it does not bring pairs to compare, though it
/// still counts in the similarity of pairs that share a rarer word. It is also what keeps the
/// number of pairs compared near linear.
pub fn max_shared(ideas: usize) -> usize {
    (ideas / 20).max(50)
}

/// What the reading draws on beyond the words themselves. Everything is on by default;
/// `cargo bench --bench threads` turns each off in turn to measure what it adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resources {
    /// The bundled lexicon of words that say the same ([`lexicon`]).
    pub lexicon: bool,
}

impl Default for Resources {
    fn default() -> Resources {
        Resources { lexicon: true }
    }
}

/// [`propose`] over a list of ideas (see [`ideas_of`]).
pub fn propose_ideas(ideas: &[Idea], synonyms: &[Vec<String>]) -> Vec<Thread> {
    propose_with(ideas, synonyms, Resources::default())
}

/// [`propose_ideas`] drawing only on `resources`.
pub fn propose_with(ideas: &[Idea], synonyms: &[Vec<String>], resources: Resources) -> Vec<Thread> {
    let reader = Reader::new();
    let synonyms = Synonyms::new(&reader, synonyms);
    let lexicon = resources.lexicon.then(|| Lexicon::bundled(&reader));
    let read = Reading::new(&reader, &synonyms, lexicon.as_ref(), ideas);
    let edges = read.similar_pairs();
    let groups = cluster::average_link(ideas.len(), &edges, THRESHOLD);
    let mut threads: Vec<(usize, Vec<u32>)> = groups
        .into_iter()
        .map(|members| {
            let mut tables: Vec<usize> = members.iter().map(|&i| ideas[i as usize].table).collect();
            tables.sort_unstable();
            tables.dedup();
            (tables.len(), members)
        })
        .collect();
    // Threads across more tables first (what the plenary is about), then larger ones, then in
    // café order.
    threads.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.1[0].cmp(&b.1[0]))
    });
    threads
        .into_iter()
        .map(|(_, members)| Thread {
            label: read.label(&members, ideas),
            ideas: members.iter().map(|&i| ideas[i as usize].id).collect(),
        })
        .collect()
}

/// The language each idea is read in: a note too short to tell its language is read in the
/// café's (the more common of the two among the notes that tell).
fn languages(reader: &Reader, ideas: &[Idea]) -> Vec<Lang> {
    let langs: Vec<Option<Lang>> = ideas.iter().map(|i| reader.language(i.text)).collect();
    let english = langs.iter().filter(|l| **l == Some(Lang::English)).count();
    let french = langs.iter().filter(|l| **l == Some(Lang::French)).count();
    let cafe_lang = if english > french {
        Lang::English
    } else {
        Lang::French
    };
    langs.into_iter().map(|l| l.unwrap_or(cafe_lang)).collect()
}

/// The keys sorted, each once.
fn sorted_unique(keys: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut keys: Vec<u32> = keys.collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Compound prefixes: "téléconsultation" is of the family of "consultation", "autostop" of
/// "stop". Not "co" nor "inter", which begin too many words of their own ("coopération" is not
/// of the family of "opération", "interculturel" of "culturel"): measured, they cost more
/// than they brought.
const PREFIXES: &[&str] = &["tele", "auto", "multi", "pluri", "eco", "micro"];

/// The shortest key that names a family of words ("outil" does, "dur" does not).
const FAMILY_MIN: usize = 5;

/// The keys of the café (`keys`) of the families of `read`'s words that the stemmer left apart:
/// a key that begins the word's own ("outil" for "outilthèque", "peren" for "pérenniser"), or
/// the key of the word behind a compound's prefix ("voitur" for "covoiturage").
fn families(
    reader: &Reader,
    keys: &HashMap<String, u32>,
    read: &[(u32, String)],
    lang: Lang,
) -> Vec<u32> {
    let mut out = Vec::new();
    for (_, surface) in read {
        let folded = crate::text::fold(surface);
        let key = reader.key(&folded, lang);
        for cut in FAMILY_MIN..key.chars().count() {
            let prefix: String = key.chars().take(cut).collect();
            out.extend(keys.get(&prefix));
        }
        for prefix in PREFIXES {
            if let Some(rest) = folded.strip_prefix(prefix)
                && rest.chars().count() >= 4
            {
                out.extend(keys.get(&reader.key(rest, lang)));
            }
        }
    }
    out
}

/// The ideas read into weighted key vectors.
struct Reading {
    /// Each idea's table, and the theme it sits under at that table (numbered), if any.
    places: Vec<(usize, Option<u32>)>,
    /// Each idea's own words as (key, surface), for labels.
    words: Vec<Vec<(u32, String)>>,
    /// Each idea's own keys, sorted, without repeats.
    own: Vec<Vec<u32>>,
    /// Each idea's concepts from the lexicon, sorted, without repeats.
    soft: Vec<Vec<u32>>,
    /// Each idea's keys of its words' families ([`families`]) that it has not itself, sorted.
    family: Vec<Vec<u32>>,
    /// Each idea's vector: (key, weight) sorted by key, own words and theme words together.
    vectors: Vec<Vec<(u32, f32)>>,
    norms: Vec<f32>,
    /// Key → ideas whose own words hold it, ascending.
    postings: Vec<Vec<u32>>,
    idf: Vec<f32>,
    /// Keys that are a group of the café's synonyms: they weigh as a lexicon group does.
    synonym: Vec<bool>,
}

impl Reading {
    fn new(
        reader: &Reader,
        synonyms: &Synonyms,
        lexicon: Option<&Lexicon>,
        ideas: &[Idea],
    ) -> Reading {
        let langs = languages(reader, ideas);
        let mut keys: HashMap<String, u32> = HashMap::new();
        let mut intern = |key: &str| -> u32 {
            let next = keys.len() as u32;
            *keys.entry(key.to_owned()).or_insert(next)
        };
        // The café's synonyms first; the lexicon then reads what they left into concepts,
        // which come beside the words rather than in their place.
        let read_words = |text: &str, lang: Lang| synonyms.apply(reader.words(text, lang));
        let concepts = |words: &[words::Word], lang: Lang| match lexicon {
            Some(lexicon) => lexicon.concepts(words, lang),
            None => Vec::new(),
        };
        let mut theme_words: HashMap<(&str, Lang), Vec<u32>> = HashMap::new();
        let mut words = Vec::with_capacity(ideas.len());
        let mut own = Vec::with_capacity(ideas.len());
        let mut soft = Vec::with_capacity(ideas.len());
        let mut themes = Vec::with_capacity(ideas.len());
        for (idea, &lang) in ideas.iter().zip(&langs) {
            let idea_words = read_words(idea.text, lang);
            let found = concepts(&idea_words, lang);
            let concept_ids = sorted_unique(found.iter().map(|c| intern(&c.2)));
            // A phrase of the lexicon is one unit: "ligne de bus" says nothing of "en ligne".
            let mut in_phrase = vec![false; idea_words.len()];
            for &(start, len, _) in found.iter().filter(|c| c.1 > 1) {
                in_phrase[start..start + len].fill(true);
            }
            let read: Vec<(u32, String)> = idea_words
                .into_iter()
                .zip(in_phrase)
                .filter(|(_, in_phrase)| !in_phrase)
                .map(|(w, _)| (intern(&w.key), w.surface))
                .collect();
            let ids = sorted_unique(read.iter().map(|w| w.0));
            let theme: Vec<u32> = match idea.theme {
                Some(text) => theme_words
                    .entry((text, lang))
                    .or_insert_with(|| {
                        sorted_unique(read_words(text, lang).iter().map(|w| intern(&w.key)))
                    })
                    .clone(),
                None => Vec::new(),
            };
            words.push(read);
            own.push(ids);
            soft.push(concept_ids);
            themes.push(theme);
        }
        let family: Vec<Vec<u32>> = words
            .iter()
            .zip(&langs)
            .zip(&own)
            .map(|((read, &lang), own)| {
                let mut family = sorted_unique(families(reader, &keys, read, lang).into_iter());
                family.retain(|k| own.binary_search(k).is_err());
                family
            })
            .collect();
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); keys.len()];
        for (i, ((ids, concepts), family)) in own.iter().zip(&soft).zip(&family).enumerate() {
            for &k in ids.iter().chain(concepts).chain(family) {
                postings[k as usize].push(i as u32);
            }
        }
        let mut synonym = vec![false; keys.len()];
        for (key, &k) in &keys {
            synonym[k as usize] = Synonyms::is_group(key);
        }
        let n = ideas.len().max(1) as f32;
        let idf: Vec<f32> = postings
            .iter()
            .map(|p| (n / p.len().max(1) as f32).ln())
            .collect();
        let mut theme_ids: HashMap<(usize, &str), u32> = HashMap::new();
        let places = ideas
            .iter()
            .map(|idea| {
                let next = theme_ids.len() as u32;
                let theme = idea
                    .theme
                    .map(|t| *theme_ids.entry((idea.table, t)).or_insert(next));
                (idea.table, theme)
            })
            .collect();
        let mut reading = Reading {
            places,
            words,
            own,
            soft,
            family,
            vectors: Vec::with_capacity(ideas.len()),
            norms: Vec::with_capacity(ideas.len()),
            postings,
            idf,
            synonym,
        };
        for (i, theme) in themes.iter().enumerate() {
            let v = reading.vector(i, theme);
            reading
                .norms
                .push(v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt());
            reading.vectors.push(v);
        }
        reading
    }

    /// Idea `i`'s vector, sorted by key: its own words (a word no other idea has weighs more),
    /// the words of its theme it does not say itself, and its concepts, each by its rarity.
    fn vector(&self, i: usize, theme: &[u32]) -> Vec<(u32, f32)> {
        let idf = |k: u32| self.idf[k as usize];
        let (ids, concepts) = (&self.own[i], &self.soft[i]);
        let mut v: Vec<(u32, f32)> = ids
            .iter()
            .map(|&k| {
                let weight = if self.postings[k as usize].len() == 1 {
                    UNIQUE_WEIGHT
                } else if self.synonym[k as usize] {
                    // The café's own list counts at least as much as the bundled one.
                    LEXICON_WEIGHT
                } else {
                    1.0
                };
                (k, weight * idf(k))
            })
            .collect();
        for &k in theme {
            if ids.binary_search(&k).is_err() {
                v.push((k, THEME_WEIGHT * idf(k)));
            }
        }
        v.extend(concepts.iter().map(|&k| (k, LEXICON_WEIGHT * idf(k))));
        v.extend(self.family[i].iter().map(|&k| (k, FAMILY_WEIGHT * idf(k))));
        v.sort_unstable_by_key(|e| e.0);
        v
    }

    /// `sim` of ideas `a` and `b`, less when their table sorted them under different themes.
    fn placed(&self, a: usize, b: usize, sim: f32) -> f32 {
        match (self.places[a], self.places[b]) {
            ((ta, Some(x)), (tb, Some(y))) if ta == tb && x != y => sim * OTHER_THEME,
            _ => sim,
        }
    }

    /// Cosine similarity of two ideas' vectors.
    fn cosine(&self, a: usize, b: usize) -> f32 {
        let (va, vb) = (&self.vectors[a], &self.vectors[b]);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < va.len() && j < vb.len() {
            match va[i].0.cmp(&vb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += va[i].1 * vb[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let norm = self.norms[a] * self.norms[b];
        if norm > 0.0 { dot / norm } else { 0.0 }
    }

    /// Every pair of ideas sharing a word of their own that is not everywhere, with its
    /// similarity, when that reaches [`THRESHOLD`]. Pairs below it count as unrelated (0) in the
    /// groups' averages: many weakly related pairs then never add up to a thread (measured on
    /// the fixtures: precision up, recall the same), and the graph stays small.
    fn similar_pairs(&self) -> Vec<cluster::Edge> {
        let n = self.own.len();
        let cap = max_shared(n);
        let mut last_seen = vec![u32::MAX; n];
        let mut edges = Vec::new();
        for (a, ((ids, concepts), family)) in self
            .own
            .iter()
            .zip(&self.soft)
            .zip(&self.family)
            .enumerate()
        {
            for &k in ids.iter().chain(concepts).chain(family) {
                let posting = &self.postings[k as usize];
                if posting.len() < 2 || posting.len() > cap {
                    continue;
                }
                // Postings are ascending: only the ideas after `a`, each pair once.
                let start = posting.partition_point(|&b| b as usize <= a);
                for &b in &posting[start..] {
                    if last_seen[b as usize] == a as u32 {
                        continue;
                    }
                    last_seen[b as usize] = a as u32;
                    let sim = self.placed(a, b as usize, self.cosine(a, b as usize));
                    if sim >= THRESHOLD {
                        edges.push((a as u32, b, sim));
                    }
                }
            }
        }
        edges
    }

    /// A thread's label: its most telling shared words (weighted by rarity and by how many
    /// ideas share them), each as most often written; the shortest idea when no word is shared
    /// by half of them.
    fn label(&self, members: &[u32], ideas: &[Idea]) -> String {
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for &m in members {
            for &k in &self.own[m as usize] {
                *shared.entry(k).or_insert(0) += 1;
            }
        }
        // A label word is shared by at least half of the thread (and two ideas): a word two
        // ideas of six share says little of the other four.
        let enough = members.len().div_ceil(2).max(2);
        let mut scored: Vec<(u32, f32)> = shared
            .into_iter()
            .filter(|&(_, count)| count >= enough)
            .map(|(k, count)| (k, count as f32 * self.idf[k as usize]))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(_, best)) = scored.first() else {
            return members
                .iter()
                .map(|&m| ideas[m as usize].text.trim())
                .min_by_key(|t| t.chars().count())
                .unwrap_or_default()
                .to_owned();
        };
        let words: Vec<String> = scored
            .iter()
            .take_while(|&&(_, score)| score >= best * 0.5)
            .take(3)
            .map(|&(k, _)| self.surface(k, members))
            .collect();
        capitalise(&words.join(", "))
    }

    /// How key `k` is most often written among `members`' words (the shorter on a tie).
    fn surface(&self, k: u32, members: &[u32]) -> String {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for &m in members {
            for (key, surface) in &self.words[m as usize] {
                if *key == k {
                    *counts.entry(surface.as_str()).or_insert(0) += 1;
                }
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(b.0.chars().count().cmp(&a.0.chars().count()))
                    .then(b.0.cmp(a.0))
            })
            .map(|(s, _)| s.to_owned())
            .unwrap_or_default()
    }
}

/// `text` with its first letter in capitals ("élus, formation" → "Élus, formation").
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
