/** Percentiles, named sample series, number formatting and the latency table the benches print. */

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles, mean and max; NaN everywhere (n = 0) for no sample. */
export function summarize(xs: readonly number[]): Stats {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  if (!n) return { n: 0, p50: NaN, p95: NaN, p99: NaN, mean: NaN, max: NaN };
  const pct = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return { n, p50: pct(50), p95: pct(95), p99: pct(99), mean: sorted.reduce((a, b) => a + b, 0) / n, max: sorted[n - 1]! };
}

/** Samples by series name (e.g. 'get.route', 'get.route#server'). The functions need no `this`: destructure them freely. */
export function createSamples() {
  const series = new Map<string, number[]>();
  const record = (name: string, x: number) => {
    let s = series.get(name);
    if (!s) series.set(name, (s = []));
    s.push(x);
  };
  const get = (name: string): number[] | undefined => series.get(name);
  const stats = (name: string): Stats => summarize(series.get(name) ?? []);
  /** A row of the {@link STATS_TABLE_HEAD} table. */
  const row = (label: string, name: string) => statsRow(label, stats(name));
  return { record, get, stats, row };
}

/** Fixed decimals; '—' for NaN and ±Infinity (a series with no sample, a ratio to 0). f0 also groups thousands. */
export const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
export const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
export const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
export const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');

/** The Markdown head of a latency table; rows with {@link statsRow}. */
export const STATS_TABLE_HEAD: readonly string[] = ['| series | n | p50 ms | p95 ms | p99 ms | mean ms | max ms |', '|---|---:|---:|---:|---:|---:|---:|'];

export function statsRow(label: string, s: Stats): string {
  return `| ${label} | ${s.n} | ${f2(s.p50)} | ${f2(s.p95)} | ${f2(s.p99)} | ${f2(s.mean)} | ${f2(s.max)} |`;
}
