// `fahras build` against Pagefind 1.6 indexing the same articles as HTML pages, side by side in
// one run (issue 18): the five seed articles, then the first 1,000, 10,000 and all 31,523
// articles of the ANT corpus. Each size: Fahras builds its explorer from one .jsonl file (the
// seeds: their folder), Pagefind indexes the same articles written as one minimal news page
// each, one after the other (never at the same time), both under `/usr/bin/time -v` for wall
// time, CPU time and peak memory. Prints the figures and the output sizes; asserts nothing.
//
// Data: the ANT Corpus v2.1, multi-source (31,523 Arabic news articles, Feb.–Oct. 2018), from
// github antcorpus/antcorpus.multisource.data (Apache-2.0), converted to JSON Lines in
// ../shared/corpora/ant-multisource.jsonl.xz (never copied into git). Its licence asks for the
// citation: A. Chouigui, O. Ben Khiroun, B. Elayeb, "An Arabic Multi-source News Corpus:
// Experimenting on Single-document Extractive Summarization", Arabian Journal for Science and
// Engineering 46(8), 2021. Article texts belong to their publishers.
//
//   node bench/build.mjs                (scripts/bench-build.sh builds fahras first)
// Knobs (environment):
//   FAHRAS_BENCH_BUILD_SIZES=seeds,1000,10000,31523   sizes to run (comma or space separated)
//   FAHRAS_BENCH_BUILD_REPS=1     runs per tool and size; with more, medians of wall and CPU
//                                 time and the largest peak (the order alternates)
//   FAHRAS_BIN=target/release/fahras                   the fahras binary
//   PAGEFIND_EXTENDED_BINARY_PATH / PAGEFIND_BINARY_PATH  as the pagefind npm wrapper honours
//   FAHRAS_BENCH_CORPUS=../shared/corpora/ant-multisource.jsonl.xz (or an uncompressed .jsonl)
// Everything goes to target/bench-build/ (inputs, outputs, logs, run-<stamp>.json).
// MB below are 2^20 bytes, as `fahras build` prints them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { ROOT } from './lists.mjs';

const OUT = path.join(ROOT, 'target', 'bench-build');
const TIME = '/usr/bin/time';
const SIZES = (process.env.FAHRAS_BENCH_BUILD_SIZES || 'seeds,1000,10000,31523')
  .split(/[\s,]+/).filter(Boolean).map((s) => (s === 'seeds' ? s : Number(s)));
const REPS = Math.max(1, Number(process.env.FAHRAS_BENCH_BUILD_REPS || 1));
const FAHRAS = path.resolve(ROOT, process.env.FAHRAS_BIN || 'target/release/fahras');
const CORPUS = path.resolve(ROOT, process.env.FAHRAS_BENCH_CORPUS || '../shared/corpora/ant-multisource.jsonl.xz');
const SEEDS = path.join(ROOT, 'seeds');

function die(msg) {
  console.error(`bench/build.mjs: ${msg}`);
  process.exit(2);
}
for (const s of SIZES) if (s !== 'seeds' && !(Number.isInteger(s) && s > 0)) die(`bad size in FAHRAS_BENCH_BUILD_SIZES: ${s}`);
if (!fs.existsSync(TIME)) die(`${TIME} is missing: install GNU time (Debian: apt-get install time)`);
if (!fs.existsSync(FAHRAS)) die(`${FAHRAS} is missing: cargo build --release -p fahras-cli --bin fahras (or set FAHRAS_BIN)`);
let PAGEFIND;
try {
  // The binary the `pagefind` npm command runs (pagefind_extended on linux-x64), run directly so
  // that node's wrapper process is neither timed nor measured.
  const { resolveBinaryPath } = await import(path.join(ROOT, 'node_modules', 'pagefind', 'lib', 'resolveBinary.js'));
  PAGEFIND = resolveBinaryPath(['pagefind_extended', 'pagefind']);
} catch (e) {
  die(`no pagefind binary (npm ci installs pagefind and @pagefind/linux-x64): ${e.message}`);
}
const version = (cmd, args) => {
  try { return execFileSync(cmd, args, { encoding: 'utf8' }).trim(); } catch { return null; }
};
const PAGEFIND_VERSION = version(PAGEFIND, ['--version']);

