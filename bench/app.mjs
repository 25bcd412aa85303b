// Keystroke to rendered results in the real app (issue 6): queries of queries.txt are typed
// into #q one key at a time (after clearing the box), and each key is timed in the page by
// bench/app-probe.js. Then, for the same typed strings, `Explorer::results_page` (a first page
// of 20, as the app asks) alone is timed in wasm (the benchmark page) to split the keystroke
// into core work and rendering.
// Prints p50/p95 per corpus; asserts nothing.
//
//   node bench/app.mjs --dist "5 seed articles=target/bench-web/dist-seeds" [--dist ...] \
//       [--core "5 seed articles=target/bench-web/seeds.bin" --pkg target/bench-web/pkg-z] \
//       [--per-kind 3 | --all] [--reps 1] [--gap 30] [--growth 5] [--json out.json]
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer, benchSite, openBenchPage, parseArgs, labelled } from './browser.mjs';
import { loadQueries, ROOT } from './lists.mjs';
import { summarize, ms } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), ['dist', 'core']);
if (args.dist.length === 0) {
  console.error('usage: node bench/app.mjs --dist LABEL=DIR... [--core LABEL=BUNDLE... --pkg DIR] [--per-kind N | --all] [--reps N] [--gap MS] [--json FILE]');
  process.exit(2);
}
// A keystroke at 1000 articles can take about a second: by default the first `perKind`
// queries of each kind (the same ones for every corpus), or every query with --all.
const perKind = Number(args['per-kind'] || 3);
const all = loadQueries();
const queries = args.all ? all : all.filter((q, i) => all.slice(0, i).filter((p) => p.kind === q.kind).length < perKind);
const reps = Number(args.reps || 1);
const gap = Number(args.gap || 30);
const growthRounds = Number(args.growth || 5);
const probe = fs.readFileSync(path.join(ROOT, 'bench', 'app-probe.js'), 'utf8');
const cores = Object.fromEntries(args.core.map(labelled));

/** Opens the app afresh, waits until it is ready, installs the probe and focuses #q. */
async function openFresh(page, url, label) {
  const t = Date.now();
  await page.goto(url);
  await page.waitForSelector('[data-app-ready], [data-app-error]', { timeout: 120000 });
  if (await page.$('[data-app-error]')) throw new Error(`${label}: the app shows an error`);
  const startup = Date.now() - t;
  await page.evaluate(probe);
  await page.focus('#q');
  return startup;
}

/** Waits for the next recorded edit, then idles `gap` ms. */
async function nextEdit(page) {
  const at = await page.evaluate(() => window.__fb.waitFor(window.__fb.records.length + 1)
    .then(() => window.__fb.records.length - 1));
  await page.waitForTimeout(gap);
  // Read after the gap: the facet panel's frame may follow the list's (see app-probe.js).
  return page.evaluate((i) => window.__fb.records[i], at);
}

