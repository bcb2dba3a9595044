//! Command line: with no subcommand CaféMap opens its window; the subcommands work headless (no
//! display needed), for scripts, CI and checking a file a partner sent.
//!
//! Every failure is one line on stderr and exit code 1; usage errors are clap's (exit code 2);
//! `merge` exits with 3 when it kept conflicts (both texts) for someone to look at.

use crate::i18n::{I18n, Lang};
use crate::io::FileError;
use crate::io::atomic::{Backup, refuse_overwriting_input, write_atomic};
use crate::io::export::{ExportFormat, ExportOptions, PageSize, export, unsorted_left_out};
use crate::io::{file, import};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod merge;
mod serve;
mod sync;

#[derive(Parser, Debug)]
#[command(
    name = "cafemap",
    version,
    about = "A mind-map editor for the restitution of a World Café",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The map to open (.ron)
    pub file: Option<PathBuf>,
    /// Language of the interface (default: the system's)
    #[arg(long, value_parser = ["fr", "en"])]
    pub lang: Option<String>,
    /// Start presenting (full screen, one theme at a time)
    #[arg(long)]
    pub present: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// How the window starts, from these arguments.
    pub fn gui_options(&self) -> crate::ui::StartOptions {
        crate::ui::StartOptions {
            file: self.file.clone(),
            lang: self.lang.clone(),
            present: self.present,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check that a map file loads; prints what it holds
    Check {
        /// The map file (.ron)
        file: PathBuf,
    },
    /// Turn another format (Markdown outline, …) into a map file
    Import {
        /// The file to import
        input: PathBuf,
        /// The map file to write (.ron), or - for standard output
        #[arg(short, long)]
        output: PathBuf,
        /// Plain text only: join broken notes, find tables, themes and the title (every
        /// proposal of Tidy accepted)
        #[arg(long)]
        tidy: bool,
        /// Write the map without its history (it cannot then be merged back with history)
        #[arg(long)]
        no_history: bool,
    },
    /// Write a map in another format
    Export {
        /// The map file (.ron)
        input: PathBuf,
        /// Output format (e.g. ron)
        #[arg(short, long)]
        format: String,
        /// The file to write, or - for standard output
        #[arg(short, long)]
        output: PathBuf,
        /// Only this table (numbered from 1), for formats that show one
        #[arg(long)]
        table: Option<usize>,
        /// Pixel scale for images (e.g. 2 for a sharp projector slide)
        #[arg(long)]
        scale: Option<f32>,
        /// Pictures (SVG, PNG, PDF): each table on a 16:9 "slide", on a page the size of its
        /// map at 100 % ("content"), or a slide unless its text would be too small to read
        /// ("auto")
        #[arg(long, value_parser = ["auto", "slide", "content"], default_value = "auto")]
        page: String,
        /// Language of the words the export adds (e.g. "Unsorted"); the café's own language if
        /// not given (never the machine's), so the same command writes the same file anywhere
        #[arg(long, value_parser = ["fr", "en"])]
        lang: Option<String>,
        /// For partners: leave out speaker notes, contributor names, merge history and the
        /// notes and tables hidden from the presentation (the report's rules)
        #[arg(long)]
        partner_safe: bool,
        /// A map (ron) without its history: every deleted text and every name ever typed
        /// stays out
        #[arg(long)]
        no_history: bool,
    },
    /// Propose the common threads: similar ideas across (and within) tables
    Threads {
        /// The map file (.ron)
        file: PathBuf,
        /// Print a JSON list of {"label": ..., "ideas": [node ids]} instead of text
        #[arg(long)]
        json: bool,
    },
    /// Write the report (compte-rendu) partners receive: PDF, ODT or HTML, by the output's
    /// extension
    Report {
        /// The map file (.ron)
        input: PathBuf,
        /// The report to write: OUT.pdf, OUT.odt or OUT.html
        #[arg(short, long)]
        output: PathBuf,
        /// Language of the report's headings and labels; the café's own language if not given
        #[arg(long, value_parser = ["fr", "en"])]
        lang: Option<String>,
        /// For partners: leave out speaker notes, contributor names and notes hidden from the
        /// presentation
        #[arg(long)]
        partner_safe: bool,
    },
    /// Merge a partner's copy back into ours: writes the merge and prints one line per change
    /// and per conflict (exit code 3 when conflicts were kept: both texts, theirs tagged
    /// #conflict beside ours)
    Merge {
        /// Our copy (.ron)
        ours: PathBuf,
        /// Their copy (.ron)
        theirs: PathBuf,
        /// The merged map to write (.ron): a new file, neither OURS nor THEIRS
        #[arg(short, long, required_unless_present = "dry_run")]
        output: Option<PathBuf>,
        /// Print the review without writing anything
        #[arg(long)]
        dry_run: bool,
        /// Write the merge without its history
        #[arg(long)]
        no_history: bool,
    },
    /// Serve a live session: each MAP opens as a room; prints one line per room, its join link
    /// last
    Serve {
        /// The address to listen on (an address of the venue's network for note-takers)
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: String,
        /// The folder the rooms are kept in
        #[arg(long)]
        data: Option<PathBuf>,
        /// Maps to open as rooms (.ron)
        maps: Vec<PathBuf>,
    },
    /// Merge a map with a live session's room both ways, write it and exit
    Sync {
        /// The map file (.ron), rewritten with the room's changes
        file: PathBuf,
        /// The join link (ws://…)
        link: String,
    },
}

/// `-o -`: the output goes to standard output instead of a file.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether the program was started with its standard output closed (`cafemap … -o - >&-`).
/// Rust then opens `/dev/null` in its place, read-write, and what is written vanishes: a
/// redirection to `/dev/null` made on purpose opens it write-only. Linux only (`/proc`).
fn stdout_was_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        let null = std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|target| target == Path::new("/dev/null"));
        let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        });
        null && read_write
    }
    #[cfg(not(target_os = "linux"))]
    false
}

