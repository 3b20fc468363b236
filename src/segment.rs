//! Glued words: a hashtag or a run of words written without spaces (`#работадлядевушек`,
//! "posaouinostranstvu", «Р А Б О Т А Д Л Я Д Е В У Ш Е К» joined by normalization) is split
//! into the words of the bundles' vocabulary, so phrases match across it.
//!
//! Why aho-corasick: finding which of ten thousand phrase words occur anywhere inside a word is
//! exactly a multi-pattern substring search; the word table ([`crate::word_table`]) only
//! answers "which words begin here". The automaton is built on first use, not at engine
//! start-up: most pages have no glued words, and the extension's service worker must start
//! fast.
//!
//! How a word is split: every vocabulary word found inside it is a possible piece (a stem of
//! more than [`SHORT`] letters also with up to [`STEM_ENDING`] more letters as its ending);
//! the split with the fewest pieces that covers the whole word wins (an unknown part costs
//! one piece per letter); on request (hashtags and spread words, [`Segmenter::split`]'s
//! `alternatives`) the known pieces of every split one piece longer are returned too, so
//! pieces may overlap and the matcher's phrases choose their path («curezarad»: cure|zarad
//! and cure|za|rad). Pieces shorter than [`SHORT`] letters ("u", «в»; «для» is not
//! short) may only stand between two longer ones, or begin a hashtag (`#вдубае`: a preposition
//! glued to the place). Hashtags may also keep unknown parts of
//! [`SHORT`] letters or more (`#эскортмосква`: a city the bundles do not list). A word that
//! cannot be covered stays as it is. Which words are tried, and where a phrase found in the
//! pieces may start and end, is the matcher's rule ([`crate::matcher`]).
//!
//! Transliterated hashtags (`#rabotadlyadevushek`, `#robotadlyadivchat`) hold no vocabulary
//! word as written: the Russian and Ukrainian vocabulary is Cyrillic, and a Latin word is read
//! by its script-free key (`crate::phonetic`), which a substring search cannot look for. So a
//! Latin hashtag that the automaton does not cover is split a second way
//! ([`split_by_keys`]): every piece of two letters or more is looked up by its key (a hashtag
//! is short, and the split is cached per word), and the split is kept only when every piece
//! is a word. Measured: generated transliterations of the development corpus kept 0.927 →
//! 0.938 at ≥ warning, no post of `../shared/corpora/` changed, +1.5 % instructions on the
//! shared sample (docs/QUALITY.md, BENCHMARKS.md).

use aho_corasick::AhoCorasick;

/// Letters a stem may take as its ending inside a glued word.
pub const STEM_ENDING: usize = 3;

/// Pieces shorter than this (in characters) only stand between longer ones.
pub const SHORT: usize = 3;

/// Words shorter than this (in characters) are never split.
pub const MIN_GLUED: usize = 7;

/// Hashtags shorter than this (in characters) are never split; a hashtag is marked as glued
/// by its writer, so shorter ones are tried (`#вдубае`).
pub const MIN_GLUED_HASHTAG: usize = 5;

/// Words that are neither hashtags nor joined from spread-out letters are split only from
/// this length (in bytes: twelve Cyrillic or twenty-four Latin letters). Shorter ones are
/// nearly always ordinary words, and trying costs time on every page: measured in round 17,
/// 12 bytes kept 0.545 -> 0.660 of generated glued runs (no real post changed level) but made
/// `redflag scan` over the shared corpus ~60 % slower (11 characters: 0.664, ~35 %; 14: 0.587,
/// ~15 %): not done.
pub const MIN_UNMARKED_BYTES: usize = 24;

/// Unmarked words that begin with a vocabulary word or stem (some hit, none covering the word
/// whole: «оплатащодня», "isplatasvakidan") are split from this length (in bytes: seven
/// Cyrillic or fourteen Latin letters). Few ordinary long words begin with a phrase word, so
/// trying these costs little: measured in round 19, +2.1 % instructions on the shared sample,
/// generated glued runs 0.542 -> 0.591 (`glued_plain`), no post of `../shared/corpora/`
/// changed level.
pub const MIN_UNMARKED_KNOWN_BYTES: usize = 14;

/// Letters glued after a number are split from this length (in characters): «вдень», "aday".
pub const MIN_AFTER_NUMBER: usize = 4;

