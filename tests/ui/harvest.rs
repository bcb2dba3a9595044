//! The harvest panel and dialogs: Top ideas ranks the whole event and jumps to a note, the
//! round filter fades the rest, a tag rings its notes on every table, `#word` typed becomes a
//! tag, the Actions panel lists and edits owners and dates.

use crate::common::sketch::{Sketch, idea};
use crate::common::window::*;
use cafemap::geom::Point;
use cafemap::i18n::Lang;
use cafemap::model::{Cafe, NodeId, Origin, Votes};
use cafemap::ui::{CafeApp, Command, Document};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// An idea: (text, votes, round, tags).
type IdeaSpec<'a> = (&'a str, u32, u32, &'a [&'a str]);

/// Two tables; (text, votes, round, tags) per idea.
fn cafe() -> Cafe {
    let tables: [(&str, &[IdeaSpec]); 2] = [
        (
            "Comment vivre ensemble ?",
            &[
                ("Jardin partagé", 2, 1, &["budget"]),
                ("Repair café", 5, 2, &[]),
                ("Fête des voisins", 0, 2, &["action"]),
            ],
        ),
        (
            "Quels lieux pour se retrouver ?",
            &[
                ("Tiers-lieu au village", 7, 1, &["budget", "action"]),
                ("Bancs sur la place", 1, 2, &[]),
            ],
        ),
    ];
    let mut s = Sketch::new("", tables[0].0);
    for (k, (question, ideas)) in tables.iter().enumerate() {
        if k > 0 {
            s.next_table(question);
        }
        let theme = s.theme("Lieux", (0.0, -220.0));
        for (i, (text, votes, round, tags)) in ideas.iter().enumerate() {
            let mut n = idea(text).at(Point::new(-280.0 + 280.0 * i as f32, 200.0));
            n.votes = Votes::single(*votes);
            n.origin = Origin {
                round: Some(*round),
                ..Origin::default()
            };
            n.tags = tags.iter().map(|t| t.to_string()).collect();
            s.add(n, Some(theme));
        }
    }
    s.cafe()
}

fn harness() -> Window {
    open_with(
        builder().with_size(egui::vec2(1500.0, 900.0)),
        CafeApp::with_document(Lang::En, Document::new(cafe(), None)),
    )
}

/// The panel's row button for an idea (the canvas shows the same words as a tree item).
fn row<'h>(h: &'h Harness<'_, CafeApp>, text: &'h str) -> egui_kittest::Node<'h> {
    h.get_by_role_and_label(egui::accesskit::Role::Button, text)
}

#[test]
fn top_ideas_ranks_every_idea_of_the_event_and_a_click_shows_it_on_its_table() {
    let mut h = harness();
    click(&mut h, "Top ideas");
    let order = ["Tiers-lieu au village", "Repair café", "Jardin partagé"];
    let tops: Vec<f32> = order.iter().map(|t| row(&h, t).rect().top()).collect();
    assert!(
        tops.windows(2).all(|w| w[0] < w[1]),
        "most dots first, across tables: {tops:?}"
    );
    assert_eq!(h.state().current_table(), 0);
    row(&h, "Tiers-lieu au village").click();
    h.run();
    assert_eq!(h.state().current_table(), 1, "the note's table is shown");
    let want = id_of(&h, "Tiers-lieu au village");
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        [want]
    );
}

#[test]
fn the_round_filter_fades_the_other_rounds_on_the_canvas_and_in_top_ideas() {
    let mut h = harness();
    command(&mut h, Command::TopIdeas);
    assert!(h.state().views.canvas.faded.is_empty());
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Round")
        .click();
    h.run();
    click(&mut h, "Round 2");
    let faded = &h.state().views.canvas.faded;
    assert!(
        faded.contains(&id_of(&h, "Jardin partagé")),
        "round 1 fades"
    );
    assert!(!faded.contains(&id_of(&h, "Repair café")), "round 2 stays");
    assert!(
        !faded.contains(&h.state().document().cafe().tables[0].question()),
        "the question frames the map"
    );
}

