#!/usr/bin/env node
// Verdicts of two builds of the extension's engine on every corpus, compared byte for byte:
// for changes to the .wasm or to the prebuilt tables, where `redflag scan` (native) does not
// run the code that changed.
//   node bench/same-verdicts.mjs BASE NEW [tables|lean]
// BASE and NEW are assembled extension folders (a copy of dist/chromium before the change, and
// dist/chromium). BASE's engine is built from bundles/default.json; NEW's too, or with
// `tables` from bundles/default.tables alone (Engine.fromTables), or with `lean` from the tables
// by the lean module (engine/redflag_lean.js: what a restarted service worker runs).
// Every text of ../shared/corpora/*.jsonl, ../shared/corpora/labelled/*.jsonl and
// rules/languages/*/corpus/*.jsonl, in batches of 40, with no region and with RS. Exits 1 on
// any difference.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, SHARED, jsonlFiles } from './lib/corpus.mjs';

const [base, next, mode] = process.argv.slice(2);
if (!base || !next) {
  console.error('usage: node bench/same-verdicts.mjs BASE_DIR NEW_DIR [tables|lean]');
  process.exit(2);
}
async function load(dir, fromTables, lean = false) {
  const name = lean ? 'redflag_lean' : 'redflag';
  const m = await import(`${resolve(dir, `engine/${name}.js`)}?${dir}`);
  m.initSync({ module: readFileSync(resolve(dir, `engine/${name}_bg.wasm`)) });
  if (!fromTables) return new m.Engine([readFileSync(resolve(dir, 'bundles/default.json'), 'utf8')]);
  const e = m.Engine.fromTables(new Uint8Array(readFileSync(resolve(dir, 'bundles/default.tables'))));
  if (!e.info().prebuilt) throw new Error(`${dir}: not read from the tables`);
  return e;
}
const a = await load(base, false);
const b = await load(next, mode === 'tables' || mode === 'lean', mode === 'lean');
const languages = join(ROOT, 'rules/languages');
const files = [
  ...jsonlFiles(SHARED),
  ...jsonlFiles(join(SHARED, 'labelled')),
  ...readdirSync(languages).sort().flatMap((l) => jsonlFiles(join(languages, l, 'corpus'))),
];
let texts = 0;
let differ = 0;
for (const f of files) {
  const all = readFileSync(f, 'utf8').split('\n').filter((l) => l.trim())
    .map((l) => { try { return JSON.parse(l).text; } catch { return null; } })
    .filter((t) => typeof t === 'string');
  for (let i = 0; i < all.length; i += 40) {
    const batch = all.slice(i, i + 40);
    for (const region of [undefined, 'RS']) {
      if (JSON.stringify(a.classifyBatch(batch, region)) !== JSON.stringify(b.classifyBatch(batch, region))) {
        differ++;
        if (differ <= 5) console.error(`differs: ${f}, texts ${i}–${i + batch.length - 1}, region ${region ?? 'none'}`);
      }
    }
    texts += batch.length;
  }
}
console.log(`${files.length} files, ${texts} texts: ${differ ? `${differ} batches differ` : 'identical verdicts'}`);
process.exit(differ ? 1 : 0);
