//! The relay's front door: every connection passes through here on its way to
//! `loro-websocket-server`, which reads messages of any size its WebSocket library allows
//! (64 MiB). The protocol's limit is 256 KiB a message: a client that sends more (in one frame
//! or in continuation frames) is cut off here, with the reason in the log, before the relay
//! sees a byte of it. The other connections never notice.
//!
//! The client's bytes pass on as they came, once each message is read (unmasked) for the
//! room's copy ([`Mirror::up`]); the relay's messages are read whole and sent on as frames of
//! our own, so that a join can be answered within the protocol ([`Mirror::down`]).

use super::mirror::{self, Mirror};
use loro_protocol::MAX_MESSAGE_SIZE;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The most an HTTP upgrade request (or its answer) may take before its frames start.
const MAX_REQUEST: usize = 16 * 1024;

/// What went through the front door.
#[derive(Default)]
pub struct Traffic {
    largest: AtomicUsize,
}

impl Traffic {
    /// The largest message that passed, either way (the protocol's limit is 256 KiB).
    pub fn largest(&self) -> usize {
        self.largest.load(Ordering::Relaxed)
    }

    fn saw(&self, len: usize) {
        self.largest.fetch_max(len, Ordering::Relaxed);
    }
}

/// Accepts connections on `public` and passes each on to the relay at `inner`.
pub async fn front(
    public: TcpListener,
    inner: SocketAddr,
    mirror: Arc<Mirror>,
    traffic: Arc<Traffic>,
) {
    loop {
        match public.accept().await {
            Ok((client, peer)) => {
                let mirror = Arc::clone(&mirror);
                let traffic = Arc::clone(&traffic);
                tokio::spawn(async move {
                    if let Err(why) = pass(client, inner, &mirror, &traffic).await {
                        tracing::warn!(%peer, "connection closed: {why}");
                    }
                });
            }
            Err(e) => tracing::warn!("accept failed: {e}"),
        }
    }
}

async fn pass(
    client: TcpStream,
    inner: SocketAddr,
    mirror: &Mirror,
    traffic: &Traffic,
) -> Result<(), String> {
    let relay = TcpStream::connect(inner)
        .await
        .map_err(|e| format!("the relay is not answering ({e})"))?;
    let _ = client.set_nodelay(true);
    let _ = relay.set_nodelay(true);
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_relay, mut to_relay) = relay.into_split();
    let conn = Mutex::new(mirror::Conn::default());
    let conn = || conn.lock().unwrap_or_else(|e| e.into_inner());
    let down = async {
        let mut frames = Frames::new(Side::Relay);
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = from_relay.read(&mut buf).await.unwrap_or(0);
            let Some(bytes) = buf.get(..n).filter(|b| !b.is_empty()) else {
                return Ok(());
            };
            let mut out = Vec::new();
            for piece in frames.feed(bytes)? {
                match piece {
                    Piece::Bytes(b) => out.extend(b),
                    Piece::Message(BINARY, payload) => {
                        for msg in mirror.down(&mut conn(), payload) {
                            traffic.saw(msg.len());
                            out.extend(frame(BINARY, &msg));
                        }
                    }
                    Piece::Message(opcode, payload) => out.extend(frame(opcode, &payload)),
                }
            }
            if to_client.write_all(&out).await.is_err() {
                return Ok(());
            }
        }
    };
    let up = async {
        let mut frames = Frames::new(Side::Client);
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = from_client.read(&mut buf).await.unwrap_or(0);
            let Some(bytes) = buf.get(..n).filter(|b| !b.is_empty()) else {
                return Ok(());
            };
            // The room's copy takes a change before the relay can.
            for piece in frames.feed(bytes)? {
                match piece {
                    Piece::Bytes(head) => conn().room = room_of(&head),
                    Piece::Message(BINARY, payload) => {
                        traffic.saw(payload.len());
                        mirror.up(&mut conn(), &payload);
                    }
                    Piece::Message(..) => {}
                }
            }
            if to_relay.write_all(bytes).await.is_err() {
                return Ok(());
            }
        }
    };
    // Whichever side ends first ends both.
    tokio::select! {
        r = down => r,
        r = up => r,
    }
}

/// The room a link names: the first segment of the upgrade request's path (as the crate reads
/// its workspace).
fn room_of(request: &[u8]) -> String {
    let line = request.split(|&b| b == b'\r').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let path = line.split(' ').nth(1).unwrap_or_default();
    let path = path.split('?').next().unwrap_or_default();
    let path = path.strip_prefix('/').unwrap_or_default();
    path.split('/').next().unwrap_or_default().to_owned()
}

const BINARY: u8 = 2;

/// Which end's byte stream: a client's frames are masked, the relay's are not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Client,
    Relay,
}

/// What a byte stream brings, in order.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// The upgrade request or answer; all that follows a refused upgrade.
    Bytes(Vec<u8>),
    /// A whole message (its frames put together, unmasked) or a control frame: opcode, payload.
    Message(u8, Vec<u8>),
}

