// Gradient noise at one point of a run: the full-data gradient G, the population covariance Σ of
// the per-sample gradients g_i (divide by N), and the spread of the batch-mean gradient g_B,
//   E|g_B − G|² = tr Σ / B · (N − B)/(N − 1)   without replacement (B distinct samples),
//   E|g_B − G|² = tr Σ / B                    with replacement,
// next to the same mean measured over every batch there is (or over drawn ones), and the simple
// noise scale B_simple = tr Σ / |G|² (McCandlish et al. 2018, "An Empirical Model of Large-Batch
// Training"). The picture is a plane: the linear model's own (∂/∂w, ∂/∂b); for the MLP the plane of
// G and the direction of largest variance (Σ's top eigenvector). Every number is computed in full
// dimension. float64 throughout; DOM-free, so the figure's worker and the tests run the same code.
import {
  DrawnBatches,
  drawsSequentially,
  forEachBatch,
  MAX_BATCHES,
  noiseSeed,
  planBatches,
  type BatchPlan,
} from './noise-batches';
import type { GradientSource } from './per-sample-gradients';

/** E|g_B − G|² for batches of b out of n samples. */
export function expectedBatchNoise(trace: number, n: number, b: number, replacement: boolean): number {
  return batchCovarianceFactor(n, b, replacement) * trace;
}

/** c such that the covariance of g_B is c·Σ: (N − B)/(B(N − 1)) without replacement, 1/B with it. */
export function batchCovarianceFactor(n: number, b: number, replacement: boolean): number {
  if (replacement) return 1 / b;
  return n <= 1 ? 0 : (n - b) / (b * (n - 1));
}

/** tr Σ / |G|²; Infinity at a stationary point (G = 0) with noise left. */
export const noiseScale = (trace: number, gradNormSq: number): number => trace / gradNormSq;

/**
 * Work the first answer's drawn batches may cost, in sample visits weighted by 1 + dim/8 (a visit
 * is a random read, a cache miss at large N, plus the gradient's coordinates), and the fewest drawn
 * however large B is. A drawn batch costs O(B) visits, so 5,000 of them at B in the tens of
 * thousands would hold the first picture long after the step it is about: it comes with what the
 * budget affords, and the rest are drawn after it (startGradientNoise's refinement), to 5,000.
 * 5,000 batches of up to ~1,000 samples fit at once for the linear model, of a few hundred for a
 * small MLP.
 */
export const DRAW_BUDGET = 6e6;
const MIN_DRAWN = 10;
/** The curve's measured points: their work together, the most drawn at one B, the fewest that make a point. */
export const CURVE_BUDGET = 3e6;
export const CURVE_MAX_DRAWN = 300;
const CURVE_MIN_DRAWN = 2;
/** Every batch size gets a measured point up to this N; above it about CURVE_SIZES log-spaced ones. */
const CURVE_EVERY_B = 64;
const CURVE_SIZES = 24;
/** Deviations g_i − G are kept when they fit in this many doubles; else recomputed per use. */
const CACHE_DOUBLES = 4e6;
/** Samples (× coordinates) the power iteration for the MLP's second axis works on. */
const DIRECTION_DOUBLES = 1e6;
const POWER_ITERATIONS = 100;

export interface NoiseOptions {
  /** The run's batch size (PyTorch gives one batch of N when it is larger). */
  batchSize: number;
  replacement: boolean;
  /** Seeds the drawn batches (noiseSeed(seed, step)). */
  seed: number;
  /** The step's own batch, to be marked; null when it is not known. */
  actualBatch: ArrayLike<number> | null;
  /** Most batches to draw when they cannot all be enumerated (MAX_BATCHES, the default, at most). */
  maxDrawn?: number;
}

/** The mean of |g_B − G|² over the batches of one size, enumerated or drawn. */
export interface MeasuredSpread {
  b: number;
  value: number;
  /** The standard deviation of |g_B − G|² over those batches. */
  sd: number;
  batches: number;
  enumerated: boolean;
}

