//! `redflag languages`: the language folders (`rules/languages/<code>/language.toml`), for
//! people (a table) and for the build scripts (`--json`), so that no script parses TOML
//! itself. Each file is checked as `redflag lint` checks it; a bad one is an error.

use redflag::authoring::{self, layout};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// A rules directory (default: the built-in rules).
    dir: Option<PathBuf>,
    /// One JSON array: every key of each language.toml as written, plus `code` (the folder's
    /// name), in code order.
    #[arg(long)]
    json: bool,
}

/// `(folder name, file name, source)` of every language.toml, in folder order.
fn language_files(dir: Option<&Path>) -> Result<Vec<(String, String, String)>, String> {
    let folder = |file: &str| {
        Path::new(file)
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    match dir {
        None => {
            for (file, src) in authoring::embedded_files() {
                if file.ends_with("/language.toml") {
                    out.push((folder(file), file.to_string(), src.to_string()));
                }
            }
        }
        Some(dir) => {
            let dirs = layout::language_dirs(dir)
                .map_err(|e| format!("{}: cannot read: {e}", dir.display()))?;
            for d in dirs {
                let f = d.join("language.toml");
                let src = std::fs::read_to_string(&f)
                    .map_err(|e| format!("{}: cannot read: {e}", f.display()))?;
                let file = f.display().to_string();
                out.push((folder(&file), file, src));
            }
        }
    }
    out.sort();
    Ok(out)
}

pub fn run(args: &Args) -> i32 {
    let files = match language_files(args.dir.as_deref()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("redflag: {e}");
            return 1;
        }
    };
    let mut rows = Vec::new();
    let mut failed = false;
    for (code, file, src) in &files {
        let lang = match authoring::parse_language(file, src) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        // Every key as written (the checked struct would drop none, but a script should see
        // the file, not this version's idea of it).
        let table: toml::Table = toml::from_str(src).expect("parsed above");
        let mut value = serde_json::to_value(table).expect("TOML values are JSON values");
        value["code"] = serde_json::Value::String(code.clone());
        rows.push((lang, value));
    }
    if failed {
        return 1;
    }
    if args.json {
        let all: Vec<&serde_json::Value> = rows.iter().map(|(_, v)| v).collect();
        outln!(
            "{}",
            serde_json::to_string(&all).expect("JSON values serialize")
        );
        return 0;
    }
    for (l, _) in &rows {
        outln!(
            "{:<4} {:<12} {:<14} regions {:<14} default {}",
            l.code,
            l.name,
            l.native_name,
            l.regions.join(","),
            l.default_region.as_deref().unwrap_or("-")
        );
    }
    0
}
