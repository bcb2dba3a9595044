//! Launch to a window showing a 10,000-idea map (the benchmarks' café, arranged), as a whole
//! process: `cafemap MAP` started with
//! `CAFEMAP_EXIT_AFTER_FIRST_FRAME=1`, which closes the window once its first frame is painted
//! and prints its own memory figures (see `src/ui/first_frame.rs`). Targets: at most 0.15 s,
//! and at most 62 MB of CaféMap's own memory (resident size less the OpenGL driver).
//!
//! It needs a display. On a machine without one:
//! `xvfb-run -a -s "-screen 0 1600x1000x24" cargo bench --bench launch`.
//!
//! Prints, for the 10k map and for the bundled example:
//! `launch map=… runs=N median_ms=… min_ms=… cpu_ms=… peak_rss_mb=… rss_less_gl_mb=… gl_driver_mb=…`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

mod common;

const RUNS: usize = 7;

/// The figures one run prints on standard error, by name.
fn figures(stderr: &str) -> Option<Vec<(String, f64)>> {
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("cafemap-launch "))?;
    Some(
        line.split_whitespace()
            .filter_map(|kv| kv.split_once('='))
            .filter_map(|(k, v)| Some((k.to_owned(), v.parse().ok()?)))
            .collect(),
    )
}

fn get(figures: &[(String, f64)], name: &str) -> f64 {
    figures
        .iter()
        .find(|(k, _)| k == name)
        .map_or(0.0, |(_, v)| *v)
}

/// Runs the program `RUNS` times (one warm-up first) and prints the median figures.
fn measure(what: &str, map: Option<&Path>, scratch: &Path) {
    let mut times = Vec::new();
    let mut runs = Vec::new();
    for run in 0..=RUNS {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cafemap"));
        if let Some(map) = map {
            cmd.arg(map);
        }
        // Its own settings and recovery folders, so that no copy of the user's is offered.
        cmd.env("CAFEMAP_EXIT_AFTER_FIRST_FRAME", "1")
            .env("CAFEMAP_RECOVERY_DIR", scratch.join("recovery"))
            .env("XDG_CONFIG_HOME", scratch.join("config"))
            .env("XDG_DATA_HOME", scratch.join("data"))
            .env("LANG", "fr_FR.UTF-8");
        let start = Instant::now();
        let out = match cmd.output() {
            Ok(out) => out,
            Err(e) => {
                println!("launch map={what} error: cannot start cafemap: {e}");
                return;
            }
        };
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let Some(f) = figures(&stderr) else {
            println!(
                "launch map={what} error: no first frame (exit {:?}): {}",
                out.status.code(),
                stderr.trim()
            );
            return;
        };
        if run > 0 {
            times.push(elapsed);
            runs.push(f);
        }
    }
    times.sort_by(f64::total_cmp);
    let median = |name: &str| {
        let mut v: Vec<f64> = runs.iter().map(|f| get(f, name)).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let mb = |kb: f64| kb / 1024.0;
    println!(
        "launch map={what} runs={RUNS} median_ms={:.0} min_ms={:.0} cpu_ms={:.0} peak_rss_mb={:.1} rss_less_gl_mb={:.1} gl_driver_mb={:.1}",
        times.get(times.len() / 2).copied().unwrap_or(0.0),
        times.first().copied().unwrap_or(0.0),
        median("cpu_ms"),
        mb(median("peak_rss_kb")),
        mb(median("rss_less_gl_kb")),
        mb(median("gl_driver_rss_kb")),
    );
}

fn main() {
    let display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
    if !display {
        println!(
            "launch: NO DISPLAY, nothing measured. Run it under a virtual one: \
             xvfb-run -a -s \"-screen 0 1600x1000x24\" cargo bench --bench launch"
        );
        return;
    }
    let scratch = std::env::temp_dir().join(format!("cafemap-launch-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&scratch) {
        println!("launch: cannot make {}: {e}", scratch.display());
        return;
    }
    let map = scratch.join("10k.ron");
    // Arranged, as a map a facilitator opens is (imported maps are arranged on arrival).
    let mut cafe = common::big_cafe();
    cafemap::layout::arrange_cafe(&mut cafe);
    if let Err(e) = cafemap::io::file::save(&map, &cafe) {
        println!("launch: cannot write the 10k map: {e}");
        return;
    }
    measure("10k", Some(&map), &scratch);
    measure("example", None, &scratch);
    let _ = std::fs::remove_dir_all(&scratch);
}
