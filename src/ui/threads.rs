//! The "Find common threads" review panel: each thread [`crate::harvest::threads`] proposes,
//! with its ideas (text, table badge, votes), for the facilitator to accept, rename, trim,
//! merge or reject; the synonyms the next proposal reads; the question of the synthesis table
//! that accepting builds. Small functions over `&mut Ui`; the app turns the returned intent into
//! edits (building the synthesis is one undo step).

use crate::harvest::threads::{Thread, propose};
use crate::i18n::I18n;
use crate::model::{Cafe, NodeId};

/// A proposed thread under review.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewThread {
    /// The theme the thread becomes in the synthesis (the proposal's label, renamed at will).
    pub label: String,
    pub ideas: Vec<NodeId>,
    pub accepted: bool,
}

/// The review open beside the map.
pub struct ThreadsReview {
    pub threads: Vec<ReviewThread>,
    /// The synthesis table's question.
    pub question: String,
    /// The synonym groups being edited: one group per line, words separated by commas.
    pub synonyms: String,
    /// How many threads the panel lists: a café of thousands of ideas has hundreds of threads,
    /// and listing them all would slow every frame; more are shown on demand.
    pub listed: usize,
}

/// Threads listed at first, and added by each "Show more".
const LISTED_STEP: usize = 60;

/// What the user decided in the panel.
#[derive(Clone, Debug, PartialEq)]
pub enum ThreadsIntent {
    /// Build the synthesis table from the accepted threads.
    Build,
    Close,
    /// Keep these synonym groups in the café and propose again.
    SaveSynonyms(Vec<Vec<String>>),
    /// Show an idea on its table.
    Jump(NodeId),
}

impl ThreadsReview {
    /// The proposal for `cafe`, read with the café's own synonyms.
    pub fn new(cafe: &Cafe, question: String) -> ThreadsReview {
        ThreadsReview {
            threads: proposal(cafe),
            question,
            synonyms: synonyms_text(&cafe.synonyms),
            listed: LISTED_STEP,
        }
    }

    /// Proposes again (after the synonyms changed): decisions start over.
    pub fn refresh(&mut self, cafe: &Cafe) {
        self.threads = proposal(cafe);
        self.synonyms = synonyms_text(&cafe.synonyms);
    }

    /// The accepted threads, as the synthesis is built from them.
    pub fn accepted(&self) -> Vec<Thread> {
        self.threads
            .iter()
            .filter(|t| t.accepted && !t.ideas.is_empty())
            .map(|t| Thread {
                label: t.label.clone(),
                ideas: t.ideas.clone(),
            })
            .collect()
    }

    /// Takes an idea out of thread `t`; a thread left with fewer than two ideas is no thread.
    pub fn remove_idea(&mut self, t: usize, id: NodeId) {
        if let Some(thread) = self.threads.get_mut(t) {
            thread.ideas.retain(|&i| i != id);
            if thread.ideas.len() < 2 {
                self.threads.remove(t);
            }
        }
    }

    /// Puts thread `from`'s ideas into thread `into`, which keeps its name.
    pub fn merge(&mut self, from: usize, into: usize) {
        if from == into || from >= self.threads.len() || into >= self.threads.len() {
            return;
        }
        let moved = self.threads.remove(from);
        let into = if from < into { into - 1 } else { into };
        if let Some(target) = self.threads.get_mut(into) {
            for id in moved.ideas {
                if !target.ideas.contains(&id) {
                    target.ideas.push(id);
                }
            }
            target.accepted |= moved.accepted;
        }
    }

    /// Drops ideas deleted since the proposal was made (and threads left too small).
    pub fn prune(&mut self, cafe: &Cafe) {
        for thread in &mut self.threads {
            thread.ideas.retain(|&id| cafe.node(id).is_some());
        }
        self.threads.retain(|t| t.ideas.len() >= 2);
    }
}

fn proposal(cafe: &Cafe) -> Vec<ReviewThread> {
    propose(cafe, &cafe.synonyms)
        .into_iter()
        .map(|t| ReviewThread {
            label: t.label,
            ideas: t.ideas,
            accepted: false,
        })
        .collect()
}

