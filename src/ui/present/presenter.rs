//! The presenter window, on the laptop while the audience window fills the projector: the
//! current and the next step, a timer and the speaker notes, with buttons for everything the
//! keys do. It is a deferred egui viewport with its own repaints (the timer ticks once a second
//! there), so the audience window stays idle between steps. It shares a small state with the
//! presentation: what to show, and the navigation it asks for.

use super::deck::Deck;
use super::paint;
use super::steps::StepKind;
use super::{Nav, navs};
use crate::geom::Size;
use crate::i18n::I18n;
use crate::model::NodeId;
use crate::ui::camera::Camera;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The monitors the window system reports, and which one is which.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Screens {
    pub count: usize,
    /// Where the editor window was when the presentation started: the presenter's screen.
    pub laptop: usize,
    /// The audience's screen: the first other monitor.
    pub projector: usize,
    /// Each monitor's area on the desktop, in physical pixels.
    pub areas: Vec<egui::Rect>,
}

impl Screens {
    /// (audience, presenter) monitor indices, swapped on request.
    pub fn roles(&self, swapped: bool) -> (usize, usize) {
        if swapped {
            (self.laptop, self.projector)
        } else {
            (self.projector, self.laptop)
        }
    }
}

/// Asks the window system for its monitors (once per presentation).
pub fn screens_of(frame: &eframe::Frame) -> Screens {
    let Some(window) = frame.winit_window() else {
        return Screens::default();
    };
    let monitors: Vec<_> = window.available_monitors().collect();
    let areas = monitors
        .iter()
        .map(|m| {
            let (p, s) = (m.position(), m.size());
            egui::Rect::from_min_size(
                egui::pos2(p.x as f32, p.y as f32),
                egui::vec2(s.width as f32, s.height as f32),
            )
        })
        .collect();
    let here = window
        .current_monitor()
        .or_else(|| window.primary_monitor())
        .and_then(|m| monitors.iter().position(|x| *x == m))
        .unwrap_or(0);
    let projector = (0..monitors.len()).find(|&i| i != here).unwrap_or(here);
    Screens {
        count: monitors.len(),
        laptop: here,
        projector,
        areas,
    }
}

/// The presenter's words, translated once (the window draws on its own, without `I18n`).
struct Labels {
    window_title: String,
    now: String,
    next: String,
    end: String,
    notes: String,
    no_notes: String,
    reset: String,
    previous: String,
    next_step: String,
    blank: String,
    blanked: String,
    swap: String,
    leave: String,
    hint: String,
    coming: String,
    /// Per step: "Step 3 of 42 · Table 1 · Theme".
    headers: Vec<String>,
    /// Per step, what it shows in a few words, for the list of what comes next.
    lines: Vec<String>,
}

pub struct PresenterState {
    pub deck: Arc<Deck>,
    notes: Arc<HashMap<NodeId, String>>,
    labels: Labels,
    pub current: usize,
    pub blank: bool,
    /// The audience window's size, so previews frame exactly what the room sees.
    pub audience: egui::Vec2,
    /// The monitor the audience window was sent to.
    pub audience_monitor: usize,
    started: Instant,
    /// Navigation asked for here, run by the presentation on its next frame.
    pub inbox: Vec<Nav>,
    /// The presenter window was closed: it stays hidden until P.
    pub closed: bool,
}

pub type Shared = Arc<Mutex<PresenterState>>;

/// The shared state, even if a panic elsewhere poisoned the lock (it holds no invariant a
/// half-finished frame could break).
pub fn lock(shared: &Shared) -> MutexGuard<'_, PresenterState> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

