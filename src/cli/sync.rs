//! `cafemap sync FILE LINK`: merges FILE with a live session's room both ways, writes FILE
//! (with its history) and exits. Changes the relay lacks stay in FILE's history until a sync
//! gets them to it, so a failed sync loses nothing and the next one sends them.

use crate::io::file;
use crate::live::Link;
use crate::live::client::{block_on, sync_once};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(path: &Path, link: &str) -> ExitCode {
    match sync(path, link) {
        Ok(line) => {
            let _ = writeln!(std::io::stdout(), "{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn sync(path: &Path, link: &str) -> Result<String, String> {
    let link = Link::parse(link)?;
    let cafe = file::load(path).map_err(|e| e.to_string())?;
    let synced = block_on(sync_once(cafe, &link))
        .and_then(|r| r)
        .map_err(|e| format!("{e}; {} is unchanged", path.display()))?;
    if synced.cafe.tables.is_empty() {
        return Err("the room holds no table; nothing written".into());
    }
    // Written even when nothing came in: the history born or recorded for the sync goes with
    // the file, so the next sync starts from it.
    file::save(path, &synced.cafe).map_err(|e| e.to_string())?;
    let got = if synced.received {
        "changes received"
    } else {
        "nothing new in the room"
    };
    let sent = if synced.sent {
        "our changes sent"
    } else {
        "the room had all of ours"
    };
    Ok(format!(
        "ok: {got}, {sent} (room {}); {} written",
        link.room,
        path.display()
    ))
}
