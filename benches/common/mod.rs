//! The café the benchmarks measure: 10,000 ideas over 3 tables of 30 themes (or as many ideas as
//! asked, over the same tables).

use cafemap::geom::Point;
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};

const TABLES: usize = 3;
const THEMES_PER_TABLE: usize = 30;
pub const IDEAS: usize = 10_000;

/// A large but realistic café: French sentences of sticky-note length, spread-out positions,
/// some ideas nested under other ideas, a few notes and votes.
pub fn big_cafe() -> Cafe {
    cafe_of(IDEAS)
}

/// The same café with `ideas` ideas.
pub fn cafe_of(ideas: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "World café — très grande restitution".into(),
        subtitle: "Banc d’essai : 10 000 idées".into(),
        ..CafeInfo::default()
    });
    let themes = TABLES * THEMES_PER_TABLE;
    let mut made = 0;
    for t in 0..TABLES {
        let mut table = cafe.new_table(format!(
            "Question {} : comment coopérer entre collectivités ?",
            t + 1
        ));
        let q = table.question();
        for h in 0..THEMES_PER_TABLE {
            let theme = cafe.alloc_id();
            let angle = h as f32 / THEMES_PER_TABLE as f32 * std::f32::consts::TAU;
            let centre = Point::new(900.0 * angle.cos(), 600.0 * angle.sin());
            table
                .insert(
                    Node::new(
                        theme,
                        NodeKind::Theme,
                        format!("Thème {} — {}", h + 1, t + 1),
                    )
                    .at(centre),
                    Some(q),
                )
                .ok();
            let index = t * THEMES_PER_TABLE + h;
            let count = ideas / themes + usize::from(index < ideas % themes);
            let mut previous = theme;
            for i in 0..count {
                let id = cafe.alloc_id();
                let mut node = Node::new(
                    id,
                    NodeKind::Idea,
                    format!(
                        "Idée {made} : s’appuyer sur les acteurs locaux, la société civile et les comités de jumelage"
                    ),
                )
                .at(centre + Point::new((i % 6) as f32 * 173.3, (i / 6) as f32 * 61.7));
                if i % 10 == 0 {
                    node.votes = cafemap::model::Votes::single((i % 7) as u32);
                    node.note = "À souligner pendant la présentation".into();
                }
                // Every fifth idea hangs under the previous one (nested ideas).
                let parent = if i % 5 == 4 { previous } else { theme };
                table.insert(node, Some(parent)).ok();
                previous = id;
                made += 1;
            }
        }
        cafe.tables.push(table);
    }
    cafe
}
