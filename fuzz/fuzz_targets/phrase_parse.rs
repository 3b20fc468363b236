//! Fuzz target: `phrase::parse`, the phrase syntax contributors write (`девуш*`, `keep ~
//! passport`, `от # в день`, `@hire ~1 @girls`). Must never panic; a phrase that parses has
//! words, no gap before its first word, gaps of at most five words, and parses to the same
//! words again when written back in the same syntax.
#![no_main]
use libfuzzer_sys::fuzz_target;
use redflag::phrase;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(words) = phrase::parse(text) else { return };
    assert!(!words.is_empty(), "{text:?} parsed to no words");
    assert_eq!(words[0].gap, 0, "{text:?}: a gap before the first word");
    assert!(words.iter().all(|w| w.gap <= 5), "{text:?}: {words:?}");
    // Written back, the words parse to themselves. Not checked for stems (a stem that ends
    // like ijekavian `ij` is trimmed once more) or for words with syntax characters left in.
    // (Words that mix Latin and Cyrillic letters were left out until ijekavian folding
    // stopped changing which alphabet such a word is read in: `oozвбијеom`, fuzz/README.md.)
    let plain = words.iter().all(|w| {
        !w.stem && (w.class || w.text == "#" || !w.text.contains(['~', '@', '#', '*']))
    });
    if plain {
        let again = phrase::parse(&phrase::write(&words));
        assert_eq!(again.as_ref(), Ok(&words), "{text:?} → {:?}", phrase::write(&words));
    }
    let _ = phrase::variants(text, &["sr".to_string()]);
    let _ = phrase::member_variants(text, &["sr".to_string(), "hr".to_string()]);
});
