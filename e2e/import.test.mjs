// Importing the reader's own articles in the page (issue 15): real saved pages and a real JSONL
// export through the file input and by drag-and-drop, searched and filtered like a built corpus
// (expected values from the `fahras` CLI on the same files), an import cancelled half-way,
// "save as one file" opened from file:// with the network cut, and the single file importing
// from file://. Every request the page makes is recorded: the only one an import may cause is
// the importer file beside the page (a GET of our own code, carrying nothing of the reader's).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, openApp, shot, assert, assertEq, ROOT, DIST } from './harness.mjs';
import { startServer } from '../scripts/static-server.mjs';
import { fahras, articles as builtArticles } from './cli.mjs';

/** `fahras … --json` on files with errors: it exits 1, and still prints what it read. */
function lenient(...args) {
  try {
    return fahras(...args, '--json');
  } catch (e) {
    if (!e.stdout) throw e;
    return JSON.parse(e.stdout);
  }
}
const inspect = (dir) => lenient('inspect', dir);

const DATA = path.join(ROOT, 'crates', 'fahras-core', 'tests', 'data', 'corpus');
// Real saved news pages (htmldate's and newspaper4k's test pages, see their README) and 40 real
// ANT articles (see ant/README.md), plus one broken line the import must report, not hide.
const PAGES = fs.readdirSync(path.join(DATA, 'html')).filter((f) => f.endsWith('.html')).map((f) => path.join(DATA, 'html', f));
const JSONL = path.join(DATA, 'ant', 'ant-sample.jsonl');

