// Serves the benchmark pages on 127.0.0.1 (random port), cross-origin isolated (COOP/COEP) so
// that performance.now() has 5 µs resolution instead of 100 µs:
//   /bench/*      bench/fixtures/*
//   /engine/*     dist/chromium/engine/* (the WASM build the extension ships)
//   /bundle.json  dist/chromium/bundles/default.json
//   /data/NAME    JSON documents handed in by the runner (texts, feed posts)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' };

export async function startBenchServer(data = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const headers = {
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    };
    let file = null;
    if (path.startsWith('/data/')) {
      const body = data[path.slice(6)];
      if (body === undefined) { res.writeHead(404, headers).end(); return; }
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(body);
      return;
    }
    if (path.startsWith('/bench/')) file = join(ROOT, 'bench/fixtures', path.slice(7));
    else if (path.startsWith('/engine/')) file = join(ROOT, 'dist/chromium/engine', path.slice(8));
    else if (path === '/bundle.json') file = join(ROOT, 'dist/chromium/bundles/default.json');
    if (!file || normalize(file) !== file) { res.writeHead(404, headers).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}
