// The Node bench's figures from its repeated runs: the median and the whole range of each rate,
// and each engine's ratio to the JS floor taken run by run (both measured minutes apart at most,
// on the same machine), so a busy moment moves an engine and its floor together.
import type { EngineResult } from '../cases';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The median (the mean of the middle two for an even count) and the extremes; NaN for none. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Within these a float32 engine agrees with float64 (fidelity.md: 1e-4 relative plus 1e-6 absolute
 * per step); after thousands of steps, 1e-3. The absolute part is for losses near 0: the tutorial's
 * data lie on a line, so its loss goes to 0 and a relative error alone would refuse an exact kernel.
 */
export const FLOAT64_TOLERANCE = { checked: 1e-4, final: 1e-3, absolute: 1e-6 };

const finalAgrees = (r: RunResult) =>
  r.finalLoss === undefined ||
  Math.abs(r.finalLoss - r.finalLossFloat64!) <=
    FLOAT64_TOLERANCE.final * Math.abs(r.finalLossFloat64!) + FLOAT64_TOLERANCE.absolute;

export interface RunResult extends EngineResult {
  /** Which repetition (0-based) measured it; the floor of the same run and case is its divisor. */
  run: number;
}

export interface SummaryRow {
  caseId: string;
  engine: string;
  note?: string;
  runs: number;
  stepsPerSecond: Spread;
  samplesPerSecond: Spread;
  /** samples/s over the JS floor's in the same run and case. */
  vsJsFloor: Spread;
  /** The worst over runs: the checked steps' error against float64, and the final step's loss and parameters'. */
  maxRelativeErrorFloat64: number;
  finalRelativeErrorFloat64: number | null;
  finalParamsRelativeErrorFloat64: number;
  /** False when a loss left the float64 bounds: its speed is not a figure. */
  agreesWithFloat64: boolean;
}

export function summarize(results: readonly RunResult[], floor: string): SummaryRow[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    const key = `${r.caseId}\u0000${r.engine}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const floorOf = (r: RunResult) => results.find((f) => f.engine === floor && f.caseId === r.caseId && f.run === r.run);
  return [...groups.values()].map((runs) => {
    const ratios = runs.flatMap((r) => {
      const f = floorOf(r);
      return f ? [r.samplesPerSecond / f.samplesPerSecond] : [];
    });
    const checked = Math.max(...runs.map((r) => r.maxRelativeErrorFloat64 ?? NaN));
    const finals = runs.flatMap((r) =>
      r.finalRelativeErrorFloat64 === undefined ? [] : [r.finalRelativeErrorFloat64],
    );
    const final = finals.length ? Math.max(...finals) : null;
    const params = Math.max(0, ...runs.map((r) => r.finalParamsRelativeErrorFloat64 ?? 0));
    return {
      caseId: runs[0].caseId,
      engine: runs[0].engine,
      note: runs[0].note,
      runs: runs.length,
      stepsPerSecond: spread(runs.map((r) => r.stepsPerSecond)),
      samplesPerSecond: spread(runs.map((r) => r.samplesPerSecond)),
      vsJsFloor: spread(ratios),
      maxRelativeErrorFloat64: checked,
      finalRelativeErrorFloat64: final,
      finalParamsRelativeErrorFloat64: params,
      // Written so that NaN (an engine that posted nan losses) disagrees.
      agreesWithFloat64:
        checked <= FLOAT64_TOLERANCE.checked && params <= FLOAT64_TOLERANCE.final && runs.every(finalAgrees),
    };
  });
}