#[test]
fn a_tag_clicked_in_the_tags_panel_rings_its_notes_on_every_table() {
    let mut h = harness();
    command(&mut h, Command::TagsPanel);
    // Counts across the event: #budget is on two notes, one at each table.
    assert!(h.query_by_label("#budget").is_some());
    click(&mut h, "#budget");
    let ringed: Vec<NodeId> = h.state().views.canvas.highlight.iter().copied().collect();
    assert_eq!(ringed, [id_of(&h, "Jardin partagé")]);
    command(&mut h, Command::NextTable);
    let ringed: Vec<NodeId> = h.state().views.canvas.highlight.iter().copied().collect();
    assert_eq!(ringed, [id_of(&h, "Tiers-lieu au village")]);
    click(&mut h, "#budget");
    assert!(
        h.state().views.canvas.highlight.is_empty(),
        "a second click lets go"
    );
}

#[test]
fn hashtags_typed_in_a_note_become_tags_and_the_tag_dialog_toggles_them() {
    let mut h = harness();
    click(&mut h, "Repair café");
    press(&mut h, Key::F2);
    h.key_press(Key::End);
    h.event(egui::Event::Text(" mensuel #Jeunesse".into()));
    h.run();
    press(&mut h, Key::Enter);
    let id = id_of(&h, "Repair café mensuel");
    let node = h.state().document().cafe().node(id).unwrap().clone();
    assert_eq!(node.tags, ["Jeunesse"]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    let node = h.state().document().cafe().node(id).unwrap().clone();
    assert_eq!(
        (node.text.as_str(), node.tags.len()),
        ("Repair café", 0),
        "text and tag are one undo step"
    );

    click(&mut h, "Repair café");
    command(&mut h, Command::TagSelection);
    click(&mut h, "#budget");
    assert_eq!(
        h.state().document().cafe().node(id).unwrap().tags,
        ["budget"]
    );
}

#[test]
fn the_actions_panel_lists_actions_across_tables_sorts_them_and_edits_owner_and_date() {
    let mut h = harness();
    command(&mut h, Command::ActionsPanel);
    let fete = row(&h, "Fête des voisins").rect().top();
    let tiers = row(&h, "Tiers-lieu au village").rect().top();
    assert!(fete < tiers, "sorted by due date, then table");
    h.get_by_label("Owner and due date of “Tiers-lieu au village”")
        .click();
    h.run();
    assert_eq!(h.state().current_table(), 1, "the action is shown");
    let field = |h: &Harness<'_, CafeApp>, label: &str| {
        let f = h.get_by_role_and_label(egui::accesskit::Role::TextInput, label);
        f.focus();
        f.type_text(match label {
            "Owner" => "Mairie",
            _ => "2026-06-30",
        });
    };
    field(&h, "Owner");
    h.run();
    field(&h, "Due date");
    h.run();
    click(&mut h, "OK");
    let id = id_of(&h, "Tiers-lieu au village");
    let node = h.state().document().cafe().node(id).unwrap().clone();
    assert_eq!(
        (node.owner.as_str(), node.due.as_str()),
        ("Mairie", "2026-06-30")
    );
    // Dated actions come before undated ones.
    let fete = row(&h, "Fête des voisins").rect().top();
    let tiers = row(&h, "Tiers-lieu au village").rect().top();
    assert!(tiers < fete);
    // Sorting by table puts table 1 first again.
    // (The menu bar has a "Table" too: the column header is the one in the side panel.)
    let panel_left = row(&h, "Fête des voisins").rect().left();
    h.get_all_by_label("Table")
        .find(|n| n.rect().left() >= panel_left)
        .expect("the Table column's header")
        .click();
    h.run();
    let fete = row(&h, "Fête des voisins").rect().top();
    let tiers = row(&h, "Tiers-lieu au village").rect().top();
    assert!(fete < tiers);
}
