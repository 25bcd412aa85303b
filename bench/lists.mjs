// The query list and the variant list of crates/fahras-bench, read with the same rules as its
// Rust code (`kind<TAB>query` and `query<TAB>ids`, `#` comments), so every benchmark runs the
// same queries.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIR = path.join(ROOT, 'crates', 'fahras-bench');

function rows(file) {
  const text = fs.readFileSync(file, 'utf8');
  const out = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${file}:${i + 1}: expected two tab-separated fields`);
    out.push([line.slice(0, tab), line.slice(tab + 1), i + 1]);
  });
  return out;
}

/** [{ kind, text }] from queries.txt. */
export function loadQueries() {
  return rows(path.join(DIR, 'queries.txt')).map(([kind, text]) => ({ kind: kind.trim(), text }));
}

/** [{ line, query, expected: [id prefix] }] from variants.tsv. */
export function loadVariants() {
  const file = path.join(DIR, 'variants.tsv');
  return rows(file).map(([query, ids, line]) => {
    const expected = ids.split(/\s+/).filter(Boolean);
    if (expected.length === 0) throw new Error(`${file}:${line}: no expected ids`);
    return { line, query, expected };
  });
}