impl PresenterState {
    pub fn new(
        deck: Arc<Deck>,
        notes: Arc<HashMap<NodeId, String>>,
        texts: &HashMap<NodeId, String>,
        i18n: &I18n,
        title: &str,
    ) -> PresenterState {
        let total = deck.seq.len();
        let one_line = |id: Option<NodeId>| {
            id.and_then(|id| texts.get(&id))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
        };
        let lines = deck
            .seq
            .steps
            .iter()
            .map(|s| match s.kind {
                StepKind::Title => i18n.tr("present-kind-title"),
                StepKind::Question => format!(
                    "{} — {}",
                    i18n.tr_args("present-table", &[("n", (s.table.unwrap_or(0) + 1).into())]),
                    one_line(s.focus)
                ),
                StepKind::Branch => format!("▸ {}", one_line(s.focus)),
                StepKind::Idea => format!("      {}", one_line(s.focus)),
                StepKind::Table => format!("▸ {}", i18n.tr("present-kind-table")),
                StepKind::TopIdeas => i18n.tr("present-kind-top-ideas"),
            })
            .collect();
        let headers = deck
            .seq
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut parts = vec![i18n.tr_args(
                    "presenter-step",
                    &[("n", (i + 1).into()), ("total", total.into())],
                )];
                if let Some(t) = s.table {
                    parts.push(i18n.tr_args("present-table", &[("n", (t + 1).into())]));
                }
                parts.push(i18n.tr(match s.kind {
                    StepKind::Title => "present-kind-title",
                    StepKind::Question => "present-kind-question",
                    StepKind::Branch => "present-kind-branch",
                    StepKind::Idea => "present-kind-idea",
                    StepKind::Table => "present-kind-table",
                    StepKind::TopIdeas => "present-kind-top-ideas",
                }));
                parts.join(" · ")
            })
            .collect();
        let window_title = if title.trim().is_empty() {
            i18n.tr("presenter-title")
        } else {
            format!("{} — {}", i18n.tr("presenter-title"), title.trim())
        };
        PresenterState {
            deck,
            notes,
            labels: Labels {
                window_title,
                now: i18n.tr("presenter-now"),
                next: i18n.tr("presenter-next"),
                end: i18n.tr("presenter-end"),
                notes: i18n.tr("present-notes"),
                no_notes: i18n.tr("presenter-no-notes"),
                reset: i18n.tr("presenter-reset"),
                previous: i18n.tr("presenter-previous"),
                next_step: i18n.tr("presenter-next-step"),
                blank: i18n.tr("presenter-blank"),
                blanked: i18n.tr("presenter-blanked"),
                swap: i18n.tr("presenter-swap"),
                leave: i18n.tr("presenter-leave"),
                hint: i18n.tr("presenter-hint"),
                coming: i18n.tr("presenter-coming"),
                headers,
                lines,
            },
            current: 0,
            blank: false,
            audience: egui::vec2(1920.0, 1080.0),
            audience_monitor: usize::MAX,
            started: Instant::now(),
            inbox: Vec::new(),
            closed: false,
        }
    }
}

fn presenter_id() -> egui::ViewportId {
    egui::ViewportId::from_hash_of("cafemap-presenter")
}

/// Shows the presenter window, filling monitor `monitor` if given (call every frame of the
/// presentation).
pub fn show(ctx: &egui::Context, shared: Shared, monitor: Option<usize>, changed: bool) {
    let id = presenter_id();
    let title = lock(&shared).labels.window_title.clone();
    let mut builder = egui::ViewportBuilder::default()
        .with_title(title)
        .with_inner_size([1280.0, 800.0]);
    if let Some(m) = monitor {
        builder = builder.with_monitor(m);
    }
    if changed {
        ctx.request_repaint_of(id);
    }
    ctx.show_viewport_deferred(id, builder, move |ui, _class| {
        let mut state = lock(&shared);
        presenter_ui(ui, &mut state);
    });
}

