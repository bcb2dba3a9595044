//! What the live tests of both binaries share: a bound on a whole test (a test on the network
//! fails rather than hangs), and a headless participant watching the room's presence.

use cafemap::live::Link;
use cafemap::live::presence::{Person, Presence};
use cafemap::live::session::{Event, Session};
use cafemap::model::NodeId;
use std::time::Duration;

/// The most a live test may take, whatever it waits on.
pub const TEST_LIMIT: Duration = Duration::from_secs(120);

/// One round of a bounded poll, and how many rounds at most.
pub const ROUND: Duration = Duration::from_millis(20);
pub const ROUNDS: usize = 600;

/// Runs `body` on a thread of its own; the test fails if it is not done within [`TEST_LIMIT`]
/// (its panics are the test's).
pub fn bounded<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    let runner = std::thread::spawn(move || {
        let out = body();
        let _ = tx.send(());
        out
    });
    match rx.recv_timeout(TEST_LIMIT) {
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("the test did not finish within {TEST_LIMIT:?}")
        }
        _ => match runner.join() {
            Ok(out) => out,
            Err(panic) => std::panic::resume_unwind(panic),
        },
    }
}

/// A participant without a window (a note-taker's session, headless): who they see.
pub struct Watcher {
    pub session: Session,
    pub people: Vec<Person>,
    pub connected: bool,
}

impl Watcher {
    /// Joins the room as `name` on the table of `table`; others are dropped after `timeout`
    /// without news.
    pub fn join(link: &Link, name: &str, table: NodeId, timeout: Duration) -> Watcher {
        let session = Session::start_with(link.clone(), timeout, || {}).unwrap();
        let w = Watcher {
            session,
            people: Vec::new(),
            connected: false,
        };
        w.sit(name, table);
        w
    }

    /// Tells the room this participant is at the table of `table`.
    pub fn sit(&self, name: &str, table: NodeId) {
        self.session.present(Presence {
            name: name.into(),
            table: Some(table),
        });
    }

    /// Takes in what happened.
    pub fn read(&mut self) {
        for e in self.session.events() {
            match e {
                Event::People(p) => self.people = p,
                Event::Connected(_) => self.connected = true,
                Event::Offline(_) | Event::Refused => self.connected = false,
                Event::Updates(_) => {}
            }
        }
    }

    /// Who this participant sees, as (name, table), by name.
    pub fn seen(&self) -> Vec<(String, Option<NodeId>)> {
        (self.people.iter())
            .map(|p| (p.name.clone(), p.table))
            .collect()
    }
}

/// Polls the watchers (bounded) until `done` holds for each.
pub fn until(watchers: &mut [&mut Watcher], what: &str, done: impl Fn(&Watcher) -> bool) {
    for _ in 0..ROUNDS {
        for w in watchers.iter_mut() {
            w.read();
        }
        if watchers.iter().all(|w| done(w)) {
            return;
        }
        std::thread::sleep(ROUND);
    }
    let seen: Vec<_> = watchers.iter().map(|w| w.seen()).collect();
    panic!("{what}: not within {ROUNDS} rounds; seen {seen:?}");
}
