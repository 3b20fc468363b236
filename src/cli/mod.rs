//! Command-line interface: argument parsing and the pieces the commands share (loading
//! bundles, reading input). One file per command.

/// `println!` that ignores a closed pipe (`redflag explain … | head` must not panic).
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

mod compile;
mod eval;
mod examples;
mod explain;
mod input;
mod lint;
mod scan;

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
    Test(examples::Args),
    /// Precision/recall on labelled JSON lines; share flagged per level on unlabelled ones.
    Eval(eval::Args),
    /// Compile bundles and the support directory into the JSON document the extension loads.
    Compile(compile::Args),
}

/// Loads the bundle set: `--bundle` paths (plus a command's own DIR), or the built-in rules.
pub fn load_set(bundles: &[PathBuf], dir: Option<&PathBuf>) -> Result<BundleSet, redflag::Error> {
    let mut paths: Vec<PathBuf> = bundles.to_vec();
    paths.extend(dir.cloned());
    if paths.is_empty() {
        redflag::authoring::default_set()
    } else {
        redflag::authoring::load_paths(&paths)
    }
}

/// Loads the bundle set and builds the engine, printing errors.
pub fn load_engine(bundles: &[PathBuf], dir: Option<&PathBuf>) -> Option<(BundleSet, Engine)> {
    let result = load_set(bundles, dir).and_then(|set| Engine::new(&set).map(|e| (set, e)));
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
    let b = &cli.bundles;
    match &cli.command {
        Command::Scan(a) => scan::run(b, a),
        Command::Explain(a) => explain::run(b, a),
        Command::Lint(a) => lint::run(b, a),
        Command::Test(a) => examples::run(b, a),
        Command::Eval(a) => eval::run(b, a),
        Command::Compile(a) => compile::run(b, a),
    }
}