/// Synonym groups as the panel edits them: one group per line, words separated by commas.
pub fn synonyms_text(groups: &[Vec<String>]) -> String {
    groups
        .iter()
        .map(|g| g.join(", "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The groups a text holds: lines of comma-separated words or phrases, trimmed; a line with
/// fewer than two entries says nothing and is dropped.
pub fn parse_synonyms(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            line.split([',', ';'])
                .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|w| !w.is_empty())
                .collect::<Vec<String>>()
        })
        .filter(|g| g.len() >= 2)
        .collect()
}

/// What the user did to one thread this frame.
enum ThreadAction {
    RemoveIdea(NodeId),
    MergeInto(usize),
    Reject,
}

/// The panel's content. Edits to the review (accept, rename, remove, merge, reject) happen in
/// place; building, closing, saving synonyms and jumping are returned.
pub fn show(
    ui: &mut egui::Ui,
    review: &mut ThreadsReview,
    cafe: &Cafe,
    i18n: &I18n,
) -> Option<ThreadsIntent> {
    let mut intent = None;
    ui.heading(i18n.tr("threads-title"));
    let grouped: usize = review.threads.iter().map(|t| t.ideas.len()).sum();
    let (_, _, ideas) = cafe.counts();
    ui.label(i18n.tr_args(
        "threads-summary",
        &[
            ("threads", review.threads.len().into()),
            ("grouped", grouped.into()),
            ("ideas", ideas.into()),
        ],
    ));
    ui.weak(i18n.tr("threads-hint"));
    ui.horizontal(|ui| {
        let label = ui.label(i18n.tr("threads-question"));
        ui.add(egui::TextEdit::singleline(&mut review.question).desired_width(f32::INFINITY))
            .labelled_by(label.id);
    });
    let accepted = review.threads.iter().filter(|t| t.accepted).count();
    ui.horizontal(|ui| {
        let build = ui.add_enabled(
            accepted > 0,
            egui::Button::new(i18n.tr_args("threads-build", &[("count", accepted.into())])),
        );
        if build.clicked() {
            intent = Some(ThreadsIntent::Build);
        }
        if ui.button(i18n.tr("threads-close")).clicked() {
            intent = Some(ThreadsIntent::Close);
        }
    });
    egui::CollapsingHeader::new(i18n.tr("threads-synonyms"))
        .default_open(false)
        .show(ui, |ui| {
            ui.weak(i18n.tr("threads-synonyms-hint"));
            let label = ui.label(i18n.tr("threads-synonyms-field"));
            ui.add(
                egui::TextEdit::multiline(&mut review.synonyms)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            if ui.button(i18n.tr("threads-synonyms-save")).clicked() {
                intent = Some(ThreadsIntent::SaveSynonyms(parse_synonyms(
                    &review.synonyms,
                )));
            }
        });
    ui.separator();
    if review.threads.is_empty() {
        ui.label(i18n.tr("threads-none"));
    }
    let names: Vec<String> = review.threads.iter().map(|t| t.label.clone()).collect();
    let mut action = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let listed = review.listed;
            for (t, thread) in review.threads.iter_mut().enumerate().take(listed) {
                ui.push_id(t, |ui| {
                    if let Some(a) = thread_card(ui, t, thread, &names, cafe, i18n, &mut intent) {
                        action = Some((t, a));
                    }
                });
                ui.add_space(6.0);
            }
            let more = review.threads.len().saturating_sub(listed);
            if more > 0
                && ui
                    .button(i18n.tr_args("threads-more", &[("count", more.into())]))
                    .clicked()
            {
                review.listed += LISTED_STEP;
            }
        });
    match action {
        Some((t, ThreadAction::RemoveIdea(id))) => review.remove_idea(t, id),
        Some((t, ThreadAction::MergeInto(into))) => review.merge(t, into),
        Some((t, ThreadAction::Reject)) => {
            review.threads.remove(t);
        }
        None => {}
    }
    intent
}

