//! The `cafemap` program: parses the command line, then runs a headless subcommand or the GUI.

use cafemap::cli::{self, Cli};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => {
            eprintln!("GUI not built yet");
            ExitCode::FAILURE
        }
    }
}
