//! `redflag ui-cyrillic rules/languages/sr/ui.json`: the Serbian interface in Cyrillic, made
//! from the Latin one at build time by the engine's own converter
//! (`confusables::serbian_latin_to_cyrillic_text`), so the extension carries one converter
//! fewer and translators keep one file.
//!
//! The output is the same JSON text with every string *value* converted (keys stay), except
//! what must stay as written: `{placeholders}` with anything inside them, the product name
//! `redflag` (and the command `redflag compile`), and file extensions (`.json`). Key order and
//! layout are kept: the input is rewritten string by string, not re-serialized.

use redflag::confusables::serbian_latin_to_cyrillic_text;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The Serbian Latin ui.json.
    file: PathBuf,
}

/// Words kept in Latin wherever they stand (longest first).
const KEEP: [&str; 3] = ["redflag compile", "redflag", ".json"];

/// One UI text in Cyrillic, with placeholders and the [`KEEP`] words as written.
pub fn convert_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut plain = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let kept = if c == '{' {
            rest.find('}').map(|end| &rest[..=end])
        } else {
            KEEP.iter().find(|k| rest.starts_with(**k)).copied()
        };
        match kept {
            Some(k) => {
                out.push_str(&serbian_latin_to_cyrillic_text(&plain));
                plain.clear();
                out.push_str(k);
                rest = &rest[k.len()..];
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.push_str(&serbian_latin_to_cyrillic_text(&plain));
    out
}

/// The JSON text with every string value (not key) converted by [`convert_text`].
pub fn convert_json(json: &str) -> Result<String, String> {
    serde_json::from_str::<serde_json::Value>(json).map_err(|e| format!("not JSON: {e}"))?;
    let mut out = String::with_capacity(json.len() * 2);
    let mut i = 0;
    let bytes = json.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'"' {
            let next = json[i..].find('"').map_or(json.len(), |n| i + n);
            out.push_str(&json[i..next]);
            i = next;
            continue;
        }
        // a string token: up to the next quote that is not escaped
        let mut j = i + 1;
        while bytes[j] != b'"' {
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        let token = &json[i..=j];
        let is_key = json[j + 1..].trim_start().starts_with(':');
        if is_key {
            out.push_str(token);
        } else {
            let text: String = serde_json::from_str(token).map_err(|e| e.to_string())?;
            out.push_str(&serde_json::to_string(&convert_text(&text)).expect("strings serialize"));
        }
        i = j + 1;
    }
    Ok(out)
}

pub fn run(args: &Args) -> i32 {
    let converted = std::fs::read_to_string(&args.file)
        .map_err(|e| format!("cannot read: {e}"))
        .and_then(|json| convert_json(&json));
    match converted {
        Ok(out) => {
            use std::io::Write as _;
            let _ = std::io::stdout().write_all(out.as_bytes());
            0
        }
        Err(e) => {
            eprintln!("redflag: {}: {e}", args.file.display());
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_the_product_name_stay_latin() {
        assert_eq!(
            convert_text("redflag je našao {n} znakova u {title}"),
            "redflag је нашао {n} знакова у {title}"
        );
        assert_eq!(
            convert_text("Datoteka .json, komandom „redflag compile“"),
            "Датотека .json, командом „redflag compile“"
        );
    }

    #[test]
    fn only_values_change_and_the_layout_is_kept() {
        let json = "{\n  \"level\": \"Ljudi\",\n  \"regions\": {\"US\": \"SAD\", \"esc\": \"a\\\"b\"}\n}\n";
        assert_eq!(
            convert_json(json).unwrap(),
            "{\n  \"level\": \"Људи\",\n  \"regions\": {\"US\": \"САД\", \"esc\": \"а\\\"б\"}\n}\n"
        );
        assert!(convert_json("{\"a\": ").is_err());
    }
}
