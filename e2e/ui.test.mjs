// The explorer used like a person would: typing, chips, the reader, the entity view, the URL,
// the keyboard, the English switch, the dark theme and a phone-sized screen.
import { test, openApp, shot, assert, assertEq } from './harness.mjs';
import { articles, search, topEntities, entities } from './cli.mjs';

const ids = (page) => page.$$eval('.result', (els) => els.map((e) => e.dataset.articleId));
const waitIds = (page, want) => page.waitForFunction((w) => JSON.stringify([...document.querySelectorAll('.result')].map((e) => e.dataset.articleId)) === JSON.stringify(w), want, { timeout: 5000 });
async function typeQuery(page, q) {
  await page.click('#q');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(q);
}
const sameSet = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

test('typing a query: results, order and whole-word highlights match the engine', async ({ page, url }) => {
  await openApp(page, url);
  for (const q of ['ترمب', 'لواشنطن', 'الخارجيه الامريكيه']) {
    const want = search(q).map((h) => h.id);
    assert(want.length > 0, `the engine finds something for ${q}`);
    await typeQuery(page, q);
    await page.keyboard.press('Enter');
    await waitIds(page, want);
    const marks = await page.$$eval('.result .excerpt mark', (ms) => ms.map((m) => {
      const before = m.previousSibling?.textContent?.slice(-1) || ' ';
      const after = m.nextSibling?.textContent?.slice(0, 1) || ' ';
      return { text: m.textContent, before, after };
    }));
    assert(marks.length >= want.length, `${q}: every result has a highlighted excerpt`);
    for (const m of marks) {
      assert(!/[\p{L}\p{M}]/u.test(m.before) && !/[\p{L}\p{M}]/u.test(m.after), `${q}: mark "${m.text}" covers a whole word (${m.before}|${m.after})`);
    }
    const weight = await page.$eval('.result .excerpt mark', (m) => [getComputedStyle(m).fontWeight, getComputedStyle(m.parentElement).fontWeight, getComputedStyle(m).fontSize, getComputedStyle(m.parentElement).fontSize]);
    assertEq([weight[0], weight[2]], [weight[1], weight[3]], 'highlights keep font weight and size');
  }
  await shot(page, 'query');
});

test('chips filter: AND across types, OR within a type, counts follow', async ({ page, url }) => {
  await openApp(page, url);
  const people = topEntities('person');
  const places = topEntities('place');
  assert(people.length >= 2 && places.length >= 1, 'the corpus has people and places');
  const arts = (e) => e.articles.map((a) => a.id);
  // A chip's count is the number of articles it would leave.
  const p0 = people.find((p) => p.articles.length < articles().length) || people[0];
  const chip = page.locator(`.facets [data-entity-id="${p0.id}"]`);
  assertEq(Number(await chip.locator('.chip-count').textContent()), p0.articles.length, `count on ${p0.id}`);
  await chip.click();
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, p0.articles.length);
  assert(sameSet(await ids(page), arts(p0)), 'one person: the articles mentioning them');
  assertEq(await page.getAttribute(`.facets [data-entity-id="${p0.id}"]`, 'aria-pressed'), 'true', 'chip shows active');
  // OR within the type.
  const p1 = people.find((p) => p.id !== p0.id && arts(p).some((a) => !arts(p0).includes(a))) || people[1];
  await page.locator(`.facets [data-entity-id="${p1.id}"]`).click();
  const union = [...new Set([...arts(p0), ...arts(p1)])];
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, union.length);
  assert(sameSet(await ids(page), union), 'two people: either one');
  // AND across types.
  const pl = places.find((p) => arts(p).some((a) => union.includes(a)) && !union.every((a) => arts(p).includes(a))) || places[0];
  await page.locator(`.facets [data-entity-id="${pl.id}"]`).click();
  const inter = union.filter((a) => arts(pl).includes(a));
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, inter.length);
  assert(sameSet(await ids(page), inter), 'and a place: both');
  // Counts in the person group now follow the place filter.
  const c0 = Number(await page.locator(`.facets [data-entity-id="${p0.id}"] .chip-count`).textContent());
  assertEq(c0, arts(p0).filter((a) => arts(pl).includes(a)).length, 'person count follows the place filter');
  assertEq(await page.locator('.active-chip').count(), 3, 'three removable active filters');
  await shot(page, 'filters');
  await page.locator('.active-chip').first().locator('.x').click();
  assertEq(await page.locator('.active-chip').count(), 2, 'one removed');
  await page.click('.clear-all');
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, articles().length);
  // A typed filter works like a click.
  await typeQuery(page, `person:"${p0.name}"`);
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, p0.articles.length);
  assertEq(await page.locator('.active-chip').count(), 1, 'typed filter shows as a chip');
  await page.locator('.active-chip .x').click();
  await page.waitForFunction(() => document.querySelector('#q').value === '');
});

