// Known-item search on REAL articles (issue 14): Fahras against MiniSearch 7.2.0 (default, and
// fuzzy) on the same articles and queries, in one run. `fahras-bench known-item` wrote the
// articles, the queries (two or three rare words of one article, typed as people type: no hamza,
// ه for ة, a clitic added, a letter dropped, a haraka added, or exactly) and Fahras's top 10 for
// each into <out_dir>; this script indexes the articles with MiniSearch, runs the queries, and
// prints found@1, found@3 and nothing-returned per engine, overall and per class, and "empty
// while some word matches": the engine returned nothing although a word of the query, as typed,
// occurs in some article (MiniSearch's default search of that word alone finds something).
//
// Data: the ANT Corpus v2.1, multi-source (31,523 Arabic news articles, Feb.–Oct. 2018), from
// github antcorpus/antcorpus.multisource.data (Apache-2.0), converted to JSON Lines in
// ../shared/corpora/ant-multisource.jsonl.xz (never copied into git). Its licence asks for the
// citation: A. Chouigui, O. Ben Khiroun, B. Elayeb, "An Arabic Multi-source News Corpus:
// Experimenting on Single-document Extractive Summarization", Arabian Journal for Science and
// Engineering 46(8), 2021. Article texts belong to their publishers.
//
//   node bench/known-item.mjs <out_dir>     (scripts/bench-known-item.sh makes <out_dir>)
// Writes <out_dir>/known-item.txt (the table) and <out_dir>/known-item.json (the figures and
// every query's rank per engine).
import fs from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { summarize, ms } from './stats.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/known-item.mjs <out_dir>');
  process.exit(2);
}
const readJsonl = (name) =>
  fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const articles = readJsonl('articles.jsonl');
const queries = readJsonl('queries.jsonl');
const fahras = readJsonl('fahras.jsonl');
const timing = JSON.parse(fs.readFileSync(path.join(dir, 'fahras-timing.json'), 'utf8'));
if (fahras.length !== queries.length || fahras.some((f, i) => f.query !== queries[i].query)) {
  throw new Error('fahras.jsonl does not answer queries.jsonl line by line');
}

const LIMIT = timing.limit ?? 10;
const index = () => {
  const m = new MiniSearch({ fields: ['title', 'text'] });
  m.addAll(articles);
  return m;
};
const t0 = performance.now();
const plain = index();
const buildMs = performance.now() - t0;
const fuzzy = new MiniSearch({ fields: ['title', 'text'], searchOptions: { fuzzy: 0.2, prefix: true } });
fuzzy.addAll(articles);

/** Each engine: the ids it returns for a query (top LIMIT), and its per-query times (ms). */
const engines = [
  { name: 'Fahras', ids: (q, i) => fahras[i].ids, times: null },
  { name: 'MiniSearch default', search: (q) => plain.search(q), times: [] },
  { name: 'MiniSearch fuzzy', search: (q) => fuzzy.search(q), times: [] },
];
for (const e of engines.filter((e) => e.search)) {
  e.ids = (q) => {
    const t = performance.now();
    const r = e.search(q);
    e.times.push(performance.now() - t);
    return r.slice(0, LIMIT).map((x) => x.id);
  };
}

// Whether some word of the query, as typed, occurs in an article (MiniSearch default, alone).
const wordHits = new Map();
const someWordMatches = (q) =>
  q.split(/\s+/).filter(Boolean).some((w) => {
    if (!wordHits.has(w)) wordHits.set(w, plain.search(w).length > 0);
    return wordHits.get(w);
  });

const classes = [...new Set(queries.map((q) => q.class))];
const rows = queries.map((q, i) => {
  const row = { query: q.query, class: q.class, target_id: q.target_id, words: q.words, wordMatches: someWordMatches(q.query) };
  for (const e of engines) {
    const ids = e.ids(q.query, i);
    const rank = ids.indexOf(q.target_id);
    row[e.name] = { rank: rank < 0 ? null : rank + 1, n: ids.length, top: ids.slice(0, 3) };
  }
  return row;
});

function score(name, cls) {
  const rs = rows.filter((r) => cls === 'all' || r.class === cls);
  const n = rs.length;
  const count = (f) => rs.filter(f).length;
  return {
    n,
    at1: count((r) => r[name].rank === 1) / n,
    at3: count((r) => r[name].rank !== null && r[name].rank <= 3) / n,
    nothing: count((r) => r[name].n === 0) / n,
    emptyWhileMatch: count((r) => r[name].n === 0 && r.wordMatches),
  };
}

const pc = (x) => `${(100 * x).toFixed(1)}%`.padStart(7);
const lines = [];
lines.push(
  `== known-item search: ${queries.length} queries on ${articles.length} REAL articles (ANT corpus), top ${LIMIT} kept`,
);
lines.push('   query = 2–3 rare words of one article, typed as people type (class); found@k = that article in the first k');
lines.push('   MiniSearch 7.2.0: default = {fields: [title, text]}; fuzzy = searchOptions {fuzzy: 0.2, prefix: true}');
lines.push('');
const head = `${'class'.padEnd(11)} ${'engine'.padEnd(19)} ${'found@1'.padStart(7)} ${'found@3'.padStart(7)} ${'nothing'.padStart(7)}  ${'empty while a word matches'.padStart(26)}  ${'n'.padStart(4)}`;
lines.push(head);
lines.push('-'.repeat(head.length));
const summary = {};
for (const cls of ['all', ...classes]) {
  summary[cls] = {};
  for (const e of engines) {
    const s = score(e.name, cls);
    summary[cls][e.name] = s;
    lines.push(
      `${cls.padEnd(11)} ${e.name.padEnd(19)} ${pc(s.at1)} ${pc(s.at3)} ${pc(s.nothing)}  ${String(s.emptyWhileMatch).padStart(26)}  ${String(s.n).padStart(4)}`,
    );
  }
  lines.push('');
}
const withMatch = rows.filter((r) => r.wordMatches).length;
lines.push(`queries with some word that occurs as typed (MiniSearch default, word alone): ${withMatch} of ${rows.length}`);
lines.push(`target: found@3 ≥ 97% and never an empty answer when a query word matches`);
lines.push(
  `time per query: Fahras native p50 ${ms(timing.p50_us / 1000)} p95 ${ms(timing.p95_us / 1000)} (fahras-bench, median of 3 runs);` +
    ` in Node: ${engines
      .filter((e) => e.times)
      .map((e) => {
        const s = summarize(e.times);
        return `${e.name} p50 ${ms(s.p50)} p95 ${ms(s.p95)}`;
      })
      .join(', ')}; MiniSearch addAll ${ms(buildMs)}`,
);
const text = lines.join('\n') + '\n';
process.stdout.write(text);
fs.writeFileSync(path.join(dir, 'known-item.txt'), text);
fs.writeFileSync(
  path.join(dir, 'known-item.json'),
  JSON.stringify({ articles: articles.length, queries: queries.length, limit: LIMIT, fahrasTiming: timing, summary, rows }, null, 1),
);