/// Where a byte stream stands: in its upgrade request or answer, in a frame header, or in a
/// payload with `remaining` bytes to go.
struct Frames {
    side: Side,
    frames_started: bool,
    /// The upgrade was refused: what follows is not frames.
    refused: bool,
    request: Vec<u8>,
    header: Vec<u8>,
    remaining: u64,
    /// The current frame: its opcode, whether it ends its message, its mask and how much of
    /// its payload came.
    opcode: u8,
    fin: bool,
    mask: Option<[u8; 4]>,
    at: usize,
    /// The control frame being read.
    control: Vec<u8>,
    /// The message being read: its opcode and payload so far.
    message: Option<(u8, Vec<u8>)>,
    /// The size of the message being sent so far (its frames added up).
    size: u64,
}

impl Frames {
    fn new(side: Side) -> Frames {
        Frames {
            side,
            frames_started: false,
            refused: false,
            request: Vec::new(),
            header: Vec::new(),
            remaining: 0,
            opcode: 0,
            fin: true,
            mask: None,
            at: 0,
            control: Vec::new(),
            message: None,
            size: 0,
        }
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<Vec<Piece>, String> {
        let mut out = Vec::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.refused {
                out.push(Piece::Bytes(rest.to_vec()));
                break;
            }
            if !self.frames_started {
                let (&b, tail) = rest.split_first().ok_or("")?;
                rest = tail;
                self.request.push(b);
                if self.request.ends_with(b"\r\n\r\n") {
                    self.frames_started = true;
                    let head = std::mem::take(&mut self.request);
                    self.refused = self.side == Side::Relay && !head.starts_with(b"HTTP/1.1 101");
                    out.push(Piece::Bytes(head));
                } else if self.request.len() > MAX_REQUEST {
                    return Err("the upgrade request is too long".into());
                }
                continue;
            }
            if self.remaining > 0 {
                let take = usize::try_from(self.remaining)
                    .unwrap_or(usize::MAX)
                    .min(rest.len());
                let (chunk, tail) = rest.split_at(take);
                rest = tail;
                self.remaining -= take as u64;
                let into = if self.opcode >= 8 {
                    Some(&mut self.control)
                } else {
                    self.message.as_mut().map(|(_, m)| m)
                };
                if let Some(into) = into {
                    match self.mask {
                        Some(mask) => into.extend(
                            chunk
                                .iter()
                                .zip(self.at..)
                                .map(|(&b, i)| b ^ mask.get(i % 4).copied().unwrap_or_default()),
                        ),
                        None => into.extend_from_slice(chunk),
                    }
                }
                self.at += take;
                if self.remaining == 0 {
                    self.end_frame(&mut out);
                }
                continue;
            }
            let (&b, tail) = rest.split_first().ok_or("")?;
            rest = tail;
            self.header.push(b);
            if let Some(h) = header(&self.header) {
                self.header.clear();
                match h.opcode {
                    0 => self.size = self.size.saturating_add(h.len),
                    1 | 2 => {
                        self.size = h.len;
                        self.message = Some((h.opcode, Vec::new()));
                    }
                    8..=15 if h.len > 125 => return Err("a control frame is too long".into()),
                    8..=15 => {}
                    _ => return Err("a frame of no known kind".into()),
                }
                if self.size > MAX_MESSAGE_SIZE as u64 {
                    return Err(format!(
                        "a message of more than {} bytes (the protocol's limit is 256 KiB)",
                        self.size
                    ));
                }
                (self.opcode, self.fin, self.mask) = (h.opcode, h.fin, h.mask);
                self.remaining = h.len;
                self.at = 0;
                if h.len == 0 {
                    self.end_frame(&mut out);
                }
            }
        }
        Ok(out)
    }

    fn end_frame(&mut self, out: &mut Vec<Piece>) {
        if self.opcode >= 8 {
            out.push(Piece::Message(
                self.opcode,
                std::mem::take(&mut self.control),
            ));
        } else if self.fin
            && let Some((opcode, payload)) = self.message.take()
        {
            out.push(Piece::Message(opcode, payload));
        }
    }
}

/// A frame header read whole.
struct Header {
    fin: bool,
    opcode: u8,
    len: u64,
    mask: Option<[u8; 4]>,
}

/// A complete frame header; `None` while bytes are missing.
fn header(h: &[u8]) -> Option<Header> {
    let first = *h.first()?;
    let second = *h.get(1)?;
    let masked = second & 0x80 != 0;
    let (len, ext) = match second & 0x7f {
        126 => (
            u64::from(u16::from_be_bytes(h.get(2..4)?.try_into().ok()?)),
            2,
        ),
        127 => (u64::from_be_bytes(h.get(2..10)?.try_into().ok()?), 8),
        n => (u64::from(n), 0),
    };
    let mask = match masked {
        true => Some(h.get(2 + ext..6 + ext)?.try_into().ok()?),
        false => None,
    };
    Some(Header {
        fin: first & 0x80 != 0,
        opcode: first & 0x0f,
        len,
        mask,
    })
}

