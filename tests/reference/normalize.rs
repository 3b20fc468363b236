//! The normalizer as it was before the fast path for plain runs of letters (redflag commit
//! aead81b, src/normalize.rs, with a map entry for every output byte, and the deliberate changes
//! made since: ijekavian only inside a word, the `ijekavian` mark, a word half in each
//! alphabet read like its neighbours, an emoji inside a word dropped, the woman or man form
//! of an emoji read as the emoji): the reference that
//! `tests/normalize_fast_path.rs` compares the engine's normalizer with. Do not optimise this
//! file; change it only together with a deliberate change of what normalization does.
//!
//! (Original module documentation:) Normalization: turns a post as written into a canonical string of words that phrases can be
//! matched against, and keeps a map from every byte of that string back to the original text.
//!
//! Why: a phrase list is useless if «Tpебуютcя дeвушки» (Latin T, p, c, e inside Russian
//! words), «Р А Б О Т А», "3sc0rt" or a zero-width space inside a word slips past it, and
//! a word table compares exact bytes. Every evasion is undone here, once, in one pass, so the
//! matcher can stay a plain lookup of canonical words. Phrases go through the very same
//! function, so whatever this does to text it also does to phrases.
//!
//! The steps, in order:
//! 1. per character: drop invisible characters; Unicode compatibility decomposition (NFKD:
//!    fullwidth, mathematical bold, ligatures, circled letters…); drop combining marks (so
//!    "smeštaj" = "smestaj", «ё» = «е», "vetëm" = "vetem"); lowercase (all scripts); expand the
//!    few letters that do not decompose (đ → dj; see [`crate::confusables::expand_letter`]);
//! 2. split into words: letters and digits; `@ $ !` count as letters only between two letters
//!    or digits ("p@y"); apostrophes inside a word are dropped; a currency sign is a word of
//!    its own (`300$` = `300 usd`); everything else separates;
//! 3. join letters spread out with one repeated separator ("Р А Б О Т А", "e.s.c.o.r.t");
//! 4. per word: decide its script from the letters that have no look-alike in the other
//!    alphabet, then turn leetspeak digits and look-alike letters into that script;
//! 5. per word: read ijekavian `ije`/`je` after a consonant as ekavian `e` ("djevojke" =
//!    "devojke"; Serbian, Croatian, Bosnian and Montenegrin spell one word three ways);
//! 6. keep number codes: `-18` (preceded by a dash) and `18+`.
//!
//! The output is the words joined by single spaces. [`Normalized::original_range`] maps a
//! byte range of the output back to a byte range of the input.

use redflag::confusables::{self, Script};
use redflag::pictographs;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A canonical form of a text, with the way back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The words separated by single spaces.
    text: String,
    /// For every byte of `text`, the original byte range `[start, end)` it came from.
    spans: Vec<(u32, u32)>,
    /// Where the words written as hashtags (`#работадлядевушек`) start in `text`, in order.
    hashtags: Vec<u32>,
    /// Where the words joined from spread-out letters (`Р А Б О Т А`) start, in order.
    spread: Vec<u32>,
    /// Whether a word was written in ijekavian ("djevojke", "mlijeko"), which normalization
    /// reads as ekavian.
    ijekavian: bool,
}

impl Normalized {
    /// The canonical text: lowercase words separated by single spaces.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte range covered by the canonical byte range `[start, end)` of
    /// [`Normalized::as_str`]. `start < end`, both on character boundaries.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        (self.spans[start].0 as usize, self.spans[end - 1].1 as usize)
    }

    /// Whether the word starting at byte `start` of [`Normalized::as_str`] was written as a
    /// hashtag (right after `#`).
    pub fn is_hashtag(&self, start: usize) -> bool {
        self.hashtags.binary_search(&(start as u32)).is_ok()
    }

    /// Whether the word starting at byte `start` of [`Normalized::as_str`] was joined from
    /// letters written apart ("Р А Б О Т А Д Л Я": one word, maybe several glued).
    pub fn is_spread(&self, start: usize) -> bool {
        self.spread.binary_search(&(start as u32)).is_ok()
    }

    /// Whether some word was written in ijekavian ("djevojke", «дјевојке»): Croatian,
    /// Bosnian, Montenegrin or Serbian of Bosnia, not the ekavian Serbian of Serbia.
    pub fn ijekavian(&self) -> bool {
        self.ijekavian
    }

    /// The words of the canonical text (a convenience for tests and `explain`).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.text.split(' ').filter(|w| !w.is_empty())
    }
}

/// One character of the decomposed, lowercased text, with the original bytes it came from.
#[derive(Clone, Copy, Debug)]
struct Unit {
    ch: char,
    start: u32,
    end: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Symbol,
    Apostrophe,
    Pictograph,
    Separator,
}

fn class_of(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_ascii_lowercase() || ('\u{430}'..='\u{45F}').contains(&c) {
        Class::Letter
    } else if confusables::is_apostrophe(c) {
        Class::Apostrophe
    } else if confusables::is_leet_symbol(c) {
        Class::Symbol
    } else if c.is_alphabetic() || is_combining_mark(c) {
        Class::Letter
    } else if c.is_numeric() {
        Class::Digit
    } else if pictographs::is_pictograph(c) {
        Class::Pictograph
    } else {
        Class::Separator
    }
}

