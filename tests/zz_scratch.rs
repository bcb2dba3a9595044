#[test]
fn sizes() {
    for path in ["tests/fixtures/formats/format-3.ron", "examples/world-cafe-cooperation.ron"] {
        let cafe = cafemap::io::file::load(std::path::Path::new(path)).unwrap();
        for t in &cafe.tables {
            let s = cafemap::render::presented_scene(t, &cafemap::render::SceneStyle::PROJECTOR);
            let fonts: Vec<f32> = s.nodes.iter().map(|n| n.font_size).collect();
            let minf = fonts.iter().cloned().fold(f32::INFINITY, f32::min);
            eprintln!("{path} table {}x{} nodes {} minfont {minf}", s.bounds.width(), s.bounds.height(), s.nodes.len());
            for th in t.children(t.question()) {
                let ids = t.subtree(th);
                let mut r = cafemap::geom::Rect::NOTHING;
                for n in s.nodes.iter().filter(|n| ids.contains(&n.id)) { r = r.union(&n.rect); }
                eprintln!("   theme {}x{} at {:?}", r.width(), r.height(), r.min);
            }
        }
    }
}
