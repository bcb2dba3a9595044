//! The relay's front door: every connection passes through here on its way to
//! `loro-websocket-server`, which reads messages of any size its WebSocket library allows
//! (64 MiB). The protocol's limit is 256 KiB a message: a client that sends more (in one frame
//! or in continuation frames) is cut off here, with the reason in the log, before the relay
//! sees a byte of it. The other connections never notice.
//!
//! Only frame headers are read (a few bytes each); payloads pass through untouched.

use loro_protocol::MAX_MESSAGE_SIZE;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The most an HTTP upgrade request may take before its frames start.
const MAX_REQUEST: usize = 16 * 1024;

/// Accepts connections on `public` and passes each on to the relay at `inner`.
pub async fn front(public: TcpListener, inner: SocketAddr) {
    loop {
        match public.accept().await {
            Ok((client, peer)) => {
                tokio::spawn(async move {
                    if let Err(why) = pass(client, inner).await {
                        tracing::warn!(%peer, "connection closed: {why}");
                    }
                });
            }
            Err(e) => tracing::warn!("accept failed: {e}"),
        }
    }
}

async fn pass(client: TcpStream, inner: SocketAddr) -> Result<(), String> {
    let relay = TcpStream::connect(inner)
        .await
        .map_err(|e| format!("the relay is not answering ({e})"))?;
    let _ = client.set_nodelay(true);
    let _ = relay.set_nodelay(true);
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_relay, mut to_relay) = relay.into_split();
    let down = async {
        let _ = tokio::io::copy(&mut from_relay, &mut to_client).await;
        Ok(())
    };
    let up = async {
        let mut frames = Frames::default();
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = from_client.read(&mut buf).await.unwrap_or(0);
            let Some(bytes) = buf.get(..n).filter(|b| !b.is_empty()) else {
                return Ok(());
            };
            frames.feed(bytes)?;
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

/// Where the client's byte stream stands: in its upgrade request, in a frame header, or in a
/// payload with `remaining` bytes to go.
#[derive(Default)]
struct Frames {
    frames_started: bool,
    request: Vec<u8>,
    header: Vec<u8>,
    remaining: u64,
    /// The size of the message being sent so far (its frames added up).
    message: u64,
}

impl Frames {
    fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut rest = bytes;
        while !rest.is_empty() {
            if !self.frames_started {
                let (&b, tail) = rest.split_first().ok_or("")?;
                rest = tail;
                self.request.push(b);
                if self.request.ends_with(b"\r\n\r\n") {
                    self.frames_started = true;
                    self.request = Vec::new();
                } else if self.request.len() > MAX_REQUEST {
                    return Err("the upgrade request is too long".into());
                }
                continue;
            }
            if self.remaining > 0 {
                let take = usize::try_from(self.remaining)
                    .unwrap_or(usize::MAX)
                    .min(rest.len());
                self.remaining -= take as u64;
                rest = rest.get(take..).unwrap_or_default();
                continue;
            }
            let (&b, tail) = rest.split_first().ok_or("")?;
            rest = tail;
            self.header.push(b);
            if let Some((opcode, len)) = header(&self.header) {
                self.header.clear();
                match opcode {
                    0 => self.message = self.message.saturating_add(len),
                    1 | 2 => self.message = len,
                    _ if len > 125 => return Err("a control frame is too long".into()),
                    _ => {}
                }
                if self.message > MAX_MESSAGE_SIZE as u64 {
                    return Err(format!(
                        "a message of more than {} bytes (the protocol's limit is 256 KiB)",
                        self.message
                    ));
                }
                self.remaining = len;
            }
        }
        Ok(())
    }
}

/// A complete frame header's opcode and payload length; `None` while bytes are missing.
fn header(h: &[u8]) -> Option<(u8, u64)> {
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
    let need = 2 + ext + if masked { 4 } else { 0 };
    (h.len() >= need).then_some((first & 0x0f, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(opcode: u8, len: usize) -> Vec<u8> {
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
        let mut ok = Frames::default();
        let mut stream = b"GET /r?token=t HTTP/1.1\r\nHost: h\r\n\r\n".to_vec();
        stream.extend(frame(2, 10));
        stream.extend(frame(2, MAX_MESSAGE_SIZE));
        stream.extend(frame(9, 4));
        // Byte by byte, as a slow network delivers it.
        for b in stream.chunks(1) {
            ok.feed(b).unwrap();
        }
        let mut big = Frames::default();
        let mut stream = b"GET / HTTP/1.1\r\n\r\n".to_vec();
        stream.extend(frame(2, 200 * 1024));
        // The same message continued past the limit.
        stream.extend({
            let mut f = frame(0, 100 * 1024);
            if let Some(b) = f.first_mut() {
                *b = 0x80;
            }
            f
        });
        let err = big.feed(&stream).unwrap_err();
        assert!(err.contains("256 KiB"), "{err}");
    }
}