/** A folder holding `files` (copies) and a JSONL file with one broken line: the CLI reads it as the page does. */
function folder(name, files, broken = true) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fahras-import-${name}-`));
  for (const f of files) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  if (broken) fs.writeFileSync(path.join(dir, 'broken.jsonl'), '{"id": "b1", "title": "عنوان", "text": "نص"}\n{"id": oops\n');
  return dir;
}
const filesOf = (dir) => fs.readdirSync(dir).sort().map((f) => path.join(dir, f));

/** Requests the page makes, by URL, from the moment this is called. */
function recordRequests(context) {
  const seen = [];
  context.on('request', (r) => seen.push(`${r.method()} ${r.url()}`));
  return seen;
}

async function waitImported(page, timeout = 60000) {
  // An import ends in a reload: a page that was already showing imported articles must go first.
  await page.waitForFunction(() => !window.fahrasTestBefore, null, { timeout });
  await page.waitForSelector('#imported-note [data-imported-articles]', { timeout });
  await page.waitForSelector('[data-app-ready]');
  return Number(await page.$eval('[data-imported-articles]', (e) => e.dataset.importedArticles));
}

/** The result count the page shows. */
const TOTAL = () => parseInt(document.getElementById('result-count')?.textContent || '', 10);
async function total(page) { return page.evaluate(TOTAL); }
async function waitTotal(page, n) {
  await page.waitForFunction(([src, n]) => (0, eval)(src)() === n, [`(${TOTAL})`, n], { timeout: 20000 });
}

async function resultIds(page) {
  return page.$$eval('.result', (els) => els.map((e) => e.dataset.articleId));
}

async function searchFor(page, q) {
  await page.fill('#q', q);
  await page.press('#q', 'Enter');
  await page.waitForFunction((q) => (new URLSearchParams(location.hash.slice(1)).get('q') || '') === q, q);
  await page.waitForTimeout(150);
}

/** A word of the imported articles' titles that the CLI finds in some but not all of them. */
function pickQuery(dir) {
  const arts = inspect(dir);
  for (const a of arts) {
    for (const w of a.title.split(/\s+/).map((x) => x.replace(/[^\p{L}\p{M}\p{N}]/gu, '')).filter((x) => [...x].length >= 4)) {
      const hits = lenient('search', dir, w);
      if (hits.length > 0 && hits.length < Math.min(arts.length, 20)) return { q: w, ids: hits.map((h) => h.id) };
    }
  }
  throw new Error('no title word of the imported articles gives a partial result');
}

test('import: saved pages and a JSONL export through the file input replace the articles; search, chips, problems, reload, forget', async ({ page, context, url }) => {
  const dir = folder('input', [...PAGES, JSONL]);
  const expected = inspect(dir);
  assert(expected.some((a) => a.id === 'b1'), 'the CLI keeps the readable line of the broken file');
  const builtCount = builtArticles().length;
  const requests = recordRequests(context);
  await openApp(page, url);
  // The importer (wasm, entity model) is not part of the page: nothing of it loads until asked.
  await page.waitForTimeout(300);
  assert(!requests.some((r) => /fahras-import-/.test(r)), 'the importer is not loaded with the page');
  await page.click('#open-import');
  await page.waitForSelector('#import-panel');
  await page.setInputFiles('#import-files', filesOf(dir));
  const n = await waitImported(page);
  assertEq(n, expected.length, 'articles imported (as `fahras inspect` reads the same files)');
  await shot(page, 'import-done');
  // The problems are the CLI's own messages, naming the file and line.
  await page.click('.imported-problems summary');
  const problems = await page.$$eval('.import-problems li', (els) => els.map((e) => e.textContent));
  assert(problems.some((p) => p.startsWith('error: broken.jsonl:2:')), `the broken line is reported with its file and line: ${problems.slice(0, 3)}`);
  // The result list is the imported articles, as the CLI ranks them.
  const { q, ids } = pickQuery(dir);
  await searchFor(page, q);
  assertEq(await resultIds(page), ids.slice(0, 20), `results for «${q}» (as \`fahras search\` on the same files)`);
  // A chip filters like a built explorer's: the facet's count is the number of results.
  await searchFor(page, '');
  const chip = await page.$('[data-facet] .chip[data-entity-id]');
  assert(chip, 'the imported articles have entity chips');
  const chipCount = Number(await chip.$eval('.chip-count', (e) => e.textContent));
  await chip.click();
  await page.waitForFunction(() => /(?:^|&)entity=/.test(location.hash.slice(1)));
  await waitTotal(page, chipCount);
  assert(chipCount > 0 && chipCount < expected.length, `the chip narrows the results (${chipCount} of ${expected.length})`);
  // Nothing but our own importer was requested, and nothing was sent.
  const others = requests.filter((r) => !/^GET http:\/\/127\.0\.0\.1:\d+\/(fahras-import-[0-9a-f]+\.js|index\.html.*|boot-[0-9a-f]+\.js|fahras-app-[0-9a-f]+(_bg\.wasm|\.js)|main-[0-9a-f]+\.css|corpus-[0-9a-f]+\.fahras|sw-register\.js|favicon-[0-9a-f]+\.svg|sw\.js)?$/.test(r));
  assertEq(others, [], 'requests other than the page\'s own files and its importer');
  assert(requests.some((r) => /fahras-import-[0-9a-f]+\.js$/.test(r)), 'the importer was loaded when importing');
  assert(!requests.some((r) => !r.startsWith('GET ')), 'no request other than GET');
  // A reload keeps the imported articles (this browser's storage); "forget" brings back the page's own.
  await page.evaluate(() => { window.fahrasTestBefore = true; });
  await page.reload();
  assertEq(await waitImported(page), expected.length, 'imported articles after a reload');
  await page.click('#forget-imported');
  await page.waitForFunction(() => !/imported=1|entity=/.test(location.hash));
  await page.waitForSelector('[data-app-ready]');
  await waitTotal(page, builtCount);
  assertEq(await page.$('#imported-note'), null, 'no imported note after forgetting');
});

