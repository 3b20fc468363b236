//! `redflag scan`: one verdict per input line, in order, as JSON (default) or as a report for
//! people with the evidence highlighted.

use super::input::{self, Post};
use redflag::support::SupportEntry;
use redflag::{Engine, Evidence, Level, Options, Verdict};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Input file (default: standard input; `-` also means standard input).
    file: Option<PathBuf>,
    /// Input is JSON lines with a `text` field (optional `id`, `lang`).
    #[arg(long)]
    jsonl: bool,
    /// Output: `json` (one object per line) or `text` (a report for people).
    #[arg(long, default_value = "json", value_parser = ["json", "text"])]
    format: String,
    /// Region for support entries (RS, UA, RU, HR, BA, ME, AL, XK, MK, US, intl …). Default:
    /// from each line's `lang`, else from the language of the phrases that matched (a Serbian
    /// post gets Serbian services first), then international entries.
    #[arg(long)]
    region: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a Option<serde_json::Value>,
    #[serde(flatten)]
    verdict: &'a Verdict,
}

pub fn run(bundles: &super::Sources, args: &Args) -> i32 {
    let Some((_, engine)) = super::load_engine(bundles, None) else {
        return 2;
    };
    let reader = match input::open(args.file.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("redflag scan: cannot open {}: {e}", display(&args.file));
            return 2;
        }
    };
    let stdout = std::io::stdout();
    let color = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut bad_lines = 0usize;
    for (n, line) in input::lines(reader) {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "redflag scan: {}:{n}: cannot read: {e}",
                    display(&args.file)
                );
                return 2;
            }
        };
        let post = if args.jsonl {
            if line.trim().is_empty() {
                continue;
            }
            match input::parse_json_line(&line) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("redflag scan: {}:{n}: {e}", display(&args.file));
                    let _ = writeln!(out, "{}", serde_json::json!({"line": n, "error": e}));
                    bad_lines += 1;
                    continue;
                }
            }
        } else {
            Post {
                text: line,
                id: None,
                lang: None,
                expect: None,
                label: None,
                kind: None,
                families: vec![],
            }
        };
        // The region chosen with --region, else the one of the line's `lang`; with neither,
        // the engine takes it from the language of the phrases that matched.
        let region = post.region(&engine, args.region.as_deref());
        let verdict = engine.classify(
            &post.text,
            &Options {
                region,
                ..Default::default()
            },
        );
        let written = if args.format == "json" {
            let o = Output {
                id: &post.id,
                verdict: &verdict,
            };
            writeln!(
                out,
                "{}",
                serde_json::to_string(&o).expect("verdicts serialize")
            )
        } else {
            write_report(&mut out, &engine, n, &post, &verdict, color)
        };
        if written.is_err() {
            return 0; // the reader went away (e.g. `| head`)
        }
    }
    if bad_lines > 0 {
        eprintln!("redflag scan: {bad_lines} line(s) could not be read (see above)");
        1
    } else {
        0
    }
}

fn display(p: &Option<PathBuf>) -> String {
    p.as_ref()
        .map_or("<stdin>".into(), |p| p.display().to_string())
}

/// The text with every evidence span marked (UTF-16 offsets turned back into characters).
pub fn highlight(text: &str, evidence: &[Evidence], color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("⟦", "⟧")
    };
    let mut marks: Vec<(u32, bool)> = Vec::new();
    let mut spans: Vec<(u32, u32)> = evidence.iter().map(|e| (e.start, e.end)).collect();
    spans.sort();
    // merge overlapping spans so marks nest cleanly
    let mut merged: Vec<(u32, u32)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    for (s, e) in merged {
        marks.push((s, true));
        marks.push((e, false));
    }
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut pos = 0u32;
    let mut k = 0;
    for c in text.chars() {
        while k < marks.len() && marks[k].0 == pos {
            out.push_str(if marks[k].1 { open } else { close });
            k += 1;
        }
        out.push(c);
        pos += c.len_utf16() as u32;
    }
    while k < marks.len() {
        out.push_str(if marks[k].1 { open } else { close });
        k += 1;
    }
    out
}

fn support_line(e: &SupportEntry) -> String {
    let mut s = e.name.clone();
    if let Some(p) = &e.phone {
        s.push_str(&format!(" — {p}"));
    }
    if let Some(t) = &e.sms {
        s.push_str(&format!(" — text {t}"));
    }
    if let Some(h) = &e.hours {
        s.push_str(&format!(" ({h})"));
    }
    if let Some(w) = &e.web {
        s.push_str(&format!(" — {w}"));
    }
    s
}

fn write_report(
    out: &mut impl Write,
    engine: &Engine,
    n: usize,
    post: &Post,
    v: &Verdict,
    color: bool,
) -> std::io::Result<()> {
    let id = post.name(n);
    let cats: Vec<&str> = v.categories.iter().map(|c| c.as_str()).collect();
    writeln!(out, "── {id}: {} (score {})", v.level, v.score)?;
    if v.level == Level::None && v.evidence.is_empty() {
        writeln!(out, "   no risk signs found")?;
        return writeln!(out);
    }
    if !cats.is_empty() {
        writeln!(out, "   categories: {}", cats.join(", "))?;
    }
    for line in highlight(&post.text, &v.evidence, color).lines() {
        writeln!(out, "   │ {line}")?;
    }
    for e in &v.evidence {
        writeln!(
            out,
            "   risk sign: {} «{}» ({})",
            e.family, e.text, e.signal
        )?;
    }
    for e in &v.dampeners {
        writeln!(
            out,
            "   lowered by: {} «{}» ({})",
            e.family, e.text, e.signal
        )?;
    }
    if v.truncated {
        writeln!(
            out,
            "   note: the text was longer than {} bytes; only the beginning was read",
            redflag::engine::MAX_TEXT_BYTES
        )?;
    }
    for id in &v.support {
        if let Some(e) = engine.support_directory().iter().find(|e| &e.id == id) {
            writeln!(out, "   help: {}", support_line(e))?;
        }
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_uses_utf16_offsets() {
        let text = "💋 девушки";
        let ev = Evidence {
            signal: "s".into(),
            family: "f".into(),
            text: "девушки".into(),
            start: 3,
            end: 10,
        };
        assert_eq!(highlight(text, &[ev], false), "💋 ⟦девушки⟧");
    }
}