export interface GradientNoise {
  n: number;
  dim: number;
  /** The batch size the cloud is for: min(B, N). */
  batchSize: number;
  replacement: boolean;
  gradient: Float64Array;
  gradNormSq: number;
  trace: number;
  noiseScale: number;
  varianceFormula: number;
  enumerated: boolean;
  batchesDrawn: number;
  /** The batches there will be once every one is drawn: batchesDrawn, or more while a refinement goes on. */
  batchesPlanned: number;
  /** Mean of |g_B − G|² over the batches, and the standard deviation of those values. */
  varianceMeasured: number;
  varianceMeasuredSd: number;
  /**
   * 'parameters': the axes are ∂/∂w and ∂/∂b; 'gradient-top': unit G and Σ's top eigenvector made
   * orthogonal to G (the plane of G and the largest-variance direction).
   */
  axes: 'parameters' | 'gradient-top';
  u: Float64Array;
  v: Float64Array;
  /** Σ's top eigenvector v1 (the MLP's; null for the linear model's parameter plane). */
  topDirection: Float64Array | null;
  /** G in the plane's coordinates. */
  center: [number, number];
  /** Σ projected on the plane: [uΣu, uΣv, vΣv]. */
  planeCovariance: [number, number, number];
  /** The batch-mean gradient's covariance is this times Σ. */
  batchFactor: number;
  /** Each batch's g_B in the plane, x then y. */
  cloud: Float64Array;
  actual: { x: number; y: number; size: number; distanceSq: number } | null;
  /** E|g_B − G|² measured at a set of batch sizes (the figure's B among them, and B = N), by B. */
  curveMeasured: MeasuredSpread[];
  /** Samples the MLP's second axis was found from (N, or evenly spaced ones of a large N). */
  directionSamples: number;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
};

/** The deviations d_i = g_i − G: copied out, or added into a sum. */
interface Deviations {
  into(i: number, out: Float64Array): void;
  addTo(i: number, sum: Float64Array): void;
  /** Every d_i, sample after sample, when they fit in memory: a batch's sum reads them in place. */
  cache: Float64Array | null;
}

/** From a cache when they fit (read in place: a batch costs its indices, not a gradient each), else recomputed. */
function deviations(source: GradientSource, gradient: Float64Array): Deviations {
  const { n, dim } = source;
  const g = new Float64Array(dim);
  if (n * dim > CACHE_DOUBLES) {
    return {
      into(i, out) {
        source.gradInto(i, out);
        for (let k = 0; k < dim; k++) out[k] -= gradient[k];
      },
      addTo(i, sum) {
        source.gradInto(i, g);
        for (let k = 0; k < dim; k++) sum[k] += g[k] - gradient[k];
      },
      cache: null,
    };
  }
  const cache = new Float64Array(n * dim);
  for (let i = 0, at = 0; i < n; i++) {
    source.gradInto(i, g);
    for (let k = 0; k < dim; k++) cache[at++] = g[k] - gradient[k];
  }
  return {
    into(i, out) {
      for (let k = 0, at = i * dim; k < dim; k++) out[k] = cache[at + k];
    },
    addTo(i, sum) {
      for (let k = 0, at = i * dim; k < dim; k++) sum[k] += cache[at + k];
    },
    cache,
  };
}

/**
 * The unit top eigenvector of the rows' second-moment matrix by power iteration, each iterate passed
 * through `project` (which returns its norm after projecting); null when the iterates vanish.
 */
function powerIteration(
  rows: Float64Array,
  count: number,
  dim: number,
  project: (x: Float64Array) => number,
): Float64Array | null {
  let v = new Float64Array(dim);
  for (let k = 0; k < dim; k++) v[k] = 1 + k / dim; // deterministic, not orthogonal to much
  let norm = project(v);
  for (let iteration = 0; iteration < POWER_ITERATIONS && norm > 0; iteration++) {
    for (let k = 0; k < dim; k++) v[k] /= norm;
    const next = new Float64Array(dim);
    for (let r = 0; r < count; r++) {
      const row = rows.subarray(r * dim, (r + 1) * dim);
      const c = dot(row, v);
      for (let k = 0; k < dim; k++) next[k] += c * row[k];
    }
    norm = project(next);
    let change = 0;
    for (let k = 0; k < dim; k++) change = Math.max(change, Math.abs(next[k] / (norm || 1) - v[k]));
    v = next;
    if (change < 1e-10) break;
  }
  if (!(norm > 0)) return null;
  for (let k = 0; k < dim; k++) v[k] /= norm;
  return v;
}

/** Below this |v1 − (v1·u)u|, v1 is taken as parallel to G: the plane of G and v1 is no plane. */
const PARALLEL = 1e-6;

