//! The sync folder: its manifest (`allies-sync.json`), the changeset files
//! (`changes/<device>/<seq>.changes`) and the device notes (`devices/<device>.json`).
//!
//! A changeset file is one line of JSON (the [`Header`]), a newline, the 24-byte nonce and the
//! sealed changeset. The header is the associated data: changing any byte of it, or of the
//! sealed part, or cutting the file short, makes it fail to open.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::changes::{rows_from, Rows};
use crate::storage::aead::{self, Work, CIPHER, KDF, NONCE_LEN, WORK};

pub(crate) const MANIFEST: &str = "allies-sync.json";
const MANIFEST_FORMAT: &str = "allies-sync";
pub(crate) const FILE_FORMAT: &str = "allies-sync-changes";
pub(crate) const VERSION: u32 = 1;
const CHECK: &[u8] = b"allies-sync key check";
const EXTENSION: &str = "changes";

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Manifest {
    format: String,
    version: u32,
    kdf: String,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    salt: String,
    cipher: String,
    /// The nonce and [`CHECK`] sealed with the key, in base64.
    check: String,
}

/// The plain part of a changeset file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Header {
    pub format: String,
    pub version: u32,
    pub device: String,
    pub seq: i64,
    /// The schema version (number of migrations) of the database that wrote it.
    pub schema: i64,
    pub written_at: String,
    pub hlc: String,
    /// What the device had applied of each other device's files when it made the change.
    pub deps: BTreeMap<String, i64>,
}

/// Why a file cannot be read.
pub(crate) type Unreadable = String;

pub(crate) fn changes_dir(folder: &Path) -> PathBuf {
    folder.join("changes")
}

pub(crate) fn device_dir(folder: &Path, device: &str) -> PathBuf {
    changes_dir(folder).join(device)
}

pub(crate) fn file_path(folder: &Path, device: &str, seq: i64) -> PathBuf {
    device_dir(folder, device).join(format!("{seq:010}.{EXTENSION}"))
}

pub(crate) fn device_note_path(folder: &Path, device: &str) -> PathBuf {
    folder.join(DEVICES).join(format!("{device}.json"))
}

/// Every device that left a note in the folder (each does when it turns sync on), by id.
pub(crate) fn noted_devices(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder.join(DEVICES))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".json").map(ToOwned::to_owned)
        })
        .collect()
}

const DEVICES: &str = "devices";

/// The sequence number a file name gives (`0000000042.changes`); `None` for anything else,
/// such as a temporary file being written.
pub(crate) fn seq_of(name: &str) -> Option<i64> {
    let digits = name.strip_suffix(&format!(".{EXTENSION}"))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Writes `bytes` at `path` through a temporary name in the same folder and a rename, so a file
/// sync never carries half a file under the final name.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = std::fs::File::create(&temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temp, path)
}

/// Reads the manifest, `None` if the folder has none yet.
pub(crate) fn read_manifest(folder: &Path) -> Result<Option<Manifest>, Unreadable> {
    let path = folder.join(MANIFEST);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| format!("{} is damaged ({e})", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{} cannot be read ({e})", path.display())),
    }
}

/// A new manifest for `passphrase`, and the key it gives.
pub(crate) fn new_manifest(passphrase: &str) -> Result<(Manifest, [u8; 32]), Unreadable> {
    let salt = aead::random::<16>()?;
    let nonce = aead::random::<NONCE_LEN>()?;
    let key = aead::derive_key(passphrase.as_bytes(), &salt, WORK)?;
    let sealed = aead::seal(&key, &nonce, CHECK, MANIFEST_FORMAT.as_bytes())
        .ok_or("the key check could not be sealed")?;
    let mut check = nonce.to_vec();
    check.extend(sealed);
    let manifest = Manifest {
        format: MANIFEST_FORMAT.into(),
        version: VERSION,
        kdf: KDF.into(),
        memory_kib: WORK.memory_kib,
        iterations: WORK.iterations,
        parallelism: WORK.parallelism,
        salt: BASE64.encode(salt),
        cipher: CIPHER.into(),
        check: BASE64.encode(check),
    };
    Ok((manifest, key))
}

pub(crate) fn manifest_bytes(manifest: &Manifest) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(manifest).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Whether `key` opens this manifest's key check: the folder is the one this key was made for.
pub(crate) fn opens_with(manifest: &Manifest, key: &[u8; 32]) -> bool {
    let Ok(check) = BASE64.decode(&manifest.check) else {
        return false;
    };
    if check.len() < NONCE_LEN {
        return false;
    }
    let (nonce, sealed) = check.split_at(NONCE_LEN);
    aead::open(key, nonce, sealed, MANIFEST_FORMAT.as_bytes()).is_some_and(|plain| plain == CHECK)
}

/// What opening a manifest with a passphrase gives.
pub(crate) enum KeyCheck {
    Key([u8; 32]),
    WrongPassphrase,
}

