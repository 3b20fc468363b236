//! `redflag explain`: why a text scored as it did, in plain words: the normalized text, every
//! phrase that matched, each family's points, combinations, floors, dampeners and thresholds.

use super::input;
use redflag::Options;

#[derive(clap::Args)]
pub struct Args {
    /// The text to explain (several words are joined with spaces; `-` reads standard input).
    #[arg(required = true)]
    text: Vec<String>,
    /// Region for support entries.
    #[arg(long)]
    region: Option<String>,
}

pub fn run(bundles: &super::Sources, args: &Args) -> i32 {
    let Some((_, engine)) = super::load_engine(bundles, None) else {
        return 2;
    };
    let text = if args.text.len() == 1 && args.text[0] == "-" {
        match input::read_all(std::io::stdin()) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("redflag explain: cannot read standard input: {e}");
                return 2;
            }
        }
    } else {
        args.text.join(" ")
    };
    let x = engine.explain(
        &text,
        &Options {
            region: args.region.as_deref(),
        },
    );
    let m = engine.model();
    outln!("normalized: {}", x.normalized);
    outln!();
    if x.matches.is_empty() {
        outln!("matches: none");
    } else {
        outln!("matches:");
        for d in &x.matches {
            outln!(
                "  {:<18} {:<28} phrase \"{}\" matched «{}» at {}..{}",
                d.family,
                d.signal,
                d.phrase,
                d.evidence.text,
                d.evidence.start,
                d.evidence.end
            );
        }
    }
    let b = &x.breakdown;
    outln!();
    outln!("score:");
    for (f, pts) in &b.families {
        outln!(
            "  + {:>5.2}  family {} ({})",
            pts,
            m.families[*f].id,
            m.families[*f].name
        );
    }
    for (c, pts) in &b.combinations {
        let combo = &m.combinations[*c];
        let fams: Vec<&str> = combo
            .all
            .iter()
            .map(|f| m.families[*f].id.as_str())
            .collect();
        outln!(
            "  + {:>5.2}  combination {} ({})",
            pts,
            combo.id,
            fams.join(" + ")
        );
    }
    if let Some(l) = b.floor {
        outln!(
            "  floor: at least {l} (score lifted to {:.2})",
            m.threshold(l)
        );
    }
    outln!("  = {:>5.2}  before context", b.raw);
    for f in &b.dampeners {
        let fam = &m.families[*f];
        outln!(
            "  × {:>5.2}  {} ({})",
            fam.factor.unwrap_or(1.0),
            fam.id,
            fam.name
        );
    }
    if !b.dampeners.is_empty() {
        outln!(
            "  (context factors together: × {:.2}, never below × {:.2})",
            b.factor,
            m.min_dampening
        );
    }
    outln!("  = {:>5.2}", b.score);
    outln!();
    outln!(
        "level: {}   (thresholds: caution {}, warning {}, danger {})",
        x.verdict.level,
        m.caution,
        m.warning,
        m.danger
    );
    if !x.verdict.categories.is_empty() {
        let c: Vec<&str> = x.verdict.categories.iter().map(|c| c.as_str()).collect();
        outln!("categories: {}", c.join(", "));
    }
    if !x.verdict.support.is_empty() {
        outln!("support: {}", x.verdict.support.join(", "));
    }
    0
}
