//! Live sessions (issue "Live café"). Run with `cargo bench --bench live` (release build).
//! Prints:
//! - convergence: 6 clients on one in-process relay, each adding 200 ideas one change at a
//!   time as a note-taker types them, until all 6 hold all 1,200 (goal ≤ 2 s);
//! - the relay's resident memory (`cafemap serve` as a process) holding 10 rooms of 1,000
//!   ideas, each joined by a client (goal ≤ 60 MB);
//! - the size of a 1,000-idea room's snapshot, which the relay sends in one message on join;
//! - a 10,000-idea room: the time to join it with a copy of the map and with nothing, and the
//!   relay's RSS with it;
//! - the frame time of a window (File ▸ Live session ▸ Join…) on a 1,000-idea room while another
//!   note-taker changes a note every frame, against the same window at rest (goal: under 1 ms
//!   added).

use cafemap::geom::Point;
use cafemap::io::file;
use cafemap::live::Link;
use cafemap::live::client::{Conn, block_on};
use cafemap::live::relay::Relay;
use cafemap::live::rooms::Rooms;
use cafemap::model::{Cafe, CafeInfo, Node, NodeId, NodeKind};
use cafemap::sync::remote;
use std::io::{BufRead, BufReader};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 6;
const EDITS: usize = 200;

/// A café of one table: `ideas` ideas under 20 themes.
fn cafe_of(ideas: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Café en direct".into(),
        ..Default::default()
    });
    let mut table = cafe.new_table("Comment mieux vivre ensemble dans le quartier ?");
    let q = table.question();
    let themes: Vec<NodeId> = (0..20)
        .map(|i| {
            let id = cafe.alloc_id();
            let node = Node::new(id, NodeKind::Theme, format!("Thème {i}"))
                .at(Point::new(400.0 * i as f32, 0.0));
            table.insert(node, Some(q)).unwrap();
            id
        })
        .collect();
    for i in 0..ideas {
        let id = cafe.alloc_id();
        let text = format!("Idée {i} : des bancs et de l’ombre près de l’école");
        let node = Node::new(id, NodeKind::Idea, text).at(Point::new(i as f32, 100.0));
        table.insert(node, Some(themes[i % themes.len()])).unwrap();
    }
    cafe.tables.push(table);
    cafe
}

fn room(rooms: &Rooms, dir: &std::path::Path, name: &str, cafe: &Cafe) -> (String, String) {
    let path = dir.join(format!("{name}.ron"));
    file::save(&path, cafe).unwrap();
    rooms.add_map(&path, &file::load(&path).unwrap()).unwrap()
}

fn convergence() {
    let dir = tempfile::tempdir().unwrap();
    let rooms = Arc::new(Rooms::open(&dir.path().join("rooms")).unwrap());
    let base = cafe_of(0);
    let (name, token) = room(&rooms, dir.path(), "convergence", &base);
    let relay = Relay::bind("127.0.0.1:0", rooms).unwrap().spawn().unwrap();
    let link = Link {
        host: relay.addr.to_string(),
        room: name,
        token,
    };
    let base_file = dir.path().join("convergence.ron");
    // Each note-taker is a machine of its own: a thread and a runtime each.
    let start = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let link = link.clone();
            let cafe = file::load(&base_file).unwrap();
            std::thread::spawn(move || block_on(client(c, cafe, link)).unwrap())
        })
        .collect();
    let mut worst = (Duration::ZERO, Duration::ZERO, 0);
    for c in clients {
        let r = c.join().unwrap();
        if r.0 + r.1 > worst.0 + worst.1 {
            worst = r;
        }
    }
    let elapsed = start.elapsed();
    println!(
        "  slowest client: {:.0} ms recording and sending its 200 changes, {:.0} ms absorbing \
         the others' in {} batches",
        worst.0.as_secs_f64() * 1000.0,
        worst.1.as_secs_f64() * 1000.0,
        worst.2
    );
    println!(
        "convergence: {CLIENTS} clients × {EDITS} edits: {:.0} ms (goal ≤ 2000 ms)",
        elapsed.as_secs_f64() * 1000.0
    );
}

