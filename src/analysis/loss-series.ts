// Turns the run's loss columns into at most ~1,000 chart points per series (LTTB), and picks the
// y axis. Pure functions: the chart component only renders what these return.
import { niceTicks } from './ticks';
import { lttbIndices } from './lttb';

export const MAX_CHART_POINTS = 1000;

export interface LossPoint {
  step: number;
  loss: number;
}

let stepAxisCache = new Float64Array(0);

/** 1, 2, …, n as x values, without allocating 400,000 numbers every frame. */
function stepAxis(n: number): Float64Array {
  if (stepAxisCache.length < n) {
    stepAxisCache = Float64Array.from({ length: Math.max(n, 2 * stepAxisCache.length) }, (_, i) => i + 1);
  }
  return stepAxisCache.subarray(0, n);
}

/**
 * The plottable points of (xs, ys): finite, and positive on a log axis. Diverged runs (loss inf or
 * NaN) leave gaps instead of breaking the axis.
 */
export function plottablePoints(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  logScale: boolean,
  maxPoints = MAX_CHART_POINTS,
): LossPoint[] {
  const n = ys.length;
  const usable = (y: number) => Number.isFinite(y) && (!logScale || y > 0);
  let allUsable = true;
  for (let i = 0; i < n && allUsable; i++) allUsable = usable(ys[i]);
  let px: ArrayLike<number> = xs;
  let py: ArrayLike<number> = ys;
  if (!allUsable) {
    const fx: number[] = [];
    const fy: number[] = [];
    for (let i = 0; i < n; i++) {
      if (usable(ys[i])) {
        fx.push(xs[i]);
        fy.push(ys[i]);
      }
    }
    px = fx;
    py = fy;
  }
  return lttbIndices(px, py, maxPoints, py.length).map((i) => ({ step: px[i], loss: py[i] }));
}

export function stepLossPoints(stepLoss: Float64Array, logScale: boolean): LossPoint[] {
  return plottablePoints(stepAxis(stepLoss.length), stepLoss, logScale);
}

/** Powers of ten that cover [min, max] of the points, for a log axis that reads well. */
export function logDomain(series: readonly LossPoint[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const points of series) {
    for (const p of points) {
      lo = Math.min(lo, p.loss);
      hi = Math.max(hi, p.loss);
    }
  }
  if (!(lo <= hi)) return [0.01, 100];
  const low = 10 ** Math.floor(Math.log10(lo));
  const high = 10 ** Math.ceil(Math.log10(hi));
  return [low, high > low ? high : low * 10];
}

/** A tick per decade, or per 2, 5, 10, … decades when a diverged run spans 1 … 1e38. */
export function decadeTicks([lo, hi]: [number, number]): number[] {
  const first = Math.round(Math.log10(lo));
  const last = Math.round(Math.log10(hi));
  const every = [1, 2, 5, 10, 20, 50].find((k) => (last - first) / k <= 10) ?? 100;
  const ticks: number[] = [];
  for (let e = first; e <= last; e += every) ticks.push(Number(`1e${e}`));
  return ticks;
}

export type XAxisMode = 'step' | 'epoch';

export interface ChartPoint {
  /** A step (1-based) or, on the epoch axis, step / steps per epoch: epoch 3.5 is mid-epoch 4. */
  x: number;
  loss: number;
}

/** Points in the units of the x axis. Epoch means sit at the end of their epoch: x = e. */
export function onAxis(points: readonly LossPoint[], mode: XAxisMode, stepsPerEpoch: number): ChartPoint[] {
  const per = mode === 'epoch' ? Math.max(stepsPerEpoch, 1) : 1;
  return points.map((p) => ({ x: p.step / per, loss: p.loss }));
}

/**
 * The x axis's end: the whole run for short runs (so the curve grows into a fixed frame) and for
 * finished ones, a round number just past the newest step (at most the run's end) for long ones
 * under way, and never shorter than a pinned run.
 */
export function xAxisEnd(
  mode: XAxisMode,
  totalSteps: number,
  stepsDone: number,
  stepsPerEpoch: number,
  pinnedEnd = 0,
): number {
  const per = mode === 'epoch' ? Math.max(stepsPerEpoch, 1) : 1;
  const runEnd = Math.max(totalSteps, 1) / per;
  const whole = totalSteps <= WHOLE_RUN_AXIS_MAX || stepsDone >= totalSteps;
  // Never past the run's end: it would shrink back when the run finishes (and each change of axis
  // costs the chart a full redraw).
  const own = whole ? runEnd : Math.min(niceCeiling(stepsDone / per), runEnd);
  return Math.max(own, pinnedEnd, mode === 'epoch' ? 1 : 0);
}

/** Short runs get an x axis spanning the whole run; long ones one that grows with it. */
const WHOLE_RUN_AXIS_MAX = 2000;

/** A linear loss axis from 0 to a round number at or above every point, with its ticks. */
export function linearAxis(series: readonly (readonly LossPoint[])[]): { domain: [number, number]; ticks: number[] } {
  let top = 0;
  for (const points of series) for (const p of points) if (p.loss > top) top = p.loss;
  if (!(top > 0)) return { domain: [0, 1], ticks: [0, 0.5, 1] };
  const ticks = niceTicks(0, top, 5);
  const step = ticks[1] - ticks[0];
  while (ticks[ticks.length - 1] < top) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return { domain: [0, ticks[ticks.length - 1]], ticks };
}

/** The smallest of 1, 2, 5, 10, 20, 50, … that is ≥ n: an axis end that gives round ticks. */
export function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const decade = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * decade >= n) return step * decade;
  return 10 * decade;
}
