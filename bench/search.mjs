// Search in Chromium: Fahras (wasm) vs MiniSearch on the same articles and queries (issue 4).
//
//   node bench/search.mjs --pkg z=target/bench-web/pkg-z [--pkg o3=...] \
//     --corpus "1000 SYNTHETIC=target/bench-web/syn1k.bin" [--corpus ...] \
//     --seeds target/bench-web/seeds.bin [--reps 15] [--warmup 2] [--no-rebuild] [--json out.json]
//
// Bundles come from `fahras-bench-pack`; wasm packages from wasm-bindgen --target web.
// Prints figures; asserts nothing.
import fs from 'node:fs';
import { launch, startServer, benchSite, openBenchPage, parseArgs, labelled } from './browser.mjs';
import { loadQueries, loadVariants } from './lists.mjs';
import { ms } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), ['pkg', 'corpus']);
if (args.pkg.length === 0 || args.corpus.length === 0 || !args.seeds) {
  console.error('usage: node bench/search.mjs --pkg NAME=DIR... --corpus LABEL=BUNDLE... --seeds BUNDLE [--reps N] [--warmup N] [--no-rebuild] [--json FILE]');
  process.exit(2);
}
const queries = loadQueries();
const variants = loadVariants();
const profiles = args.pkg.map(labelled);
const corpora = args.corpus.map(labelled);

const bundles = corpora.map(([label], i) => ({ label, bundle: `corpus-${i}.bin` }));
const site = benchSite(profiles, [...corpora.map(([, file], i) => [`corpus-${i}.bin`, file]), ['seeds.bin', args.seeds]]);

const cfg = {
  profiles: profiles.map(([n]) => n), primary: profiles[0][0], corpora: bundles, seeds: 'seeds.bin',
  queries, variants, reps: Number(args.reps || 15), warmup: Number(args.warmup || 2), diagReps: 5,
  loadReps: 3, rebuild: !args['no-rebuild'],
};

const server = await startServer(site.dir);
const browser = await launch();
let result;
try {
  const page = await openBenchPage(browser, server);
  result = await page.evaluate((c) => window.bench.run(c), cfg);
} finally {
  await browser.close();
  server.close();
  site.cleanup();
}

const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
const kinds = [...new Set(queries.map((q) => q.kind))];
const counts = kinds.map((k) => `${queries.filter((q) => q.kind === k).length} ${k}`).join(', ');
console.log(`Chromium: ${result.userAgent.match(/Chrome\/[\d.]+/)?.[0]}, cross-origin isolated: ${result.isolated}, timer step ${(result.timerRes * 1000).toFixed(0)} µs`);
console.log(`${queries.length} queries (${counts}); each timed ${cfg.reps}x per engine, interleaved, after ${cfg.warmup} warm-up passes.`);
console.log('Fahras = Index::search, limit 20, excerpts + highlights, hits returned to JS as JSON and parsed.');
console.log('MiniSearch = search(q) with default options (all results); {prefix} on the last word for `prefix`, {fuzzy: 0.2} for `typo`.');
console.log('p50/p95/max over every timed call; "p95 of medians" = p95 across queries of each query\'s median (robust to a busy machine).\n');
for (const c of result.corpora) {
  const first = Object.values(c.profiles)[0];
  console.log(`== ${c.label}: ${first.articles} articles, ${mb(first.textBytes)} of text, bundle ${mb(c.bundleBytes)}`);
  for (const [p, v] of Object.entries(c.profiles)) {
    const build = v.build !== undefined ? `, Index::build in wasm ${ms(v.build)}` : '';
    console.log(`  Fahras [${p}]  load (Bundle::decode + Index::from_bytes) ${ms(v.load)}${build}; index ${mb(v.indexBytes)} = ${(v.indexBytes / v.textBytes).toFixed(3)} B per text byte`);
  }
  const m = c.minisearch;
  const msSize = m.indexBytes ? `; JSON.stringify(index) ${mb(m.indexBytes)} = ${(m.indexBytes / first.textBytes).toFixed(3)} B per text byte` : ` (size: ${m.error})`;
  console.log(`  MiniSearch   addAll ${ms(m.build)}${msSize}`);
  console.log(`  ${'engine'.padEnd(36)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'max'.padStart(10)}  ${'p95 of medians'.padStart(14)}  hits/query`);
  for (const t of [...c.timings, ...c.diag]) {
    console.log(`  ${t.name.padEnd(36)} ${ms(t.all.p50).padStart(10)} ${ms(t.all.p95).padStart(10)} ${ms(t.all.max).padStart(10)}  ${ms(t.medians.p95).padStart(14)}  ${t.meanHits.toFixed(1)}`);
  }
  const mini = c.timings.find((t) => t.name === 'minisearch');
  for (const t of c.timings.filter((x) => x !== mini)) {
    console.log(`  ratio MiniSearch / ${t.name}: p50 ×${(mini.all.p50 / t.all.p50).toFixed(2)}, p95 ×${(mini.all.p95 / t.all.p95).toFixed(2)}`);
  }
  console.log(`  per kind, p50 / p95:`);
  console.log(`    ${'kind'.padEnd(8)}${c.timings.map((t) => t.name.padStart(24)).join('')}`);
  for (const k of kinds) {
    console.log(`    ${k.padEnd(8)}${c.timings.map((t) => `${ms(t.kinds[k].p50)} / ${ms(t.kinds[k].p95)}`.padStart(24)).join('')}`);
  }
  const f = c.timings[0];
  console.log(`  slowest queries for ${f.name} (median): ${f.slowest.map((q) => `${q.kind} «${q.text}» ${ms(q.p50)}`).join('; ')}`);
  console.log(`  slowest queries for minisearch (median): ${mini.slowest.map((q) => `${q.kind} «${q.text}» ${ms(q.p50)}`).join('; ')}\n`);
}
console.log(`== variant recall on the SEEDS (${result.recall.articles} articles, ${variants.length} queries from variants.tsv; Fahras: no limit; MiniSearch: default options)`);
for (const r of result.recall.engines) {
  console.log(`  ${r.name.padEnd(12)} ${r.found}/${r.wanted} expected articles = ${(100 * r.found / r.wanted).toFixed(1)}% (${r.complete}/${r.queries} queries complete)`);
  if (r.misses.length) console.log(`    missed: ${r.misses.map((x) => `«${x.query}» ${x.missing.join(',')}`).join('; ')}`);
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify({ cfg: { ...cfg, queries: queries.length, variants: variants.length }, result }, null, 1));