fn is_alnum(class: Class) -> bool {
    matches!(class, Class::Letter | Class::Digit)
}

/// Which normalization steps run. Every step is on in the product; switching one off exists so
/// that tests can prove each step is what defeats its evasion (`tests/evasions.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Steps {
    /// Drop zero-width and other invisible characters.
    pub invisible: bool,
    /// Unicode compatibility decomposition (fullwidth, math letters, ligatures).
    pub compatibility: bool,
    /// Drop combining marks (diacritics, ё → е).
    pub diacritics: bool,
    /// Lowercase every script.
    pub case: bool,
    /// Join letters spread out with spaces or dots.
    pub spread: bool,
    /// Map look-alike letters to the word's script.
    pub homoglyphs: bool,
    /// Read digits and symbols inside words as letters.
    pub leet: bool,
    /// Read ijekavian `(i)je` after a consonant as ekavian `e`.
    pub yat: bool,
}

impl Steps {
    pub const ALL: Steps = Steps {
        invisible: true,
        compatibility: true,
        diacritics: true,
        case: true,
        spread: true,
        homoglyphs: true,
        leet: true,
        yat: true,
    };
}

/// Normalize `input`. Never fails and never panics, whatever the input.
pub fn normalize(input: &str) -> Normalized {
    normalize_with(input, Steps::ALL)
}

/// Normalize with only some steps (for tests that prove each step necessary).
pub fn normalize_with(input: &str, steps: Steps) -> Normalized {
    let mut units = decompose(input, steps);
    let mut classes: Vec<Class> = units.iter().map(|u| class_of(u.ch)).collect();
    currency_words(&mut units, &mut classes);
    let mut words = split_words(input, &units, &classes);
    if steps.spread {
        join_spread_letters(&units, &classes, &mut words);
    }
    render(input, &units, &classes, &words, steps)
}

/// Step 1: invisible characters, NFKD, combining marks, lowercase, letter expansion.
fn decompose(input: &str, steps: Steps) -> Vec<Unit> {
    let mut units = Vec::with_capacity(input.len());
    for (pos, c) in input.char_indices() {
        let start = pos as u32;
        let end = (pos + c.len_utf8()) as u32;
        let mut push = |ch: char| units.push(Unit { ch, start, end });
        if steps != Steps::ALL {
            decompose_slow(c, steps, &mut push);
            continue;
        }
        // Fast paths for the two alphabets nearly every post is written in.
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
            continue;
        }
        match c as u32 {
            0x430..=0x44F if c != 'й' && c != 'э' => {
                push(c);
                continue;
            }
            0x410..=0x42F if c != 'Й' && c != 'Э' => {
                push(char::from_u32(c as u32 + 0x20).unwrap_or(c));
                continue;
            }
            0x401 | 0x451 => {
                push('е');
                continue;
            }
            _ => {}
        }
        decompose_slow(c, steps, &mut push);
    }
    units
}

/// The general path of step 1 for one character.
fn decompose_slow(c: char, steps: Steps, push: &mut impl FnMut(char)) {
    if steps.invisible && confusables::is_invisible(c) {
        return;
    }
    let mut one = |d: char| {
        if steps.diacritics && is_combining_mark(d) {
            return;
        }
        let mut lower = |l: char| {
            if steps.diacritics && is_combining_mark(l) {
                return;
            }
            match confusables::expand_letter(l) {
                Some(s) if steps.diacritics => s.chars().for_each(&mut *push),
                _ => push(l),
            }
        };
        if steps.case {
            d.to_lowercase().for_each(&mut lower);
        } else {
            lower(d);
        }
    };
    if steps.compatibility {
        decompose_compatible(c, &mut one);
    } else if steps.diacritics {
        unicode_normalization::char::decompose_canonical(c, &mut one);
    } else {
        one(c);
    }
}

/// The word a currency sign is read as, written apart from the number beside it: `300$` and
/// `$300` are `300 usd` and `usd 300`, so a phrase can say which currency a sum is in. `$`
/// between two letters or digits stays a leet `s` ("ca$h").
fn currency_word(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "usd",
        '€' => "eur",
        '£' => "gbp",
        '₽' => "руб",
        '₴' => "грн",
        // the currencies of destinations of the ads (docs/BUNDLE_FORMAT.md, "Numbers and
        // sums"): ISO codes, but the Turkish lira is written `tl`, as Turkish posts write it
        '₦' => "ngn",
        '₹' => "inr",
        '₱' => "php",
        '₺' => "tl",
        '₸' => "kzt",
        '₼' => "azn",
        '₾' => "gel",
        '₩' => "krw",
        '¥' => "jpy",
        '\u{1F51E}' => "18+",
        _ => return None,
    })
}

