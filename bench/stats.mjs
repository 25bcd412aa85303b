// Percentiles and summaries, shared by the Node runners and the benchmark page.

/** Nearest-rank percentile of an ascending array (the same rule as fahras-bench native). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

/** { n, p50, p95, max, mean } of a list of milliseconds. */
export function summarize(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(s.length, 1);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1], mean };
}

/** Formats milliseconds with a precision that suits their size. */
export function ms(x) {
  if (!Number.isFinite(x)) return '—';
  if (x < 1) return `${x.toFixed(3)} ms`;
  if (x < 10) return `${x.toFixed(2)} ms`;
  return `${x.toFixed(1)} ms`;
}