/**
 * The plane's second axis: Σ's top eigenvector v1 (the direction of largest variance) made
 * orthogonal to u = G/|G|, so that the plane is span(G, v1) as the figure says. When v1 lies along G
 * (or Σ = 0) that span is a line, and the axis is the largest-variance direction orthogonal to G
 * instead (power iteration on (I − uuᵀ)Σ(I − uuᵀ)), or any unit vector ⟂ u when there is none.
 */
function secondAxis(
  rows: Float64Array,
  count: number,
  dim: number,
  u: Float64Array,
): { v: Float64Array; top: Float64Array | null } {
  const orthogonalise = (x: Float64Array) => {
    const c = dot(x, u);
    for (let k = 0; k < dim; k++) x[k] -= c * u[k];
    return Math.hypot(...x);
  };
  const top = powerIteration(rows, count, dim, (x) => Math.hypot(...x));
  if (top) {
    const v = Float64Array.from(top);
    const norm = orthogonalise(v);
    if (norm > PARALLEL) return { v: v.map((vk) => vk / norm), top };
  }
  const projected = powerIteration(rows, count, dim, orthogonalise);
  if (projected) return { v: projected, top };
  // No variance off G: take the axis u leans on least.
  let least = 0;
  for (let k = 1; k < dim; k++) if (Math.abs(u[k]) < Math.abs(u[least])) least = k;
  const v = new Float64Array(dim);
  v[least] = 1;
  const norm = orthogonalise(v);
  return { v: v.map((vk) => vk / norm), top };
}

function planeAxes(
  source: GradientSource,
  gradient: Float64Array,
  deviation: Deviations,
): { u: Float64Array; v: Float64Array; top: Float64Array | null; directionSamples: number } {
  const { n, dim } = source;
  if (dim === 2) return { u: Float64Array.of(1, 0), v: Float64Array.of(0, 1), top: null, directionSamples: n };
  const norm = Math.hypot(...gradient);
  const u = new Float64Array(dim);
  if (norm > 0) for (let k = 0; k < dim; k++) u[k] = gradient[k] / norm;
  else u[0] = 1;
  const count = Math.max(1, Math.min(n, Math.floor(DIRECTION_DOUBLES / dim)));
  const rows = new Float64Array(count * dim);
  for (let r = 0; r < count; r++) deviation.into(Math.floor((r * n) / count), rows.subarray(r * dim, (r + 1) * dim));
  return { u, ...secondAxis(rows, count, dim, u), directionSamples: count };
}

/**
 * The work of one drawn batch of size b, in visits: the indices it reads (the smaller side) ×
 * (1 + dim/8), a random read and the gradient's coordinates. A batch selected in one pass over the
 * data (noise-batches.ts) reads its indices in order, not at random: the pass and the reads cost
 * about a sixteenth of a random visit a sample, the coordinates as much as ever.
 */
function batchCost(n: number, b: number, dim: number, replacement: boolean): number {
  const length = Math.max(1, replacement || 2 * b <= n ? b : n - b);
  if (!drawsSequentially(n, length, replacement)) return length * (1 + dim / 8);
  return (n + length) / 16 + (length * dim) / 8;
}

/** The batch's mean deviation from its indices, into `sum` (itself, or minus the complement's sum); |·|². */
function meanDeviation(
  deviation: Deviations,
  sum: Float64Array,
  indices: ArrayLike<number>,
  length: number,
  sign: number,
  size: number,
): number {
  sum.fill(0);
  const { cache } = deviation;
  if (cache && sum.length === 2) {
    // The linear model, whose batches run to a million samples: two running sums, no call a sample.
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < length; j++) {
      const at = 2 * indices[j];
      s0 += cache[at];
      s1 += cache[at + 1];
    }
    sum[0] = s0;
    sum[1] = s1;
  } else {
    for (let j = 0; j < length; j++) deviation.addTo(indices[j], sum);
  }
  for (let k = 0; k < sum.length; k++) sum[k] *= sign / size;
  return dot(sum, sum);
}

/** Mean and standard deviation of |g_B − G|² over the batches seen so far. */
class SpreadSum {
  count = 0;
  private total = 0;
  private totalSq = 0;
  add(distanceSq: number): void {
    this.total += distanceSq;
    this.totalSq += distanceSq * distanceSq;
    this.count += 1;
  }
  get mean(): number {
    return this.total / this.count;
  }
  get sd(): number {
    const { count, mean } = this;
    return count > 1 ? Math.sqrt(Math.max(0, (this.totalSq - count * mean * mean) / (count - 1))) : 0;
  }
}

