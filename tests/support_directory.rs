//! The shipped support directory, checked against what the second check of the research found
//! (`../shared/research/support-services.md`, "Second check", 2026-12-06): which numbers are
//! confirmed, what each line is for, and the numbers that must never be shown (112 in Bosnia
//! and Herzegovina, the Government Contact Centre's paid number as a trafficking line).
//!
//! Why a test and not only a review: a later edit of a support.toml that brings back a wrong
//! number fails here, with the reason, before it reaches a banner.

#![cfg(not(target_arch = "wasm32"))]

use redflag::authoring::default_set;
use redflag::support::{parse_hours, Hours, Status, SupportEntry};
use redflag::verdict::Category;
use redflag::{Engine, Options};

fn directory() -> Vec<SupportEntry> {
    let set = default_set().expect("the default rules load");
    set.validate().expect("the default rules are valid");
    set.support.into_iter().map(|s| s.entry).collect()
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The entry of `region` whose phone (or text number) has these digits.
fn by_number<'a>(dir: &'a [SupportEntry], region: &str, number: &str) -> &'a SupportEntry {
    dir.iter()
        .find(|e| {
            e.region == region
                && [&e.phone, &e.sms]
                    .iter()
                    .any(|n| n.as_deref().is_some_and(|n| digits(n) == digits(number)))
        })
        .unwrap_or_else(|| panic!("{region}: no entry with number {number}"))
}

fn numbers(e: &SupportEntry) -> Vec<String> {
    [&e.phone, &e.sms]
        .into_iter()
        .flatten()
        .map(|n| digits(n))
        .collect()
}

#[test]
fn every_entry_keeps_its_source_and_confirmed_ones_their_date() {
    for e in directory() {
        assert!(!e.source.trim().is_empty(), "{}: no source", e.id);
        if e.status == Status::Confirmed {
            assert!(e.confirmed.is_some(), "{}: confirmed without a date", e.id);
        }
        if let Some(h) = &e.hours {
            parse_hours(h).unwrap_or_else(|m| panic!("{}: {m}", e.id));
        }
    }
}

#[test]
fn bosnia_and_herzegovina_never_gets_112_nor_a_made_up_trafficking_hotline() {
    let dir = directory();
    // What a person in BA can be shown: BA's entries and the international ones.
    let shown: Vec<&SupportEntry> = dir
        .iter()
        .filter(|e| e.region == "BA" || e.region == "intl")
        .collect();
    assert!(shown.iter().any(|e| e.region == "BA"), "BA has entries");
    for e in &shown {
        assert!(
            !numbers(e).contains(&"112".to_string()),
            "{}: 112 does not work in Bosnia and Herzegovina",
            e.id
        );
    }
    // No trafficking hotline exists: the only BA number is the police (122); the
    // domestic-violence lines 1264/1265 are not offered as trafficking lines.
    for e in dir.iter().filter(|e| e.region == "BA") {
        for n in numbers(e) {
            assert_eq!(n, "122", "{}: unexpected BA number {n}", e.id);
            assert!(
                e.name.to_lowercase().contains("policija"),
                "{}: 122 is the police",
                e.id
            );
        }
    }
    // And a banner for a risky post, with region BA, lists no 112.
    let engine = Engine::new(&default_set().unwrap()).unwrap();
    let v = engine.classify(
        "Tražimo djevojke 18-25 za rad u inostranstvu, plaćen smještaj i karte, zarada 3000 eura sedmično, javi se u inbox.",
        &Options {
            region: Some("BA"),
            ..Default::default()
        },
    );
    assert!(!v.support.is_empty(), "help is offered");
    for id in &v.support {
        let e = dir.iter().find(|e| &e.id == id).unwrap();
        assert!(e.region == "BA" || e.region == "intl", "{id}");
        assert!(!numbers(e).contains(&"112".to_string()), "{id}");
    }
    assert_eq!(
        dir.iter().find(|e| e.id == v.support[0]).unwrap().region,
        "BA"
    );
}