async function typeAll(browser, label, dir) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: build the app first`);
  const server = await startServer(dir);
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The wasm memory, to watch it across a session (Trunk's loader announces the instance).
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  const wasmMB = () => page.evaluate(() => (window.__wasm ? window.__wasm.memory.buffer.byteLength / 1e6 : NaN));
  try {
    const keys = [];
    const startups = [];
    for (let r = 0; r < reps; r++) {
      for (const [qi, q] of queries.entries()) {
        // A fresh page per query (the box starts empty, every article listed): each query is
        // what a new visitor sees, independent of the session growth measured below.
        startups.push(await openFresh(page, url, label));
        // nextEdit() is asked before the key is sent, so it waits for exactly that key's record.
        let typed = '';
        for (const ch of q.text) {
          typed += ch;
          const pending = nextEdit(page);
          await page.keyboard.type(ch);
          keys.push({ ...(await pending), kind: q.kind, query: typed, nth: [...typed].length });
        }
        if (qi % 6 === 5) console.error(`  [app] ${label}: ${qi + 1}/${queries.length} queries, ${keys.length} keys`);
      }
    }
    // Session growth: one page, the first query typed again and again (box cleared between).
    const growth = [];
    await openFresh(page, url, label);
    for (let round = 0; round < growthRounds; round++) {
      let pending = nextEdit(page);
      await page.fill('#q', '');
      await pending;
      let last;
      for (const ch of queries[0].text) {
        pending = nextEdit(page);
        await page.keyboard.type(ch);
        last = await pending;
      }
      growth.push({ ms: last.paint - last.t0, items: last.items, wasmMB: await wasmMB() });
    }
    if (errors.length) console.error(`  ${label}: page errors: ${errors.slice(0, 3).join(' | ')}`);
    return { label, startup: summarize(startups).p50, keys, growth };
  } finally {
    await context.close();
    server.close();
  }
}

const browser = await launch();
const out = [];
try {
  for (const d of args.dist) {
    const [label, dir] = labelled(d);
    console.error(`  [app] ${label}: typing ${queries.length} queries one key at a time`);
    out.push(await typeAll(browser, label, dir));
  }
  if (args.core.length) {
    const site = benchSite([['z', path.resolve(args.pkg)]], Object.entries(cores).map(([, f], i) => [`core-${i}.bin`, f]));
    const server = await startServer(site.dir);
    try {
      const page = await openBenchPage(browser, server);
      for (const r of out) {
        const i = Object.keys(cores).indexOf(r.label);
        if (i < 0) continue;
        const strings = r.keys.map((k) => k.query);
        r.core = await page.evaluate((c) => window.bench.appCore(c), { profile: 'z', bundle: `core-${i}.bin`, strings, reps: 3 });
      }
    } finally {
      server.close();
      site.cleanup();
    }
  }
} finally {
  await browser.close();
}

const kinds = [...new Set(queries.map((q) => q.kind))];
console.log(`Keystroke → rendered results in the app: ${queries.length} queries (${args.all ? 'all of queries.txt' : `the first ${perKind} of each kind: ${kinds.join(', ')}`})`);
console.log(`typed one key at a time into #q, each query in a freshly loaded app; ${reps} pass(es); ${gap} ms idle after each key's frame.`);
console.log('t0 = beforeinput (window, capture); list = first .result-list mutation; paint = a rAF queued at t0 + setTimeout(0),');
console.log('i.e. just after the first frame that follows the work (Leptos renders in microtasks, before that frame); facet panel = the same after its first mutation.\n');
for (const r of out) {
  const lat = (k) => k.paint - k.t0;
  const paint = summarize(r.keys.map(lat));
  const changed = r.keys.filter((k) => k.dom !== undefined);
  const dom = summarize(changed.map((k) => k.dom - k.t0));
  const late = r.keys.filter((k) => k.lateDom !== undefined).length;
  console.log(`== ${r.label}: app ready in ${r.startup} ms (median); ${r.keys.length} keystrokes (${changed.length} changed the list, ${late} changed it after the frame)`);
  console.log(`  keystroke → next paint    p50 ${ms(paint.p50)}  p95 ${ms(paint.p95)}  max ${ms(paint.max)}`);
  console.log(`  keystroke → list updated  p50 ${ms(dom.p50)}  p95 ${ms(dom.p95)}  max ${ms(dom.max)}`);
  const withFacets = r.keys.filter((k) => k.facets !== undefined);
  if (withFacets.length) {
    const f = summarize(withFacets.map((k) => k.facets - k.t0));
    console.log(`  keystroke → facet panel painted (${withFacets.length} keys changed it)  p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  max ${ms(f.max)}`);
  }
  if (r.core) {
    const core = summarize(r.core.map((c) => c.ms));
    const share = r.keys.map((k, i) => r.core[i].ms / lat(k));
    console.log(`  Explorer::results_page alone (wasm, same strings, typing=true, page of 20)  p50 ${ms(core.p50)}  p95 ${ms(core.p95)}  max ${ms(core.max)};` +
      ` median share of the keystroke ${(100 * summarize(share).p50).toFixed(0)}%`);
  }
  const bands = [[0, 20], [21, 100], [101, 500], [501, Infinity]].map(([lo, hi]) => {
    const ks = r.keys.filter((k) => k.items >= lo && k.items <= hi);
    const s = summarize(ks.map(lat));
    return ks.length ? `${lo}–${hi === Infinity ? '' : hi}: ${ks.length} keys p50 ${ms(s.p50)} p95 ${ms(s.p95)}` : null;
  }).filter(Boolean);
  console.log(`  by results listed after the key: ${bands.join('; ')}`);
  const first = summarize(r.keys.filter((k) => k.nth === 1).map(lat));
  const later = summarize(r.keys.filter((k) => k.nth > 1).map(lat));
  console.log(`  1st key of a query p50 ${ms(first.p50)} p95 ${ms(first.p95)}; later keys p50 ${ms(later.p50)} p95 ${ms(later.p95)}`);
  const slow = [...r.keys].sort((a, b) => lat(b) - lat(a)).slice(0, 4);
  console.log(`  session growth (one page; «${queries[0].text}» typed ${r.growth.length}x, box cleared between; last key): ` +
    r.growth.map((g) => `${ms(g.ms)} [${g.items} results, wasm ${g.wasmMB.toFixed(0)} MB]`).join(' → '));
  console.log(`  slowest: ${slow.map((k) => `«${k.query}» ${ms(lat(k))} (${k.items} results)`).join('; ')}\n`);
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify({ queries, out }, null, 1));
