// The loss chart's y axis when runs are compared: a diverged run (lr = 1 beside lr = 0.01) would
// stretch it to 1e35 and flatten every other curve on zero. The axis is chosen from the curves that
// did not diverge; a diverged one is clipped at the axis's top, where a marker says it left the scale.
import { decadeTicks, linearAxis, logDomain, type LossPoint } from './loss-series';

export interface DomainCurve {
  points: readonly LossPoint[];
  /** The run diverged (the worker's divergence watch said so, or it was pinned so). */
  diverged: boolean;
}

export interface LossAxis {
  domain: [number, number];
  ticks: number[];
  /** Diverged curves were left out of it: they are clipped, and marked where they leave it. */
  clips: boolean;
}

/**
 * The y axis that shows the curves that did not diverge in full (all curves when every one did, or
 * none has points yet): powers of ten on a log scale, 0 to a round number on a linear one.
 */
export function lossAxis(curves: readonly DomainCurve[], logScale: boolean): LossAxis {
  const kept = curves.filter((c) => !c.diverged && c.points.length > 0);
  const clips = kept.length > 0 && curves.some((c) => c.diverged && c.points.length > 0);
  const series = (kept.length > 0 ? kept : curves).map((c) => c.points as LossPoint[]);
  if (!logScale) return { ...linearAxis(series), clips };
  const domain = logDomain(series);
  return { domain, ticks: decadeTicks(domain), clips };
}

/**
 * Where a curve leaves the axis at its top: its first point above `top`, or, for a diverged curve
 * that ends (in NaN or infinity) without rising above it, its last point; null for a curve that
 * stays on the scale.
 */
export function offScalePoint(curve: DomainCurve, top: number): LossPoint | null {
  const above = curve.points.find((p) => p.loss > top);
  if (above) return above;
  return curve.diverged ? (curve.points.at(-1) ?? null) : null;
}
