// A SYNTHETIC corpus larger than the real one, for issue 17's 100,000-article figures: the ANT
// articles (../shared/corpora, real; citation in scripts/bench-hosted.sh) repeated, each copy after
// the first with varied text, so the dictionary and the posting lists grow as a larger corpus's
// would instead of repeating the same lists.
//
//   node bench/synth.mjs REAL.jsonl N OUT.jsonl
//
// Line i of OUT is real article i mod R (R real lines), copy k = floor(i / R). Copy 0 is the real
// article unchanged. A later copy keeps the article's fields and shape (source, author, date,
// category, the number of words in each paragraph) and gets a new id and url (suffix `-synth-k`);
// in its title, abstract and text, each word is kept with probability 0.7 and otherwise replaced
// by the word at the same place in another real article (chosen per word by a seeded generator):
// real Arabic words with their clitics and real spelling variants, in new mixtures, so new
// phrases, new co-occurrences and new rare words' neighbours appear. Deterministic: the same
// input gives the same bytes. Every synthetic line is marked `"synthetic": true`.
import fs from 'node:fs';
import readline from 'node:readline';

const [src, nArg, out] = process.argv.slice(2);
const N = Number(nArg);
if (!src || !out || !Number.isInteger(N) || N < 1) {
  console.error('usage: node bench/synth.mjs REAL.jsonl N OUT.jsonl');
  process.exit(2);
}

const real = [];
const rl = readline.createInterface({ input: fs.createReadStream(src), crlfDelay: Infinity });
for await (const line of rl) if (line.trim()) real.push(JSON.parse(line));
const R = real.length;
// Each real article's words, per field, for the replacements (split on spaces; paragraphs kept).
const words = real.map((a) => ({ title: (a.title || '').split(/\s+/).filter(Boolean), text: (a.text || '').split(/\s+/).filter(Boolean) }));

// mulberry32: a small seeded generator (the same bytes every run).
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vary(text, field, rand) {
  if (!text) return text;
  let w = 0;
  // Paragraph breaks and spaces are kept: only the words change.
  return text.replace(/\S+/g, (word) => {
    const at = w++;
    if (rand() < 0.7) return word;
    const other = words[Math.floor(rand() * R)][field];
    return other.length ? other[at % other.length] : word;
  });
}

const fd = fs.openSync(out, 'w');
let buf = '';
for (let i = 0; i < N; i++) {
  const a = real[i % R];
  const k = Math.floor(i / R);
  let line = a;
  if (k > 0) {
    const rand = rng(i * 2654435761 + k);
    const text = vary(a.text, 'text', rand);
    line = {
      ...a,
      id: `${a.id}-synth-${k}`,
      url: a.url ? `${a.url}#synth-${k}` : a.url,
      title: vary(a.title, 'title', rand),
      // The abstract is the text's opening in ANT: keep it the varied text's opening.
      abstract: a.abstract ? text.split(/\s+/).slice(0, a.abstract.split(/\s+/).length).join(' ') : a.abstract,
      text,
      synthetic: true,
    };
  }
  buf += JSON.stringify(line) + '\n';
  if (buf.length > 1 << 22) { fs.writeSync(fd, buf); buf = ''; }
}
fs.writeSync(fd, buf);
fs.closeSync(fd);
console.error(`synth: ${N} articles (${Math.min(N, R)} real, ${Math.max(0, N - R)} synthetic copies with varied words) → ${out}`);
