// redflag background: hosts the WASM engine (the only place where WebAssembly runs, because
// pages with a strict Content-Security-Policy forbid it in content scripts), answers the
// content scripts' batches, and owns settings, imported bundles and the per-post choices.
//
// The Chromium service worker (and Firefox's event page) can be stopped at any time. Nothing
// lives only in memory except the engine itself, which is re-created on the first message
// after a restart from the shipped bundle plus the imported ones in storage.local.
import init, { Engine, validateBundle } from '../engine/redflag.js';
import {
  DEFAULT_SETTINGS, LEVELS, loadSettings, saveSettings, resolveRegion, choiceKey,
  loadChoices, setChoice, forgetChoices, mergeDocuments,
} from './common.js';

const api = globalThis.browser ?? globalThis.chrome;

// When this worker (or event page) started: lets tests and the popup tell a restart happened.
const STARTED_AT = Date.now();
let enginePromise = null; // Promise<{engine, info, support: Map}>
let wasmReady = null;

function wasmInit() {
  if (!wasmReady) {
    wasmReady = init({ module_or_path: api.runtime.getURL('engine/redflag_bg.wasm') });
  }
  return wasmReady;
}

let defaultDocText = null;
async function defaultDocument() {
  if (defaultDocText == null) {
    const res = await fetch(api.runtime.getURL('bundles/default.json'));
    defaultDocText = await res.text();
  }
  return defaultDocText;
}

async function loadImported() {
  const { imported = [] } = await api.storage.local.get('imported');
  return Array.isArray(imported) ? imported : [];
}

function plain(value) {
  // serde-wasm-bindgen may hand back Maps; messages carry JSON, so make everything plain.
  if (value instanceof Map) {
    const o = {};
    for (const [k, v] of value) o[k] = plain(v);
    return o;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const o = {};
    for (const [k, v] of Object.entries(value)) o[k] = plain(v);
    return o;
  }
  return value;
}

async function buildEngine(imported) {
  const started = performance.now();
  await wasmInit();
  const docs = mergeDocuments(await defaultDocument(), imported.map((i) => i.json));
  const engine = new Engine(docs);
  const info = plain(engine.info());
  const support = new Map();
  for (const entry of plain(engine.supportDirectory())) support.set(entry.id, entry);
  const ms = Math.round(performance.now() - started);
  return { engine, info, support, builtMs: ms };
}

function getEngine() {
  if (!enginePromise) {
    enginePromise = loadImported().then(buildEngine).catch((err) => {
      enginePromise = null;
      throw err;
    });
  }
  return enginePromise;
}

async function classify(texts, sender) {
  const [{ engine, support }, settings] = await Promise.all([getEngine(), loadSettings(api)]);
  const region = resolveRegion(settings);
  const verdicts = plain(engine.classifyBatch(texts, region));
  const choices = await loadChoices(api);
  const out = [];
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    if (!v || v.level === 'none') {
      out.push({ level: 'none' });
      continue;
    }
    const key = await choiceKey(api, texts[i]);
    out.push({
      level: v.level,
      score: v.score,
      categories: v.categories || [],
      evidence: (v.evidence || []).map((e) => ({ family: e.family, text: e.text, start: e.start, end: e.end })),
      dampeners: (v.dampeners || []).map((e) => ({ family: e.family, text: e.text })),
      support: (v.support || []).map((id) => support.get(id)).filter(Boolean),
      key,
      choice: choices[key]?.c || null,
    });
  }
  return { verdicts: out, region };
}

async function state() {
  const settings = await loadSettings(api);
  const imported = await loadImported();
  let info = null;
  let error = null;
  let builtMs = null;
  try {
    const e = await getEngine();
    info = e.info;
    builtMs = e.builtMs;
  } catch (err) {
    error = String(err && err.message ? err.message : err);
  }
  return {
    settings,
    region: resolveRegion(settings),
    startedAt: STARTED_AT,
    info,
    builtMs,
    error,
    imported: imported.map((i) => ({ name: i.name, bundles: i.bundles, importedAt: i.importedAt })),
  };
}

async function importBundle(name, json) {
  // 1. The document alone: format, schema, phrases (error names the file and field).
  let bundles;
  try {
    await wasmInit(); // the first message after a restart may be this one
    bundles = plain(validateBundle(json));
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
  // 2. Together with what is loaded now; the new document replaces an earlier import that
  //    carries a bundle with the same id. Nothing is stored unless the whole set builds.
  const ids = new Set(bundles.map((b) => b.id));
  const previous = await loadImported();
  const kept = previous.filter((i) => !(i.bundles || []).some((b) => ids.has(b.id)));
  const next = [...kept, { name, json, bundles, importedAt: Date.now() }];
  let built;
  try {
    built = await buildEngine(next);
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
  await api.storage.local.set({ imported: next });
  enginePromise = Promise.resolve(built);
  return { ok: true, bundles };
}

async function removeBundle(name) {
  const previous = await loadImported();
  const next = previous.filter((i) => i.name !== name);
  let built;
  try {
    built = await buildEngine(next);
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
  await api.storage.local.set({ imported: next });
  enginePromise = Promise.resolve(built);
  return { ok: true };
}

function errorText(err) {
  if (err == null) return 'unknown error';
  if (typeof err === 'string') return err;
  if (err.message) return err.message;
  try { return JSON.stringify(err); } catch (_) { return String(err); }
}

const handlers = {
  classify: (msg, sender) => classify(Array.isArray(msg.texts) ? msg.texts.map(String) : [], sender),
  state: () => state(),
  'set-settings': async (msg) => ({ settings: await saveSettings(api, msg.patch || {}) }),
  choice: async (msg) => {
    await setChoice(api, String(msg.key || ''), msg.choice || null);
    return { ok: true };
  },
  'forget-choices': async () => {
    await forgetChoices(api);
    return { ok: true };
  },
  'import-bundle': (msg) => importBundle(String(msg.name || 'bundle.json'), String(msg.json || '')),
  'remove-bundle': (msg) => removeBundle(String(msg.name || '')),
  ping: () => ({ ok: true }),
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && handlers[msg.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(msg, sender))
    .then((result) => sendResponse(result), (err) => sendResponse({ ok: false, error: errorText(err) }));
  return true; // async response
});

api.runtime.onInstalled.addListener(async () => {
  const { settings } = await api.storage.local.get('settings');
  if (!settings) await api.storage.local.set({ settings: { ...DEFAULT_SETTINGS } });
});

// Warm up on start so the first batch after a restart does not wait for the WASM compile.
getEngine().catch(() => {});

export { LEVELS };
