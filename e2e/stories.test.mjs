// Stories (issue 16) used like a person would: the story facet, the story view with its filters
// and time line, reaching it from the reader and from collapsed results, the URL, and a phone.
// Expected values come from `fahras stories` on the same corpus.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, openApp, shot, assert, assertEq, ROOT } from './harness.mjs';
import { fahras, CORPUS, articles, FAHRAS_BIN } from './cli.mjs';

const stories = () => fahras('stories', CORPUS, '--json').stories;

/** Per report of the story of `id`, as `fahras stories <id>` prints it: [article id, sentences, only here]. */
function alignment(id) {
  const bin = FAHRAS_BIN;
  const [cmd, argv] = fs.existsSync(bin) ? [bin, ['stories', CORPUS, id]] : ['cargo', ['run', '--release', '-q', '--bin', 'fahras', '--', 'stories', CORPUS, id]];
  const text = execFileSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i].match(/^\[\d+\] (\S+) \|/);
    const counts = head && lines[i + 1].match(/(\d+) sentences, (\d+) only in this report/);
    if (counts) out.push([head[1], Number(counts[1]), Number(counts[2])]);
  }
  return out;
}

const reportIds = (page) => page.$$eval('.story .report', (els) => els.map((e) => e.dataset.articleId));

test('story view: from the story facet, reports by date, sentence filters, URL state', async ({ page, url }) => {
  await openApp(page, url);
  const all = stories();
  assert(all.length > 0, 'the corpus has a story');
  const s = all[0];
  const want = s.articles.map((a) => a.id);
  // The facet lists every story among the results with its reports there / in all.
  const facet = page.locator('.facet-story [data-story-of]');
  assertEq(await facet.count(), Math.min(all.length, 8), 'one chip per story');
  const chips = await page.$$eval('.facet-story [data-story-of]', (els) => els.map((e) => [e.dataset.storyOf, e.querySelector('.chip-count').textContent]));
  const mine = chips.find(([id]) => want.includes(id));
  assert(mine, `a chip for the story of ${want}`);
  assertEq(mine[1], `${want.length}/${want.length}`, 'all its reports are among the results');
  await page.click(`.facet-story [data-story-of="${mine[0]}"]`);
  await page.waitForSelector('.story .report');
  assertEq(await reportIds(page), want, 'the reports, by date, as the core orders them');
  assertEq(await page.locator('.story-timeline li').count(), want.length, 'each report on the time line');
  const label = s.label;
  assert((await page.textContent('#story-title')).includes(label.slice(0, 20)), 'the label is the most central title');
  // Sentences: counts per report as the CLI's alignment, badges k/N.
  const al = alignment(want[0]);
  assertEq(al.map((r) => r[0]), want, 'the CLI aligns the same reports');
  for (const [id, n, only] of al) {
    const sents = page.locator(`.story .report[data-article-id="${id}"] .sent`);
    assertEq(await sents.count(), n, `${id}: every sentence shown`);
    assertEq(await page.locator(`.story .report[data-article-id="${id}"] .sent[data-carried="1"]`).count(), only, `${id}: only-here sentences`);
  }
  // "Only in this report": every shown sentence is carried by one report.
  await page.click('[data-sentences="only"]');
  await page.waitForFunction(() => location.hash.includes('sentences=only'));
  const carried = await page.$$eval('.story .sent', (els) => els.map((e) => e.dataset.carried));
  assertEq(carried.length, al.reduce((t, r) => t + r[2], 0), 'only-here: their number');
  assert(carried.every((c) => c === '1'), 'only-here: no shared sentence');
  // "In every report".
  await page.click('[data-sentences="every"]');
  await page.waitForFunction(() => location.hash.includes('sentences=every'));
  const every = await page.$$eval('.story .sent', (els) => els.map((e) => e.dataset.carried));
  assert(every.every((c) => c === String(want.length)), 'every: carried by all reports');
  // Side by side on a wide screen: the first two reports share a row.
  const [a, b] = await page.$$eval('.story .report', (els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().top));
  assertEq(Math.round(a), Math.round(b), 'reports side by side');
  await page.click('[data-sentences="all"]');
  await shot(page, 'story');
  await shot(page, 'story-top', { fullPage: false });
  // Reload keeps the view; back leaves it; Escape closes it.
  await page.reload();
  await page.waitForSelector('[data-app-ready]');
  assertEq(await reportIds(page), want, 'reload: the same story view');
  // The sentence filter replaces the history entry (like the theme); opening the story was one.
  await page.goBack();
  await page.waitForSelector('.story', { state: 'detached' });
  await page.goForward();
  await page.waitForSelector('.story .report');
  // The result list is hidden under the story view: j and Enter do not open a hidden row.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  assert(!page.url().includes('article='), 'no hidden article opened');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.story', { state: 'detached' });
  await page.waitForSelector('.result');
  assert(!page.url().includes('story='), 'Escape: story gone from the URL');
  assertEq(page.jsErrors, [], 'no script errors');
}, { viewport: { width: 1400, height: 900 } });

