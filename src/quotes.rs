//! Quoted passages: where a text quotes someone else between quotation marks («…», „…“,
//! “…”, »…«, "…", '…', ‘…’).
//!
//! Why: activists, journalists and security advisers quote recruitment ads and sextortion
//! e-mails word for word to warn about them ("we counted 10,000 ads like «girls 18-25, high
//! pay»"). Their posts carry every risk sign, inside quotation marks. The engine
//! ([`crate::engine`]) lowers the score of a post whose risk signs stand mostly inside quotes
//! while it says more outside them (`[quoting]` in the core bundle).

/// The byte ranges of the quoted passages of `text` (the text between the marks, without
/// them), in order. Marks that are never closed quote nothing; nested quotes lie inside
/// their outer quote and are not reported separately.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // open marks: (the mark that closes it, byte after the opening mark)
    let mut open: Vec<(char, usize)> = Vec::new();
    // Only quotation marks open or close a quote: every other character is passed over
    // without looking at its neighbours (the look-up of `char::is_alphanumeric` for every
    // character of a long post was a tenth of the CLI's instructions), and without being
    // decoded: the marks begin with the bytes `'`, `"`, 0xC2 (« ») or 0xE2 (‘ ’ „ “ ”),
    // found with memchr (decoding every character was 1.5 % of `redflag scan`).
    let bytes = text.as_bytes();
    let mut marks: Vec<usize> = memchr::memchr3_iter(b'\'', b'"', 0xE2, bytes).collect();
    let ascii_or_e2 = marks.len();
    marks.extend(memchr::memchr_iter(0xC2, bytes));
    if marks.len() > ascii_or_e2 && ascii_or_e2 > 0 {
        marks.sort_unstable();
    }
    for i in marks {
        // (each of these bytes begins a character)
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        if !matches!(c, '\'' | '‘' | '’' | '«' | '»' | '„' | '“' | '”' | '"') {
            continue;
        }
        let before = text[..i].chars().next_back();
        let after = i + c.len_utf8();
        let next = text[after..].chars().next();
        // Single quotes are also apostrophes ("don't", «п'ять»): a single quote opens only
        // after a space (or at the start, or after a bracket) and before a letter, and closes
        // only after a non-space and not before a letter.
        let single = matches!(c, '\'' | '‘' | '’');
        let word_after = next.is_some_and(char::is_alphanumeric);
        let space_before = before.is_none_or(|b| b.is_whitespace() || "([{:".contains(b));
        // a mark that closes the innermost open quote
        if let Some(&(close, from)) = open.last() {
            let closes = if close == '\'' {
                single && c != '‘' && !word_after && before.is_some_and(|b| !b.is_whitespace())
            } else {
                c == close || (close == '“' && c == '”')
            };
            if closes {
                open.pop();
                if open.is_empty() {
                    out.push((from, i));
                }
                continue;
            }
        }
        let closing = match c {
            '«' => '»',
            '»' => '«',
            '„' => '“',
            '“' => '”',
            '"' => '"',
            '\'' | '‘' if space_before && word_after => '\'',
            _ => continue,
        };
        // a straight quote or » that closes nothing opens only before a word, not after one
        if matches!(c, '"' | '»')
            && text[after..]
                .chars()
                .next()
                .is_none_or(|n| n.is_whitespace())
        {
            continue;
        }
        open.push((closing, after));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn every_kind_of_mark() {
        assert_eq!(
            quoted("Объявление «Требуются девушки» и „Posao u Dubaiju“, “Hostess” and \"VIP\"."),
            ["Требуются девушки", "Posao u Dubaiju", "Hostess", "VIP"]
        );
        assert_eq!(
            quoted("»Radi u inostranstvu« i „nešto”"),
            ["Radi u inostranstvu", "nešto"]
        );
    }

    #[test]
    fn single_quotes_but_not_apostrophes() {
        assert_eq!(
            quoted("We counted 300 ads like 'girls only, great money' this month."),
            ["girls only, great money"]
        );
        assert_eq!(
            quoted("They wrote ‘VIP hostess, all paid’ again"),
            ["VIP hostess, all paid"]
        );
        assert!(quoted("don't worry, it's the girls' day, п'ять").is_empty());
        assert_eq!(quoted("she said 'don't go' twice"), ["don't go"]);
    }

    #[test]
    fn nested_and_unclosed_marks() {
        assert_eq!(
            quoted("«Пишут: „девушки 18+“ и всё» — «без конца"),
            ["Пишут: „девушки 18+“ и всё"]
        );
        assert!(quoted("no quotes here").is_empty());
        assert!(quoted("5\" screen").is_empty());
    }
}