test('import: a folder through the folder input, and files dropped onto the page added to the shown articles', async ({ page, url }) => {
  const dir = folder('drop', PAGES.slice(0, 4), false);
  const builtCount = builtArticles().length;
  const fromPages = fahras('inspect', dir, '--json').length;
  await openApp(page, url);
  await page.click('#open-import');
  await page.check('#import-add');
  // Dropped: the files arrive as a drop's DataTransfer (what a drag from the desktop gives).
  const payload = PAGES.slice(0, 4).map((f) => ({ name: path.basename(f), b64: fs.readFileSync(f).toString('base64') }));
  await page.evaluate((payload) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of payload) {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name, { type: 'text/html' }));
    }
    const zone = document.getElementById('import-drop');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
  assertEq(await waitImported(page), builtCount + fromPages, 'the shown articles and the dropped pages');
  await waitTotal(page, builtCount + fromPages);
  // A folder picked with the folder input replaces them; ids come from paths inside the folder.
  const nested = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-import-nested-'));
  fs.mkdirSync(path.join(nested, 'news', '2018'), { recursive: true });
  fs.copyFileSync(JSONL, path.join(nested, 'news', 'ant.jsonl'));
  fs.copyFileSync(PAGES[0], path.join(nested, 'news', '2018', 'page.html'));
  const expected = fahras('inspect', path.join(nested, 'news'), '--json');
  await page.evaluate(() => { window.fahrasTestBefore = true; });
  await page.click('#open-import');
  await page.setInputFiles('#import-folder', path.join(nested, 'news'));
  assertEq(await waitImported(page), expected.length, 'articles of the picked folder');
  const id = expected.find((a) => a.id === '2018-page')?.id;
  assert(id, `the CLI names the nested page by its path inside the folder: ${expected.map((a) => a.id).slice(0, 3)}`);
  await page.evaluate((id) => { location.hash = `imported=1&article=${encodeURIComponent(id)}`; }, id);
  await page.waitForSelector(`[data-reader-article="${id}"]`);
});

test('import: cancelled half-way, the shown articles stay and the page kept responding', async ({ page, url }) => {
  await openApp(page, url);
  const before = await total(page);
  await page.click('#open-import');
  // 4,000 articles (the 40 real ones, each copied with a new id): long enough to cancel.
  const lines = fs.readFileSync(JSONL, 'utf8').trim().split('\n');
  const big = [];
  for (let i = 0; i < 100; i++) {
    for (const l of lines) { const r = JSON.parse(l); r.id = `${r.id}-${i}`; r.text = `${r.text} ${i}`; big.push(JSON.stringify(r)); }
  }
  await page.setInputFiles('#import-files', { name: 'big.jsonl', mimeType: 'application/json', buffer: Buffer.from(big.join('\n')) });
  await page.waitForSelector('.import-progress[data-phase="finding entities"], .import-progress[data-phase="reading"]', { timeout: 30000 });
  // The page answers while the worker works: typing still searches.
  await page.fill('#q', 'ترمب');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('q') === 'ترمب');
  await shot(page, 'import-progress');
  await page.click('#import-cancel');
  await page.waitForSelector('.import-stopped[data-cancelled]');
  await page.fill('#q', '');
  await waitTotal(page, before);
  assertEq(await page.$('#imported-note'), null, 'nothing was imported');
  assert(!/imported=1/.test(page.url()), 'the address does not mark an import');
});

test('import: "save as one file" opens from file:// with the network cut, and the single file imports from file://', async ({ page, context, url, browser }) => {
  const dir = folder('save', PAGES.slice(4), false);
  const expected = fahras('inspect', dir, '--json').length;
  await openApp(page, url);
  await page.click('#open-import');
  await page.setInputFiles('#import-files', filesOf(dir));
  assertEq(await waitImported(page), expected, 'imported pages');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-single')]);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-saved-'));
  const saved = path.join(out, download.suggestedFilename());
  await download.saveAs(saved);
  assertEq(path.basename(saved), 'fahras.html', 'the saved file name');

  // The saved file, alone in a folder, from file:// with the network cut: the same explorer.
  const ctx = await browser.newContext();
  await ctx.route(/^https?:/, (r) => r.abort());
  const requests = recordRequests(ctx);
  const p = await ctx.newPage();
  await openApp(p, pathToFileURL(saved).href);
  await waitTotal(p, expected);
  assertEq(p.jsErrors, [], 'no errors in the saved file');
  assertEq(requests.filter((r) => !r.endsWith(pathToFileURL(saved).href)), [], 'requests of the saved file');
  await shot(p, 'saved-single-file');
  await ctx.close();

  // The built single file from file://, network cut: it imports with the importer beside it.
  const ctx2 = await browser.newContext();
  await ctx2.route(/^https?:/, (r) => r.abort());
  const requests2 = recordRequests(ctx2);
  const p2 = await ctx2.newPage();
  await openApp(p2, pathToFileURL(path.join(DIST, 'fahras.html')).href);
  await p2.click('#open-import');
  await p2.setInputFiles('#import-files', filesOf(dir));
  assertEq(await waitImported(p2), expected, 'imported from file://');
  const foreign = requests2.filter((r) => !/^GET file:\/\/.*\/(fahras\.html|fahras-import-[0-9a-f]+\.js)(#.*)?$/.test(r));
  assertEq(foreign, [], 'requests of the single file while importing');
  await ctx2.close();
});

