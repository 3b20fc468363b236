//! `redflag compile`: validates a bundle set and writes the JSON document the extension ships
//! and imports (format version stated inside). Examples are left out unless asked for: they
//! are for reviewers, not for the person's browser.

use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// A rules directory or bundle file (default: the built-in rules).
    dir: Option<PathBuf>,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Keep the bundles' examples in the output.
    #[arg(long)]
    with_examples: bool,
    /// Pretty-print.
    #[arg(long)]
    pretty: bool,
    /// Also write the engine's prebuilt tables for the document to this file (what
    /// `new Engine` derives from it; the extension ships them next to the document so that a
    /// restarted service worker only reads them). Valid only for this exact document and
    /// this version of redflag.
    #[arg(long, value_name = "FILE")]
    tables: Option<PathBuf>,
}

pub fn run(bundles: &super::Sources, args: &Args) -> i32 {
    let Some((set, engine)) = super::load_engine(bundles, args.dir.as_ref()) else {
        return 2;
    };
    let mut doc = set.to_document();
    if !args.with_examples {
        for b in &mut doc.bundles {
            b.examples.clear();
        }
    }
    let json = if args.pretty {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_json::to_string(&doc)
    }
    .expect("documents serialize");
    let result = match &args.output {
        Some(p) => std::fs::write(p, json.as_bytes()),
        None => std::io::stdout().write_all(json.as_bytes()),
    };
    if let Err(e) = result {
        eprintln!("redflag compile: cannot write: {e}");
        return 2;
    }
    if let Some(path) = &args.tables {
        // from the document as written, exactly as the extension builds its engine
        let built = redflag::Engine::from_json(&[("compiled document", json.as_str())]);
        let written = built
            .map_err(|e| e.to_string())
            .and_then(|e| std::fs::write(path, e.tables(&json)).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("redflag compile: cannot write the tables: {e}");
            return 2;
        }
    }
    let info = engine.info();
    eprintln!(
        "compiled {} bundle(s), {} signals, {} phrases, {} support entries ({} bytes)",
        info.bundles.len(),
        info.signals,
        info.phrases,
        info.support,
        json.len()
    );
    0
}