/// A `$` that begins a Latin word of three characters or more: the leet s.
fn leet_dollar(units: &[Unit], classes: &[Class], i: usize) -> bool {
    if units[i].ch != '$' || (i > 0 && is_alnum(classes[i - 1])) {
        return false;
    }
    // a Latin letter right after it, and three Latin letters before the word ends; digits and
    // leet symbols between them ("$v@ku", "$l!v0v") do not count, and a symbol at the end of
    // the word ("$v2!") is not part of it (normalizing the result again must not change it:
    // the `classify` fuzz target checks that)
    // ("$4mo", "$3ll1ng": a leet digit right after it, then a Latin letter: two letters do)
    let latin_at = |k: usize| units.get(k).is_some_and(|u| u.ch.is_ascii_lowercase());
    let lead_digit = classes.get(i + 1) == Some(&Class::Digit)
        && matches!(classes.get(i + 2), Some(Class::Letter))
        && latin_at(i + 2);
    let (mut letters, mut digits) = (0, 0);
    for k in i + 1..classes.len() {
        let latin = units[k].ch.is_ascii_lowercase();
        letters += match classes[k] {
            Class::Letter if latin => 1,
            Class::Digit if letters > 0 || (k == i + 1 && lead_digit) => {
                digits += 1;
                0
            }
            // a symbol counts as part of the word only between two letters or digits, as
            // `split_words` reads it
            Class::Symbol if letters > 0 && k + 1 < classes.len() && is_alnum(classes[k + 1]) => 0,
            _ => break,
        };
        if letters >= 3 {
            return true;
        }
    }
    lead_digit && letters >= 2 && digits <= letters
}

/// Whether `units[i]` is a `$` that ends a Latin word of three letters or more ("girl$",
/// "d0ll4r$", "vid30$"): the leet s, not the dollar ("300$", "5k$" and "US$" keep theirs, and
/// so does a `$` before another: "cash$$$").
fn trailing_leet_dollar(units: &[Unit], classes: &[Class], i: usize) -> bool {
    let n = classes.len();
    if units[i].ch != '$'
        || i == 0
        || !is_alnum(classes[i - 1])
        || (i + 1 < n && (is_alnum(classes[i + 1]) || units[i + 1].ch == '$'))
    {
        return false;
    }
    // three Latin letters in the word before it; digits and leet symbols between letters or
    // digits ("d0ll4r$", "p@rt1e$") do not count
    // (or two letters and a leet digit: "p1c$", "on3$"; not "US$" or "5k$")
    let (mut letters, mut digits) = (0, 0);
    for k in (0..i).rev() {
        let latin = units[k].ch.is_ascii_lowercase();
        letters += match classes[k] {
            Class::Letter if latin => 1,
            Class::Digit => {
                digits += 1;
                0
            }
            Class::Symbol if k > 0 && is_alnum(classes[k - 1]) && is_alnum(classes[k + 1]) => 0,
            _ => break,
        };
        if letters >= 3 {
            return true;
        }
    }
    letters == 2 && (1..=letters).contains(&digits)
}

/// Step 2 (before words are split): each currency sign becomes its word ([`currency_word`]),
/// standing apart from its neighbours, every letter mapped to the sign.
fn currency_words(units: &mut Vec<Unit>, classes: &mut Vec<Class>) {
    let n = units.len();
    let sign = |i: usize| {
        let word = currency_word(units[i].ch)?;
        // (🔞 is never a letter: a word of its own even between two letters, "A🔞a", as it is
        // when normalized again with spaces around it)
        let inside_word = units[i].ch != '\u{1F51E}'
            && i > 0
            && i + 1 < n
            && is_alnum(classes[i - 1])
            && is_alnum(classes[i + 1]);
        (!inside_word
            && !leet_dollar(units, classes, i)
            && !trailing_leet_dollar(units, classes, i))
        .then_some(word)
    };
    if !(0..n).any(|i| sign(i).is_some()) {
        return;
    }
    let mut new_units = Vec::with_capacity(n + 8);
    let mut new_classes = Vec::with_capacity(n + 8);
    for i in 0..n {
        let u = units[i];
        match sign(i) {
            Some(word) => {
                let space = Unit { ch: ' ', ..u };
                new_units.push(space);
                new_classes.push(Class::Separator);
                for ch in word.chars() {
                    new_units.push(Unit { ch, ..u });
                    new_classes.push(match ch {
                        '0'..='9' => Class::Digit,
                        '+' => Class::Separator,
                        _ => Class::Letter,
                    });
                }
                new_units.push(space);
                new_classes.push(Class::Separator);
            }
            None => {
                new_units.push(u);
                new_classes.push(classes[i]);
            }
        }
    }
    *units = new_units;
    *classes = new_classes;
}

/// The words of a text: `flat` lists the unit indices that belong to words, in order (not
/// always contiguous: apostrophes inside words are skipped); each range is one word's slice of
/// `flat`. Flat storage keeps normalization free of one allocation per word.
struct Words {
    flat: Vec<u32>,
    ranges: Vec<(u32, u32)>,
}

impl Words {
    fn get(&self, k: usize) -> &[u32] {
        let (a, b) = self.ranges[k];
        &self.flat[a as usize..b as usize]
    }
}

