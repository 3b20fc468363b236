//! Fuzz target: bundles that validate, generated from structure (`arbitrary`), so that fuzzing
//! reaches `Engine::new` and classification with many different rule sets instead of
//! stopping at the parser like `bundle_json` and `bundle_toml` mostly do.
//!
//! The generator writes a core bundle (scoring, families, combinations, quoting) and a
//! language bundle (signals with phrases built from a small vocabulary in several scripts:
//! stems, gaps, numbers, word classes, negations), and a text from the same vocabulary with
//! separators, look-alike letters and case changes. Checked: the engine builds whenever the
//! set validates (and only then), classification never panics, evidence points inside the
//! text, the level agrees with the score and the thresholds, and the compiled document
//! builds the same engine.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use redflag::bundle::{
    Bundle, BundleSet, Combination, Family, Header, Negation, Quoting, Reach, Scoring, Signal,
};
use redflag::{Engine, Level};
use std::collections::BTreeMap;

/// Words in the scripts and forms the engine must handle.
const WORDS: &[&str] = &[
    "девушки", "девуш", "работа", "доход", "высокий", "паспорт", "салон", "не", "без", "18",
    "25", "girls", "high", "pay", "passport", "no", "escort", "devojke", "smeštaj", "posao",
    "šaljite", "slike", "дівчата", "робота", "ђак", "ljubav", "njiva", "džep", "vip", "1000",
];

const LANGUAGES: &[&str] = &["ru", "sr", "en", "uk", "hr", "sq"];

const SEPARATORS: &[&str] = &[" ", ", ", ".\n", " — ", "\u{200b}", " «", "» ", " \"", "\" ", "#"];

