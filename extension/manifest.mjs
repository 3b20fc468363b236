// The one manifest source. `manifest(browser, version)` returns the manifest for
// "chromium" or "firefox"; scripts/assemble.mjs writes it into dist/<browser>/.
export const GECKO_ID = 'redflag@redflag-extension';

const CONTENT_SCRIPTS = [
  'src/shared.js',
  'src/i18n.js',
  'src/profiles.js',
  'src/banner.js',
  'src/content.js',
];

// Nothing remote: scripts only from the package, WebAssembly allowed, no fetches but our own
// files, no frames, no objects.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "object-src 'none'",
  "base-uri 'none'",
  "connect-src 'self'",
  "img-src 'self'",
  "style-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function manifest(browser, version) {
  const icons = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' };
  const m = {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'redflag',
    description: '__MSG_extDescription__',
    version,
    default_locale: 'en',
    icons,
    action: {
      default_title: 'redflag',
      default_popup: 'src/popup/popup.html',
      default_icon: { 16: icons[16], 32: icons[32] },
    },
    options_ui: { page: 'src/options/options.html', open_in_tab: true },
    permissions: ['storage'],
    content_scripts: [
      {
        matches: ['http://*/*', 'https://*/*'],
        js: CONTENT_SCRIPTS,
        run_at: 'document_idle',
        all_frames: false,
      },
    ],
    content_security_policy: { extension_pages: CSP },
  };
  if (browser === 'chromium') {
    m.background = { service_worker: 'src/background.js', type: 'module' };
    m.minimum_chrome_version = '121';
  } else if (browser === 'firefox') {
    m.background = { scripts: ['src/background.js'], type: 'module' };
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  } else {
    throw new Error(`unknown browser ${browser}`);
  }
  return m;
}