/// One note-taker: joins, sends each new idea as its own change, then takes the others'
/// changes until it holds every idea.
async fn client(c: usize, cafe: Cafe, link: Link) -> (Duration, Duration, usize) {
    let (mut conn, snapshot) = Conn::join(&link).await.unwrap();
    let started = Instant::now();
    let mut cafe = remote::absorb(&cafe, &[snapshot]).unwrap().unwrap_or(cafe);
    for i in 0..EDITS {
        let before = remote::version(&cafe).unwrap();
        let id = cafe.alloc_id();
        let node = Node::new(id, NodeKind::Idea, format!("Client {c}, idée {i}"))
            .at(Point::new(i as f32, 50.0 * c as f32));
        cafe.tables[0].insert(node, None).unwrap();
        let update = remote::updates_since(&cafe, Some(&before)).unwrap();
        conn.send_update(update).await.unwrap();
    }
    let sending = started.elapsed();
    let (mut absorbing, mut batches) = (Duration::ZERO, 0);
    let want = CLIENTS * EDITS;
    let count = |cafe: &Cafe| cafe.tables[0].unsorted().len();
    while count(&cafe) < want {
        // What arrived within a frame (16 ms) is taken together, as the window would.
        let mut batch = match conn.next_updates().await.unwrap() {
            Some(u) => u,
            None => panic!("the relay closed the connection"),
        };
        while let Ok(Ok(Some(more))) =
            tokio::time::timeout(Duration::from_millis(16), conn.next_updates()).await
        {
            batch.extend(more);
        }
        let t = Instant::now();
        if let Some(next) = remote::absorb(&cafe, &batch).unwrap() {
            cafe = next;
        }
        absorbing += t.elapsed();
        batches += 1;
    }
    (sending, absorbing, batches)
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

fn relay_memory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("rooms");
    let maps: Vec<_> = (0..10)
        .map(|i| {
            let path = dir.path().join(format!("cafe-{i}.ron"));
            file::save(&path, &cafe_of(1000)).unwrap();
            path
        })
        .collect();
    // The relay runs in a process of its own: this bench run again as `cafemap serve` (not the
    // cafemap binary, which another branch's build may have replaced in a shared target).
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .env(RELAY, &data)
        .args(&maps)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let links: Vec<Link> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .take(10)
        .map(|l| Link::parse(l.unwrap().split_whitespace().last().unwrap()).unwrap())
        .collect();
    let snapshot = std::fs::read(data.join(format!("{}.loro", links[0].room))).unwrap();
    println!(
        "a 1,000-idea room's snapshot: {} KiB (the protocol allows 256 KiB a message)",
        snapshot.len() / 1024
    );
    let idle = rss_kib(child.id());
    block_on(async {
        let mut conns = Vec::new();
        for link in &links {
            match Conn::join(link).await {
                Ok((conn, _)) => conns.push(conn),
                Err(e) => println!("joining {} failed: {e}", link.room),
            }
        }
        let rss = rss_kib(child.id());
        println!(
            "relay RSS, 10 rooms of 1,000 ideas joined: {:.1} MB (idle {:.1} MB; goal ≤ 60 MB)",
            rss as f64 / 1024.0,
            idle as f64 / 1024.0
        );
        for c in conns {
            c.close().await;
        }
    })
    .unwrap();
    let _ = child.kill();
    let _ = child.wait();
}

/// Set to a data folder: this process is the relay of `relay_memory`.
const RELAY: &str = "CAFEMAP_BENCH_RELAY";

/// `cafemap serve --addr 127.0.0.1:0 --data DIR MAP…`, as the command line runs it.
fn serve(data: &str) {
    let maps: Vec<std::path::PathBuf> = std::env::args_os()
        .skip(1)
        .filter(|a| a.to_string_lossy().ends_with(".ron"))
        .map(Into::into)
        .collect();
    let code = cafemap::cli::run(cafemap::cli::Command::Serve {
        addr: "127.0.0.1:0".into(),
        data: Some(data.into()),
        maps,
    });
    println!("relay ended: {code:?}");
}

