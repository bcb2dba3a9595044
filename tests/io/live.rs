//! Live sessions over the relay, all on 127.0.0.1 with port 0: `cafemap serve` as a process
//! (killed with SIGKILL and restarted on its folder), `cafemap sync` as note-takers run it, and
//! raw connections for what a hostile client sends; presence with headless sessions. Each
//! test is bounded ([`bounded`]): it fails rather than hangs.

use crate::common::cli::{cafemap, p, text};
use crate::common::live::{Watcher, bounded, until};
use crate::common::sketch::{Sketch, idea};
use cafemap::geom::Point;
use cafemap::io::file;
use cafemap::live::Link;
use cafemap::live::client::{Conn, block_on, holds, sync_once};
use cafemap::live::relay::Relay;
use cafemap::live::rooms::Rooms;
use cafemap::model::Cafe;
use cafemap::sync::remote;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

/// A café of three tables, saved (with its history) to `path`.
fn three_tables(path: &Path) {
    let mut s = Sketch::new("Café live", "Mobilité ?");
    let t = s.theme("Vélo", (200.0, 0.0));
    s.idea(Some(t), "Pistes cyclables", (300.0, 40.0));
    s.next_table("Logement ?");
    s.theme("Loyers", (200.0, 0.0));
    s.next_table("Culture ?");
    s.theme("Lieux", (200.0, 0.0));
    file::save(path, &s.cafe()).unwrap();
}

/// A relay process, killed when dropped: a failing test leaves no relay behind.
struct Served(Child);

