// The full-data MSE of the linear model y = w·x + b, from five data moments. For this model the loss
// is a quadratic in (w, b):
//   L(w, b) = E[(w·x + b − y)²] = w²·E[x²] + 2wb·E[x] + b² − 2w·E[xy] − 2b·E[y] + E[y²]
// so one pass over the data (even N = 1,000,000) gives its value, gradient, minimum and curvature
// anywhere — the parameter-space contours, the full-data gradient arrow and the stable learning
// rate all come from here, without touching the data again.

export interface DataMoments {
  n: number;
  meanX: number;
  meanXX: number;
  meanY: number;
  meanXY: number;
  meanYY: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** One float64 pass over the data. */
export function dataMoments(x: ArrayLike<number>, y: ArrayLike<number>): DataMoments {
  const n = Math.min(x.length, y.length);
  let sx = 0;
  let sxx = 0;
  let sy = 0;
  let sxy = 0;
  let syy = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    sx += xi;
    sxx += xi * xi;
    sy += yi;
    sxy += xi * yi;
    syy += yi * yi;
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  const d = Math.max(n, 1);
  return { n, meanX: sx / d, meanXX: sxx / d, meanY: sy / d, meanXY: sxy / d, meanYY: syy / d, minX, maxX, minY, maxY };
}

/** The full-data MSE at (w, b); never below 0 (rounding can push the exact formula a hair under). */
export function fullLoss(m: DataMoments, w: number, b: number): number {
  const value = w * w * m.meanXX + 2 * w * b * m.meanX + b * b - 2 * w * m.meanXY - 2 * b * m.meanY + m.meanYY;
  return Math.max(0, value);
}

/** ∇L at (w, b): [∂L/∂w, ∂L/∂b]. */
export function fullGradient(m: DataMoments, w: number, b: number): [number, number] {
  return [2 * (w * m.meanXX + b * m.meanX - m.meanXY), 2 * (w * m.meanX + b - m.meanY)];
}

/** Var(x) relative to E[x²] below this: all x (nearly) equal, and the minimum is a whole line. */
const DEGENERATE = 1e-12;

/** The least-squares (w, b), or null when every x is the same. */
export function optimum(m: DataMoments): { w: number; b: number } | null {
  const varX = m.meanXX - m.meanX * m.meanX;
  if (!(varX > DEGENERATE * Math.max(m.meanXX, 1))) return null;
  const w = (m.meanXY - m.meanX * m.meanY) / varX;
  return { w, b: m.meanY - w * m.meanX };
}

export interface Eigen2 {
  /** Eigenvalues, largest first. */
  values: [number, number];
  /** Unit eigenvectors, in the same order. */
  vectors: [[number, number], [number, number]];
}

/** Eigen-decomposition of the symmetric 2×2 matrix [[a, c], [c, d]]. */
export function symmetricEigen(a: number, c: number, d: number): Eigen2 {
  const mean = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, c);
  const l1 = mean + radius;
  const l2 = mean - radius;
  // (c, l1 − a) is an eigenvector for l1 unless c = 0 (already diagonal).
  let v1: [number, number];
  if (Math.abs(c) > 1e-300) {
    const len = Math.hypot(c, l1 - a);
    v1 = [c / len, (l1 - a) / len];
  } else {
    v1 = a >= d ? [1, 0] : [0, 1];
  }
  return { values: [l1, l2], vectors: [v1, [-v1[1], v1[0]]] };
}

/** The Hessian of L, 2·[[E[x²], E[x]], [E[x], 1]], decomposed. It is the same at every (w, b). */
export function lossHessian(m: DataMoments): Eigen2 {
  return symmetricEigen(2 * m.meanXX, 2 * m.meanX, 2);
}

/**
 * Full-batch gradient descent on a quadratic converges iff lr < 2/λmax: along the steepest direction
 * each step multiplies the distance to the minimum by |1 − lr·λmax|, which exceeds 1 beyond that.
 */
export function largestStableLearningRate(m: DataMoments): number {
  return 2 / lossHessian(m).values[0];
}

/**
 * The nice number (1, 2 or 5 × 10^k) nearest to `x` on a log scale, but never above `ceiling`.
 * Learning rates typed by people look like 0.01 or 0.005, not 0.00848.
 */
export function niceNumber(x: number, ceiling = Infinity): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const candidates: number[] = [];
  const top = Math.floor(Math.log10(x));
  for (let e = top - 1; e <= top + 1; e++) for (const m of [1, 2, 5]) candidates.push(cleanPow(m, e));
  let best = candidates[0];
  for (const c of candidates) {
    if (Math.abs(Math.log(c / x)) < Math.abs(Math.log(best / x))) best = c;
  }
  if (best <= ceiling) return best;
  const below = candidates.filter((c) => c <= ceiling);
  return below.length > 0 ? below[below.length - 1] : best;
}

/** m·10^e without 0.30000000000000004-style tails (0.01 rather than 1 × 0.01 = 0.010000000000000002). */
function cleanPow(m: number, e: number): number {
  return Number(`${m}e${e}`);
}

/**
 * A learning rate to suggest after a divergence: about a third of the largest stable one, rounded to a
 * nice number, and at most half of it (a margin for small batches, whose curvature is noisier).
 */
export function suggestedLearningRate(m: DataMoments): number {
  const stable = largestStableLearningRate(m);
  return niceNumber(stable / 3, stable / 2);
}