fn main() {
    if let Ok(data) = std::env::var(RELAY) {
        return serve(&data);
    }
    // `cargo bench --bench live -- window` runs only the window's frames.
    if std::env::args().any(|a| a == "window") {
        return window_frames();
    }
    convergence();
    relay_memory();
    big_room();
    window_frames();
}

/// A 10,000-idea room (its state far over the protocol's 256 KiB a message) served by
/// `cafemap serve`: joined by a copy of its map (sent what it lacks) and by a client with
/// nothing (sent the whole room, in fragments); the relay's RSS then.
fn big_room() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("rooms");
    let map = dir.path().join("grand-cafe.ron");
    file::save(&map, &cafe_of(10_000)).unwrap();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .env(RELAY, &data)
        .arg(&map)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let link = Link::parse(line.split_whitespace().last().unwrap()).unwrap();
    let copy = file::load(&map).unwrap();
    let ours = remote::version(&copy).unwrap();
    let idle = rss_kib(child.id());
    block_on(async {
        // The first join reads the room from disk: a second one shows a join as the café runs.
        for (who, version) in [("a copy of the map", &ours), ("a copy of the map", &ours)]
            .into_iter()
            .chain([("a client with nothing", &loro::VersionVector::new())])
        {
            let t = Instant::now();
            let (conn, joined) = Conn::join_since(&link, version).await.unwrap();
            println!(
                "10,000-idea room joined by {who}: {:.0} ms, {} KiB received",
                t.elapsed().as_secs_f64() * 1000.0,
                joined.state.len() / 1024
            );
            conn.close().await;
        }
        // Two note-takers at work: one adds 100 ideas, one change each, as typed; the relay
        // saves the changed room (a 10,000-idea snapshot) every 20 ms meanwhile.
        let mut typing = file::load(&map).unwrap();
        let (mut writer, _) = Conn::join_since(&link, &ours).await.unwrap();
        let (mut reader, _) = Conn::join_since(&link, &ours).await.unwrap();
        let t = Instant::now();
        let mut recording = Duration::ZERO;
        for i in 0..100 {
            let r = Instant::now();
            let before = remote::version(&typing).unwrap();
            let id = typing.alloc_id();
            let node = Node::new(id, NodeKind::Idea, format!("Nouvelle idée {i}"));
            typing.tables[0].insert(node, None).unwrap();
            let update = remote::updates_since(&typing, Some(&before)).unwrap();
            recording += r.elapsed();
            writer.send_update(update).await.unwrap();
        }
        let sent = t.elapsed();
        let mut got = 0;
        while got < 100 {
            got += reader.next_updates().await.unwrap().unwrap().len();
        }
        println!(
            "10,000-idea room, 100 changes sent one by one: all arrived at another note-taker after {:.0} ms (sending took {:.0} ms, of which recording each change {:.0} ms)",
            t.elapsed().as_secs_f64() * 1000.0,
            sent.as_secs_f64() * 1000.0,
            recording.as_secs_f64() * 1000.0
        );
        writer.close().await;
        reader.close().await;
        let t = Instant::now();
        let synced = cafemap::live::client::sync_once(copy, &link).await.unwrap();
        println!(
            "cafemap sync of a 10,000-idea copy (join, merge): {:.0} ms (received: {})",
            t.elapsed().as_secs_f64() * 1000.0,
            synced.received
        );
    })
    .unwrap();
    println!(
        "relay RSS with the 10,000-idea room joined: {:.1} MB (before the first join {:.1} MB)",
        rss_kib(child.id()) as f64 / 1024.0,
        idle as f64 / 1024.0
    );
    let _ = child.kill();
    let _ = child.wait();
    // Started again on its folder alone, the relay reads the room at the first join: its RSS
    // is then the room's, without what reading the map at start left behind.
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .env(RELAY, &data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let link = Link::parse(line.split_whitespace().last().unwrap()).unwrap();
    let idle = rss_kib(child.id());
    block_on(async {
        let (a, _) = Conn::join_since(&link, &ours).await.unwrap();
        let (b, _) = Conn::join(&link).await.unwrap();
        println!(
            "relay restarted on its folder, the 10,000-idea room joined twice: {:.1} MB (idle {:.1} MB)",
            rss_kib(child.id()) as f64 / 1024.0,
            idle as f64 / 1024.0
        );
        a.close().await;
        b.close().await;
    })
    .unwrap();
    let _ = child.kill();
    let _ = child.wait();
}

