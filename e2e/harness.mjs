// The end-to-end harness: Debian's Chromium driven by playwright-core, a local static server,
// and a tiny test runner that prints one line per test and a closing "N passed, N failed".
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../scripts/static-server.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const DIST = process.env.FAHRAS_DIST ? path.resolve(process.env.FAHRAS_DIST) : path.join(ROOT, 'dist');
export const SHOTS = path.join(ROOT, 'target', 'screenshots');

// Flags from ../shared/toolchain.md: without the networking ones Chromium floods the closed network.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  // Chromium leaves profile folders in TMPDIR: give it one we delete when it exits.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-e2e-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
    env: { ...process.env, TMPDIR: tmp },
  });
  browser.on('disconnected', () => fs.rmSync(tmp, { recursive: true, force: true }));
  return browser;
}

const tests = [];
/** Registers a test: `fn({ page, server, browser, url })`. */
export function test(name, fn, opts = {}) { tests.push({ name, fn, opts }); }

export async function shot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const p = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: p, fullPage });
  return p;
}

export function assert(cond, msg) { if (!cond) throw new Error(`assertion failed: ${msg}`); }
export function assertEq(a, b, msg) {
  const sa = JSON.stringify(a), sb = JSON.stringify(b);
  if (sa !== sb) throw new Error(`${msg}: expected ${sb}, got ${sa}`);
}

/** Opens the app and waits until it has rendered (the search box exists) or shown an error. */
export async function openApp(page, url) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('[data-app-ready], [data-app-error]', { timeout: 20000 });
  page.jsErrors = errors;
  return page;
}

export async function run(filter) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: run scripts/build.sh first`);
  const server = await startServer(DIST);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  let passed = 0, failed = 0;
  const t0 = Date.now();
  for (const t of tests) {
    if (filter && !t.name.includes(filter)) continue;
    const context = await browser.newContext({ viewport: t.opts.viewport || { width: 1280, height: 900 }, colorScheme: t.opts.colorScheme || 'light', acceptDownloads: true });
    const page = await context.newPage();
    const start = Date.now();
    try {
      await t.fn({ page, context, browser, base, url: base + 'index.html' });
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}\n     ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n     ')}`);
      await shot(page, `FAILED-${t.name.replace(/[^\w-]+/g, '_')}`).catch(() => {});
    } finally {
      await context.close();
    }
  }
  await browser.close();
  server.close();
  console.log(`e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}
