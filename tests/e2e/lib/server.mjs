// Serves tests/e2e/fixtures on 127.0.0.1 (a random free port) and records every request.
// strict-csp.html is sent with a strict Content-Security-Policy header.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};
export const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// `root` (optional): serve that folder instead of the fixtures, `/` and folders as their
// index.html (the standalone check site, dist/check-site).
export async function startServer({ root } = {}) {
  const base = root ? `${normalize(root).replace(/\/+$/, '')}/` : FIXTURES;
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push({ method: req.method, url: req.url, at: Date.now() });
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/favicon.ico') { res.writeHead(204).end(); return; }
    let rel = path;
    if (!root && path === '/') rel = 'generic.html';
    else if (root && path.endsWith('/')) rel = `${path}index.html`;
    const file = normalize(join(base, rel));
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (path.endsWith('strict-csp.html')) headers['content-security-policy'] = STRICT_CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

// A proxy the browsers are pointed at. Loopback traffic (the fixtures) bypasses proxies, so
// anything that arrives here tried to leave the machine: it is recorded and refused.
export async function startBlackholeProxy() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push({ kind: 'http', target: req.url, host: new URL(req.url).hostname, at: Date.now() });
    res.writeHead(403, { 'content-type': 'text/plain' }).end('redflag e2e: network access refused');
  });
  server.on('connect', (req, socket) => {
    hits.push({ kind: 'connect', target: req.url, host: req.url.replace(/:\d+$/, ''), at: Date.now() });
    // the browser may reset the tunnel before it reads the refusal (ECONNRESET): that is not
    // an error of the test, and without a listener it would crash the test process
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    hits,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
