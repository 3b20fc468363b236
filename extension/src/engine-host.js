// redflag engine host (Chromium only): the offscreen document (chrome.offscreen) that keeps the
// built engine while the extension's service worker comes and goes.
//
// Why it exists: Chromium stops an idle service worker after ~30 s, and everything in its
// memory goes with it. A restarted worker had to fetch and compile the WebAssembly module,
// read the 1.7 MB tables and run the reading code cold: 42-78 ms on a quiet machine, far
// above the 20 ms aimed at (BENCHMARKS.md, seventh round). This document is not stopped with the
// worker, so the engine built in it stays: a restarted worker asks "do you hold the engine
// for key K?" and, if so, is ready at once (background.js, host-client.js).
//
// The engine itself runs in a dedicated worker that this document starts (engine-worker.js):
// that is the reason given to chrome.offscreen.createDocument (WORKERS), and it keeps the
// builds and classifications off the document's thread. Offscreen documents have no extension
// API but chrome.runtime: the service worker reads storage and sends what to build from;
// this document reads the package's own files (the prebuilt tables, the shipped document)
// for the worker, which fetches nothing but its .wasm.
//
// It answers only the extension's service worker (checked by sender URL): content scripts
// and the extension's pages broadcast runtime messages too, and those are left to the worker.
const api = globalThis.chrome;
const HOST_TARGET = 'redflag-engine-host'; // host-client.js sends with this `to`
const FROM = api.runtime.getURL('src/background.js');

let worker = null;
let nextId = 1;
const waiting = new Map(); // id -> { resolve, reject }

function engineWorker() {
  if (worker) return worker;
  const w = new Worker(api.runtime.getURL('src/engine-worker.js'), { type: 'module' });
  w.onmessage = (event) => {
    const { id, res } = event.data || {};
    const p = waiting.get(id);
    if (!p) return;
    waiting.delete(id);
    p.resolve(res);
  };
  // A worker that fails to load or dies loses its engines: the waiting calls fail (the
  // service worker then builds again, or builds its own) and the next call starts a new one.
  w.onerror = (event) => {
    event.preventDefault?.();
    if (worker === w) worker = null;
    for (const p of waiting.values()) p.reject(new Error(`engine worker: ${event.message || 'failed'}`));
    waiting.clear();
    w.terminate();
  };
  worker = w;
  return w;
}

function call(msg, transfer = []) {
  const w = engineWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, msg }, transfer);
  });
}

// The package's own files, read afresh for each build (a build is rare; nothing is kept here).
async function packageBytes(path) {
  const res = await fetch(api.runtime.getURL(path));
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.arrayBuffer();
}
async function packageText(path) {
  const res = await fetch(api.runtime.getURL(path));
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.text();
}

// The shipped bundle alone: the lean module from the prebuilt tables; tables refused (another
// engine, a damaged file) or a lean module that fails mean the full module and the document,
// as background.js does without a host.
async function buildShipped(msg) {
  const t0 = performance.now();
  const timings = {};
  let tables = null;
  if (msg.useTables !== false) {
    call({ op: 'warm', module: 'lean' }).catch(() => {}); // compiles while the tables are read
    tables = await packageBytes('bundles/default.tables').catch(() => null);
    timings.tables_file = Math.round(performance.now() - t0);
  }
  if (tables) {
    // a copy stays here for the document's build, should the tables be refused
    const res = await call({ ...msg, from: 'tables', tables: tables.slice(0) });
    if (res.ok) return { ...res, timings: { ...timings, ...res.timings } };
    timings[res.leanRefused ? 'lean_refused' : 'tables_refused'] = res.error;
  }
  call({ op: 'warm', module: 'full' }).catch(() => {});
  const t1 = performance.now();
  const text = await packageText('bundles/default.json');
  timings.document_file = Math.round(performance.now() - t1);
  const res = await call({ ...msg, from: 'document', text, tables }, tables ? [tables] : []);
  return res.ok ? { ...res, timings: { ...timings, ...res.timings } } : res;
}

const ops = {
  hold: (msg) => call(msg),
  commit: (msg) => call(msg),
  classify: (msg) => call(msg),
  build: (msg) => (msg.from === 'shipped' ? buildShipped(msg) : call(msg)),
  // Whether the held engine's tables were made for the shipped document (background.js,
  // checkTables): the document is read here, not sent by the service worker.
  madeFor: async (msg) => call({ ...msg, text: await packageText('bundles/default.json') }),
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || msg.to !== HOST_TARGET || !Object.hasOwn(ops, msg.op)) return false;
  if (!sender || sender.id !== api.runtime.id || sender.url !== FROM) return false;
  Promise.resolve()
    .then(() => ops[msg.op](msg))
    .then((res) => sendResponse(res), (err) => sendResponse({ ok: false, error: String(err && err.message ? err.message : err) }));
  return true; // async answer
});