/// Words longer than this (in bytes) are not split (they are not words).
const MAX_GLUED_BYTES: usize = 160;

/// The vocabulary automaton.
#[derive(Clone, Debug)]
pub struct Segmenter {
    automaton: AhoCorasick,
    /// Whether each vocabulary word is used as a stem, exactly, or both.
    stem: Vec<bool>,
    exact: Vec<bool>,
}

/// One piece of a split word: a byte range, and whether it is a vocabulary word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub known: bool,
    /// Known by its script-free key ([`split_by_keys`]), not as written.
    pub keyed: bool,
}

impl Segmenter {
    /// Builds the automaton over `words` (canonical phrase words), where `stem[i]` / `exact[i]`
    /// say how phrases use word `i`. Numbers and one-letter words of more than one byte are
    /// kept: a vocabulary word is a vocabulary word.
    pub fn new(words: &[String], stem: &[bool], exact: &[bool]) -> Segmenter {
        let automaton = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(words)
            .expect("phrase words are valid patterns");
        Segmenter {
            automaton,
            stem: stem.to_vec(),
            exact: exact.to_vec(),
        }
    }

    /// The pieces of `word` (a canonical word: no spaces), or `None` when it is not a glued
    /// word. `hashtag`: the word was written as a hashtag, so unknown parts may stay.
    /// `alternatives`: also the known pieces of the splits with one piece more than the
    /// fewest (see [`best_split`]); the pieces then overlap.
    pub fn split(&self, word: &str, hashtag: bool, alternatives: bool) -> Option<Vec<Piece>> {
        let min = if hashtag {
            MIN_GLUED_HASHTAG
        } else {
            MIN_GLUED
        };
        self.split_from(word, hashtag, min, true, alternatives)
    }

    /// The pieces of letters glued after a number («вдень» of «#от5000вдень», "aday" of
    /// "#500aday"), every one a vocabulary word; a short one may begin it (a preposition, as
    /// in a hashtag) and none needs to be long (the number before is the long word).
    pub fn split_after_number(&self, word: &str) -> Option<Vec<Piece>> {
        let pieces = self.split_from(word, true, MIN_AFTER_NUMBER, false, false)?;
        pieces.iter().all(|p| p.known).then_some(pieces)
    }

    fn split_from(
        &self,
        word: &str,
        hashtag: bool,
        min: usize,
        need_long: bool,
        alternatives: bool,
    ) -> Option<Vec<Piece>> {
        let chars = word.chars().count();
        if chars < min || word.len() > MAX_GLUED_BYTES || word.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Character boundaries, and for each byte offset its character index.
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let index_of = |byte: usize| bounds.binary_search(&byte).ok();
        // Vocabulary pieces, as character ranges: each word found, and each stem with up to
        // STEM_ENDING letters of ending.
        let mut known: Vec<(usize, usize)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(word) {
            let (Some(a), Some(b)) = (index_of(m.start()), index_of(m.end())) else {
                continue;
            };
            let p = m.pattern().as_usize();
            if self.exact[p] {
                known.push((a, b));
            }
            if self.stem[p] && b - a > SHORT {
                known.extend((b..=(b + STEM_ENDING).min(chars)).map(|e| (a, e)));
            }
        }
        // Most long words are ordinary words: unless a vocabulary word begins the word and one
        // ends it, it cannot be covered (a hashtag may keep unknown ends).
        let covers_start = known.iter().any(|&(a, b)| a == 0 && b - a >= SHORT);
        let covers_end = known.iter().any(|&(a, b)| b == chars && b - a >= SHORT);
        if known.is_empty() || (!hashtag && !(covers_start && covers_end)) {
            return None;
        }
        best_split(word, &bounds, known, hashtag, need_long, alternatives)
    }
}

/// One run of a word that has a number written into it ([`number_runs`]): a byte range, and
/// whether it is the number (with the unit written onto it: "4000e", «500евро», "2k") or
/// letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub number: bool,
    /// The number is written with "plus" after it ("18plus"): it reads as `18+`.
    pub plus: bool,
}

