import { I18n, sendToBackground } from '../common.js';
import { applyI18n } from '../page-i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

function send(msg) {
  return sendToBackground(api, msg);
}

async function activeTabId() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param) return Number(param);
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

async function pageStatus(tabId) {
  if (tabId == null) return null;
  try {
    return await api.tabs.sendMessage(tabId, { type: 'page-status' });
  } catch (_) {
    return null; // no content script here (browser pages, the store, file: URLs)
  }
}

// The page's count, then each cross-origin frame's as it answers (content.js): a port opened
// to a tab without a frame id reaches every frame. Frames answer within milliseconds; the
// count shown is the page's until then. A later render (settings changed) starts over.
let counting = null;
function showCount(lang, tabId, pageCount) {
  if (counting) { try { counting.disconnect(); } catch (_) { /* gone */ } }
  let n = pageCount;
  const show = () => { $('count').textContent = I18n.t(lang, 'pageCount', { n }); };
  show();
  let port;
  try {
    port = api.tabs.connect(tabId, { name: globalThis.RedflagShared.FRAME_COUNT_PORT });
  } catch (_) {
    return; // the tab went away
  }
  counting = port;
  port.onMessage.addListener((m) => {
    if (counting !== port || !m || !Number.isFinite(m.count) || m.count <= 0) return;
    n += Math.floor(m.count);
    show();
  });
  port.onDisconnect.addListener(() => { if (api.runtime.lastError) { /* no frame listens */ } });
}

async function render() {
  const state = await send({ type: 'state' });
  const { settings } = state;
  const lang = I18n.resolveLang(settings.lang);
  applyI18n(lang);
  // An NGO's branded build: "<NGO name> — redflag" (src/branding.js).
  const brandName = globalThis.RedflagBranding && globalThis.RedflagBranding.name;
  const title = document.querySelector('[data-i18n="popupTitle"]');
  if (brandName && title) {
    title.textContent = `${brandName} — ${title.textContent}`;
    title.dataset.brand = brandName;
    document.title = title.textContent;
  }

  $('sensitivity').value = settings.sensitivity;

  const region = $('region');
  region.textContent = '';
  const guessed = I18n.guessRegion(I18n.browserLangs());
  const auto = document.createElement('option');
  auto.value = 'auto';
  auto.textContent = I18n.t(lang, 'region_auto');
  region.appendChild(auto);
  for (const code of I18n.REGIONS) {
    const o = document.createElement('option');
    o.value = code;
    o.textContent = I18n.regionName(lang, code);
    region.appendChild(o);
  }
  region.value = settings.region;
  // What "Automatic" does, in plain words (and the region the browser suggests for the rest).
  $('region-hint').textContent = I18n.t(lang, 'regionHint', { region: I18n.regionName(lang, guessed) });
  $('region-hint').hidden = settings.region !== 'auto';

  // The rule bundles are listed in the settings; here only a word when some rules in use come
  // from a file nobody vouched for.
  $('unverified-note').hidden = !(state.imported || []).some((imp) => imp.status !== 'verified');
  $('engine-error').textContent = state.error || '';

  const tabId = await activeTabId();
  const status = await pageStatus(tabId);
  if (!status) {
    $('unavailable').hidden = false;
    $('site').hidden = true;
    return;
  }
  $('unavailable').hidden = true;
  $('site').hidden = false;
  $('host').textContent = status.host;
  $('site-on').checked = !settings.disabledSites.includes(status.host);
  $('site-on').dataset.host = status.host;
  showCount(lang, tabId, Number(status.count) || 0);
  // The site's profile found nothing it knows: the page is read in general (content.js).
  $('fallback').hidden = !status.fallback;
}

async function update(patch) {
  await send({ type: 'set-settings', patch });
  // Give the page a moment to re-render before counting again.
  setTimeout(render, 400);
}

$('sensitivity').addEventListener('change', (e) => update({ sensitivity: e.target.value }));
$('region').addEventListener('change', (e) => update({ region: e.target.value }));
$('site-on').addEventListener('change', async (e) => {
  const host = e.target.dataset.host;
  const { settings } = await send({ type: 'state' });
  const set = new Set(settings.disabledSites);
  if (e.target.checked) set.delete(host); else set.add(host);
  update({ disabledSites: [...set] });
});
$('options').addEventListener('click', (e) => {
  e.preventDefault();
  api.runtime.openOptionsPage();
  window.close();
});

render();
