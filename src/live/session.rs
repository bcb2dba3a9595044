//! A window's live session: a [`Conn`] kept open on a thread of its own, so the window never
//! waits on the network. The window sends it the changes the relay lacks and reads what
//! happened ([`Event`]) once a frame; the session reconnects on its own, waiting longer after
//! each failure (up to [`MAX_BACKOFF`]).
//!
//! The session holds no document: the window's café (and its history) stays the truth, so
//! changes made while offline are in the file's history and go out at the next connection
//! (the window sends whatever the relay's state, received on joining, lacks).
//!
//! It holds the room's presence ([`Roster`]): the window says who it is and which table it
//! is on ([`Session::present`]); the session publishes it at each connection, refreshes it,
//! drops others that went quiet, and tells the window who is there ([`Event::People`]).
//! Leaving (dropping the session) says goodbye to the room.

use super::client::{Conn, Incoming, Joined, LiveError};
use super::link::Link;
use super::presence::{self, Person, Presence, Roster};
use loro::VersionVector;
use std::sync::mpsc;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// The first wait before reconnecting; doubled after each failure.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// The longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// What happened to the session, for the window.
#[derive(Debug)]
pub enum Event {
    /// Joined (or joined again): the room's version and the changes the window lacks.
    Connected(Joined),
    /// Changes others sent to the room.
    Updates(Vec<Vec<u8>>),
    /// The connection is lost or cannot be made; the session tries again by itself.
    Offline(String),
    /// The relay refused the link: the session has stopped.
    Refused,
    /// Who is in the room now (ourselves included), by name; empty while offline.
    People(Vec<Person>),
}

enum Order {
    Send(Vec<u8>),
    Present(Presence),
}

/// The session's thread; dropping this stops it.
pub struct Session {
    pub link: Link,
    orders: Option<UnboundedSender<Order>>,
    events: mpsc::Receiver<Event>,
    wake: std::sync::Arc<dyn Fn() + Send + Sync>,
    /// Says when the thread has ended (after its goodbye to the room).
    done: mpsc::Receiver<()>,
}

