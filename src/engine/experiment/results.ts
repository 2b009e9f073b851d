// What a finished (or cancelled) experiment holds: every run's step losses, and per run the three
// numbers its views and table show. A diverged run is kept and marked, never dropped: it is judged
// as the single run judges itself (divergence.ts), from its losses alone.
import { DivergenceWatch, windowFor } from '../divergence';
import type { ExperimentRun } from './spec';

export interface RunSummary {
  /** The mean batch loss of the run's last epoch (NaN or ±Infinity as they came). */
  finalLoss: number;
  /** 1-based: the first step whose batch loss is at most the target; null when none is. */
  stepsToTarget: number | null;
  diverged: boolean;
}

/** The summary of one run from its step losses (its epochs' steps in order). */
export function summarizeRun(losses: ArrayLike<number>, stepsPerEpoch: number, targetLoss: number): RunSummary {
  const steps = losses.length;
  let sum = 0;
  for (let i = steps - stepsPerEpoch; i < steps; i++) sum += losses[i];
  const finalLoss = steps >= stepsPerEpoch && stepsPerEpoch > 0 ? sum / stepsPerEpoch : Number.NaN;
  let stepsToTarget: number | null = null;
  for (let i = 0; i < steps; i++) {
    if (losses[i] <= targetLoss) {
      stepsToTarget = i + 1;
      break;
    }
  }
  const watch = new DivergenceWatch(windowFor(stepsPerEpoch));
  const diverged = watch.scan(losses) !== null || !Number.isFinite(finalLoss);
  return { finalLoss, stepsToTarget, diverged };
}

/** A run with its summary: a row of the results table and of the CSV. */
export interface ExperimentRow extends ExperimentRun, RunSummary {
  /** Steps the run trained (all of its epochs, or as far as a cancelled experiment got). */
  steps: number;
}

export interface ExperimentResults {
  rows: ExperimentRow[];
  /** Every run's step losses back to back: run r's from stepOffset[r]. */
  losses: Float32Array;
  stepOffset: Float64Array;
  stepsPerEpoch: Int32Array;
  epochs: number;
  targetLoss: number;
}

/** A run's step losses, a view into the results. */
export function runLosses(results: Pick<ExperimentResults, 'losses' | 'stepOffset'>, run: number): Float32Array {
  return results.losses.subarray(results.stepOffset[run], results.stepOffset[run + 1]);
}

export function summarizeExperiment(
  runs: readonly ExperimentRun[],
  losses: Float32Array,
  stepOffset: Float64Array,
  stepsPerEpoch: Int32Array,
  epochs: number,
  targetLoss: number,
): ExperimentResults {
  const rows = runs.map((run, r) => {
    const own = runLosses({ losses, stepOffset }, r);
    return { ...run, ...summarizeRun(own, stepsPerEpoch[r], targetLoss), steps: own.length };
  });
  return { rows, losses, stepOffset, stepsPerEpoch, epochs, targetLoss };
}
