//! Reading posts: plain text (one post per line) or JSON lines (`{"text", "id", "lang", …}`).

use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One input post.
#[derive(Debug, Clone, Deserialize)]
pub struct Post {
    pub text: String,
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    #[serde(default)]
    pub lang: Option<String>,
    /// Expected level (labelled corpora).
    #[serde(default)]
    pub expect: Option<String>,
    /// The source's label: used only when it is a level name.
    #[serde(default)]
    pub label: Option<serde_json::Value>,
    /// `positive` or `hard_negative` (labelled corpora).
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub families: Vec<String>,
}

impl Post {
    /// How reports name the post: its `id`, or its line number.
    pub fn name(&self, line: usize) -> String {
        match &self.id {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => format!("line {line}"),
        }
    }

    /// The region for support entries: the one chosen on the command line, else the one that
    /// fits the post's `lang` (the language folders' `default_region`). `None` lets the engine
    /// take it from the language of the phrases that matched.
    pub fn region<'a>(
        &'a self,
        engine: &'a redflag::Engine,
        chosen: Option<&'a str>,
    ) -> Option<&'a str> {
        chosen.or_else(|| {
            self.lang
                .as_deref()
                .and_then(|l| engine.region_for_language(l))
        })
    }
}

/// Opens a file, or standard input for `-` or no path.
pub fn open(path: Option<&Path>) -> std::io::Result<Box<dyn BufRead>> {
    Ok(match path {
        None => Box::new(BufReader::new(std::io::stdin())),
        Some(p) if p.as_os_str() == "-" => Box::new(BufReader::new(std::io::stdin())),
        Some(p) => Box::new(BufReader::with_capacity(1 << 16, std::fs::File::open(p)?)),
    })
}

/// Reads every line (without its line ending) with its 1-based number.
pub fn lines(reader: Box<dyn BufRead>) -> impl Iterator<Item = (usize, std::io::Result<String>)> {
    reader.lines().enumerate().map(|(i, l)| (i + 1, l))
}

/// Parses one JSON line into a post, with an error that says what is wrong.
pub fn parse_json_line(line: &str) -> Result<Post, String> {
    serde_json::from_str::<Post>(line).map_err(|e| {
        if e.to_string().contains("missing field `text`") {
            "the object has no \"text\" field".to_string()
        } else {
            format!("not a JSON object with a \"text\" field: {e}")
        }
    })
}

/// Reads a whole input into a string (for `explain -`).
pub fn read_all(mut r: impl Read) -> std::io::Result<String> {
    let mut s = String::new();
    r.read_to_string(&mut s)?;
    Ok(s)
}
