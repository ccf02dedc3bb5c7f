/** Small statistics helpers: percentiles of samples, and median/min/max of repeated runs. */

export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values) => percentile(values, 50);

export function mean(values) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Median and spread (min–max) of one figure over several runs; null runs (not measured) are dropped. */
export function summarize(runs) {
  const ok = runs.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (!ok.length) return { median: null, min: null, max: null, runs };
  return { median: median(ok), min: Math.min(...ok), max: Math.max(...ok), runs };
}

export const round = (v, digits = 2) => (v === null || v === undefined ? null : Number(v.toFixed(digits)));
