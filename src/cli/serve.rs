//! `cafemap serve [--addr 127.0.0.1:7878] [--data DIR] [MAP.ron…]`: the live session's relay.
//! Each map opens as a room (or rejoins its room when DIR holds it); one line per room on
//! standard output, its join link last. Serves until stopped.

use crate::io::file;
use crate::live::relay::Relay;
use crate::live::rooms::Rooms;
use crate::live::{Link, log};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

pub fn run(addr: &str, data: Option<&Path>, maps: &[PathBuf]) -> ExitCode {
    match serve(addr, data, maps) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The folder rooms are kept in when `--data` is not given.
fn default_data() -> PathBuf {
    directories::ProjectDirs::from("org", "cafemap", "cafemap")
        .map(|d| d.data_dir().join("rooms"))
        .unwrap_or_else(|| PathBuf::from("cafemap-rooms"))
}

fn serve(addr: &str, data: Option<&Path>, maps: &[PathBuf]) -> Result<(), String> {
    log::to_stderr();
    let dir = data.map(Path::to_owned).unwrap_or_else(default_data);
    let rooms = Arc::new(Rooms::open(&dir)?);
    let mut opened = Vec::new();
    for path in maps {
        let cafe = file::load(path).map_err(|e| e.to_string())?;
        let (room, token) = rooms.add_map(path, &cafe)?;
        opened.push((path.display().to_string(), room, token));
    }
    let relay = Relay::bind(addr, Arc::clone(&rooms))?;
    let local = relay.local_addr()?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        std::io::stderr(),
        "relay listening on {local}, rooms kept in {}",
        dir.display()
    );
    if local.ip().is_unspecified() {
        let _ = writeln!(
            std::io::stderr(),
            "note: give note-takers this machine's network address in place of {}",
            local.ip()
        );
    }
    let named: std::collections::HashMap<String, String> = opened
        .into_iter()
        .map(|(path, room, _)| (room, path))
        .collect();
    for (room, token) in rooms.list() {
        let link = Link {
            host: local.to_string(),
            room: room.clone(),
            token,
        };
        let what = named
            .get(&room)
            .map_or(String::new(), |p| format!(" ({p})"));
        let _ = writeln!(out, "room {room}{what}: {link}");
    }
    let _ = out.flush();
    drop(out);
    relay.run()
}