#[derive(Arbitrary, Debug)]
enum PhraseToken {
    Word(u8),
    Stem(u8),
    Gap(u8),
    Number,
    Class(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct GenFamily {
    lowers: bool,
    amount: u8,
    categories: u8,
    keeps: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct GenSignal {
    family: u8,
    weight: Option<u8>,
    floor: Option<u8>,
    phrases: Vec<Vec<PhraseToken>>,
}

#[derive(Arbitrary, Debug)]
struct GenCombination {
    all: Vec<u8>,
    any: Vec<u8>,
    add: u8,
    floor: Option<u8>,
}

#[derive(Arbitrary, Debug)]
enum TextToken {
    Word(u8),
    Upper(u8),
    /// A word with Latin look-alikes swapped in (or Cyrillic ones, for Latin words).
    Mixed(u8),
    Number(u16),
    Sep(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Input {
    thresholds: (u8, u8, u8),
    min_dampening: u8,
    families: Vec<GenFamily>,
    combinations: Vec<GenCombination>,
    quoting: Option<(u8, u8, u8)>,
    /// `[quoting] unless`: raising families (by index) that keep quoting from applying.
    quoting_unless: Vec<u8>,
    /// `[reach]`: lowering families (by index), the minimum words, the far power in 16ths.
    reach: Option<(Vec<u8>, u8, u8)>,
    languages: u8,
    classes: Vec<Vec<(u8, bool)>>,
    negation: Vec<u8>,
    signals: Vec<GenSignal>,
    text: Vec<TextToken>,
}

fn word(i: u8) -> &'static str {
    WORDS[i as usize % WORDS.len()]
}

fn level(i: u8) -> Level {
    Level::ALL[1 + i as usize % 3]
}

fn header(id: &str, languages: Vec<String>) -> Header {
    Header {
        id: id.into(),
        title: id.into(),
        version: "1".into(),
        languages,
        licence: "CC0".into(),
        homepage: String::new(),
        maintainer: "fuzz".into(),
        description: None,
    }
}

fn phrase(tokens: &[PhraseToken], classes: usize) -> String {
    let mut out = Vec::new();
    for t in tokens.iter().take(8) {
        out.push(match t {
            PhraseToken::Word(i) => word(*i).to_string(),
            PhraseToken::Stem(i) => format!("{}*", word(*i)),
            PhraseToken::Gap(n) => format!("~{}", 1 + n % 5),
            PhraseToken::Number => "#".into(),
            PhraseToken::Class(i) if classes > 0 => format!("@c{}", *i as usize % classes),
            PhraseToken::Class(i) => word(*i).to_string(),
            PhraseToken::Raw(s) => s.chars().take(12).collect(),
        });
    }
    out.join(" ")
}

fn mixed(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'а' => 'a',
            'е' => 'e',
            'о' => 'o',
            'р' => 'p',
            'с' => 'c',
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            other => other,
        })
        .collect()
}

fn text(tokens: &[TextToken]) -> String {
    let mut out = String::new();
    for t in tokens.iter().take(200) {
        match t {
            TextToken::Word(i) => out.push_str(word(*i)),
            TextToken::Upper(i) => out.push_str(&word(*i).to_uppercase()),
            TextToken::Mixed(i) => out.push_str(&mixed(word(*i))),
            TextToken::Number(n) => out.push_str(&n.to_string()),
            TextToken::Sep(i) => out.push_str(SEPARATORS[*i as usize % SEPARATORS.len()]),
            TextToken::Raw(s) => out.extend(s.chars().take(20)),
        }
        out.push(' ');
    }
    out
}

fn build(input: &Input) -> (BundleSet, Scoring) {
    let (a, b, c) = input.thresholds;
    let caution = 0.5 + f64::from(a) / 32.0;
    let warning = caution + 0.5 + f64::from(b) / 32.0;
    let danger = warning + 0.5 + f64::from(c) / 32.0;
    let scoring = Scoring {
        caution,
        warning,
        danger,
        min_dampening: (1.0 + f64::from(input.min_dampening % 100)) / 100.0,
    };
    let mut families: Vec<Family> = input
        .families
        .iter()
        .take(12)
        .enumerate()
        .map(|(i, f)| {
            let categories = redflag::Category::ALL
                .iter()
                .enumerate()
                .filter(|(k, _)| f.categories & (1 << k) != 0)
                .map(|(_, c)| *c)
                .collect();
            Family {
                id: format!("f{i}"),
                name: format!("family {i}"),
                weight: (!f.lowers).then_some(f64::from(f.amount) / 16.0),
                factor: f.lowers.then_some((1.0 + f64::from(f.amount % 100)) / 100.0),
                categories: if f.lowers { vec![] } else { categories },
                keeps_floors_of: vec![],
            }
        })
        .collect();
    if families.is_empty() {
        families.push(Family {
            id: "f0".into(),
            name: "family 0".into(),
            weight: Some(1.0),
            factor: None,
            categories: vec![],
            keeps_floors_of: vec![],
        });
    }
    let raising: Vec<String> = families
        .iter()
        .filter(|f| !f.lowers())
        .map(|f| f.id.clone())
        .collect();
    let lowering: Vec<String> = families
        .iter()
        .filter(|f| f.lowers())
        .map(|f| f.id.clone())
        .collect();
    let pick = |list: &[String], ks: &[u8]| -> Vec<String> {
        let mut v: Vec<String> = ks
            .iter()
            .take(3)
            .filter_map(|k| list.get(*k as usize % list.len().max(1)).cloned())
            .collect();
        v.dedup();
        v
    };
    for (f, g) in families.iter_mut().zip(&input.families) {
        if f.lowers() {
            f.keeps_floors_of = pick(&raising, &g.keeps);
        }
    }
    let combinations: Vec<Combination> = input
        .combinations
        .iter()
        .take(6)
        .enumerate()
        .filter_map(|(i, c)| {
            let all = pick(&raising, &c.all);
            (!all.is_empty()).then(|| Combination {
                id: format!("c{i}"),
                all,
                any: pick(&raising, &c.any),
                add: f64::from(c.add) / 16.0,
                floor: c.floor.map(level),
            })
        })
        .collect();
    let quoting = input.quoting.and_then(|(f, share, words)| {
        lowering.get(f as usize % lowering.len().max(1)).map(|family| Quoting {
            family: family.clone(),
            min_share: (1.0 + f64::from(share % 100)) / 100.0,
            min_words_outside: u32::from(words % 20),
            unless: pick(&raising, &input.quoting_unless),
        })
    });
    let reach = input.reach.as_ref().and_then(|(fs, words, power)| {
        let families = pick(&lowering, fs);
        (!families.is_empty()).then(|| Reach {
            families,
            min_words: u32::from(*words % 80),
            far_power: f64::from(power % 17) / 16.0,
        })
    });
    let core = Bundle {
        bundle: header("core", vec![]),
        scoring: Some(scoring.clone()),
        quoting,
        reach,
        negation: None,
        families: families.clone(),
        combinations,
        classes: BTreeMap::new(),
        signals: vec![],
        examples: vec![],
    };
    let languages: Vec<String> = LANGUAGES
        .iter()
        .enumerate()
        .filter(|(k, _)| input.languages & (1 << k) != 0)
        .map(|(_, l)| l.to_string())
        .collect();
    let classes: BTreeMap<String, Vec<String>> = input
        .classes
        .iter()
        .take(4)
        .enumerate()
        .filter(|(_, m)| !m.is_empty())
        .map(|(i, members)| {
            let mut m: Vec<String> = members
                .iter()
                .take(6)
                .map(|(w, stem)| format!("{}{}", word(*w), if *stem { "*" } else { "" }))
                .collect();
            m.dedup();
            (format!("c{i}"), m)
        })
        .collect();
    let signals: Vec<Signal> = input
        .signals
        .iter()
        .take(16)
        .enumerate()
        .map(|(i, s)| {
            let family = &families[s.family as usize % families.len()];
            let lowers = family.lowers();
            Signal {
                id: format!("s{i}"),
                family: family.id.clone(),
                weight: s.weight.filter(|_| !lowers).map(|w| f64::from(w) / 16.0),
                floor: s.floor.filter(|_| !lowers).map(level),
                note: None,
                phrases: s
                    .phrases
                    .iter()
                    .take(8)
                    .map(|p| phrase(p, classes.len()))
                    .collect(),
            }
        })
        .collect();
    let negation = (!input.negation.is_empty()).then(|| Negation {
        words: input.negation.iter().take(4).map(|w| word(*w).to_string()).collect(),
    });
    let lang = Bundle {
        bundle: header("lang", languages),
        scoring: None,
        quoting: None,
        reach: None,
        negation,
        families: vec![],
        combinations: vec![],
        classes,
        signals,
        examples: vec![],
    };
    let doc = redflag::Document {
        format: redflag::FORMAT_VERSION,
        bundles: vec![core, lang],
        support: vec![],
        language_regions: BTreeMap::new(),
        browser_regions: BTreeMap::new(),
    };
    (doc.into_set("fuzz"), scoring)
}

fuzz_target!(|input: Input| {
    let (set, scoring) = build(&input);
    let valid = set.validate().is_ok();
    let engine = match Engine::new(&set) {
        Ok(e) => e,
        Err(e) => {
            assert!(!valid, "a valid set did not build: {e}");
            return;
        }
    };
    assert!(valid, "an invalid set built an engine");
    let text = text(&input.text);
    let v = engine.classify(&text, &Default::default());
    let len = text.encode_utf16().count() as u32;
    for e in v.evidence.iter().chain(&v.dampeners) {
        assert!(e.start < e.end && e.end <= len, "{e:?} outside {len}");
    }
    assert!(v.score.is_finite() && v.score >= 0.0, "{}", v.score);
    let expected = if v.score >= scoring.danger {
        Level::Danger
    } else if v.score >= scoring.warning {
        Level::Warning
    } else if v.score >= scoring.caution {
        Level::Caution
    } else {
        Level::None
    };
    // the score is rounded to two decimals in the verdict; only compare away from a threshold
    let near = [scoring.caution, scoring.warning, scoring.danger]
        .iter()
        .any(|t| (v.score - t).abs() < 0.01);
    if !near {
        assert_eq!(v.level, expected, "score {} with {scoring:?}", v.score);
    }
    // the compiled document builds an engine that says the same
    let json = serde_json::to_string(&set.to_document()).unwrap();
    let again = Engine::from_json(&[("fuzz.json", &json)]).expect("a compiled valid set loads");
    assert_eq!(again.classify(&text, &Default::default()), v);
});
