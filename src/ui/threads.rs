//! The "Find common threads" review panel: each thread [`crate::harvest::threads`] proposes,
//! with its ideas (text, table badge, votes), for the facilitator to accept, rename, trim,
//! merge or reject; the synonyms the next proposal reads; the question of the synthesis table
//! that accepting builds. Small functions over `&mut Ui`; the app turns the returned intent into
//! edits (building the synthesis is one undo step).

use super::canvas::DraftEnd;
use super::draft_editor::{DraftEditor, end_keys};
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
    /// Text being typed in one of the fields, not yet in the review: Esc drops it (the field
    /// shows what it held before), Enter or leaving the field puts it in.
    pub draft: Option<FieldDraft>,
}

/// A field of the review that text is typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Question,
    Synonyms,
    /// The name of the thread at this place in the list.
    Name(usize),
}

/// Text being typed in a field of the review (see [`ThreadsReview::draft`]).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDraft {
    pub field: Field,
    pub text: String,
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
            draft: None,
        }
    }

    /// Proposes again (after the synonyms changed): decisions start over. A name being typed
    /// goes with its thread; the question being typed stays.
    pub fn refresh(&mut self, cafe: &Cafe) {
        self.commit_draft();
        self.threads = proposal(cafe);
        self.synonyms = synonyms_text(&cafe.synonyms);
    }

    /// What `field` holds, the draft aside.
    fn field_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Question => Some(&mut self.question),
            Field::Synonyms => Some(&mut self.synonyms),
            Field::Name(t) => self.threads.get_mut(t).map(|t| &mut t.label),
        }
    }

    /// Puts the text being typed in its field (before anything reads the fields, or moves the
    /// threads it names by place).
    pub fn commit_draft(&mut self) {
        if let Some(draft) = self.draft.take()
            && let Some(value) = self.field_mut(draft.field)
        {
            *value = draft.text;
        }
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
        let gone = |t: &ReviewThread| t.ideas.iter().any(|&id| cafe.node(id).is_none());
        if !self.threads.iter().any(gone) {
            return;
        }
        // Threads may move up the list: the name being typed goes into its own first.
        self.commit_draft();
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

/// The review's text fields this frame: each is a [`DraftEditor`] over the draft when it is
/// the draft's field, over what the field holds otherwise (typing into it opens the draft).
struct Typing<'r> {
    draft: &'r mut Option<FieldDraft>,
    /// Drafts that ended this frame with their text going in (Enter, or the field left).
    ended: Vec<(Field, String)>,
    /// Whether the draft's field was shown this frame.
    shown: bool,
}

impl Typing<'_> {
    fn field(
        &mut self,
        ui: &mut egui::Ui,
        field: Field,
        value: &str,
        multiline: bool,
        look: impl FnOnce(egui::TextEdit<'_>) -> egui::TextEdit<'_>,
    ) -> egui::Response {
        let id = ui.make_persistent_id(("threads-field", field));
        let mine = |draft: &Option<FieldDraft>| draft.as_ref().is_some_and(|d| d.field == field);
        let mut committed = None;
        if mine(self.draft)
            && ui.memory(|m| m.has_focus(id))
            && let Some(end) = end_keys(ui)
        {
            // Esc drops the draft: the field shows what it held before.
            if let (DraftEnd::Commit, Some(draft)) = (end, self.draft.take()) {
                committed = Some(draft.text.clone());
                self.ended.push((field, draft.text));
            }
            *self.draft = None;
            ui.memory_mut(|m| m.surrender_focus(id));
        }
        let was_mine = mine(self.draft);
        self.shown |= was_mine;
        let mut scratch = String::new();
        let text = match self.draft.as_mut().filter(|d| d.field == field) {
            Some(draft) => &mut draft.text,
            None => {
                scratch = committed.unwrap_or_else(|| value.to_owned());
                &mut scratch
            }
        };
        let editor = if multiline {
            DraftEditor::multiline(text)
        } else {
            DraftEditor::singleline(text)
        };
        // Esc is the draft's (see `end_keys`): egui would otherwise take the focus away
        // before the field is drawn.
        let r = editor
            .look(|e| {
                let filter = egui::EventFilter {
                    escape: true,
                    ..e.get_event_filter()
                };
                look(e.id(id).event_filter(filter))
            })
            .show(ui);
        if was_mine {
            if r.lost_focus()
                && let Some(draft) = self.draft.take()
            {
                self.ended.push((field, draft.text));
            }
        } else if r.has_focus() || r.changed() {
            // Typing starts here: the draft the field had (if any) goes in first.
            if let Some(old) = self.draft.take() {
                self.ended.push((old.field, old.text));
            }
            *self.draft = Some(FieldDraft {
                field,
                text: scratch,
            });
            self.shown = true;
        }
        r
    }
}

/// What the user did in one thread's card this frame.
enum CardAction {
    Thread(ThreadAction),
    Jump(NodeId),
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
    // Buttons that read the fields: the text being typed goes in first.
    let (mut end_typing, mut save_synonyms) = (false, false);
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
    let mut typing = Typing {
        draft: &mut review.draft,
        ended: Vec::new(),
        shown: false,
    };
    ui.horizontal(|ui| {
        let label = ui.label(i18n.tr("threads-question"));
        typing
            .field(ui, Field::Question, &review.question, false, |e| {
                e.desired_width(f32::INFINITY)
            })
            .labelled_by(label.id);
    });
    let accepted = review.threads.iter().filter(|t| t.accepted).count();
    ui.horizontal(|ui| {
        let build = ui.add_enabled(
            accepted > 0,
            egui::Button::new(i18n.tr_args("threads-build", &[("count", accepted.into())])),
        );
        if build.clicked() {
            end_typing = true;
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
            typing
                .field(ui, Field::Synonyms, &review.synonyms, true, |e| {
                    e.desired_rows(3).desired_width(f32::INFINITY)
                })
                .labelled_by(label.id);
            if ui.button(i18n.tr("threads-synonyms-save")).clicked() {
                save_synonyms = true;
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
                    let card = thread_card(ui, t, thread, &names, cafe, i18n, &mut typing);
                    match card {
                        Some(CardAction::Thread(a)) => action = Some((t, a)),
                        Some(CardAction::Jump(id)) => intent = Some(ThreadsIntent::Jump(id)),
                        None => {}
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
    // A draft whose field is no longer shown (its thread listed no more, the synonyms folded
    // away) cannot be left: it goes in.
    let unseen = !typing.shown;
    for (field, text) in typing.ended {
        if let Some(value) = review.field_mut(field) {
            *value = text;
        }
    }
    if unseen || end_typing || save_synonyms || action.is_some() {
        review.commit_draft();
    }
    if save_synonyms {
        intent = Some(ThreadsIntent::SaveSynonyms(parse_synonyms(
            &review.synonyms,
        )));
    }
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
    typing: &mut Typing,
) -> Option<CardAction> {
    let mut action = None;
    let mut jump = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.checkbox(&mut thread.accepted, i18n.tr("threads-accept"));
            let label = ui.label(i18n.tr("threads-name"));
            typing
                .field(ui, Field::Name(t), &thread.label, false, |e| {
                    e.desired_width(180.0)
                })
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
                    jump = Some(id);
                }
            });
        }
    });
    action
        .map(CardAction::Thread)
        .or(jump.map(CardAction::Jump))
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
            draft: None,
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
