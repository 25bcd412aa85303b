// A split corpus (`fahras build --split`): index.html loads a head and then, with HTTP range
// requests, only the texts and posting lists a view needs. The same articles built whole
// (`--single`) are the reference: every query, facet, reader and entity view must read the same
// in both pages. Then a failed fetch (message, retry), offline after one visit, a host without
// range requests, and the single file from file:// (always whole).
// Articles: the five seeds and 40 real ANT articles (crates/fahras-core/tests/data/corpus/ant,
// provenance in its README).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, openApp, shot, assert, assertEq, ROOT } from './harness.mjs';
import { startServer } from '../scripts/static-server.mjs';
import { FAHRAS_BIN } from './cli.mjs';

const bin = FAHRAS_BIN;
const INPUTS = [path.join(ROOT, 'seeds'), path.join(ROOT, 'crates/fahras-core/tests/data/corpus/ant/ant-sample.jsonl')];

let built = null;
function builds() {
  if (built) return built;
  const split = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-split-'));
  const single = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-single-'));
  const log = execFileSync(bin, ['build', ...INPUTS, '-o', split, '--split'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  execFileSync(bin, ['build', ...INPUTS, '-o', single, '--single'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const packs = fs.readdirSync(split).filter((f) => f.endsWith('.pack'));
  assertEq(packs.length, 2, `a split build writes two packs (${fs.readdirSync(split)}): ${log}`);
  assertEq(fs.readdirSync(single).filter((f) => f.endsWith('.pack')), [], 'a single build writes none');
  built = { split, single, packs };
  return built;
}

async function typeQuery(page, q) {
  await page.click('#q');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(q);
  await page.keyboard.press('Enter');
}

/** Everything the page shows for the current view, once nothing is loading. */
async function view(page) {
  const idle = () => !document.querySelector('[data-piece-loading], [data-names-loading]');
  await page.waitForFunction(idle, null, { timeout: 15000 });
  await page.waitForTimeout(150);
  await page.waitForFunction(idle, null, { timeout: 15000 });
  return page.evaluate(() => {
    const text = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
    return {
      count: text('#result-count'),
      results: [...document.querySelectorAll('.result')].map((e) => [e.dataset.articleId, e.textContent.replace(/\s+/g, ' ').trim()]),
      marks: text('.result mark'),
      facets: text('.facet-group'),
      reader: text('.reader'),
      entity: text('.entity-panel'),
      story: text('section.story'),
    };
  });
}

async function served(dir, opts = {}) {
  const server = await startServer(dir, opts);
  return { server, url: `http://127.0.0.1:${server.address().port}/index.html` };
}

/** Queries from the articles' own titles (first long word of every fourth), plus the seeds' spellings. */
function queries() {
  const arts = JSON.parse(execFileSync(bin, ['inspect', ...INPUTS, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }));
  const qs = arts.filter((_, i) => i % 4 === 0)
    .map((a) => a.title.split(/\s+/).find((w) => [...w].length > 4))
    .filter(Boolean);
  return [...new Set([...qs, 'ترمب', 'لواشنطن', '"وزير الخارجية"', 'ترامب -روسيا'])].slice(0, 14);
}

test('split: every query, facet, reader and entity view reads as the whole corpus does', async ({ browser }) => {
  const { split, single, packs } = builds();
  const a = await served(split);
  const b = await served(single);
  // No service worker here: once it keeps the packs the page reads them whole from its cache
  // (the offline test covers that); this one follows the range requests of a first visit.
  const ctxA = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, serviceWorkers: 'block' });
  const ctxB = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  try {
    const pa = await ctxA.newPage();
    const pb = await ctxB.newPage();
    const requests = [];
    pa.on('request', (r) => { if (r.url().endsWith('.pack')) requests.push({ url: r.url(), range: r.headers().range }); });
    await openApp(pa, a.url);
    await openApp(pb, b.url);
    assertEq(await view(pa), await view(pb), 'the first view');
    assert(requests.length > 0 && requests.every((r) => /^bytes=\d+-\d+$/.test(r.range || '')),
      `the first view's texts came by range requests: ${JSON.stringify(requests)}`);
    const packBytes = packs.reduce((n, f) => n + fs.statSync(path.join(split, f)).size, 0);
    for (const q of queries()) {
      requests.length = 0;
      await typeQuery(pa, q);
      await typeQuery(pb, q);
      const [va, vb] = [await view(pa), await view(pb)];
      assertEq(va, vb, `query ${q}`);
      assert(requests.every((r) => r.range), `query ${q}: only ranges of the packs`);
    }
    assert(packBytes > 0, 'packs written');
    // A facet chip, the reader and the entity view.
    await typeQuery(pa, 'ترامب');
    await typeQuery(pb, 'ترامب');
    await view(pa);
    await view(pb);
    const chip = pb.locator('.facet-group .chip').first();
    const chipId = await chip.getAttribute('data-entity-id');
    assert(chipId, 'a facet chip to click');
    await pa.click(`.facet-group .chip[data-entity-id="${chipId}"]`);
    await pb.click(`.facet-group .chip[data-entity-id="${chipId}"]`);
    assertEq(await view(pa), await view(pb), `after the chip ${chipId}`);
    // The export holds every result with its excerpt and url: the split page fetches them first.
    const csv = async (p) => {
      const [d] = await Promise.all([p.waitForEvent('download'), p.click('#export-csv')]);
      return fs.readFileSync(await d.path(), 'utf8');
    };
    const [ca, cb] = [await csv(pa), await csv(pb)];
    assertEq(ca, cb, 'the CSV export');
    assert(/https?:\/\//.test(cb), 'the export carries the articles\' urls');
    const first = await pb.locator('.result').first().getAttribute('data-article-id');
    await pa.click(`.result[data-article-id="${first}"] .result-title a`);
    await pb.click(`.result[data-article-id="${first}"] .result-title a`);
    await pa.waitForSelector(`.reader[data-reader-article="${first}"]`);
    await pb.waitForSelector(`.reader[data-reader-article="${first}"]`);
    const ra = await view(pa);
    assertEq(ra, await view(pb), `the reader of ${first}`);
    assert(ra.reader[0].length > 200, `the reader shows the article's text (${ra.reader[0].length} chars)`);
    await pa.goto(`${a.url}#view=${encodeURIComponent(chipId)}`);
    await pb.goto(`${b.url}#view=${encodeURIComponent(chipId)}`);
    await pa.waitForSelector('.entity-panel');
    await pb.waitForSelector('.entity-panel');
    assertEq(await view(pa), await view(pb), `the entity view of ${chipId}`);
    await shot(pa, 'split-entity');
    // A story chip (labelled by a title the split page reads from a block of titles) and the
    // story it opens: labels, time line and report headings.
    await pa.goto(`${a.url}#q=`);
    await pb.goto(`${b.url}#q=`);
    const storyChip = pb.locator('.chip-story').first();
    const storyOf = await storyChip.getAttribute('data-story-of');
    assert(storyOf, 'a story chip to click');
    const fa = await view(pa);
    assertEq(fa.facets, (await view(pb)).facets, 'the story chips');
    assert(fa.facets.some((f) => f.length > 20), `the chips have labels: ${JSON.stringify(fa.facets)}`);
    await pa.click(`.chip-story[data-story-of="${storyOf}"]`);
    await pb.click(`.chip-story[data-story-of="${storyOf}"]`);
    await pa.waitForSelector('section.story');
    await pb.waitForSelector('section.story');
    const sa = await view(pa);
    assertEq(sa, await view(pb), `the story of ${storyOf}`);
    assert(sa.story[0] && sa.story[0].length > 200, 'the story view shows its reports');
    assertEq(pa.jsErrors, [], 'no JavaScript errors');
  } finally {
    await ctxA.close();
    await ctxB.close();
    a.server.close();
    b.server.close();
  }
});

test('split: the first results come before the entity table; its facets and chips follow', async ({ browser }) => {
  const { split, single } = builds();
  const a = await served(split);
  const b = await served(single);
  // The entity table is the texts pack's last member: the range that ends where the file does.
  const texts = fs.readdirSync(split).find((f) => f.startsWith('texts-') && f.endsWith('.pack'));
  const size = fs.statSync(path.join(split, texts)).size;
  const ctxA = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const ctxB = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const pa = await ctxA.newPage();
    const pb = await ctxB.newPage();
    let release;
    const released = new Promise((r) => { release = r; });
    let held = 0;
    await pa.route(/texts-[^/]*\.pack$/, async (route) => {
      const m = /bytes=(\d+)-(\d+)/.exec(route.request().headers().range || '');
      if (m && Number(m[2]) + 1 === size) {
        held += 1;
        await released;
      }
      await route.continue();
    });
    const hash = `#q=${encodeURIComponent('ترامب')}`;
    await openApp(pa, a.url + hash);
    await openApp(pb, b.url + hash);
    await pa.waitForSelector('.result mark', { timeout: 15000 });
    await pa.waitForSelector('[data-names-loading]', { timeout: 5000 });
    await pa.waitForFunction(() => document.querySelectorAll('.result').length > 0, null, { timeout: 15000 });
    const early = await pa.evaluate(() => ({
      results: [...document.querySelectorAll('.result h2, .result h3')].map((e) => e.textContent.trim()),
      count: document.querySelector('#result-count').textContent,
      people: document.querySelectorAll('.facet-group[data-facet="person"] .chip').length,
      rowChips: document.querySelectorAll('.result .chip').length,
    }));
    const whole = await view(pb);
    assertEq(early.count, whole.count[0], 'the count before the entity table');
    assert(early.results.length > 0, 'result rows before the entity table');
    assertEq(early.people, 0, 'no person chips before the table');
    assertEq(early.rowChips, 0, 'no row chips before the table');
    for (let i = 0; i < 100 && !held; i++) await pa.waitForTimeout(50);
    assert(held >= 1, 'the entity table was asked for after the first results');
    await shot(pa, 'split-names-loading');
    release();
    const after = await view(pa);
    assertEq(after, whole, 'once the table is in, the page reads as the whole corpus');
    assert(after.facets.length > 2, `facet groups after the table: ${after.facets.length}`);
  } finally {
    await ctxA.close();
    await ctxB.close();
    a.server.close();
    b.server.close();
  }
});

/** Records the pack requests of `page` until its first result row appears, in rounds (a request
 * made after an earlier one was answered starts a new one), leaving out the entity table (the
 * texts pack's last member, asked for as the first results are shown: it follows them). */
async function recordRounds(page, textsSize) {
  const events = [];
  let shownAt;
  page.on('request', (r) => {
    if (/\.pack$/.test(r.url())) events.push({ r, at: Date.now(), range: r.headers().range || '' });
  });
  page.on('requestfinished', (r) => {
    const e = events.find((x) => x.r === r);
    if (e) e.done = Date.now();
  });
  await page.exposeFunction('__fahrasShown', () => { shownAt ??= Date.now(); });
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('[data-app-ready] .result-list .result')) window.__fahrasShown();
    }).observe(document, { childList: true, subtree: true });
  });
  return async () => {
    for (let i = 0; i < 300 && shownAt === undefined; i++) await page.waitForTimeout(50);
    assert(shownAt !== undefined, 'the first results were shown');
    const table = (e) => /texts-/.test(e.r.url()) && Number((/-(\d+)$/.exec(e.range) || [])[1]) + 1 === textsSize;
    const rounds = [];
    const counted = [];
    let began = -Infinity;
    for (const e of events.filter((x) => x.at <= shownAt && !table(x))) {
      // A new round: something was answered since this one began, and this request was made after.
      if (!rounds.length || counted.some((c) => c.done !== undefined && c.done > began && c.done <= e.at)) {
        rounds.push([]);
        began = e.at;
      }
      rounds.at(-1).push(e.r.url().split('/').pop().split('-')[0]);
      counted.push(e);
    }
    return rounds;
  };
}