test('reader: every hit highlighted, next/previous hit, removed text toggle, related', async ({ page, url }) => {
  await openApp(page, url);
  const q = 'دميترييف';
  const want = search(q).map((h) => h.id);
  await typeQuery(page, q);
  await waitIds(page, want);
  await page.locator('.result .result-title a').first().click();
  await page.waitForSelector('.reader');
  const marks = await page.locator('.reader mark[data-hit]').count();
  assert(marks > 1, `several hits highlighted in the reader (${marks})`);
  const distinct = await page.$$eval('.reader mark[data-hit]', (ms) => new Set(ms.map((m) => m.dataset.hit)).size);
  assert((await page.textContent('.hit-pos')).includes(`/ ${distinct}`), 'hit counter shows the total');
  await page.waitForSelector('.reader mark.current[data-hit="0"]');
  await page.click('#next-hit');
  await page.waitForSelector('.reader mark.current[data-hit="1"]');
  await page.click('#prev-hit');
  await page.waitForSelector('.reader mark.current[data-hit="0"]');
  await page.click('#prev-hit');
  await page.waitForSelector(`.reader mark.current[data-hit="${distinct - 1}"]`);
  // Entity mentions are marked by type with colour, not weight.
  const m = page.locator('.reader .mention').first();
  assert(await m.count() === 1, 'entity mentions are marked');
  assertEq(await m.evaluate((e) => getComputedStyle(e).fontWeight), await m.evaluate((e) => getComputedStyle(e.closest('p,h2,h3,li')).fontWeight), 'mention keeps the weight');
  assert(await page.locator('.related li').count() >= 1, 'related articles listed');
  await shot(page, 'reader');

  // Removed text: the article with the most removed segments.
  const a = articles().slice().sort((x, y) => y.removed.length - x.removed.length)[0];
  await page.goto(`${url}#article=${encodeURIComponent(a.id)}`);
  await page.waitForSelector(`.reader[data-reader-article="${a.id}"]`);
  assertEq(await page.locator('.reader .removed').count(), 0, 'removed text hidden by default');
  await page.check('#show-removed');
  await page.waitForSelector('.reader .removed');
  assertEq(await page.locator('.reader .removed').count(), a.removed.length, 'every removed segment shown in place');
  const shownText = await page.textContent('.reader');
  for (const r of a.removed) assert(shownText.includes(r.text.trim().slice(0, 40)), `removed "${r.text.slice(0, 30)}" visible`);
  await shot(page, 'reader-removed');
  await page.uncheck('#show-removed');
  await page.waitForFunction(() => !document.querySelector('.reader .removed'));
});

test('entity view: mentions in context and co-occurring entities', async ({ page, url }) => {
  await openApp(page, url);
  const e = topEntities('person')[0];
  await page.locator(`.facets [data-details-for="${e.id}"]`).click();
  await page.waitForSelector(`.entity-panel[data-entity-view="${e.id}"]`);
  const mentions = e.articles.reduce((n, a) => n + a.mentions.length, 0);
  assertEq(await page.locator('.entity-panel .mentions li').count(), Math.min(mentions, 50), 'every mention listed in context');
  assert(await page.locator('.entity-panel .chips .chip').count() >= 1, 'co-occurring entities listed');
  await shot(page, 'entity-view');
  // Clicking a mention in the reader opens the same view.
  await page.click('#entity-close');
  await page.locator('.result .result-title a').first().click();
  const mention = page.locator('.reader .mention').first();
  const id = await mention.getAttribute('data-entity-id');
  await mention.click();
  await page.waitForSelector(`.entity-panel[data-entity-view="${id}"]`);
});