/** Mean and standard deviation of |g_B − G|² over the plan's batches. */
function measureSpread(
  deviation: Deviations,
  sum: Float64Array,
  n: number,
  b: number,
  replacement: boolean,
  plan: BatchPlan,
  seed: number,
): { mean: number; sd: number; count: number } {
  const spread = new SpreadSum();
  forEachBatch(n, replacement, plan, seed, (indices, length, complement) => {
    spread.add(meanDeviation(deviation, sum, indices, length, complement ? -1 : 1, b));
  });
  return { mean: spread.mean, sd: spread.sd, count: spread.count };
}

/** The batch sizes the curve measures: every B up to CURVE_EVERY_B samples, else log-spaced ones; always 1, B and N. */
export function curveSizes(n: number, b: number): number[] {
  const sizes = new Set<number>([1, b, n]);
  if (n <= CURVE_EVERY_B) for (let k = 1; k <= n; k++) sizes.add(k);
  else for (let k = 0; k < CURVE_SIZES; k++) sizes.add(Math.round(Math.exp((Math.log(n) * k) / (CURVE_SIZES - 1))));
  return [...sizes].sort((p, q) => p - q);
}

/**
 * E|g_B − G|² measured at curveSizes(n, b): enumerated where there are at most MAX_BATCHES batches,
 * else up to CURVE_MAX_DRAWN drawn as the sampler draws (seeded by the figure's seed and B). The
 * sizes share CURVE_BUDGET in increasing B, what a small B leaves passing on to the larger ones; a
 * size that cannot afford CURVE_MIN_DRAWN batches is left without a point, except B = N (the
 * curve's end). The figure's own B is the measurement already made.
 */
function measureCurve(
  deviation: Deviations,
  sum: Float64Array,
  n: number,
  dim: number,
  replacement: boolean,
  seed: number,
  own: MeasuredSpread,
): MeasuredSpread[] {
  const sizes = curveSizes(n, own.b);
  const points: MeasuredSpread[] = [];
  let left = CURVE_BUDGET;
  sizes.forEach((size, k) => {
    if (size === own.b) {
      points.push(own);
      return;
    }
    const cost = batchCost(n, size, dim, replacement);
    const affordable = Math.min(CURVE_MAX_DRAWN, Math.floor(left / ((sizes.length - k) * cost)));
    const plan = planBatches(n, size, replacement, Math.max(CURVE_MIN_DRAWN, affordable));
    if (!plan.enumerated && affordable < CURVE_MIN_DRAWN && size !== n) return;
    const spread = measureSpread(deviation, sum, n, size, replacement, plan, noiseSeed(seed, size));
    left -= spread.count * cost;
    points.push({ b: size, value: spread.mean, sd: spread.sd, batches: spread.count, enumerated: plan.enumerated });
  });
  return points;
}

/** What comes after a first answer whose batches were not all drawn: the rest, a share at a time. */
export interface NoiseRefinement {
  readonly complete: boolean;
  /**
   * Draws the next batches, about `work` visits' worth (batchCost) and at least one, and returns
   * the picture of every batch drawn so far: after the last, the picture one pass would have drawn.
   */
  more(work: number): GradientNoise;
}

