//! The window's side of File ▸ Live session: a relay started in this window (Start…), a
//! session joined by link (Join…), and once a frame, the open map kept in step with the room.
//!
//! - Local changes go out as the Loro updates the relay lacks (`sync::remote::updates_since`),
//!   read from the café's history, which the file keeps: changes made offline are sent at the
//!   next connection, even after closing and reopening the map.
//! - Others' changes come in through `sync::remote::absorb` and replace the café in one step
//!   that is not an undo step of ours ([`Document::absorb_remote`]): the camera stays, the
//!   selection keeps what still exists, the note being typed keeps its draft.
//! - The connection itself lives on a thread of its own ([`Session`]), reconnecting by itself.
//! - Presence: the window tells the room its participant's name (asked at Start/Join,
//!   remembered in the app's settings) and the table on screen; the status bar counts who is
//!   there and lists who is at which table, the table tabs count who is at each.
//! - A link for one table (`&table=N`) opens the window on that table once joined.

use super::chrome::tab_label;
use super::*;
use crate::live::Link;
use crate::live::client::{Joined, holds, shares_history};
use crate::live::link::table_of;
use crate::live::presence::{self, Person, Presence};
use crate::live::relay::{Relay, Running};
use crate::live::rooms::Rooms;
use crate::live::session::{Event, Session};
use crate::sync::remote;
use crate::ui::live::{self as dialog, LiveDialog, LiveIntent};
use loro::VersionVector;
use std::sync::Arc;

/// A live session of this window.
pub(super) struct Live {
    session: Session,
    /// The relay started by this window (Start…), stopped with the session.
    _relay: Option<Running>,
    /// What the relay holds as far as we know; `None` while not connected.
    relay_has: Option<VersionVector>,
    /// The document's revision last sent or counted.
    seen: u64,
    /// Changes made since the connection was lost.
    waiting: usize,
    /// The connection is lost, or the relay could not be reached (reconnecting meanwhile).
    offline: bool,
    /// Connected at least once: what the relay lacks is known, and `waiting` counts from it.
    was_connected: bool,
    /// The relay's state just came: send what it lacks even if the document did not change.
    resend: bool,
    /// Who is in the room (ourselves included), by name; empty while offline.
    people: Vec<Person>,
    /// What we last told the room about ourselves.
    told: Option<Presence>,
    /// The table the link gives us (index), to open once the room's map is in.
    open_table: Option<usize>,
}

/// Key of the participant's name in the app's settings (eframe's storage).
const NAME_KEY: &str = "cafemap-live-name";

/// What the status bar says about the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveStatus {
    Connecting,
    Connected,
    /// `waiting`: the changes made since the connection was lost (`None`: not connected yet
    /// since joining, so what the relay lacks is not known).
    Offline {
        waiting: Option<usize>,
    },
}

impl CafeApp {
    /// The live session's state, if there is one.
    pub fn live_status(&self) -> Option<LiveStatus> {
        let live = self.sharing.live.as_ref()?;
        Some(match (&live.relay_has, live.offline) {
            (Some(_), _) => LiveStatus::Connected,
            (None, false) => LiveStatus::Connecting,
            (None, true) => LiveStatus::Offline {
                waiting: live.was_connected.then_some(live.waiting),
            },
        })
    }

    /// Where a relay started in this window keeps its rooms (tests give a folder of their own).
    pub fn with_rooms_dir(mut self, dir: PathBuf) -> CafeApp {
        self.sharing.rooms_dir = Some(dir);
        self
    }

    pub(super) fn run_live(&mut self, cmd: Command) {
        self.commit_typing();
        match cmd {
            Command::LiveStart => {
                self.sharing.live_dialog = Some(LiveDialog::start(&self.sharing.live_name))
            }
            Command::LiveJoin => {
                self.sharing.live_dialog = Some(LiveDialog::join(&self.sharing.live_name))
            }
            Command::LiveLeave if self.sharing.live.is_some() => {
                self.sharing.live = None;
                self.inform(self.i18n.tr("live-left"));
            }
            _ => {}
        }
    }