/// How many decimal digits follow the `.` or `,` at `units[i]` after a number: one or two
/// digits, then no digit, and no `.` or `,` before another digit (a date, a list); 0 when it
/// is no decimal point.
fn decimal_digits(units: &[Unit], classes: &[Class], i: usize) -> usize {
    if !matches!(units[i].ch, ',' | '.') {
        return 0;
    }
    let d = classes[i + 1..]
        .iter()
        .take_while(|c| **c == Class::Digit)
        .count();
    let after = i + 1 + d;
    let more = after < classes.len()
        && matches!(units[after].ch, ',' | '.')
        && classes.get(after + 1) == Some(&Class::Digit);
    if (1..=2).contains(&d) && !more {
        d
    } else {
        0
    }
}

/// Whether the word starting at `units[first]` follows a number and a `.` or `,` ("19" in
/// "18,19,20"): a list or a date, not a number with decimals.
fn after_a_number(units: &[Unit], classes: &[Class], first: usize) -> bool {
    first >= 2 && matches!(units[first - 1].ch, ',' | '.') && classes[first - 2] == Class::Digit
}

/// Step 2: words are runs of letters and digits. A thousands separator inside a number does
/// not split it ("2,000", "1.000.000", "2.500e" are one number each, the last with its unit). A space does: the output separates
/// How many letters the run of letters starting at `units[from]` has (a run unit counts its
/// letters).
fn letters_after(classes: &[Class], from: usize) -> usize {
    classes[from..]
        .iter()
        .take_while(|c| **c == Class::Letter)
        .take(3)
        .count()
}

/// words by spaces, so joining "10 000" would make normalization not idempotent.
fn split_words(input: &str, units: &[Unit], classes: &[Class]) -> Words {
    let mut flat = Vec::with_capacity(classes.len());
    let mut ranges = Vec::new();
    let mut start = 0u32;
    let n = classes.len();
    // digits in the current group of a number that started this word; None: not such a number
    let mut group: Option<usize> = None;
    // the decimal digits being passed over ("11.50" is read "11")
    let mut skip = 0;
    for (i, &class) in classes.iter().enumerate() {
        if i < skip {
            continue;
        }
        let inside_word =
            i > 0 && i + 1 < n && is_alnum(classes[i - 1]) && is_alnum(classes[i + 1]);
        match class {
            Class::Digit => {
                let word_starts_here = flat.len() as u32 == start;
                group = if word_starts_here {
                    Some(1)
                } else {
                    group.map(|g| g + 1)
                };
                flat.push(i as u32);
            }
            Class::Letter => {
                group = None;
                flat.push(i as u32);
            }
            Class::Pictograph if emoji_inside_word(input, units, classes, i).is_some() => {
                skip = emoji_inside_word(input, units, classes, i).unwrap_or(i + 1);
            }
            Class::Pictograph => {
                group = None;
                let end = flat.len() as u32;
                if end > start {
                    ranges.push((start, end));
                }
                flat.push(i as u32);
                if pictographs::is_regional_indicator(units[i].ch)
                    && classes.get(i + 1) == Some(&Class::Pictograph)
                    && pictographs::is_regional_indicator(units[i + 1].ch)
                {
                    flat.push(i as u32 + 1);
                    skip = i + 2;
                }
                // emoji joined by a zero-width joiner are one ("👩‍⚕️")
                let mut last = skip.max(i + 1) - 1;
                while classes.get(last + 1) == Some(&Class::Pictograph)
                    && pictographs::joined(input, units[last].end, units[last + 1].start)
                {
                    last += 1;
                    if !pictographs::is_gender_sign(units[last].ch) {
                        flat.push(last as u32);
                    }
                    skip = last + 1;
                }
                ranges.push((end, flat.len() as u32));
                start = flat.len() as u32;
            }
            Class::Symbol if inside_word => flat.push(i as u32),
            // "девушк@", "cur@": `@` right after a letter at the end of a word is the a
            Class::Symbol
                if units[i].ch == '@'
                    && i > 0
                    && matches!(classes[i - 1], Class::Letter)
                    && (i + 1 == n || !is_alnum(classes[i + 1])) =>
            {
                flat.push(i as u32)
            }
            Class::Symbol if leet_dollar(units, classes, i) => flat.push(i as u32),
            // "girl$", "d0ll4r$": `$` at the end of a Latin word is the s
            Class::Symbol if trailing_leet_dollar(units, classes, i) => flat.push(i as u32),
            // elision: `m'`, `n'`, `t'` before a word of three letters or more are words of
            // their own (Albanian "m'dërgon", "n'Zvicër", "t'reja": më, në, të); Albanian
            // `s'` (not), "I'll", "don't" and «п'ять» stay one word
            Class::Apostrophe
                if inside_word
                    && flat.len() as u32 == start + 1
                    && flat[start as usize] as usize + 1 == i
                    && classes[i - 1] == Class::Letter
                    && matches!(units[i - 1].ch, 'm' | 'n' | 't')
                    && letters_after(classes, i + 1) >= 3 =>
            {
                group = None;
                ranges.push((start, flat.len() as u32));
                start = flat.len() as u32;
            }
            Class::Apostrophe if inside_word => {}
            Class::Separator
                if group.is_some_and(|g| g <= 3)
                    && matches!(units[i].ch, ',' | '.')
                    && i + 3 < n
                    && units[i + 1..=i + 3].iter().all(|u| u.ch.is_ascii_digit())
                    && (i + 4 == n || classes[i + 4] != Class::Digit) =>
            {
                group = Some(0);
            }
            // "11.50", «1,5 тыс»: a decimal part is dropped, the number kept whole ("£11.50/hr"
            // is eleven pounds an hour, not "11 50 hr"); not in dates ("12.05.2024")
            Class::Separator
                if group.is_some()
                    && decimal_digits(units, classes, i) > 0
                    && !after_a_number(units, classes, flat[start as usize] as usize) =>
            {
                skip = i + 1 + decimal_digits(units, classes, i);
            }
            _ => {
                group = None;
                let end = flat.len() as u32;
                if end > start {
                    ranges.push((start, end));
                }
                start = end;
            }
        }
    }
    let end = flat.len() as u32;
    if end > start {
        ranges.push((start, end));
    }
    Words { flat, ranges }
}

