// The page as a reader first sees it: every article listed, right-to-left, Arabic shaped.
import { test, openApp, shot, assert, assertEq } from './harness.mjs';
import { articles } from './cli.mjs';

test('seed titles: the five articles are listed by title, rtl, shaped', async ({ page, url }) => {
  await openApp(page, url);
  const expected = articles();
  assertEq(await page.locator('.result').count(), expected.length, 'one result per article');
  const shown = await page.$$eval('.result', (els) => els.map((e) => ({
    id: e.dataset.articleId, title: e.querySelector('.result-title').textContent.trim(),
  })));
  for (const a of expected) {
    const s = shown.find((x) => x.id === a.id);
    assert(s, `article ${a.id} is listed`);
    assertEq(s.title, a.title, `title of ${a.id}`);
  }
  assertEq(await page.getAttribute('html', 'dir'), 'rtl', 'document direction');
  assertEq(await page.getAttribute('html', 'lang'), 'ar', 'document language');
  // Shaping: joined Arabic letters are narrower than the same letters kept apart by ZWNJ; with a
  // font that lacks Arabic (boxes) or no shaping, the two widths are equal.
  const widths = await page.$eval('.result-title', (el) => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = getComputedStyle(el).font;
    const word = 'محمد يستعرض';
    return [c.measureText(word).width, c.measureText([...word].join('\u200c')).width];
  });
  assert(widths[0] < widths[1] * 0.92, `Arabic is shaped (joined ${widths[0]} vs isolated ${widths[1]})`);
  const box = await page.locator('.result-title').first().boundingBox();
  const list = await page.locator('.result-list').boundingBox();
  assert(box.x + box.width > list.x + list.width - 40, 'titles start at the right edge (rtl)');
  await shot(page, 'home');
  assertEq(page.jsErrors, [], 'no JavaScript errors');
});

test('seed metadata: author and source shown where the cleaner found them', async ({ page, url }) => {
  await openApp(page, url);
  for (const a of articles()) {
    const meta = await page.$eval(`.result[data-article-id="${a.id}"]`, (el) => el.querySelector('.meta')?.textContent || '');
    for (const v of [a.author, a.source, a.date].filter(Boolean)) {
      assert(meta.includes(v), `${a.id}: meta "${meta}" shows "${v}"`);
    }
  }
});