test('split: a query in the address waits on two rounds: its lists, then the page\'s texts and labels', async ({ browser }) => {
  const { split } = builds();
  const a = await served(split);
  const texts = fs.readdirSync(split).find((f) => f.startsWith('texts-') && f.endsWith('.pack'));
  // No service worker, so every piece is a request of this page.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    const rounds = await recordRounds(page, fs.statSync(path.join(split, texts)).size);
    // A word of two of the seeds' five reports of one story, not of the report whose title
    // labels the story: the label is a title the page's texts do not bring.
    await openApp(page, `${a.url}#q=${encodeURIComponent('تقارب')}`);
    const seen = await rounds();
    assertEq(seen.map((r) => [...new Set(r)]), [['postings'], ['texts']],
      `rounds of requests before the first results: ${JSON.stringify(seen)}`);
    // The story facet's labels are titles, read in the texts' round: there with the results.
    const labels = await page.$$eval('.facet-group[data-facet="story"] li', (li) => li.map((e) => e.textContent.trim()));
    assert(labels.length > 0 && labels.every((l) => /\p{L}{3}/u.test(l)), `story labels with the first results: ${JSON.stringify(labels)}`);
  } finally {
    await context.close();
    a.server.close();
  }
});

test('split: a failed fetch says so with a retry, and the retry loads it', async ({ browser }) => {
  const { split } = builds();
  const a = await served(split);
  // No service worker: it would keep the packs and answer from its cache, out of the route's reach.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await openApp(page, a.url);
    await view(page);
    let fail = true;
    await page.route(/\.pack$/, (route) => (fail ? route.abort('connectionfailed') : route.continue()));
    await typeQuery(page, 'زيلينسكي');
    await page.waitForSelector('[data-piece-error]', { timeout: 10000 });
    const msg = await page.textContent('[data-piece-error]');
    assert(/\.pack/.test(msg), `the message names the file: ${msg}`);
    await shot(page, 'split-failed-fetch');
    fail = false;
    await page.click('#piece-retry');
    await page.waitForFunction(() => !document.querySelector('[data-piece-error]') && document.querySelectorAll('.result mark').length > 0, null, { timeout: 10000 });
    assert((await page.locator('.result').count()) > 0, 'results after the retry');
  } finally {
    await context.close();
    a.server.close();
  }
});

