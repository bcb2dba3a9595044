//! The launch probe (`cargo bench --bench launch`): with `CAFEMAP_EXIT_AFTER_FIRST_FRAME=1` in
//! the environment, the window closes itself as soon as its first frame has been painted, after
//! printing one line on standard error:
//!
//! `cafemap-launch first_frame_ms=… cpu_ms=… peak_rss_kb=… rss_kb=… gl_driver_rss_kb=… rss_less_gl_kb=…`
//!
//! `first_frame_ms` counts from the process's start (as the kernel records it) to the start of
//! the second frame, which eframe begins only once the first is on screen; `cpu_ms` is the
//! processor time the process used until then (user and system), which a busy machine inflates
//! far less than the elapsed time. Both are in steps of 10 ms. The memory figures
//! come from `/proc/self`: the peak (VmHWM), the resident size now, the part of it that is the
//! OpenGL driver's code and data (files of Mesa, LLVM and the GL/EGL/DRM libraries, what LLVM
//! loads, and the driver's shared frame image), and what is left: CaféMap's own memory. Linux only; elsewhere the figures read 0.

use std::time::Duration;

/// The environment variable that turns the probe on.
pub const ENV: &str = "CAFEMAP_EXIT_AFTER_FIRST_FRAME";

/// Wraps the app: counts frames, and on the second one reports and exits.
pub struct Probe<A> {
    app: A,
    frames: u32,
}

impl<A> Probe<A> {
    /// The wrapped app when the probe was asked for.
    pub fn wanted() -> bool {
        std::env::var_os(ENV).is_some_and(|v| !v.is_empty() && v != "0")
    }

    pub fn new(app: A) -> Probe<A> {
        Probe { app, frames: 0 }
    }
}

impl<A: eframe::App> eframe::App for Probe<A> {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.frames += 1;
        if self.frames >= 2 {
            eprintln!("{}", report());
            // Nothing to save: the probe leaves the user's settings as they were.
            std::process::exit(0);
        }
        self.app.ui(ui, frame);
        // Make sure a second frame comes, even on a window that would otherwise sleep.
        ui.ctx().request_repaint();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }
}

/// The report line (see the module's documentation).
fn report() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let (peak, rss) = (field("VmHWM:"), field("VmRSS:"));
    let gl = gl_driver_rss_kb();
    let (since, cpu) = since_start_and_cpu();
    format!(
        "cafemap-launch first_frame_ms={:.0} cpu_ms={:.0} peak_rss_kb={peak} rss_kb={rss} gl_driver_rss_kb={gl} rss_less_gl_kb={}",
        since.as_secs_f64() * 1000.0,
        cpu.as_secs_f64() * 1000.0,
        rss.saturating_sub(gl)
    )
}

/// Resident kilobytes of the mappings that belong to the OpenGL driver stack.
fn gl_driver_rss_kb() -> u64 {
    // Mesa's files, then what its software rasteriser (llvmpipe) loads with LLVM: CaféMap's
    // binary links none of these (only libc, libm and libgcc_s). The System V segment is the
    // shared image through which the driver hands each frame to the X server.
    const DRIVER: [&str; 18] = [
        "dri",
        "gallium",
        "LLVM",
        "libGL",
        "libEGL",
        "glapi",
        "libdrm",
        "mesa",
        "libgbm",
        "libz3",
        "libstdc++",
        "libicu",
        "libxml2",
        "libffi",
        "libedit",
        "libtinfo",
        "libsensors",
        "/SYSV",
    ];
    let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap_or_default();
    let mut total = 0;
    let mut in_driver = false;
    for line in smaps.lines() {
        if let Some(kb) = line.strip_prefix("Rss:") {
            if in_driver {
                total += kb
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(0);
            }
        } else if line
            .split_whitespace()
            .next()
            .is_some_and(|a| a.contains('-'))
        {
            // A mapping's header: "start-end perms offset dev inode [path]".
            in_driver = line
                .split_whitespace()
                .nth(5)
                .is_some_and(|path| DRIVER.iter().any(|d| path.contains(d)));
        }
    }
    total
}

/// Time since the process started, and the processor time it used, from `/proc/self/stat`
/// (fields 14 and 15: user and system time; field 22: the start, in clock ticks since boot)
/// and `/proc/uptime`.
fn since_start_and_cpu() -> (Duration, Duration) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let uptime = std::fs::read_to_string("/proc/uptime").unwrap_or_default();
    // The command name (field 2) may hold spaces: count from the closing parenthesis, after
    // which field 3 comes first.
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .map(|f| f.parse().unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    let field = |n: usize| fields.get(n - 3).copied();
    let up = uptime
        .split_whitespace()
        .next()
        .and_then(|t| t.parse::<f64>().ok());
    // Clock ticks are 100 a second on every Linux that eframe runs on.
    let ticks = |t: f64| Duration::from_secs_f64((t / 100.0).max(0.0));
    let since = match (field(22), up) {
        (Some(start), Some(up)) => Duration::from_secs_f64((up - start / 100.0).max(0.0)),
        _ => Duration::ZERO,
    };
    let cpu = ticks(field(14).unwrap_or(0.0) + field(15).unwrap_or(0.0));
    (since, cpu)
}
