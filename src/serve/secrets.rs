//! The capture token and the Miniflux webhook secret: generated from the OS's CSPRNG on first
//! use, kept in the settings (`capture_token`, `miniflux_secret`), compared in constant time.

use crate::store::{Store, StoreError};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

pub const TOKEN_SETTING: &str = "capture_token";
pub const MINIFLUX_SETTING: &str = "miniflux_secret";

#[derive(Clone)]
pub struct Secrets {
    pub token: String,
    pub miniflux: String,
}

// Never printed by accident: a Debug of the server's state must not show them.
impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets { .. }")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the system's random number generator failed: {0}")]
    Random(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// 32 random bytes as 64 hex digits.
fn generate() -> Result<String, SecretError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| SecretError::Random(e.to_string()))?;
    Ok(hex::encode(bytes))
}

/// The stored secrets, creating the ones not set yet.
pub fn ensure(store: &Store) -> Result<Secrets, SecretError> {
    let get = |key: &str| -> Result<String, SecretError> {
        match store.setting(key)?.filter(|v| !v.trim().is_empty()) {
            Some(v) => Ok(v),
            None => {
                let v = generate()?;
                store.set_setting(key, &v)?;
                Ok(v)
            }
        }
    };
    Ok(Secrets {
        token: get(TOKEN_SETTING)?,
        miniflux: get(MINIFLUX_SETTING)?,
    })
}

/// `given == expected` in time that does not depend on where they differ.
pub fn same(given: &str, expected: &str) -> bool {
    bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// Whether `signature` (hex, as Miniflux sends it in `X-Miniflux-Signature`) is the
/// HMAC-SHA256 of `body` under `secret`; the comparison is `hmac`'s constant-time one.
pub fn signed(body: &[u8], signature: &str, secret: &str) -> bool {
    let Ok(sig) = hex::decode(signature.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&sig).is_ok()
}

/// The hex HMAC-SHA256 of `body` (what Miniflux sends; tests and docs sign with it).
pub fn sign(body: &[u8], secret: &str) -> String {
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(body);
            hex::encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_generated_once_and_kept() {
        let store = Store::open_in_memory().unwrap();
        let a = ensure(&store).unwrap();
        assert_eq!(a.token.len(), 64);
        assert_ne!(a.token, a.miniflux);
        let b = ensure(&store).unwrap();
        assert_eq!(format!("{b:?}"), "Secrets { .. }");
        assert_eq!((a.token, a.miniflux), (b.token, b.miniflux));
    }

    #[test]
    fn signatures_verify_only_with_the_secret() {
        let sig = sign(b"{\"event_type\":\"save_entry\"}", "s3cret");
        assert!(signed(b"{\"event_type\":\"save_entry\"}", &sig, "s3cret"));
        assert!(!signed(b"{\"event_type\":\"save_entry\"}", &sig, "other"));
        assert!(!signed(b"{\"event_type\":\"new_entries\"}", &sig, "s3cret"));
        assert!(!signed(b"x", "not hex", "s3cret"));
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("ab", "abc"));
    }
}