test('split: offline after one visit (the worker keeps the packs and says so)', async ({ page, context }) => {
  const { split } = builds();
  const a = await served(split);
  try {
    await openApp(page, a.url);
    await page.waitForSelector('[data-offline="ready"]', { timeout: 30000 });
    const said = await page.textContent('[data-offline="ready"]');
    assert(said.trim().length > 0, 'the offline state is shown');
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-app-ready]', { timeout: 20000 });
    await typeQuery(page, 'الاقتصاد');
    const v = await view(page);
    assert(v.results.length > 0 && v.marks.length > 0, `offline: results with highlights (${v.results.length})`);
    assertEq(await page.locator('[data-piece-error]').count(), 0, 'no failed fetch offline');
    await page.click(".result .result-title a");
    await page.waitForSelector('.reader .reader-body');
    assert((await page.textContent('.reader-body')).length > 100, 'offline: the reader shows the text');
  } finally {
    await context.setOffline(false);
    a.server.close();
  }
});

test('split: a host without range requests still serves it (the whole pack once)', async ({ page }) => {
  const { split } = builds();
  const a = await served(split, { ranges: false });
  try {
    const packGets = [];
    page.on('response', (r) => { if (r.url().endsWith('.pack')) packGets.push(r.status()); });
    await openApp(page, a.url);
    await typeQuery(page, 'ترمب');
    const v = await view(page);
    assert(v.results.length > 0 && v.marks.length > 0, 'results with highlights');
    assert(packGets.length > 0 && packGets.every((s) => s === 200), `whole packs: ${packGets}`);
  } finally {
    a.server.close();
  }
});

test('split: fahras.html of a split build holds the whole corpus and works from file://', async ({ page, context }) => {
  const { split } = builds();
  await context.route(/^https?:/, (r) => r.abort());
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await openApp(page, pathToFileURL(path.join(split, 'fahras.html')).href);
  await typeQuery(page, 'ترمب');
  const v = await view(page);
  assert(v.results.length > 0 && v.marks.length > 0, 'results with highlights from file://');
  assert(!requests.some((u) => u.endsWith('.pack')), 'no pack is asked for');
});
