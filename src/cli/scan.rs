//! `redflag scan`: one verdict per input line, in order, as JSON (default) or as a report for
//! people with the evidence highlighted.
//!
//! With `--jobs N` (default: every core the process may use) the lines are read in batches
//! by one thread and classified by N worker threads sharing the one immutable engine; the
//! results are written in input order, so the output is the same whatever N.

use super::input::{self, PostRef};
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

/// What a batch of input lines produces: the text for standard output, in order, and the
/// messages for standard error (lines that could not be read as posts).
#[derive(Default)]
struct Done {
    out: Vec<u8>,
    errs: Vec<String>,
}

/// Lines handed to a worker at a time.
const BATCH_LINES: usize = 256;

/// Lines read for a worker: their text one after the other (checked to be UTF-8 once, by
/// the reader), and each line's number and end.
#[derive(Default)]
struct Batch {
    text: String,
    lines: Vec<(usize, usize)>,
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
    let mut reader = match input::open(args.file.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("redflag scan: cannot open {}: {e}", display(&args.file));
            return 2;
        }
    };
    let stdout = std::io::stdout();
    let color = stdout.is_terminal();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |n| n as usize,
    );
    let mut bad_lines = 0usize;
    // Writes what a batch produced; `false` when the reader went away (e.g. `| head`).
    let mut write = |done: &Done, out: &mut std::io::BufWriter<std::io::StdoutLock>| {
        for e in &done.errs {
            eprintln!("redflag scan: {}:{e}", display(&args.file));
            bad_lines += 1;
        }
        out.write_all(&done.out).is_ok()
    };
    let read_error = |n: usize, e: std::io::Error| {
        eprintln!(
            "redflag scan: {}:{n}: cannot read: {e}",
            display(&args.file)
        );
        2
    };
    let mut line = Vec::new();
    let mut n = 0usize;
    if jobs <= 1 {
        // one line at a time, its output written as soon as it is classified
        let mut done = Done::default();
        loop {
            n += 1;
            match input::read_line(&mut *reader, &mut line) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return read_error(n, e),
            }
            let text = match input::line_str(&line) {
                Ok(t) => t,
                Err(e) => return read_error(n, e),
            };
            done.out.clear();
            done.errs.clear();
            process(&engine, args, color, n, text, &mut done);
            if !write(&done, &mut out) {
                return 0;
            }
        }
    } else {
        // Batches go to the workers through one channel and come back numbered; the writer
        // puts them back in order. Emptied batches come back to the reader to be filled again.
        let (to_workers, batches) = std::sync::mpsc::sync_channel::<(usize, Batch)>(jobs * 2);
        let batches = std::sync::Mutex::new(batches);
        let (to_writer, results) = std::sync::mpsc::channel::<(usize, Done)>();
        let (to_reader, emptied) = std::sync::mpsc::channel::<Batch>();
        let failed = std::thread::scope(|scope| {
            for _ in 0..jobs {
                let (batches, to_writer, to_reader, engine) =
                    (&batches, to_writer.clone(), to_reader.clone(), &engine);
                scope.spawn(move || loop {
                    let next = batches.lock().map(|b| b.recv());
                    let Ok(Ok((k, batch))) = next else { break };
                    let mut done = Done::default();
                    let mut from = 0;
                    for &(n, end) in &batch.lines {
                        process(engine, args, color, n, &batch.text[from..end], &mut done);
                        from = end;
                    }
                    let _ = to_reader.send(batch);
                    if to_writer.send((k, done)).is_err() {
                        break;
                    }
                });
            }
            drop(to_writer);
            drop(to_reader);
            let mut sent = 0usize;
            let mut written = 0usize;
            let mut waiting: std::collections::BTreeMap<usize, Done> = Default::default();
            let mut failed: Option<(usize, std::io::Error)> = None;
            let mut write_ready = |waiting: &mut std::collections::BTreeMap<usize, Done>,
                                   written: &mut usize,
                                   out: &mut std::io::BufWriter<std::io::StdoutLock>|
             -> bool {
                while let Some(done) = waiting.remove(written) {
                    *written += 1;
                    if !write(&done, out) {
                        return false;
                    }
                }
                true
            };
            'reading: loop {
                let mut batch = emptied.try_recv().unwrap_or_default();
                batch.text.clear();
                batch.lines.clear();
                while batch.lines.len() < BATCH_LINES {
                    n += 1;
                    match input::read_line(&mut *reader, &mut line) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(e) => {
                            failed = Some((n, e));
                            break;
                        }
                    }
                    match input::line_str(&line) {
                        Ok(text) => batch.text.push_str(text),
                        Err(e) => {
                            failed = Some((n, e));
                            break;
                        }
                    }
                    batch.lines.push((n, batch.text.len()));
                }
                let last = batch.lines.len() < BATCH_LINES || failed.is_some();
                if !batch.lines.is_empty() {
                    if to_workers.send((sent, batch)).is_err() {
                        break 'reading;
                    }
                    sent += 1;
                }
                // write what is done, without waiting
                while let Ok((k, done)) = results.try_recv() {
                    waiting.insert(k, done);
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
                let Ok((k, done)) = results.recv() else {
                    break;
                };
                waiting.insert(k, done);
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

/// Classifies one input line (line number `n`) and appends its output line to `done.out`
/// (and a message to `done.errs` when the line is not a post).
fn process(engine: &Engine, args: &Args, color: bool, n: usize, line: &str, done: &mut Done) {
    let post = if args.jsonl {
        if line.trim().is_empty() {
            return;
        }
        match input::parse_json_line_ref(line) {
            Ok(p) => p,
            Err(e) => {
                let message = serde_json::json!({"line": n, "error": e});
                serde_json::to_writer(&mut done.out, &message).expect("writes to memory");
                done.out.push(b'\n');
                done.errs.push(format!("{n}: {e}"));
                return;
            }
        }
    } else {
        PostRef {
            text: line.into(),
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
    if args.format == "json" {
        let o = Output {
            id: &post.id,
            verdict: &verdict,
        };
        serde_json::to_writer(&mut done.out, &o).expect("verdicts serialize");
        done.out.push(b'\n');
    } else {
        write_report(&mut done.out, engine, n, &post, &verdict, color).expect("writes to memory");
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
    post: &PostRef,
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