fs.mkdirSync(path.join(OUT, 'logs'), { recursive: true });
const STAMP = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const say = (s) => process.stderr.write(`\x1b[1mbench-build:\x1b[0m ${s}\n`);
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

// ---- inputs ---------------------------------------------------------------------------------

/** The corpus as one uncompressed .jsonl file (decompressed once into target/bench-build). */
function corpusJsonl() {
  if (!fs.existsSync(CORPUS)) die(`${CORPUS} is missing (set FAHRAS_BENCH_CORPUS)`);
  if (!CORPUS.endsWith('.xz')) return CORPUS;
  const plain = path.join(OUT, 'corpus.jsonl');
  if (!fs.existsSync(plain) || fs.statSync(plain).mtimeMs < fs.statSync(CORPUS).mtimeMs) {
    say(`decompressing ${CORPUS}`);
    execFileSync('sh', ['-c', 'xz -dc "$1" > "$2.part" && mv "$2.part" "$2"', 'sh', CORPUS, plain], { stdio: 'inherit' });
  }
  return plain;
}

let lines = null;
function corpusLines() {
  if (!lines) lines = fs.readFileSync(corpusJsonl(), 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines;
}

const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** A minimal news page: the title and the text's lines as paragraphs. */
function page(title, text) {
  const paras = String(text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
    .map((l) => `<p>${escape(l)}</p>`).join('\n');
  return `<!doctype html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${escape(title)}</title></head>`
    + `<body><article><h1>${escape(title)}</h1>\n${paras}\n</article></body></html>\n`;
}

function writePages(dir, articles) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  articles.forEach((a, i) => {
    const name = `${String(i).padStart(5, '0')}-${String(a.id).replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80)}.html`;
    fs.writeFileSync(path.join(dir, name), page(a.title, a.text));
  });
}

/** { label, n, fahrasInput, pages } for one size. */
function prepare(size) {
  const dir = path.join(OUT, 'input');
  if (size === 'seeds') {
    const files = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
    // A .txt seed is its title line, then one paragraph a line (as Fahras reads it).
    const articles = files.map((f) => {
      const [title, ...rest] = fs.readFileSync(path.join(SEEDS, f), 'utf8').split(/\r?\n/);
      return { id: path.basename(f, '.txt'), title: title.trim(), text: rest.join('\n') };
    });
    const pages = path.join(dir, 'pages-seeds');
    writePages(pages, articles);
    return { label: 'seeds', n: articles.length, fahrasInput: SEEDS, pages };
  }
  const all = corpusLines();
  if (size > all.length) die(`the corpus has ${all.length} articles, fewer than ${size}`);
  const chosen = all.slice(0, size);
  fs.mkdirSync(dir, { recursive: true });
  const jsonl = path.join(dir, `ant-${size}.jsonl`);
  fs.writeFileSync(jsonl, chosen.join('\n') + '\n');
  const pages = path.join(dir, `pages-${size}`);
  writePages(pages, chosen.map((l) => JSON.parse(l)));
  return { label: size.toLocaleString('en-US'), n: size, fahrasInput: jsonl, pages };
}

// ---- measuring ------------------------------------------------------------------------------

/** { bytes, files } of everything under `p` (a file or a folder). */
function du(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return { bytes: st.size, files: 1 };
  let bytes = 0, files = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    const s = du(path.join(p, e.name));
    bytes += s.bytes; files += s.files;
  }
  return { bytes, files };
}

