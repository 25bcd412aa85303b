// `fahras build` as a user runs it: a small mixed corpus (a real saved news page, a JSON Lines
// export with an RFC 2822 date and an unreadable one, a text file, a CSV export whose date
// column has its own name (--field), and a .zip holding another real saved page and a TSV)
// becomes an explorer that opens over HTTP (index.html) and from file:// (fahras.html), each
// finding every input's text.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, openApp, shot, assert, assertEq, ROOT } from './harness.mjs';
import { startServer } from '../scripts/static-server.mjs';
import { FAHRAS_BIN } from './cli.mjs';
import { storedZip } from './zip.mjs';

const bin = FAHRAS_BIN;

function mixedCorpus() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-mixed-'));
  const page = path.join(ROOT, 'crates/fahras-core/tests/data/corpus/html/htmldate-1550981615.html');
  fs.mkdirSync(path.join(dir, 'pages'));
  fs.copyFileSync(page, path.join(dir, 'pages', 'saved.html'));
  const records = [
    { title: 'تقرير عن الزعفران في تالوين', text: 'يحتفل المزارعون في تالوين بموسم الزعفران هذا العام.', date: 'Sun, 18 Feb 2018 21:35:43 +0400', source: 'مصدر أ' },
    { title: 'خبر بتاريخ غريب', text: 'اجتمع مجلس الجماعة لمناقشة ميزانية القنطرة الجديدة.', date: 'قريبا جدا' },
  ];
  fs.writeFileSync(path.join(dir, 'export.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'note.txt'), 'مذكرة قصيرة\n\nتحدث الباحثون عن الأرشيف الرقمي للصحف المغربية.\n');
  // A spreadsheet export: a quoted cell with a comma and a line break, the date in its own column.
  fs.writeFileSync(path.join(dir, 'sheet.csv'),
    'headline,body,date_extracted\n"مهرجان السينما، الدورة العاشرة","افتتح مهرجان السينما في وجدة دورته العاشرة.\nوشارك فيه مخرجون من عشرة بلدان.",2019-05-04\n');
  // A .zip as people send articles: a folder with a saved page and a TSV inside.
  fs.writeFileSync(path.join(dir, 'bundle.zip'), storedZip([
    { name: 'inner/youm7.html', data: fs.readFileSync(path.join(ROOT, 'crates/fahras-core/tests/data/corpus/html/htmldate-1691196862.html')) },
    { name: 'inner/table.tsv', data: 'title\ttext\nسوق السمك\tارتفعت أسعار السردين في ميناء الصويرة هذا الأسبوع.\n' },
  ]));
  return dir;
}

test('build: fahras build of a mixed corpus opens over HTTP and from file://', async ({ page, context }) => {
  const input = mixedCorpus();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-site-'));
  let server;
  try {
    const log = execFileSync(bin, ['build', input, '-o', out, '--field', 'date=date_extracted'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert(/7 article\(s\)/.test(log), `seven articles built: ${log}`);
    const built = JSON.parse(execFileSync(bin, ['inspect', input, '--json', '--field', 'date=date_extracted'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    const csv = built.find((a) => a.title === 'مهرجان السينما، الدورة العاشرة');
    assertEq(csv?.date, '2019-05-04', 'the CSV row dated from its own column (--field)');
    assert(built.some((a) => a.id === 'bundle-inner-youm7' && a.date === '2020-08-24'), `the page inside the zip, dated: ${built.map((a) => a.id)}`);
    for (const f of ['index.html', 'fahras.html', 'sw.js', 'fahras-embed.js', 'examples/embed.html']) {
      assert(fs.existsSync(path.join(out, f)), `${f} written`);
    }
    assertEq(fs.readdirSync(out).filter((f) => /^corpus-[0-9a-f]{16}\.fahras$/.test(f)).length, 1, 'one content-addressed corpus file');

    server = await startServer(out);
    const base = `http://127.0.0.1:${server.address().port}/`;
    const check = async (url, label) => {
      await openApp(page, url);
      assertEq(await page.locator('[data-app-error]').count(), 0, `${label}: the app started`);
      for (const q of ['الزعفران', 'القنطرة', 'الأرشيف', 'وجدة', 'للخزانات', 'الصويرة']) {
        await page.fill('input[type="search"]', q);
        await page.waitForSelector('.result', { timeout: 10000 });
        assert(await page.locator('.result').count() >= 1, `${label}: ${q} is found`);
      }
      assertEq(page.jsErrors, [], `${label}: no JavaScript errors`);
    };
    await check(base, 'index.html over HTTP');
    await shot(page, 'build-http');
    await context.route(/^https?:/, (r) => r.abort());
    await check(pathToFileURL(path.join(out, 'fahras.html')).href, 'fahras.html from file://');
    await shot(page, 'build-file');
  } finally {
    if (server) { server.closeAllConnections(); await new Promise((r) => server.close(r)); }
    fs.rmSync(input, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('build: an input with only unreadable files fails clearly and writes nothing', async () => {
  const input = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-bad-'));
  const out = path.join(input, 'out');
  fs.writeFileSync(path.join(input, 'broken.json'), '[{"title": "x", "text": ');
  try {
    let failed = false;
    try {
      execFileSync(bin, ['build', path.join(input, 'broken.json'), '-o', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      failed = true;
      assert(/broken\.json/.test(e.stderr), `the message names the file: ${e.stderr}`);
    }
    assert(failed, 'exit status is non-zero');
    assert(!fs.existsSync(path.join(out, 'index.html')), 'nothing written');
  } finally {
    fs.rmSync(input, { recursive: true, force: true });
  }
});