test('import: the panel is accessible (axe) in both languages; an embed offers it only when the host asks (import=1)', async ({ page, url }) => {
  await openApp(page, url);
  await page.click('#open-import');
  await page.waitForSelector('#import-panel');
  const axe = async (state) => {
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
    const res = await page.evaluate(() => window.axe.run(document.getElementById('import-panel'), { resultTypes: ['violations'] }));
    const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert(bad.length === 0, `${state}: ${bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`);
  };
  await axe('import panel');
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assertEq(await page.$eval('#import-title', (e) => e.textContent), 'Open your own articles in this page', 'the panel in English');
  await axe('import panel, English');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#import-panel', { state: 'detached' });

  await page.goto(`${url}#embed=1`);
  await page.reload();
  await page.waitForSelector('[data-app-ready]');
  assertEq(await page.$('#open-import'), null, 'an embed without import=1 has no "Open articles"');
  await page.goto(`${url}#embed=1&import=1`);
  await page.reload();
  await page.waitForSelector('[data-app-ready]');
  await page.click('#open-import');
  await page.waitForSelector('#import-panel');

  // The embed loader passes its `import` attribute on to the frame.
  const base = new URL('.', url).href;
  await page.goto(`${base}examples/embed.html`);
  await page.setContent(`<script src="${base}fahras-embed.js"></script>
    <fahras-explorer import src="${base}index.html" height="500"></fahras-explorer>
    <fahras-explorer src="${base}index.html" height="500"></fahras-explorer>`);
  let frames = [];
  for (let i = 0; i < 100 && frames.length < 2; i++) {
    frames = page.frames().filter((f) => f.url().startsWith(`${base}index.html`));
    await page.waitForTimeout(100);
  }
  assertEq(frames.length, 2, 'two embedded explorers');
  const offered = [];
  for (const f of frames) {
    await f.waitForSelector('[data-app-ready]');
    offered.push([/(?:^|&|#)import=1/.test(new URL(f.url()).hash), !!(await f.$('#open-import'))]);
  }
  offered.sort();
  assertEq(offered, [[false, false], [true, true]], 'only the explorer given `import` offers "Open articles"');
});

test('import: on a host, importing works offline once the importer has been used (service worker)', async ({ page, context }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-import-offline-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const server = await startServer(dir);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const stop = () => { server.closeAllConnections(); return new Promise((r) => server.close(r)); };
  try {
    await openApp(page, `${base}index.html`);
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 20000 });
    await page.click('#open-import');
    await page.setInputFiles('#import-files', PAGES.slice(0, 2));
    const first = await waitImported(page);
    await stop();
    await context.setOffline(true);
    // Offline: the page, its imported articles (this browser's storage) and a new import.
    await page.evaluate(() => { window.fahrasTestBefore = true; });
    await page.reload();
    assertEq(await waitImported(page), first, 'the imported articles, offline');
    await page.evaluate(() => { window.fahrasTestBefore = true; });
    await page.click('#open-import');
    await page.setInputFiles('#import-files', PAGES.slice(2, 5));
    const dir2 = folder('offline', PAGES.slice(2, 5), false);
    assertEq(await waitImported(page), inspect(dir2).length, 'a second import, offline');
  } finally {
    await context.setOffline(false);
    await stop().catch(() => {});
  }
});

test('import: an address marking imported articles this browser does not keep shows the page\'s own and says so', async ({ page, url }) => {
  await openApp(page, `${url}#imported=1&q=${encodeURIComponent('ترمب')}`);
  await page.waitForSelector('#imported-note[data-missing]');
  const note = await page.$eval('#imported-note', (e) => e.textContent);
  assert(/لم تعد محفوظة/.test(note), `the note says the articles are not kept here: ${note}`);
  await page.fill('#q', '');
  await waitTotal(page, builtArticles().length);
});
