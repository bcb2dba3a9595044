//! `cafemap merge OURS THEIRS -o OUT [--dry-run] [--no-history]`: a partner's copy merged back
//! without the window. Every item of the review is taken as the window proposes it (conflicts
//! keep both texts: ours in place, theirs beside it tagged `#conflict`), one line printed per
//! change and per conflict.

use crate::io::FileError;
use crate::io::atomic::{Backup, write_atomic};
use crate::io::file;
use crate::sync::{self, MergeMode};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The exit code when the merge kept conflicts for someone to look at.
pub const CONFLICTS_KEPT: u8 = 3;

pub fn run(ours: &Path, theirs: &Path, output: Option<&Path>, no_history: bool) -> ExitCode {
    match merge_files(ours, theirs, output, no_history) {
        Ok((lines, conflicts)) => {
            let mut out = std::io::stdout().lock();
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
            if conflicts > 0 {
                ExitCode::from(CONFLICTS_KEPT)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether two paths name one file (the output may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn merge_files(
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
    no_history: bool,
) -> Result<(Vec<String>, usize), FileError> {
    if let Some(out) = output {
        // A merge never writes over a copy it reads: both stay as they came.
        if same_file(out, ours) || same_file(out, theirs) {
            return Err(FileError::new(
                "the merge is written to a new file: give -o a name other than the two copies",
            )
            .in_file(out));
        }
    }
    let mut ours_cafe = file::load(ours)?;
    let theirs_cafe = file::load(theirs)?;
    let mut lines = Vec::new();
    for (path, cafe) in [(ours, &ours_cafe), (theirs, &theirs_cafe)] {
        if let Some(why) = cafe.history.notice() {
            lines.push(format!(
                "{}: history set aside: {why}; the map itself is fine",
                path.display()
            ));
        }
    }
    let review = sync::merge(&ours_cafe, &theirs_cafe);
    match &review.mode {
        MergeMode::ThreeWay => {}
        MergeMode::TwoWay(why) => lines.push(format!(
            "compared note by note ({why}): their additions are taken, every other difference is listed and left as ours"
        )),
    }
    lines.extend(review.notices.iter().cloned());
    for item in &review.items {
        let table = item
            .table
            .and_then(|q| ours_cafe.table_of(q).or(theirs_cafe.table_of(q)))
            .map(|t| format!("table {}: ", t + 1))
            .unwrap_or_default();
        let taken = if item.ticked { "" } else { "not taken: " };
        lines.push(format!("{taken}{table}{}", item.text));
    }
    let changes = review.items.iter().filter(|i| i.ticked).count();
    let conflicts = review.conflicts();
    let summary = format!("{changes} changes, {conflicts} conflicts kept");
    match output {
        None => lines.push(format!("ok: {summary} (dry run: nothing written)")),
        Some(out) => {
            let notes = review
                .apply_to(&mut ours_cafe)
                .map_err(|e| FileError::new(format!("the merge could not be applied: {e}")))?;
            lines.extend(notes);
            if no_history {
                ours_cafe.history = sync::Trail::off();
            }
            if ours_cafe.tables.is_empty() {
                return Err(FileError::new(
                    "the merge would leave no table; nothing written",
                ));
            }
            let text = file::to_string(&ours_cafe);
            if out.as_os_str() == "-" {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(text.as_bytes())
                    .map_err(|e| FileError::new(format!("could not write: {e}")))?;
                // The lines go aside when the map itself goes to standard output.
                lines.push(format!("ok: {summary}"));
                let mut err = std::io::stderr().lock();
                for l in lines.drain(..) {
                    let _ = writeln!(err, "{l}");
                }
            } else {
                write_atomic(out, text.as_bytes(), Backup::Keep)?;
                lines.push(format!("ok: {summary} (written to {})", out.display()));
            }
        }
    }
    Ok((lines, conflicts))
}
