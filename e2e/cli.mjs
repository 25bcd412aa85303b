// Expected values come from the `fahras` CLI on the same corpus folder: the app must show what
// the core computed (the core's own tests pin the values themselves).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/** The release `fahras` binary, where cargo puts it (CARGO_TARGET_DIR when set, as CI may). */
export const FAHRAS_BIN = path.join(process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target'), 'release', 'fahras');

const cache = new Map();
export function fahras(...args) {
  const key = args.join('\u0000');
  if (!cache.has(key)) {
    // scripts/test.sh builds the CLI before the e2e step; fall back to cargo for a lone run.
    const bin = FAHRAS_BIN;
    const [cmd, argv] = fs.existsSync(bin) ? [bin, args] : ['cargo', ['run', '--release', '-q', '--bin', 'fahras', '--', ...args]];
    const out = execFileSync(cmd, argv, {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'],
    });
    cache.set(key, JSON.parse(out));
  }
  return cache.get(key);
}

export const CORPUS = process.env.FAHRAS_CORPUS ? path.resolve(process.env.FAHRAS_CORPUS) : path.join(ROOT, 'seeds');
export const articles = () => fahras('inspect', CORPUS, '--json');
export const search = (q) => fahras('search', CORPUS, q, '--json');
export const entities = () => fahras('entities', CORPUS, '--json');

/** Entities of one type, most widespread first. */
export function topEntities(type) {
  return entities().filter((e) => e.type === type).sort((a, b) => b.articles.length - a.articles.length || a.id.localeCompare(b.id));
}