/// A whole message as one frame from the relay's side (unmasked).
fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(payload.len() + 10);
    f.push(0x80 | opcode);
    match payload.len() {
        n @ 0..=125 => f.push(n as u8),
        n @ 126..=0xffff => {
            f.push(126);
            f.extend((n as u16).to_be_bytes());
        }
        n => {
            f.push(127);
            f.extend((n as u64).to_be_bytes());
        }
    }
    f.extend_from_slice(payload);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client_frame(opcode: u8, len: usize) -> Vec<u8> {
        let mut f = vec![0x80 | opcode];
        if len < 126 {
            f.push(0x80 | len as u8);
        } else if len <= 0xffff {
            f.push(0x80 | 126);
            f.extend((len as u16).to_be_bytes());
        } else {
            f.push(0x80 | 127);
            f.extend((len as u64).to_be_bytes());
        }
        f.extend([1, 2, 3, 4]);
        f.extend(vec![7u8; len]);
        f
    }

    #[test]
    fn messages_up_to_the_limit_pass_and_larger_ones_are_refused() {
        let mut ok = Frames::new(Side::Client);
        let mut stream = b"GET /r?token=t HTTP/1.1\r\nHost: h\r\n\r\n".to_vec();
        stream.extend(client_frame(2, 10));
        stream.extend(client_frame(2, MAX_MESSAGE_SIZE));
        stream.extend(client_frame(9, 4));
        // Byte by byte, as a slow network delivers it.
        for b in stream.chunks(1) {
            ok.feed(b).unwrap();
        }
        let mut big = Frames::new(Side::Client);
        let mut stream = b"GET / HTTP/1.1\r\n\r\n".to_vec();
        stream.extend(client_frame(2, 200 * 1024));
        // The same message continued past the limit.
        stream.extend({
            let mut f = client_frame(0, 100 * 1024);
            if let Some(b) = f.first_mut() {
                *b = 0x80;
            }
            f
        });
        let err = big.feed(&stream).unwrap_err();
        assert!(err.contains("256 KiB"), "{err}");
    }

    /// A client's frame with a real mask: `fin`, `opcode`, `payload`.
    fn masked(fin: bool, opcode: u8, payload: &[u8]) -> Vec<u8> {
        let mask = [0x12, 0x34, 0x56, 0x78];
        let mut f = vec![if fin { 0x80 } else { 0 } | opcode];
        match payload.len() {
            n @ 0..=125 => f.push(0x80 | n as u8),
            n => {
                f.push(0x80 | 126);
                f.extend((n as u16).to_be_bytes());
            }
        }
        f.extend(mask);
        f.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        f
    }

    #[test]
    fn messages_are_read_whole_and_unmasked_whatever_their_frames() {
        let mut stream = b"GET /cafe-lyon?token=t HTTP/1.1\r\nHost: h\r\n\r\n".to_vec();
        let long: Vec<u8> = (0..300u32).map(|i| i as u8).collect();
        stream.extend(masked(false, 2, &long[..100]));
        stream.extend(masked(true, 9, b"hi"));
        stream.extend(masked(true, 0, &long[100..]));
        stream.extend(masked(true, 2, b""));
        let mut frames = Frames::new(Side::Client);
        let mut pieces = Vec::new();
        for b in stream.chunks(1) {
            pieces.extend(frames.feed(b).unwrap());
        }
        let Some(Piece::Bytes(head)) = pieces.first() else {
            panic!("{pieces:?}");
        };
        assert_eq!(room_of(head), "cafe-lyon");
        assert_eq!(
            pieces[1..],
            [
                Piece::Message(9, b"hi".to_vec()),
                Piece::Message(2, long),
                Piece::Message(2, Vec::new()),
            ]
        );
    }

    #[test]
    fn the_relays_messages_come_back_as_the_frames_sent() {
        let mut stream = b"HTTP/1.1 101 Switching Protocols\r\n\r\n".to_vec();
        let big = vec![5u8; 70_000];
        stream.extend(frame(2, b"join"));
        stream.extend(frame(2, &big));
        stream.extend(frame(8, b""));
        let mut frames = Frames::new(Side::Relay);
        let pieces = frames.feed(&stream).unwrap();
        assert_eq!(
            pieces[1..],
            [
                Piece::Message(2, b"join".to_vec()),
                Piece::Message(2, big),
                Piece::Message(8, Vec::new()),
            ]
        );
        // A refused upgrade passes as it is.
        let mut refused = Frames::new(Side::Relay);
        let answer = b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 12\r\n\r\nUnauthorized";
        let pieces = refused.feed(answer).unwrap();
        let bytes: Vec<u8> = pieces
            .into_iter()
            .flat_map(|p| match p {
                Piece::Bytes(b) => b,
                Piece::Message(..) => panic!("not frames"),
            })
            .collect();
        assert_eq!(bytes, answer);
    }
}
