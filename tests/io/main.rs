//! Files in and out: the map file format, every import and export, the report, the HTML map in
//! a browser, the command line, malformed input and the Linux desktop files. One binary, a
//! module per area.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod complexity;
mod desktop_files;
mod file_format;
mod harvest_io;
mod hostile_cli;
mod hostile_files;
mod hostile_maps;
mod html_map;
mod interchange;
mod interchange_cafe;
mod interchange_lists;
mod live;
mod live_big;
mod malformed_input;
mod merge_cli;
mod merge_malformed;
mod merge_properties;
mod render_exports;
mod report;
mod report_pages;
mod scene_agreement;