/// Whether the separators after words `a` and `b` (each followed by the next word) are the
/// same short, non-empty run of characters.
fn same_gap(units: &[Unit], words: &Words, a: usize, b: usize) -> bool {
    const MAX_SEPARATOR: usize = 3;
    let gap = |k: usize| {
        let from = *words.get(k).last().unwrap() as usize + 1;
        let to = words.get(k + 1)[0] as usize;
        &units[from..to]
    };
    let (x, y) = (gap(a), gap(b));
    !x.is_empty()
        && x.len() <= MAX_SEPARATOR
        && x.len() == y.len()
        && x.iter().zip(y).all(|(p, q)| p.ch == q.ch)
}

/// Step 3: a run of at least three one-character words, separated each time by the same short
/// separator, is one word spelled out ("Р А Б О Т А", "e.s.c.o.r.t", "e - s - c"); a change of
/// separator ends a word ("Р А Б О Т А   Д Л Я" is two). One-character words left over that
/// still stand three or more in a row are joined too: the output separates every word by one
/// space, so otherwise normalizing the output again would join them, and normalization must
/// be idempotent.
fn join_spread_letters(units: &[Unit], classes: &[Class], words: &mut Words) {
    join_spread_sum(units, classes, words);
    join_digits(classes, words);
    join_runs(units, classes, words, true);
    join_runs(units, classes, words, false);
}

/// Letters, then digits, spread out one by one with one repeated separator: «о т 1 0 0 к»,
/// "d o 5 0 0 e", «д о 3 0 0 0». The letters are one word and the digits (with a one-letter
/// unit right after them) another, «от 100к», as the word and the sum would be written apart:
/// `от # в день` reads it. Two letters or more, then two digits or more. (Joined before the
/// digits alone are: otherwise «о т» would be left as two one-letter words.)
fn join_spread_sum(units: &[Unit], classes: &[Class], words: &mut Words) {
    let single = |w: &Words, k: usize| {
        w.ranges[k].1 - w.ranges[k].0 == 1 && {
            let c = classes[w.get(k)[0] as usize];
            c != Class::Pictograph
        }
    };
    let is = |w: &Words, k: usize, c: Class| single(w, k) && classes[w.get(k)[0] as usize] == c;
    let n = words.ranges.len();
    let mut out = 0;
    let mut i = 0;
    while i < n {
        // (each further piece after the same separator as the first)
        let same = |w: &Words, m: usize| m == i || same_gap(units, w, i, m - 1);
        let mut j = i;
        while j < n && is(words, j, Class::Letter) && same(words, j) {
            j += 1;
        }
        let mut k = j;
        while j > i && k < n && is(words, k, Class::Digit) && same(words, k) {
            k += 1;
        }
        if j - i >= 2 && k - j >= 2 {
            // a one-letter unit right after the digits (thousands, euros), the last piece
            // spread out: «о т 1 0 0 к», "d o 5 0 0 e", but «о т 1 0 0 в день»
            let unit = k < n
                && is(words, k, Class::Letter)
                && matches!(units[words.get(k)[0] as usize].ch, 'k' | 'к' | 'e')
                && same(words, k)
                && !(k + 1 < n && single(words, k + 1) && same_gap(units, words, i, k));
            let end = if unit { k + 1 } else { k };
            words.ranges[out] = (words.ranges[i].0, words.ranges[j - 1].1);
            words.ranges[out + 1] = (words.ranges[j].0, words.ranges[end - 1].1);
            out += 2;
            i = end;
            continue;
        }
        words.ranges[out] = words.ranges[i];
        out += 1;
        i += 1;
    }
    words.ranges.truncate(out);
}

