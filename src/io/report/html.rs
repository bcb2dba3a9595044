//! The report as one printable HTML page: no script, no external file, the maps inline as the
//! SVG slides (their text selectable), print styles for A4 with a page break before each
//! section. The interactive map partners explore in a browser is another export.

use super::{Block, Grid, Item, Nest, Report, TextStyle, nest};
use crate::i18n::Lang;
use crate::io::export::svg;
use crate::io::export::xml::{self, Charset};
use std::fmt::Write;

const STYLE: &str = "\
body{font-family:'DejaVu Sans',Verdana,sans-serif;color:#22262b;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1,h2{color:#1f3a5f}h1{border-bottom:1px solid #cfcbc4;padding-bottom:.2em;margin-top:2.5em}
.title-page{margin:6rem 0 4rem}.kind{color:#6b7278}.title{font-size:2.2rem;font-weight:bold;color:#1f3a5f;margin:.3em 0}
.subtitle{font-size:1.15rem}dl.details{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:bold;color:#6b7278}dd{margin:0}
.lead{font-weight:bold;font-size:1.1rem}.muted,.detail,figcaption{color:#6b7278}.detail{font-size:.8rem}
figure{margin:1rem 0;text-align:center}figure svg{width:100%;height:auto;border:1px solid #cfcbc4}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}th{background:#eeebe6;text-align:left}
th,td{padding:.25em .4em;border-bottom:1px solid #cfcbc4;vertical-align:top}td.n{text-align:right}
nav ul{list-style:none;padding-left:0}
@page{size:A4;margin:20mm 22mm 25mm}
@media print{body{max-width:none;margin:0}header{break-after:page}h1,h2,h3,.lead{break-after:avoid}figure,tr,li{break-inside:avoid}p,li{orphans:3;widows:3}nav{display:none}}
";

fn esc(s: &str) -> String {
    xml::text(s, Charset::Utf8).replace('\n', "<br>")
}

pub fn write(report: &Report) -> String {
    let lang = match report.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"CaféMap\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(&report.title)
    );
    // Contents: the sections, linked.
    let sections: Vec<&str> = report
        .outline()
        .into_iter()
        .filter(|(level, _)| *level == 1)
        .map(|(_, t)| t)
        .collect();
    s.push_str("<nav><ul>\n");
    for (i, title) in sections.iter().enumerate() {
        let _ = writeln!(s, "<li><a href=\"#s{}\">{}</a></li>", i + 1, esc(title));
    }
    s.push_str("</ul></nav>\n");
    let mut section = 0;
    for block in &report.blocks {
        match block {
            Block::TitlePage(page) => {
                s.push_str("<header class=\"title-page\">\n");
                let _ = writeln!(s, "<p class=\"kind\">{}</p>", esc(&page.kind));
                let _ = writeln!(s, "<p class=\"title\">{}</p>", esc(&page.title));
                if !page.subtitle.is_empty() {
                    let _ = writeln!(s, "<p class=\"subtitle\">{}</p>", esc(&page.subtitle));
                }
                if !page.details.is_empty() {
                    s.push_str("<dl class=\"details\">\n");
                    for (label, value) in &page.details {
                        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(value));
                    }
                    s.push_str("</dl>\n");
                }
                if let Some(note) = &page.note {
                    let _ = writeln!(s, "<p class=\"muted\">{}</p>", esc(note));
                }
                s.push_str("</header>\n");
            }
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 3);
                if level == 1 {
                    section += 1;
                    let _ = writeln!(s, "<h1 id=\"s{section}\">{}</h1>", esc(text));
                } else {
                    let _ = writeln!(s, "<h{level}>{}</h{level}>", esc(text));
                }
            }
            Block::Paragraph { text, style } => {
                let class = match style {
                    TextStyle::Body => "",
                    TextStyle::Lead => " class=\"lead\"",
                    TextStyle::Muted => " class=\"muted\"",
                };
                let _ = writeln!(s, "<p{class}>{}</p>", esc(text));
            }
            Block::List(items) => list(&mut s, items),
            Block::Grid(grid) => table(&mut s, grid),
            Block::Figure { table, caption } => {
                if let Ok(doc) = svg::table_slide(&report.cafe, *table) {
                    // The slide without its XML declaration, inline.
                    let inline = doc.find("<svg").map_or("", |at| &doc[at..]);
                    let _ = write!(
                        s,
                        "<figure role=\"img\" aria-label=\"{c}\">\n{inline}<figcaption>{c}</figcaption>\n</figure>\n",
                        c = esc(caption)
                    );
                }
            }
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// Items nested by depth as `<ul>`s, a deeper item inside the item above it.
fn list(s: &mut String, items: &[Item]) {
    for step in nest(items) {
        match step {
            Nest::OpenList => s.push_str("<ul>\n"),
            Nest::CloseList => s.push_str("</ul>\n"),
            Nest::CloseItem => s.push_str("</li>\n"),
            Nest::OpenItem(item) => {
                let _ = write!(s, "<li>{}", esc(&item.text));
                for d in &item.details {
                    let _ = write!(s, "<br><span class=\"detail\">{}</span>", esc(d));
                }
                s.push('\n');
            }
        }
    }
}

fn table(s: &mut String, grid: &Grid) {
    s.push_str("<table>\n<thead><tr>");
    for h in &grid.header {
        let _ = write!(s, "<th scope=\"col\">{}</th>", esc(h));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in &grid.rows {
        s.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i >= grid.numeric_from {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(s, "<td{class}>{}</td>", esc(cell));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
}