/// One thread: accept, name, merge, reject, then its ideas with their table and votes.
fn thread_card(
    ui: &mut egui::Ui,
    t: usize,
    thread: &mut ReviewThread,
    names: &[String],
    cafe: &Cafe,
    i18n: &I18n,
    intent: &mut Option<ThreadsIntent>,
) -> Option<ThreadAction> {
    let mut action = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.checkbox(&mut thread.accepted, i18n.tr("threads-accept"));
            let label = ui.label(i18n.tr("threads-name"));
            ui.add(egui::TextEdit::singleline(&mut thread.label).desired_width(180.0))
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let mut tables: Vec<usize> = thread
                .ideas
                .iter()
                .filter_map(|&id| cafe.origin_table(id))
                .collect();
            tables.sort_unstable();
            tables.dedup();
            ui.weak(i18n.tr_args(
                "threads-spread",
                &[
                    ("ideas", thread.ideas.len().into()),
                    ("tables", tables.len().into()),
                ],
            ));
            if names.len() > 1 {
                ui.menu_button(i18n.tr("threads-merge"), |ui| {
                    for (other, name) in names.iter().enumerate() {
                        if other != t && ui.button(name).clicked() {
                            action = Some(ThreadAction::MergeInto(other));
                            ui.close();
                        }
                    }
                });
            }
            if ui.button(i18n.tr("threads-reject")).clicked() {
                action = Some(ThreadAction::Reject);
            }
        });
        for &id in &thread.ideas {
            let Some(node) = cafe.node(id) else { continue };
            ui.horizontal(|ui| {
                let table = cafe.origin_table(id).map_or(0, |t| t + 1);
                ui.label(egui::RichText::new(format!("T{table}")).strong())
                    .on_hover_text(i18n.tr_args("threads-table", &[("number", table.into())]));
                let votes = node.votes.total();
                if votes > 0 {
                    ui.label(format!("● {votes}"))
                        .on_hover_text(i18n.tr_args("threads-votes", &[("count", votes.into())]));
                }
                let remove = ui
                    .small_button("✕")
                    .on_hover_text(i18n.tr("threads-remove-idea"));
                if remove.clicked() {
                    action = Some(ThreadAction::RemoveIdea(id));
                }
                let text = node.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let link = ui
                    .add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
                    .on_hover_text(i18n.tr("threads-jump"));
                if link.clicked() {
                    *intent = Some(ThreadsIntent::Jump(id));
                }
            });
        }
    });
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review() -> ThreadsReview {
        let thread = |label: &str, ideas: &[u64]| ReviewThread {
            label: label.into(),
            ideas: ideas.iter().map(|&i| NodeId(i)).collect(),
            accepted: false,
        };
        ThreadsReview {
            threads: vec![
                thread("A", &[1, 2]),
                thread("B", &[3, 4, 5]),
                thread("C", &[6, 7]),
            ],
            question: "Synthèse".into(),
            synonyms: String::new(),
            listed: LISTED_STEP,
        }
    }

    #[test]
    fn merging_keeps_the_target_name_and_every_idea_once() {
        let mut r = review();
        r.threads[0].accepted = true;
        r.merge(0, 2);
        assert_eq!(r.threads.len(), 2);
        assert_eq!(r.threads[1].label, "C");
        assert_eq!(r.threads[1].ideas, [6, 7, 1, 2].map(NodeId));
        assert!(r.threads[1].accepted);
        r.merge(1, 0);
        assert_eq!(r.threads[0].ideas, [3, 4, 5, 6, 7, 1, 2].map(NodeId));
    }

    #[test]
    fn removing_an_idea_from_a_pair_drops_the_thread() {
        let mut r = review();
        r.remove_idea(1, NodeId(4));
        assert_eq!(r.threads[1].ideas, [3, 5].map(NodeId));
        r.remove_idea(0, NodeId(1));
        assert_eq!(r.threads.len(), 2);
        assert_eq!(r.threads[0].label, "B");
    }

    #[test]
    fn only_accepted_threads_are_built() {
        let mut r = review();
        r.threads[1].accepted = true;
        r.threads[1].label = "Élus".into();
        let accepted = r.accepted();
        assert_eq!(accepted.len(), 1);
        assert_eq!(accepted[0].label, "Élus");
    }

    #[test]
    fn synonyms_read_one_group_per_line() {
        let groups = parse_synonyms("élus, conseillers,  maires \n\n fonds;subventions\nseul\n");
        assert_eq!(
            groups,
            vec![
                vec!["élus".to_owned(), "conseillers".into(), "maires".into()],
                vec!["fonds".to_owned(), "subventions".into()],
            ]
        );
        assert_eq!(parse_synonyms(&synonyms_text(&groups)), groups);
    }
}
