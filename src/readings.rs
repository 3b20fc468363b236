//! Other readings of a word written with leet digits: «в3чер» is «вечер» but «3автра» is
//! «завтра», «6удут» is «будут» but «6тыс» is six thousand, "1ady" is "lady" but "g1rl" is
//! "girl".
//!
//! Why: normalization must write each word one way (it is a pure function of the text, and
//! idempotent), yet some leet digits stand for two letters and some words with digits are
//! numbers with a unit as often as they are leet. Rules of thumb pick one reading («3» between
//! two consonants is е, otherwise з; a single leading digit before letters is a number unless
//! it is 0, 3 or $) and are wrong for the rest: «кли3нты», «г0лы3», «6ывшей», «вид30». Guessing
//! better from the neighbouring letters only moves the errors. The vocabulary knows: so
//! normalization keeps the canonical spelling it chose and lists beside it the word's other
//! readings, and the matcher looks a word up under them when it finds nothing for the word as
//! written ([`crate::matcher`]). A reading that is no phrase word costs one lookup and changes
//! nothing; evidence still points at the word as written.
//!
//! Which words: words of at least two letters, with no more digits than letters (so "100k",
//! "2500e" and «5000руб» stay numbers), and with a digit or symbol that has a leet value in
//! the word's script. Cyrillic words: every digit and symbol read as its letter (0 о, 1 і,
//! 6 б, @ а, $ с), Latin look-alikes as Cyrillic, each `3` both as е and as з, and each `4`
//! both as ч and as а (the Latin-style leet a: «пл4та»). Latin words:
//! each `1` or `!` both as i and as l. At most [`MAX_AMBIGUOUS`] such digits are varied (the
//! rest keep their first reading), so a word has at most 2^3 readings. A word with a sum or an
//! age written into it («#от5000вдень», "#zarada4000e", "#girls18plus": two digits or more,
//! not beginning with 0) has one more reading, with those digits kept as the number: the
//! canonical text keeps the leet reading («от5ооовдень»), because reading three digits in a
//! row as a number lost generated leet evasions, and the vocabulary decides which one is
//! meant.

use crate::confusables::{self, Script};

/// How many ambiguous characters of one word are read both ways.
pub const MAX_AMBIGUOUS: usize = 3;

/// The letters an ambiguous leet character stands for in a word of `script`, the commoner
/// first; `None` when it is not ambiguous there.
fn both(c: char, script: Script) -> Option<[char; 2]> {
    match (script, c) {
        (Script::Cyrillic, '3') => Some(['е', 'з']),
        // «дев04ки» is ч, «пл4та» is the Latin-style a
        (Script::Cyrillic, '4') => Some(['ч', 'а']),
        (Script::Latin, '1' | '!') => Some(['i', 'l']),
        _ => None,
    }
}

/// The one letter `c` stands for in a word of `script` (a leet digit or symbol, or a
/// look-alike from the other alphabet); `c` itself otherwise.
fn letter(c: char, script: Script) -> char {
    match script {
        Script::Cyrillic => confusables::leet_to_cyrillic(c)
            .or_else(|| {
                (confusables::script_of(c) == Script::Latin)
                    .then(|| confusables::latin_to_cyrillic(c))
                    .flatten()
            })
            .unwrap_or(c),
        Script::Latin => confusables::leet_to_latin(c)
            .or_else(|| {
                (confusables::script_of(c) == Script::Cyrillic)
                    .then(|| confusables::cyrillic_to_latin(c))
                    .flatten()
            })
            .unwrap_or(c),
        _ => c,
    }
}

/// Whether `word` (its characters after case folding and decomposition, before leet and
/// look-alikes are read) may have other readings in `script`: see the module documentation.
pub fn worth_reading(word: &[char], script: Script) -> bool {
    if !matches!(script, Script::Cyrillic | Script::Latin) {
        return false;
    }
    let letters = word.iter().filter(|c| c.is_alphabetic()).count();
    let digits = word.iter().filter(|c| c.is_ascii_digit()).count();
    letters >= 2
        && digits <= letters
        && word
            .iter()
            .any(|&c| !c.is_alphabetic() && (letter(c, script) != c || both(c, script).is_some()))
}

