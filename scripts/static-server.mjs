// A small static file server for dist/: used by scripts/serve.sh and by the end-to-end tests.
// Binds 127.0.0.1 only. Optional Content-Security-Policy header (the e2e CSP test uses it).
// Answers single-range requests (206) as static hosts and CDNs do: a split corpus reads its
// packs that way. `ranges: false` plays a host that ignores Range (the whole file, 200).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
};

export function startServer(dir, { port = 0, csp = null, ranges = true } = {}) {
  const root = path.resolve(dir);
  const cache = new Map();
  const server = http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { rel = '/'; }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    // A split corpus asks for many ranges of one large pack: each file is read once (again when
    // a rebuild changes it), not at every request.
    const read = (cb) => fs.stat(file, (e, st) => {
      if (e) return cb(e);
      const hit = cache.get(file);
      if (hit && hit.mtime === st.mtimeMs && hit.body.length === st.size) return cb(null, hit.body);
      fs.readFile(file, (err, body) => {
        if (!err) cache.set(file, { mtime: st.mtimeMs, body });
        cb(err, body);
      });
    });
    read((err, body) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' };
      if (csp) headers['content-security-policy'] = csp;
      const range = ranges && /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || '');
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
        if (start > end) {
          res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
          return;
        }
        headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
        headers['accept-ranges'] = 'bytes';
        res.writeHead(206, headers).end(body.subarray(start, end + 1));
        return;
      }
      if (ranges) headers['accept-ranges'] = 'bytes';
      res.writeHead(200, headers).end(body);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await startServer(dir, { port: Number(port) });
  console.log(`serve: Fahras is at http://127.0.0.1:${server.address().port}/  (Ctrl-C stops)`);
}
