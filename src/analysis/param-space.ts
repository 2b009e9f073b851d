// What the parameter-space view draws for the linear model, in (w, b) coordinates: a window around
// the path, the full-data loss's level sets (exact ellipses: the loss is quadratic), and the step a
// mini-batch took next to the step the full data would have taken. Pure numbers; the view scales them.
import { fullGradient, fullLoss, symmetricEigen, type DataMoments } from './linear-loss';

export interface ParamPoint {
  w: number;
  b: number;
}

export interface ParamBox {
  wMin: number;
  wMax: number;
  bMin: number;
  bMax: number;
}

/**
 * A window holding every point (finite ones; a diverging path is followed only to 50× the start's
 * distance from the anchor, beyond that it runs off the edge), padded by 10% and never degenerate.
 */
export function paramBox(points: readonly ParamPoint[], anchor: ParamPoint | null): ParamBox {
  const first = points[0];
  const reach = anchor && first ? 50 * Math.max(Math.hypot(first.w - anchor.w, first.b - anchor.b), 1e-3) : Infinity;
  let wMin = Infinity;
  let wMax = -Infinity;
  let bMin = Infinity;
  let bMax = -Infinity;
  const take = (p: ParamPoint) => {
    if (!Number.isFinite(p.w) || !Number.isFinite(p.b)) return;
    if (anchor && Math.hypot(p.w - anchor.w, p.b - anchor.b) > reach) return;
    wMin = Math.min(wMin, p.w);
    wMax = Math.max(wMax, p.w);
    bMin = Math.min(bMin, p.b);
    bMax = Math.max(bMax, p.b);
  };
  points.forEach(take);
  if (anchor) take(anchor);
  if (!(wMin <= wMax)) return { wMin: -1, wMax: 1, bMin: -1, bMax: 1 };
  const pad = (lo: number, hi: number): [number, number] => {
    const span = Math.max(hi - lo, 0.05 * Math.max(Math.abs(lo), Math.abs(hi)), 0.5);
    const middle = (lo + hi) / 2;
    return [middle - 0.6 * span, middle + 0.6 * span];
  };
  const [w0, w1] = pad(wMin, wMax);
  const [b0, b1] = pad(bMin, bMax);
  return { wMin: w0, wMax: w1, bMin: b0, bMax: b1 };
}

/**
 * Loss values for the contours: geometric between the lowest and highest loss inside the box, so
 * the lines crowd where the bowl is steep and spread where it is flat, as on a topographic map.
 */
export function contourLevels(m: DataMoments, box: ParamBox, count = 10): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  const grid = 24;
  for (let i = 0; i <= grid; i++) {
    for (let j = 0; j <= grid; j++) {
      const w = box.wMin + ((box.wMax - box.wMin) * i) / grid;
      const b = box.bMin + ((box.bMax - box.bMin) * j) / grid;
      const l = fullLoss(m, w, b);
      lo = Math.min(lo, l);
      hi = Math.max(hi, l);
    }
  }
  if (!(hi > 0) || !Number.isFinite(hi)) return [];
  const low = Math.max(lo, hi * 1e-4);
  if (!(low < hi)) return [];
  const ratio = (hi / low) ** (1 / count);
  return Array.from({ length: count }, (_, k) => low * ratio ** k);
}

/**
 * The level set L(w, b) = level: an ellipse around the minimum `best` with semi-axes √(Δ/λᵢ) along
 * the eigenvectors of [[E[x²], E[x]], [E[x], 1]] (half the Hessian), Δ = level − L(best).
 */
export function levelEllipse(m: DataMoments, best: ParamPoint, level: number, vertices = 120): ParamPoint[] {
  const excess = level - fullLoss(m, best.w, best.b);
  if (!(excess > 0)) return [];
  const { values, vectors } = symmetricEigen(m.meanXX, m.meanX, 1);
  if (!(values[1] > 0)) return [];
  const r1 = Math.sqrt(excess / values[0]);
  const r2 = Math.sqrt(excess / values[1]);
  const [v1, v2] = vectors;
  return Array.from({ length: vertices + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / vertices;
    const a = r1 * Math.cos(t);
    const c = r2 * Math.sin(t);
    return { w: best.w + a * v1[0] + c * v2[0], b: best.b + a * v1[1] + c * v2[1] };
  });
}

export interface StepArrows {
  /** Where the parameters were before the step. */
  from: ParamPoint;
  /** The step SGD took: −lr·∇(batch loss), i.e. after − before. */
  batch: ParamPoint;
  /** The step full-batch gradient descent would have taken from the same point: −lr·∇L. */
  full: ParamPoint;
}

/** The batch's step comes from the parameters themselves (after − before), so it needs no data. */
export function stepArrows(m: DataMoments, before: ParamPoint, after: ParamPoint, learningRate: number): StepArrows {
  const [gw, gb] = fullGradient(m, before.w, before.b);
  return {
    from: before,
    batch: { w: after.w - before.w, b: after.b - before.b },
    full: { w: -learningRate * gw, b: -learningRate * gb },
  };
}
