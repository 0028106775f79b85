//! The key derivation and the cipher that the encrypted backup and sync share: Argon2id turns a
//! passphrase into a 32-byte key, and XChaCha20-Poly1305 seals bytes with it (hiding them and
//! detecting any change to them, and to the associated data bound to them).

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};

pub(crate) const KDF: &str = "argon2id";
pub(crate) const CIPHER: &str = "xchacha20poly1305";
pub(crate) const NONCE_LEN: usize = 24;

/// How much work a key costs to derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Work {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

/// OWASP's recommended minimum for Argon2id: 19 MiB, 2 passes, 1 lane.
pub(crate) const WORK: Work = Work {
    memory_kib: 19 * 1024,
    iterations: 2,
    parallelism: 1,
};

impl Work {
    /// Whether a file asks for no more than any Allies file does, so a crafted file cannot make
    /// opening it take all the memory or hours.
    pub(crate) fn is_reasonable(&self) -> bool {
        self.memory_kib <= 64 * 1024 && self.iterations <= 8 && self.parallelism <= 4
    }
}

/// The key for `secret` and `salt`; the error says why the settings cannot make one.
pub(crate) fn derive_key(secret: &[u8], salt: &[u8], work: Work) -> Result<[u8; 32], String> {
    let params = Params::new(work.memory_kib, work.iterations, work.parallelism, Some(32))
        .map_err(|e| e.to_string())?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, &mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Overwrites a key that is no longer needed.
pub(crate) fn forget(key: &mut [u8; 32]) {
    key.iter_mut().for_each(|b| *b = 0);
    std::hint::black_box(key);
}

/// `N` random bytes from the system (salts, nonces).
pub(crate) fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// `msg` sealed with `key` under `nonce`, bound to `aad`.
pub(crate) fn seal(key: &[u8; 32], nonce: &[u8], msg: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
    if nonce.len() != NONCE_LEN {
        return None;
    }
    XChaCha20Poly1305::new(Key::from_slice(key))
        .encrypt(XNonce::from_slice(nonce), Payload { msg, aad })
        .ok()
}

/// The bytes `sealed` holds, or `None` when the key, the nonce or the associated data is not
/// the one they were sealed with, or a byte of them changed.
pub(crate) fn open(key: &[u8; 32], nonce: &[u8], sealed: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
    if nonce.len() != NONCE_LEN {
        return None;
    }
    XChaCha20Poly1305::new(Key::from_slice(key))
        .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad })
        .ok()
}
