// redflag background: hosts the WASM engine (with Chromium's engine host, below, the only
// place where WebAssembly runs, because pages with a strict Content-Security-Policy forbid it
// in content scripts), answers the content scripts' batches, and owns settings, imported
// bundles and the per-post choices.
//
// The Chromium service worker (and Firefox's event page) can be stopped at any time. Nothing
// lives only in memory except the engine itself, which is re-created on the first message
// after a restart from the shipped bundle plus the imported ones in storage.local.
//
// Two builds of the engine (src/wasm.rs): the lean module reads the shipped prebuilt tables and
// classifies, which is all a restarted worker needs with the shipped bundle alone (three
// quarters of the full module's size: less to fetch and compile); the full module also builds
// from documents, opens and checks bundles, and loads only when they are needed (imports, an
// NGO's bundles, tables made for another document). Both glue scripts are imported here (a
// service worker cannot import modules later); each fetches its .wasm only when initialized.
//
// In Chromium the engine is built and kept in an offscreen document instead (host-client.js,
// engine-host.js, engine-worker.js): it outlives the worker, so a restarted worker that finds
// the engine for the same storage state there is ready without building anything. Without it
// (Firefox, a document the browser refuses or that fails) the worker builds its own, as here.
import init, { Engine, mergeBundles, validateBundle, openBundle, supersededImports } from '../engine/redflag.js';
import initLean, { Engine as LeanEngine } from '../engine/redflag_lean.js';
import {
  DEFAULT_SETTINGS, loadSettings, saveSettings, resolveRegion, choiceKey,
  loadChoices, setChoice, forgetChoices, forgetEverything, I18n,
} from './common.js';
import * as host from './host-client.js';

const api = globalThis.browser ?? globalThis.chrome;
// An NGO's branded build (src/branding.js, docs/NGO.md); neutral in the standard build.
const BRANDING = globalThis.RedflagBranding || {};
// An NGO's bundles always build from their documents: the full module.
const NGO = Array.isArray(BRANDING.bundles) && BRANDING.bundles.length > 0;

// When this worker (or event page) started: lets tests and the popup tell a restart happened.
const STARTED_AT = Date.now();
let enginePromise = null; // Promise<{engine, info, support: Map}>
let wasmReady = null;
let leanReady = null;

// The full module.
function wasmInit() {
  if (!wasmReady) {
    wasmReady = init({ module_or_path: api.runtime.getURL('engine/redflag_bg.wasm') });
  }
  return wasmReady;
}

// The lean module (Engine.fromTables only).
function leanInit() {
  if (!leanReady) {
    leanReady = initLean({ module_or_path: api.runtime.getURL('engine/redflag_lean_bg.wasm') });
  }
  return leanReady;
}

let defaultDocText = null;
async function defaultDocument() {
  if (defaultDocText == null) {
    const res = await fetch(api.runtime.getURL('bundles/default.json'));
    defaultDocText = await res.text();
  }
  return defaultDocText;
}

// The engine's prebuilt tables for the default document (written by `redflag compile
// --tables`): with them the engine only reads what it would otherwise derive. With the
// shipped bundle alone the engine comes from them alone (`Engine.fromTables`, the document is
// not read before the first answer; checkTables confirms afterwards that they were made for
// it); otherwise `new Engine` uses them only for exactly that one document. Refused tables
// (another engine, a damaged file) or none mean building from the document: a cache, never
// needed.
let defaultTablesPromise = null;
function defaultTables() {
  if (!defaultTablesPromise) {
    defaultTablesPromise = fetch(api.runtime.getURL('bundles/default.tables'))
      .then((r) => (r.ok ? r.arrayBuffer() : null))
      .then((b) => (b ? new Uint8Array(b) : null))
      .catch(() => null);
  }
  return defaultTablesPromise;
}

// The publishers' public keys, pinned in the package (src/trusted-keys.json). Nothing else
// can add a key: not a page, not a bundle, not storage.
let trustedKeysPromise = null;
function trustedKeys() {
  if (!trustedKeysPromise) {
    trustedKeysPromise = fetch(api.runtime.getURL('src/trusted-keys.json'))
      .then((r) => r.json())
      .then((j) => (Array.isArray(j && j.keys) ? j.keys : [])
        .map((k) => (typeof k === 'string' ? k : k && k.key))
        .filter((k) => typeof k === 'string' && /^[0-9a-f]{64}$/i.test(k)))
      .catch(() => []);
  }
  return trustedKeysPromise;
}