    /// The session ends with the document it was started on (Open, New…).
    pub(super) fn end_live(&mut self) {
        self.sharing.live = None;
    }

    /// The app is closing: the session says goodbye to the room (waiting a moment for it).
    pub(super) fn close_live(&mut self) {
        if let Some(live) = self.sharing.live.take() {
            live.session.leave(std::time::Duration::from_millis(500));
        }
    }

    /// The Start/Join/link dialog, while open.
    pub(super) fn live_dialog(&mut self, ctx: &egui::Context) {
        let Some(intent) = dialog::show(&mut self.sharing.live_dialog, ctx, &self.i18n) else {
            return;
        };
        match intent {
            LiveIntent::Close => self.sharing.live_dialog = None,
            LiveIntent::Copy(link) => {
                ctx.copy_text(link);
                self.inform(self.i18n.tr("live-copied"));
            }
            LiveIntent::Start { addr, name } => {
                match self
                    .take_name(&name)
                    .and_then(|()| self.start_room(ctx, &addr))
                {
                    Ok(link) => {
                        let tables = self.table_links(&link);
                        let link = link.url();
                        self.sharing.live_dialog = Some(LiveDialog::Started { link, tables });
                    }
                    Err(e) => self.live_dialog_error(e),
                }
            }
            LiveIntent::Join { link, name } => {
                match self
                    .take_name(&name)
                    .and_then(|()| self.join_room(ctx, &link))
                {
                    Ok(()) => self.sharing.live_dialog = None,
                    Err(e) => self.live_dialog_error(e),
                }
            }
        }
    }

    /// The name given at Start/Join, remembered for the next time (it must not be empty: it
    /// is how the others know who is at which table).
    fn take_name(&mut self, name: &str) -> Result<(), String> {
        let name = presence::clean_name(name);
        if name.is_empty() {
            return Err(self.i18n.tr("live-name-missing"));
        }
        self.sharing.live_name = name;
        Ok(())
    }

    /// The participant's name in live sessions (remembered in the app's settings).
    pub fn live_name(&self) -> &str {
        &self.sharing.live_name
    }

    /// Starts with a participant's name already known (as if remembered from last time).
    pub fn with_live_name(mut self, name: &str) -> CafeApp {
        self.sharing.live_name = name.to_owned();
        self
    }

    /// Reads the participant's name from the app's settings.
    pub(super) fn restore_live_name(&mut self, storage: &dyn eframe::Storage) {
        if let Some(name) = storage.get_string(NAME_KEY) {
            self.sharing.live_name = name;
        }
    }

    /// Keeps the participant's name in the app's settings.
    pub(super) fn save_live_name(&self, storage: &mut dyn eframe::Storage) {
        if !self.sharing.live_name.is_empty() {
            storage.set_string(NAME_KEY, self.sharing.live_name.clone());
        }
    }

    /// One link per table, to give each note-taker theirs: (the table's label, the link).
    fn table_links(&self, link: &Link) -> Vec<(String, String)> {
        let cafe = self.editor.doc.cafe();
        (cafe.tables.iter().enumerate())
            .map(|(i, t)| {
                let label = tab_label(i, &t.question_node().text);
                (label, link.for_table(i + 1))
            })
            .collect()
    }

    fn live_dialog_error(&mut self, why: String) {
        if let Some(d) = self.sharing.live_dialog.as_mut() {
            d.set_error(why);
        }
    }