/// Digits spread out are a number ("5 0 0 0", "2.0.0.0"): every run of three or more words
/// of one digit is joined, whatever stands between them (the output writes single spaces,
/// and normalizing it again must join exactly what the first time joined), before letters
/// are (so «р а б о т а 2 4 7» is «работа 247»).
fn join_digits(classes: &[Class], words: &mut Words) {
    const MIN_RUN: usize = 3;
    let digit = |w: &Words, k: usize| {
        w.ranges[k].1 - w.ranges[k].0 == 1 && classes[w.get(k)[0] as usize] == Class::Digit
    };
    let n = words.ranges.len();
    let mut out = 0;
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j < n && digit(words, j) {
            j += 1;
        }
        if j - i >= MIN_RUN {
            words.ranges[out] = (words.ranges[i].0, words.ranges[j - 1].1);
            out += 1;
            i = j;
            continue;
        }
        // (fewer than three: each as it is)
        let end = j.max(i + 1);
        for k in i..end {
            words.ranges[out] = words.ranges[k];
            out += 1;
        }
        i = end;
    }
    words.ranges.truncate(out);
}

fn join_runs(units: &[Unit], classes: &[Class], words: &mut Words, equal_gaps: bool) {
    const MIN_RUN: usize = 3;
    const MIN_MIXED_RUN: usize = 4;
    let single = |w: &Words, k: usize| {
        w.ranges[k].1 - w.ranges[k].0 == 1 && classes[w.get(k)[0] as usize] != Class::Pictograph
    };
    let n = words.ranges.len();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        if single(words, i) {
            let mut j = i + 1;
            while j < n && single(words, j) && (!equal_gaps || same_gap(units, words, i, j - 1)) {
                j += 1;
            }
            let letters = (i..j)
                .filter(|&k| classes[words.get(k)[0] as usize] == Class::Letter)
                .count();
            // a run that mixes letters with digits or signs needs four characters: «с 9 «Б»»
            // and «из 9 «А» в» are a preposition and a school class, not a word spelled out
            let len = j - i;
            if len >= MIN_RUN && letters >= 2 && (letters == len || len >= MIN_MIXED_RUN) {
                // consecutive words are consecutive slices of `flat`: merge the ranges
                out.push((words.ranges[i].0, words.ranges[j - 1].1));
                i = j;
                continue;
            }
        }
        out.push(words.ranges[i]);
        i += 1;
    }
    words.ranges = out;
}

/// Whether a word with letters and digits is written in leetspeak. Numbers with a unit
/// ("100k", "5000руб", "18yo") and names with a trailing number ("covid19") are not.
fn is_leet(chars: &[char]) -> bool {
    let letters = chars
        .iter()
        .filter(|c| class_of(**c) == Class::Letter)
        .count();
    let others = chars.len() - letters;
    // one letter among digits is leet only in two-character words ("z4"), not in "3x5"
    if letters == 0 || others == 0 || (letters == 1 && chars.len() != 2) {
        return false;
    }
    let first_letter = chars
        .iter()
        .position(|c| class_of(*c) == Class::Letter)
        .unwrap();
    let last_letter = chars
        .iter()
        .rposition(|c| class_of(*c) == Class::Letter)
        .unwrap();
    // "0плата", "3аработок": one 0 or 3 before a word is a letter, not a number.
    let single_leading_letter =
        first_letter == 1 && matches!(chars[0], '0' | '3' | '$') && letters >= 3;
    // (digits, then letters: "3@втра" is leet, its `@` is no unit)
    let number_then_unit = !single_leading_letter
        && chars[..first_letter]
            .iter()
            .all(|c| class_of(*c) == Class::Digit)
        && chars[first_letter..]
            .iter()
            .all(|c| class_of(*c) == Class::Letter);
    // "covid19", "win10": a name with a number. One trailing digit is read as a letter
    // ("cur3" = cure, "z4" = za); so is a number with a leet symbol ("vid30$").
    let name_then_number = chars.len() - last_letter > 2
        && chars[..=last_letter]
            .iter()
            .all(|c| class_of(*c) == Class::Letter)
        && chars[last_letter + 1..]
            .iter()
            .all(|c| class_of(*c) == Class::Digit);
    !(number_then_unit || name_then_number)
}

/// Step 4: the script a word is meant to be read in, from its letters that have no look-alike
/// in the other alphabet; ties are broken by the plain count of letters.
fn word_script(chars: &[char]) -> Script {
    let (mut cyr_anchor, mut lat_anchor, mut cyr, mut lat) = (0, 0, 0, 0);
    for &c in chars {
        match confusables::script_of(c) {
            Script::Cyrillic => {
                cyr += 1;
                if confusables::cyrillic_to_latin(c).is_none() {
                    cyr_anchor += 1;
                }
            }
            Script::Latin => {
                lat += 1;
                if confusables::latin_to_cyrillic(c).is_none() {
                    lat_anchor += 1;
                }
            }
            _ => {}
        }
    }
    use std::cmp::Ordering::*;
    match (cyr_anchor.cmp(&lat_anchor), cyr.cmp(&lat)) {
        (Greater, _) | (Equal, Greater) => Script::Cyrillic,
        (Less, _) | (Equal, Less) => Script::Latin,
        (Equal, Equal) => Script::Other,
    }
}

