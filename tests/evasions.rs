//! Every evasion the engine must defeat, each with a test that (a) the phrase matches the
//! evasive text and (b) it does not match when the normalization step that handles the evasion
//! is switched off — so each test fails without its step.

use redflag::matcher::{Matcher, MatcherBuilder};
use redflag::normalize::{normalize_with, Steps};
use redflag::phrase;

fn matcher(phrases: &[&str], languages: &[&str]) -> Matcher {
    let langs: Vec<String> = languages.iter().map(|s| s.to_string()).collect();
    let mut b = MatcherBuilder::default();
    for (i, p) in phrases.iter().enumerate() {
        for v in phrase::variants(p, &langs).unwrap() {
            b.add(i as u32, 0, &v, false, false, |_| {
                unreachable!("no classes")
            });
        }
    }
    b.build()
}

fn matches(m: &Matcher, text: &str, steps: Steps) -> bool {
    !m.find(&normalize_with(text, steps), false).is_empty()
}

/// Asserts the phrase matches `text` with every step and misses it without `off`.
fn defeated_only_by(phrase: &str, text: &str, off: impl Fn(&mut Steps)) {
    let m = matcher(&[phrase], &["ru", "en"]);
    assert!(
        matches(&m, text, Steps::ALL),
        "«{phrase}» should match {text:?}"
    );
    let mut steps = Steps::ALL;
    off(&mut steps);
    assert!(
        !matches(&m, text, steps),
        "«{phrase}» matched {text:?} even without the step: the test proves nothing"
    );
}

#[test]
fn unicode_compatibility_forms() {
    defeated_only_by("escort", "𝐄𝐒𝐂𝐎𝐑𝐓 agency", |s| {
        s.compatibility = false
    });
    defeated_only_by("high pay", "ｈｉｇｈ ｐａｙ", |s| {
        s.compatibility = false
    });
}

#[test]
fn cyrillic_and_latin_case_folding() {
    defeated_only_by("требуются девушки", "ТРЕБУЮТСЯ ДЕВУШКИ", |s| s.case = false);
    defeated_only_by("girls only", "GIRLS ONLY", |s| s.case = false);
}

#[test]
fn yo_and_diacritics() {
    defeated_only_by("все безопасно", "Всё безопасно", |s| s.diacritics = false);
    let m = matcher(&["smeštaj plaćen"], &["sr"]);
    for text in ["Smeštaj plaćen", "smestaj placen", "SMEŠTAJ PLAĆEN"] {
        assert!(matches(&m, text, Steps::ALL), "{text}");
    }
    let mut no = Steps::ALL;
    no.diacritics = false;
    assert!(!matches(&m, "Smeštaj plaćen", no));
}

#[test]
fn zero_width_and_invisible_characters() {
    defeated_only_by(
        "досуг",
        "работа в сфере до\u{200B}су\u{200D}г",
        |s| s.invisible = false,
    );
    defeated_only_by("escort", "es\u{00AD}co\u{FEFF}rt", |s| s.invisible = false);
}

#[test]
fn letters_spread_with_spaces_or_dots() {
    defeated_only_by("работа", "Р А Б О Т А для вас", |s| {
        s.spread = false
    });
    defeated_only_by("escort", "e.s.c.o.r.t", |s| s.spread = false);
}

#[test]
fn homoglyphs_are_read_in_the_script_of_their_word() {
    // Latin T, p, c, e inside Russian words
    defeated_only_by(
        "требуются девушки",
        "Tpебуютcя дeвушки",
        |s| s.homoglyphs = false,
    );
    // Cyrillic е, о inside English words
    defeated_only_by("escort", "\u{0435}sc\u{043E}rt", |s| s.homoglyphs = false);
}

#[test]
fn leetspeak_inside_words() {
    defeated_only_by("escort", "3sc0rt", |s| s.leet = false);
    defeated_only_by("high pay", "h1gh p@y", |s| s.leet = false);
    defeated_only_by("досуг", "д0суг", |s| s.leet = false);
}

