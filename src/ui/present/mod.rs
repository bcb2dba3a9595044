//! Presentation mode: the café on a projector, one step at a time.
//!
//! [`steps`] decides what is shown in which order (pure), [`board`] and [`deck`] lay the tables
//! out again for a projector — large type, no text under 1/40 of the screen height — and decide
//! where the camera rests at each step (pure); this module runs it with egui: keys and clicker,
//! camera glides eased over 400 ms, ideas fading in, a black screen, a laser dot, and the
//! [`presenter`] window on a second screen. When nothing moves it requests no repaint at all.
//!
//! The presentation reads a snapshot of the café taken when it starts: nothing here changes the
//! document.

mod board;
mod deck;
mod paint;
pub mod panel;
mod presenter;
// The step order is pure and also serves the HTML export, so it lives below `io`.
use crate::layout::steps;

pub use presenter::{Screens, screens_of};
pub use steps::{RevealOptions, Step, StepKind};

use crate::geom::Size;
use crate::i18n::I18n;
use crate::model::{Cafe, NodeId};
use crate::ui::camera::{Camera, Glide, MAX_ZOOM, MIN_ZOOM};
use deck::Deck;
use egui::{Event, Key, Sense};
use paint::{Fade, snap_px};
use presenter::{PresenterState, Shared};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How long a camera move takes, eased in and out (smoothstep).
pub const GLIDE_SECONDS: f64 = 0.4;
/// How long a revealed idea takes to fade in.
const FADE_SECONDS: f64 = 0.25;

/// What the user asked for, from the audience window, the presenter window or a clicker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Next,
    Previous,
    First,
    Last,
    /// Table N of the café (from 0), from the digit keys.
    Table(usize),
    /// Black screen on/off.
    Blank,
    Laser,
    /// Swap which screen is the audience's and which the presenter's.
    SwapScreens,
    /// Show or hide the presenter window (shown by itself when there are two screens).
    Presenter,
    Leave,
}

/// Maps this frame's key presses to navigation. Digits are read from the physical key too, so
/// that 1–9 work on a French (AZERTY) keyboard without Shift.
pub fn navs(input: &egui::InputState) -> Vec<Nav> {
    let mut out = Vec::new();
    for e in &input.events {
        let Event::Key {
            key,
            physical_key,
            pressed: true,
            modifiers,
            ..
        } = e
        else {
            continue;
        };
        if modifiers.command || modifiers.alt {
            continue;
        }
        let digit = |k: Key| match k {
            Key::Num1 => Some(0),
            Key::Num2 => Some(1),
            Key::Num3 => Some(2),
            Key::Num4 => Some(3),
            Key::Num5 => Some(4),
            Key::Num6 => Some(5),
            Key::Num7 => Some(6),
            Key::Num8 => Some(7),
            Key::Num9 => Some(8),
            _ => None,
        };
        let nav = match key {
            Key::ArrowRight | Key::ArrowDown | Key::Space | Key::PageDown | Key::Enter => {
                Some(Nav::Next)
            }
            Key::ArrowLeft | Key::ArrowUp | Key::PageUp | Key::Backspace => Some(Nav::Previous),
            Key::Home => Some(Nav::First),
            Key::End => Some(Nav::Last),
            Key::B | Key::Period => Some(Nav::Blank),
            Key::L => Some(Nav::Laser),
            Key::P => Some(Nav::Presenter),
            Key::Escape => Some(Nav::Leave),
            k => digit(*k)
                .or_else(|| physical_key.and_then(digit))
                .map(Nav::Table),
        };
        out.extend(nav);
    }
    out
}

/// Where the editor resumes when the presentation ends ("where you are").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// The table to show (`None`: the title was on screen, keep the editor's table).
    pub table: Option<usize>,
    /// The node to select.
    pub select: Option<NodeId>,
    /// The branches to frame, with everything under them; empty: the whole table.
    pub frame: Vec<NodeId>,
}

/// How the window went fullscreen, to undo it on leaving.
#[derive(Clone, Copy, Debug)]
struct Fullscreen {
    asked_at: f64,
    /// Where the window was (outer position, inner size) before it was sized by hand.
    before: Option<egui::Rect>,
    /// Checked whether the window system obeyed.
    checked: bool,
    /// It did not (no window manager): the window was moved and sized over the screen by hand.
    forced: bool,
}

/// How long a window manager gets to make the window fullscreen before it is done by hand.
const FULLSCREEN_GRACE: f64 = 0.5;