/// Rewrites one word's characters into its own script, and says which script that is
/// (`Other` for numbers and words of neither alphabet). `context` decides a word whose letters
/// all have look-alikes and stand half in each alphabet («нe» with a Latin e): the script of
/// the words around it.
fn canonical_word(chars: &mut [char], steps: Steps, context: impl FnOnce() -> Script) -> Script {
    // Nearly every word is plain lowercase Latin, plain Cyrillic or a plain number: nothing
    // to rewrite (no look-alike from the other script, nothing leet).
    let plain = |r: std::ops::RangeInclusive<char>| chars.iter().all(|c| r.contains(c));
    if plain('a'..='z') {
        return Script::Latin;
    }
    if plain('\u{430}'..='\u{44F}') {
        return Script::Cyrillic;
    }
    if plain('0'..='9') {
        return Script::Other;
    }
    // A number with a one-letter unit ("100к", "100k", "5000р"): the letter is written in
    // either alphabet, so a look-alike is read as Latin.
    let letters = chars.iter().filter(|c| !c.is_ascii_digit()).count();
    let number_and_letter = letters == 1 && chars.first().is_some_and(|c| c.is_ascii_digit());
    let script = if number_and_letter && steps.homoglyphs && !is_leet(chars) {
        Script::Latin
    } else if steps.homoglyphs || steps.leet {
        match word_script(chars) {
            // half Latin, half Cyrillic, every letter a look-alike: read like the words before
            Script::Other if steps.homoglyphs && mixed_scripts(chars) => context(),
            s => s,
        }
    } else {
        Script::Other
    };
    let leet = steps.leet && is_leet(chars);
    // leet `3` is з or е in Cyrillic words: which one is decided after mapping, from its
    // neighbours
    let threes = leet && script == Script::Cyrillic && chars.contains(&'3');
    let was_three: Vec<bool> = if threes {
        chars.iter().map(|&c| c == '3').collect()
    } else {
        Vec::new()
    };
    for c in chars.iter_mut() {
        let mapped = match script {
            Script::Cyrillic => (if leet {
                confusables::leet_to_cyrillic(*c)
            } else {
                None
            })
            .or_else(|| {
                if steps.homoglyphs && confusables::script_of(*c) != Script::Cyrillic {
                    confusables::latin_to_cyrillic(*c)
                } else {
                    None
                }
            }),
            Script::Latin => (if leet {
                confusables::leet_to_latin(*c)
            } else {
                None
            })
            .or_else(|| {
                if steps.homoglyphs && confusables::script_of(*c) != Script::Latin {
                    confusables::cyrillic_to_latin(*c)
                } else {
                    None
                }
            }),
            _ => None,
        };
        if let Some(m) = mapped {
            *c = m;
        }
    }
    if threes {
        let n = chars.len();
        for k in 1..n {
            // «д3вушки», «м3сто»: a 3 between two consonants is the vowel е; «в3рослые»
            // (вз- at the start of a word) keeps з. At the end of a word after a consonant
            // it is е too («девушк3», «работ3»): hardly a Russian or Ukrainian word ends in
            // a consonant then з.
            let prev = chars[k - 1];
            let next_is_consonant = chars.get(k + 1).is_none_or(|&c| is_cyrillic_consonant(c));
            if was_three[k]
                && is_cyrillic_consonant(prev)
                && next_is_consonant
                && !(k == 1 && prev == 'в')
                && !(k == 1 && k + 1 == n)
            {
                chars[k] = 'е';
            }
        }
    }
    script
}

/// Whether a word has letters of both the Latin and the Cyrillic alphabet.
fn mixed_scripts(chars: &[char]) -> bool {
    let script = |s| chars.iter().any(|&c| confusables::script_of(c) == s);
    script(Script::Latin) && script(Script::Cyrillic)
}

fn is_cyrillic_consonant(c: char) -> bool {
    "бвгджзклмнпрстфхцчшщ".contains(c)
}

fn is_latin_consonant(c: char) -> bool {
    "bcdfghklmnprstvz".contains(c)
}

/// The character written in place of a dropped one (see [`fold_yat`]); `render` skips it.
const DROPPED: char = '\u{0}';

