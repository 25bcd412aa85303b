// Importing real articles in the browser against `fahras build` on the same file (issue 15).
// For each size: the seeds' explorer opens, "Open articles" is given the JSONL file, and the
// clock runs until the page shows the imported articles (after its reload); the worker's own
// time (read, clean, entities, index, stories) and its wasm memory (which only grows: the peak)
// come with the result, and the renderer processes' resident memory is sampled meanwhile.
// Then the same queries are typed one key at a time (bench/app-probe.js) into the imported
// explorer and into the explorer `fahras build` made of the same file, for keystroke → painted
// frame p50/p95 side by side. Figures, not tests.
//
//   node bench/import.mjs --app DIST --size N=FILE=BUILT_DIST[=native.json] [--size ...] [--queries 6]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer, parseArgs } from './browser.mjs';
import { loadQueries, ROOT } from './lists.mjs';
import { summarize, ms } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), ['size']);
if (!args.app || args.size.length === 0) {
  console.error('usage: node bench/import.mjs --app DIST --size N=FILE=BUILT_DIST[=NATIVE_JSON]... [--queries 6]');
  process.exit(2);
}
const probe = fs.readFileSync(path.join(ROOT, 'bench', 'app-probe.js'), 'utf8');
const nQueries = Number(args.queries || 6);
// Words and names of the query list (the ANT corpus is news of 2018 too).
const queries = loadQueries().filter((q) => q.kind === 'word' || q.kind === 'name').slice(0, nQueries);

/** Resident memory (MB) of Chromium's renderer processes, summed. */
function rendererMB() {
  try {
    const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l.includes('--type=renderer')).reduce((a, l) => a + Number(l.trim().split(/\s+/)[0]), 0) / 1024;
  } catch { return NaN; }
}

async function typeQueries(page) {
  await page.evaluate(probe);
  const lat = [];
  for (const q of queries) {
    let pending = page.evaluate(() => window.__fb.waitFor(window.__fb.records.length + 1));
    await page.fill('#q', '');
    await pending;
    for (const ch of q.text) {
      pending = page.evaluate(() => window.__fb.waitFor(window.__fb.records.length + 1)
        .then(() => window.__fb.records[window.__fb.records.length - 1]));
      await page.keyboard.type(ch);
      const r = await pending;
      lat.push(r.paint - r.t0);
      await page.waitForTimeout(30);
    }
  }
  return summarize(lat);
}

async function serve(dir) {
  const server = await startServer(dir);
  return { server, url: `http://127.0.0.1:${server.address().port}/index.html` };
}

const browser = await launch();
const rows = [];
try {
  for (const spec of args.size) {
    const [n, file, built, nativeJson] = spec.split('=');
    const native = nativeJson && fs.existsSync(nativeJson) ? JSON.parse(fs.readFileSync(nativeJson, 'utf8')) : {};
    const app = await serve(path.resolve(args.app));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.waitForSelector('[data-app-ready]');
    await page.click('#open-import');
    const base = rendererMB();
    let peak = base;
    const sampler = setInterval(() => { peak = Math.max(peak, rendererMB()); }, 200);
    const t0 = Date.now();
    await page.setInputFiles('#import-files', file);
    await page.waitForSelector('#imported-note [data-imported-articles]', { timeout: 30 * 60 * 1000 });
    await page.waitForSelector('[data-app-ready]');
    const total = Date.now() - t0;
    clearInterval(sampler);
    const info = await page.evaluate(() => globalThis.fahrasImported);
    console.error(`  [import] ${n}: ${info.articles} articles in ${(total / 1000).toFixed(1)} s (worker ${(info.ms / 1000).toFixed(1)} s)`);
    await page.focus('#q');
    const importedKeys = await typeQueries(page);
    await context.close();
    app.server.close();

    const b = await serve(path.resolve(built));
    const c2 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p2 = await c2.newPage();
    await p2.goto(b.url);
    await p2.waitForSelector('[data-app-ready]', { timeout: 120000 });
    await p2.focus('#q');
    const builtKeys = await typeQueries(p2);
    await c2.close();
    b.server.close();
    rows.push({ n: Number(n), articles: info.articles, total, worker: info.ms, wasmMB: info.memory / 1048576, rendererPeakMB: peak, rendererBaseMB: base, importedKeys, builtKeys, native });
  }
} finally {
  await browser.close();
}

const s = (x) => `${(x / 1000).toFixed(1)} s`;
const mb = (x) => (Number.isFinite(x) ? `${Math.round(x)} MB` : '—');
console.log('Import in headless Chromium (a Web Worker, one thread) vs `fahras build` natively, same JSONL file of real ANT articles');
console.log(`machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
console.log('articles | browser: to results | worker | worker wasm peak | renderers peak RSS | native build (2 thr) | native (1 thr) | ratio browser/native-1thr | peak RSS native');
for (const r of rows) {
  const n1 = r.native.one?.seconds * 1000;
  const n2 = r.native.all?.seconds * 1000;
  console.log(`${r.articles} | ${s(r.total)} | ${s(r.worker)} | ${mb(r.wasmMB)} | ${mb(r.rendererPeakMB)} (${mb(r.rendererBaseMB)} before) | ${n2 ? s(n2) : '—'} | ${n1 ? s(n1) : '—'} | ${n1 ? (r.total / n1).toFixed(2) + '×' : '—'} (vs 2 thr ${n2 ? (r.total / n2).toFixed(2) + '×' : '—'}) | ${r.native.one ? mb(r.native.one.maxRssKB / 1024) : '—'}`);
}
console.log('\nKeystroke → painted frame after the import, against the explorer `fahras build` made of the same file:');
console.log('articles | imported p50 / p95 | built p50 / p95 | keys');
for (const r of rows) {
  console.log(`${r.articles} | ${ms(r.importedKeys.p50)} / ${ms(r.importedKeys.p95)} | ${ms(r.builtKeys.p50)} / ${ms(r.builtKeys.p95)} | ${r.importedKeys.n}`);
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify(rows, null, 2));