#[test]
fn serbia_116000_is_the_missing_children_line_and_astra_sos_stays_unconfirmed() {
    let dir = directory();
    let missing = by_number(&dir, "RS", "116 000");
    assert_eq!(missing.status, Status::Confirmed);
    assert!(
        missing.name.contains("nestalu decu"),
        "labelled as the missing-children line: {}",
        missing.name
    );
    assert_eq!(missing.helps, vec![Category::Minor]);
    let sos = by_number(&dir, "RS", "+381 11 785 0000");
    assert_eq!(
        sos.status,
        Status::Unconfirmed,
        "not seen on ASTRA's current site"
    );
    // Vojvodina's line for women victims of violence is never presented as ASTRA's.
    for e in &dir {
        if numbers(e).contains(&"0800101010".to_string()) {
            assert!(!e.name.contains("ASTRA"), "{}", e.id);
        }
    }
}

#[test]
fn croatia_sos_line_is_confirmed_by_government_pages_with_its_hours() {
    let dir = directory();
    let sos = by_number(&dir, "HR", "0800 77 99");
    assert_eq!(sos.status, Status::Confirmed);
    assert!(
        sos.source.contains("gov.hr"),
        "cites the government pages: {}",
        sos.source
    );
    assert_eq!(
        sos.hours.as_deref().map(parse_hours),
        Some(Ok(Hours::Daily(10 * 60, 18 * 60)))
    );
    let victims = by_number(&dir, "HR", "116 006");
    assert_eq!(victims.hours.as_deref(), Some("24/7"));
}

#[test]
fn ukraine_national_line_is_confirmed_and_the_paid_government_number_is_gone() {
    let dir = directory();
    for n in ["0 800 500 335", "116 123"] {
        let e = by_number(&dir, "UA", n);
        assert_eq!(e.status, Status::Confirmed, "{n}");
        assert!(e.source.contains("gov.ua"), "{n}: {}", e.source);
        assert!(
            !e.source.contains("third-party"),
            "{n}: old source replaced"
        );
    }
    assert_eq!(
        by_number(&dir, "UA", "116 123").hours.as_deref(),
        Some("24/7")
    );
    // +38 044 284 19 15 is the Government Contact Centre's line from abroad, not 1547's.
    for e in &dir {
        let text = format!("{} {:?} {:?}", e.name, e.phone, e.note);
        assert!(
            !digits(&text).contains("380442841915") && !digits(&text).contains("0442841915"),
            "{}: the Government Contact Centre's paid number is not a trafficking line",
            e.id
        );
    }
}

#[test]
fn kosovo_albania_russia_and_the_international_entries() {
    let dir = directory();
    let xk = by_number(&dir, "XK", "0800 1111 2");
    assert_eq!(xk.status, Status::Confirmed);
    assert!(xk.source.contains("kosovopolice") && xk.source.contains("2018"));
    assert!(
        xk.note.as_deref().unwrap_or("").contains("192"),
        "police 192"
    );

    assert_eq!(by_number(&dir, "AL", "116 006").status, Status::Unconfirmed);
    let alo = by_number(&dir, "AL", "116 111");
    assert_eq!(alo.status, Status::Confirmed);
    assert!(alo.helps.contains(&Category::Minor));

    let ru124 = by_number(&dir, "RU", "124");
    assert_eq!(ru124.helps, vec![Category::Minor]);

    let stopncii = dir.iter().find(|e| e.id == "intl-stopncii").unwrap();
    assert_eq!(
        stopncii.languages,
        vec!["en"],
        "only languages someone verified"
    );
    let polaris = by_number(&dir, "US", "233733");
    assert_eq!(polaris.sms.as_deref(), Some("233733"));
    assert_eq!(polaris.hours.as_deref(), Some("24/7"));
}
