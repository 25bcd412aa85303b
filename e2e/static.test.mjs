// Static, offline and embeddable: the single file from file:// with the network cut, the hosted
// build offline after one visit and across a redeploy, two embedded explorers and their
// postMessage API (including who may command them), and the hosted build under a strict CSP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { test, openApp, shot, assert, assertEq, DIST } from './harness.mjs';
import { articles, search } from './cli.mjs';
import { startServer } from '../scripts/static-server.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls `check` (async) until it is truthy; fails with `what()` after `ms`. */
async function until(check, what, ms = 10000) {
  for (const end = Date.now() + ms; ;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(await what());
    await sleep(100);
  }
}

/** Two title words of the corpus the engine finds, with different result sets when possible. */
let picked;
function queries() {
  if (picked) return picked;
  const words = [...new Set(articles().flatMap((a) => a.title.split(/\s+/)))]
    .map((w) => w.replace(/[^\p{L}\p{M}\p{N}]/gu, ''))
    .filter((w) => [...w].length >= 4)
    .slice(0, 12);
  const found = words.map((q) => ({ q, ids: search(q).map((h) => h.id) })).filter((x) => x.ids.length > 0);
  assert(found.length >= 2, 'the corpus titles give two searchable words');
  const a = found[0];
  const b = found.find((x) => JSON.stringify(x.ids) !== JSON.stringify(a.ids)) || found[1];
  picked = [a, b];
  return picked;
}

const resultIds = (frame) => frame.$$eval('.result', (els) => els.map((e) => e.dataset.articleId));
async function waitResults(frame, ids, what) {
  await frame.waitForFunction((w) => JSON.stringify([...document.querySelectorAll('.result')].map((e) => e.dataset.articleId)) === w,
    JSON.stringify(ids), { timeout: 10000 }).catch(async () => {
    throw new Error(`${what}: expected results ${JSON.stringify(ids)}, got ${JSON.stringify(await resultIds(frame))}`);
  });
}
/** Types a query like a person (then Enter: a settled, whole-word search). */
async function typeIn(frame, q) {
  const box = frame.locator('#q');
  await box.click();
  await box.press('Control+A');
  await box.press('Backspace');
  await box.pressSequentially(q);
  await box.press('Enter');
}
const frameOf = async (page, selector) => (await page.locator(selector).elementHandle()).contentFrame();
const ready = (frame) => frame.waitForSelector('[data-app-ready]', { timeout: 20000 });

function recordCsp(page) {
  return page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
async function cspViolations(page) {
  const all = [];
  for (const f of page.frames()) all.push(...(await f.evaluate(() => window.__csp || []).catch(() => [])));
  return all;
}
/** Errors in the page and its frames; a host page without an icon asking for /favicon.ico is not one. */
function consoleErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.text()} ${m.location().url}`);
  });
  return errors;
}
function stop(server) {
  server.closeAllConnections();
  return new Promise((r) => server.close(r));
}
function tempDir(name, files = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fahras-${name}-`));
  for (const [f, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), body);
  return dir;
}

