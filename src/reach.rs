//! Sentences, and how far a lowering family's words reach.
//!
//! Why: a long post (a company description, a travel story, a CV) can carry a risky paragraph
//! in the middle of an ordinary text. Lowering families such as a licensed employer, a contract,
//! training or "men and women" describe the part of the text they stand in; when they multiply
//! the whole post's score, one ordinary word anywhere ("contract", "training") pulls the risky
//! paragraph from `warning` to `caution`. The families named in `[reach]` of the core bundle
//! lower fully only the signs of the sentences their words stand in: the engine
//! ([`crate::engine`]) also scores every run of sentences that holds none of their words on
//! its own (lowered by their factors raised to `far_power`), and a post keeps the higher of
//! the two scores.

/// The byte offsets where the sentences of `text` start (the first is always 0). A sentence
/// ends at a line break, or at `.`, `!`, `?`, `…` followed by a space; a dot right after a
/// digit does not end one ("od 2004. godine", "1. mart").
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        // (a stop before a line break: the line break ends the sentence)
        let space = next.is_some_and(|n| n.is_whitespace() && n != '\n' && n != '\r');
        let ends = match c {
            '\n' | '\r' => true,
            '!' | '?' | '…' => space,
            '.' => space && !prev.is_some_and(|p| p.is_ascii_digit()),
            _ => false,
        };
        if ends {
            let after = i + c.len_utf8();
            if after < bytes.len() && *starts.last().expect("not empty") < after {
                starts.push(after);
            }
        }
        prev = Some(c);
    }
    starts
}

/// The index of the sentence (of `starts`, from [`sentence_starts`]) that holds byte `at`.
pub fn sentence_of(starts: &[usize], at: usize) -> usize {
    starts.partition_point(|&s| s <= at).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let s = sentence_starts(text);
        s.iter()
            .enumerate()
            .map(|(k, &a)| text[a..s.get(k + 1).copied().unwrap_or(text.len())].trim())
            .collect()
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks_but_not_after_a_number() {
        assert_eq!(
            sentences("Firma radi od 2004. godine. Tražimo devojke! Pišite?\nHvala… kraj"),
            [
                "Firma radi od 2004. godine.",
                "Tražimo devojke!",
                "Pišite?",
                "Hvala…",
                "kraj"
            ]
        );
        assert_eq!(
            sentences("2.500 eur, e.g.x and 3.5 km"),
            ["2.500 eur, e.g.x and 3.5 km"]
        );
        assert_eq!(sentence_starts(""), [0]);
        let s = sentence_starts("A b. C d.");
        assert_eq!(
            (sentence_of(&s, 0), sentence_of(&s, 5), sentence_of(&s, 8)),
            (0, 1, 1)
        );
    }
}
