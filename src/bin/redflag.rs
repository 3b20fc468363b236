//! `redflag`: the command-line tool for contributors and researchers.
//!
//! Every command works with no arguments besides its input, using the rules embedded at build
//! time; `--bundle PATH` (repeatable: a file or a rules directory) uses other bundles instead.

#[path = "../cli/mod.rs"]
mod cli;

/// mimalloc instead of the system allocator: a `scan` of many posts spends much of its time in
/// small allocations (Cargo.toml says how much).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
