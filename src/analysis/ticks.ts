// Round axis ticks (1, 2 or 5 × 10^k apart) for the hand-drawn SVG charts.

export function niceTicks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const raw = (hi - lo) / Math.max(target - 1, 1);
  const decade = 10 ** Math.floor(Math.log10(raw));
  const nearest = [1, 2, 5, 10].reduce((best, m) =>
    Math.abs(Math.log((m * decade) / raw)) < Math.abs(Math.log((best * decade) / raw)) ? m : best,
  );
  const step = nearest * decade;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

/** A tick label: no float noise, compact for large and tiny values. */
export function tickLabel(t: number): string {
  if (t === 0) return '0';
  const a = Math.abs(t);
  // As many digits as the tick has (15000 is 1.5e4, not 2e4), float noise rounded off.
  if (a >= 1e4 || a < 1e-3) return Number(t.toPrecision(6)).toExponential().replace('e+', 'e');
  return String(Number(t.toPrecision(6)));
}

/** [lo, hi] widened by `fraction` of its span each side (or ±1 when it is a single value). */
export function padded(lo: number, hi: number, fraction = 0.06): [number, number] {
  if (!(hi > lo)) return [lo - 1, hi + 1];
  const pad = (hi - lo) * fraction;
  return [lo - pad, hi + pad];
}