impl Session {
    /// Starts connecting to the room, for a window whose map's history is at version `ours`
    /// (the room then sends only what it lacks). `wake` is called after each event is queued
    /// (the window asks for a repaint, so events are read without waiting for input).
    pub fn start(
        link: Link,
        ours: VersionVector,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Session, String> {
        Session::spawn(link, ours, presence::TIMEOUT, wake)
    }

    /// A session of a participant without a map (the whole room comes at each join), with
    /// others' presence dropped after `timeout` without news (tests shorten it).
    pub fn start_with(
        link: Link,
        timeout: Duration,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Session, String> {
        Session::spawn(link, VersionVector::new(), timeout, wake)
    }

    fn spawn(
        link: Link,
        ours: VersionVector,
        timeout: Duration,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Session, String> {
        let (orders, rx) = unbounded_channel();
        let (tx, events) = mpsc::channel();
        let (ended, done) = mpsc::channel();
        let wake: std::sync::Arc<dyn Fn() + Send + Sync> = std::sync::Arc::new(wake);
        let waker = std::sync::Arc::clone(&wake);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let l = link.clone();
        std::thread::Builder::new()
            .name("cafemap-live".into())
            .spawn(move || {
                let notify = move |e: Event| {
                    let _ = tx.send(e);
                    waker();
                };
                runtime.block_on(run(l, ours, timeout, rx, notify));
                let _ = ended.send(());
            })
            .map_err(|e| e.to_string())?;
        Ok(Session {
            link,
            orders: Some(orders),
            events,
            wake,
            done,
        })
    }

    /// Sends a change (a Loro export) to the room, if connected; dropped when offline (the
    /// next connection sends everything the relay lacks).
    pub fn send(&self, update: Vec<u8>) {
        if let Some(o) = &self.orders {
            let _ = o.send(Order::Send(update));
        }
    }

    /// Who we are and which table we are on, for the room (sent now if connected, else at the
    /// next connection).
    pub fn present(&self, me: Presence) {
        if let Some(o) = &self.orders {
            let _ = o.send(Order::Present(me));
        }
    }

    /// What happened since last asked, oldest first.
    pub fn events(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// Asks the window for a frame (after a change it should read soon).
    pub fn wake(&self) {
        (self.wake)();
    }
}

impl Session {
    /// Ends the session, waiting at most `wait` for the room to hear our goodbye (the app is
    /// closing: without it, others would see us until our presence grows old).
    pub fn leave(mut self, wait: Duration) {
        self.orders = None;
        let _ = self.done.recv_timeout(wait);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Closing the orders' channel ends the thread's loop, whatever it is waiting on; the
        // window does not wait for it (closing a connection can take a network round trip).
        self.orders = None;
    }
}

/// Connects, relays, and reconnects with a growing wait, until the window drops the session.
/// `holds`: what the window is known to hold (its history when it started, then the room's at
/// each join, which it takes in), said at each join so that only the rest comes.
async fn run(
    link: Link,
    mut holds: VersionVector,
    timeout: Duration,
    mut orders: UnboundedReceiver<Order>,
    notify: impl Fn(Event),
) {
    let mut backoff = FIRST_BACKOFF;
    let mut roster = Roster::new(timeout);
    let mut beat = tokio::time::interval(presence::heartbeat(timeout));
    beat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let joined = tokio::select! {
            r = Conn::join_since(&link, &holds) => r,
            _ = closed(&mut orders, &mut roster) => return,
        };
        match joined {
            Ok((mut conn, joined)) => {
                backoff = FIRST_BACKOFF;
                holds.merge(&joined.version);
                notify(Event::Connected(joined));
                let why = match connected(&mut conn, &mut roster, &mut beat, &mut orders, &notify)
                    .await
                {
                    Some(why) => why,
                    None => {
                        let bye = roster.leave();
                        let _ = conn.send_presence(bye).await;
                        conn.close().await;
                        return;
                    }
                };
                roster.forget_others();
                notify(Event::People(Vec::new()));
                notify(Event::Offline(why));
            }
            Err(LiveError::Refused) => {
                notify(Event::Refused);
                return;
            }
            Err(e) => notify(Event::Offline(e.to_string())),
        }
        // Wait before the next attempt; changes asked for meanwhile are dropped (the window
        // sends them again, with anything else the relay lacks, once connected).
        let sleep = tokio::time::sleep(backoff);
        tokio::pin!(sleep);
        tokio::select! {
            _ = &mut sleep => {}
            _ = closed(&mut orders, &mut roster) => return,
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Relays while the connection lasts: returns why it was lost, or `None` when the window
/// dropped the session.
async fn connected(
    conn: &mut Conn,
    roster: &mut Roster,
    beat: &mut tokio::time::Interval,
    orders: &mut UnboundedReceiver<Order>,
    notify: &impl Fn(Event),
) -> Option<String> {
    if let Err(e) = conn.join_presence().await {
        return Some(e.to_string());
    }
    if let Some(me) = roster.refresh()
        && let Err(e) = conn.send_presence(me).await
    {
        return Some(e.to_string());
    }
    let mut shown = roster.people();
    notify(Event::People(shown.clone()));
    loop {
        tokio::select! {
            got = conn.next_incoming() => match got {
                Ok(Some(Incoming::Changes(updates))) => notify(Event::Updates(updates)),
                Ok(Some(Incoming::Presence(updates))) => {
                    for u in &updates {
                        roster.apply(u);
                    }
                }
                Ok(None) => return Some("the relay closed the connection".to_owned()),
                Err(e) => return Some(e.to_string()),
            },
            order = orders.recv() => {
                let sent = match order {
                    Some(Order::Send(update)) => conn.send_update(update).await,
                    Some(Order::Present(me)) => conn.send_presence(roster.publish(me)).await,
                    None => return None,
                };
                if let Err(e) = sent {
                    return Some(e.to_string());
                }
            }
            _ = beat.tick() => {
                roster.expire();
                if let Some(me) = roster.refresh()
                    && let Err(e) = conn.send_presence(me).await
                {
                    return Some(e.to_string());
                }
            }
        }
        let people = roster.people();
        if people != shown {
            notify(Event::People(people.clone()));
            shown = people;
        }
    }
}

/// Waits until the window drops the session (changes asked for meanwhile are dropped: they
/// are sent once connected; who we are is kept for the next connection).
async fn closed(orders: &mut UnboundedReceiver<Order>, roster: &mut Roster) {
    while let Some(order) = orders.recv().await {
        if let Order::Present(me) = order {
            roster.publish(me);
        }
    }
}
