// Runs inside Chromium: Fahras (wasm, one module per build profile) and MiniSearch on the same
// articles and the same queries, each call timed with performance.now() (the page is
// cross-origin isolated by the runner, so the timer resolution is 5 µs instead of 100 µs).
import MiniSearch from './minisearch.js';
import { summarize } from './stats.mjs';

const now = () => performance.now();
const log = (...a) => console.log('[page]', ...a);

/** The wasm `Engine` class of one build profile (its own module instance). */
async function engineClass(profile) {
  const mod = await import(`./pkg-${profile}/fahras_bench_web.js`);
  await mod.default({ module_or_path: `./pkg-${profile}/fahras_bench_web_bg.wasm` });
  return mod.Engine;
}

/** MiniSearch's own options, only where queries.txt marks the kind: the last word as a prefix
 * (what Fahras does for `prefix`), or fuzzy 0.2 for `typo`. Everything else: default search. */
function msOptions(kind) {
  if (kind === 'prefix') return { prefix: (_term, i, terms) => i === terms.length - 1 };
  if (kind === 'typo') return { fuzzy: 0.2 };
  return undefined;
}

const PAGE = 20;

/** The engines timed per query: a name and `(q) => number of hits`. */
function runners(engines, ms) {
  const out = [];
  for (const [profile, e] of Object.entries(engines)) {
    // Full search: ranking, excerpts and highlights for a page of 20, handed to JS as objects.
    out.push([`fahras-${profile}`, (q) => JSON.parse(e.search(q.text, q.kind === 'prefix', PAGE)).length]);
  }
  out.push(['minisearch', (q) => ms.search(q.text, msOptions(q.kind)).length]);
  return out;
}

/** Diagnostic variants of the primary Fahras build and of MiniSearch. */
function diagRunners(e, ms) {
  return [
    ['fahras core, limit 20 (no JSON)', (q) => e.search_count(q.text, q.kind === 'prefix', PAGE)],
    ['fahras core, limit 1', (q) => e.search_count(q.text, q.kind === 'prefix', 1)],
    ['fahras core, rank all + 20 hits (as the app)', (q) => e.rank_count(q.text, q.kind === 'prefix', PAGE)],
    ['fahras core, no limit (every hit presented)', (q) => e.search_count(q.text, q.kind === 'prefix', undefined)],
    ['minisearch combineWith AND', (q) => ms.search(q.text, { ...msOptions(q.kind), combineWith: 'AND' }).length],
  ];
}

/** Times every runner on every query `reps` times, interleaved; returns per-runner summaries. */
function timeAll(list, queries, reps, warmup) {
  for (let w = 0; w < warmup; w++) for (const [, f] of list) for (const q of queries) f(q);
  const samples = list.map(() => queries.map(() => []));
  const hits = list.map(() => queries.map(() => 0));
  for (let r = 0; r < reps; r++) {
    queries.forEach((q, qi) => {
      list.forEach(([, f], ri) => {
        const t = now();
        const n = f(q);
        samples[ri][qi].push(now() - t);
        hits[ri][qi] = n;
      });
    });
  }
  return list.map(([name], ri) => {
    const all = samples[ri].flat();
    const kinds = {};
    queries.forEach((q, qi) => { (kinds[q.kind] ||= []).push(...samples[ri][qi]); });
    const perQuery = queries.map((q, qi) => ({ ...q, p50: summarize(samples[ri][qi]).p50, hits: hits[ri][qi] }));
    const slowest = [...perQuery].sort((a, b) => b.p50 - a.p50).slice(0, 6);
    return {
      name,
      all: summarize(all),
      // Each query's median over the reps, then percentiles across queries (as fahras-bench
      // native does): robust to another process taking the core for a moment.
      medians: summarize(perQuery.map((q) => q.p50)),
      kinds: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, summarize(v)])),
      meanHits: hits[ri].reduce((a, b) => a + b, 0) / queries.length,
      slowest,
    };
  });
}

function median(xs) { return summarize(xs).p50; }

