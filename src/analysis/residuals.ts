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