/// What the camera is showing: a step's frame, or a node someone clicked.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    Step(usize),
    Node(NodeId),
}

pub struct Presentation {
    deck: Arc<Deck>,
    current: usize,
    target: Target,
    cam: Option<Camera>,
    glide: Option<Glide>,
    /// The step the camera left, while it glides to the next one: what either step shows
    /// whole is painted on the way, so notes slide out rather than vanish.
    left_step: Option<usize>,
    /// The screen size the camera was fitted to.
    view: egui::Rect,
    blank: bool,
    laser: bool,
    fade: Option<(Fade, f64)>,
    /// The café's speaker notes, by node (the presenter shows the focus's).
    notes: Arc<HashMap<NodeId, String>>,
    /// Every node's text as typed, for screen readers and the presenter (the scene holds it
    /// wrapped).
    texts: HashMap<NodeId, String>,
    /// Set on the first frame, when fullscreen is asked for.
    fullscreen: Option<Fullscreen>,
    screens: Option<Screens>,
    /// Shared with the presenter window while there is one.
    presenter: Option<Shared>,
    /// Whether the projector and the laptop screens were swapped by the user.
    swapped: bool,
    /// The presenter window asked for (P) or dismissed; `None`: shown when there are two
    /// screens.
    presenter_wanted: Option<bool>,
    title: String,
    left: bool,
}

/// Every node's text, by id: what the presenter's screen names steps with.
fn node_texts(cafe: &Cafe) -> HashMap<NodeId, String> {
    cafe.tables
        .iter()
        .flat_map(|t| t.nodes())
        .map(|n| (n.id, n.text.clone()))
        .collect()
}

impl Presentation {
    /// A presentation of `cafe`, starting at the step showing node `from` of its table
    /// (F5 on a selected node), else at the beginning.
    pub fn new(cafe: &Cafe, from: Option<(usize, NodeId)>) -> Presentation {
        Presentation::with(cafe, from, steps::RevealOptions::default())
    }

    /// [`Self::new`], revealing as `options` ask.
    pub fn with(
        cafe: &Cafe,
        from: Option<(usize, NodeId)>,
        options: steps::RevealOptions,
    ) -> Presentation {
        let deck = Deck::with(cafe, options);
        let current = from.map_or(0, |(t, id)| deck.seq.step_of(cafe, t, id));
        let notes = cafe
            .tables
            .iter()
            .flat_map(|t| t.nodes())
            .filter(|n| !n.note.trim().is_empty())
            .map(|n| (n.id, n.note.clone()))
            .collect();
        Presentation {
            texts: node_texts(cafe),
            deck: Arc::new(deck),
            current,
            target: Target::Step(current),
            cam: None,
            glide: None,
            left_step: None,
            view: egui::Rect::NOTHING,
            blank: false,
            laser: false,
            fade: None,
            notes: Arc::new(notes),
            fullscreen: None,
            screens: None,
            presenter: None,
            swapped: false,
            presenter_wanted: None,
            title: cafe.info.title.clone(),
            left: false,
        }
    }

    /// Index of the current step.
    pub fn step_index(&self) -> usize {
        self.current
    }

    pub fn len(&self) -> usize {
        self.deck.seq.len()
    }

    pub fn is_empty(&self) -> bool {
        self.deck.seq.is_empty()
    }

    pub fn step(&self) -> Option<Step> {
        self.deck.seq.get(self.current).copied()
    }

    /// The node the current step is about.
    pub fn focus(&self) -> Option<NodeId> {
        self.step().and_then(|s| s.focus)
    }

    pub fn is_blank(&self) -> bool {
        self.blank
    }

    pub fn laser(&self) -> bool {
        self.laser
    }

    /// True once the camera rests and nothing fades in.
    pub fn is_settled(&self) -> bool {
        self.glide.is_none() && self.fade.is_none()
    }

    /// The smallest text on screen now, in points (the 1/40 rule is checked against this).
    pub fn smallest_text_px(&self) -> f32 {
        let Some(cam) = self.cam else {
            return 0.0;
        };
        let area = cam.visible(self.view);
        snap_px(self.deck.smallest_text(self.current, area) * cam.zoom)
    }

    /// Whether the presenter window is up (two screens).
    pub fn has_presenter(&self) -> bool {
        self.presenter.is_some()
    }

    /// Monitors found by the window system; the presenter window opens when there are two.
    pub fn wants_screens(&self) -> bool {
        self.screens.is_none()
    }