/// A window joined to a 1,000-idea room: its frames at rest, then while another note-taker
/// changes a note each frame (the frame that absorbs each change, timed).
fn window_frames() {
    use cafemap::i18n::Lang;
    use cafemap::ui::{CafeApp, Command, Document, LiveStatus};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    const CHANGES: usize = 100;
    let dir = tempfile::tempdir().unwrap();
    let rooms = Arc::new(Rooms::open(&dir.path().join("rooms")).unwrap());
    let (room_name, token) = room(&rooms, dir.path(), "window", &cafe_of(1000));
    let relay = Relay::bind("127.0.0.1:0", rooms).unwrap().spawn().unwrap();
    let link = Link {
        host: relay.addr.to_string(),
        room: room_name,
        token,
    };
    let path = dir.path().join("window.ron");
    let doc = Document::new(file::load(&path).unwrap(), Some(path.clone()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            |ui, app: &mut CafeApp| app.frame_ui(ui),
            CafeApp::with_document(Lang::En, doc).with_live_name("Awa"),
        );
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::LiveJoin);
    h.run();
    h.event(egui::Event::Text(link.url()));
    h.run();
    h.get_by_label("Join").click();
    let mut joined = false;
    for _ in 0..2000 {
        h.step();
        if h.state().live_status() == Some(LiveStatus::Connected) {
            joined = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(joined, "the window joins");
    h.run();
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let rest: Vec<Duration> = (0..CHANGES)
        .map(|_| {
            let t = Instant::now();
            h.step();
            t.elapsed()
        })
        .collect();

    // The other note-taker, on the same runtime throughout.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (mut conn, snapshot) = rt.block_on(Conn::join(&link)).unwrap();
    let base = file::load(&path).unwrap();
    let mut cafe = remote::absorb(&base, std::slice::from_ref(&snapshot))
        .unwrap()
        .unwrap_or(base);
    // A third replica absorbs the same changes alone: the share of `sync::remote::absorb`.
    let third = file::load(&path).unwrap();
    let mut third = remote::absorb(&third, &[snapshot])
        .unwrap()
        .unwrap_or(third);
    // It keeps each café it is given, as the window does, and vouches for it.
    let mut vouched = None;
    let mut alone = Vec::new();
    let mut absorbing = Vec::new();
    for i in 0..CHANGES {
        let before = remote::version(&cafe).unwrap();
        let text = format!("Idée changée {i}");
        let id = cafe.tables[0].nodes().nth(30 + i).unwrap().id;
        cafe.tables[0].node_mut(id).unwrap().text = text.clone();
        let update = remote::updates_since(&cafe, Some(&before)).unwrap();
        let t = Instant::now();
        if let Some((next, stamp)) =
            remote::absorb_vouched(&third, vouched, std::slice::from_ref(&update)).unwrap()
        {
            (third, vouched) = (next, Some(stamp));
        }
        alone.push(t.elapsed());
        rt.block_on(conn.send_update(update)).unwrap();
        let mut seen = false;
        for _ in 0..2000 {
            let t = Instant::now();
            h.step();
            let took = t.elapsed();
            if h.state().document().cafe().tables[0]
                .node(id)
                .is_some_and(|n| n.text == text)
            {
                absorbing.push(took);
                seen = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(seen, "change {i} reaches the window");
    }
    let (rest, busy) = (median(rest), median(absorbing.clone()));
    let worst = absorbing.iter().max().copied().unwrap_or_default();
    println!(
        "window on a 1,000-idea room: frame at rest {:.2} ms, frame absorbing a remote change \
         {:.2} ms (median of {CHANGES}, worst {:.2} ms): {:.2} ms added (goal < 1 ms)",
        rest.as_secs_f64() * 1e3,
        busy.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
        (busy.saturating_sub(rest)).as_secs_f64() * 1e3,
    );
    println!(
        "  of which sync::remote::absorb alone (one change into a 1,000-idea café): {:.2} ms",
        median(alone).as_secs_f64() * 1e3
    );
}
