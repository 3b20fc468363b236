//! The compiled JSON document: what `redflag compile` writes, the extension ships and a
//! person imports. It states its format version; the engine refuses versions it does not know
//! instead of guessing, and refuses oversized or non-object input before parsing it.

use super::limits;
use super::schema::Bundle;
use super::{BundleSet, Origin, SourcedBundle, SourcedEntry};
use crate::error::Error;
use crate::support::SupportEntry;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the compiled JSON document this engine writes. Version 2 added word classes
/// (`classes`, `@name` in phrases), `[negation]` and `[quoting]`; version 3 emoji as words in
/// phrases and class members (an older engine reads such a phrase as one with no letters) and
/// `^` (the start of a sentence) before a phrase; version 4 phrases of pieces (`a ~~ b`: every
/// piece anywhere in the post; an older engine refuses `~~` as a phrase that does not parse);
/// version 5 `browser_regions` (the region of a language a browser or a post states, which is
/// no language of the phrases: an older engine refuses the field); version 6 `[reach]` (how
/// far some lowering families' words reach in a long post) and `[quoting]`'s `unless` (an
/// older engine refuses both). A document of an older version is a version-6 document without them, so all are
/// read (docs/BUNDLE_FORMAT.md, "Format versions").
pub const FORMAT_VERSION: u32 = 6;

/// The oldest compiled-document version this engine still reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// The compiled JSON document: what the extension ships and what a person imports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The format version ([`FORMAT_VERSION`] when written by this engine).
    pub format: u32,
    /// The bundles, core (the one with `[scoring]`) first.
    #[serde(default)]
    pub bundles: Vec<Bundle>,
    /// The support directory.
    #[serde(default)]
    pub support: Vec<SupportEntry>,
    /// Language code → region (`{"sr": "RS"}`), from the language folders' `default_region`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub language_regions: BTreeMap<String, String>,
    /// Language code → region for a language that a browser or a post states but no phrase is
    /// written in (`{"cnr": "ME", "mk": "MK"}`): each folder's `browser_regions`, and a
    /// language with services but no folder ([`BundleSet::browser_regions`]). Format 5.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub browser_regions: BTreeMap<String, String>,
}

impl Document {
    /// Parses a compiled document, refusing unknown format versions with advice.
    pub fn from_json(name: &str, json: &str) -> Result<Document, Error> {
        if json.len() > limits::MAX_DOCUMENT_BYTES {
            return Err(Error::single(
                "too-large",
                name,
                None,
                None,
                format!(
                    "the bundle file is {} bytes; at most {} are allowed",
                    json.len(),
                    limits::MAX_DOCUMENT_BYTES
                ),
            ));
        }
        if !json.trim_start().starts_with('{') {
            return Err(Error::single(
                "not-a-document",
                name,
                Some(1),
                None,
                "not a redflag bundle document (it must be a JSON object: {\"format\": 2, …})"
                    .into(),
            ));
        }
        #[derive(Deserialize)]
        struct Probe {
            format: Option<serde_json::Value>,
        }
        let probe: Probe = serde_json::from_str(json).map_err(|e| {
            Error::single(
                "syntax",
                name,
                Some(e.line()),
                None,
                format!("not a redflag bundle document (invalid JSON: {e})"),
            )
        })?;
        match probe.format.as_ref().and_then(|v| v.as_u64()) {
            Some(v) if (OLDEST_FORMAT_VERSION as u64..=FORMAT_VERSION as u64).contains(&v) => {}
            Some(v) if v > FORMAT_VERSION as u64 => {
                return Err(Error::single(
                    "format-too-new",
                    name,
                    None,
                    Some("format".into()),
                    format!(
                        "bundle format {v} is newer than this version of redflag understands \
                         ({FORMAT_VERSION}); update redflag (or the extension) to use this bundle"
                    ),
                ))
            }
            _ => {
                return Err(Error::single(
                    "unknown-format",
                    name,
                    None,
                    Some("format".into()),
                    format!(
                        "missing or unknown bundle format (expected {FORMAT_VERSION}); \
                         compile bundles with `redflag compile`"
                    ),
                ))
            }
        }
        serde_json::from_str(json).map_err(|e| {
            Error::single(
                "schema",
                name,
                Some(e.line()),
                None,
                format!("invalid bundle document: {e}"),
            )
        })
    }

    /// Turns the document into a set whose errors point at `name`.
    pub fn into_set(self, name: &str) -> BundleSet {
        let origin = Origin::named(name);
        BundleSet {
            bundles: self
                .bundles
                .into_iter()
                .map(|bundle| SourcedBundle {
                    bundle,
                    origin: origin.clone(),
                    written_classes: None,
                })
                .collect(),
            support: SourcedEntry::all_from(self.support, &origin),
            language_regions: self.language_regions,
            browser_regions: self.browser_regions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_format_versions_are_refused_with_advice() {
        let newer = format!(r#"{{"format": {}, "bundles": []}}"#, FORMAT_VERSION + 1);
        let e = Document::from_json("b.json", &newer).unwrap_err();
        assert!(e.to_string().contains("newer than this version"), "{e}");
        // every older version that is still read
        for v in OLDEST_FORMAT_VERSION..=FORMAT_VERSION {
            let doc = format!(r#"{{"format": {v}, "bundles": []}}"#);
            assert!(Document::from_json("b.json", &doc).is_ok(), "format {v}");
        }
        let e = Document::from_json("b.json", r#"{"bundles": []}"#).unwrap_err();
        assert!(e.to_string().contains("unknown bundle format"), "{e}");
        let huge = format!(
            "{{\"format\": 1, \"x\": \"{}\"}}",
            "a".repeat(limits::MAX_DOCUMENT_BYTES)
        );
        let e = Document::from_json("b.json", &huge).unwrap_err();
        assert!(e.to_string().contains("at most"), "{e}");
        let e = Document::from_json("b.json", "{not json").unwrap_err();
        assert!(e.to_string().starts_with("b.json:1"), "{e}");
    }
}