async function benchCorpus(c, cfg, classes) {
  log(`corpus ${c.label}: fetching ${c.bundle}`);
  const bytes = new Uint8Array(await (await fetch(c.bundle)).arrayBuffer());
  const res = { label: c.label, bundleBytes: bytes.length, profiles: {} };
  const engines = {};
  for (const [profile, Engine] of Object.entries(classes)) {
    const loads = [];
    for (let i = 0; i < cfg.loadReps; i++) {
      const t = now();
      const e = new Engine(bytes);
      loads.push(now() - t);
      if (i + 1 < cfg.loadReps) e.free(); else engines[profile] = e;
    }
    const e = engines[profile];
    const p = { load: median(loads), articles: e.article_count(), indexBytes: e.index_bytes(), textBytes: e.text_bytes() };
    if (cfg.rebuild) {
      log(`corpus ${c.label}: Index::build in wasm (${profile})`);
      const t = now();
      p.rebuiltBytes = e.rebuild_index();
      p.build = now() - t;
    }
    res.profiles[profile] = p;
  }
  const primary = engines[cfg.primary];
  const docs = JSON.parse(primary.docs_json());
  log(`corpus ${c.label}: MiniSearch addAll of ${docs.length} documents`);
  const ms = new MiniSearch({ fields: ['title', 'text'], storeFields: ['title'] });
  let t = now();
  ms.addAll(docs);
  res.minisearch = { build: now() - t };
  try {
    t = now();
    const json = JSON.stringify(ms);
    res.minisearch.serialize = now() - t;
    res.minisearch.indexBytes = new TextEncoder().encode(json).length;
  } catch (err) {
    res.minisearch.indexBytes = null;
    res.minisearch.error = String(err);
  }
  log(`corpus ${c.label}: timing ${cfg.queries.length} queries x ${cfg.reps}`);
  res.timings = timeAll(runners(engines, ms), cfg.queries, cfg.reps, cfg.warmup);
  log(`corpus ${c.label}: diagnostics x ${cfg.diagReps}`);
  res.diag = timeAll(diagRunners(primary, ms), cfg.queries, cfg.diagReps, 1);
  // The primary build on its own, at full reps: its tail without MiniSearch's garbage (and
  // V8's collection of it) interleaved between its calls.
  const alone = runners({ [cfg.primary]: primary }, ms).slice(0, 1);
  alone[0][0] += ' alone (no MiniSearch in the pass)';
  res.diag.push(...timeAll(alone, cfg.queries, cfg.reps, 1));
  for (const e of Object.values(engines)) e.free();
  return res;
}

/** Share of the expected article ids (by id prefix) that each engine returns. */
function recall(name, search, variants) {
  let found = 0, wanted = 0, complete = 0;
  const misses = [];
  for (const v of variants) {
    const ids = search(v.query);
    const missing = v.expected.filter((x) => !ids.some((id) => id.startsWith(x)));
    wanted += v.expected.length;
    found += v.expected.length - missing.length;
    if (missing.length === 0) complete++; else misses.push({ query: v.query, missing });
  }
  return { name, found, wanted, complete, queries: variants.length, misses };
}

async function benchRecall(cfg, classes) {
  const bytes = new Uint8Array(await (await fetch(cfg.seeds)).arrayBuffer());
  const out = [];
  let docs = null;
  for (const [profile, Engine] of Object.entries(classes)) {
    const e = new Engine(bytes);
    docs ||= JSON.parse(e.docs_json());
    out.push(recall(`fahras-${profile}`, (q) => JSON.parse(e.search(q, false, undefined)).map((h) => h.id), cfg.variants));
    e.free();
  }
  const ms = new MiniSearch({ fields: ['title', 'text'], storeFields: ['title'] });
  ms.addAll(docs);
  out.push(recall('minisearch', (q) => ms.search(q).map((r) => String(r.id)), cfg.variants));
  return { articles: docs.length, engines: out };
}

/** Timer resolution actually seen (smallest non-zero step of performance.now()). */
function timerResolution() {
  let last = now(), best = Infinity;
  for (let i = 0; i < 100000; i++) {
    const t = now();
    if (t !== last) { best = Math.min(best, t - last); last = t; }
  }
  return best;
}

export async function run(cfg) {
  const classes = {};
  for (const p of cfg.profiles) classes[p] = await engineClass(p);
  const out = { isolated: self.crossOriginIsolated, timerRes: timerResolution(), userAgent: navigator.userAgent, corpora: [] };
  for (const c of cfg.corpora) out.corpora.push(await benchCorpus(c, cfg, classes));
  log('recall on the seeds');
  out.recall = await benchRecall(cfg, classes);
  return out;
}

/** `Explorer::results_page` alone (what the app computes per keystroke, typing = true) for each
 * string: the median of `reps` timed calls after one warm-up pass. */
export async function appCore(cfg) {
  const Engine = await engineClass(cfg.profile);
  const bytes = new Uint8Array(await (await fetch(cfg.bundle)).arrayBuffer());
  const e = new Engine(bytes);
  for (const s of cfg.strings) e.results_count(s, true);
  const out = cfg.strings.map((s) => {
    const xs = [];
    let items = 0;
    for (let r = 0; r < cfg.reps; r++) {
      const t = now();
      items = e.results_count(s, true);
      xs.push(now() - t);
    }
    return { ms: median(xs), items };
  });
  e.free();
  return out;
}
