// redflag engine host, the service worker's side (Chromium only): opens the offscreen document
// that keeps the built engine across the worker's restarts (engine-host.js says why it
// exists), and talks to it. background.js uses it when `available()`; without
// chrome.offscreen (Firefox: its event page has no such API), or when the document cannot be
// opened, the worker builds and keeps its own engine as before.
//
// Messages go over runtime.sendMessage with `to: TARGET`; the host answers only this worker.
const api = globalThis.chrome;
const TARGET = 'redflag-engine-host';
const PAGE = 'src/engine-host.html';

// A failure of the host itself (closed, never opened, no answer, refused by the browser), as
// opposed to an engine that does not build: the caller builds here instead.
export class HostUnavailable extends Error {}

let refused = null; // why the browser would not open the document: not asked again

export function available() {
  return !refused && !!(api && api.offscreen && typeof api.offscreen.createDocument === 'function' && api.runtime.getContexts);
}

export function refusedBecause() {
  return refused;
}

// Sends `op` to the host; an answer with `ok: false` is the host's (an engine that does not
// build, an unknown key) and is returned as it is.
export async function send(op, args = {}) {
  let res;
  try {
    res = await api.runtime.sendMessage({ to: TARGET, op, ...args });
  } catch (err) {
    throw new HostUnavailable(`engine host: ${err && err.message ? err.message : err}`);
  }
  if (!res || typeof res !== 'object') throw new HostUnavailable('engine host: no answer');
  return res;
}

// Whether the document is open (one question to the browser).
export async function isOpen() {
  const open = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [api.runtime.getURL(PAGE)] });
  return open.length > 0;
}

// Opens the document unless it is open. Returns how long that took (0 when it was open).
// Calls made while one is under way share it.
// `WORKERS`: the document exists to run the engine in a dedicated worker it starts
// (engine-worker.js); none of Chrome's other reasons applies. No other reason keeps it open
// for less: only AUDIO_PLAYBACK documents are closed by the browser (after 30 s of silence).
let ensuring = null;
export function ensure() {
  if (!ensuring) ensuring = open().finally(() => { ensuring = null; });
  return ensuring;
}

async function open() {
  const t0 = performance.now();
  if (await isOpen()) return 0;
  try {
    await api.offscreen.createDocument({
      url: PAGE,
      reasons: ['WORKERS'],
      justification: 'Keeps the warning engine built in a worker, so that it is ready at once when the service worker restarts.',
    });
  } catch (err) {
    // Another context opened it meanwhile ("only a single offscreen document"): fine.
    if (!(await isOpen())) {
      refused = err && err.message ? err.message : String(err);
      throw new HostUnavailable(`engine host: ${refused}`);
    }
  }
  return Math.round(performance.now() - t0);
}

// The engine the host holds under `key`, as background.js uses an engine: each call is a
// message. A host that lost it (closed, restarted) throws HostUnavailable.
export class HostEngine {
  constructor(key) {
    this.key = key;
  }

  async classifyBatch(texts, region, fallback) {
    const res = await send('classify', { key: this.key, texts, region: region ?? null, fallback: fallback ?? null });
    if (!res.ok) throw new HostUnavailable(res.error);
    return res.verdicts;
  }

  // Whether the held engine's tables were made for the shipped document (the host reads it).
  async madeFor() {
    const res = await send('madeFor', { key: this.key });
    if (!res.ok) throw new HostUnavailable(res.error);
    return res.madeFor;
  }

  async commit() {
    await send('commit', { key: this.key });
  }
}
