// Prints the size of what a reader downloads (raw and gzipped), so size regressions are seen.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] || 'dist';
let raw = 0, gz = 0;
for (const f of fs.readdirSync(dir).sort()) {
  if (f.startsWith('.')) continue;
  const p = path.join(dir, f);
  if (!fs.statSync(p).isFile()) continue;
  const b = fs.readFileSync(p);
  const g = zlib.gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += g;
  console.log(`size: ${f.padEnd(40)} ${(b.length / 1024).toFixed(1).padStart(8)} KB  ${(g / 1024).toFixed(1).padStart(8)} KB gzip`);
}
console.log(`size: ${'total'.padEnd(40)} ${(raw / 1024).toFixed(1).padStart(8)} KB  ${(gz / 1024).toFixed(1).padStart(8)} KB gzip`);