    /// Start…: the relay in this window, on `addr`, with this map as a room; then joins it.
    fn start_room(&mut self, ctx: &egui::Context, addr: &str) -> Result<Link, String> {
        self.commit_typing();
        let at: std::net::SocketAddr = addr.parse().map_err(|_| {
            format!(
                "“{addr}” is not an address and port (like 127.0.0.1:7878 or 192.168.1.10:7878)"
            )
        })?;
        if at.ip().is_unspecified() {
            return Err(format!(
                "{addr} is not an address note-takers can reach: type this laptop's address on \
                 the venue's network"
            ));
        }
        let dir = match &self.sharing.rooms_dir {
            Some(d) => d.clone(),
            None => directories::ProjectDirs::from("", "", "cafemap")
                .map(|d| d.data_dir().join("rooms"))
                .ok_or("no folder to keep the rooms in")?,
        };
        let rooms = Arc::new(Rooms::open(&dir)?);
        let cafe = self.editor.doc.cafe();
        let name = self
            .editor
            .doc
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(cafe.info.title.clone()));
        let (room, token) = rooms.add_map(&name, cafe)?;
        let relay = Relay::bind(addr, rooms)?.spawn()?;
        let link = Link {
            host: relay.addr.to_string(),
            room,
            token,
        };
        self.begin_live(ctx, link.clone(), Some(relay), None)?;
        Ok(link)
    }

    /// Join…: a room by its link, with the open map (which must come from the room's map).
    fn join_room(&mut self, ctx: &egui::Context, text: &str) -> Result<(), String> {
        self.commit_typing();
        let link = Link::parse(text)?;
        // A table's link opens the window on it: now if the map has it, else once the
        // room's map is in.
        let mut open_table = table_of(text).map(|n| n - 1);
        if let Some(i) = open_table.filter(|&i| i < self.editor.doc.cafe().tables.len()) {
            self.switch_table(i);
            open_table = None;
        }
        self.begin_live(ctx, link, None, open_table)
    }

    fn begin_live(
        &mut self,
        ctx: &egui::Context,
        link: Link,
        relay: Option<Running>,
        open_table: Option<usize>,
    ) -> Result<(), String> {
        // A map kept without history cannot take part: say so now, not at the first change.
        let ours = remote::version(self.editor.doc.cafe())?;
        let repaint = ctx.clone();
        let session = Session::start(link, ours, move || repaint.request_repaint())?;
        self.sharing.live = Some(Live {
            session,
            _relay: relay,
            relay_has: None,
            seen: self.editor.doc.revision(),
            waiting: 0,
            offline: false,
            was_connected: false,
            resend: false,
            people: Vec::new(),
            told: None,
            open_table,
        });
        self.live_present();
        Ok(())
    }

    /// Tells the room who we are and which table is on screen, when that changed.
    fn live_present(&mut self) {
        let table = (self.editor.doc.cafe().tables)
            .get(self.editor.current)
            .map(|t| t.question());
        let me = Presence {
            name: self.sharing.live_name.clone(),
            table,
        };
        if let Some(live) = self.sharing.live.as_mut()
            && live.told.as_ref() != Some(&me)
        {
            live.session.present(me.clone());
            live.told = Some(me);
        }
    }

    /// Once a frame: our changes out, the room's in, the session's state for the status bar.
    pub(super) fn live_frame(&mut self, ctx: &egui::Context) {
        let Some(live) = self.sharing.live.as_ref() else {
            return;
        };
        let events = live.session.events();
        // Ours first: taking theirs records the café in its history, and what the relay lacks
        // is then read against what it holds.
        self.live_send();
        // Changes that came together are taken in together: one read of the café a frame.
        let mut incoming = Vec::new();
        for event in events {
            if let Event::Updates(updates) = event {
                incoming.extend(updates);
                continue;
            }
            self.live_take(ctx, std::mem::take(&mut incoming));
            match event {
                Event::Connected(state) => self.live_connected(ctx, state),
                Event::Offline(_) => {
                    if let Some(live) = self.sharing.live.as_mut() {
                        if !live.offline {
                            live.seen = self.editor.doc.revision();
                        }
                        live.relay_has = None;
                        live.offline = true;
                    }
                }
                Event::Refused => {
                    self.sharing.live = None;
                    self.warn(self.i18n.tr("live-refused"));
                }
                Event::People(people) => {
                    if let Some(live) = self.sharing.live.as_mut() {
                        live.people = people;
                    }
                }
                Event::Updates(_) => {}
            }
            if self.sharing.live.is_none() {
                return;
            }
        }
        self.live_take(ctx, incoming);
        self.live_send();
        self.live_present();
    }

    /// Others' changes, absorbed; the relay holds them too.
    fn live_take(&mut self, ctx: &egui::Context, updates: Vec<Vec<u8>>) {
        if updates.is_empty() {
            return;
        }
        let mut has = VersionVector::new();
        for u in &updates {
            if let Ok(vv) = remote::version_of(u) {
                has.merge(&vv);
            }
        }
        self.live_absorb(ctx, &updates);
        if let Some(relay) = self
            .sharing
            .live
            .as_mut()
            .and_then(|l| l.relay_has.as_mut())
        {
            relay.merge(&has);
        }
    }

    /// Joined: the room's state taken in; what we made meanwhile goes out next.
    fn live_connected(&mut self, ctx: &egui::Context, joined: Joined) {
        let Ok(ours) = remote::version(self.editor.doc.cafe()) else {
            return;
        };
        let Joined {
            state,
            version: theirs,
        } = joined;
        if !shares_history(&theirs, &ours) {
            self.sharing.live = None;
            self.warn(self.i18n.tr("live-not-same-map"));
            return;
        }
        self.live_absorb(ctx, &[state]);
        let Some(live) = self.sharing.live.as_mut() else {
            return;
        };
        live.relay_has = Some(theirs);
        live.offline = false;
        live.was_connected = true;
        live.waiting = 0;
        live.resend = true;
        let open = live.open_table.take();
        if let Some(i) = open.filter(|&i| i < self.editor.doc.cafe().tables.len()) {
            self.switch_table(i);
        }
    }

    /// Sends what the relay lacks when the document changed; offline, counts the change.
    fn live_send(&mut self) {
        let revision = self.editor.doc.revision();
        let typing = self.editor.doc.draft().is_some();
        let Some(live) = self.sharing.live.as_mut() else {
            return;
        };
        // A note being typed goes out (and counts) once, when it is done: not as an empty
        // note first.
        if typing || (revision == live.seen && !live.resend) {
            return;
        }
        live.seen = revision;
        live.resend = false;
        let Some(relay) = live.relay_has.as_ref() else {
            if live.offline {
                live.waiting += 1;
            }
            return;
        };
        let cafe = self.editor.doc.cafe();
        let Ok(ours) = remote::version(cafe) else {
            return;
        };
        if holds(relay, &ours) {
            return;
        }
        match remote::updates_since(cafe, Some(relay)) {
            Ok(update) => {
                live.session.send(update);
                live.relay_has = Some(ours);
            }
            Err(e) => self.warn(e),
        }
    }

    /// Others' changes into the open map: one step, not an undo step of ours; the table shown,
    /// the selection and the draft stay.
    fn live_absorb(&mut self, ctx: &egui::Context, updates: &[Vec<u8>]) {
        // The café the last absorb handed out, untouched since, is not compared with the
        // history again: at 1,000 ideas that comparison alone costs a frame its budget.
        let vouched = self.editor.doc.vouched();
        let (merged, stamp) = match remote::absorb_vouched(self.editor.doc.cafe(), vouched, updates)
        {
            Ok(Some(absorbed)) => absorbed,
            Ok(None) => return,
            Err(e) => {
                self.warn(e);
                return;
            }
        };
        let cafe = self.editor.doc.cafe();
        let shown = cafe.tables.get(self.editor.current).map(|t| t.question());
        let typing = self.editor.doc.draft().map(|d| {
            let before = cafe
                .tables
                .get(d.table)
                .and_then(|t| t.node(d.id))
                .map(|n| n.text.clone());
            (d.id, d.text.clone(), before)
        });
        let revision = self.editor.doc.revision();
        self.editor.doc.absorb_remote(merged, Some(stamp));
        // With nothing of ours waiting, the new revision is theirs alone: the next frame need
        // not compare the café with its history to find nothing to send.
        if let Some(live) = self.sharing.live.as_mut()
            && live.seen == revision
        {
            live.seen = self.editor.doc.revision();
        }
        let cafe = self.editor.doc.cafe();
        if let Some(ti) = shown.and_then(|q| cafe.tables.iter().position(|t| t.question() == q)) {
            self.editor.current = ti;
        }
        self.prune_selection();
        let Some((id, text, before)) = typing else {
            return;
        };
        let now = self
            .editor
            .doc
            .cafe()
            .tables
            .iter()
            .find_map(|t| t.node(id))
            .map(|n| n.text.clone());
        match now {
            None => {
                ctx.copy_text(text.clone());
                self.warn(
                    self.i18n
                        .tr_args("live-draft-gone", &[("text", text.into())]),
                );
            }
            Some(theirs) if Some(&theirs) != before.as_ref() && theirs != text => {
                self.warn(
                    self.i18n
                        .tr_args("live-draft-kept", &[("theirs", theirs.into())]),
                );
            }
            Some(_) => {}
        }
    }

    /// Who is in the room (ourselves included), by name; empty while not connected.
    pub fn live_people(&self) -> &[Person] {
        self.sharing.live.as_ref().map_or(&[], |l| &l.people)
    }

    /// The names of the people at the table of `question` (none outside a live session).
    pub(super) fn live_people_at(&self, question: NodeId) -> Vec<&str> {
        (self.live_people().iter())
            .filter(|p| p.table == Some(question))
            .map(|p| p.name.as_str())
            .collect()
    }

    /// The status bar's word on the session; connected, it opens the list of who is at which
    /// table.
    pub(super) fn live_status_bar(&mut self, ui: &mut egui::Ui) {
        let Some(text) = self.live_status_text() else {
            return;
        };
        ui.separator();
        if self.live_people().is_empty() {
            ui.label(text);
            return;
        }
        let button = ui
            .add(egui::Button::new(text).frame(false))
            .on_hover_text(self.i18n.tr("live-people-hint"));
        egui::Popup::menu(&button).show(|ui| {
            ui.strong(self.i18n.tr("live-people-title"));
            for line in self.people_lines() {
                ui.label(line);
            }
        });
    }

    /// One line per person: their name and the table they are on.
    fn people_lines(&self) -> Vec<String> {
        let cafe = self.editor.doc.cafe();
        (self.live_people().iter())
            .map(|p| {
                let at = p.table.and_then(|q| {
                    let i = cafe.tables.iter().position(|t| t.question() == q)?;
                    Some(tab_label(i, &cafe.tables[i].question_node().text))
                });
                let key = match (p.me, at.is_some()) {
                    (true, true) => "live-person-me",
                    (false, true) => "live-person",
                    (true, false) => "live-person-me-nowhere",
                    (false, false) => "live-person-nowhere",
                };
                let table = at.unwrap_or_default();
                (self.i18n).tr_args(
                    key,
                    &[("name", p.name.clone().into()), ("table", table.into())],
                )
            })
            .collect()
    }

    /// The status bar's word on the session.
    pub(super) fn live_status_text(&self) -> Option<String> {
        Some(match self.live_status()? {
            LiveStatus::Connected if !self.live_people().is_empty() => self.i18n.tr_args(
                "live-connected-people",
                &[("count", self.live_people().len().into())],
            ),
            LiveStatus::Connected => self.i18n.tr("live-connected"),
            LiveStatus::Connecting => self.i18n.tr("live-connecting"),
            LiveStatus::Offline { waiting: None } => self.i18n.tr("live-offline-unknown"),
            LiveStatus::Offline {
                waiting: Some(waiting),
            } => self
                .i18n
                .tr_args("live-offline", &[("count", waiting.into())]),
        })
    }
}