test('URL state: reload restores the view, back/forward step through searches', async ({ page, url }) => {
  await openApp(page, url);
  const e = topEntities('place')[0];
  await typeQuery(page, 'روسيا');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1600);
  await page.locator(`.facets [data-entity-id="${e.id}"]`).click();
  await page.waitForFunction(() => location.hash.includes('entity='));
  const hash = await page.evaluate(() => location.hash);
  assert(hash.includes('q=') && hash.includes(`entity=${encodeURIComponent(e.id).replace(/%3A/g, ':')}`), `hash ${hash}`);
  const before = await ids(page);
  await page.reload();
  await page.waitForSelector('[data-app-ready]');
  assertEq(await page.inputValue('#q'), 'روسيا', 'query restored');
  assertEq(await ids(page), before, 'results restored');
  assertEq(await page.getAttribute(`.facets [data-entity-id="${e.id}"]`, 'aria-pressed'), 'true', 'filter restored');
  await page.goBack();
  await page.waitForFunction(() => !location.hash.includes('entity='));
  assertEq(await page.inputValue('#q'), 'روسيا', 'back: the search before the filter');
  assertEq(await page.locator('.active-chip').count(), 0, 'back: no filter');
  await page.goForward();
  await page.waitForSelector('.active-chip');
  // A link with an unknown entity and garbage keys still opens cleanly.
  await page.goto(`${url}#q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7&entity=person:nobody&zzz=%ZZ`);
  await page.reload();
  await page.waitForSelector('.empty');
  assertEq(await page.locator('.result').count(), 0, 'unknown entity filters to nothing, visibly');
  assert(await page.locator('.drop-filter').count() === 1, 'the empty state offers to drop the filter');
  await page.click('.drop-filter');
  await page.waitForSelector('.result');
});

test('keyboard: / focuses, arrows and j/k move, Enter opens, Esc closes, n/N walk hits', async ({ page, url }) => {
  await openApp(page, url);
  assert(await page.evaluate(() => document.activeElement.id === 'q'), 'search box focused on load');
  await page.keyboard.type('بوتين');
  await waitIds(page, search('بوتين').map((h) => h.id));
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('.result.selected[data-result-index="0"]');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('.result.selected[data-result-index="1"]');
  await page.keyboard.press('Enter');
  const second = await page.getAttribute('.result[data-result-index="1"]', 'data-article-id');
  await page.waitForSelector(`.reader[data-reader-article="${second}"]`);
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('n');
  await page.waitForSelector('.reader mark.current[data-hit="1"]');
  await page.keyboard.press('Shift+N');
  await page.waitForSelector('.reader mark.current[data-hit="0"]');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.reader'));
  await page.keyboard.press('k');
  await page.waitForSelector('.result.selected[data-result-index="0"]');
  await page.keyboard.press('j');
  await page.waitForSelector('.result.selected[data-result-index="1"]');
  await page.keyboard.press('/');
  assert(await page.evaluate(() => document.activeElement.id === 'q'), '/ focuses the search box');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('#q').value === '');
});

test('English switch: interface in English, left-to-right, article text still Arabic', async ({ page, url }) => {
  await openApp(page, url);
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assertEq(await page.getAttribute('html', 'dir'), 'ltr', 'ltr interface');
  assert((await page.textContent('#result-count')).includes('results'), 'strings in English');
  assert((await page.evaluate(() => location.hash)).includes('lang=en'), 'language kept in the URL');
  const labelled = entities().find((e) => e.label_en && e.type === 'place');
  if (labelled) {
    const t = await page.locator(`.facets [data-entity-id="${labelled.id}"] .chip-name`).first().textContent().catch(() => null);
    if (t !== null) assertEq(t, labelled.label_en, 'entity chips show English labels');
  }
  assertEq(await page.$eval('.result .excerpt', (e) => getComputedStyle(e).direction), 'rtl', 'Arabic excerpts stay rtl');
  await shot(page, 'english');
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
});