/// The key `passphrase` gives for this manifest, if it is the folder's passphrase.
pub(crate) fn key_from(manifest: &Manifest, passphrase: &str) -> Result<KeyCheck, Unreadable> {
    let work = Work {
        memory_kib: manifest.memory_kib,
        iterations: manifest.iterations,
        parallelism: manifest.parallelism,
    };
    if manifest.format != MANIFEST_FORMAT
        || manifest.version > VERSION
        || manifest.kdf != KDF
        || manifest.cipher != CIPHER
    {
        return Err(format!(
            "it was made by a newer version of Allies (format {} version {}); update Allies",
            manifest.format, manifest.version
        ));
    }
    if !work.is_reasonable() {
        return Err(
            "it asks for more work than any Allies folder does; it was not made by Allies".into(),
        );
    }
    let salt = BASE64
        .decode(&manifest.salt)
        .map_err(|_| "its salt is damaged")?;
    let check = BASE64
        .decode(&manifest.check)
        .map_err(|_| "its key check is damaged")?;
    if check.len() < NONCE_LEN {
        return Err("its key check is damaged".into());
    }
    let mut key = aead::derive_key(passphrase.as_bytes(), &salt, work)?;
    let (nonce, sealed) = check.split_at(NONCE_LEN);
    match aead::open(&key, nonce, sealed, MANIFEST_FORMAT.as_bytes()) {
        Some(plain) if plain == CHECK => Ok(KeyCheck::Key(key)),
        _ => {
            aead::forget(&mut key);
            Ok(KeyCheck::WrongPassphrase)
        }
    }
}

/// A changeset file's bytes. The sealed part is the changeset's length (8 bytes, little
/// endian), the changeset, then the whole rows it left (JSON).
pub(crate) fn seal_file(
    header: &Header,
    changeset: &[u8],
    rows: &str,
    key: &[u8; 32],
) -> Result<Vec<u8>, Unreadable> {
    let head = serde_json::to_vec(header).map_err(|e| e.to_string())?;
    let mut plain = (changeset.len() as u64).to_le_bytes().to_vec();
    plain.extend_from_slice(changeset);
    plain.extend_from_slice(rows.as_bytes());
    seal_under(head, &plain, key)
}

/// A sealed file's bytes: the plain header `head` (one line of JSON, the associated data), a
/// newline, a new nonce, and `plain` sealed with `key`.
pub(crate) fn seal_under(
    head: Vec<u8>,
    plain: &[u8],
    key: &[u8; 32],
) -> Result<Vec<u8>, Unreadable> {
    let nonce = aead::random::<NONCE_LEN>()?;
    let sealed = aead::seal(key, &nonce, plain, &head).ok_or("it could not be sealed")?;
    let mut bytes = head;
    bytes.push(b'\n');
    bytes.extend_from_slice(&nonce);
    bytes.extend(sealed);
    Ok(bytes)
}

/// What [`seal_under`] sealed, given where its header line ends.
pub(crate) fn open_sealed(
    bytes: &[u8],
    header_end: usize,
    key: &[u8; 32],
) -> Result<Vec<u8>, Unreadable> {
    let rest = &bytes[header_end + 1..];
    if rest.len() < NONCE_LEN {
        return Err("it is cut short".into());
    }
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    aead::open(key, nonce, sealed, &bytes[..header_end]).ok_or_else(|| {
        "it does not open with this folder's key: it is damaged, cut short, or from a folder with another passphrase".into()
    })
}

/// The header of a changeset file, before it is opened (to tell a newer schema from damage).
pub(crate) fn read_header(bytes: &[u8]) -> Result<(Header, usize), Unreadable> {
    let end = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or("it has no header (it may be cut short or not an Allies file)")?;
    let header: Header = serde_json::from_slice(&bytes[..end])
        .map_err(|e| format!("its header is damaged ({e})"))?;
    if header.format != FILE_FORMAT {
        return Err(format!(
            "it is not an Allies changes file ({})",
            header.format
        ));
    }
    Ok((header, end))
}

/// The changeset and the rows inside a file whose header [`read_header`] read.
pub(crate) fn open_file(
    bytes: &[u8],
    header_end: usize,
    key: &[u8; 32],
) -> Result<(Vec<u8>, Rows), Unreadable> {
    let mut plain = open_sealed(bytes, header_end, key)?;
    let damaged = || "its content is damaged".to_owned();
    let length: [u8; 8] = plain
        .get(..8)
        .and_then(|l| l.try_into().ok())
        .ok_or_else(damaged)?;
    let length = usize::try_from(u64::from_le_bytes(length)).map_err(|_| damaged())?;
    let end = length
        .checked_add(8)
        .filter(|e| *e <= plain.len())
        .ok_or_else(damaged)?;
    let rows = rows_from(&plain[end..]).ok_or_else(damaged)?;
    plain.truncate(end);
    plain.drain(..8);
    Ok((plain, rows))
}
