//! The Linux desktop integration under assets/: the menu entry opens maps with CaféMap, a map is
//! recognised by its content (not every .ron file), and the icons are the sizes they claim to be.
//! The external validators (desktop-file-validate, appstreamcli) and `cargo deb` run in .ci/run.

use cafemap::io::file;
use cafemap::model::{Cafe, CafeInfo};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::fs;
use std::path::Path;

const ICON_SIZES: [u32; 7] = [16, 32, 48, 64, 128, 256, 512];

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

/// The keys of the `[Desktop Entry]` group (untranslated ones only).
fn desktop_entry() -> Vec<(String, String)> {
    read("assets/linux/cafemap.desktop")
        .lines()
        .skip_while(|line| *line != "[Desktop Entry]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once('='))
        .filter(|(key, _)| !key.contains('['))
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect()
}

fn entry_value(entry: &[(String, String)], key: &str) -> String {
    entry
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("the desktop entry has no {key}"))
}

/// One `<match type="string">` rule of shared-mime-info: `value` found at some offset in
/// `first..=last`, and then (if it has children) at least one child matching too.
#[derive(Debug)]
struct MagicMatch {
    value: Vec<u8>,
    first: usize,
    last: usize,
    children: Vec<MagicMatch>,
}

impl MagicMatch {
    fn matches(&self, data: &[u8]) -> bool {
        let here = (self.first..=self.last).any(|at| {
            data.get(at..)
                .is_some_and(|rest| rest.starts_with(&self.value))
        });
        here && (self.children.is_empty() || self.children.iter().any(|c| c.matches(data)))
    }
}

/// What the MIME definition declares.
#[derive(Debug, Default)]
struct MimeDefinition {
    types: Vec<String>,
    globs: Vec<String>,
    magic: Vec<MagicMatch>,
}

impl MimeDefinition {
    /// Whether shared-mime-info's magic would recognise these bytes as a CaféMap map.
    fn recognises(&self, data: &[u8]) -> bool {
        self.magic.iter().any(|m| m.matches(data))
    }
}

fn attribute(tag: &BytesStart<'_>, name: &str) -> String {
    let attr = tag
        .attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name.as_bytes())
        .unwrap_or_else(|| panic!("a <match> or <mime-type> without {name}"));
    let value = String::from_utf8(attr.value.into_owned()).expect("UTF-8 attribute");
    assert!(
        !value.contains('&'),
        "entities are not expected in {value:?}"
    );
    value
}

fn magic_match(tag: &BytesStart<'_>) -> MagicMatch {
    assert_eq!(
        attribute(tag, "type"),
        "string",
        "only string matches are used"
    );
    let offset = attribute(tag, "offset");
    let (first, last) = offset.split_once(':').unwrap_or((&offset, &offset));
    MagicMatch {
        value: attribute(tag, "value").into_bytes(),
        first: first.parse().expect("offset"),
        last: last.parse().expect("offset"),
        children: Vec::new(),
    }
}

fn mime_definition() -> MimeDefinition {
    let xml = read("assets/linux/cafemap-mime.xml");
    let mut reader = Reader::from_str(&xml);
    let mut definition = MimeDefinition::default();
    // Open <match> elements, innermost last.
    let mut open: Vec<MagicMatch> = Vec::new();
    let mut attach = |m: MagicMatch, open: &mut Vec<MagicMatch>| match open.last_mut() {
        Some(parent) => parent.children.push(m),
        None => definition.magic.push(m),
    };
    loop {
        match reader.read_event().expect("well-formed MIME XML") {
            Event::Start(tag) if tag.name().as_ref() == b"match" => open.push(magic_match(&tag)),
            Event::Empty(tag) if tag.name().as_ref() == b"match" => {
                attach(magic_match(&tag), &mut open);
            }
            Event::End(tag) if tag.name().as_ref() == b"match" => {
                let closed = open.pop().expect("balanced <match>");
                attach(closed, &mut open);
            }
            Event::Start(tag) if tag.name().as_ref() == b"mime-type" => {
                definition.types.push(attribute(&tag, "type"));
            }
            Event::Start(tag) | Event::Empty(tag) if tag.name().as_ref() == b"glob" => {
                definition.globs.push(attribute(&tag, "pattern"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    definition
}

#[test]
fn the_menu_entry_opens_a_double_clicked_map_with_cafemap() {
    let entry = desktop_entry();
    assert_eq!(entry_value(&entry, "Exec"), "cafemap %f");
    assert_eq!(entry_value(&entry, "Icon"), "cafemap");
    assert_eq!(entry_value(&entry, "Terminal"), "false");
    // Docks match the window's app id (`with_app_id("cafemap")` in src/ui) to the entry.
    assert_eq!(entry_value(&entry, "StartupWMClass"), "cafemap");
    let declared = mime_definition().types;
    let opened: Vec<String> = entry_value(&entry, "MimeType")
        .split(';')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    assert_eq!(
        opened, declared,
        "the entry opens exactly the type the MIME file defines"
    );
    assert_eq!(declared, ["application/x-cafemap"]);

    let metainfo = read("assets/linux/cafemap.metainfo.xml");
    assert!(metainfo.contains(r#"<launchable type="desktop-id">cafemap.desktop</launchable>"#));
    assert!(metainfo.contains("<mediatype>application/x-cafemap</mediatype>"));
}

#[test]
fn maps_are_recognised_by_content_and_other_ron_files_are_not_claimed() {
    let mime = mime_definition();
    assert!(
        mime.globs.is_empty(),
        "a *.ron glob would claim every RON file: {:?}",
        mime.globs
    );
    let example = read("examples/world-cafe-cooperation.ron");
    assert!(mime.recognises(example.as_bytes()), "the bundled example");
    let saved = file::to_string(&Cafe::new(CafeInfo::default()));
    assert!(mime.recognises(saved.as_bytes()), "a map saved by CaféMap");
    assert!(
        mime.recognises(b"(format_version:1,title:\"x\")"),
        "a compact map"
    );
    assert!(
        mime.recognises(b"// notes\n(format_version: 1)"),
        "after a comment"
    );

    assert!(!mime.recognises(b"(\n    name: \"a game level\",\n)\n"));
    assert!(!mime.recognises(b"Config(\n    format_version: 2,\n)\n"));
    assert!(!mime.recognises(b"format_version: 1"));
}

#[test]
fn every_icon_decodes_at_the_size_its_folder_states() {
    for size in ICON_SIZES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
            "assets/icons/hicolor/{size}x{size}/apps/cafemap.png"
        ));
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The same decoder as the window icon.
        let icon = eframe::icon_data::from_png_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            (icon.width, icon.height),
            (size, size),
            "{}",
            path.display()
        );
        assert_eq!(icon.rgba.len(), (size * size * 4) as usize);
    }
    let svg = read("assets/icons/cafemap.svg");
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .expect("the SVG source parses");
    assert_eq!(tree.size().width(), tree.size().height(), "a square icon");
}
