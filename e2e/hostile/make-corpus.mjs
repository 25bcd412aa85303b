// Writes a hostile corpus folder: markup, script URLs, HTML entities, bidi overrides and
// zero-width characters in article text, a 1 MB single line, a 10,000-character word, 45 short
// articles on one word (a long result list), plus one real seed so the page has ordinary content
// too. Built into its own dist by scripts/test.sh.
import fs from 'node:fs';
import path from 'node:path';

const out = path.resolve(process.argv[2] || 'target/hostile-corpus');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const seed = fs.readdirSync(path.join(root, 'seeds')).sort()[0];
fs.copyFileSync(path.join(root, 'seeds', seed), path.join(out, seed));

fs.writeFileSync(path.join(out, 'h1-markup.txt'), [
  'عنوان فيه <script>window.__pwned = "title"</script> وسم',
  '',
  'نص المقال <img src=x onerror="window.__pwned = \'img\'"> و <a href="javascript:window.__pwned=\'link\'">رابط خطير</a> و &lt;b&gt;غامق&lt;/b&gt; &amp; &#x3C;i&#x3E; كيان.',
  'سطر فيه \u202Eمعكوس الاتجاه\u202C و\u200Bصفر\u200Dعرض و\u2066عزل\u2069 ثم نهاية السطر.',
  '<style>body{display:none}</style> <iframe src="javascript:alert(1)"></iframe> {{7*7}} ${7*7}',
  '',
].join('\n'));
fs.writeFileSync(path.join(out, 'h2-longline.txt'), `سطر واحد طويل جدا\n\n${'كلمة عربية في سطر واحد طويل، '.repeat(20000)}النهاية.\n`);
fs.writeFileSync(path.join(out, 'h3-longword.txt'), `كلمة طويلة جدا\n\nقبل ${'ب'.repeat(10000)} بعد.\n`);
// Many short articles on one word: a result list longer than the app draws at once.
for (let i = 1; i <= 45; i++) {
  const n = String(i).padStart(2, '0');
  fs.writeFileSync(path.join(out, `many-${n}.txt`),
    `مقال قصير رقم ${i} عن القيسارية\n\nهذا نص قصير رقم ${i} عن القيسارية والحرفيين في المدينة، ${'وفيه كلام كثير. '.repeat(i % 7)}\n`);
}
console.log(`hostile corpus: ${out}`);