test('story view from the reader, and results collapsed to one row per story', async ({ page, url }) => {
  await openApp(page, url);
  const all = stories();
  const inStory = new Set(all.flatMap((s) => s.articles.map((a) => a.id)));
  const lone = articles().map((a) => a.id).filter((id) => !inStory.has(id));
  const first = all[0].articles[1].id;
  await page.click(`.result[data-article-id="${first}"] .result-title a`);
  await page.waitForSelector('#open-story');
  await page.click('#open-story');
  await page.waitForSelector('.story .report');
  assertEq(await reportIds(page), all[0].articles.map((a) => a.id), 'the story of the open article');
  // A report's title in the story opens it in the reader.
  const target = all[0].articles[0].id;
  await page.click(`.story-timeline li[data-article-id="${target}"] a`);
  await page.waitForSelector(`.reader[data-reader-article="${target}"]`);
  // Lone articles have no story button.
  if (lone.length) {
    await page.click(`.result[data-article-id="${lone[0]}"] .result-title a`);
    await page.waitForSelector(`.reader[data-reader-article="${lone[0]}"]`);
    assertEq(await page.locator('#open-story').count(), 0, 'no story, no button');
  }
  // Collapsed: one row per story plus the lone articles; "N more reports" opens the story.
  await page.keyboard.press('Escape');
  await page.check('#collapse-stories');
  await page.waitForFunction(() => location.hash.includes('collapse=1'));
  const n = all.length + lone.length;
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, n);
  const more = await page.$$eval('.more-reports', (els) => els.map((e) => Number(e.dataset.moreReports)).sort());
  assertEq(more, all.map((s) => s.articles.length - 1).sort(), 'each story row counts its other reports');
  // The keyboard walks the drawn rows: j then Enter opens the first row's report.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  const head = await page.$eval('.result[data-result-index="0"]', (e) => e.dataset.articleId);
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.reader[data-reader-article="${head}"]`);
  await page.keyboard.press('Escape');
  await page.locator('.more-reports').first().click();
  await page.waitForSelector('.story .report');
  await page.keyboard.press('Escape');
  await page.uncheck('#collapse-stories');
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, articles().length);
  assertEq(page.jsErrors, [], 'no script errors');
});

test('360 px: results first, filters behind a button with the active count; stories stacked', async ({ page, url }) => {
  await openApp(page, url);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert(!(await page.isVisible('.facets')), 'filters folded');
  const button = page.locator('.filters-button');
  assert(await button.isVisible(), 'the filters button is shown');
  const resultsTop = await page.locator('.result').first().boundingBox();
  assert(resultsTop.y < 740, 'the first result is on the first screen');
  await button.click();
  await page.waitForSelector('.facets', { state: 'visible' });
  await page.locator('.facets .chip-person').first().click();
  await page.waitForFunction(() => /\(1\)/.test(document.querySelector('.filters-button').textContent));
  assertEq(await button.getAttribute('aria-expanded'), 'true', 'expanded state');
  await button.click();
  await page.waitForSelector('.facets', { state: 'hidden' });
  assert((await button.textContent()).includes('(1)'), 'the button counts the active filter');
  await shot(page, 'phone-results');
  const s = stories()[0];
  await page.goto(`${url}#story=${encodeURIComponent(s.articles[0].id)}`);
  await page.reload();
  await page.waitForSelector('.story .report');
  const xs = await page.$$eval('.story .report', (els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
  assert(xs.every((x) => x === xs[0]), 'reports stacked');
  assertEq(await overflow(), 0, 'story view does not overflow');
  await shot(page, 'phone-story', { fullPage: false });
  assertEq(page.jsErrors, [], 'no script errors');
}, { viewport: { width: 360, height: 740 } });
