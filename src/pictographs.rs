//! Pictographs (emoji) read as words.
//!
//! Why: ads written to slip past word lists put emoji where the words were — "👧 18-25 💰 от
//! 3000$ ✈️ 🇦🇪 🏠", "📸 slike 🔞" — and research on escort ads names emoji among the
//! evasions traffickers use (docs/QUALITY.md, `../shared/research/indicators.md`). Until
//! 2026-12 normalization treated every emoji as punctuation, so such a post had only its few
//! remaining words to match. Now each pictograph is a word of its own in the canonical text
//! (a flag — two regional-indicator letters — is one word), and a bundle can name it like any
//! other word, usually as a member of a word class (`girls = [..., "👧"]`).
//!
//! Emoji are also bullets and decoration ("✅ Работа для девушек", "высокий 🔥 доход"), so a
//! pictograph that a phrase does not name stands between the words of a phrase without
//! counting as one ([`crate::matcher`] passes over it), exactly as when it was punctuation;
//! and it is not a word the post says when quoting is weighed ([`crate::engine`]).
//!
//! The ranges are the blocks that hold emoji presentation symbols: Miscellaneous Symbols and
//! Dingbats (☀ ✈ ✅ ❤, but not the circled digits ➊–➓, which are numbers), the stars and
//! circles of U+2B50/U+2B55, and the Supplementary Multilingual Plane's emoji blocks (faces,
//! people, objects, transport, flags). Skin-tone modifiers and the zero-width joiner are not
//! pictographs (a modifier separates, the joiner is invisible: "👩‍💼" reads as 👩 and 💼).
//!
//! An emoji between two letters of one word ("спо💰нсор", "dev💋ojke") is decoration written
//! into the word to break it: normalization drops it and reads the letters as one word, marked
//! as a glued word, so that emoji standing between two words with no space ("samo💋djevojke")
//! are split there again (`src/segment.rs`).

/// Whether `c` is a pictograph that normalization keeps as a word of its own.
pub fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x231A..=0x231B | 0x23E9..=0x23F3 | 0x2600..=0x2775 | 0x2794..=0x27BF
        | 0x2B50 | 0x2B55
        | 0x1F004 | 0x1F0CF
        | 0x1F1E6..=0x1F1FF
        | 0x1F300..=0x1F3FA | 0x1F400..=0x1F64F | 0x1F680..=0x1F6FF
        | 0x1F7E0..=0x1F7EB | 0x1F90C..=0x1F9FF | 0x1FA70..=0x1FAFF)
}

/// Whether the original text between two pictographs (the bytes `[end, start)` of `input`
/// that normalization dropped) holds a zero-width joiner: "👩‍⚕️" (a health worker) is one
/// emoji, and its parts are not the words 👩 and ⚕ ("👩‍⚕️ медсёстры" is no address to girls);
/// a gender sign joined to an emoji ("🙋‍♀️") is dropped from it ([`is_gender_sign`]).
pub fn joined(input: &str, end: u32, start: u32) -> bool {
    input
        .get(end as usize..start as usize)
        .is_some_and(|gap| gap.contains('\u{200D}'))
}

/// Whether `c` is a gender sign (♀ ♂). After a zero-width joiner it makes an emoji's woman or
/// man form ("👯‍♀️", "🙋‍♂️"), which normalization reads as the emoji itself (👯, 🙋): the
/// bundles name the emoji, and posters add the sign (the phone's default for many emoji).
/// A sign standing alone stays the word it is ("♀").
pub fn is_gender_sign(c: char) -> bool {
    matches!(c, '\u{2640}' | '\u{2642}')
}

/// Whether `c` is a regional-indicator letter (🇦 … 🇿): two of them in a row are a flag.
pub fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Whether a word of the canonical text is a pictograph word (its first character is one:
/// normalization never writes a pictograph together with anything else but a flag's second
/// letter).
pub fn is_pictograph_word(word: &str) -> bool {
    word.chars().next().is_some_and(is_pictograph)
}

/// Whether the canonical word starting at byte `at` of `bytes` is a pictograph word. Cheap
/// for the common case: every pictograph's UTF-8 form starts with a byte of at least 0xE2.
pub fn is_pictograph_at(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(&b) if b >= 0xE2 => {
            let end = (at + 4).min(bytes.len());
            let chunk = &bytes[at..end];
            let valid = match std::str::from_utf8(chunk) {
                Ok(s) => s,
                Err(e) => std::str::from_utf8(&chunk[..e.valid_up_to()]).unwrap_or(""),
            };
            is_pictograph_word(valid)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_are_pictographs_and_letters_digits_and_modifiers_are_not() {
        for c in [
            '👧', '💰', '✈', '🏠', '📸', '✅', '❤', '⭐', '🔥', '🇦', '🤑', '🫦',
        ] {
            assert!(is_pictograph(c), "{c}");
        }
        for c in [
            'a', 'ж', '7', '➊', '€', '$', '🏻', '\u{200D}', '\u{FE0F}', '«', '—',
        ] {
            assert!(!is_pictograph(c), "{c}");
        }
    }

    #[test]
    fn a_pictograph_word_is_found_at_its_byte() {
        let s = "работа 💰 ✈ 🇦🇪 x";
        let b = s.as_bytes();
        let at = |w: &str| s.find(w).unwrap();
        assert!(!is_pictograph_at(b, 0));
        assert!(is_pictograph_at(b, at("💰")));
        assert!(is_pictograph_at(b, at("✈")));
        assert!(is_pictograph_at(b, at("🇦🇪")));
        assert!(!is_pictograph_at(b, at("x")));
        assert!(!is_pictograph_at(b, b.len()));
    }
}
