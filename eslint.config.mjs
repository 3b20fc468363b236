// eslint for the JavaScript of the extension (extension/), the build scripts (scripts/) and the
// end-to-end tests (tests/e2e/): `make lint-js` (part of `make test-ext`).
//
// eslint and its config packages are installed with the other build and test tools in
// tests/e2e/node_modules (`make tools`), so they are resolved from there, not from the repo
// root, which has no node_modules of its own.
//
// The rules: eslint's recommended set (mistakes, not style), plus a few that keep the code
// honest: no unused variables (a leading _ marks one that is unused on purpose), no `var`,
// strict equality, no eval.
import { createRequire } from 'node:module';

const require = createRequire(new URL('./tests/e2e/package.json', import.meta.url));
const js = require('@eslint/js');
const globals = require('globals');

// Scripts that run as classic scripts (content scripts, and the service worker of the check
// site); everything else is an ES module.
const CLASSIC = [
  'extension/src/banner.js', 'extension/src/branding.js', 'extension/src/content.js',
  'extension/src/discover.js', 'extension/src/extract.js', 'extension/src/i18n.js',
  'extension/src/profiles.js', 'extension/src/retry.js', 'extension/src/shared.js',
  'scripts/check-site/sw-register.js', 'scripts/check-site/sw.js',
];

const rules = {
  'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none', varsIgnorePattern: '^_' }],
  'no-var': 'error',
  'prefer-const': ['error', { destructuring: 'all' }],
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
};

export default [
  {
    // Generated or third-party: the build output, the wasm-bindgen glue, installed packages.
    ignores: ['**/node_modules/**', 'dist/**', 'dist-ngo/**', 'target/**', 'fuzz/**', 'bench/**'],
  },
  js.configs.recommended,
  {
    files: ['extension/**/*.js', 'extension/**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions },
    },
    rules,
  },
  {
    files: ['scripts/check-site/**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.serviceworker },
    },
    rules,
  },
  {
    files: CLASSIC,
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs', 'extension/manifest.mjs'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules,
  },
  {
    // Node test files whose callbacks also run in the page (page.evaluate): both sets of
    // globals.
    files: ['tests/e2e/**/*.mjs', 'tests/e2e/fixtures/**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser, ...globals.webextensions },
    },
    rules,
  },
  {
    files: ['tests/e2e/fixtures/**/*.js'],
    languageOptions: { sourceType: 'script' },
  },
];