/// Ijekavian spelling read as ekavian, in Latin and Serbian Cyrillic words: a consonant then
/// `je` ("djevojke" = "devojke", «дјевојке» = «девојке», "mjesto"), or a consonant then `ije`
/// inside a word ("mlijeko" = "mleko", "cijena" = "cena"), so that one phrase serves Serbian,
/// Croatian, Bosnian and Montenegrin spellings. `je` is kept after `l` and `n`, where `lj`, `nj`
/// are letters of their own; a word-final `ije` is kept ("nije", "Srbije", "agencije" are the
/// same in every dialect). Dropped letters become [`DROPPED`].
///
/// Returns whether the word is evidence of ijekavian writing, for choosing help by region: a
/// fold after a consonant other than Latin `d` (written for đ: "rodjen" is ekavian too), or
/// an `ije` followed by two or more letters.
fn fold_yat(chars: &mut [char]) -> bool {
    let consonant = |c: char| is_latin_consonant(c) || is_cyrillic_consonant(c);
    let mut evidence = false;
    let n = chars.len();
    for k in 1..n.saturating_sub(1) {
        if !matches!(chars[k], 'j' | 'ј') || !matches!(chars[k + 1], 'e' | 'е') {
            continue;
        }
        let before = chars[k - 1];
        if consonant(before) && !"lnлн".contains(before) {
            chars[k] = DROPPED;
            evidence |= before != 'd';
        } else if k >= 2 && matches!(before, 'i' | 'и') && consonant(chars[k - 2]) && k + 2 < n {
            chars[k - 1] = DROPPED;
            chars[k] = DROPPED;
            evidence |= k + 3 < n;
        }
    }
    evidence
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// The index after an emoji between two letters of one alphabet (deliberate change of
/// 2026-12: "спо💰нсор" is one word, marked as spread).
fn emoji_inside_word(input: &str, units: &[Unit], classes: &[Class], i: usize) -> Option<usize> {
    let letter = |k: usize| matches!(classes.get(k), Some(Class::Letter));
    if i == 0 || !letter(i - 1) {
        return None;
    }
    let mut k = i;
    while classes.get(k) == Some(&Class::Pictograph) {
        if pictographs::is_regional_indicator(units[k].ch) {
            return None;
        }
        k += 1;
    }
    let script = confusables::script_of(units[i - 1].ch);
    (letter(k)
        && matches!(script, Script::Latin | Script::Cyrillic)
        && confusables::script_of(units[k].ch) == script
        && !input[units[k].start as usize..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase))
    .then_some(k)
}

/// Steps 4 and 5, and the output string with its map back to the original.
fn render(
    input: &str,
    units: &[Unit],
    classes: &[Class],
    words: &Words,
    steps: Steps,
) -> Normalized {
    let mut text = String::with_capacity(units.len() * 2);
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(units.len() * 2);
    let mut buf: Vec<char> = Vec::new();
    let mut hashtags = Vec::new();
    let mut spread = Vec::new();
    let mut ijekavian = false;
    let mut context = Script::Other;
    let push = |text: &mut String, spans: &mut Vec<(u32, u32)>, c: char, span: (u32, u32)| {
        text.push(c);
        for _ in 0..c.len_utf8() {
            spans.push(span);
        }
    };
    for n in 0..words.ranges.len() {
        let word = words.get(n);
        buf.clear();
        buf.extend(word.iter().map(|&i| units[i as usize].ch));
        // an emoji (or a flag) is written as it is
        let pictograph = classes[word[0] as usize] == Class::Pictograph;
        // the script of the words before
        let before = context;
        let script = if pictograph {
            Script::Other
        } else {
            canonical_word(&mut buf, steps, || before)
        };
        if matches!(script, Script::Latin | Script::Cyrillic) {
            context = script;
        }
        if !pictograph && steps.yat && !mixed_scripts(&buf) && fold_yat(&mut buf) {
            ijekavian = true;
        }
        let first = word[0] as usize;
        let last = *word.last().unwrap() as usize;
        if n > 0 {
            let prev_end = spans.last().map(|s| s.1).unwrap_or(0);
            push(&mut text, &mut spans, ' ', (prev_end, units[first].start));
        }
        if first >= 1 && units[first - 1].ch == '#' {
            hashtags.push(text.len() as u32);
        }
        // letters of the word apart in the original, with a separator or an emoji between
        // (not an emoji sequence whose woman or man sign was dropped: "🏃‍♂️‍➡️" is no word)
        if !pictograph
            && word.windows(2).any(|p| {
                (p[0] + 1..p[1])
                    .any(|i| matches!(classes[i as usize], Class::Separator | Class::Pictograph))
            })
        {
            spread.push(text.len() as u32);
        }
        let all_digits = buf.iter().all(|c| class_of(*c) == Class::Digit);
        // `-18`: a dash right before a number, itself not after a letter or digit.
        if all_digits
            && first >= 1
            && is_dash(units[first - 1].ch)
            && (first == 1 || !is_alnum(classes[first - 2]))
        {
            let u = units[first - 1];
            push(&mut text, &mut spans, '-', (u.start, u.end));
        }
        for (k, &i) in word.iter().enumerate() {
            let u = units[i as usize];
            if pictograph && k > 0 {
                let p = units[word[k - 1] as usize];
                if pictographs::joined(input, p.end, u.start) {
                    push(&mut text, &mut spans, '\u{200D}', (p.end, u.start));
                }
            }
            if buf[k] != DROPPED {
                push(&mut text, &mut spans, buf[k], (u.start, u.end));
            }
        }
        if (all_digits || redflag::normalize::ends_with_age(&buf))
            && units.get(last + 1).is_some_and(|u| u.ch == '+')
        {
            let u = units[last + 1];
            push(&mut text, &mut spans, '+', (u.start, u.end));
        }
    }
    Normalized {
        text,
        spans,
        hashtags,
        spread,
        ijekavian,
    }
}
