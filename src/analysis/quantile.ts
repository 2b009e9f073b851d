// Quantiles over seeds for the experiment's views. The method is R's type 7 (linear interpolation
// between order statistics, NumPy's default): with n sorted values x[0] ≤ … ≤ x[n−1], the p-quantile
// is x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) at h = (n − 1)p. +Infinity is a legal value (a run that
// diverged, or never reached the target): a quantile that falls on or past one is +Infinity, so a
// band can be open-ended, and the median of n values is finite exactly when more than half are.

/** An ascending copy in which NaN counts as +Infinity (a loss that is not a number is no better than an infinite one). */
export function sortedValues(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values, (v) => (Number.isNaN(v) ? Infinity : v));
  return sorted.sort();
}

/** The R-7 p-quantile of ascending values (NaN for none). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const a = sorted[lo];
  const t = h - lo;
  if (t === 0 || lo + 1 >= n) return a;
  const b = sorted[lo + 1];
  // Never 0 × Infinity or Infinity − Infinity: equal neighbours are the quantile themselves.
  if (a === b) return a;
  if (b === Infinity) return Infinity;
  return a + t * (b - a);
}

/** The 10%, 50% and 90% quantiles: the views' band and line. */
export interface Spread {
  low: number;
  median: number;
  high: number;
}

export const BAND_LOW = 0.1;
export const BAND_HIGH = 0.9;

export function spreadOf(values: ArrayLike<number>): Spread {
  const sorted = sortedValues(values);
  return {
    low: quantileSorted(sorted, BAND_LOW),
    median: quantileSorted(sorted, 0.5),
    high: quantileSorted(sorted, BAND_HIGH),
  };
}
