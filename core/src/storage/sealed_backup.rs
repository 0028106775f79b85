//! The JSON backup encrypted with the data's passphrase, when the data is encrypted: a key
//! derived from the passphrase with Argon2id, and XChaCha20-Poly1305 over the backup's bytes,
//! which both hides them and detects any change to them.
//!
//! The file is a small JSON document that says what it is and how to open it:
//! `{"format":"allies-backup-encrypted","version":1,"kdf":"argon2id","memory_kib":…,
//!   "iterations":…,"parallelism":…,"salt":"…","cipher":"xchacha20poly1305","nonce":"…",
//!   "data":"…"}` (salt, nonce and data in base64). Opening it gives the plain backup's bytes.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::aead::{self, Work, CIPHER, KDF, WORK};
use super::cipher::Passphrase;
use crate::error::{Error, Result};

pub const FORMAT: &str = "allies-backup-encrypted";
const VERSION: u32 = 1;
/// Binds the encrypted bytes to this format: they cannot be passed off as something else.
const AAD: &[u8] = b"allies-backup-encrypted/1";

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    kdf: String,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    salt: String,
    cipher: String,
    nonce: String,
    data: String,
}

/// Whether `bytes` are an encrypted backup (as [`seal`] writes them).
pub fn is_sealed(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(format!("{{\"format\":\"{FORMAT}\"").as_bytes())
}

fn failed(message: impl Into<String>) -> Error {
    Error::Invalid {
        code: "backup.failed",
        field: "",
        message: message.into(),
    }
}

fn unreadable(message: impl Into<String>) -> Error {
    Error::Invalid {
        code: "backup.unreadable",
        field: "file",
        message: message.into(),
    }
}

fn derive(key: &Passphrase, salt: &[u8], work: Work) -> Result<[u8; 32]> {
    aead::derive_key(key.as_str().as_bytes(), salt, work)
        .map_err(|e| unreadable(format!("The backup's key could not be made ({e}).")))
}

/// `plain` (a backup's bytes) encrypted with `key`.
pub fn seal(plain: &[u8], key: &Passphrase) -> Result<Vec<u8>> {
    let no_random = |e: String| {
        failed(format!(
            "The backup could not be encrypted: the system gave no random numbers ({e})."
        ))
    };
    let salt = aead::random::<16>().map_err(no_random)?;
    let nonce = aead::random::<{ aead::NONCE_LEN }>().map_err(no_random)?;
    let mut derived = derive(key, &salt, WORK)?;
    let sealed = aead::seal(&derived, &nonce, plain, AAD);
    aead::forget(&mut derived);
    let data = sealed.ok_or_else(|| failed("The backup could not be encrypted."))?;
    let envelope = Envelope {
        format: FORMAT.into(),
        version: VERSION,
        kdf: KDF.into(),
        memory_kib: WORK.memory_kib,
        iterations: WORK.iterations,
        parallelism: WORK.parallelism,
        salt: BASE64.encode(salt),
        cipher: CIPHER.into(),
        nonce: BASE64.encode(nonce),
        data: BASE64.encode(data),
    };
    let mut bytes = serde_json::to_vec(&envelope)
        .map_err(|e| failed(format!("The backup could not be written: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The plain backup inside an encrypted one, opened with `key`. Without a key, or with one that
/// does not open it, the error says to give the passphrase it was made with.
pub fn open(bytes: &[u8], key: Option<&Passphrase>) -> Result<Vec<u8>> {
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| {
        unreadable(format!(
            "This encrypted Allies backup is damaged: {e}. Nothing was changed."
        ))
    })?;
    if envelope.version > VERSION || envelope.kdf != KDF || envelope.cipher != CIPHER {
        return Err(unreadable(
            "This backup was encrypted by a newer version of Allies. Update Allies, then restore it. Nothing was changed.",
        ));
    }
    let work = Work {
        memory_kib: envelope.memory_kib,
        iterations: envelope.iterations,
        parallelism: envelope.parallelism,
    };
    if !work.is_reasonable() {
        return Err(unreadable(
            "This backup asks for more work to open than any Allies backup does; it was not made by Allies. Nothing was changed.",
        ));
    }
    let Some(key) = key else {
        return Err(Error::Invalid {
            code: "backup.passphrase_needed",
            field: "passphrase",
            message: "This backup is encrypted. Enter the passphrase your data had when it was made. Nothing was changed yet.".into(),
        });
    };
    let decode = |what: &str, text: &str| {
        BASE64.decode(text).map_err(|_| {
            unreadable(format!(
                "The backup's {what} is damaged. Nothing was changed."
            ))
        })
    };
    let salt = decode("salt", &envelope.salt)?;
    let nonce = decode("nonce", &envelope.nonce)?;
    let data = decode("content", &envelope.data)?;
    if nonce.len() != aead::NONCE_LEN {
        return Err(unreadable(
            "The backup's nonce is damaged. Nothing was changed.",
        ));
    }
    let mut derived = derive(key, &salt, work)?;
    let plain = aead::open(&derived, &nonce, &data, AAD);
    aead::forget(&mut derived);
    plain.ok_or_else(|| Error::Invalid {
        code: "backup.wrong_passphrase",
        field: "passphrase",
        message: "That passphrase does not open this backup (or the file was changed). Enter the passphrase your data had when the backup was made. Nothing was changed.".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Passphrase {
        Passphrase::new_checked(s).unwrap()
    }

    #[test]
    fn a_sealed_backup_opens_with_its_passphrase_only() {
        let plain = b"{\"format\":\"allies-backup\",\"secret\":\"Zanzibar\"}\n";
        let sealed = seal(plain, &key("correct horse battery")).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!is_sealed(plain));
        assert!(
            !sealed.windows(8).any(|w| w == b"Zanzibar"),
            "the content is not readable in the file"
        );
        assert_eq!(
            open(&sealed, Some(&key("correct horse battery"))).unwrap(),
            plain
        );
        let wrong = open(&sealed, Some(&key("not the passphrase"))).unwrap_err();
        assert_eq!(wrong.code(), "backup.wrong_passphrase");
        assert!(wrong.to_string().contains("Nothing was changed"), "{wrong}");
        assert_eq!(
            open(&sealed, None).unwrap_err().code(),
            "backup.passphrase_needed"
        );
        assert_ne!(
            seal(plain, &key("correct horse battery")).unwrap(),
            sealed,
            "each backup has its own salt and nonce"
        );
    }

    #[test]
    fn a_changed_or_crafted_file_is_refused() {
        let sealed = seal(b"{}", &key("correct horse battery")).unwrap();
        let mut envelope: serde_json::Value = serde_json::from_slice(&sealed).unwrap();
        let data = envelope["data"].as_str().unwrap().to_owned();
        let mut bytes = BASE64.decode(data).unwrap();
        bytes[0] ^= 1;
        envelope["data"] = BASE64.encode(bytes).into();
        let changed = serde_json::to_vec(&envelope).unwrap();
        assert_eq!(
            open(&changed, Some(&key("correct horse battery")))
                .unwrap_err()
                .code(),
            "backup.wrong_passphrase",
            "a changed byte is detected"
        );
        envelope["memory_kib"] = (u32::MAX).into();
        let greedy = serde_json::to_vec(&envelope).unwrap();
        assert_eq!(
            open(&greedy, Some(&key("correct horse battery")))
                .unwrap_err()
                .code(),
            "backup.unreadable"
        );
        assert_eq!(
            open(b"{\"format\":\"allies-backup-encrypted\"", None)
                .unwrap_err()
                .code(),
            "backup.unreadable"
        );
    }
}
