//! Upper bounds that keep a malicious or broken bundle from exhausting memory or start-up
//! time: an imported document is untrusted input.

/// A compiled document (the default bundles compile to well under 1 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 8 << 20;
/// Characters in one phrase.
pub const MAX_PHRASE_CHARS: usize = 200;
/// Phrases in all the loaded bundles together.
pub const MAX_PHRASES: usize = 50_000;
/// Entries of the support directory.
pub const MAX_SUPPORT_ENTRIES: usize = 1_000;
/// A shorter stem matches too many words (a warning, not an error).
pub const MIN_STEM_CHARS: usize = 3;
/// Above this many phrases a bundle is probably listing variants that stems (`*`) and gaps
/// (`~`) would cover; every phrase costs start-up time and download size in the extension.
pub const PHRASES_PER_BUNDLE_ADVICE: usize = 2500;