impl std::ops::Deref for Served {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Served {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `cafemap serve` on port 0; returns the process and its first room's link.
fn serve(data: &Path, maps: &[&Path]) -> (Served, Link) {
    let mut args = vec!["serve", "--addr", "127.0.0.1:0", "--data", p(data)];
    args.extend(maps.iter().map(|m| p(m)));
    let mut child = Command::new(env!("CARGO_BIN_EXE_cafemap"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let link = Link::parse(line.split_whitespace().last().unwrap()).unwrap();
    (Served(child), link)
}

fn sync(path: &Path, link: &Link) {
    let run = cafemap(&["sync", p(path), &link.url()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
}

/// Adds an idea to table `t`'s tray, at `x`.
fn add(path: &Path, t: usize, words: &str, x: f32) {
    let mut cafe = file::load(path).unwrap();
    let id = cafe.alloc_id();
    let node = cafemap::model::Node { id, ..idea(words) }.at(Point::new(x, 300.0));
    cafe.tables[t].insert(node, None).unwrap();
    file::save(path, &cafe).unwrap();
}

/// Moves the note reading `words` to `(x, y)`.
fn shift(path: &Path, words: &str, x: f32, y: f32) {
    let mut cafe = file::load(path).unwrap();
    let id = cafe
        .tables
        .iter()
        .flat_map(|t| t.nodes())
        .find(|n| n.text == words)
        .unwrap()
        .id;
    for t in &mut cafe.tables {
        if let Some(n) = t.node_mut(id) {
            n.pos = Point::new(x, y);
        }
    }
    file::save(path, &cafe).unwrap();
}

/// What a reader sees of a café: every note's table, text and place, counted.
fn seen(cafe: &Cafe) -> BTreeMap<(usize, String, i64, i64), usize> {
    let mut out = BTreeMap::new();
    for (i, t) in cafe.tables.iter().enumerate() {
        for n in t.nodes() {
            let key = (
                i,
                n.text.clone(),
                n.pos.x.round() as i64,
                n.pos.y.round() as i64,
            );
            *out.entry(key).or_default() += 1;
        }
    }
    out
}

fn copies(dir: &Path, names: &[&str]) -> Vec<PathBuf> {
    let base = dir.join("base.ron");
    names
        .iter()
        .map(|n| {
            let to = dir.join(format!("{n}.ron"));
            std::fs::copy(&base, &to).unwrap();
            to
        })
        .collect()
}

/// `cafemap sync FILE URL` fails, saying `why` on its standard error.
fn assert_sync_refused(file: &Path, link: &Link, why: &str) {
    let run = cafemap(&["sync", p(file), &link.url()]);
    assert!(!run.status.success());
    assert!(text(&run.stderr).contains(why), "{}", text(&run.stderr));
}

/// A café of three tables saved as `dir/base.ron`, served from `dir/rooms`, and a copy of it
/// for each of `names`; returns the relay's data folder, the relay, its link and the copies.
fn serve_three_tables(dir: &Path, names: &[&str]) -> (PathBuf, Served, Link, Vec<PathBuf>) {
    let data = dir.join("rooms");
    let base = dir.join("base.ron");
    three_tables(&base);
    let (relay, link) = serve(&data, &[&base]);
    (data, relay, link, copies(dir, names))
}

#[test]
fn three_tables_converge_with_one_note_taker_away_halfway() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let (_, mut relay, link, files) = serve_three_tables(dir.path(), &["a", "b", "c"]);
        let [a, b, c] = [&files[0], &files[1], &files[2]];
        add(a, 0, "Bus de nuit", 10.0);
        add(b, 1, "Encadrement", 20.0);
        add(c, 2, "Tiers-lieux", 30.0);
        for f in [a, b, c] {
            sync(f, &link);
        }
        // C's Wi-Fi drops: it keeps working, the others go on.
        add(c, 2, "Kiosque", 40.0);
        shift(c, "Lieux", 250.0, 50.0);
        add(a, 0, "Covoiturage", 50.0);
        shift(a, "Pistes cyclables", 320.0, 60.0);
        add(b, 1, "Colocation", 60.0);
        sync(a, &link);
        sync(b, &link);
        // C is back.
        sync(c, &link);
        sync(a, &link);
        sync(b, &link);
        let all: Vec<Cafe> = [a, b, c].iter().map(|f| file::load(f).unwrap()).collect();
        assert_eq!(seen(&all[0]), seen(&all[1]));
        assert_eq!(seen(&all[1]), seen(&all[2]));
        let view = seen(&all[0]);
        for words in [
            "Bus de nuit",
            "Encadrement",
            "Tiers-lieux",
            "Kiosque",
            "Covoiturage",
            "Colocation",
        ] {
            assert_eq!(
                view.iter()
                    .filter(|(k, _)| k.1 == words)
                    .map(|(_, n)| n)
                    .sum::<usize>(),
                1,
                "{words} is there once: {view:?}"
            );
        }
        assert!(view.contains_key(&(0, "Pistes cyclables".into(), 320, 60)));
        assert!(view.contains_key(&(2, "Lieux".into(), 250, 50)));
        relay.kill().unwrap();
        relay.wait().unwrap();
    })
}

/// Polls (bounded) until the room's file on disk holds every change of `cafe`.
fn saved(data: &Path, room: &str, cafe: &Cafe) -> bool {
    let want = remote::version(cafe).unwrap();
    (0..500).any(|_| {
        let ok = std::fs::read(data.join(format!("{room}.loro")))
            .ok()
            .and_then(|b| remote::version_of(&b).ok())
            .is_some_and(|vv| holds(&vv, &want));
        if !ok {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        ok
    })
}

#[test]
fn a_relay_killed_mid_session_restarts_with_everything_it_saved() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let (data, mut relay, link, files) = serve_three_tables(dir.path(), &["a", "b"]);
        add(&files[0], 0, "Avant la panne", 10.0);
        sync(&files[0], &link);
        assert!(saved(&data, &link.room, &file::load(&files[0]).unwrap()));
        relay.kill().unwrap(); // SIGKILL
        relay.wait().unwrap();
        // Meanwhile A keeps working.
        add(&files[0], 1, "Pendant la panne", 20.0);
        assert_sync_refused(&files[0], &link, "unchanged");

        let (mut relay, again) = serve(&data, &[]);
        assert_eq!((&again.room, &again.token), (&link.room, &link.token));
        sync(&files[1], &again);
        let b = file::load(&files[1]).unwrap();
        assert!(b.tables[0].nodes().any(|n| n.text == "Avant la panne"));
        // A resumes: what it wrote during the outage goes out.
        sync(&files[0], &again);
        sync(&files[1], &again);
        let b = file::load(&files[1]).unwrap();
        assert!(b.tables[1].nodes().any(|n| n.text == "Pendant la panne"));
        relay.kill().unwrap();
        relay.wait().unwrap();
    })
}

/// The status line the relay answers a raw upgrade request for `path` with.
fn upgrade_status(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    .unwrap();
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).unwrap_or(0);
    String::from_utf8_lossy(&buf[..n])
        .lines()
        .next()
        .unwrap_or("")
        .to_owned()
}