    pub fn set_screens(&mut self, screens: Screens) {
        self.screens = Some(screens);
    }

    /// Runs one step of navigation (tests and the presenter window use the same path as keys).
    pub fn nav(&mut self, nav: Nav, now: f64) {
        let len = self.len();
        let go = |p: &mut Presentation, to: usize| p.go(to.min(len.saturating_sub(1)), now);
        match nav {
            Nav::Next | Nav::Previous if self.blank => self.blank = false,
            Nav::Next if self.current + 1 < len => go(self, self.current + 1),
            Nav::Previous if self.current > 0 => go(self, self.current - 1),
            Nav::Next | Nav::Previous => go(self, self.current),
            Nav::First => go(self, 0),
            Nav::Last => go(self, len.saturating_sub(1)),
            Nav::Table(n) => {
                if let Some(i) = self.deck.seq.table_start(n) {
                    go(self, i);
                }
            }
            Nav::Blank => self.blank = !self.blank,
            Nav::Laser => self.laser = !self.laser,
            Nav::SwapScreens => self.swapped = !self.swapped,
            Nav::Presenter => self.presenter_wanted = Some(self.presenter.is_none()),
            Nav::Leave => self.left = true,
        }
    }

    /// Moves to step `to`: the camera glides there and, going forward, new nodes fade in.
    fn go(&mut self, to: usize, now: f64) {
        let revealed = |i: usize| self.deck.seq.get(i).map_or(0, |s| s.revealed);
        let (from, upto) = (revealed(self.current), revealed(to));
        self.fade = (upto > from).then_some((
            Fade {
                from,
                to: upto,
                alpha: 0.0,
            },
            now,
        ));
        self.left_step = Some(self.current);
        self.current = to;
        self.retarget(Target::Step(to), now);
    }

    fn retarget(&mut self, target: Target, now: f64) {
        self.target = target;
        let Some(to) = self.target_camera() else {
            return;
        };
        let from = self.cam.unwrap_or(to);
        self.glide = (from != to).then_some(Glide {
            from,
            to,
            start: now,
            duration: GLIDE_SECONDS,
        });
    }

    /// Where the camera rests for the current target on the current screen.
    fn target_camera(&self) -> Option<Camera> {
        if !self.view.is_positive() {
            return None;
        }
        let size = Size::new(self.view.width(), self.view.height());
        match self.target {
            Target::Step(i) => {
                let (center, zoom) = self.deck.camera(i, size);
                Some(Camera { center, zoom })
            }
            Target::Node(id) => {
                let n = self.deck.node(id)?;
                // Large, with room around it, never so large it looks like a mistake.
                let frame = n.rect.expand(n.font_size * 3.0);
                let margin = deck::MARGIN_FRACTION * size.h;
                let zoom = ((size.w - 2.0 * margin) / frame.width().max(1.0))
                    .min((size.h - 2.0 * margin) / frame.height().max(1.0))
                    .min(size.h / 10.0 / n.font_size.max(1.0));
                Some(Camera {
                    center: frame.center(),
                    zoom: zoom.clamp(MIN_ZOOM, MAX_ZOOM),
                })
            }
        }
    }