/// The runs of a word with a sum or an age written into it, cut where digits meet letters:
/// "500aday" is `500|aday`, «от5000вдень» `от|5000|вдень`, "girls18plus" `girls|18plus`,
/// "zarada4000e" `zarada|4000e`, "2kweekly" `2k|weekly`; `None` for a word without one.
///
/// Why: a sum or an age glued to the words around it is written by people who leave out
/// spaces (hashtags, «зп5000»), and the matcher must read it as the words it is. Leet reads
/// digits as letters only inside words of letters, so a number here is a run of two digits or
/// more that does not begin with 0 ("l00k", "g00d" are leet), or one digit with `k` for
/// thousands. The letters right after it are its unit when they end the word and make a sum
/// with it ([`crate::matcher`]'s `is_number`: "4000e", «500евро»), "plus" is `+`, and `k`
/// before more Latin letters is thousands ("2kweekly"; «2комнаты» is two rooms). A digit
/// that is no number is no run of its own: the word is then not cut (its letters are leet,
/// or it is a code: "g1rl", "rx5x").
pub fn number_runs(word: &str) -> Option<Vec<Run>> {
    let b = word.as_bytes();
    // (most words with a digit are numbers: "2024", "15", "18+")
    if word.len() > MAX_GLUED_BYTES
        || !b.iter().any(u8::is_ascii_digit)
        || b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-'))
    {
        return None;
    }
    let mut runs = Vec::new();
    let (mut i, mut letters_from) = (0, 0);
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let rest = &word[i..];
        let mut next = rest.chars();
        // ("2kweekly"; not Cyrillic: «2комнаты» is two rooms)
        let thousands =
            next.next() == Some('k') && next.next().is_some_and(|c| c.is_ascii_alphabetic());
        if b[s] == b'0' || (i - s < 2 && !thousands) {
            // (a digit inside letters: the word is not cut)
            return None;
        }
        let letters_end = rest
            .find(|c: char| c.is_ascii_digit())
            .map_or(b.len(), |k| i + k);
        let (end, plus) =
            if letters_end == b.len() && letters_end > i && crate::matcher::is_number(&b[s..]) {
                (b.len(), false)
            } else if rest.starts_with("plus") {
                (i + 4, true)
            } else if thousands {
                (i + rest.chars().next().map_or(0, char::len_utf8), false)
            } else {
                (i, false)
            };
        if s > letters_from {
            runs.push(Run {
                start: letters_from,
                end: s,
                number: false,
                plus: false,
            });
        }
        runs.push(Run {
            start: s,
            end,
            number: true,
            plus,
        });
        i = end;
        letters_from = end;
    }
    if letters_from < b.len() {
        runs.push(Run {
            start: letters_from,
            end: b.len(),
            number: false,
            plus: false,
        });
    }
    let letters_ok = runs
        .iter()
        .filter(|r| !r.number)
        .all(|r| word[r.start..r.end].chars().all(char::is_alphabetic));
    let word_of_letters = runs
        .iter()
        .any(|r| !r.number && word[r.start..r.end].chars().count() >= 2);
    let plus = runs.iter().any(|r| r.plus);
    (letters_ok && (word_of_letters || plus)).then_some(runs)
}

/// The pieces of a word of known transliterated words: `covers(piece)` says whether a
/// piece of the word (a plain Latin word: ASCII letters) is a word of the vocabulary read by
/// its script-free key («для» for "dlya", «девуш*» for "devushek": [`crate::phonetic`]), or
/// a stem of one with up to [`STEM_ENDING`] letters of ending. For Latin hashtags and spread-out
/// words that the vocabulary automaton cannot split (`#rabotadlyadevushek`): every piece of
/// two letters or more is tried, so only for words of at most [`MAX_KEYED_LETTERS`] letters.
pub fn split_by_keys(
    word: &str,
    hashtag: bool,
    mut covers: impl FnMut(&str) -> Option<bool>,
) -> Option<Vec<Piece>> {
    let n = word.len();
    if !word.bytes().all(|b| b.is_ascii_lowercase())
        || n < if hashtag {
            MIN_GLUED_HASHTAG
        } else {
            MIN_GLUED
        }
        || n > MAX_KEYED_LETTERS
    {
        return None;
    }
    // (a, c): a word (Some(false)) or a stem (Some(true)) read by its key at [a, c)
    let mut known = Vec::new();
    for a in 0..n {
        for c in a + 2..=n {
            match covers(&word[a..c]) {
                Some(false) => known.push((a, c)),
                Some(true) => known.extend((c..=(c + STEM_ENDING).min(n)).map(|e| (a, e))),
                None => {}
            }
        }
    }
    if known.is_empty() {
        return None;
    }
    let bounds: Vec<usize> = (0..=n).collect();
    let mut pieces = best_split(word, &bounds, known, hashtag, true, false)?;
    // read by keys, a split is kept only when every piece is a word: an unknown part left in a
    // Latin hashtag is as likely English as anything
    pieces.iter_mut().for_each(|p| p.keyed = true);
    pieces.iter().all(|p| p.known).then_some(pieces)
}