test('static: single file: fahras.html from file:// searches with the network cut', async ({ page, context }) => {
  const file = path.join(DIST, 'fahras.html');
  assert(fs.existsSync(file), `${file} exists (scripts/build.sh writes it)`);
  const href = pathToFileURL(file).href;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await context.route(/^https?:/, (r) => r.abort());
  await recordCsp(page);
  const [a, b] = queries();
  await openApp(page, `${href}#q=${encodeURIComponent(a.q)}`);
  assertEq(await page.locator('[data-app-error]').count(), 0, 'the app started (no error page)');
  await waitResults(page, a.ids, `fragment query ${a.q}`);
  await typeIn(page, b.q);
  await waitResults(page, b.ids, `typed query ${b.q}`);
  await page.locator('.result-title a').first().click();
  await page.waitForSelector(`[data-reader-article="${b.ids[0]}"]`);
  await shot(page, 'single-file');
  const elsewhere = requests.filter((u) => u.split('#')[0] !== href && !u.startsWith('data:'));
  assertEq(elsewhere, [], 'no request besides the file itself');
  assertEq(await cspViolations(page), [], 'nothing blocked by the file\'s own CSP');
  assertEq(page.jsErrors, [], 'no JavaScript errors');
  if (!process.env.FAHRAS_CORPUS) {
    const gz = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    // 400 KB until issue 14 and 16 (partial-match notice, Latin names, stories in the bundle)
    // added ~20 KB gzip of wasm; slimmed views and sorted tables instead of hash maps got back 6.
    // 470 KB since the story view (issue 16): sentence alignment runs in the page (~15 KB gzip of
    // wasm, measured by leaving the view out) and its views, collapsed rows and the story facet
    // ~30 KB; chrono's date parser was kept out of the page for it (10 KB).
    // 510 KB since "Open articles" and "Save as one file" (issue 15): the panel, its progress,
    // the imported-articles note and their strings are ~22 KB gzip of wasm, the page side of
    // import and save (web/import.js, inline) ~3 KB; the importer itself (wasm, entity model)
    // is a separate file loaded only on import, never part of this page.
    // 530 KB since the split corpus (issue 17): the same app reads a split head, fetches pieces
    // (range requests, install, recompute) and shows loading, retry and offline state, ~10 KB
    // gzip of wasm and loader; and it inflates the texts itself (miniz_oxide's inflate, ~10 KB:
    // the browser's DecompressionStream cost 25–60 ms per query for 20 texts). The single file
    // itself never uses them (always whole).
    // 532 KB since the entity list is stored as columns and term ids run by stem (issue 17):
    // with the split head's titles out, this file grew 1 KB gzip (decoders), for a split head
    // 1.86 → 1.70 MB at 10,000 articles.
    // 538 KB since the dictionary is stored as codes the page builds its maps from (issue 17):
    // the forms' sort and the two maps' building are ~10 KB gzip of wasm, the seeds' own index
    // ~6 KB smaller, for a split head 1.22 → 0.56 MB at 10,000 articles.
    // 540 KB since the maps wait for a search that walks them (issue 17): exact look-ups by a
    // hash table, ~1.6 KB gzip of wasm, for first results 1.59 → 1.44 s at 10,000 articles.
    // 545 KB since the articles are stored as columns and a head stores the packs' lengths in
    // units (issue 17): ~4 KB gzip of wasm (the columns' decoder, a list's length read from the
    // list), for a split head 2.02 → 1.55 MB at 100,000 articles and 563 → 477 KB at 10,000.
    assert(gz <= 545 * 1024, `fahras.html is ${(gz / 1024).toFixed(1)} KB gzipped, over the 545 KB budget`);
  }
});

