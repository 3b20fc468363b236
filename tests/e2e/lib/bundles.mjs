// Bundle documents used by the import tests, built from the shipped default bundle.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DIST, ROOT, TEST_KEY_FILE } from './common.mjs';

export function defaultDocument() {
  return JSON.parse(readFileSync(resolve(DIST, 'chromium/bundles/default.json'), 'utf8'));
}

// support id → region, to check that banners list the chosen region's entries.
export function supportRegions() {
  const out = {};
  for (const s of defaultDocument().support || []) out[s.id] = s.region;
  return out;
}

const HEADER = {
  title: 'End-to-end test bundle',
  version: '2026.11.21-e2e',
  languages: ['en'],
  licence: 'CC0-1.0',
  homepage: '',
  maintainer: 'redflag tests',
};

// A bundle that adds one signal to an existing family: "zebra tango unicorn" → danger.
// validateBundle checks a document on its own, so the imported document is a complete one
// (the shipped bundles plus this one), as `redflag compile` writes it.
export function importBundle() {
  const doc = defaultDocument();
  doc.bundles.push({
    bundle: { id: 'e2e', ...HEADER },
    signal: [{ id: 'e2e.zebra', family: 'sexual_services', floor: 'danger', phrases: ['zebra tango unicorn'] }],
  });
  return JSON.stringify(doc);
}

// Documents the options page must refuse, and what the error must say.
export function badBundles() {
  return [
    {
      name: 'unknown-family.json',
      json: JSON.stringify({
        format: 1,
        bundles: [{
          bundle: { id: 'broken', ...HEADER },
          signal: [{ id: 'broken.x', family: 'no_such_family', phrases: ['purple giraffe'] }],
        }],
      }),
      expect: /no_such_family/,
    },
    { name: 'truncated.json', json: '{"format": 1, "bundles": [{"bundle": ', expect: /JSON|line/i },
    { name: 'future.json', json: JSON.stringify({ format: 99, bundles: [] }), expect: /format/ },
  ];
}

// Signs a document with the native CLI (`redflag bundle sign`), as a publisher would.
// keyFile defaults to the test publisher (pinned in the e2e build only).
export const REDFLAG = resolve(ROOT, 'target/release/redflag');
export function signDocument(json, keyFile = TEST_KEY_FILE) {
  const dir = mkdtempSync(join(tmpdir(), 'redflag-sign-'));
  try {
    writeFileSync(join(dir, 'doc.json'), json);
    execFileSync(REDFLAG, ['bundle', 'sign', '--key', keyFile, '-o', join(dir, 'signed.json'), join(dir, 'doc.json')], { stdio: 'pipe' });
    return readFileSync(join(dir, 'signed.json'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A key pair nobody pinned (made fresh with `redflag bundle keygen`): returns the secret key file.
export function strangerKey() {
  const dir = mkdtempSync(join(tmpdir(), 'redflag-key-'));
  execFileSync(REDFLAG, ['bundle', 'keygen', join(dir, 'stranger')], { stdio: 'pipe' });
  return join(dir, 'stranger.key');
}

// Signed files the import must refuse, and what the message must say.
export function badSignedBundles() {
  const good = signDocument(importBundle());
  const env = JSON.parse(good);
  // One phrase changed inside the signed document: the signature no longer matches.
  const tampered = JSON.stringify({ ...env, document: env.document.replace('zebra tango unicorn', 'zebra tango unicorns') });
  // A valid signature, by a key that is not pinned.
  const stranger = signDocument(importBundle(), strangerKey());
  // The envelope's key swapped for the pinned one: signature no longer matches the key.
  const strangerEnv = JSON.parse(stranger);
  const swapped = JSON.stringify({ ...strangerEnv, key: env.key });
  return [
    { name: 'tampered.json', json: tampered, expect: /signature does not match/ },
    { name: 'stranger.json', json: stranger, expect: /not among the trusted/ },
    { name: 'swapped-key.json', json: swapped, expect: /signature does not match/ },
  ];
}
