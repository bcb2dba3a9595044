//! The relay's log: warnings and errors of `loro-websocket-server` (a refused handshake, a
//! malformed frame and the connection it closed) and of our own hooks, one line each on
//! standard error. A few lines of `tracing::Subscriber` rather than a logging stack.

use std::fmt::Write as _;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, span};

struct StderrLog;

/// Sends warnings and errors to standard error (once per process; later calls do nothing).
pub fn to_stderr() {
    let _ = tracing::subscriber::set_global_default(StderrLog);
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        match field.name() {
            // A refused token is not written to the log.
            "token" => {}
            "message" => {
                let _ = write!(self.0, " {value:?}");
            }
            name => {
                let _ = write!(self.0, " {name}={value:?}");
            }
        }
    }
}

impl tracing::Subscriber for StderrLog {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= Level::WARN
    }
    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }
    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}
    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = Line(format!("relay: {}:", event.metadata().level()));
        event.record(&mut line);
        eprintln!("{}", line.0);
    }
    fn enter(&self, _: &span::Id) {}
    fn exit(&self, _: &span::Id) {}
}