test('static: offline: the hosted build works offline after one visit; a redeploy replaces it', async ({ page, context }) => {
  // A copy of dist/ on its own server, so the test can stop it and "deploy" into it.
  const dir = tempDir('offline');
  fs.cpSync(DIST, dir, { recursive: true });
  let server = await startServer(dir);
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}/`;
  try {
    await openApp(page, base);
    const build1 = await page.getAttribute('meta[name="fahras-build"]', 'content');
    assert(build1, 'the page names its build');
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 20000 });

    await stop(server);
    await context.setOffline(true);
    const [a, b] = queries();
    await page.reload();
    await page.waitForSelector('[data-app-ready]', { timeout: 20000 });
    await typeIn(page, a.q);
    await waitResults(page, a.ids, `offline search ${a.q}`);
    await page.goto(`${base}index.html#q=${encodeURIComponent(b.q)}`);
    await page.waitForSelector('[data-app-ready]', { timeout: 20000 });
    await waitResults(page, b.ids, `offline link to ${b.q}`);
    await shot(page, 'offline');

    // A new deploy: new build id in sw.js and index.html.
    const build2 = 'redeploy' + build1.slice(8);
    for (const f of ['sw.js', 'index.html']) {
      const p = path.join(dir, f);
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replaceAll(build1, build2));
    }
    server = await startServer(dir, { port });
    await context.setOffline(false);
    await page.reload();
    await page.waitForSelector('[data-app-ready]', { timeout: 20000 });
    assertEq(await page.getAttribute('meta[name="fahras-build"]', 'content'), build1, 'this load still runs the cached build');
    const keys = () => page.evaluate(() => caches.keys());
    await until(async () => { const k = await keys(); return k.length === 1 && k[0].endsWith(`:${build2}`); },
      async () => `the new worker replaced the old cache (caches: ${await keys()})`, 20000);
    await page.reload();
    await page.waitForSelector('[data-app-ready]', { timeout: 20000 });
    assertEq(await page.getAttribute('meta[name="fahras-build"]', 'content'), build2, 'the next load runs the new build');
    assertEq(page.jsErrors, [], 'no JavaScript errors');
  } finally {
    await context.setOffline(false);
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('static: embed: two explorers on the example page work independently and report to the host', async ({ page, base }) => {
  const errors = consoleErrors(page);
  await page.goto(`${base}examples/embed.html`);
  const one = await frameOf(page, '#by-element iframe');
  const two = await frameOf(page, '#by-script iframe');
  await Promise.all([ready(one), ready(two)]);
  // The example page logs what it hears in #log; read it back.
  const log = () => page.$$eval('#log li', (els) => els.map((e) => ({ who: e.dataset.who, type: e.dataset.type, ...JSON.parse(e.dataset.detail) })));
  const waitLog = (pred, what) => until(async () => (await log()).some(pred), async () => `${what}; host log: ${JSON.stringify(await log())}`);
  await waitLog((e) => e.who === 'element' && e.type === 'fahras-ready', 'explorer 1 is ready');
  await waitLog((e) => e.who === 'script' && e.type === 'fahras-ready', 'explorer 2 is ready');

  assertEq(await page.evaluate(() => [scrollY, document.activeElement.tagName]), [0, 'BODY'],
    'loading explorers neither scrolls the host page nor takes its focus');
  const historyBefore = await page.evaluate(() => history.length);
  const twoQuery = await two.inputValue('#q');
  const twoIds = await resultIds(two);
  const twoHash = await two.evaluate(() => location.hash);
  const twoEvents = (await log()).filter((e) => e.who === 'script').length;

  const [a, b] = queries();
  await typeIn(one, a.q);
  await waitResults(one, a.ids, 'explorer 1');
  await waitLog((e) => e.who === 'element' && e.type === 'fahras-search' && e.query === a.q && e.results === a.ids.length,
    'the host hears explorer 1\'s search');
  assertEq(await two.inputValue('#q'), twoQuery, 'explorer 2 keeps its query');
  assertEq(await resultIds(two), twoIds, 'explorer 2 keeps its results');
  assertEq(await two.evaluate(() => location.hash), twoHash, 'explorer 2 keeps its URL');
  assertEq((await log()).filter((e) => e.who === 'script').length, twoEvents, 'explorer 2 reported nothing');

  // Opening an article in one, then commanding the other from the host page.
  await one.locator('.result-title a').first().click();
  await waitLog((e) => e.who === 'element' && e.type === 'fahras-article' && e.id === a.ids[0], 'the host hears the article');
  assertEq(await page.evaluate(() => history.length), historyBefore, 'searches in a frame add no entry to the host\'s history');
  await page.evaluate((q) => document.querySelector('#by-script fahras-explorer').setQuery(q), b.q);
  await waitResults(two, b.ids, 'explorer 2 after setQuery');
  await waitLog((e) => e.who === 'script' && e.type === 'fahras-search' && e.query === b.q && e.results === b.ids.length,
    'the host hears explorer 2\'s new search');
  await page.click('#open-same');
  await two.waitForSelector(`[data-reader-article="${a.ids[0]}"]`);
  await waitLog((e) => e.who === 'script' && e.type === 'fahras-article' && e.id === a.ids[0], 'explorer 2 reports the opened article');
  assertEq(await one.inputValue('#q'), a.q, 'explorer 1 is untouched by commands to explorer 2');
  // Changing an attribute re-points the frame's fragment; commands keep working afterwards.
  const langOf = (f) => f.evaluate(() => document.documentElement.lang);
  const langOne = await langOf(one);
  const newLang = (await langOf(two)) === 'ar' ? 'en' : 'ar';
  await page.evaluate((l) => document.querySelector('#by-script fahras-explorer').setAttribute('lang', l), newLang);
  await two.waitForFunction((l) => document.documentElement.lang === l, newLang);
  await page.evaluate((q) => document.querySelector('#by-script fahras-explorer').setQuery(q), a.q);
  await waitResults(two, a.ids, 'explorer 2 after a language change and setQuery');
  assertEq(await langOf(one), langOne, 'explorer 1 keeps its language');
  assertEq(await one.locator('header.topbar').count(), 0, 'embedded: no page header');
  await shot(page, 'embed-two');
  assertEq(errors, [], 'no JavaScript errors in the host or the frames');
});

test('static: embed: commands are obeyed only from the parent window of the allowed origin', async ({ page, base }) => {
  const errors = consoleErrors(page);
  const [a, b] = queries();
  const evilDir = tempDir('evil', { 'evil.html': '<!DOCTYPE html><title>another site</title>' });
  const evil = await startServer(evilDir);
  const evilOrigin = `http://127.0.0.1:${evil.address().port}`;
  const hostDir = tempDir('host');
  const host = await startServer(hostDir);
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const appOrigin = new URL(base).origin;
  const frag = (origin) => `#embed=1&q=${encodeURIComponent(a.q)}&origin=${encodeURIComponent(origin)}`;
  fs.writeFileSync(path.join(hostDir, 'host.html'), `<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="${base}fahras-embed.js"></script></head><body>
<fahras-explorer id="loader" query="${a.q}" height="300"></fahras-explorer>
<iframe id="direct" src="${base}index.html${frag(hostOrigin)}"></iframe>
<iframe id="wrong" src="${base}index.html${frag(evilOrigin)}"></iframe>
<iframe id="evil" src="${evilOrigin}/evil.html"></iframe>
</body></html>`);
  // Every frame notes the messages it receives; the host notes who sent what.
  await page.addInitScript(() => {
    window.__seen = [];
    addEventListener('message', (e) => {
      const from = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
      const loader = document.querySelector('fahras-explorer');
      const who = from ? from.id : loader && loader.frame && loader.frame.contentWindow === e.source ? 'loader' : e.source === parent ? 'parent' : 'other';
      window.__seen.push({ who, origin: e.origin, data: e.data });
    });
  });
  try {
    await page.goto(`${hostOrigin}/host.html`);
    const direct = await frameOf(page, '#direct');
    const wrong = await frameOf(page, '#wrong');
    const loaderFrame = await frameOf(page, '#loader iframe');
    await Promise.all([ready(direct), ready(wrong), ready(loaderFrame)]);
    const seen = (frame) => frame.evaluate(() => window.__seen);
    const hostSaw = async (who, type) => (await seen(page)).filter((m) => m.who === who && m.data && m.data.type === type);
    const waitHost = (who, pred, what) => until(async () => (await seen(page)).some((m) => m.who === who && m.data && pred(m)),
      async () => `${what}; host saw ${JSON.stringify(await seen(page))}`);

    // The channel works: the loader (cross-origin) and the direct frame report to the host.
    await waitHost('loader', (m) => m.origin === appOrigin && m.data.type === 'fahras:ready', 'loader frame is ready');
    await waitHost('direct', (m) => m.origin === appOrigin && m.data.type === 'fahras:search' && m.data.query === a.q && m.data.results === a.ids.length, 'direct frame reports its search');
    assert((await hostSaw('loader', 'fahras:search')).some((m) => m.data.query === a.q), 'the loader frame reports its search');
    assertEq((await seen(page)).filter((m) => m.who === 'wrong'), [], 'a frame told another origin sends the host nothing');

    // Another site's frame posts commands to its siblings: received, ignored.
    const evilFrame = await frameOf(page, '#evil');
    await evilFrame.evaluate((id) => {
      for (let i = 0; i < parent.length; i++) {
        parent[i].postMessage({ type: 'fahras:set-query', query: 'EVIL' }, '*');
        parent[i].postMessage({ type: 'fahras:open-article', id }, '*');
      }
    }, a.ids[0]);
    for (const f of [direct, wrong]) {
      await f.waitForFunction((o) => window.__seen.filter((m) => m.origin === o).length >= 2, evilOrigin);
    }
    // Bad shapes from the right window and origin: ignored too.
    const bad = [
      { type: 'fahras:set-query', query: 5 },
      { type: 'fahras:set-query', query: 'EVIL', extra: 1 },
      { type: 'fahras:set-query', query: 'ا'.repeat(1001) },
      { type: 'fahras:set-query' },
      ['fahras:set-query', 'EVIL'],
      'fahras:set-query',
      { type: 'FAHRAS:SET-QUERY', query: 'EVIL' },
      { type: 'fahras:open-article', id: 'no-such-article' },
      { type: 'fahras:open-article', id: '' },
      { type: 'fahras:open-article', id: ['x'] },
    ];
    await page.evaluate(([bad, o]) => { for (const m of bad) document.getElementById('direct').contentWindow.postMessage(m, o); }, [bad, appOrigin]);
    // The host is the parent, but not the origin `wrong` was told to trust.
    await page.evaluate(([q, o]) => document.getElementById('wrong').contentWindow.postMessage({ type: 'fahras:set-query', query: q }, o), [b.q, appOrigin]);
    await direct.waitForFunction((n) => window.__seen.length >= n, 2 + bad.length);
    await wrong.waitForFunction((o) => window.__seen.some((m) => m.origin === o), hostOrigin);
    await sleep(300);
    for (const [name, f] of [['direct', direct], ['wrong', wrong]]) {
      assertEq(await f.inputValue('#q'), a.q, `${name}: query unchanged`);
      assertEq(await f.locator('[data-reader-article]').count(), 0, `${name}: no article opened`);
    }
    assert(!(await seen(page)).some((m) => m.data && m.data.query === 'EVIL'), 'no search for an ignored command was reported');

    // The allowed parent, well-formed: obeyed.
    await page.evaluate(([q, o]) => document.getElementById('direct').contentWindow.postMessage({ type: 'fahras:set-query', query: q }, o), [b.q, appOrigin]);
    await waitResults(direct, b.ids, 'direct frame after set-query');
    await waitHost('direct', (m) => m.data.type === 'fahras:search' && m.data.query === b.q && m.data.results === b.ids.length, 'the host hears the new search');
    await page.evaluate(([id, o]) => document.getElementById('direct').contentWindow.postMessage({ type: 'fahras:open-article', id }, o), [b.ids[0], appOrigin]);
    await direct.waitForSelector(`[data-reader-article="${b.ids[0]}"]`);
    await waitHost('direct', (m) => m.data.type === 'fahras:article' && m.data.id === b.ids[0], 'the host hears the opened article');
    // Events never go to '*': the frame posts to the host origin only, so `wrong` stays silent.
    assertEq((await seen(page)).filter((m) => m.who === 'wrong'), [], 'still nothing from the frame told another origin');
    await shot(page, 'embed-origins');
    assertEq(errors, [], 'no JavaScript errors');
  } finally {
    await stop(evil);
    await stop(host);
    fs.rmSync(evilDir, { recursive: true, force: true });
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
});

test('static: csp: the hosted build and the embed example run under a strict CSP', async ({ page }) => {
  const server = await startServer(DIST, { csp: CSP });
  const base = `http://127.0.0.1:${server.address().port}/`;
  try {
    await recordCsp(page);
    const errors = consoleErrors(page);
    await openApp(page, `${base}index.html`);
    const [a] = queries();
    await typeIn(page, a.q);
    await waitResults(page, a.ids, `search ${a.q}`);
    await page.locator('.result-title a').first().click();
    await page.waitForSelector(`[data-reader-article="${a.ids[0]}"]`);
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 20000 });
    assertEq(await cspViolations(page), [], 'no CSP violation in the app');
    const inline = await page.evaluate(() => ({
      scripts: [...document.scripts].filter((s) => !s.src).length,
      styled: document.querySelectorAll('[style]').length,
      styles: document.querySelectorAll('style').length,
    }));
    assertEq(inline, { scripts: 0, styled: 0, styles: 0 }, 'no inline script or style in the page');

    await page.goto(`${base}examples/embed.html`);
    await Promise.all([ready(await frameOf(page, '#by-element iframe')), ready(await frameOf(page, '#by-script iframe'))]);
    await page.waitForFunction(() => document.querySelectorAll('#log li[data-type="fahras-ready"]').length === 2);
    assertEq(await cspViolations(page), [], 'no CSP violation in the embed example and its frames');
    assertEq(errors, [], 'no console errors (CSP reports show up there too)');
  } finally {
    await stop(server);
  }
});
