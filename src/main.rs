//! The `cafemap` program: parses the command line, then runs a headless subcommand or the GUI.

use cafemap::cli::{self, Cli};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => match cafemap::ui::run(args.gui_options()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cafemap: cannot open a window: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