/// Writes `bytes` to `output`: standard output for `-`, else atomically (see
/// [`write_atomic`]), keeping a backup or not.
fn write_output(output: &Path, bytes: &[u8], backup: Backup) -> Result<(), FileError> {
    if is_stdout(output) {
        if stdout_was_closed() {
            return Err(FileError::new(
                "standard output is closed: nothing was written (give a file name to -o)",
            ));
        }
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| FileError::new(format!("could not write to standard output: {e}")));
    }
    write_atomic(output, bytes, backup)
}

/// Runs a headless subcommand and reports the outcome as an exit code.
pub fn run(command: Command) -> ExitCode {
    let command = match command {
        Command::Merge {
            ours,
            theirs,
            output,
            dry_run,
            no_history,
        } => {
            let output = output.filter(|_| !dry_run);
            return merge::run(&ours, &theirs, output.as_deref(), no_history);
        }
        Command::Serve { addr, data, maps } => {
            return serve::run(&addr, data.as_deref(), &maps);
        }
        Command::Sync { file, link } => {
            return sync::run(&file, &link);
        }
        other => other,
    };
    let to_stdout = match &command {
        // A report is named by its extension: it is never written to standard output.
        Command::Check { .. } | Command::Threads { .. } | Command::Report { .. } => false,
        Command::Import { output, .. } | Command::Export { output, .. } => is_stdout(output),
        Command::Merge { .. } | Command::Serve { .. } | Command::Sync { .. } => false,
    };
    let result = match command {
        Command::Check { file } => check(&file),
        Command::Threads { file, json } => threads(&file, json),
        Command::Import {
            input,
            output,
            tidy,
            no_history,
        } => import_file(&input, &output, tidy, no_history),
        Command::Export {
            input,
            format,
            output,
            table,
            scale,
            page,
            lang,
            partner_safe,
            no_history,
        } => {
            let lang = lang.as_deref().and_then(Lang::from_code);
            let options = ExportOptions {
                table: None,
                scale,
                page: PageSize::from_name(&page).unwrap_or_default(),
                // Set from `lang` or the café's own language once the map is read.
                lang: Lang::En,
                partner_safe,
            };
            let target = ExportTarget {
                format: &format,
                output: &output,
                no_history,
            };
            export_file(&input, &target, table, lang, options)
        }
        Command::Report {
            input,
            output,
            lang,
            partner_safe,
        } => {
            let lang = lang.as_deref().and_then(Lang::from_code);
            report_file(&input, &output, lang, partner_safe)
        }
        Command::Merge { .. } | Command::Serve { .. } | Command::Sync { .. } => {
            Err(FileError::new("run above"))
        }
    };
    match result {
        Ok(message) => {
            // With `-o -` standard output carries the file itself: the summary goes aside.
            // A closed stream (e.g. `| head -0`) is not worth a panic or a failure.
            if to_stdout {
                let _ = writeln!(std::io::stderr(), "{message}");
            } else {
                let _ = writeln!(std::io::stdout(), "{message}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `ok: T tables, H themes, I ideas` — the summary `check` prints and tests compare.
pub fn summary(cafe: &crate::model::Cafe) -> String {
    let (tables, themes, ideas) = cafe.counts();
    format!(
        "ok: {}, {}, {}",
        count(tables, "table"),
        count(themes, "theme"),
        count(ideas, "idea")
    )
}

/// `1 table`, `2 tables`, `0 tables`.
fn count(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn check(path: &Path) -> Result<String, FileError> {
    file::load(path).map(|cafe| summary(&cafe))
}

/// `cafemap threads`: the proposal of "Find common threads", for scripts (`--json`, ids as
/// numbers) and for a look from the terminal (each thread, then its ideas with their table).
fn threads(path: &Path, json: bool) -> Result<String, FileError> {
    let cafe = file::load(path)?;
    let threads = crate::harvest::threads::propose(&cafe, &cafe.synonyms);
    if json {
        let list: Vec<serde_json::Value> = threads
            .iter()
            .map(|t| {
                serde_json::json!({
                    "label": t.label,
                    "ideas": t.ideas.iter().map(|id| id.0).collect::<Vec<u64>>(),
                })
            })
            .collect();
        return serde_json::to_string_pretty(&list)
            .map_err(|e| FileError::new(format!("could not write the JSON: {e}")));
    }
    let (_, _, ideas) = cafe.counts();
    let grouped: usize = threads.iter().map(|t| t.ideas.len()).sum();
    let mut out = format!("{} threads ({grouped} of {ideas} ideas)", threads.len());
    for (n, thread) in threads.iter().enumerate() {
        out.push_str(&format!("\n\n{}. {}", n + 1, thread.label));
        for &id in &thread.ideas {
            let table = cafe.table_of(id).map_or(0, |t| t + 1);
            let text = cafe.node(id).map_or("", |node| node.text.as_str());
            // One line per idea, whatever line breaks the note holds.
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!("\n   table {table}  {text}  ({id})"));
        }
    }
    Ok(out)
}

fn import_file(
    input: &Path,
    output: &Path,
    tidy: bool,
    no_history: bool,
) -> Result<String, FileError> {
    refuse_overwriting_input(output, &[input])?;
    let mut imported = if tidy {
        import_tidied(input)?
    } else {
        import::import_path(input)?
    };
    if no_history {
        imported.cafe.history = crate::sync::Trail::off();
    }
    let mut stderr = std::io::stderr();
    for note in &imported.skipped {
        let _ = writeln!(stderr, "{}: {note}", input.display());
    }
    write_output(
        output,
        file::to_string(&imported.cafe).as_bytes(),
        Backup::Keep,
    )?;
    Ok(format!(
        "{} (written to {})",
        summary(&imported.cafe),
        output.display()
    ))
}

/// Plain text read as Tidy reads it, every proposal accepted.
fn import_tidied(input: &Path) -> Result<import::Imported, FileError> {
    let fail = |e: std::io::Error| crate::io::io_error(&e).in_file(input);
    let len = std::fs::metadata(input).map_err(fail)?.len();
    if len > import::MAX_IMPORT_BYTES {
        return Err(FileError::new("the file is too large to import").in_file(input));
    }
    let bytes = std::fs::read(input).map_err(fail)?;
    use import::ImportFormat as F;
    let structured = match import::detect(input, &bytes)? {
        F::Notes | F::TextOutline => None,
        F::MarkdownOutline => Some("a Markdown outline"),
        F::Opml => Some("an OPML outline"),
        F::FreeMind => Some("a FreeMind map"),
        F::Canvas => Some("a JSON Canvas"),
        F::Csv => Some("a CSV table"),
    };
    if let Some(what) = structured {
        return Err(FileError::new(format!(
            "--tidy reads plain text, and this file is {what}: import it without --tidy"
        ))
        .in_file(input));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        FileError::new("not UTF-8 text (save the file as UTF-8 and import it again)").in_file(input)
    })?;
    let question = input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(import::notes::DEFAULT_QUESTION);
    let mut cafe = crate::harvest::tidy::cafe_from_text(text, question);
    import::record_language(&mut cafe);
    Ok(import::Imported {
        cafe,
        skipped: Vec::new(),
    })
}

/// Where and how `export` writes.
struct ExportTarget<'a> {
    format: &'a str,
    output: &'a Path,
    /// A map (ron) written without its history.
    no_history: bool,
}

fn export_file(
    input: &Path,
    target: &ExportTarget<'_>,
    table: Option<usize>,
    lang: Option<Lang>,
    mut options: ExportOptions,
) -> Result<String, FileError> {
    let (format, output) = (target.format, target.output);
    let format = ExportFormat::from_name(format)
        .ok_or_else(|| FileError::new(format!("unknown export format \"{format}\"")))?;
    refuse_overwriting_input(output, &[input])?;
    if let Some(s) = options.scale
        && !(s.is_finite() && s > 0.0)
    {
        return Err(FileError::new(format!(
            "--scale must be a positive number, not {s}"
        )));
    }
    let mut cafe = file::load(input)?;
    if target.no_history {
        cafe.history = crate::sync::Trail::off();
    }
    // `--lang` overrides the café's own language; what is said to the user is in theirs.
    let (lang, said) = match lang {
        Some(l) => (l, l),
        None => (cafe.language(), Lang::detect(None)),
    };
    let table = match table {
        None => None,
        Some(n) if n >= 1 && n <= cafe.tables.len() => Some(n - 1),
        Some(n) => {
            return Err(FileError::new(format!(
                "there is no table {n}: this map has {} (numbered from 1)",
                cafe.tables.len()
            ))
            .in_file(input));
        }
    };
    options.table = table;
    options.lang = lang;
    let in_input = |e: FileError| match e.path {
        Some(_) => e,
        None => e.in_file(input),
    };
    // A --scale larger than the picture allows (the help's own "2", on a big map) is fitted
    // to the largest that works, and said, rather than refused.
    let mut fitted = None;
    if format == ExportFormat::Png
        && let Some(asked) = options.scale
    {
        let largest =
            crate::io::export::png::largest_scale_for(&cafe, &options).map_err(in_input)?;
        if asked > largest && largest > 0.0 {
            options.scale = Some(largest);
            fitted = Some((asked, largest));
        }
    }
    let bytes = export(&cafe, format, &options).map_err(in_input)?;
    let left_out = unsorted_left_out(&cafe, format, &options).map_err(in_input)?;
    write_output(output, &bytes, Backup::None)?;
    if let Some((asked, largest)) = fitted {
        let _ = writeln!(
            std::io::stderr(),
            "{}: --scale {asked} would make the picture too large; written at scale {largest}, \
             the largest possible (export one table at a time with --table for more)",
            output.display()
        );
    }
    if left_out > 0 {
        let line = I18n::new(said).tr_args("export-left-out", &[("count", left_out.into())]);
        let _ = writeln!(std::io::stderr(), "{}: {line}", output.display());
    }
    Ok(format!("ok: written to {}", output.display()))
}

fn report_file(
    input: &Path,
    output: &Path,
    lang: Option<Lang>,
    partner_safe: bool,
) -> Result<String, FileError> {
    use crate::io::report::{self, ReportFormat, ReportOptions};
    let format = ReportFormat::from_path(output).ok_or_else(|| {
        FileError::new("the report's file name must end in .pdf, .odt or .html").in_file(output)
    })?;
    refuse_overwriting_input(output, &[input])?;
    let cafe = file::load(input)?;
    let options = ReportOptions {
        lang: lang.unwrap_or_else(|| cafe.language()),
        partner_safe,
    };
    let bytes = report::export(&cafe, format, &options).map_err(|e| match e.path {
        Some(_) => e,
        None => e.in_file(input),
    })?;
    write_output(output, &bytes, Backup::None)?;
    Ok(format!("ok: written to {}", output.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn subcommands_and_gui_arguments_parse() {
        let cli = Cli::try_parse_from(["cafemap", "map.ron", "--lang", "fr", "--present"]).unwrap();
        assert_eq!(cli.file, Some(PathBuf::from("map.ron")));
        assert!(cli.present && cli.command.is_none());
        let cli = Cli::try_parse_from(["cafemap", "check", "map.ron"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Check { .. })));
        let cli = Cli::try_parse_from(["cafemap", "threads", "map.ron", "--json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Threads { json: true, .. })
        ));
        let cli = Cli::try_parse_from([
            "cafemap", "export", "a.ron", "--format", "ron", "-o", "b.ron", "--table", "2",
        ])
        .unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Export { table: Some(2), .. })
        ));
        assert!(Cli::try_parse_from(["cafemap", "--lang", "de"]).is_err());
        assert!(Cli::try_parse_from(["cafemap", "import", "a.md"]).is_err());
    }
}