#[test]
fn serbian_cyrillic_and_latin_share_one_list() {
    let both = matcher(&["devojke za rad u inostranstvu"], &["sr"]);
    let latin_only = matcher(&["devojke za rad u inostranstvu"], &[]);
    let cyr = "Потребне девојке за рад у иностранству";
    assert!(matches(&both, cyr, Steps::ALL));
    assert!(
        !matches(&latin_only, cyr, Steps::ALL),
        "without the Cyrillic spelling it must miss"
    );
    assert!(matches(
        &both,
        "Potrebne devojke za rad u inostranstvu",
        Steps::ALL
    ));
}

#[test]
fn stems_match_inflections_and_words_match_on_boundaries() {
    let stem = matcher(&["девуш*"], &["ru"]);
    let exact = matcher(&["девушка"], &["ru"]);
    for t in ["девушки", "девушкам", "Девушку"] {
        assert!(matches(&stem, t, Steps::ALL), "{t}");
        assert!(!matches(&exact, t, Steps::ALL), "{t}");
    }
    // word boundaries: a short stem does not fire inside another word
    let sek = matcher(&["секс*"], &["ru"]);
    assert!(!matches(&sek, "бисексуальность обсуждают", Steps::ALL));
    assert!(matches(&sek, "секс-услуги", Steps::ALL));
}

#[test]
fn emoji_between_words_do_not_break_a_phrase() {
    let m = matcher(&["высок* доход*"], &["ru"]);
    assert!(matches(&m, "высокий 💰💰 доход", Steps::ALL));
    let m = matcher(&["high pay"], &["en"]);
    assert!(matches(&m, "high 💸 pay", Steps::ALL));
}

#[test]
fn one_typo_in_a_long_latin_word() {
    // (typos are not a normalization step: the matcher's typo index, src/typos.rs)
    let m = matcher(&["inostranstv*", "girls ~3 accommodation"], &["sr", "en"]);
    for text in [
        "posao u inostrantsvu",     // two letters swapped
        "posao u inostrasntvu",     // another swap
        "posao u innostranstvu",    // a letter doubled
        "girls only, accomodation", // a letter dropped
        "girls only, accommdoation",
    ] {
        assert!(matches(&m, text, Steps::ALL), "{text}");
    }
    // a word of seven letters takes one slip inside a phrase of several words ("smetsaj"
    // next to "devojke"), never alone
    let seven = matcher(&["devojke ~3 smestaj"], &["sr"]);
    assert!(matches(&seven, "devojke, smetsaj placen", Steps::ALL));
    assert!(matches(&seven, "devjoke, smestaj placen", Steps::ALL));
    let alone = matcher(&["smestaj"], &["sr"]);
    assert!(!matches(&alone, "smetsaj placen", Steps::ALL));
    // two slips, a slip in the ending, or a short word: not matched
    let short = matcher(&["devojk* ~3 smestaj"], &["sr"]);
    assert!(!matches(&short, "devjoke, smetsaj", Steps::ALL));
    for text in ["posao u inostrnatsvu", "girls only, acomodation"] {
        assert!(!matches(&m, text, Steps::ALL), "{text}");
    }
    // a feminine ending is no slip: «сотрудники» is not «сотрудницы»
    let ru = matcher(&["требуются сотрудницы"], &["ru"]);
    assert!(!matches(&ru, "требуются сотрудники", Steps::ALL));
}

