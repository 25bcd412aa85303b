// axe-core on the main states: no serious or critical violation.
import path from 'node:path';
import { test, openApp, assert, ROOT } from './harness.mjs';
import { topEntities } from './cli.mjs';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

async function axe(page, state) {
  await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert(bad.length === 0, `${state}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`);
}

test('accessibility: home, results, reader, entity view, dark, english', async ({ page, url }) => {
  await openApp(page, url);
  await axe(page, 'home');
  await page.fill('#q', 'روسيا');
  await page.waitForSelector('.result mark');
  await axe(page, 'results');
  await page.locator('.result .result-title a').first().click();
  await page.waitForSelector('.reader');
  await page.check('#show-removed').catch(() => {});
  await axe(page, 'reader');
  const e = topEntities('person')[0];
  await page.locator(`.facets [data-details-for="${e.id}"]`).click();
  await page.waitForSelector('.entity-panel');
  await axe(page, 'entity view');
  await page.click('#theme-toggle');
  await axe(page, 'dark');
  await page.click('#lang-toggle');
  await axe(page, 'english');
});