/// Letters of the longest word [`split_by_keys`] tries (it looks up every piece).
pub const MAX_KEYED_LETTERS: usize = 40;

/// The split of `word` with the fewest pieces that covers it, from the `known` pieces
/// (character ranges; `bounds` maps a character index to its byte offset). `need_long`: a
/// hashtag's split must hold a known piece of more than [`SHORT`] letters.
fn best_split(
    word: &str,
    bounds: &[usize],
    mut known: Vec<(usize, usize)>,
    hashtag: bool,
    need_long: bool,
    alternatives: bool,
) -> Option<Vec<Piece>> {
    let chars = bounds.len() - 1;
    {
        known.sort_unstable();
        known.dedup();
        let is_known = |a: usize, b: usize| known.binary_search(&(a, b)).is_ok();
        let mut pieces = known.clone();
        if hashtag {
            // unknown parts: any run of SHORT or more characters
            for a in 0..chars {
                pieces.extend((a + SHORT..=chars).map(|b| (a, b)));
            }
            pieces.sort_unstable();
            pieces.dedup();
        }
        // best[i][short]: (cost, previous position, previous short flag) of a split of the
        // first i characters whose last piece is short (short = 1) or not.
        const NONE: (u32, usize, usize) = (u32::MAX, 0, 0);
        let mut best = vec![[NONE; 2]; chars + 1];
        best[0][0] = (0, 0, 0);
        for &(a, b) in &pieces {
            for s_prev in 0..2 {
                let (cost, _, _) = best[a][s_prev];
                if cost == u32::MAX {
                    continue;
                }
                let known_piece = is_known(a, b);
                let short = b - a < SHORT;
                // a short piece never ends the word nor follows another short one, and starts
                // it only in a hashtag (a preposition: #вдубае, #uinostranstvo)
                if short && ((a == 0 && !hashtag) || b == chars || s_prev == 1 || !known_piece) {
                    continue;
                }
                // fewest pieces, and as few letters left unknown as possible
                let step = if known_piece { 1 } else { 1 + (b - a) as u32 };
                let s = short as usize;
                let c = cost + step;
                if c < best[b][s].0 {
                    best[b][s] = (c, a, s_prev);
                }
            }
        }
        let (cost, _, _) = best[chars][0];
        if cost == u32::MAX {
            return None;
        }
        // walk back
        let mut out = Vec::new();
        let (mut i, mut s) = (chars, 0usize);
        while i > 0 {
            let (_, a, s_prev) = best[i][s];
            out.push(Piece {
                start: bounds[a],
                end: bounds[i],
                known: is_known(a, i),
                keyed: false,
            });
            i = a;
            s = s_prev;
        }
        out.reverse();
        let known_count = out.iter().filter(|p| p.known).count();
        let long_known = out
            .iter()
            .any(|p| p.known && word[p.start..p.end].chars().count() > SHORT);
        let ok = if hashtag {
            (long_known || !need_long) && (out.len() >= 2 || known_count == 0)
        } else {
            out.len() >= 2 && known_count == out.len()
        };
        if !(ok && out.len() >= 2) {
            return None;
        }
        // The fewest pieces is not always the writer's split: «curezarad» is cure|zarad
        // (earnings) in two pieces and cure|za|rad ("girls for work") in three. The known
        // pieces of every split that costs at most one piece more are kept too, and the
        // matcher's phrases choose their path through them (a piece ends where the next
        // begins).
        if alternatives {
            let allowed = |a: usize, b: usize, s_prev: usize| {
                let short = b - a < SHORT;
                !(short && ((a == 0 && !hashtag) || b == chars || s_prev == 1 || !is_known(a, b)))
            };
            let step = |a: usize, b: usize| {
                if is_known(a, b) {
                    1
                } else {
                    1 + (b - a) as u32
                }
            };
            // rest[i][s]: the fewest pieces from character i to the end, after a short piece
            // (s = 1) or not
            let mut rest = vec![[u32::MAX; 2]; chars + 1];
            rest[chars][0] = 0;
            for &(a, b) in pieces.iter().rev() {
                let after = rest[b][(b - a < SHORT) as usize];
                if after == u32::MAX {
                    continue;
                }
                for (s_prev, slot) in rest[a].iter_mut().enumerate() {
                    if allowed(a, b, s_prev) {
                        *slot = (*slot).min(step(a, b) + after);
                    }
                }
            }
            let limit = cost + 1;
            for &(a, b) in &known {
                let after = rest[b][(b - a < SHORT) as usize];
                let on_path = after != u32::MAX
                    && (0..2).any(|s_prev| {
                        let before = best[a][s_prev].0;
                        before != u32::MAX
                            && allowed(a, b, s_prev)
                            && before + step(a, b) + after <= limit
                    });
                if on_path
                    && !out
                        .iter()
                        .any(|p| (p.start, p.end) == (bounds[a], bounds[b]))
                {
                    out.push(Piece {
                        start: bounds[a],
                        end: bounds[b],
                        known: true,
                        keyed: false,
                    });
                }
            }
            out.sort_unstable_by_key(|p| (p.start, p.end));
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(words: &[(&str, bool)]) -> Segmenter {
        let w: Vec<String> = words.iter().map(|(w, _)| w.to_string()).collect();
        let stem: Vec<bool> = words.iter().map(|(_, s)| *s).collect();
        let exact: Vec<bool> = words.iter().map(|(_, s)| !*s).collect();
        Segmenter::new(&w, &stem, &exact)
    }

    fn split(s: &Segmenter, word: &str, hashtag: bool) -> Option<Vec<String>> {
        pieces_of(s, word, hashtag, false)
    }

    /// The pieces of a hashtag's split with those of the splits one piece longer.
    fn with_alternatives(s: &Segmenter, word: &str) -> Vec<String> {
        pieces_of(s, word, true, true).unwrap()
    }

    fn pieces_of(s: &Segmenter, word: &str, hashtag: bool, alt: bool) -> Option<Vec<String>> {
        s.split(word, hashtag, alt)
            .map(|v| v.iter().map(|p| word[p.start..p.end].to_string()).collect())
    }

    #[test]
    fn glued_words_split_into_vocabulary() {
        let s = seg(&[
            ("работа", false),
            ("для", false),
            ("девуш", true),
            ("posao", false),
            ("u", false),
            ("inostranstv", true),
        ]);
        assert_eq!(
            split(&s, "работадлядевушек", false).unwrap(),
            ["работа", "для", "девушек"]
        );
        assert_eq!(
            split(&s, "posaouinostranstvu", false).unwrap(),
            ["posao", "u", "inostranstvu"]
        );
    }

    #[test]
    fn a_hashtag_also_keeps_the_pieces_of_splits_one_piece_longer() {
        let s = seg(&[
            ("cure", false),
            ("za", false),
            ("rad", false),
            ("zarad", true),
        ]);
        // the fewest pieces alone: cure|zarad («earnings»)
        assert_eq!(split(&s, "curezarad", true).unwrap(), ["cure", "zarad"]);
        // with the alternatives: cure|za|rad too («girls for work»), in order of start
        assert_eq!(
            with_alternatives(&s, "curezarad"),
            ["cure", "za", "zarad", "rad"]
        );
        // a split two pieces longer is not kept
        let s = seg(&[
            ("ab", false),
            ("abcd", false),
            ("c", false),
            ("d", false),
            ("cdef", false),
            ("e", false),
            ("f", false),
        ]);
        let pieces = with_alternatives(&s, "abcdef");
        assert!(!pieces.iter().any(|p| p == "c"), "{pieces:?}");
    }

    #[test]
    fn words_that_are_not_covered_stay_whole() {
        let s = seg(&[("работа", false), ("для", false), ("за", false)]);
        // an unknown part: only hashtags may keep one
        assert_eq!(split(&s, "работамосква", false), None);
        assert_eq!(
            split(&s, "работамосква", true).unwrap(),
            ["работа", "москва"]
        );
        // a short piece never starts a word: «заработная» is not «за работная»
        let s = seg(&[("за", false), ("работ", true)]);
        assert_eq!(split(&s, "заработная", false), None);
        // one piece is no split
        assert_eq!(split(&s, "работники", false), None);
        // … but may start a hashtag: a preposition glued to a place
        let s = seg(&[("в", false), ("турци", true), ("u", false), ("dubai", true)]);
        assert_eq!(split(&s, "втурцию", true).unwrap(), ["в", "турцию"]);
        assert_eq!(split(&s, "udubaiju", true).unwrap(), ["u", "dubaiju"]);
        assert_eq!(split(&s, "udubaiju", false), None);
        let s = seg(&[("в", false), ("дуба", true)]);
        assert_eq!(split(&s, "вдубае", true).unwrap(), ["в", "дубае"]);
    }

    #[test]
    fn a_word_is_split_by_whatever_says_which_pieces_are_words() {
        // "dlya" is a word, "rabot" and "devush" stems (endings of up to three letters)
        let covers = |p: &str| match p {
            "dlya" | "v" => Some(false),
            "rabot" | "devush" => Some(true),
            _ => None,
        };
        let split = |w: &str| {
            split_by_keys(w, true, covers).map(|p| {
                p.iter()
                    .map(|p| w[p.start..p.end].to_string())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            split("rabotadlyadevushek"),
            Some(vec!["rabota".into(), "dlya".into(), "devushek".into()])
        );
        // every piece must be a word, and only plain Latin words are tried
        assert_eq!(split("rabotadlyadevushekmoskva"), None);
        assert_eq!(split("работадля"), None);
        assert!(split_by_keys("rabotadlyadevushek", true, covers)
            .unwrap()
            .iter()
            .all(|p| p.keyed && p.known));
    }

    fn runs(word: &str) -> Option<Vec<(String, bool)>> {
        number_runs(word).map(|r| {
            r.iter()
                .map(|r| (word[r.start..r.end].to_string(), r.number))
                .collect()
        })
    }

    #[test]
    fn a_sum_or_an_age_written_into_a_word_is_cut_out() {
        let r = |v: &[(&str, bool)]| Some(v.iter().map(|(w, n)| (w.to_string(), *n)).collect());
        assert_eq!(runs("500aday"), r(&[("500", true), ("aday", false)]));
        assert_eq!(
            runs("от5000вдень"),
            r(&[("от", false), ("5000", true), ("вдень", false)])
        );
        assert_eq!(
            runs("girls18plus"),
            r(&[("girls", false), ("18plus", true)])
        );
        assert_eq!(runs("18plus"), r(&[("18plus", true)]));
        assert_eq!(
            runs("zarada4000e"),
            r(&[("zarada", false), ("4000e", true)])
        );
        assert_eq!(runs("2kweekly"), r(&[("2k", true), ("weekly", false)]));
        assert_eq!(runs("девушки18"), r(&[("девушки", false), ("18", true)]));
        assert_eq!(runs("devojke18"), r(&[("devojke", false), ("18", true)]));
        assert_eq!(runs("plata3000"), r(&[("plata", false), ("3000", true)]));
        // not numbers: leet digits, a digit inside letters, a number alone, a sum with its unit
        assert_eq!(runs("l00king"), None);
        assert_eq!(runs("g1rls"), None);
        assert_eq!(runs("girls"), None);
        assert_eq!(runs("5000"), None);
        assert_eq!(runs("5000eur"), None);
        assert_eq!(runs("18+"), None);
        assert_eq!(runs("квартира2комнаты"), None);
    }

    #[test]
    fn letters_after_a_number_split_into_vocabulary_words_only() {
        let s = seg(&[("в", false), ("день", false), ("a", false), ("day", false)]);
        let split = |w: &str| {
            s.split_after_number(w).map(|v| {
                v.iter()
                    .map(|p| w[p.start..p.end].to_string())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(split("вдень").unwrap(), ["в", "день"]);
        assert_eq!(split("aday").unwrap(), ["a", "day"]);
        assert_eq!(split("adayz"), None);
        assert_eq!(split("day"), None);
    }
}