#[test]
fn one_slip_in_a_cyrillic_word() {
    // the same rules as in Latin words, letter for letter (src/typos.rs)
    let ru = matcher(
        &["требуются сотрудницы", "девушки ~3 заграничн*"],
        &["ru", "uk"],
    );
    for text in [
        "требуются сотрдуницы",        // two letters swapped
        "требются сотрудницы",         // a letter dropped
        "девушки, загарничная работа", // a slip in a long stem
        "девшуки, заграничная работа", // a slip in a word of seven letters
    ] {
        assert!(matches(&ru, text, Steps::ALL), "{text}");
    }
    // not in the first letter, nor in the ending, nor two slips
    for text in [
        "требуются отрудницы",
        "требуются сотрудниыц",
        "требуются сотрудница",
        "требуются сотрдуниыц",
    ] {
        assert!(!matches(&ru, text, Steps::ALL), "{text}");
    }
    // a Cyrillic stem keeps its last two letters and has eight letters or more: one letter
    // less near the cut is another form of the word («прислали» is not «присыла*»)
    let stem = matcher(&["присыла* ~2 фото", "обеспеченн* клиент*"], &["ru"]);
    assert!(matches(&stem, "присылали фото", Steps::ALL));
    assert!(!matches(&stem, "прислали фото", Steps::ALL));
    assert!(!matches(&stem, "обеспечение клиентов", Steps::ALL));
    // a word under ten letters found with a slip never stands alone: «дедушки» is not
    // «девушки» by itself
    let alone = matcher(&["девушки"], &["ru"]);
    assert!(!matches(&alone, "дедушки", Steps::ALL));
    assert!(!matches(&alone, "девшуки", Steps::ALL));
    // a word read only with a slip is not covered: its leet readings come first («кли3нты»
    // is «клиенты», the stem «клиент*», before it is one slip from the word «клиенты»)
    let leet = matcher(&["клиенты ~1 фото", "солидные клиент*"], &["ru"]);
    assert!(matches(&leet, "солидные кли3нты", Steps::ALL));
    // Serbian Cyrillic: its phrases are compiled in both scripts, the slip is found in either
    let sr = matcher(&["devojke ~3 smeštaj"], &["sr"]);
    assert!(matches(&sr, "девојке, сметшај плаћен", Steps::ALL));
    assert!(matches(&sr, "девјоке, смештај плаћен", Steps::ALL));
}

#[test]
fn currency_signs_before_or_after_a_number() {
    let m = matcher(&["earn # a night", "от # за вечер"], &["en", "ru"]);
    for text in [
        "earn $500 a night",
        "earn 500$ a night",
        "earn 500 a night",
        "от 300$ за вечер",
        "от 300 € за вечер",
        "от 5000₽ за вечер",
    ] {
        assert!(matches(&m, text, Steps::ALL), "{text}");
    }
    // the sign's word can be named: a phrase for sums in dollars
    let usd = matcher(&["from # usd"], &["en"]);
    assert!(matches(&usd, "from 300$ a day", Steps::ALL));
    assert!(!matches(&usd, "from 300 a day", Steps::ALL));
}

#[test]
fn words_glued_in_camel_case_hashtags_and_runs() {
    // CamelCase: the writer marks where each word begins, so even a short glued word reads
    // as its words (a plain "highpay" is too short to be tried as glued)
    let m = matcher(&["high pay", "высок* доход*"], &["en", "ru"]);
    for text in ["HighPay, DM me", "ВысокийДоход, пиши"] {
        assert!(matches(&m, text, Steps::ALL), "{text}");
    }
    assert!(!matches(&m, "highpay, dm me", Steps::ALL));
    // a hashtag's fewest pieces (cure|zarad) are not the writer's (cure|za|rad): the pieces of
    // a split one piece longer are kept too, and the phrase runs on past the hashtag
    let m = matcher(&["cure za rad u kafani", "zarad*"], &["sr"]);
    assert!(matches(&m, "Potrebne #curezarad u kafani", Steps::ALL));
    // a long unmarked glued word may start a phrase that runs on into the words after it,
    // when the phrase covers it whole
    let m = matcher(&["posao u inostranstv* ~1 devojk* odmah"], &["sr"]);
    assert!(matches(&m, "posaouinostranstvuzadevojke odmah", Steps::ALL));
    // a shorter unmarked glued word (from 14 bytes) is split when it begins with a word or
    // stem of the vocabulary that does not cover it whole
    let m = matcher(&["оплат* щодня", "isplat* svaki dan"], &["uk", "sr"]);
    for text in ["виїзди, оплатащодня", "isplatasvakidan, javi se"] {
        assert!(matches(&m, text, Steps::ALL), "{text}");
    }
    // … but a phrase may not begin inside an ordinary word that happens to split
    let m = matcher(&["туры для девуш*", "много", "струк*"], &["ru"]);
    assert!(!matches(&m, "многоструктурыдля девушек", Steps::ALL));
}
