// Writes <dir>/fahras.template.html: the whole explorer (JS glue, wasm, CSS, icon) in one file
// that works opened from file:// and makes no network request at all; `fahras build` writes it
// out as fahras.html with the corpus in its empty <script id="fahras-corpus"> data block.
// `node scripts/single-file.mjs [dir]`; run after scripts/postbuild.mjs.
//
// A page from file:// cannot fetch its .wasm, so the wasm travels inside the page. Plain base64
// would add about 30 % after gzip; instead the wasm is gzipped here, the gzip bytes are base64'd
// (which gzips back to about its own size) and the page inflates them with DecompressionStream
// before instantiating. A meta Content-Security-Policy allows exactly the page's own inline
// script and style (by hash), the importer beside it, and no connections, so "no network" is
// enforced, not just hoped.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(process.argv[2] || path.join(ROOT, 'dist'));

const fail = (msg) => { console.error(`single-file: ${msg}`); process.exit(1); };
const read = (rel, enc) => {
  const p = path.join(dist, rel.replace(/^\.\//, ''));
  if (!fs.existsSync(p)) fail(`${p} (named in index.html) is missing`);
  return fs.readFileSync(p, enc);
};
const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

// What the hosted page loads: the boot module names the glue and the wasm.
const bootName = html.match(/<script type="module" src="(\.\/boot-[0-9a-f]+\.js)"/)?.[1];
if (!bootName) fail('index.html has no boot script: run scripts/postbuild.mjs first');
const boot = read(bootName, 'utf8');
const glueName = boot.match(/from\s+'(\.\/[^']+\.js)'/)?.[1];
const wasmName = boot.match(/module_or_path:\s*'(\.\/[^']+\.wasm)'/)?.[1];
if (!glueName || !wasmName) fail(`${bootName} does not name the glue .js and the .wasm as expected`);
let glue = read(glueName, 'utf8');
const initName = glue.match(/export\s*\{[^}]*?\b([\w$]+)\s+as\s+default\b[^}]*\}/)?.[1];
if (!initName) fail(`${glueName} has no default-exported init function`);
// Inside an inline <script>, "</script" would end it early and "<!--" changes how it is parsed.
glue = glue.replace(/<\/script/gi, '<\\/script');
if (glue.includes('<!--')) fail(`${glueName} contains "<!--", which cannot be inlined safely`);

const wasm = read(wasmName);
const wasmGz = zlib.gzipSync(wasm, { level: 9 });

const loader = fs.readFileSync(path.join(ROOT, 'web', 'import.js'), 'utf8')
  + fs.readFileSync(path.join(ROOT, 'web', 'corpus-loader.js'), 'utf8');
const script = `${glue}
${loader}
// --- single-file start-up (scripts/single-file.mjs): the wasm is inline, gzip + base64.
const WASM_GZ_BASE64 = "${wasmGz.toString('base64')}";
try {
  const bin = atob(WASM_GZ_BASE64);
  const gz = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  const wasm = await ${initName}({ module_or_path: bytes });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (e) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = 'فهرس لم يبدأ في هذا المتصفح · Fahras could not start in this browser: ' + e;
  document.body.append(p);
  throw e;
}
`;

// Stylesheets become one <style>; the icon a data: URL; loaders and preloads go.
let css = '';
html = html.replace(/\s*<link rel="stylesheet" href="([^"]+)"[^>]*>/g, (_, href) => { css += read(href, 'utf8'); return ''; });
if (/<\/style/i.test(css)) fail('the CSS contains "</style", which cannot be inlined');
html = html.replace(/(<link rel="icon" href=")([^"]+)("[^>]*?)(\s+integrity="[^"]*")?(\/?>)/g, (_, a, href, b, _i, end) => {
  const type = href.endsWith('.svg') ? 'image/svg+xml' : href.endsWith('.png') ? 'image/png' : 'image/x-icon';
  return `${a}data:${type};base64,${read(href).toString('base64')}${b}${end}`;
});
html = html
  .replace(/\s*<link rel="(?:modulepreload|preload)"[^>]*>/g, '')
  .replace(/\s*<script\b[^>]*\bsrc="[^"]*"[^>]*><\/script>/g, '')
  .replace(/\s*<meta name="fahras-(?:build|corpus)"[^>]*>/g, '');

const csp = [
  "default-src 'none'",
  // 'self': the importer file beside the page (fahras-import-<hash>.js, loaded only when the
  // reader imports or saves; from file:// Chromium counts the page's folder as 'self'), whose
  // worker starts from a blob: URL. Connections stay forbidden (no connect-src).
  `script-src ${hash(script)} 'self' 'wasm-unsafe-eval'`,
  'worker-src blob:',
  `style-src ${hash(css)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html
  .replace(/<meta charset="utf-8">/i, (m) => `${m}\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace('</head>', () => `<style>${css}</style>\n</head>`)
  .replace('</body>', () => `<script type="module">${script}</script>\n`
    + '<script type="application/octet-stream" id="fahras-corpus"></script>\n</body>');
if (!html.includes('http-equiv="Content-Security-Policy"')) fail('index.html has no <meta charset="utf-8">');

// Nothing may point outside the file.
const external = [...html.matchAll(/\s(?:src|href)="(?!data:|#)([^"]*)"/g)].map((m) => m[1]);
if (external.length) fail(`fahras.html would still load ${external.join(', ')}`);

if (html.split('id="fahras-corpus"').length !== 2) fail('the page must have exactly one corpus data block');

const out = path.join(dist, 'fahras.template.html');
fs.writeFileSync(out, html);
const raw = Buffer.byteLength(html);
const gz = zlib.gzipSync(html, { level: 9 }).length;
console.log(`single-file: ${path.relative(process.cwd(), out)}  ${kb(raw)} raw, ${kb(gz)} gzip `
  + `(wasm ${kb(wasm.length)} -> ${kb(wasmGz.length)} gzip inside; no corpus yet)`);
