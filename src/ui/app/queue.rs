//! The one queue: what widgets, menus, shortcuts, the palette, dropped files and window events
//! ask for during the UI pass waits here, and runs after it, in [`CafeApp::handle_queue`].

use super::*;

/// Something the UI asked for this frame.
pub enum Intent {
    /// An entry of the command table (menus, toolbar, shortcuts, the palette).
    Command(Command),
}

impl From<Command> for Intent {
    fn from(cmd: Command) -> Intent {
        Intent::Command(cmd)
    }
}

impl CafeApp {
    /// Asks for something to be done after the UI pass.
    pub(super) fn push(&mut self, intent: impl Into<Intent>) {
        self.queue.push(intent.into());
    }

    /// Runs what the UI asked for this frame, in the order it asked.
    pub(super) fn handle_queue(&mut self, ctx: &egui::Context) {
        for intent in std::mem::take(&mut self.queue) {
            match intent {
                Intent::Command(cmd) => self.run(ctx, cmd),
            }
        }
    }
}
