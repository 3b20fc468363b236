// The fixed mixed corpus of the benchmarks, read at run time (the shared corpora are never
// copied into the repository):
//   - every post of rules/languages/*/corpus/*.jsonl (the labelled development corpus of every
//     language folder, in path order), and
//   - the first PER_SHARED_FILE posts of each ../shared/corpora/*.jsonl file (real job ads,
//     news and rentals in en, hr, ru, sr, uk), in file-name order,
// so no single large file (22,000 Telegram news posts) dominates the mix.
// Sizes are UTF-8 bytes of the `text` field (what the native engine reads).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = process.env.REDFLAG_SHARED_CORPORA || resolve(ROOT, '../shared/corpora');
export const PER_SHARED_FILE = Number(process.env.BENCH_PER_FILE || 300);

function readJsonl(path) {
  const out = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line);
    if (typeof o.text === 'string') out.push(o);
  }
  return out;
}

export function jsonlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

// [{id, text, lang, source}] in a fixed order.
export function mixedCorpus() {
  const posts = [];
  const langs = resolve(ROOT, 'rules/languages');
  const own = readdirSync(langs).filter((d) => !d.startsWith('_') && !d.startsWith('.')).sort()
    .flatMap((d) => jsonlFiles(join(langs, d, 'corpus')));
  const shared = jsonlFiles(SHARED);
  if (!own.length) throw new Error('rules/languages/*/corpus/*.jsonl not found');
  if (!shared.length) throw new Error(`no shared corpora in ${SHARED} (set REDFLAG_SHARED_CORPORA)`);
  for (const f of own) {
    readJsonl(f).forEach((o, i) => posts.push({ id: `${basename(f)}#${i}`, text: o.text, lang: o.lang, source: basename(f), origin: 'tests' }));
  }
  for (const f of shared) {
    readJsonl(f).slice(0, PER_SHARED_FILE)
      .forEach((o, i) => posts.push({ id: `${basename(f)}#${i}`, text: o.text, lang: o.lang, source: basename(f), origin: 'shared' }));
  }
  return posts;
}

export function utf8Bytes(texts) {
  let n = 0;
  for (const t of texts) n += Buffer.byteLength(t, 'utf8');
  return n;
}
