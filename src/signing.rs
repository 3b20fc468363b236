//! Signed bundles: an ed25519 signature over a compiled bundle document, so that a bundle
//! passed around through an NGO's own channels can be checked against the keys of the
//! publishers the extension trusts.
//!
//! The signed file is a small JSON envelope holding the document *as a string*: the signature
//! covers those exact bytes (prefixed with a domain tag), so no JSON canonicalization is needed
//! and nothing can be re-ordered or re-encoded without breaking it.
//!
//! ```json
//! {"redflag_signed_bundle": 1, "key": "<public key, hex>", "signature": "<hex>", "document": "{\"format\":1,…}"}
//! ```
//!
//! A tampered document, a wrong signature or a key that is not trusted is an error that says
//! which. An unsigned document is reported as unsigned; whether to accept it is the caller's
//! decision (the extension asks the person first and marks it "unverified").

use crate::error::Error;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// Version of the envelope format.
pub const ENVELOPE_VERSION: u32 = 1;
/// Domain separation: a signature over a bundle can never be replayed as anything else.
const DOMAIN: &[u8] = b"redflag-bundle-v1\n";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    redflag_signed_bundle: u32,
    key: String,
    signature: String,
    document: String,
}

/// What a bundle file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// Signed by a trusted key (the public key, hex).
    Signed {
        /// The document inside the envelope.
        document: String,
        /// The publisher's public key (hex).
        key: String,
    },
    /// A plain document with no signature.
    Unsigned {
        /// The document.
        document: String,
    },
}

impl Opened {
    /// The document, signed or not.
    pub fn document(&self) -> &str {
        match self {
            Opened::Signed { document, .. } | Opened::Unsigned { document } => document,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.trim();
    if s.len() != N * 2 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[i * 2..i * 2 + 2], 16).ok()?;
    }
    Some(out)
}

/// Reads a key file's key: the first line that is not empty and not a `#` comment.
pub fn key_from_text(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Parses a public key written as 64 hex digits.
pub fn parse_public_key(s: &str) -> Result<VerifyingKey, String> {
    let bytes = unhex::<32>(s).ok_or("a public key is 64 hex digits")?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| "not a valid ed25519 public key".to_string())
}

/// Parses a secret key written as 64 hex digits.
pub fn parse_secret_key(s: &str) -> Result<SigningKey, String> {
    let bytes = unhex::<32>(s).ok_or("a secret key is 64 hex digits")?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// A new key pair from 32 random bytes: (secret hex, public hex).
pub fn keypair_from_seed(seed: [u8; 32]) -> (String, String) {
    let sk = SigningKey::from_bytes(&seed);
    (hex(&sk.to_bytes()), hex(sk.verifying_key().as_bytes()))
}

/// Signs a compiled document: returns the envelope JSON.
pub fn sign(document: &str, secret: &SigningKey) -> String {
    let mut msg = DOMAIN.to_vec();
    msg.extend_from_slice(document.as_bytes());
    let sig = secret.sign(&msg);
    let env = Envelope {
        redflag_signed_bundle: ENVELOPE_VERSION,
        key: hex(secret.verifying_key().as_bytes()),
        signature: hex(&sig.to_bytes()),
        document: document.to_string(),
    };
    serde_json::to_string_pretty(&env).expect("envelopes serialize")
}

/// Whether a file looks like a signed envelope (rather than a plain document).
pub fn is_envelope(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        redflag_signed_bundle: Option<serde_json::Value>,
    }
    serde_json::from_str::<Probe>(text).is_ok_and(|p| p.redflag_signed_bundle.is_some())
}

/// Opens a bundle file: checks the signature of a signed envelope against `trusted` public
/// keys (hex), or returns a plain document as unsigned. `name` is used in error messages.
pub fn open(name: &str, text: &str, trusted: &[String]) -> Result<Opened, Error> {
    let err = |code: &'static str, field: Option<&str>, msg: String| {
        Error::single(code, name, None, field.map(String::from), msg)
    };
    if text.len() > crate::bundle::limits::MAX_DOCUMENT_BYTES * 2 {
        return Err(err(
            "too-large",
            None,
            "the bundle file is too large".into(),
        ));
    }
    if !is_envelope(text) {
        return Ok(Opened::Unsigned {
            document: text.to_string(),
        });
    }
    let env: Envelope = serde_json::from_str(text).map_err(|e| {
        Error::single(
            "bad-envelope",
            name,
            Some(e.line()),
            None,
            format!("invalid signed bundle: {e}"),
        )
    })?;
    if env.redflag_signed_bundle != ENVELOPE_VERSION {
        return Err(err(
            "bad-envelope",
            Some("redflag_signed_bundle"),
            format!(
                "signed-bundle version {} is not supported (this version reads {ENVELOPE_VERSION}); update redflag",
                env.redflag_signed_bundle
            ),
        ));
    }
    let key = parse_public_key(&env.key).map_err(|e| err("bad-envelope", Some("key"), e))?;
    let key_hex = hex(key.as_bytes());
    let trusted_key = trusted
        .iter()
        .any(|t| t.trim().eq_ignore_ascii_case(&key_hex));
    let sig_bytes = unhex::<64>(&env.signature).ok_or_else(|| {
        err(
            "bad-envelope",
            Some("signature"),
            "a signature is 128 hex digits".into(),
        )
    })?;
    let sig = Signature::from_bytes(&sig_bytes);
    let mut msg = DOMAIN.to_vec();
    msg.extend_from_slice(env.document.as_bytes());
    key.verify_strict(&msg, &sig).map_err(|_| {
        err(
            "bad-signature",
            Some("signature"),
            "the signature does not match the bundle: it was changed after signing, or signed with another key; do not use it".into(),
        )
    })?;
    if !trusted_key {
        return Err(err(
            "untrusted-key",
            Some("key"),
            format!("the bundle is signed by key {key_hex}, which is not among the trusted publishers' keys"),
        ));
    }
    Ok(Opened::Signed {
        document: env.document,
        key: key_hex,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> (SigningKey, String) {
        let (s, p) = keypair_from_seed([7u8; 32]);
        (parse_secret_key(&s).unwrap(), p)
    }

    #[test]
    fn a_signed_bundle_opens_with_its_key() {
        let (sk, pk) = keys();
        let env = sign(r#"{"format":1}"#, &sk);
        let opened = open("b.json", &env, std::slice::from_ref(&pk)).unwrap();
        assert_eq!(
            opened,
            Opened::Signed {
                document: r#"{"format":1}"#.into(),
                key: pk
            }
        );
    }

    #[test]
    fn tampering_is_detected() {
        let (sk, pk) = keys();
        let env = sign(r#"{"format":1,"bundles":[]}"#, &sk);
        let tampered = env.replace(r#"\"bundles\":[]"#, r#"\"bundles\":[ ]"#);
        assert_ne!(env, tampered);
        let e = open("b.json", &tampered, &[pk]).unwrap_err().to_string();
        assert!(e.contains("does not match"), "{e}");
    }

    #[test]
    fn untrusted_keys_are_refused() {
        let (sk, _) = keys();
        let (_, other) = keypair_from_seed([9u8; 32]);
        let env = sign(r#"{"format":1}"#, &sk);
        let e = open("b.json", &env, &[other]).unwrap_err().to_string();
        assert!(e.contains("not among the trusted"), "{e}");
    }

    #[test]
    fn plain_documents_are_reported_unsigned() {
        let opened = open("b.json", r#"{"format":1}"#, &[]).unwrap();
        assert!(matches!(opened, Opened::Unsigned { .. }));
    }
}