const luminance = (rgb) => {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

test('dark theme: toggle and system preference', async ({ page, url }) => {
  await openApp(page, url);
  assert(luminance(await page.$eval('body', (b) => getComputedStyle(b).backgroundColor)) > 0.8, 'light by default');
  await page.click('#theme-toggle');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert(luminance(await page.$eval('body', (b) => getComputedStyle(b).backgroundColor)) < 0.2, 'dark background');
  assert(luminance(await page.$eval('body', (b) => getComputedStyle(b).color)) > 0.7, 'light text');
  await typeQuery(page, 'واشنطن');
  await page.waitForSelector('.result mark');
  await shot(page, 'dark');
}, {});

test('dark theme follows the system preference', async ({ page, url }) => {
  await openApp(page, url);
  assert(luminance(await page.$eval('body', (b) => getComputedStyle(b).backgroundColor)) < 0.2, 'dark from the system');
}, { colorScheme: 'dark' });

test('360 px: usable on a phone, nothing overflows', async ({ page, url }) => {
  await openApp(page, url);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assertEq(await overflow(), 0, 'no horizontal scroll');
  const box = await page.locator('#q').boundingBox();
  assert(box.width > 300, 'search box spans the screen');
  await typeQuery(page, 'أوكرانيا');
  await page.waitForSelector('.result mark');
  await page.locator('.result .result-title a').first().click();
  await page.waitForSelector('.reader');
  assertEq(await overflow(), 0, 'reader does not overflow');
  await shot(page, 'phone');
}, { viewport: { width: 360, height: 740 } });

test('export: CSV and JSON of the current results with entities', async ({ page, url }) => {
  await openApp(page, url);
  await typeQuery(page, 'ميامي');
  const want = search('ميامي').map((h) => h.id);
  await waitIds(page, want);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csvText = (await streamText(await csv.createReadStream()));
  assertEq(csv.suggestedFilename(), 'fahras-results.csv', 'csv file name');
  const lines = csvText.replace(/^\uFEFF/, '').trim().split('\r\n');
  assertEq(lines.length, want.length + 1, 'header plus one row per result');
  assert(lines[0].startsWith('rank,id,title'), 'csv header');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const rows = JSON.parse(await streamText(await json.createReadStream()));
  assertEq(rows.map((r) => r.id), want, 'json rows in result order');
  assert(rows.some((r) => r.people.length || r.places.length), 'entities exported');
});

async function streamText(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

test('partial match: no article has every word, the notice says so and searches the missing word alone', async ({ page, url }) => {
  await openApp(page, url);
  // ويتكوف is in the seeds, المريخ (Mars) in none of them.
  const q = 'ويتكوف المريخ';
  const want = search(q).map((h) => h.id);
  assert(want.length > 0, 'the engine ranks the articles with one of the two words');
  assert(search('ويتكوف').length === want.length, 'the same articles as the word alone');
  await typeQuery(page, q);
  await page.keyboard.press('Enter');
  await waitIds(page, want);
  const notice = await page.locator('.partial-notice').textContent();
  assert(notice.includes('1') && notice.includes('2'), `the notice counts the words held: ${notice}`);
  assert(notice.includes('المريخ'), `the notice names the missing word: ${notice}`);
  const missing = await page.$$eval('.result .missing', (els) => els.map((e) => e.textContent));
  assertEq(missing.length, want.length, 'each result says what it lacks');
  assert(missing.every((m) => m.includes('المريخ')), `each names المريخ: ${missing}`);
  const marks = await page.$$eval('.result .excerpt mark', (ms) => ms.map((m) => m.textContent));
  assert(marks.some((m) => m.includes('ويتكوف')), 'the word held is still highlighted');
  await shot(page, 'partial-match');
  // One click: the missing word alone (here: nothing, and the empty state explains).
  await page.click('.partial-notice .search-alone');
  await page.waitForFunction(() => document.querySelector('#q').value === 'المريخ', null, { timeout: 5000 });
  await page.waitForSelector('.empty', { timeout: 5000 });
  assertEq(await page.locator('.partial-notice').count(), 0, 'no partial notice for one word');
  assertEq(await page.locator('.result').count(), 0, 'nothing has المريخ');
  // A full match shows no notice.
  await typeQuery(page, 'ويتكوف دميترييف');
  await page.keyboard.press('Enter');
  await waitIds(page, search('ويتكوف دميترييف').map((h) => h.id));
  assertEq(await page.locator('.partial-notice').count(), 0, 'every word held: no notice');
  // In English, Latin letters find the Arabic name.
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await typeQuery(page, 'Witkoff');
  await page.keyboard.press('Enter');
  await waitIds(page, search('Witkoff').map((h) => h.id));
  const latinMarks = await page.$$eval('.result .excerpt mark', (ms) => ms.map((m) => m.textContent));
  assert(latinMarks.some((m) => m.includes('ويتكوف')), `Witkoff marks ويتكوف: ${latinMarks}`);
  await typeQuery(page, 'Witkoff Mars');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.partial-notice', { timeout: 5000 });
  const en = await page.locator('.partial-notice').textContent();
  assert(en.includes('No article has every word') && en.includes('Mars'), `the notice in English: ${en}`);
  await shot(page, 'partial-match-en');
  assertEq(page.jsErrors, [], 'no JavaScript errors');
});
