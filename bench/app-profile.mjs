// Where a keystroke's time goes in the app: V8's sampling profiler (CDP) over a few typed
// queries, each in a freshly loaded app, split into wasm, JS glue, browser-native work
// ("(program)": style, layout, paint and other Blink work outside JS), GC and idle; plus the
// number and cost of history.replaceState/pushState and TextDecoder.decode calls (every string
// wasm hands to the DOM crosses through decode). Prints per-keystroke means; asserts nothing.
//
//   node bench/app-profile.mjs --dist "LABEL=DIR" [--dist ...] [--queries 3]
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer, parseArgs, labelled } from './browser.mjs';
import { loadQueries, ROOT } from './lists.mjs';
import { ms } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), ['dist']);
const queries = loadQueries().slice(0, Number(args.queries || 3));
const probe = fs.readFileSync(path.join(ROOT, 'bench', 'app-probe.js'), 'utf8');

function wrapCalls() {
  window.__calls = {};
  const wrap = (proto, name) => {
    const f = proto[name];
    proto[name] = function (...a) {
      const t = performance.now();
      try { return f.apply(this, a); } finally {
        const c = (window.__calls[name] ||= { n: 0, ms: 0 });
        c.n++; c.ms += performance.now() - t;
      }
    };
  };
  wrap(History.prototype, 'replaceState');
  wrap(History.prototype, 'pushState');
  wrap(TextDecoder.prototype, 'decode');
}

function categories(profile, into) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    let c;
    if (f.url.startsWith('wasm://') || /\.wasm$/.test(f.url) || /^\$|wasm-function/.test(f.functionName)) c = 'wasm';
    else if (f.functionName === '(program)') c = '(program)';
    else if (f.functionName === '(garbage collector)') c = 'GC';
    else if (f.functionName === '(idle)' || f.functionName === '(root)') c = 'idle';
    else if (f.url === '') c = `native ${f.functionName}()`;
    else c = 'JS (glue, probe)';
    into[c] = (into[c] || 0) + (profile.timeDeltas[i] || 0) / 1000;
  });
}

const browser = await launch();
try {
  for (const d of args.dist) {
    const [label, dir] = labelled(d);
    const server = await startServer(dir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(wrapCalls);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    const cats = {};
    const calls = {};
    let keys = 0, latency = 0, nodes = 0;
    for (const q of queries) {
      await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
      await page.waitForSelector('[data-app-ready]', { timeout: 120000 });
      await page.evaluate(probe);
      await page.focus('#q');
      await page.evaluate(() => { window.__calls = {}; });
      await cdp.send('Profiler.start');
      for (const ch of q.text) {
        const pending = page.evaluate(() => window.__fb.waitFor(window.__fb.records.length + 1));
        await page.keyboard.type(ch);
        await pending;
        keys++;
      }
      const { profile } = await cdp.send('Profiler.stop');
      categories(profile, cats);
      const rec = await page.evaluate(() => ({ calls: window.__calls, lat: window.__fb.records.reduce((a, r) => a + r.paint - r.t0, 0), nodes: document.getElementsByTagName('*').length }));
      latency += rec.lat;
      nodes = Math.max(nodes, rec.nodes);
      for (const [k, v] of Object.entries(rec.calls)) { const c = (calls[k] ||= { n: 0, ms: 0 }); c.n += v.n; c.ms += v.ms; }
    }
    await page.close();
    server.close();
    console.log(`== ${label}: ${keys} keystrokes of ${queries.map((q) => `«${q.text}»`).join(' ')} (fresh app each), mean ${ms(latency / keys)} to paint; up to ${nodes} DOM elements`);
    const per = Object.entries(cats).filter(([k]) => k !== 'idle').sort((a, b) => b[1] - a[1]).slice(0, 7);
    console.log(`  CPU per keystroke: ${per.map(([k, v]) => `${k} ${ms(v / keys)}`).join(', ')}`);
    console.log(`  calls per keystroke: ${Object.entries(calls).map(([k, v]) => `${k} ×${(v.n / keys).toFixed(1)} = ${ms(v.ms / keys)}`).join(', ')}\n`);
  }
} finally {
  await browser.close();
}
