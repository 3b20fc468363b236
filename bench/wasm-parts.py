#!/usr/bin/env python3
"""What the .wasm's gzipped bytes are: for each group of functions (by the crate or module in
their names) and for the data section, how much smaller `gzip -9` of the module gets without
them. Groups overlap in what gzip shares between them, so the figures do not add up to the
whole; each says what removing that group alone would save.

The module must carry its function names, which the shipped one does not. After `make wasm`:

    wasm-bindgen --target web --out-dir /tmp/named --out-name redflag \
        target/wasm32-unknown-unknown/release/redflag.wasm
    wasm-opt -g -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        /tmp/named/redflag_bg.wasm -o /tmp/named.wasm
    python3 bench/wasm-parts.py /tmp/named.wasm

(the same code and data as dist/chromium/engine/redflag_bg.wasm; this script leaves every
custom section out before measuring, so the total is a few hundred bytes under the shipped
file's). BENCHMARKS.md, ".wasm size, fourth round", has the table and what it led to.
"""
import sys, re, zlib, gzip, collections
d = open(sys.argv[1], 'rb').read()
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
secs = []; i = 8
while i < len(d):
    sid = d[i]; st = i; i += 1; sz, i = leb(d, i); secs.append((sid, st, i, i + sz)); i += sz
nimports = 0; names = {}; bodies = []
for sid, st, b, e in secs:
    if sid == 2:
        n, j = leb(d, b)
        for _ in range(n):
            l, j = leb(d, j); j += l; l, j = leb(d, j); j += l
            k = d[j]; j += 1
            if k == 0: nimports += 1; _, j = leb(d, j)
            elif k == 1: j += 1; f, j = leb(d, j); _, j = leb(d, j); j = j if not f & 1 else leb(d, j)[1]
            elif k == 2: f, j = leb(d, j); _, j = leb(d, j); j = j if not f & 1 else leb(d, j)[1]
            elif k == 3: j += 2
    if sid == 10:
        n, j = leb(d, b)
        for k in range(n):
            l, j2 = leb(d, j); bodies.append((j, j2 + l)); j = j2 + l
    if sid == 0:
        l, j = leb(d, b); nm = d[j:j + l]; j += l
        if nm == b'name':
            while j < e:
                t = d[j]; j += 1; l, j = leb(d, j); sub_e = j + l
                if t == 1:
                    n, k = leb(d, j)
                    for _ in range(n):
                        idx, k = leb(d, k); l2, k = leb(d, k); names[idx] = d[k:k + l2].decode('utf8', 'replace'); k += l2
                j = sub_e
# strip custom sections for the measured module
keep = bytearray(d[:8])
for sid, st, b, e in secs:
    if sid != 0: keep += d[st:e]
base_mod = bytes(keep)
off = 0
# recompute body offsets in stripped module
shift = {}
pos = 8; 
for sid, st, b, e in secs:
    if sid != 0: shift[st] = pos; pos += e - st
code = [s for s in secs if s[0] == 10][0]
delta = shift[code[1]] - code[1]
def group(n):
    rules = [
      ('serde_json (deserializers of documents and tables)', r'serde_json|serde_core|serde::|_::<impl serde'),
      ('float/int formatting (core::fmt, flt2dec, zmij)', r'flt2dec|fmt|zmij|Display|Debug|dragon|grisu'),
      ('sorting (core::slice::sort)', r'slice::sort'),
      ('aho-corasick', r'aho_corasick'),
      ('signatures (sha2, curve25519, ed25519)', r'sha2|curve25519|ed25519|signing'),
      ('redflag::bundle (documents, check)', r'redflag::bundle'),
      ('redflag::phrase (phrase parsing)', r'redflag::phrase'),
      ('redflag::prebuilt / flat (tables)', r'redflag::prebuilt|redflag::flat'),
      ('redflag::matcher / word_table / key_table / typos / segment', r'redflag::(matcher|word_table|key_table|typos|segment|phonetic|readings|word_cache|translit)'),
      ('redflag::normalize / confusables / unicode_tables', r'redflag::(normalize|confusables|unicode_tables|pictographs)'),
      ('redflag::engine / scoring / quotes / support / verdict', r'redflag::(engine|scoring|quotes|support|verdict)'),
      ('exported entry points (with what was inlined into them)', r'multivalue shim|^engine_|^[a-zA-Z]+$'),
      ('allocator, hash maps, collections', r'dlmalloc|hashbrown|btree|collections|raw_vec|alloc::'),
      ('wasm-bindgen, js-sys', r'wasm_bindgen|js_sys|__wbg|__wbindgen'),
      ('redflag (other)', r'redflag'),
      ('core/std (other)', r'core|std|alloc'),
    ]
    for g, rx in rules:
        if re.search(rx, n): return g
    return 'other'
groups = collections.defaultdict(list); raw = collections.Counter()
for k, (s, e) in enumerate(bodies):
    n = names.get(nimports + k, '?'); g = group(n); groups[g].append((s + delta, e + delta)); raw[g] += e - s
Z = lambda m: len(gzip.compress(m, 9))
tot = Z(base_mod)
print(f'module without custom sections: {len(base_mod)} raw, {tot} gzip -9')
# data
data = [s for s in secs if s[0] == 11][0]
print(f'{"group":62s} {"raw":>8s} {"gz":>7s}')
rows = []
for g, spans in groups.items():
    m = bytearray(base_mod)
    for s, e in sorted(spans, reverse=True): del m[s:e]
    rows.append((tot - Z(bytes(m)), raw[g], g))
m = bytearray(base_mod); s = shift[data[1]]; del m[s:s + data[3] - data[1]]
rows.append((tot - Z(bytes(m)), data[3] - data[1], 'data (strings, Unicode and engine tables)'))
for gz, r, g in sorted(rows, reverse=True): print(f'{g:62s} {r:8d} {gz:7d}')
