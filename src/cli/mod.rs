//! Command-line interface: argument parsing and the pieces the commands share (loading
//! bundles, reading input). One file per command, named after it (`redflag bundle …` is
//! `bundle.rs`, `redflag eval --baseline` is `eval_baseline.rs`).

/// `println!` that ignores a closed pipe (`redflag explain … | head` must not panic).
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

mod bundle;
mod compile;
mod eval;
mod eval_baseline;
mod explain;
mod input;
mod languages;
mod lint;
mod scan;
mod test;
mod ui_cyrillic;

use clap::{Parser, Subcommand};
use redflag::{BundleSet, Engine};
use std::path::PathBuf;

/// On-device warnings about job ads and posts that recruit into sexual exploitation,
/// trafficking or image-based abuse. Nothing is sent anywhere.
#[derive(Parser)]
#[command(name = "redflag", version, about)]
pub struct Cli {
    /// Use these bundles (a .toml/.json file or a rules directory) instead of the built-in ones.
    /// Repeatable.
    #[arg(long = "bundle", global = true, value_name = "PATH")]
    bundles: Vec<PathBuf>,
    /// Trust this publisher's public key (a file from `redflag bundle keygen`) for signed
    /// bundles given with --bundle. Repeatable.
    #[arg(long = "trust", global = true, value_name = "KEYFILE")]
    trust: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Classify posts: plain text (one post per line) or JSON lines with a `text` field.
    Scan(scan::Args),
    /// Show the normalized text, every match and the score breakdown for one text.
    Explain(explain::Args),
    /// Check bundles: schema, duplicate or shadowed phrases, unconfirmed support numbers.
    Lint(lint::Args),
    /// Run every bundle example and show expected vs actual.
    Test(test::Args),
    /// Precision/recall on labelled JSON lines; share flagged per level on unlabelled ones.
    Eval(eval::Args),
    /// Compile bundles and the support directory into the JSON document the extension loads.
    Compile(compile::Args),
    /// Sign bundles: make keys, sign a compiled bundle, verify a signed one.
    #[command(subcommand)]
    Bundle(bundle::Command),
    /// List the language folders (rules/languages/*/language.toml): `--json` for build scripts.
    Languages(languages::Args),
    /// Print a Serbian Latin ui.json with every text in Serbian Cyrillic (placeholders kept).
    UiCyrillic(ui_cyrillic::Args),
}

/// Where the rules come from: `--bundle` paths and `--trust` keys.
pub struct Sources {
    pub bundles: Vec<PathBuf>,
    pub trusted: Vec<String>,
}

/// Reads the `--trust` key files.
fn read_trusted(files: &[PathBuf]) -> Result<Vec<String>, String> {
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f)
                .map_err(|e| format!("{}: cannot read: {e}", f.display()))?;
            let key = redflag::signing::key_from_text(&text)
                .ok_or(format!("{}: no key in the file", f.display()))?;
            redflag::signing::parse_public_key(key).map_err(|e| format!("{}: {e}", f.display()))?;
            Ok(key.to_string())
        })
        .collect()
}

/// Loads the bundle set: `--bundle` paths (plus a command's own DIR), or the built-in rules.
pub fn load_set(sources: &Sources, dir: Option<&PathBuf>) -> Result<BundleSet, redflag::Error> {
    let mut paths: Vec<PathBuf> = sources.bundles.clone();
    paths.extend(dir.cloned());
    if paths.is_empty() {
        redflag::authoring::default_set()
    } else {
        redflag::authoring::load_paths(&paths, &sources.trusted)
    }
}

/// Loads the bundle set and builds the engine, printing errors.
pub fn load_engine(sources: &Sources, dir: Option<&PathBuf>) -> Option<(BundleSet, Engine)> {
    let result = load_set(sources, dir).and_then(|set| Engine::new(&set).map(|e| (set, e)));
    match result {
        Ok(x) => Some(x),
        Err(e) => {
            eprintln!("redflag: the bundles could not be loaded:\n{e}");
            None
        }
    }
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    let b = &match read_trusted(&cli.trust) {
        Ok(trusted) => Sources {
            bundles: cli.bundles.clone(),
            trusted,
        },
        Err(e) => {
            eprintln!("redflag: --trust {e}");
            return 2;
        }
    };
    match &cli.command {
        Command::Scan(a) => scan::run(b, a),
        Command::Explain(a) => explain::run(b, a),
        Command::Lint(a) => lint::run(b, a),
        Command::Test(a) => test::run(b, a),
        Command::Eval(a) => eval::run(b, a),
        Command::Compile(a) => compile::run(b, a),
        Command::Bundle(c) => bundle::run(c),
        Command::Languages(a) => languages::run(a),
        Command::UiCyrillic(a) => ui_cyrillic::run(a),
    }
}
