#!/usr/bin/env node
// Build gate: the optimized .wasm must load in Node and classify, so a broken optimizer (or a
// broken binding) fails the build instead of shipping. Also reports the sizes.
//
// Usage: node scripts/check-wasm.mjs <wasm-pack out dir> <compiled bundle .json> [<lean out dir>]
// (with the bundle's prebuilt tables, <bundle>.tables, when they are there: the WebAssembly
// engine must read the tables the native CLI wrote, and classify the same; with the lean
// module's out dir (built without the cargo feature `documents`, src/wasm.rs): it must read the
// tables alone and classify as the full module does from the document, and have no export that
// builds from documents)
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const [pkgArg, bundleArg, leanArg] = process.argv.slice(2);
if (!pkgArg || !bundleArg) {
  console.error('usage: check-wasm.mjs <pkg dir> <bundle.json>');
  process.exit(2);
}
const pkg = resolve(pkgArg);
const wasmPath = join(pkg, 'redflag_bg.wasm');
const bytes = readFileSync(wasmPath);
const bundle = readFileSync(resolve(bundleArg), 'utf8');

try {
  const mod = await import(pathToFileURL(join(pkg, 'redflag.js')).href);
  mod.initSync({ module: bytes });
  const t0 = performance.now();
  const engine = new mod.Engine([bundle]);
  const buildMs = performance.now() - t0;
  const risky = 'Требуются девушки 18-25, высокий доход, опыт не нужен. Фото в лс.';
  const ordinary = 'Требуется бухгалтер, опыт от 3 лет, оформление по ТК РФ.';
  const t1 = performance.now();
  const verdicts = engine.classifyBatch([risky, ordinary], 'RU');
  const classifyMs = performance.now() - t1;
  assert.equal(verdicts.length, 2);
  assert.ok(['warning', 'danger'].includes(verdicts[0].level), `risky text: ${JSON.stringify(verdicts[0])}`);
  assert.ok(verdicts[0].evidence.length > 0, 'evidence reported');
  assert.equal(verdicts[1].level, 'none', `ordinary text: ${JSON.stringify(verdicts[1])}`);
  // Lone surrogates (possible in any JS string, e.g. a post cut in the middle of an emoji):
  // classified like any text, and evidence offsets still index the JS string itself.
  const lonely = ['\uD800', '\uDC00 девушки', '💋'.slice(0, 1) + ' ' + risky, risky + '\uDBFF'];
  const lv = engine.classifyBatch(lonely, 'RU');
  assert.equal(lv.length, lonely.length);
  for (const [i, v] of lv.entries()) {
    for (const e of v.evidence) {
      assert.ok(e.start < e.end && e.end <= lonely[i].length, `evidence inside text ${i}: ${JSON.stringify(e)}`);
      assert.equal(lonely[i].slice(e.start, e.end), e.text, `evidence text matches the JS string ${i}`);
    }
  }
  assert.ok(['warning', 'danger'].includes(lv[2].level), 'a lone surrogate before an ad does not hide it');
  const info = engine.info();
  assert.ok(info.bundles.length >= 1 && info.signals > 0, 'info');
  assert.ok(Array.isArray(engine.supportDirectory()), 'supportDirectory');
  assert.ok(mod.validateBundle(bundle).length >= 1, 'validateBundle accepts the default bundle');
  assert.throws(() => mod.validateBundle('{"format": 99}'), /format/, 'validateBundle refuses a future format');
  assert.throws(() => new mod.Engine(['not json']), Error, 'Engine refuses garbage');
  let tablesNote = '';
  const tablesPath = resolve(bundleArg).replace(/\.json$/, '.tables');
  if (existsSync(tablesPath)) {
    const tables = new Uint8Array(readFileSync(tablesPath));
    const t2 = performance.now();
    const fast = new mod.Engine([bundle], undefined, tables);
    const tablesMs = performance.now() - t2;
    assert.equal(fast.info().prebuilt, true, 'the prebuilt tables are read');
    assert.equal(engine.info().prebuilt, false);
    const texts = [risky, ordinary, ...lonely];
    assert.deepEqual(fast.classifyBatch(texts, 'RU'), engine.classifyBatch(texts, 'RU'), 'same verdicts from the tables');
    const other = new mod.Engine([bundle.replace(/"format":(\d+)/, '"format": $1')], undefined, tables);
    assert.equal(other.info().prebuilt, false, 'tables for another document are refused');
    other.free();
    tablesNote = `; from the prebuilt tables in ${tablesMs.toFixed(1)} ms (${tables.length} bytes, ${gzipSync(tables, { level: 9 }).length} gzipped)`;
    if (leanArg) {
      const leanPath = join(resolve(leanArg), 'redflag_lean_bg.wasm');
      const leanBytes = readFileSync(leanPath);
      const lean = await import(pathToFileURL(join(resolve(leanArg), 'redflag_lean.js')).href);
      lean.initSync({ module: leanBytes });
      for (const name of ['openBundle', 'validateBundle', 'mergeBundles', 'supersededImports']) {
        assert.equal(lean[name], undefined, `the lean module has no ${name}`);
      }
      assert.doesNotMatch(readFileSync(join(resolve(leanArg), 'redflag_lean.js'), 'utf8'), /\bwasm\.engine_new\b/,
        'the lean module builds no engine from documents');
      const t3 = performance.now();
      const small = lean.Engine.fromTables(tables);
      const leanMs = performance.now() - t3;
      assert.equal(small.info().prebuilt, true);
      assert.deepEqual(small.info(), fast.info(), 'same info from the lean module');
      assert.equal(small.supportDirectoryJson(), fast.supportDirectoryJson(), 'same support directory');
      assert.ok(small.madeFor(bundle), 'the tables were made for the document');
      for (const region of [undefined, 'RU', 'RS']) {
        assert.deepEqual(small.classifyBatch(texts, region), engine.classifyBatch(texts, region), `same verdicts from the lean module (${region})`);
      }
      small.free();
      tablesNote += `; lean module ${leanBytes.length} bytes (${gzipSync(leanBytes, { level: 9 }).length} gzipped), `
        + `from the tables in ${leanMs.toFixed(1)} ms`;
    }
    fast.free();
  } else if (leanArg) {
    throw new Error(`the lean module needs the prebuilt tables: ${tablesPath} is missing`);
  }
  engine.free();
  const gz = gzipSync(bytes, { level: 9 }).length;
  const bgz = gzipSync(Buffer.from(bundle), { level: 9 }).length;
  console.log(`check-wasm: ok — ${wasmPath}: ${bytes.length} bytes (${gz} gzipped); `
    + `bundle ${statSync(resolve(bundleArg)).size} bytes (${bgz} gzipped); `
    + `engine built in ${buildMs.toFixed(1)} ms${tablesNote}, 2 texts in ${classifyMs.toFixed(2)} ms (Node)`);
} catch (err) {
  console.error(`check-wasm: FAILED — the optimized module does not work: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
}
