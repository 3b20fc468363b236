// Helpers for the background, the popup and the options page (ES module).
import './shared.js';
import './i18n.js';

const { DEFAULT_SETTINGS, LEVELS } = globalThis.RedflagShared;
const I18n = globalThis.RedflagI18n;
export { DEFAULT_SETTINGS, LEVELS, I18n };

export async function loadSettings(api) {
  const { settings } = await api.storage.local.get('settings');
  return normalizeSettings(settings);
}

export function normalizeSettings(s) {
  const out = { ...DEFAULT_SETTINGS, ...(s && typeof s === 'object' ? s : {}) };
  if (!LEVELS.includes(out.sensitivity) || out.sensitivity === 'none') out.sensitivity = DEFAULT_SETTINGS.sensitivity;
  if (out.region !== 'auto' && !I18n.REGIONS.includes(out.region)) out.region = 'auto';
  if (out.lang !== 'auto' && !I18n.LANGS.includes(out.lang)) out.lang = 'auto';
  out.disabledSites = Array.isArray(out.disabledSites) ? out.disabledSites.filter((h) => typeof h === 'string') : [];
  return out;
}

export async function saveSettings(api, patch) {
  const current = await loadSettings(api);
  const next = normalizeSettings({ ...current, ...patch });
  await api.storage.local.set({ settings: next });
  return next;
}

export function resolveRegion(settings) {
  if (settings.region && settings.region !== 'auto') return settings.region;
  return I18n.guessRegion(I18n.browserLangs());
}

// "Not a concern" / "Hide" are remembered per post as a salted SHA-256 of its text: the
// text itself is never stored, and the salt (random, local) keeps the fingerprints from
// being compared with anyone else's.
let saltPromise = null;
async function salt(api) {
  if (!saltPromise) {
    saltPromise = (async () => {
      const { salt: stored } = await api.storage.local.get('salt');
      if (typeof stored === 'string' && stored.length >= 32) return stored;
      const bytes = crypto.getRandomValues(new Uint8Array(24));
      const fresh = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      await api.storage.local.set({ salt: fresh });
      return fresh;
    })();
  }
  return saltPromise;
}

export function normalizeForKey(text) {
  return String(text).replace(/\s+/g, ' ').trim();
}

export async function choiceKey(api, text) {
  const data = new TextEncoder().encode(`${await salt(api)}\u0000${normalizeForKey(text)}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

const MAX_CHOICES = 5000;
export async function loadChoices(api) {
  const { choices } = await api.storage.local.get('choices');
  return choices && typeof choices === 'object' ? choices : {};
}

export async function setChoice(api, key, choice) {
  if (!/^[0-9a-f]{32}$/.test(key)) throw new Error('bad key');
  const choices = await loadChoices(api);
  if (choice === 'dismissed' || choice === 'hidden') choices[key] = { c: choice, t: Date.now() };
  else delete choices[key];
  const keys = Object.keys(choices);
  if (keys.length > MAX_CHOICES) {
    keys.sort((a, b) => choices[a].t - choices[b].t);
    for (const k of keys.slice(0, keys.length - MAX_CHOICES)) delete choices[k];
  }
  await api.storage.local.set({ choices });
}

export async function forgetChoices(api) {
  await api.storage.local.set({ choices: {} });
}

// "Forget everything": settings, imported bundles, choices and the salt. storage.local is
// all redflag keeps (no cookies, no IndexedDB, no session storage), so clearing it is all.
export async function forgetEverything(api) {
  saltPromise = null;
  await api.storage.local.clear();
  saltPromise = null;
}

// The engine refuses a set where two documents define the same bundle or support id. An
// imported document is an update: its bundles and support entries replace the shipped ones
// with the same ids. Returns the documents to hand to `new Engine(...)`, default first.
export function mergeDocuments(defaultJson, importedJsons) {
  const imports = importedJsons.map((j) => JSON.parse(j));
  const bundleIds = new Set();
  const supportIds = new Set();
  for (const doc of imports) {
    for (const b of doc.bundles || []) if (b && b.bundle && b.bundle.id) bundleIds.add(b.bundle.id);
    for (const s of doc.support || []) if (s && s.id) supportIds.add(s.id);
  }
  if (bundleIds.size === 0 && supportIds.size === 0) return [defaultJson, ...importedJsons];
  const base = JSON.parse(defaultJson);
  base.bundles = (base.bundles || []).filter((b) => !bundleIds.has(b.bundle && b.bundle.id));
  base.support = (base.support || []).filter((s) => !supportIds.has(s.id));
  return [JSON.stringify(base), ...importedJsons];
}

// Messages from the extension's pages to the background. A Firefox event page or a Chromium
// service worker that is being stopped at the moment a message arrives answers "Receiving end
// does not exist"; the next attempt wakes it. Retried a few times with a short pause.
export async function sendToBackground(api, msg, tries = 4) {
  for (let i = 1; ; i++) {
    try {
      const res = await api.runtime.sendMessage(msg);
      if (res !== undefined || i >= tries) return res;
    } catch (err) {
      const lost = /Receiving end does not exist|Could not establish connection/i.test(String(err && err.message));
      if (!lost || i >= tries) throw err;
    }
    await new Promise((r) => setTimeout(r, 150 * i));
  }
}