    /// Ends the presentation (Esc, or a dialog needs the window): the window leaves
    /// fullscreen, the presenter window closes. Returns where the editor resumes.
    pub fn end(&mut self, ctx: &egui::Context) -> Outcome {
        // The editor has no fullscreen of its own (and eframe may have restored one left by a
        // presentation that was closed): it always comes back windowed.
        if let Some(fs) = self.fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            if fs.forced
                && let Some(r) = fs.before
            {
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(r.min));
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(r.size()));
            }
        }
        ctx.set_cursor_icon(egui::CursorIcon::Default);
        self.presenter = None;
        let Some(step) = self.step() else {
            return Outcome::default();
        };
        let select = match step.kind {
            StepKind::Title | StepKind::Table | StepKind::TopIdeas => None,
            _ => step.focus,
        };
        let frame = match step.kind {
            StepKind::Branch | StepKind::Idea => step.branch.into_iter().collect(),
            StepKind::Title | StepKind::Question | StepKind::Table | StepKind::TopIdeas => {
                Vec::new()
            }
        };
        Outcome {
            table: step.table,
            select,
            frame,
        }
    }

    /// The whole window for one frame. Returns where to resume once the user leaves.
    pub fn show(&mut self, ui: &mut egui::Ui, i18n: &I18n) -> Option<Outcome> {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.go_fullscreen(&ctx, now);
        let mut navs = ctx.input(navs);
        if let Some(shared) = &self.presenter {
            let mut s = presenter::lock(shared);
            navs.append(&mut s.inbox);
            if s.closed {
                // Closing the presenter window hides it; the presentation goes on.
                self.presenter_wanted = Some(false);
            }
        }
        for nav in navs {
            self.nav(nav, now);
        }
        if self.left {
            return Some(self.end(&ctx));
        }

        let mut out = None;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            out = self.audience(ui, now, i18n);
        });
        self.update_presenter(&ctx, i18n);
        out
    }

    /// Asks for fullscreen on the first frame. Where the window system ignores that (an X
    /// server without a window manager), the window is moved and sized over its screen by hand
    /// a moment later (one delayed frame).
    fn go_fullscreen(&mut self, ctx: &egui::Context, now: f64) {
        let (monitor, inner, outer) = ctx.input(|i| {
            let v = i.viewport();
            (v.monitor_size, v.inner_rect, v.outer_rect)
        });
        let Some(fs) = &mut self.fullscreen else {
            self.fullscreen = Some(Fullscreen {
                asked_at: now,
                before: None,
                checked: false,
                forced: false,
            });
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            ctx.request_repaint_after_secs(FULLSCREEN_GRACE as f32 + 0.02);
            return;
        };
        if fs.checked {
            return;
        }
        let wait = fs.asked_at + FULLSCREEN_GRACE - now;
        if wait > 0.0 {
            // A repaint request lasts one frame: ask again until the moment comes.
            ctx.request_repaint_after_secs(wait as f32 + 0.02);
            return;
        }
        fs.checked = true;
        let ppp = ctx.pixels_per_point();
        let screen = self
            .screens
            .as_ref()
            .filter(|s| s.count >= 2 && self.presenter.is_some())
            .and_then(|s| s.areas.get(s.roles(self.swapped).0))
            .map(|r| egui::Rect::from_min_size((r.min.to_vec2() / ppp).to_pos2(), r.size() / ppp))
            .or_else(|| monitor.map(|m| egui::Rect::from_min_size(egui::Pos2::ZERO, m)));
        if let (Some(screen), Some(inner)) = (screen, inner)
            && (inner.size() - screen.size()).length() > 2.0
        {
            fs.before = Some(egui::Rect::from_min_size(
                outer.map_or(inner.min, |o| o.min),
                inner.size(),
            ));
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(screen.min));
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(screen.size()));
            fs.forced = true;
        }
    }

    /// The audience's view: the scene, the mouse, the laser, the black screen.
    fn audience(&mut self, ui: &mut egui::Ui, now: f64, i18n: &I18n) -> Option<Outcome> {
        let (view, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        let mut cam = self.camera_this_frame(view, now)?;
        let pointer = self.mouse(ui, &response, view, &mut cam, now);
        self.cam = Some(cam);
        let painter = ui.painter_at(view);
        if self.blank {
            painter.rect_filled(view, 0.0, egui::Color32::BLACK);
        } else {
            self.paint_slide(ui, &painter, &cam, view, i18n);
        }
        if self.laser
            && let Some(p) = pointer
        {
            ui.ctx().set_cursor_icon(egui::CursorIcon::None);
            paint::paint_laser(&painter, p, view.height() / 1080.0);
        }
        if !self.is_settled() {
            ui.ctx().request_repaint();
        }
        None
    }

    /// The camera this frame, following a glide (and the fade of the step), or none while
    /// there is nothing to show.
    fn camera_this_frame(&mut self, view: egui::Rect, now: f64) -> Option<Camera> {
        if view != self.view {
            // First frame, or the window went fullscreen: jump, do not glide from a stale fit.
            self.view = view;
            self.cam = self.target_camera();
            self.glide = None;
        }
        let cam = match self.glide {
            Some(g) => {
                let (c, done) = g.at(now);
                if done {
                    self.glide = None;
                }
                c
            }
            None => self.cam.or_else(|| self.target_camera())?,
        };
        if let Some((f, start)) = &mut self.fade {
            f.alpha = (((now - *start) / FADE_SECONDS) as f32).clamp(0.0, 1.0);
            if f.alpha >= 1.0 {
                self.fade = None;
            }
        }
        Some(cam)
    }

    /// The mouse: the wheel zooms, dragging pans, a click zooms to a node (or back). Returns
    /// the pointer when it is over the slide (for the laser).
    fn mouse(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        view: egui::Rect,
        cam: &mut Camera,
        now: f64,
    ) -> Option<egui::Pos2> {
        let pointer = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|p| view.contains(*p));
        if let Some(p) = pointer {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta()));
            let factor = zoom * (scroll.y / 300.0).exp();
            if (factor - 1.0).abs() > 1e-4 {
                cam.zoom_around(p, factor, view);
                self.glide = None;
            }
        }
        if response.dragged() {
            cam.pan_by_screen(response.drag_delta());
            self.glide = None;
        }
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let at = cam.to_canvas(p, view);
            let revealed = self.revealed();
            let hit = self
                .deck
                .nodes
                .iter()
                .rev()
                .find(|(rank, n)| *rank < revealed && n.rect.contains(at))
                .map(|(_, n)| n.id);
            self.cam = Some(*cam);
            let target = match hit {
                Some(id) if self.target != Target::Node(id) => Target::Node(id),
                _ => Target::Step(self.current),
            };
            self.retarget(target, now);
        }
        pointer
    }

    /// What is revealed so far, faded in and dimmed as the step says, and exposed to screen
    /// readers.
    fn paint_slide(
        &self,
        ui: &mut egui::Ui,
        painter: &egui::Painter,
        cam: &Camera,
        view: egui::Rect,
        i18n: &I18n,
    ) {
        // At (or gliding to) the step's camera, its shot decides what is whole on screen;
        // once the user zooms or pans by hand, everything revealed is there to explore.
        let size = Size::new(view.width(), view.height());
        let shot = match (self.target, self.glide, self.left_step) {
            (Target::Step(i), Some(_), Some(left)) => {
                Some(self.deck.shot(i, size).with(&self.deck.shot(left, size)))
            }
            (Target::Step(i), glide, _)
                if glide.is_some() || Some(*cam) == self.target_camera() =>
            {
                Some(self.deck.shot(i, size))
            }
            _ => None,
        };
        let showing = match &shot {
            Some(shot) => paint::Showing::Shot { shot, scale: 1.0 },
            None => paint::Showing::All,
        };
        paint::paint_deck(
            painter,
            &self.deck,
            self.revealed(),
            cam,
            view,
            showing,
            self.fade.map(|f| f.0),
            self.dimmed_ranks(),
        );
        self.expose(ui, cam, view, shot.as_ref(), i18n);
        self.action_legend(ui, painter, cam, view, shot.as_ref(), i18n);
    }

    /// The `#action` chip's legend while a note on screen wears it.
    fn action_legend(
        &self,
        ui: &mut egui::Ui,
        painter: &egui::Painter,
        cam: &Camera,
        view: egui::Rect,
        shot: Option<&deck::Shot>,
        i18n: &I18n,
    ) {
        let revealed = self.revealed();
        let shown = self.deck.nodes.iter().enumerate().any(|(i, (rank, n))| {
            *rank < revealed
                && n.marks.has_action()
                && shot.is_none_or(|s| s.nodes.binary_search(&i).is_ok())
                && view.intersects(cam.rect_to_screen(&n.rect, view))
        });
        if !shown {
            return;
        }
        let meaning = i18n.tr("present-action-legend");
        let at = paint::paint_action_legend(painter, view, &meaning);
        let id = ui.scope_id().with("present-action-legend");
        let label = format!("#{} {meaning}", crate::model::ACTION_TAG);
        ui.interact(at, id, Sense::hover())
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    }

    /// While a branch is presented, the branches shown before it step back (ranks between the
    /// question's and the branch's), so the eye stays on what is being said.
    fn dimmed_ranks(&self) -> Option<std::ops::Range<usize>> {
        let step = self.step()?;
        if !matches!(step.kind, StepKind::Branch | StepKind::Idea) {
            return None;
        }
        let branch = self.deck.seq.rank(step.branch?)?;
        let question = self.deck.seq.tables.get(step.table?)?.first()?.0;
        Some(self.deck.seq.rank(question)? + 1..branch)
    }

    fn revealed(&self) -> usize {
        self.step().map_or(0, |s| s.revealed)
    }

    /// Every node on screen becomes an AccessKit tree item labelled with its text (the focus
    /// selected), the title a label: screen readers and tests read the slide.
    fn expose(
        &self,
        ui: &mut egui::Ui,
        cam: &Camera,
        view: egui::Rect,
        shot: Option<&deck::Shot>,
        i18n: &I18n,
    ) {
        /// Zoomed far out by hand, a huge table would flood the tree; the room cannot read
        /// that many notes anyway.
        const MAX_EXPOSED: usize = 600;
        let revealed = self.revealed();
        let focus = self.focus();
        let mut exposed = 0;
        for (i, (rank, n)) in self.deck.nodes.iter().enumerate() {
            if *rank >= revealed || shot.is_some_and(|s| s.nodes.binary_search(&i).is_err()) {
                continue;
            }
            let r = cam.rect_to_screen(&n.rect, view);
            if !view.intersects(r) {
                continue;
            }
            exposed += 1;
            if exposed > MAX_EXPOSED {
                break;
            }
            let id = ui.scope_id().with(("present-node", n.id.0));
            let resp = ui.interact(r.intersect(view), id, Sense::hover());
            let label = match self.texts.get(&n.id) {
                Some(t) if !t.trim().is_empty() => t.clone(),
                _ => i18n.tr("empty-note"),
            };
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TreeItem, true, &label));
            let selected = focus == Some(n.id);
            ui.ctx()
                .accesskit_node_builder(id, |b| b.set_selected(selected));
        }
        if let Some(h) = shot.and_then(|s| s.header.as_ref()) {
            let band = egui::Rect::from_min_size(view.min, egui::vec2(view.width(), h.height));
            let id = ui.scope_id().with("present-header");
            let resp = ui.interact(band, id, Sense::hover());
            let text = h.lines.join(" ");
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
        }
        if let Some(t) = self
            .deck
            .title
            .as_ref()
            .filter(|_| shot.is_none_or(|s| s.title))
        {
            let r = cam.rect_to_screen(&t.rect, view);
            if view.intersects(r) {
                for (k, block) in t.texts.iter().enumerate() {
                    let id = ui.scope_id().with(("present-title", k));
                    let resp = ui.interact(r.intersect(view), id, Sense::hover());
                    let text = block.lines.join(" ");
                    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
                }
            }
        }
    }

    /// Opens, feeds or closes the presenter window. It opens by itself when there are two
    /// screens (the audience window then fills the other one), and with P on one screen (to
    /// rehearse); it needs a backend that can open a second native window.
    fn update_presenter(&mut self, ctx: &egui::Context, i18n: &I18n) {
        let screens = self.screens.clone().unwrap_or_default();
        let two = screens.count >= 2;
        if !self.presenter_wanted.unwrap_or(two) || ctx.embed_viewports() {
            self.presenter = None;
            return;
        }
        let (audience, laptop) = screens.roles(self.swapped);
        let shared = self.presenter.get_or_insert_with(|| {
            Arc::new(Mutex::new(PresenterState::new(
                self.deck.clone(),
                self.notes.clone(),
                &self.texts,
                i18n,
                &self.title,
            )))
        });
        let changed = {
            let mut s = presenter::lock(shared);
            s.closed = false;
            let fresh = (self.current, self.blank, self.view.size());
            let before = (s.current, s.blank, s.audience);
            s.current = self.current;
            s.blank = self.blank;
            s.audience = self.view.size();
            if two && s.audience_monitor != audience {
                ctx.send_viewport_cmd(egui::ViewportCommand::SetMonitor(audience));
                s.audience_monitor = audience;
            }
            fresh != before
        };
        presenter::show(ctx, shared.clone(), two.then_some(laptop), changed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_previous_walk_and_stop_at_the_ends() {
        let cafe = crate::ui::example();
        let mut p = Presentation::new(&cafe, None);
        let n = p.len();
        p.nav(Nav::Previous, 0.0);
        assert_eq!(p.step_index(), 0);
        for _ in 0..n + 3 {
            p.nav(Nav::Next, 0.0);
        }
        assert_eq!(p.step_index(), n - 1);
        p.nav(Nav::Table(1), 0.0);
        assert_eq!(p.step().unwrap().kind, StepKind::Question);
        assert_eq!(p.step().unwrap().table, Some(1));
        p.nav(Nav::Table(8), 0.0);
        assert_eq!(
            p.step().unwrap().table,
            Some(1),
            "no table 9: nothing happens"
        );
        p.nav(Nav::Blank, 0.0);
        p.nav(Nav::Next, 0.0);
        assert!(!p.is_blank());
        assert_eq!(
            p.step().unwrap().table,
            Some(1),
            "the first key only lifts the black"
        );
    }
}
