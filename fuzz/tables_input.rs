//! The prebuilt tables a `tables_read` fuzz input describes: read by the fuzz target
//! (fuzz/fuzz_targets/tables_read.rs) and by its regression test (tests/fuzz_regressions.rs),
//! which both include this file by path, so a stored input is replayed exactly as the target
//! ran it.
//!
//! The first byte chooses what the rest is: even, changes (`offset: u32 LE, xor: u8`, five
//! bytes each) to the real body; odd, a whole new body behind the real header. The body hash
//! in the header is then fixed (as `forged()` does in tests/prebuilt.rs), so the reader itself
//! is exercised, not only the header's check.

use redflag::prebuilt;

/// `tables` changed as `data` says, or `None` for an empty input.
pub fn tables_from_input(tables: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let (&mode, rest) = data.split_first()?;
    let mut t = if mode % 2 == 0 {
        let mut t = tables.to_vec();
        let body = t.len() - 32;
        for c in rest.chunks_exact(5) {
            let at = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
            t[32 + at % body] ^= c[4].max(1);
        }
        t
    } else {
        [&tables[..32], rest].concat()
    };
    let h = prebuilt::hash(&t[32..]);
    t[24..32].copy_from_slice(&h.to_le_bytes());
    Some(t)
}
