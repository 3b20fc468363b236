// redflag engine worker (Chromium only): the dedicated worker that the offscreen document
// (engine-host.js) starts, and where the engine is built and kept while the extension's
// service worker comes and goes. A service worker that Chromium stopped loses its engine; a
// restarted one that finds it here answers without building anything (the build after a
// restart took 42-78 ms on a quiet machine, most of it V8 running cold code; the target is
// 20 ms: BENCHMARKS.md).
//
// It holds at most two engines, each under the key of what it was built from (background.js,
// engineKey: "shipped" for the shipped bundle alone, a hash of the stored imports otherwise):
// the one in use ("committed") and, while an import waits for the person's answer, the one
// that import would give. Committing one frees every other.
//
// It only builds and classifies. It has no extension API: the document gives it the package's
// files it needs (the prebuilt tables, the shipped document) and the service worker the
// documents to build from (already opened, signatures checked, merged). Both WebAssembly
// builds as in background.js (src/wasm.rs): the lean module reads the shipped tables, the full
// one builds from documents; each fetches its .wasm only when first used.
import init, { Engine } from '../engine/redflag.js';
import initLean, { Engine as LeanEngine } from '../engine/redflag_lean.js';

// Each module's initialization, started once (a `warm` message starts it while the document
// reads the tables), and when it started: the `wasm` part of the timings counts from there.
const modules = {
  full: { start: init, ready: null, at: 0 },
  lean: { start: initLean, ready: null, at: 0 },
};
function ready(name) {
  const m = modules[name];
  if (!m.ready) {
    m.at = performance.now();
    m.ready = m.start().then((exports) => { m.memory = exports.memory; });
    m.ready.catch(() => { m.ready = null; }); // tried again at the next build
  }
  return m.ready;
}
// Waits for a module; returns how long since it started.
async function moduleMs(name) {
  await ready(name);
  return Math.round(performance.now() - modules[name].at);
}

const held = new Map(); // key -> { engine, committed, summary }

// The modules' linear memory (the engines' data; never returned to the system once grown):
// what the host keeps besides its document and this worker (BENCHMARKS.md, eighth round).
function wasmBytes() {
  return Object.values(modules).reduce((n, m) => n + (m.memory ? m.memory.buffer.byteLength : 0), 0);
}

function errorText(err) {
  if (err == null) return 'unknown error';
  if (typeof err === 'string') return err;
  return err.message || String(err);
}

// Keeps `engine` under `key`; with `commit` it becomes the only one, otherwise it replaces
// any other uncommitted one.
function keep(key, engine, commit, summary) {
  for (const [k, e] of held) {
    if (k === key || commit || !e.committed) {
      held.delete(k);
      if (e.engine !== engine) e.engine.free();
    }
  }
  held.set(key, { engine, committed: commit, summary });
}

function commit(key) {
  const e = held.get(key);
  if (!e) return false;
  e.committed = true;
  for (const [k, other] of held) {
    if (k !== key) {
      held.delete(k);
      other.engine.free();
    }
  }
  return true;
}

// `from`: "tables" (the lean module from the shipped tables), "document" (the full module from
// the shipped document `text`, with the tables when given) or "documents" (the full module
// from `texts`, the documents the service worker merged — mergeBundles — named `names`).
async function build({ key, from, tables, text, texts, names, commit: doCommit, meta }) {
  const timings = {};
  let engine;
  if (from === 'tables') {
    try {
      timings.wasm = await moduleMs('lean');
    } catch (err) {
      return { ok: false, leanRefused: true, error: errorText(err) };
    }
    const t1 = performance.now();
    engine = LeanEngine.fromTables(new Uint8Array(tables));
    timings.new_engine = Math.round(performance.now() - t1);
    timings.module = 'lean';
  } else {
    timings.wasm = await moduleMs('full');
    const t1 = performance.now();
    engine = from === 'document'
      ? new Engine([text], ['default bundle'], tables ? new Uint8Array(tables) : undefined)
      : new Engine(texts, names);
    timings.new_engine = Math.round(performance.now() - t1);
    timings.module = 'full';
  }
  const t2 = performance.now();
  const summary = { info: engine.info(), supportJson: engine.supportDirectoryJson(), meta: meta || null, module: timings.module };
  timings.info_and_support = Math.round(performance.now() - t2);
  keep(key, engine, doCommit !== false, summary);
  return { ok: true, ...summary, timings, holds: held.size, wasmBytes: wasmBytes() };
}

// What background.js's classify reads of a verdict (the rest stays here): a page full of
// ordinary posts answers with little more than their levels.
function slim(v) {
  if (!v || v.level === 'none') return { level: 'none' };
  return {
    level: v.level,
    score: v.score,
    categories: v.categories,
    evidence: (v.evidence || []).map((e) => ({ family: e.family, text: e.text, start: e.start, end: e.end })),
    dampeners: (v.dampeners || []).map((e) => ({ family: e.family, text: e.text })),
    support: v.support,
  };
}

const ops = {
  // `commit: false`: an import's build that waits for the person's answer.
  hold: ({ key, commit: doCommit }) => {
    const e = held.get(key);
    if (!e) return { held: false, holds: held.size };
    if (doCommit !== false) commit(key);
    return { held: true, ...e.summary, holds: held.size, wasmBytes: wasmBytes() };
  },
  build,
  warm: ({ module }) => {
    ready(module === 'full' ? 'full' : 'lean').catch(() => {});
    return { ok: true };
  },
  commit: ({ key }) => ({ ok: commit(key), holds: held.size }),
  classify: ({ key, texts, region, fallback }) => {
    const e = held.get(key);
    if (!e) return { ok: false, notHeld: true, error: `the engine host holds no engine for ${key}` };
    return { ok: true, verdicts: e.engine.classifyBatch(texts, region ?? undefined, fallback ?? undefined).map(slim) };
  },
  madeFor: ({ key, text }) => {
    const e = held.get(key);
    if (!e) return { ok: false, notHeld: true, error: `the engine host holds no engine for ${key}` };
    const madeFor = e.engine.madeFor(text);
    if (madeFor) e.summary.tablesChecked = true; // a restarted service worker need not ask again
    return { ok: true, madeFor };
  },
};

self.onmessage = async (event) => {
  const { id, msg } = event.data || {};
  let res;
  try {
    const op = Object.hasOwn(ops, msg && msg.op) ? ops[msg.op] : null;
    res = op ? await op(msg) : { ok: false, error: `unknown operation ${msg && msg.op}` };
  } catch (err) {
    res = { ok: false, error: errorText(err) };
  }
  self.postMessage({ id, res });
};
