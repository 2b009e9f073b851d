// What the gradient-noise figure draws, in gradient coordinates: the covariance ellipse of the
// batch-mean gradient and the box that holds the cloud, G, the step's batch and the origin.
import { symmetricEigen } from './linear-loss';
import { padded } from './ticks';

/** The k·σ ellipse of a 2-D covariance [a, c, d] around `center`, as `points` vertices. */
export function covarianceEllipse(
  center: [number, number],
  covariance: [number, number, number],
  k: number,
  points = 72,
): [number, number][] {
  const { values, vectors } = symmetricEigen(...covariance);
  const r1 = k * Math.sqrt(Math.max(values[0], 0));
  const r2 = k * Math.sqrt(Math.max(values[1], 0));
  return Array.from({ length: points + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / points;
    const a = r1 * Math.cos(t);
    const b = r2 * Math.sin(t);
    return [center[0] + a * vectors[0][0] + b * vectors[1][0], center[1] + a * vectors[0][1] + b * vectors[1][1]];
  });
}

/** x and y ranges that hold every given point (finite ones), padded. */
export function plotBox(points: Iterable<readonly [number, number]>): { x: [number, number]; y: [number, number] } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (x0 > x1) return { x: [-1, 1], y: [-1, 1] };
  return { x: padded(x0, x1), y: padded(y0, y1) };
}

/** The powers of ten from 10^floor(log10 lo) to 10^ceil(log10 hi): a log axis's ticks. */
export function decades(lo: number, hi: number): number[] {
  const from = Math.floor(Math.log10(lo));
  const to = Math.ceil(Math.log10(hi));
  return Array.from({ length: Math.max(to - from + 1, 1) }, (_, i) => Number(`1e${from + i}`));
}
