//! The relay's front door (`live::guard`) on bytes from the network: a real relay on loopback
//! (the guard's parser is private; this reaches it the way a client does). The first byte picks
//! what comes before the rest: nothing (raw bytes), or a valid WebSocket upgrade request for a
//! room, so that the frames reach the guard's frame parser.
//!
//! Checks: never a panic in the guard or the relay (libFuzzer's panic hook aborts the process,
//! whichever thread panics); and whenever the bytes declare a message over the protocol's 256 KiB
//! (frames of a message added up) or a control frame over 125 bytes, the connection is cut
//! without waiting for the payload. The expected verdict comes from the small model below, read
//! from RFC 6455, not from the guard's code.
#![no_main]

use cafemap::live::relay::{Relay, Running};
use cafemap::live::rooms::Rooms;
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The protocol's limit on one message (`loro_protocol::MAX_MESSAGE_SIZE`).
const LIMIT: u64 = 256 * 1024;
/// The longest upgrade request the guard reads before frames.
const MAX_REQUEST: usize = 16 * 1024;
const ROOM: &str = "fuzz";
const TOKEN: &str = "0123456789abcdef0123456789abcdef";

fn relay() -> &'static Running {
    static RELAY: OnceLock<Running> = OnceLock::new();
    RELAY.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("cafemap-fuzz-relay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        std::fs::write(dir.join(format!("{ROOM}.token")), TOKEN).expect("the room's token");
        let rooms = Arc::new(Rooms::open(&dir).expect("the rooms"));
        Relay::bind("127.0.0.1:0", rooms)
            .and_then(Relay::spawn)
            .expect("a relay on loopback")
    })
}

/// What the guard must do with a stream: cut it (a limit is passed) or let it through.
#[derive(PartialEq, Debug)]
enum Verdict {
    Cut,
    Pass,
    /// Reserved opcodes (3–7, 11–15): either answer is fine.
    Either,
}

/// RFC 6455 frame headers over the stream, after the upgrade request.
fn verdict(stream: &[u8]) -> Verdict {
    let Some(end) = stream.windows(4).position(|w| w == b"\r\n\r\n") else {
        return if stream.len() > MAX_REQUEST {
            Verdict::Cut
        } else {
            Verdict::Pass
        };
    };
    if end + 4 > MAX_REQUEST + 1 {
        return Verdict::Either;
    }
    let mut at = end + 4;
    let mut message: u64 = 0;
    loop {
        let (Some(&b0), Some(&b1)) = (stream.get(at), stream.get(at + 1)) else {
            return Verdict::Pass;
        };
        let opcode = b0 & 0x0f;
        let (len, ext) = match b1 & 0x7f {
            126 => match stream.get(at + 2..at + 4) {
                Some(b) => (u64::from(u16::from_be_bytes([b[0], b[1]])), 2),
                None => return Verdict::Pass,
            },
            127 => match stream.get(at + 2..at + 10) {
                Some(b) => (u64::from_be_bytes(b.try_into().unwrap_or([0; 8])), 8),
                None => return Verdict::Pass,
            },
            n => (u64::from(n), 0),
        };
        let mask = if b1 & 0x80 != 0 { 4 } else { 0 };
        if stream.len() < at + 2 + ext + mask {
            return Verdict::Pass;
        }
        match opcode {
            0 => message = message.saturating_add(len),
            1 | 2 => message = len,
            8..=10 if len > 125 => return Verdict::Cut,
            8..=10 => {}
            _ => return Verdict::Either,
        }
        if message > LIMIT {
            return Verdict::Cut;
        }
        at = match (at + 2 + ext + mask).checked_add(usize::try_from(len).unwrap_or(usize::MAX)) {
            Some(next) => next,
            None => return Verdict::Pass,
        };
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut stream = Vec::with_capacity(rest.len() + 200);
    if mode & 1 == 1 {
        stream.extend_from_slice(
            format!(
                "GET /{ROOM}?token={TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n\
                 Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
                 Sec-WebSocket-Version: 13\r\n\r\n"
            )
            .as_bytes(),
        );
    }
    stream.extend_from_slice(rest);
    let expected = verdict(&stream);
    let Ok(mut client) = TcpStream::connect(relay().addr) else {
        return;
    };
    let _ = client.set_read_timeout(Some(Duration::from_secs(5)));
    if client.write_all(&stream).is_err() {
        // Cut while writing: only ever for a stream the guard or the relay refuses.
        return;
    }
    if expected != Verdict::Cut {
        // Nothing more is coming: the guard passes the end on and the connection closes.
        let _ = client.shutdown(Shutdown::Write);
    }
    // Until the connection closes; a stream that must be cut is cut without our half-close.
    let mut sink = [0u8; 4096];
    let closed = loop {
        match client.read(&mut sink) {
            Ok(0) => break true,
            Ok(_) => continue,
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                break false;
            }
            Err(_) => break true,
        }
    };
    if expected == Verdict::Cut {
        assert!(closed, "a stream over the limits was not cut: {expected:?}");
    }
});
