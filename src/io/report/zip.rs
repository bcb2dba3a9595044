//! The few bytes of a zip archive an OpenDocument file needs, written by hand: local headers,
//! the central directory and its end record (no zip64, no encryption, no extra fields).
//!
//! An ODT wants its `mimetype` entry first and stored (uncompressed), so a program can read the
//! type at a fixed offset; the other entries are deflated with miniz_oxide, already used by the
//! PDF and PNG exports. The `zip` crate would do this too, but brings a dozen crates into the
//! build for about a hundred lines of code.

use crate::io::FileError;

/// How an entry is kept in the archive.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

impl Method {
    fn code(self) -> u16 {
        match self {
            Method::Stored => 0,
            Method::Deflated => 8,
        }
    }
}

struct Entry {
    name: String,
    method: Method,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// A zip archive being written in memory.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    entries: Vec<Entry>,
}

/// 1 January 2026, 00:00, in MS-DOS form: a fixed date keeps the same report byte for byte.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = ((2026 - 1980) << 9) | (1 << 5) | 1;

fn too_large() -> FileError {
    FileError::new("the report is too large for an ODT file (over 4 GB)")
}

impl ZipWriter {
    pub fn add(&mut self, name: &str, data: &[u8], method: Method) -> Result<(), FileError> {
        let crc = crc32fast::hash(data);
        let deflated;
        let body: &[u8] = match method {
            Method::Stored => data,
            Method::Deflated => {
                deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
                &deflated
            }
        };
        let size = u32::try_from(data.len()).map_err(|_| too_large())?;
        let compressed = u32::try_from(body.len()).map_err(|_| too_large())?;
        let offset = u32::try_from(self.out.len()).map_err(|_| too_large())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_large())?;
        let o = &mut self.out;
        o.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        o.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
        o.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: names are UTF-8
        o.extend_from_slice(&method.code().to_le_bytes());
        o.extend_from_slice(&DOS_TIME.to_le_bytes());
        o.extend_from_slice(&DOS_DATE.to_le_bytes());
        o.extend_from_slice(&crc.to_le_bytes());
        o.extend_from_slice(&compressed.to_le_bytes());
        o.extend_from_slice(&size.to_le_bytes());
        o.extend_from_slice(&name_len.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(body);
        self.entries.push(Entry {
            name: name.to_owned(),
            method,
            crc,
            compressed,
            size,
            offset,
        });
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>, FileError> {
        let start = u32::try_from(self.out.len()).map_err(|_| too_large())?;
        let count = u16::try_from(self.entries.len()).map_err(|_| too_large())?;
        let o = &mut self.out;
        for e in &self.entries {
            o.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            o.extend_from_slice(&20u16.to_le_bytes()); // made by: 2.0, MS-DOS attributes
            o.extend_from_slice(&20u16.to_le_bytes());
            o.extend_from_slice(&0x0800u16.to_le_bytes());
            o.extend_from_slice(&e.method.code().to_le_bytes());
            o.extend_from_slice(&DOS_TIME.to_le_bytes());
            o.extend_from_slice(&DOS_DATE.to_le_bytes());
            o.extend_from_slice(&e.crc.to_le_bytes());
            o.extend_from_slice(&e.compressed.to_le_bytes());
            o.extend_from_slice(&e.size.to_le_bytes());
            // The name fitted in a u16 when the entry was added.
            o.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            o.extend_from_slice(&[0; 12]); // extra, comment, disk, internal and external attributes
            o.extend_from_slice(&e.offset.to_le_bytes());
            o.extend_from_slice(e.name.as_bytes());
        }
        let size = u32::try_from(o.len()).map_err(|_| too_large())? - start;
        o.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        o.extend_from_slice(&[0; 4]); // this disk, the directory's disk
        o.extend_from_slice(&count.to_le_bytes());
        o.extend_from_slice(&count.to_le_bytes());
        o.extend_from_slice(&size.to_le_bytes());
        o.extend_from_slice(&start.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes()); // no comment
        Ok(self.out)
    }
}