/** The picture with what DRAW_BUDGET affords, and the refinement that draws the rest (null when none is left). */
export function startGradientNoise(
  source: GradientSource,
  options: NoiseOptions,
): { result: GradientNoise; refinement: NoiseRefinement | null } {
  const { n, dim } = source;
  const b = Math.max(1, Math.min(options.batchSize, n));
  const { replacement } = options;
  const g = new Float64Array(dim);
  const gradient = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    source.gradInto(i, g);
    for (let k = 0; k < dim; k++) gradient[k] += g[k];
  }
  for (let k = 0; k < dim; k++) gradient[k] /= n;
  const deviation = deviations(source, gradient);

  // tr Σ and Σ in the plane, from the deviations (no cancellation of E|g|² against |G|²).
  const { u, v, top, directionSamples } = planeAxes(source, gradient, deviation);
  let trace = 0;
  let suu = 0;
  let suv = 0;
  let svv = 0;
  for (let i = 0; i < n; i++) {
    deviation.into(i, g);
    trace += dot(g, g);
    const p = dot(g, u);
    const q = dot(g, v);
    suu += p * p;
    suv += p * q;
    svv += q * q;
  }
  trace /= n;
  const gradNormSq = dot(gradient, gradient);
  const center: [number, number] = [dot(gradient, u), dot(gradient, v)];

  const plan = planBatches(n, b, replacement, Math.min(MAX_BATCHES, options.maxDrawn ?? MAX_BATCHES));
  const cost = batchCost(n, b, dim, replacement);
  const cloud = new Float64Array(2 * plan.count);
  const sum = new Float64Array(dim);
  const spread = new SpreadSum();
  const record = (distanceSq: number) => {
    cloud[2 * spread.count] = center[0] + dot(sum, u);
    cloud[2 * spread.count + 1] = center[1] + dot(sum, v);
    spread.add(distanceSq);
  };
  const drawn = plan.enumerated ? null : new DrawnBatches(n, replacement, plan, options.seed);
  const drawUpTo = (count: number) => {
    if (!drawn) return;
    const sign = plan.complement ? -1 : 1;
    while (!drawn.done && drawn.drawn < count) {
      drawn.next();
      record(meanDeviation(deviation, sum, drawn.indices, plan.length, sign, b));
    }
  };
  if (drawn) drawUpTo(Math.max(MIN_DRAWN, Math.floor(DRAW_BUDGET / cost)));
  else
    forEachBatch(n, replacement, plan, options.seed, (indices, length, complement) =>
      record(meanDeviation(deviation, sum, indices, length, complement ? -1 : 1, b)),
    );

  const own = (): MeasuredSpread => ({
    b,
    value: spread.mean,
    sd: spread.sd,
    batches: spread.count,
    enumerated: plan.enumerated,
  });
  const curve = measureCurve(deviation, sum, n, dim, replacement, options.seed, own());

  let actual: GradientNoise['actual'] = null;
  if (options.actualBatch && options.actualBatch.length > 0) {
    const size = options.actualBatch.length;
    const distanceSq = meanDeviation(deviation, sum, options.actualBatch, size, 1, size);
    actual = { x: center[0] + dot(sum, u), y: center[1] + dot(sum, v), size, distanceSq };
  }

  const batchFactor = batchCovarianceFactor(n, b, replacement);
  const picture = (): GradientNoise => ({
    n,
    dim,
    batchSize: b,
    replacement,
    gradient: gradient.slice(),
    gradNormSq,
    trace,
    noiseScale: noiseScale(trace, gradNormSq),
    varianceFormula: batchFactor * trace,
    enumerated: plan.enumerated,
    batchesDrawn: spread.count,
    batchesPlanned: plan.count,
    varianceMeasured: spread.mean,
    varianceMeasuredSd: spread.sd,
    curveMeasured: curve.map((point) => (point.b === b ? own() : point)),
    axes: dim === 2 ? 'parameters' : 'gradient-top',
    u: u.slice(),
    v: v.slice(),
    topDirection: top,
    center,
    planeCovariance: [suu / n, suv / n, svv / n],
    batchFactor,
    cloud: cloud.slice(0, 2 * spread.count),
    actual,
    directionSamples,
  });
  const refinement: NoiseRefinement | null =
    drawn && !drawn.done
      ? {
          get complete() {
            return drawn.done;
          },
          more(work) {
            drawUpTo(drawn.drawn + Math.max(1, Math.floor(work / cost)));
            return picture();
          },
        }
      : null;
  return { result: picture(), refinement };
}

/** The picture with what DRAW_BUDGET affords (startGradientNoise without the refinement). */
export function gradientNoise(source: GradientSource, options: NoiseOptions): GradientNoise {
  return startGradientNoise(source, options).result;
}

/** The formula's curve E|g_B − G|² over B = 1 … N, at up to `points` log-spaced batch sizes. */
export function noiseCurve(
  trace: number,
  n: number,
  replacement: boolean,
  points = 96,
): { b: number; value: number }[] {
  const sizes = new Set<number>();
  for (let k = 0; k < points; k++) sizes.add(Math.round(Math.exp((Math.log(n) * k) / Math.max(points - 1, 1))));
  sizes.add(1);
  sizes.add(n);
  return [...sizes].sort((a, b) => a - b).map((b) => ({ b, value: expectedBatchNoise(trace, n, b, replacement) }));
}