/// The presenter window's content.
pub fn presenter_ui(ui: &mut egui::Ui, s: &mut PresenterState) {
    let ctx = ui.ctx().clone();
    let mut asked = ctx.input(navs);
    if ctx.input(|i| i.viewport().close_requested()) {
        s.closed = true;
    }
    // The timer shows whole seconds: one repaint a second, only in this window.
    ctx.request_repaint_after(Duration::from_secs(1));

    egui::Panel::top("presenter-top").show(ui, |ui| {
        ui.horizontal(|ui| {
            let header = s.labels.headers.get(s.current).cloned().unwrap_or_default();
            ui.label(egui::RichText::new(header).size(18.0).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(&s.labels.reset).clicked() {
                    s.started = Instant::now();
                }
                let secs = s.started.elapsed().as_secs();
                let clock = format!("{:02}:{:02}", secs / 60, secs % 60);
                ui.label(egui::RichText::new(clock).size(30.0).monospace().strong());
            });
        });
    });
    egui::Panel::bottom("presenter-buttons").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let big = |t: &str| egui::Button::new(egui::RichText::new(t).size(18.0));
            if ui.add(big(&s.labels.previous)).clicked() {
                asked.push(Nav::Previous);
            }
            if ui.add(big(&s.labels.next_step)).clicked() {
                asked.push(Nav::Next);
            }
            if ui.add(big(&s.labels.blank).selected(s.blank)).clicked() {
                asked.push(Nav::Blank);
            }
            if ui.add(big(&s.labels.swap)).clicked() {
                asked.push(Nav::SwapScreens);
            }
            if ui.add(big(&s.labels.leave)).clicked() {
                asked.push(Nav::Leave);
            }
            ui.weak(&s.labels.hint);
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let avail = ui.available_size();
        let aspect = (s.audience.y / s.audience.x.max(1.0)).clamp(0.3, 1.5);
        let now_w = (avail.x * 0.62).min((avail.y * 0.62) / aspect).max(80.0);
        ui.horizontal_top(|ui| {
            // Left: what the room sees, and what to say about it.
            ui.vertical(|ui| {
                ui.set_width(now_w);
                ui.label(egui::RichText::new(&s.labels.now).size(18.0));
                preview(ui, s, Some(s.current), now_w, aspect, s.blank);
                if s.blank {
                    ui.label(egui::RichText::new(&s.labels.blanked).size(16.0).strong());
                }
                ui.add_space(10.0);
                ui.label(egui::RichText::new(&s.labels.notes).size(18.0).strong());
                let focus = s.deck.seq.get(s.current).and_then(|st| st.focus);
                let note = focus.and_then(|f| s.notes.get(&f));
                egui::ScrollArea::vertical()
                    .id_salt("presenter-notes")
                    .auto_shrink([false, true])
                    .show(ui, |ui| match note {
                        Some(n) => {
                            let ink = ui.visuals().strong_text_color();
                            ui.label(egui::RichText::new(n).size(26.0).color(ink));
                        }
                        None => {
                            ui.weak(egui::RichText::new(&s.labels.no_notes).size(18.0));
                        }
                    });
            });
            ui.add_space(16.0);
            // Right: the next step, and the few after it.
            ui.vertical(|ui| {
                let next_w = ui.available_width().max(80.0);
                ui.label(egui::RichText::new(&s.labels.next).size(18.0));
                let next = Some(s.current + 1).filter(|&n| n < s.deck.seq.len());
                preview(ui, s, next, next_w, aspect, false);
                if next.is_none() {
                    ui.label(&s.labels.end);
                }
                ui.add_space(10.0);
                ui.label(egui::RichText::new(&s.labels.coming).size(18.0).strong());
                for line in s.labels.lines.iter().skip(s.current + 1).take(8) {
                    ui.add(egui::Label::new(egui::RichText::new(line).size(16.0)).truncate());
                }
            });
        });
    });
    if !asked.is_empty() {
        s.inbox.extend(asked);
        ctx.request_repaint_of(egui::ViewportId::ROOT);
    }
    if s.closed {
        ctx.request_repaint_of(egui::ViewportId::ROOT);
    }
}

/// A small picture of step `step` exactly as the room sees it (black when `blank`).
fn preview(
    ui: &mut egui::Ui,
    s: &PresenterState,
    step: Option<usize>,
    width: f32,
    aspect: f32,
    blank: bool,
) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, width * aspect), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let Some(step) = step else {
        painter.rect_filled(rect, 4.0, egui::Color32::from_gray(40));
        return;
    };
    if blank {
        painter.rect_filled(rect, 0.0, egui::Color32::BLACK);
    } else {
        let audience = Size::new(s.audience.x.max(1.0), s.audience.y.max(1.0));
        let shot = s.deck.shot(step, audience);
        let scale = rect.width() / audience.w;
        let cam = Camera {
            center: shot.centre,
            zoom: shot.zoom * scale,
        };
        let revealed = s.deck.seq.get(step).map_or(0, |st| st.revealed);
        let showing = paint::Showing::Shot { shot: &shot, scale };
        paint::paint_deck(&painter, &s.deck, revealed, &cam, rect, showing, None, None);
    }
    painter.rect_stroke(
        rect,
        0.0,
        egui::Stroke::new(1.0, egui::Color32::from_gray(120)),
        egui::StrokeKind::Outside,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn shows_where_we_are_the_notes_and_sends_the_clickers_keys() {
        let mut cafe = crate::ui::example();
        let q = cafe.tables[0].question();
        cafe.tables[0].node_mut(q).unwrap().note = "Rappeler le contexte du conflit".into();
        let deck = Arc::new(Deck::new(&cafe));
        let notes = Arc::new(HashMap::from([(
            q,
            "Rappeler le contexte du conflit".to_owned(),
        )]));
        let texts = crate::ui::present::node_texts(&cafe);
        let mut state = PresenterState::new(deck, notes, &texts, &I18n::new(Lang::En), "Café");
        state.current = 1;
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_context_setup(crate::ui::style::install_fonts)
            .build_ui_state(|ui, s: &mut PresenterState| presenter_ui(ui, s), state);
        h.run();
        assert!(h.query_by_label_contains("Step 2 of").is_some());
        assert!(
            h.query_by_label("Rappeler le contexte du conflit")
                .is_some()
        );
        assert!(h.query_by_label("Next").is_some());
        assert!(
            h.query_by_label("▸ Maintien des actions").is_some(),
            "what comes next is listed"
        );
        h.key_press(egui::Key::PageDown);
        h.run();
        h.get_by_label_contains("Black screen").click();
        h.run();
        assert_eq!(h.state().inbox, vec![Nav::Next, Nav::Blank]);
    }
}