/// Whether the relay closes a connection (bounded wait) that sends `message`.
fn closes(link: &Link, message: Vec<u8>) -> bool {
    block_on(async {
        use futures_util::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::Message;
        let (mut ws, _) = tokio_tungstenite::connect_async(link.url()).await.unwrap();
        if ws.send(Message::Binary(message.into())).await.is_err() {
            return true;
        }
        let wait = async {
            loop {
                match ws.next().await {
                    None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return true,
                    Some(Ok(_)) => {}
                }
            }
        };
        tokio::time::timeout(std::time::Duration::from_secs(10), wait)
            .await
            .unwrap_or(false)
    })
    .unwrap()
}

#[test]
fn wrong_tokens_foreign_rooms_and_garbage_are_refused_while_the_relay_serves_on() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let (_, mut relay, link, files) = serve_three_tables(dir.path(), &["a", "b"]);

        let wrong = Link {
            token: "0".repeat(32),
            ..link.clone()
        };
        assert_sync_refused(&files[0], &wrong, "refused");
        let ok = "101";
        assert!(
            upgrade_status(&link.host, &format!("/{}?token={}", link.room, link.token))
                .contains(ok)
        );
        for path in [
            format!("/{}", link.room),
            format!("/../../x?token={}", link.token),
            format!("/..%2F..%2Fx?token={}", link.token),
        ] {
            let status = upgrade_status(&link.host, &path);
            assert!(status.contains("401"), "{path}: {status}");
        }

        // A garbage frame, or a message over the protocol's 256 KiB, closes that connection only.
        assert!(
            closes(&link, vec![0xde, 0xad, 0xbe, 0xef, 1, 2, 3]),
            "garbage"
        );
        assert!(closes(&link, vec![0; 300 * 1024]), "oversized");

        add(&files[0], 0, "Toujours servi", 10.0);
        sync(&files[0], &link);
        sync(&files[1], &link);
        assert!(
            file::load(&files[1]).unwrap().tables[0]
                .nodes()
                .any(|n| n.text == "Toujours servi")
        );
        relay.kill().unwrap();
        let mut log = String::new();
        relay
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        relay.wait().unwrap();
        assert!(log.contains("invalid protocol frame"), "{log}");
        assert!(log.contains("handshake auth denied"), "{log}");
        assert!(log.contains("the protocol's limit is 256 KiB"), "{log}");
        assert!(!log.contains(&link.token), "the log never shows a token");
        // Nothing was written outside the relay's folder.
        assert!(!dir.path().join("x").exists() && !dir.path().parent().unwrap().join("x").exists());
    })
}

#[test]
fn a_client_flooding_edits_does_not_starve_the_others() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.ron");
        three_tables(&base);
        let rooms = Arc::new(Rooms::open(&dir.path().join("rooms")).unwrap());
        let (room, token) = rooms.add_map(&base, &file::load(&base).unwrap()).unwrap();
        let relay = Relay::bind("127.0.0.1:0", rooms).unwrap().spawn().unwrap();
        let link = Link {
            host: relay.addr.to_string(),
            room,
            token,
        };
        let files = copies(dir.path(), &["a", "b"]);
        add(&files[0], 0, "Malgré le flot", 10.0);
        let (a, b) = (
            file::load(&files[0]).unwrap(),
            file::load(&files[1]).unwrap(),
        );
        let b = block_on(async {
            let flood_link = link.clone();
            let flooder = tokio::spawn(async move {
                let (mut conn, _) = Conn::join(&flood_link).await.unwrap();
                let doc = loro::LoroDoc::new();
                let t = doc.get_text("flood");
                for i in 0..20_000 {
                    let before = doc.oplog_vv();
                    t.insert(0, "x").unwrap();
                    doc.commit();
                    let u = doc.export(loro::ExportMode::updates(&before)).unwrap();
                    if conn.send_update(u).await.is_err() {
                        return i;
                    }
                    if i % 64 == 0 {
                        tokio::task::yield_now().await;
                    }
                }
                20_000
            });
            sync_once(a, &link).await.unwrap();
            let b = sync_once(b, &link).await.unwrap();
            flooder.abort();
            b
        })
        .unwrap();
        assert!(b.cafe.tables[0].nodes().any(|n| n.text == "Malgré le flot"));
    })
}