/** Fields of `/usr/bin/time -v`. */
function parseTime(text) {
  const field = (re) => { const m = text.match(re); return m ? m[1] : null; };
  const clock = field(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/);
  const wall = clock ? clock.split(':').reduce((acc, x) => acc * 60 + Number(x), 0) : NaN;
  return {
    wall_s: wall,
    user_s: Number(field(/User time \(seconds\): ([\d.]+)/)),
    sys_s: Number(field(/System time \(seconds\): ([\d.]+)/)),
    cpu_percent: Number(field(/Percent of CPU this job got: (\d+)%/)),
    max_rss_kb: Number(field(/Maximum resident set size \(kbytes\): (\d+)/)),
    exit_status: Number(field(/Exit status: (\d+)/)),
  };
}

/** Runs `cmd args` under /usr/bin/time -v; its stdout and stderr go to logs/<tag>.{out,err}. */
function timed(tag, cmd, args) {
  const log = path.join(OUT, 'logs', tag);
  const load_before = loadavg();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-v', '-o', `${log}.time`, cmd, ...args], { cwd: ROOT, maxBuffer: 1 << 30 });
  const hrWall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) die(`${cmd}: ${r.error.message}`);
  fs.writeFileSync(`${log}.out`, r.stdout);
  fs.writeFileSync(`${log}.err`, r.stderr);
  const time = parseTime(fs.readFileSync(`${log}.time`, 'utf8'));
  return {
    ...time, wall_s_node: hrWall, status: r.status, signal: r.signal, load_before,
    stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), log,
  };
}

function runFahras(input, out, tag) {
  fs.rmSync(out, { recursive: true, force: true });
  const r = timed(tag, FAHRAS, ['build', input, '-o', out]);
  const sum = r.stdout.match(/fahras build: (\d+) article\(s\) \((\d+) dated\), (\d+) entities, (\d+) error\(s\), (\d+) warning\(s\)/);
  const files = fs.existsSync(out) ? fs.readdirSync(out) : [];
  const corpus = files.find((f) => /^corpus-.*\.fahras$/.test(f));
  const lines = (s) => s.split('\n').filter((l) => l.trim() !== '');
  return {
    ...pick(r),
    summary: lines(r.stdout).find((l) => l.startsWith('fahras build:')) || null,
    articles: sum ? Number(sum[1]) : null, dated: sum ? Number(sum[2]) : null,
    entities: sum ? Number(sum[3]) : null, errors: sum ? Number(sum[4]) : null,
    warnings: sum ? Number(sum[5]) : null,
    // "N warning(s): kind" lines of stderr; errors are printed one a line before them.
    // with the first one listed under each (the kind alone can be a bare word such as "article").
    warning_kinds: lines(r.stderr).flatMap((l, i, all) => (/^\d+ warning\(s\): /.test(l)
      ? [{ kind: l, first: (all[i + 1] || '').startsWith('  ') ? all[i + 1].trim() : null }] : [])),
    stdout_tail: lines(r.stdout).slice(-8), stderr_tail: lines(r.stderr).slice(-12),
    stderr_lines: lines(r.stderr).length,
    output: fs.existsSync(out) ? du(out) : { bytes: 0, files: 0 },
    corpus_file: corpus ? { name: corpus, bytes: fs.statSync(path.join(out, corpus)).size } : null,
    fahras_html_bytes: files.includes('fahras.html') ? fs.statSync(path.join(out, 'fahras.html')).size : null,
  };
}

function runPagefind(pages, out, tag) {
  fs.rmSync(out, { recursive: true, force: true });
  const r = timed(tag, PAGEFIND, ['--site', pages, '--output-path', out]);
  const indexed = r.stdout.match(/Indexed (\d+) pages?/);
  const words = r.stdout.match(/Indexed (\d+) words?/);
  const finished = r.stdout.match(/Finished in ([\d.]+) seconds/);
  return {
    ...pick(r),
    pages_indexed: indexed ? Number(indexed[1]) : null, words_indexed: words ? Number(words[1]) : null,
    reported_s: finished ? Number(finished[1]) : null,
    stdout_tail: r.stdout.split('\n').filter((l) => l.trim() !== '').slice(-12),
    output: fs.existsSync(out) ? du(out) : { bytes: 0, files: 0 },
  };
}

