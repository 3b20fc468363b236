//! Handles and phone numbers in the original text: what the placeholders `<handle>` and
//! `<phone>` of a phrase stand for ([`crate::phrase::HANDLE`], [`crate::phrase::PHONE`]).
//!
//! The Telegram-group pattern points at one girl by her Instagram or Telegram handle
//! (`@tasha.k_99`) or her phone number and asks who has her pictures. Normalization drops the
//! `@` and cuts both into several words, so they are found here, on the text as written, and
//! the matcher treats each as one hit spanning its words ([`crate::matcher`]).

/// The shortest and longest name of a handle (after the `@`).
const HANDLE_CHARS: std::ops::RangeInclusive<usize> = 3..=32;

/// The fewest and most digits of a phone number.
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 7..=15;

fn handle_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'_'
}

/// Whether the character ending right before byte `at` is a letter or digit (of any script)
/// or one of the signs that join an e-mail address or a word.
fn joined_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '+' | '/'))
}

/// Whether the character at byte `at` continues a word.
fn joined_after(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '@')
}

/// The byte ranges of the handles in `text`: `@` and 3 to 32 Latin letters, digits, `.` and
/// `_` (a `.` or `_` at the end is punctuation), with at least one letter, standing apart: not
/// after a letter or digit (an e-mail address `name@mail.com` is not a handle, nor is leet
/// `p@y`), and not before another `@` or a letter of another alphabet.
pub(crate) fn handles(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for at in memchr::memchr_iter(b'@', bytes) {
        if joined_before(text, at) {
            continue;
        }
        let name_start = at + 1;
        let mut end = name_start;
        while end < bytes.len() && handle_char(bytes[end]) {
            end += 1;
        }
        if joined_after(text, end) {
            continue;
        }
        while end > name_start && matches!(bytes[end - 1], b'.' | b'_') {
            end -= 1;
        }
        let name = &bytes[name_start..end];
        if HANDLE_CHARS.contains(&name.len()) && name.iter().any(u8::is_ascii_alphabetic) {
            out.push((at, end));
        }
    }
    out
}

/// The byte ranges of the phone numbers in `text`: 7 to 15 digits in groups joined by single
/// spaces, `-`, `.`, `/` or brackets, standing apart from letters and other digits, and
/// shaped like a number someone dials: with `+` before it, or beginning with the trunk `0`,
/// or `8` and 11 digits (Russian), or 9 digits or more written together. Sums ("80 000"),
/// dates ("06.12.2026") and ages ("18-25") are not.
pub(crate) fn phones(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let opens = b == b'+' || b == b'(' || b.is_ascii_digit();
        if !opens || joined_before(text, i) && !(b == b'(' || b == b'+') {
            i += 1;
            continue;
        }
        if (b == b'+' || b == b'(')
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            i += 1;
            continue;
        }
        let start = i;
        let plus = b == b'+';
        let mut j = i + usize::from(b == b'+');
        let mut digits = 0usize;
        let mut separators = 0usize;
        let mut groups: Vec<usize> = Vec::new();
        let mut group = 0usize;
        let mut dots = false;
        let mut end = start;
        while j < bytes.len() {
            let c = bytes[j];
            if c.is_ascii_digit() {
                digits += 1;
                group += 1;
                j += 1;
                end = j;
            } else if matches!(c, b' ' | b'-' | b'.' | b'/' | b'(' | b')')
                && j + 1 < bytes.len()
                && (bytes[j + 1].is_ascii_digit()
                    || matches!(bytes[j + 1], b'(' | b' ' | b'-')
                        && bytes.get(j + 2).is_some_and(u8::is_ascii_digit)
                    || c == b')' && bytes[j + 1] == b' ')
            {
                if group > 0 {
                    groups.push(group);
                    group = 0;
                }
                dots |= c == b'.';
                separators += 1;
                j += 1;
            } else {
                break;
            }
        }
        if group > 0 {
            groups.push(group);
        }
        let apart = !joined_after(text, end)
            && !(end < bytes.len()
                && bytes[end] == b'.'
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit));
        let first = text[start..end].bytes().find(u8::is_ascii_digit);
        let date = dots && groups.len() == 3 && groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4;
        let dialled = plus
            || first == Some(b'0')
            || first == Some(b'8') && digits == 11
            || separators == 0 && digits >= 9;
        if apart && PHONE_DIGITS.contains(&digits) && dialled && !date {
            out.push((start, end));
            i = end;
        } else {
            i = end.max(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(f: fn(&str) -> Vec<(usize, usize)>, text: &str) -> Vec<String> {
        f(text)
            .iter()
            .map(|&(a, b)| text[a..b].to_string())
            .collect()
    }

    #[test]
    fn handles_stand_apart_and_e_mail_addresses_are_not_handles() {
        assert_eq!(
            found(handles, "ko ima slike od @tasha.k_99. Pišite"),
            ["@tasha.k_99"]
        );
        assert_eq!(found(handles, "(@anna_m) i @ivana"), ["@anna_m", "@ivana"]);
        for no in [
            "pišite na tasha@gmail.com",
            "p@y",
            "@ab",
            "@12345",
            "a @ b",
            "@тася",
            "@tasha@gmail.com",
            &format!("@{}", "a".repeat(33)),
        ] {
            assert!(handles(no).is_empty(), "{no}");
        }
    }

    #[test]
    fn phone_numbers_but_not_sums_dates_or_ages() {
        for (text, phone) in [
            ("zovi +381 64 123 4567 odmah", "+381 64 123 4567"),
            ("тел. 8 (999) 123-45-67", "8 (999) 123-45-67"),
            ("063/123-456", "063/123-456"),
            ("0641234567.", "0641234567"),
            ("+38050.123.45.67", "+38050.123.45.67"),
            ("whatsapp 381641234567", "381641234567"),
        ] {
            assert_eq!(found(phones, text), [phone], "{text}");
        }
        for no in [
            "от 80 000 до 150 000 рублей",
            "06.12.2026",
            "девушки 18-25",
            "1 000 000 $",
            "ID 1234567",
            "abc0641234567",
            "0641234567abc",
            "123",
        ] {
            assert!(phones(no).is_empty(), "{no}: {:?}", found(phones, no));
        }
    }
}
