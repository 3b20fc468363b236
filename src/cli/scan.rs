//! `redflag scan`: one verdict per input line, in order, as JSON (default) or as a report for
//! people with the evidence highlighted.
//!
//! With `--jobs N` (default: every core the process may use) the lines are read in batches
//! by one thread and classified by N worker threads sharing the one immutable engine; the
//! results are written in input order, so the output is the same whatever N.

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
    /// Threads that classify (default: every core this process may use). The output is in
    /// input order whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    jobs: Option<u32>,
}

/// What one input line produces: the text for standard output and a message for standard
/// error (a line that could not be read as a post).
#[derive(Default)]
struct Item {
    out: String,
    err: Option<String>,
}

/// Lines handed to a worker at a time.
const BATCH_LINES: usize = 256;

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
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |n| n as usize,
    );
    let mut bad_lines = 0usize;
    // Writes one line's result; `false` when the reader went away (e.g. `| head`).
    let mut write = |item: &Item, out: &mut std::io::BufWriter<std::io::StdoutLock>| {
        if let Some(e) = &item.err {
            eprintln!("redflag scan: {}:{e}", display(&args.file));
            bad_lines += 1;
        }
        out.write_all(item.out.as_bytes()).is_ok()
    };
    let read_error = |n: usize, e: std::io::Error| {
        eprintln!(
            "redflag scan: {}:{n}: cannot read: {e}",
            display(&args.file)
        );
        2
    };
    let mut lines = input::lines(reader);
    if jobs <= 1 {
        for (n, line) in lines {
            let line = match line {
                Ok(l) => l,
                Err(e) => return read_error(n, e),
            };
            if !write(&process(&engine, args, color, n, line), &mut out) {
                return 0;
            }
        }
    } else {
        // Batches go to the workers through one channel and come back numbered; the writer
        // puts them back in order.
        type Batch = (usize, Vec<(usize, String)>);
        let (to_workers, batches) = std::sync::mpsc::sync_channel::<Batch>(jobs * 2);
        let batches = std::sync::Mutex::new(batches);
        let (to_writer, results) = std::sync::mpsc::channel::<(usize, Vec<Item>)>();
        let failed = std::thread::scope(|scope| {
            for _ in 0..jobs {
                let (batches, to_writer, engine) = (&batches, to_writer.clone(), &engine);
                scope.spawn(move || loop {
                    let next = batches.lock().map(|b| b.recv());
                    let Ok(Ok((k, lines))) = next else { break };
                    let items = lines
                        .into_iter()
                        .map(|(n, line)| process(engine, args, color, n, line))
                        .collect();
                    if to_writer.send((k, items)).is_err() {
                        break;
                    }
                });
            }
            drop(to_writer);
            let mut sent = 0usize;
            let mut written = 0usize;
            let mut waiting: std::collections::BTreeMap<usize, Vec<Item>> = Default::default();
            let mut failed: Option<(usize, std::io::Error)> = None;
            let mut write_ready = |waiting: &mut std::collections::BTreeMap<usize, Vec<Item>>,
                                   written: &mut usize,
                                   out: &mut std::io::BufWriter<std::io::StdoutLock>|
             -> bool {
                while let Some(items) = waiting.remove(written) {
                    *written += 1;
                    for item in &items {
                        if !write(item, out) {
                            return false;
                        }
                    }
                }
                true
            };
            'reading: loop {
                let mut batch = Vec::with_capacity(BATCH_LINES);
                for (n, line) in lines.by_ref() {
                    match line {
                        Ok(l) => batch.push((n, l)),
                        Err(e) => {
                            failed = Some((n, e));
                            break;
                        }
                    }
                    if batch.len() == BATCH_LINES {
                        break;
                    }
                }
                let last = batch.len() < BATCH_LINES || failed.is_some();
                if !batch.is_empty() {
                    if to_workers.send((sent, batch)).is_err() {
                        break 'reading;
                    }
                    sent += 1;
                }
                // write what is done, without waiting
                while let Ok((k, items)) = results.try_recv() {
                    waiting.insert(k, items);
                }
                if !write_ready(&mut waiting, &mut written, &mut out) {
                    return Some(0);
                }
                if last {
                    break;
                }
            }
            drop(to_workers);
            while written < sent {
                let Ok((k, items)) = results.recv() else {
                    break;
                };
                waiting.insert(k, items);
                if !write_ready(&mut waiting, &mut written, &mut out) {
                    return Some(0);
                }
            }
            failed.map(|(n, e)| read_error(n, e))
        });
        if let Some(code) = failed {
            return code;
        }
    }
    if bad_lines > 0 {
        eprintln!("redflag scan: {bad_lines} line(s) could not be read (see above)");
        1
    } else {
        0
    }
}

/// Classifies one input line (line number `n`) and writes its output line.
fn process(engine: &Engine, args: &Args, color: bool, n: usize, line: String) -> Item {
    let post = if args.jsonl {
        if line.trim().is_empty() {
            return Item::default();
        }
        match input::parse_json_line(&line) {
            Ok(p) => p,
            Err(e) => {
                return Item {
                    out: format!("{}\n", serde_json::json!({"line": n, "error": e})),
                    err: Some(format!("{n}: {e}")),
                }
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
    // The region chosen with --region, else the one of the line's `lang`; with neither, the
    // engine takes it from the language of the phrases that matched.
    let region = post.region(engine, args.region.as_deref());
    let verdict = engine.classify(
        &post.text,
        &Options {
            region,
            ..Default::default()
        },
    );
    let mut out = Vec::new();
    if args.format == "json" {
        let o = Output {
            id: &post.id,
            verdict: &verdict,
        };
        serde_json::to_writer(&mut out, &o).expect("verdicts serialize");
        out.push(b'\n');
    } else {
        write_report(&mut out, engine, n, &post, &verdict, color).expect("writes to memory");
    }
    Item {
        out: String::from_utf8(out).expect("JSON and reports are UTF-8"),
        err: None,
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