/// Calls `f` with each reading of `word` in `script` (see the module documentation), `buf`
/// holding its characters; `finish` may rewrite them in place (ijekavian folding) before.
/// Readings may repeat one another or the canonical spelling: the caller compares.
pub fn each(
    word: &[char],
    script: Script,
    buf: &mut Vec<char>,
    mut finish: impl FnMut(&mut Vec<char>),
    mut f: impl FnMut(&[char]),
) {
    let ambiguous: Vec<usize> = word
        .iter()
        .enumerate()
        .filter(|(_, &c)| both(c, script).is_some())
        .map(|(i, _)| i)
        .take(MAX_AMBIGUOUS)
        .collect();
    for choice in 0..1u32 << ambiguous.len() {
        buf.clear();
        // (an ambiguous character past the first three keeps its first reading)
        buf.extend(
            word.iter()
                .map(|&c| both(c, script).map_or(letter(c, script), |p| p[0])),
        );
        for (bit, &i) in ambiguous.iter().enumerate() {
            let pair = both(word[i], script).expect("an ambiguous character");
            buf[i] = pair[(choice >> bit & 1) as usize];
        }
        finish(buf);
        f(buf);
    }
    // A sum or an age written into the word («от5000вдень», "zarada4000e", "girls18plus"):
    // its digits read as the number, the rest as above (the matcher cuts the word there:
    // [`crate::segment::number_runs`]).
    if let Some(digits) = number_digits(word) {
        buf.clear();
        buf.extend(word.iter().enumerate().map(|(i, &c)| {
            if digits[i] {
                c
            } else {
                both(c, script).map_or(letter(c, script), |p| p[0])
            }
        }));
        finish(buf);
        f(buf);
    }
}

/// Which characters of `word` are the digits of a number written into a word of letters: a
/// run of two digits or more that does not begin with 0, or one digit before `k` and more
/// Latin letters (the same numbers as [`crate::segment::number_runs`]); `None` when there is none.
fn number_digits(word: &[char]) -> Option<Vec<bool>> {
    let mut digits = vec![false; word.len()];
    let mut any = false;
    let mut i = 0;
    while i < word.len() {
        if !word[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < word.len() && word[i].is_ascii_digit() {
            i += 1;
        }
        let thousands =
            word.get(i) == Some(&'k') && word.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic());
        if word[s] != '0' && (i - s >= 2 || thousands) {
            digits[s..i].iter_mut().for_each(|d| *d = true);
            any = true;
        }
    }
    any.then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings(word: &str, script: Script) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        let mut buf = Vec::new();
        each(
            &chars,
            script,
            &mut buf,
            |_| {},
            |r| out.push(r.iter().collect()),
        );
        out
    }

    #[test]
    fn a_cyrillic_three_is_read_both_ways() {
        let r = readings("ра3д3в@3т", Script::Cyrillic);
        assert_eq!(r.len(), 8);
        assert!(r.contains(&"раздевает".to_string()));
        assert_eq!(readings("в3чер", Script::Cyrillic), ["вечер", "взчер"]);
        assert_eq!(readings("6удут", Script::Cyrillic), ["будут"]);
        assert_eq!(readings("пл4та", Script::Cyrillic), ["плчта", "плата"]);
        // (and the number written onto the word, as written: the caller drops a reading that
        // is the canonical spelling)
        assert_eq!(
            readings("вид30", Script::Cyrillic),
            ["видео", "видзо", "вид30"]
        );
    }

    #[test]
    fn a_latin_one_is_i_or_l() {
        assert_eq!(readings("1ady", Script::Latin), ["iady", "lady"]);
        assert_eq!(readings("g1r1$", Script::Latin).len(), 4);
        assert!(readings("g1r1$", Script::Latin).contains(&"girls".to_string()));
    }

    #[test]
    fn numbers_with_a_unit_are_not_worth_reading() {
        let w = |s: &str| s.chars().collect::<Vec<char>>();
        assert!(!worth_reading(&w("100k"), Script::Latin));
        assert!(!worth_reading(&w("5000руб"), Script::Cyrillic));
        assert!(!worth_reading(&w("2500e"), Script::Latin));
        assert!(!worth_reading(&w("girls"), Script::Latin));
        assert!(worth_reading(&w("6удут"), Script::Cyrillic));
        assert!(worth_reading(&w("вид30"), Script::Cyrillic));
        assert!(worth_reading(&w("1ady"), Script::Latin));
        // a Latin word whose leet digits are not ambiguous has one reading
        assert_eq!(readings("want3d", Script::Latin), ["wanted"]);
    }

    #[test]
    fn a_number_written_into_a_word_is_also_read_as_the_number() {
        assert!(readings("от5000вдень", Script::Cyrillic).contains(&"от5000вдень".to_string()));
        assert!(readings("zarada4000e", Script::Latin).contains(&"zarada4000e".to_string()));
        assert!(readings("girls18plus", Script::Latin).contains(&"girls18plus".to_string()));
        // the leet reading stays, and leet digits that are no number have no such reading
        assert!(readings("zarada4000e", Script::Latin).contains(&"zaradaaoooe".to_string()));
        assert_eq!(readings("l00k1ng", Script::Latin), ["looking", "looklng"]);
    }
}
