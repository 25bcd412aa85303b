// Chromium for the benchmarks: the e2e harness's launch (Debian /usr/bin/chromium through
// playwright-core, with its flags) and a temporary folder served by scripts/static-server.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from '../e2e/harness.mjs';
import { startServer } from '../scripts/static-server.mjs';

export { launch, startServer };

/** A fresh temporary folder, removed by the returned `cleanup()`. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The search page's folder: copies of the small files and wasm packages (`[name, dir]`),
 * links to the large bundles (`[name, file]`). */
export function benchSite(pkgs, links) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const tmp = tempDir('fahras-bench-');
  for (const f of ['search.html', 'search-page.mjs', 'stats.mjs']) fs.copyFileSync(path.join(root, 'bench', f), path.join(tmp.dir, f));
  fs.copyFileSync(path.join(root, 'node_modules/minisearch/dist/es/index.js'), path.join(tmp.dir, 'minisearch.js'));
  for (const [name, dir] of pkgs) fs.cpSync(dir, path.join(tmp.dir, `pkg-${name}`), { recursive: true });
  for (const [name, file] of links) fs.symlinkSync(path.resolve(file), path.join(tmp.dir, name));
  return tmp;
}

/** Opens the search page of a `benchSite` (cross-origin isolated), forwarding its log. */
export async function openBenchPage(browser, server) {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.text().startsWith('[page]')) console.error(`  ${m.text()}`); });
  page.on('pageerror', (e) => console.error(`  page error: ${e}`));
  await isolate(page);
  await page.goto(`http://127.0.0.1:${server.address().port}/search.html`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 20000 });
  return page;
}

/** Serves `page` responses with COOP/COEP so the page is cross-origin isolated: Chromium then
 * gives performance.now() a 5 µs resolution instead of 100 µs. Only HTML documents are
 * intercepted; every subresource is same-origin. */
export async function isolate(page) {
  await page.route(/\.html(\?.*)?$/, async (route) => {
    const resp = await route.fetch();
    await route.fulfill({
      response: resp,
      headers: { ...resp.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
    });
  });
}

/** Parses `--name value` pairs; repeated names collect into arrays. */
export function parseArgs(argv, repeated = []) {
  const out = Object.fromEntries(repeated.map((k) => [k, []]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2);
    const val = argv[i + 1];
    if (val === undefined || val.startsWith('--')) { out[key] = true; continue; }
    i++;
    if (repeated.includes(key)) out[key].push(val); else out[key] = val;
  }
  return out;
}

/** `label=path` → [label, path]. */
export function labelled(s) {
  const i = s.lastIndexOf('=');
  if (i < 1) throw new Error(`expected label=path, got ${s}`);
  return [s.slice(0, i), path.resolve(s.slice(i + 1))];
}
