// The engine of the standalone check site (dist/check-site, an NGO's <slug>/check-site): the
// WASM engine runs in the page itself, from the site's own files, as the extension's background
// runs it (src/background.js):
// - the shipped default bundle (bundles/default.json);
// - an NGO's branded site (scripts/ngo-build.mjs): the signed bundle files listed in
//   src/branding.js, each opened against the keys pinned in src/trusted-keys.json. One that is
//   not signed by a pinned key, or was changed, is left out and reported; the default bundle
//   keeps working. The NGO's support entries come first (branding.supportFirst), its region and
//   UI language are the page's defaults.
// Only the site's own files are read (same origin; the page's CSP has connect-src 'self').
import init, { Engine, mergeBundles, openBundle } from '../../engine/redflag.js';
import { I18n } from '../common.js';

const BRANDING = globalThis.RedflagBranding || {};

function errorText(err) {
  return err && err.message ? err.message : String(err);
}

// The branding's support entries first (in its order), then the engine's order.
export function brandedFirst(entries, first = BRANDING.supportFirst) {
  const ids = Array.isArray(first) ? first : [];
  if (!ids.length) return entries;
  const rank = (e) => (ids.includes(e.id) ? ids.indexOf(e.id) : ids.length);
  return entries.map((e, i) => [e, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([e]) => e);
}

export function siteBackend() {
  // The site's files, addressed the way the extension addresses its own (runtime.getURL; the
  // privacy check, scripts/check-privacy.sh, allows fetch of nothing else): the site's root is
  // two folders up from this script.
  const api = { runtime: { getURL: (path) => new URL(`../../${path}`, import.meta.url).href } };
  async function text(path) {
    const res = await fetch(api.runtime.getURL(path));
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.text();
  }
  async function trustedKeys() {
    try {
      const j = JSON.parse(await text('src/trusted-keys.json'));
      return (Array.isArray(j && j.keys) ? j.keys : [])
        .map((k) => (typeof k === 'string' ? k : k && k.key))
        .filter((k) => typeof k === 'string' && /^[0-9a-f]{64}$/i.test(k));
    } catch (_) {
      return [];
    }
  }

  let ready = null;
  function engine() {
    if (!ready) {
      ready = (async () => {
        const [defaultText, keys] = await Promise.all([
          init({ module_or_path: api.runtime.getURL('engine/redflag_bg.wasm') }).then(() => text('bundles/default.json')),
          trustedKeys(),
        ]);
        const problems = [];
        const ngo = [];
        for (const file of Array.isArray(BRANDING.bundles) ? BRANDING.bundles : []) {
          try {
            const o = openBundle(await text(file), keys);
            if (o.signed !== true) throw new Error('not signed: a bundle of a branded site must be signed by a pinned key');
            ngo.push({ name: file, document: o.document });
          } catch (err) {
            problems.push(`${file}: ${errorText(err)}`);
          }
        }
        let e;
        try {
          e = new Engine(mergeBundles(defaultText, ngo.map((b) => b.document)), ['default bundle', ...ngo.map((b) => b.name)]);
        } catch (err) {
          if (!ngo.length) throw err;
          e = new Engine([defaultText], ['default bundle']); // a bad NGO bundle never takes the default down
          problems.push(`${ngo.map((b) => b.name).join(', ')}: ${errorText(err)}`);
        }
        const support = new Map();
        for (const entry of e.supportDirectory()) support.set(entry.id, entry);
        const bundles = e.info().bundles || [];
        return { engine: e, support, problems, bundles: bundles.map((b) => b.id) };
      })();
      ready.catch(() => { ready = null; });
    }
    return ready;
  }

  return {
    name: 'page',
    warm: engine,
    brand: BRANDING.name || '',
    // An NGO's site: its region and language are the defaults (a link's ?lang=&region= wins).
    defaults: async () => ({ lang: BRANDING.lang || 'auto', region: BRANDING.region || 'auto' }),
    async classify(textToCheck, region) {
      const { engine: e, support } = await engine();
      // "auto": no region chosen; the engine follows the message's language, then the region
      // guessed from the browser's languages (as the extension does).
      const guess = I18n.guessRegion(I18n.browserLangs());
      const [v] = region === 'auto' || !region
        ? e.classifyBatch([textToCheck], undefined, guess === 'intl' ? undefined : guess)
        : e.classifyBatch([textToCheck], region, undefined);
      return { ...v, support: brandedFirst((v.support || []).map((id) => support.get(id)).filter(Boolean)) };
    },
  };
}
