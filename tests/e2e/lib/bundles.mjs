// Bundle documents used by the import tests, built from the shipped default bundle.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DIST } from './common.mjs';

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
