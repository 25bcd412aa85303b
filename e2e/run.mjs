// Runs every e2e/*.test.mjs against dist/. `node e2e/run.mjs <substring>` runs matching tests only.
import fs from 'node:fs';
import path from 'node:path';
import { run, ROOT } from './harness.mjs';

const dir = path.join(ROOT, 'e2e');
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort()) {
  await import(path.join(dir, f));
}
const ok = await run(process.argv[2]);
process.exit(ok ? 0 : 1);