// A bundle file as the person chose it: a signed envelope (checked against the pinned keys;
// throws when tampered with or signed by an unknown key) or a plain, unverified document.
async function openFile(text) {
  await wasmInit();
  const o = openBundle(String(text), await trustedKeys());
  return { document: o.document, signed: o.signed === true, key: o.key || null };
}

// Stored imports keep the file as imported (`text`); imports made before signing existed
// kept only the document (`json`) and count as unverified.
function storedText(rec) {
  return typeof rec.text === 'string' ? rec.text : String(rec.json || '');
}

// The NGO bundles of a branded build (files under bundles/, listed in src/branding.js): each
// must be signed by a pinned key, like a verified import. One that does not open is left out
// and reported; the default bundle keeps working.
let brandedPromise = null;
function brandedBundles() {
  if (!brandedPromise) {
    brandedPromise = (async () => {
      const docs = [];
      const problems = [];
      for (const file of Array.isArray(BRANDING.bundles) ? BRANDING.bundles : []) {
        try {
          const text = await (await fetch(api.runtime.getURL(file))).text();
          const o = await openFile(text);
          if (!o.signed) throw new Error('not signed: a bundle shipped in a branded package must be signed by a pinned key');
          docs.push({ name: file, document: o.document });
        } catch (err) {
          problems.push(`${file}: ${errorText(err)}`);
        }
      }
      return { docs, problems };
    })();
  }
  return brandedPromise;
}