const pick = (r) => {
  const { stdout, stderr, ...rest } = r;
  return rest;
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** One figure per tool from its runs: medians of times, the largest peak. */
function combine(runs) {
  const last = runs[runs.length - 1];
  return {
    ...last,
    wall_s: median(runs.map((r) => r.wall_s)), user_s: median(runs.map((r) => r.user_s)),
    sys_s: median(runs.map((r) => r.sys_s)), max_rss_kb: Math.max(...runs.map((r) => r.max_rss_kb)),
    runs: runs.map((r) => ({ wall_s: r.wall_s, user_s: r.user_s, sys_s: r.sys_s, max_rss_kb: r.max_rss_kb, exit_status: r.exit_status, load_before: r.load_before })),
  };
}

// ---- the run --------------------------------------------------------------------------------

const git = (...a) => version('git', ['-C', ROOT, ...a]);
const run = {
  stamp: STAMP, started: new Date().toISOString(),
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, mem_total_mb: Math.round(os.totalmem() / 2 ** 20), node: process.version, load_start: loadavg() },
  fahras: { bin: FAHRAS, commit: git('rev-parse', 'HEAD'), // "dirty": what the binary is built from (crates, Cargo files) differs from the commit.
  dirty: (git('status', '--porcelain', '--', 'crates', 'Cargo.toml', 'Cargo.lock') || '') !== '' },
  pagefind: { bin: PAGEFIND, version: PAGEFIND_VERSION },
  corpus: CORPUS, reps: REPS, sizes: [],
};
say(`fahras ${FAHRAS}; ${PAGEFIND_VERSION} ${PAGEFIND}; ${REPS} run(s) each; load average ${loadavg()}`);

for (const size of SIZES) {
  say(`${size}: preparing the inputs`);
  const p = prepare(size);
  const fOut = path.join(OUT, 'out', `fahras-${size}`);
  const pOut = path.join(OUT, 'out', `pagefind-${size}`);
  const fr = [], pr = [];
  for (let i = 0; i < REPS; i++) {
    const fahrasFirst = i % 2 === 0;
    const order = fahrasFirst ? ['fahras', 'pagefind'] : ['pagefind', 'fahras'];
    for (const tool of order) {
      say(`${size}: ${tool} (run ${i + 1}/${REPS}; load average ${loadavg()})`);
      if (tool === 'fahras') fr.push(runFahras(p.fahrasInput, fOut, `${STAMP}-fahras-${size}-${i + 1}`));
      else pr.push(runPagefind(p.pages, pOut, `${STAMP}-pagefind-${size}-${i + 1}`));
    }
  }
  const f = combine(fr), pf = combine(pr);
  const entry = {
    size, label: p.label, articles_in: p.n,
    input: { fahras: { path: p.fahrasInput, ...du(p.fahrasInput) }, pagefind: { path: p.pages, ...du(p.pages) } },
    fahras: f, pagefind: pf, time_ratio: f.wall_s / pf.wall_s, cpu_ratio: (f.user_s + f.sys_s) / (pf.user_s + pf.sys_s),
  };
  run.sizes.push(entry);
  say(`${size}: fahras ${f.wall_s.toFixed(2)} s, ${(f.max_rss_kb / 1024).toFixed(0)} MB, exit ${f.exit_status}; `
    + `pagefind ${pf.wall_s.toFixed(2)} s, ${(pf.max_rss_kb / 1024).toFixed(0)} MB, exit ${pf.exit_status}`);
  fs.writeFileSync(path.join(OUT, `run-${STAMP}.json`), JSON.stringify(run, null, 2));
}
run.machine.load_end = loadavg();
run.finished = new Date().toISOString();
const jsonFile = path.join(OUT, `run-${STAMP}.json`);
fs.writeFileSync(jsonFile, JSON.stringify(run, null, 2));

