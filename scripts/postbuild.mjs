// After `trunk build`: makes the hosted dist/ run under a strict Content-Security-Policy and
// offline, and adds the embedding files. `node scripts/postbuild.mjs [dist]`.
//
// 1. Trunk's inline `<script type="module">` initialiser moves to `boot-<hash>.js` (with an
//    `integrity` hash), so `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'` suffices;
//    the page is then checked for anything inline left (scripts, styles, handlers).
// 2. `sw-register.js` and `sw.js` (from web/) give offline use; `fahras build` fills sw.js with
//    the app shell and corpus and their id (a hash of them), so each deploy installs afresh.
// 3. `fahras-embed.js` (the host-page loader) and `examples/` are copied in.
// Re-running it on an already processed dist/ is harmless.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(process.argv[2] || path.join(ROOT, 'dist'));
const WEB = path.join(ROOT, 'web');

const fail = (msg) => { console.error(`postbuild: ${msg}`); process.exit(1); };
const sri = (buf) => `sha384-${crypto.createHash('sha384').update(buf).digest('base64')}`;
const short = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16);
const write = (name, body) => fs.writeFileSync(path.join(dist, name), body);

const indexPath = path.join(dist, 'index.html');
if (!fs.existsSync(indexPath)) fail(`${indexPath} is missing: run trunk build first`);
let html = fs.readFileSync(indexPath, 'utf8');

// 1. The initialiser, out of line.
const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (inline.length > 1) fail(`expected one inline module script from Trunk, found ${inline.length}`);
if (inline.length === 1) {
  for (const old of fs.readdirSync(dist).filter((f) => /^boot-[0-9a-f]+\.js$/.test(f))) fs.rmSync(path.join(dist, old));
  // The import/save helper first: the loader asks it for an imported corpus.
  const loader = fs.readFileSync(path.join(WEB, 'import.js'), 'utf8') + fs.readFileSync(path.join(WEB, 'corpus-loader.js'), 'utf8');
  const code = `${loader}\n// Trunk's initialiser, moved out of index.html by scripts/postbuild.mjs (strict CSP).\n${inline[0][1].trim()}\n`;
  const name = `boot-${short(code)}.js`;
  write(name, code);
  html = html.replace(inline[0][0], `<script type="module" src="./${name}" integrity="${sri(code)}"></script>`);
} else if (!/<script type="module" src="\.\/boot-[0-9a-f]+\.js"/.test(html)) {
  fail('found neither Trunk\'s inline initialiser nor a boot script in index.html');
}

// 2a. Service-worker registration, from a static file.
const register = fs.readFileSync(path.join(WEB, 'sw-register.js'));
write('sw-register.js', register);
html = html.replace(/<script src="\.\/sw-register\.js"[^>]*><\/script>\n/, '');
html = html.replace('</head>', `<script src="./sw-register.js" integrity="${sri(register)}" defer></script>\n</head>`);

// Nothing inline may remain: the hosted page must run under `script-src 'self'; style-src 'self'`.
const inlineLeft = [
  [/<script\b(?![^>]*\bsrc=)[^>]*>/i, 'an inline <script>'],
  [/<style\b/i, 'a <style> element'],
  [/<[^>]+\sstyle\s*=/i, 'a style="" attribute'],
  [/<[^>]+\son[a-z]+\s*=/i, 'an inline event handler'],
  [/javascript:/i, 'a javascript: URL'],
];
for (const [re, what] of inlineLeft) {
  const m = html.match(re);
  if (m) fail(`index.html still has ${what} (strict CSP would block it): ${m[0].slice(0, 80)}`);
}

// 2b. Where `fahras build` names the corpus file; it also fills in sw.js (the offline shell and
// its build id), since both depend on the corpus.
html = html.replace(/\s*<meta name="fahras-(?:build|corpus)"[^>]*>/g, '');
html = html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n  <meta name="fahras-corpus" content="">`);
if (!html.includes('name="fahras-corpus"')) fail('index.html has no <meta charset="utf-8"> to put the corpus name after');
fs.writeFileSync(indexPath, html);
fs.copyFileSync(path.join(WEB, 'sw.js'), path.join(dist, 'sw.js'));

// 3. Embedding.
fs.copyFileSync(path.join(WEB, 'fahras-embed.js'), path.join(dist, 'fahras-embed.js'));
fs.cpSync(path.join(ROOT, 'examples'), path.join(dist, 'examples'), { recursive: true });

console.log('postbuild: index.html is CSP-clean; the app is ready for `fahras build`');