// The branding's support entries first (in its order), then the engine's order.
function brandedFirst(entries) {
  const first = Array.isArray(BRANDING.supportFirst) ? BRANDING.supportFirst : [];
  if (!first.length) return entries;
  const rank = (e) => (first.includes(e.id) ? first.indexOf(e.id) : first.length);
  return entries.map((e, i) => [e, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([e]) => e);
}

async function loadImported() {
  const { imported = [] } = await api.storage.local.get('imported');
  return Array.isArray(imported) ? imported : [];
}

// What the engine is built from, as a key for the engine host: the shipped bundle alone, or a
// hash of the stored import files (and the NGO's bundle list): a restarted worker asks the
// host for the engine of this key. The package's own files cannot change while the host is
// open (an update or reload of the extension closes it).
async function engineKey(imported) {
  if (!imported.length && !NGO) return 'shipped';
  const text = JSON.stringify([NGO ? BRANDING.bundles : [], imported.map((r) => [String(r.name), storedText(r)])]);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `documents:${[...hash].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// Builds the engine from the shipped bundle plus the stored imports: in the engine host when
// there is one (or takes the one it holds for the same imports), here otherwise. Every stored
// file is opened again (signature re-checked): one that no longer opens is left out and
// reported, the others still apply. Throws if the set does not build. `commit: false` (an
// import waiting for the person's answer) leaves the host's engine in use as it is; `extra`
// problems and statuses are kept with the engine (a restarted worker shows them too).
async function buildEngine(imported, useTables = true, started = performance.now(), { commit = true, extra = null } = {}) {
  let hostError = host.refusedBecause();
  if (host.available()) {
    try {
      return await buildInHost(imported, useTables, started, commit, extra);
    } catch (err) {
      if (!(err instanceof host.HostUnavailable)) throw err;
      hostError = errorText(err);
    }
  }
  const built = await buildHere(imported, useTables, started);
  withExtra(built, extra);
  built.timings.host = 'none';
  if (hostError) built.timings.host_error = hostError;
  return built;
}

function withExtra(built, extra) {
  if (!extra) return built;
  built.problems.push(...(extra.problems || []));
  Object.assign(built.status, extra.status || {});
  return built;
}

// The host's build started while this worker built its own (below): settled, never rejected.
let hostBuilding = Promise.resolve();

// The engine in the host (host-client.js). Held for `key`: nothing is built, the answer
// carries what the worker keeps of it. Otherwise the host is opened if needed and builds it:
// from the shipped tables itself (it reads the package's files), or from the documents opened
// and merged here (the signatures are checked in this worker, as without a host).
async function buildInHost(imported, useTables, started, commit, extra) {
  const timings = { asked_at: Math.round(started) };
  const key = await engineKey(imported);
  if (useTables) {
    const t0 = performance.now();
    // null: no host yet. A message nobody receives can take 100 ms and more to fail at the
    // browser's start; the browser's list of open documents says so sooner.
    let held = null;
    if (!noHostYet) {
      const asked = host.send('hold', { key, commit }).catch(() => null);
      const absent = host.isOpen().then((open) => (open ? asked : null), () => asked);
      held = await Promise.race([asked, absent]);
      timings.host_asked = Math.round(performance.now() - t0); // the question's round trip
    }
    if (held && held.held) {
      timings.host = 'held';
      timings.module = held.module;
      const built = fromHost(held, key, started, timings);
      if (held.module === 'lean' && !held.tablesChecked) checkTables(built);
      return built;
    }
    if (!held && commit && !imported.length && !NGO) {
      // No host yet (the worker's first start in this browser session, or the host was
      // closed): opening one costs 100-250 ms before it can build, so this worker builds its
      // own engine at once, as without a host; then the host opens and builds the same one
      // for the next restarts (after this build: not competing with it for the cores).
      const meta = withExtra({ status: {}, problems: [] }, extra);
      const here = buildHere(imported, useTables, started);
      hostBuilding = here.then(() => host.ensure())
        .then(() => { noHostYet = false; return host.send('build', { key, commit: true, meta, from: 'shipped', useTables }); })
        .then(() => {}, () => {});
      const built = withExtra(await here, extra);
      built.timings.host = 'opening';
      if (timings.host_asked != null) built.timings.host_asked = timings.host_asked;
      return built;
    }
  }
  timings.host_open = await host.ensure();
  noHostYet = false;
  timings.host = 'built';
  const meta = { status: {}, problems: [] };
  const ask = async (args) => {
    withExtra(meta, extra);
    await hostBuilding; // a later build must not be replaced by that one
    const res = await host.send('build', { key, commit, meta, ...args });
    if (!res.ok) throw new Error(res.error);
    Object.assign(timings, res.timings);
    return fromHost(res, key, started, timings);
  };
  if (!imported.length && !NGO) {
    const built = await ask({ from: 'shipped', useTables });
    if (timings.module === 'lean') checkTables(built);
    return built;
  }
  const t0 = performance.now();
  await wasmInit();
  timings.worker_wasm = Math.round(performance.now() - t0);
  const { docs, names, status, problems, branded } = await openImports(imported);
  Object.assign(meta.status, status);
  meta.problems.push(...problems);
  const defaultText = await defaultDocument();
  const merged = (ngo) => mergeBundles(defaultText, [...ngo.map((b) => mergeBundles(b.document, docs)[0]), ...docs]);
  const namesOf = (ngo) => ['default bundle', ...ngo.map((b) => b.name), ...names];
  try {
    return await ask({ from: 'documents', texts: merged(branded.docs), names: namesOf(branded.docs) });
  } catch (err) {
    if (!branded.docs.length || err instanceof host.HostUnavailable) throw err;
    // a bad NGO bundle never takes the default down
    meta.problems.push(`${branded.docs.map((b) => b.name).join(', ')}: ${errorText(err)}`);
    return ask({ from: 'documents', texts: merged([]), names: namesOf([]) });
  }
}

// What the worker keeps of an engine the host holds (its summary, the support directory),
// as finishBuild keeps of one built here.
function fromHost(res, key, started, timings) {
  const meta = res.meta || { status: {}, problems: [] };
  timings.prebuilt_tables = !!(res.info && res.info.prebuilt === true);
  if (res.holds != null) timings.host_holds = res.holds;
  if (res.wasmBytes) timings.host_wasm_mb = Math.round(res.wasmBytes / 1e5) / 10;
  return {
    engine: new host.HostEngine(key),
    info: res.info,
    support: supportMap(res.supportJson),
    builtMs: Math.round(performance.now() - started),
    timings,
    status: { ...meta.status },
    problems: [...meta.problems],
  };
}

// The stored imports opened again (signatures checked against the pinned keys), and the NGO's
// bundles of a branded build.
async function openImports(imported) {
  const docs = [];
  const names = [];
  const status = {};
  const problems = [];
  for (const rec of imported) {
    try {
      const o = await openFile(storedText(rec));
      docs.push(o.document);
      names.push(rec.name);
      status[rec.name] = o.signed ? 'verified' : 'unverified';
    } catch (err) {
      status[rec.name] = 'refused';
      problems.push(`${rec.name}: ${errorText(err)}`);
    }
  }
  // Branded NGO bundles sit between the default and the imports (an import with the same
  // bundle or support id replaces theirs, as it replaces the default's: the engine's rule,
  // mergeBundles in src/wasm.rs).
  const branded = await brandedBundles();
  problems.push(...branded.problems);
  return { docs, names, status, problems, branded };
}

// The engine built in this worker (no host).
async function buildHere(imported, useTables = true, started = performance.now()) {
  // When the engine was asked for, in ms since this worker's scripts started (the origin of
  // `performance.now()` in a worker): with `builtMs`, how long after its own start a restarted
  // worker answers.
  const timings = { asked_at: Math.round(started) };
  const lap = (name, t0) => { timings[name] = Math.round(performance.now() - t0); };
  // The module compiles while the shipped bundle is read (each part timed from `started`).
  let t0 = started;
  // Each part's own time too (they overlap): which of them the wait is.
  const part = (name, p) => p.then((v) => { lap(name, t0); return v; });
  // The shipped bundle alone (no import, no NGO bundle): one file to read, nothing to parse,
  // and the lean module. Anything refused on the way (the tables, the lean module) means the
  // full module and the document, as before.
  if (useTables && !imported.length && !NGO) {
    const [lean, tables] = await Promise.all([
      part('wasm', leanInit().then(() => true, (err) => { timings.lean_refused = errorText(err); return false; })),
      part('tables_file', defaultTables()),
    ]);
    lap('wasm_and_bundle_file', t0);
    t0 = performance.now();
    let engine = null;
    try {
      if (tables && lean) engine = LeanEngine.fromTables(tables);
    } catch (err) {
      timings.tables_refused = errorText(err);
    }
    if (engine) {
      lap('new_engine', t0);
      timings.module = 'lean';
      defaultTablesPromise = null; // copied into the engine: not kept twice
      const built = finishBuild(engine, started, timings, {}, []);
      checkTables(built);
      return built;
    }
  }
  const [, , tables] = await Promise.all([
    part('wasm', wasmInit()), part('document_file', defaultDocument()), part('tables_file', defaultTables()),
  ]);
  lap('wasm_and_bundle_file', t0);
  timings.module = 'full';
  const { docs, names, status, problems, branded } = await openImports(imported);
  const defaultText = await defaultDocument();
  // (the tables serve the default document alone; with other documents the engine builds)
  const build = (ngo) => new Engine(
    mergeBundles(defaultText, [...ngo.map((b) => mergeBundles(b.document, docs)[0]), ...docs]),
    ['default bundle', ...ngo.map((b) => b.name), ...names],
    ngo.length || docs.length || !useTables ? undefined : tables || undefined,
  );
  let engine;
  t0 = performance.now();
  try {
    engine = build(branded.docs);
  } catch (err) {
    if (!branded.docs.length) throw err;
    engine = build([]); // a bad NGO bundle never takes the default down
    problems.push(`${branded.docs.map((b) => b.name).join(', ')}: ${errorText(err)}`);
  }
  lap('new_engine', t0);
  return finishBuild(engine, started, timings, status, problems);
}

// What the worker keeps of a built engine: its summary and the support directory as banners
// show it.
function finishBuild(engine, started, timings, status, problems) {
  const t0 = performance.now();
  const info = engine.info();
  const support = supportMap(engine.supportDirectoryJson());
  timings.info_and_support = Math.round(performance.now() - t0);
  timings.prebuilt_tables = info.prebuilt === true;
  const ms = Math.round(performance.now() - started);
  return { engine, info, support, builtMs: ms, timings, status, problems };
}

// What a banner shows of each support entry, nothing more: every verdict with risk signs
// carries its entries across the message border, and a risk-heavy feed has hundreds of them.
// (as JSON text: one string across the border instead of an object built field by field)
function supportMap(json) {
  const support = new Map();
  for (const e of JSON.parse(json)) {
    support.set(e.id, { id: e.id, region: e.region, name: e.name, phone: e.phone, sms: e.sms, web: e.web, hours: e.hours, helps: e.helps });
  }
  return support;
}

// An engine made from the tables alone answers at once; then the shipped document is read and
// the engine asked whether the tables were made for exactly it (they come out of one `redflag
// compile`). If not (a package whose default.json was replaced without its tables), the
// engine is built again from the document and replaces this one, and the popup says so.
function checkTables(built) {
  setTimeout(async () => {
    try {
      // (the engine host reads the document itself)
      if (built.engine instanceof host.HostEngine ? await built.engine.madeFor() : built.engine.madeFor(await defaultDocument())) return;
    } catch (_) {
      return; // no document to build from: the tables are all there is
    }
    const before = enginePromise;
    let rebuilt;
    try {
      rebuilt = await buildEngine([], false, performance.now(), {
        extra: { problems: ['bundles/default.tables was made for another bundles/default.json: the engine was built from the document'] },
      });
    } catch (_) {
      return;
    }
    // unless an import or a reset replaced the engine meanwhile
    if (enginePromise === before && before && (await before) === built) enginePromise = Promise.resolve(rebuilt);
  }, 200);
}

// The module and the tables this worker would build its own engine from (each fetched once).
function prefetch() {
  (NGO ? wasmInit() : leanInit()).catch(() => {});
  defaultTables();
}

// Whether this worker was started by the browser's start (runtime.onStartup) or an install or
// update (runtime.onInstalled: an update of the extension closes its documents, one of the
// browser restarts it): then no engine host is open, and asking one (or asking the browser
// whether one is open: 3-150 ms while the browser starts) only delays the worker's own build.
// Both events arrive right after this script ran, before any answer to the warm-up's questions.
let noHostYet = false;
function startedWithoutHost() {
  if (noHostYet || !host.available()) return;
  noHostYet = true;
  prefetch();
}

// Fails safe: if the imports no longer build (an engine update, edited storage), the shipped
// bundle alone is used and the problem is shown in the popup and the options page.
function getEngine() {
  if (!enginePromise) {
    // The module and the shipped tables are fetched while storage says whether there are
    // imports (nearly always none: the lean module); the build's time counts from here.
    // (With the engine host, only when it is not open: an open one may hold the engine.)
    const asked = performance.now();
    if (!host.available() || noHostYet) prefetch();
    else host.isOpen().then((open) => { if (!open) prefetch(); }, () => {});
    enginePromise = loadImported()
      .then((imported) => buildEngine(imported, true, asked).catch(async (err) => {
        if (!imported.length) throw err;
        return buildEngine([], true, performance.now(), {
          extra: { problems: [errorText(err)], status: Object.fromEntries(imported.map((rec) => [rec.name, 'refused'])) },
        });
      }))
      .catch((err) => {
        enginePromise = null;
        throw err;
      });
  }
  return enginePromise;
}

// `askedRegion`: the check page (src/check/) lets the person pick the region for help links;
// anything but a known region code means the settings' region. A region the person chose
// always wins; with none ("auto"), the engine takes it from the language of each post's
// matched phrases, and the browser's guess serves posts whose language suggests none.
// `compact` (the content script's batches): each verdict carries only what a banner shows —
// the evidence phrases once each (at most ten, as banner.js lists them) without offsets, the
// families of the signs that lower the risk, its support entries as positions in the
// answer's `support` list, which carries each entry once. A risk-heavy feed's answers were
// ~1.2 KB per verdict, most of it the same five entries repeated; the page's main thread
// parses them.
async function classify(texts, sender, askedRegion, compact = false) {
  const current = getEngine();
  let [{ engine, support: directory }, settings] = await Promise.all([current, loadSettings(api)]);
  const chosen = I18n.REGIONS.includes(askedRegion) ? askedRegion
    : settings.region !== 'auto' ? settings.region : undefined;
  const guess = resolveRegion(settings);
  const region = chosen || guess;
  const fallback = chosen || guess === 'intl' ? undefined : guess;
  let verdicts;
  try {
    verdicts = await engine.classifyBatch(texts, chosen, fallback);
  } catch (err) {
    if (!(err instanceof host.HostUnavailable)) throw err;
    // The engine host was closed or lost the engine: built again (in a new host, or here).
    if (enginePromise === current) enginePromise = null;
    ({ engine, support: directory } = await getEngine());
    verdicts = await engine.classifyBatch(texts, chosen, fallback);
  }
  const choices = await loadChoices(api);
  const out = [];
  const entries = []; // compact: each support entry once
  const position = new Map(); // support id -> index in entries
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    if (!v || v.level === 'none') {
      out.push({ level: 'none' });
      continue;
    }
    const key = await choiceKey(api, texts[i]);
    if (compact) {
      const help = brandedFirst((v.support || []).map((id) => directory.get(id)).filter(Boolean));
      for (const e of help) if (!position.has(e.id)) position.set(e.id, entries.push(e) - 1);
      out.push({
        level: v.level,
        categories: v.categories || [],
        evidence: shownEvidence(v.evidence),
        dampeners: [...new Set((v.dampeners || []).map((e) => e.family))].map((family) => ({ family })),
        support: help.map((e) => position.get(e.id)),
        key,
        choice: choices[key]?.c || null,
      });
      continue;
    }
    out.push({
      level: v.level,
      score: v.score,
      categories: v.categories || [],
      evidence: (v.evidence || []).map((e) => ({ family: e.family, text: e.text, start: e.start, end: e.end })),
      dampeners: (v.dampeners || []).map((e) => ({ family: e.family, text: e.text })),
      support: brandedFirst((v.support || []).map((id) => directory.get(id)).filter(Boolean)),
      key,
      choice: choices[key]?.c || null,
    });
  }
  return compact ? { verdicts: out, region, support: entries } : { verdicts: out, region };
}

// The evidence a banner lists (banner.js, evidenceOf): each phrase with its family once, in
// the engine's order, at most ten.
function shownEvidence(evidence) {
  const out = [];
  const seen = new Set();
  for (const e of evidence || []) {
    if (!e || !e.text) continue;
    const k = `${e.text}\u0000${e.family}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ family: e.family, text: e.text });
    if (out.length >= 10) break;
  }
  return out;
}

async function state() {
  const settings = await loadSettings(api);
  const imported = await loadImported();
  let info = null;
  let error = null;
  let builtMs = null;
  let timings = null;
  let status = {};
  let problems = [];
  try {
    const e = await getEngine();
    info = e.info;
    builtMs = e.builtMs;
    timings = e.timings;
    status = e.status;
    problems = e.problems;
  } catch (err) {
    error = String(err && err.message ? err.message : err);
  }
  return {
    settings,
    region: resolveRegion(settings),
    startedAt: STARTED_AT,
    info,
    builtMs,
    timings,
    error: error || (problems.length ? problems.join('\n') : null),
    imported: imported.map((i) => ({
      name: i.name,
      bundles: i.bundles,
      importedAt: i.importedAt,
      status: status[i.name] || (i.signed ? 'verified' : 'unverified'),
      key: i.key || null,
    })),
  };
}

// `text` is the file as chosen: a signed envelope or a plain document. An unsigned one is
// imported only with `confirmed` (the person said yes after being told it is unverified).
// Nothing is stored unless every step passes; the engine in use is replaced only then.
async function importBundle(name, text, confirmed) {
  // 1. Signature: tampered, wrongly signed or signed by an unknown key → refused.
  let opened;
  let bundles;
  try {
    opened = await openFile(text);
    // 2. The document alone: format, limits, schema, phrases (error names file and field).
    bundles = validateBundle(opened.document, await defaultDocument());
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
  // 3. Together with what is loaded now; the new document replaces an earlier import of the
  //    same file name, and those that define a bundle or support entry with one of its ids
  //    (the engine decides: supersededImports, src/wasm.rs). An earlier import that no longer
  //    opens is kept as it is (the build reports it as refused).
  const previous = (await loadImported()).filter((i) => i.name !== name);
  const earlier = await Promise.all(previous.map((i) => openFile(storedText(i)).then((o) => o.document, () => null)));
  const readable = previous.filter((_, k) => earlier[k] !== null);
  let gone;
  try {
    gone = new Set(supersededImports(opened.document, earlier.filter((d) => d !== null)).map((k) => readable[k]));
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
  const kept = previous.filter((i) => !gone.has(i));
  const next = [...kept, { name, text: String(text), signed: opened.signed, key: opened.key, bundles, importedAt: Date.now() }];
  let built;
  try {
    built = await buildEngine(next, true, performance.now(), { commit: false });
    if (built.status[name] !== (opened.signed ? 'verified' : 'unverified')) throw new Error(built.problems.join('\n'));
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
  // 4. Only a file that would work is worth a question; nothing changes until the answer.
  if (!opened.signed && !confirmed) return { ok: false, needsConfirm: true, signed: false, bundles };
  await api.storage.local.set({ imported: next });
  await commitBuilt(built);
  enginePromise = Promise.resolve(built);
  return { ok: true, bundles, signed: opened.signed, key: opened.key };
}

async function removeBundle(name) {
  const previous = await loadImported();
  const next = previous.filter((i) => i.name !== name);
  let built;
  try {
    built = await buildEngine(next, true, performance.now(), { commit: false });
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
  await api.storage.local.set({ imported: next });
  await commitBuilt(built);
  enginePromise = Promise.resolve(built);
  return { ok: true };
}

// The engine host keeps an import's engine apart until it is stored; then it replaces the
// one in use there (the old key's engine is freed). A host that went away meanwhile: the next
// classification builds again.
async function commitBuilt(built) {
  if (built.engine instanceof host.HostEngine) await built.engine.commit().catch(() => {});
}

function errorText(err) {
  if (err == null) return 'unknown error';
  if (typeof err === 'string') return err;
  if (err.message) return err.message;
  try { return JSON.stringify(err); } catch (_) { return String(err); }
}

// What content scripts may ask (they run inside web pages): classify a batch, remember a
// choice by its fingerprint. Everything else (settings, imports, state, forgetting) only
// from the extension's own pages.
const handlers = {
  classify: (msg, sender) => classify(Array.isArray(msg.texts) ? msg.texts.slice(0, 200).map(String) : [], sender, msg.region, msg.compact === true),
  choice: async (msg) => {
    await setChoice(api, String(msg.key || ''), msg.choice || null);
    return { ok: true };
  },
  ping: () => ({ ok: true }),
};
const pageHandlers = {
  state: () => state(),
  'set-settings': async (msg) => ({ settings: await saveSettings(api, msg.patch || {}) }),
  'forget-choices': async () => {
    await forgetChoices(api);
    return { ok: true };
  },
  'forget-everything': async () => {
    await forgetEverything(api);
    enginePromise = null;
    await getEngine().catch(() => {});
    return { ok: true };
  },
  'import-bundle': (msg) => importBundle(String(msg.name || 'bundle.json'), String(msg.text ?? msg.json ?? ''), msg.confirmed === true),
  'remove-bundle': (msg) => removeBundle(String(msg.name || '')),
};

// A sender is one of our pages when it is this extension and its URL is inside the package
// (content scripts report the web page's URL).
function fromExtensionPage(sender) {
  const base = api.runtime.getURL('');
  return !!sender && sender.id === api.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(base);
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== 'string') return false;
  let handler = Object.hasOwn(handlers, msg.type) ? handlers[msg.type] : null;
  if (!handler && Object.hasOwn(pageHandlers, msg.type)) {
    if (!fromExtensionPage(sender)) {
      sendResponse({ ok: false, error: 'not allowed' });
      return false;
    }
    handler = pageHandlers[msg.type];
  }
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(msg, sender))
    .then((result) => sendResponse(result), (err) => sendResponse({ ok: false, error: errorText(err) }));
  return true; // async response
});

// The content script's batches to classify also come over a port (content.js, CLASSIFY_PORT:
// cheaper for the page than a sendMessage per batch): the same handler and answers, each
// answer carrying the id of its batch.
api.runtime.onConnect.addListener((port) => {
  if (port.name !== 'redflag-classify') return;
  port.onMessage.addListener((m) => {
    if (!m || typeof m.id !== 'number' || !m.msg || m.msg.type !== 'classify') return;
    Promise.resolve()
      .then(() => handlers.classify(m.msg, port.sender))
      .then((res) => res, (err) => ({ ok: false, error: errorText(err) }))
      .then((res) => {
        try { port.postMessage({ id: m.id, res }); } catch (_) { /* the page is gone */ }
      });
  });
});

// (Chromium only: Firefox's event page is not started at the browser's start for nothing.)
if (host.available()) api.runtime.onStartup.addListener(startedWithoutHost);

api.runtime.onInstalled.addListener(async () => {
  startedWithoutHost();
  const { settings } = await api.storage.local.get('settings');
  if (!settings) await api.storage.local.set({ settings: { ...DEFAULT_SETTINGS } });
});

// Warm up on start so the first batch after a restart does not wait for the WASM compile.
getEngine().catch(() => {});

