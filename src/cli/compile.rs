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
