//! The join link a note-taker is given: `ws://HOST:PORT/ROOM?token=HEX`. The room is the
//! path's one segment (the relay's workspace and its Loro room at once), the token 128 random
//! bits in hexadecimal. A link for one table adds `&table=N` (counted from 1): the window
//! opens on that table; the relay never sees it ([`Link::url`] leaves it out).

use std::fmt;

/// The most characters a room name has (the protocol allows 128 bytes).
pub const MAX_ROOM: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// `host:port`.
    pub host: String,
    pub room: String,
    pub token: String,
}

impl Link {
    pub fn parse(text: &str) -> Result<Link, String> {
        let bad = || {
            format!(
                "“{}” is not a live session link (it looks like ws://192.168.1.10:7878/cafe?token=…)",
                text.trim()
            )
        };
        let rest = text.trim().strip_prefix("ws://").ok_or_else(bad)?;
        let (host, rest) = rest.split_once('/').ok_or_else(bad)?;
        let (room, query) = rest.split_once('?').ok_or_else(bad)?;
        let token = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("token="))
            .ok_or_else(bad)?;
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
        if !host_ok || !valid_room(room) || !valid_token(token) {
            return Err(bad());
        }
        Ok(Link {
            host: host.to_owned(),
            room: room.to_owned(),
            token: token.to_owned(),
        })
    }

    pub fn url(&self) -> String {
        format!("ws://{}/{}?token={}", self.host, self.room, self.token)
    }

    /// The link that gives its note-taker table `number` (counted from 1).
    pub fn for_table(&self, number: usize) -> String {
        format!("{}&table={number}", self.url())
    }
}

/// The table a link gives its note-taker (`&table=N`, counted from 1), if it names one.
pub fn table_of(text: &str) -> Option<usize> {
    let (_, query) = text.trim().split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("table="))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n >= 1)
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url())
    }
}

/// A room name: lower-case letters, digits and dashes, not starting with a dash. Room names
/// become file names in the relay's folder, so nothing else is ever accepted (no dots, no
/// slashes: a name can never lead out of the folder).
pub fn valid_room(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_ROOM
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn valid_token(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A new room token: 128 bits from the system's random source.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no random source for a token ({e})"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A room name made from a map's file name: "Café Lyon 2024.ron" → "cafe-lyon-2024".
pub fn room_name(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' | 'Ç' => 'c',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= MAX_ROOM {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "cafe".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_read_back_and_refuse_what_is_not_one() {
        let link = Link {
            host: "127.0.0.1:7878".into(),
            room: "cafe-lyon".into(),
            token: "0123456789abcdef0123456789abcdef".into(),
        };
        assert_eq!(Link::parse(&link.url()), Ok(link));
        for bad in [
            "http://h:1/cafe?token=0123456789abcdef0123456789abcdef",
            "ws://h:1/../../x?token=0123456789abcdef0123456789abcdef",
            "ws://h:1/cafe?token=short",
            "ws://h:1/cafe",
            "ws://h/x/y?token=0123456789abcdef0123456789abcdef",
        ] {
            assert!(Link::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_table_link_is_the_room_link_with_its_table() {
        let link = Link {
            host: "192.168.1.10:7878".into(),
            room: "cafe".into(),
            token: "0123456789abcdef0123456789abcdef".into(),
        };
        let given = link.for_table(2);
        assert_eq!(Link::parse(&given), Ok(link.clone()), "the relay's link");
        assert_eq!(table_of(&given), Some(2));
        assert_eq!(table_of(&link.url()), None);
        for bad in ["&table=0", "&table=x", "&table=-1", "&table="] {
            assert_eq!(table_of(&format!("{}{bad}", link.url())), None, "{bad}");
        }
    }

    #[test]
    fn room_names_stay_inside_the_folder() {
        assert_eq!(room_name("Café Lyon 2024"), "cafe-lyon-2024");
        assert_eq!(room_name("../../x"), "x");
        assert_eq!(room_name("…"), "cafe");
        assert!(!valid_room("../x") && !valid_room(".") && !valid_room("A"));
        assert_eq!(new_token().unwrap().len(), 32);
    }
}