// ---- the figures ----------------------------------------------------------------------------

const mb = (b) => (b / 2 ** 20).toFixed(b < 2 ** 20 ? 2 : 1);
const table = (head, rows) => {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join(' | ');
  return [line(head), w.map((x) => '-'.repeat(x)).join('-|-'), ...rows.map(line)].join('\n');
};
console.log(`== fahras build vs Pagefind (${PAGEFIND_VERSION}), side by side, one after the other; ${REPS === 1 ? 'one run each' : `median of ${REPS} runs, largest peak`}`);
console.log(`   machine: ${run.machine.cores} cores (${run.machine.cpu}), load average ${run.machine.load_start} at the start, ${run.machine.load_end} at the end; ${STAMP}`);
console.log(`   fahras ${run.fahras.commit?.slice(0, 12)}${run.fahras.dirty ? ' (dirty tree)' : ''}: ${FAHRAS}`);
console.log(`   inputs: Fahras one .jsonl of the first N ANT articles (seeds: the seeds/ folder); Pagefind the same articles as one HTML page each`);
console.log();
console.log(table(
  ['size', 'Fahras wall s', 'cpu s', 'peak MB', 'Pagefind wall s', 'cpu s', 'peak MB', 'Fahras÷Pagefind time', 'cpu'],
  run.sizes.map((s) => [
    s.label,
    s.fahras.wall_s.toFixed(2), (s.fahras.user_s + s.fahras.sys_s).toFixed(2), (s.fahras.max_rss_kb / 1024).toFixed(0),
    s.pagefind.wall_s.toFixed(2), (s.pagefind.user_s + s.pagefind.sys_s).toFixed(2), (s.pagefind.max_rss_kb / 1024).toFixed(0),
    s.time_ratio.toFixed(2), s.cpu_ratio.toFixed(2),
  ]),
));
console.log();
console.log('== output sizes (MB) and files written; inputs for comparison');
console.log(table(
  ['size', 'Fahras out', 'files', 'corpus file', 'fahras.html', 'Pagefind out', 'files', 'jsonl in', 'pages in'],
  run.sizes.map((s) => [
    s.label, mb(s.fahras.output.bytes), s.fahras.output.files,
    s.fahras.corpus_file ? mb(s.fahras.corpus_file.bytes) : '—', s.fahras.fahras_html_bytes != null ? mb(s.fahras.fahras_html_bytes) : '—',
    mb(s.pagefind.output.bytes), s.pagefind.output.files,
    mb(s.input.fahras.bytes), `${mb(s.input.pagefind.bytes)} (${s.input.pagefind.files})`,
  ]),
));
console.log();
console.log('== fahras build: exit status and summary (stderr in target/bench-build/logs)');
for (const s of run.sizes) {
  const f = s.fahras;
  console.log(`-- ${s.label}: exit ${f.exit_status}${f.signal ? ` (signal ${f.signal})` : ''}; ${f.summary ?? 'no summary line'}`);
  for (const k of f.warning_kinds) {
    console.log(`   ${k.kind}`);
    if (k.first) console.log(`     e.g. ${k.first.replaceAll(`${OUT}/`, '').slice(0, 220)}`);
  }
  const errLines = f.stderr_lines - f.stderr_tail.length;
  if (f.exit_status !== 0) {
    console.log(`   last lines of stderr${errLines > 0 ? ` (${errLines} more before)` : ''}:`);
    for (const l of f.stderr_tail) console.log(`     ${l}`);
  }
  const pfNote = s.pagefind.pages_indexed === s.articles_in ? '' : ` (expected ${s.articles_in})`;
  console.log(`   pagefind: exit ${s.pagefind.exit_status}; ${s.pagefind.pages_indexed ?? '?'} pages indexed${pfNote}, ${s.pagefind.words_indexed ?? '?'} words`);
}
console.log();
console.log(`JSON of the run: ${path.relative(ROOT, jsonFile)}`);