#[test]
fn another_map_is_never_joined_to_a_room() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let (data, mut relay, link, _) = serve_three_tables(dir.path(), &[]);
        // A map made apart: its history shares nothing with the room's.
        let other_dir = dir.path().join("other");
        std::fs::create_dir(&other_dir).unwrap();
        let other = other_dir.join("base.ron");
        let mut s = Sketch::new("Autre café", "Autre question ?");
        s.theme("Ailleurs", (100.0, 0.0));
        file::save(&other, &s.cafe()).unwrap();
        let before = std::fs::read(&other).unwrap();
        assert_sync_refused(&other, &link, "not the room's");
        assert_eq!(
            std::fs::read(&other).unwrap(),
            before,
            "the file is unchanged"
        );
        relay.kill().unwrap();
        relay.wait().unwrap();
        // Nor is it opened into the room of the same name.
        let run = cafemap(&[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--data",
            p(&data),
            p(&other),
        ]);
        assert!(!run.status.success());
        assert!(
            text(&run.stderr).contains("another map"),
            "{}",
            text(&run.stderr)
        );
    })
}

#[test]
fn three_note_takers_see_each_other_at_their_tables_until_they_leave() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.ron");
        three_tables(&base);
        let cafe = file::load(&base).unwrap();
        let q: Vec<_> = cafe.tables.iter().map(|t| t.question()).collect();
        let rooms = Arc::new(Rooms::open(&dir.path().join("rooms")).unwrap());
        let (room, token) = rooms.add_map(&base, &cafe).unwrap();
        let relay = Relay::bind("127.0.0.1:0", rooms).unwrap().spawn().unwrap();
        let link = Link {
            host: relay.addr.to_string(),
            room,
            token,
        };
        // Others who go quiet are dropped after this long.
        let quiet = std::time::Duration::from_millis(1500);
        let mut awa = Watcher::join(&link, "Awa", q[0], quiet);
        let mut bruno = Watcher::join(&link, "Bruno", q[1], quiet);
        let mut chloe = Watcher::join(&link, "Chloé", q[2], quiet);
        let all = vec![
            ("Awa".to_owned(), Some(q[0])),
            ("Bruno".to_owned(), Some(q[1])),
            ("Chloé".to_owned(), Some(q[2])),
        ];
        until(
            &mut [&mut awa, &mut bruno, &mut chloe],
            "all three seen",
            |w| w.seen() == all,
        );
        for w in [&awa, &bruno, &chloe] {
            let me: Vec<_> = w.people.iter().filter(|p| p.me).collect();
            assert_eq!(me.len(), 1, "each knows which one is them");
        }

        // Chloé moves to Bruno's table.
        chloe.sit("Chloé", q[1]);
        until(&mut [&mut awa, &mut bruno], "Chloé's move seen", |w| {
            w.seen().contains(&("Chloé".to_owned(), Some(q[1])))
        });

        // Bruno leaves (File ▸ Live session ▸ Leave, or the window closed): gone at once,
        // well before his entry would grow old.
        drop(bruno);
        until(&mut [&mut awa, &mut chloe], "Bruno's goodbye seen", |w| {
            w.people.len() == 2 && !w.seen().iter().any(|(n, _)| n == "Bruno")
        });

        // Someone whose laptop vanishes says no goodbye: they drop out once quiet too long.
        block_on(async {
            let (mut conn, _) = Conn::join(&link).await.unwrap();
            conn.join_presence().await.unwrap();
            let mut roster = cafemap::live::presence::Roster::new(quiet);
            let me = cafemap::live::presence::Presence {
                name: "Fantôme".into(),
                table: Some(q[0]),
            };
            conn.send_presence(roster.publish(me)).await.unwrap();
            // The connection is dropped here, unannounced.
        })
        .unwrap();
        until(&mut [&mut awa, &mut chloe], "the vanished one seen", |w| {
            w.people.len() == 3
        });
        until(
            &mut [&mut awa, &mut chloe],
            "the vanished one dropped",
            |w| w.people.len() == 2 && !w.seen().iter().any(|(n, _)| n == "Fantôme"),
        );
        assert!(awa.connected && chloe.connected);
        drop(relay);
    })
}
