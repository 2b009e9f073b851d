// A batch's residuals y − ŷ, the gaps the fit view draws: their mean square is the batch loss (MSE),
// so they must be taken at the parameters the loss was computed with, before the step's update.

export function batchResiduals(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  batch: readonly number[],
  predict: (x: number) => number,
): number[] {
  return batch.map((i) => y[i] - predict(x[i]));
}

/** The mean of the squares: nn.MSELoss of the batch, from its residuals. */
export function meanSquare(residuals: readonly number[]): number {
  let sum = 0;
  for (const r of residuals) sum += r * r;
  return residuals.length > 0 ? sum / residuals.length : Number.NaN;
}

/**
 * The fit view's y range: the data's, stretched to hold `reach` too (the initial line at the data's
 * x ends, where a run's longest residuals start), but never by more than the data's own span on either
 * side, so a line far off (a diverged run) does not squash the data.
 */
export function fitYRange(minY: number, maxY: number, reach: readonly number[]): [number, number] {
  const span = Math.max(maxY - minY, 1e-12);
  let lo = minY;
  let hi = maxY;
  for (const y of reach) {
    if (!Number.isFinite(y)) continue;
    lo = Math.min(lo, Math.max(y, minY - span));
    hi = Math.max(hi, Math.min(y, maxY + span));
  }
  return [lo, hi];
}
