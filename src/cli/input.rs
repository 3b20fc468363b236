//! Reading posts: plain text (one post per line) or JSON lines (`{"text", "id", "lang", …}`).

use serde::de::IgnoredAny;
use serde::Deserialize;
use std::borrow::Cow;
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
        name(&self.id, line)
    }

    /// The region for support entries: the one chosen on the command line, else the one that
    /// fits the post's `lang` (the language folders' `default_region`). `None` lets the engine
    /// take it from the language of the phrases that matched.
    pub fn region<'a>(
        &'a self,
        engine: &'a redflag::Engine,
        chosen: Option<&'a str>,
    ) -> Option<&'a str> {
        region(self.lang.as_deref(), engine, chosen)
    }
}

/// One input post as `redflag scan` reads it: the text borrowed from the line when it has no
/// escapes (no copy per post), the fields and their types (so the errors) as in [`Post`].
#[derive(Deserialize)]
pub struct PostRef<'a> {
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    #[serde(default)]
    pub lang: Option<String>,
    // Read only so that a line `scan` accepts is one `eval` accepts, with the same errors.
    #[serde(default)]
    #[allow(dead_code)]
    pub expect: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub label: Option<IgnoredAny>,
    #[serde(default)]
    #[allow(dead_code)]
    pub kind: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub families: Vec<String>,
}

impl PostRef<'_> {
    /// See [`Post::name`].
    pub fn name(&self, line: usize) -> String {
        name(&self.id, line)
    }

    /// See [`Post::region`].
    pub fn region<'a>(
        &'a self,
        engine: &'a redflag::Engine,
        chosen: Option<&'a str>,
    ) -> Option<&'a str> {
        region(self.lang.as_deref(), engine, chosen)
    }
}

fn name(id: &Option<serde_json::Value>, line: usize) -> String {
    match id {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => format!("line {line}"),
    }
}

fn region<'a>(
    lang: Option<&'a str>,
    engine: &'a redflag::Engine,
    chosen: Option<&'a str>,
) -> Option<&'a str> {
    chosen.or_else(|| lang.and_then(|l| engine.region_for_language(l)))
}

/// Opens a file, or standard input for `-` or no path.
pub fn open(path: Option<&Path>) -> std::io::Result<Box<dyn BufRead>> {
    Ok(match path {
        None => Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
        Some(p) if p.as_os_str() == "-" => {
            Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))
        }
        Some(p) => Box::new(BufReader::with_capacity(1 << 16, std::fs::File::open(p)?)),
    })
}

/// Reads every line (without its line ending) with its 1-based number.
pub fn lines(reader: Box<dyn BufRead>) -> impl Iterator<Item = (usize, std::io::Result<String>)> {
    reader.lines().enumerate().map(|(i, l)| (i + 1, l))
}

/// Parses one JSON line into a post, with an error that says what is wrong.
pub fn parse_json_line(line: &str) -> Result<Post, String> {
    serde_json::from_str::<Post>(line).map_err(json_error)
}

/// Parses one JSON line into a post borrowed from it; the errors of [`parse_json_line`].
pub fn parse_json_line_ref(line: &str) -> Result<PostRef<'_>, String> {
    serde_json::from_str::<PostRef>(line).map_err(json_error)
}

fn json_error(e: serde_json::Error) -> String {
    if e.to_string().contains("missing field `text`") {
        "the object has no \"text\" field".to_string()
    } else {
        format!("not a JSON object with a \"text\" field: {e}")
    }
}

/// Reads the next line (without its line ending: `\n`, or `\r\n`) into `buf` as bytes;
/// `false` at the end of the input. What [`lines`] reads, without a `String` per line.
pub fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    buf.clear();
    if reader.read_until(b'\n', buf)? == 0 {
        return Ok(false);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(true)
}

/// A line read by [`read_line`] as text, with the error [`lines`] gives for bytes that are
/// not UTF-8. (Checked with SIMD: std's check, about nine instructions per byte of Cyrillic
/// text, was 3.8 % of a whole-corpus `redflag scan`.)
pub fn line_str(buf: &[u8]) -> std::io::Result<&str> {
    simdutf8::basic::from_utf8(buf).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// Reads a whole input into a string (for `explain -`).
pub fn read_all(mut r: impl Read) -> std::io::Result<String> {
    let mut s = String::new();
    r.read_to_string(&mut s)?;
    Ok(s)
}
