// The run CSV's noise columns for the MLP: at the parameters before every step, tr Σ, |G|², the
// formula's E|g_B − G|² and B_simple over the training samples. One pass through the run: at each
// checkpoint the page kept (state/param-checkpoints.ts) the parameters start again from the run's
// own, and between checkpoints each step is replayed on its batch (mlp-replay.ts), exactly as the
// gradient-noise figure finds a pointed step's parameters, so a row and the figure agree. A full
// pass over the samples a step: O(steps × N × h). Runs in its own worker (worker/noise-csv-worker.ts).
import type { ActivationName } from '../engine/config';
import { replayMlp } from './mlp-replay';
import { noiseNumbers } from './noise-numbers';
import { mlpGradients } from './per-sample-gradients';

export interface MlpNoiseJob {
  /** The training samples (a validation split's held-out ones take no part in a step). */
  x: Float32Array;
  y: Float32Array;
  hiddenUnits: number;
  activation: ActivationName;
  learningRate: number;
  batchSize: number;
  replacement: boolean;
  /** Rows: steps 0 … steps − 1. */
  steps: number;
  /** The checkpoints' steps done, increasing, and their parameters back to back (3h + 1 each). */
  checkpointSteps: Int32Array;
  checkpointParams: Float32Array;
  /** Every step's batch as positions in x and y, back to back; a length of −1: its indices are gone. */
  order: Int32Array;
  lengths: Int32Array;
}

/** Four numbers a row (trace, |G|², variance, B_simple); `known[s]` is 0 where the parameters are not. */
export interface MlpNoiseRows {
  values: Float64Array;
  known: Uint8Array;
}

export const NOISE_VALUES_PER_ROW = 4;

/** Every row's numbers; `progress` is told the rows done now and then. */
export function mlpNoiseRows(job: MlpNoiseJob, progress?: (rowsDone: number) => void): MlpNoiseRows {
  const { x, y, hiddenUnits: h, activation, steps } = job;
  const dim = 3 * h + 1;
  const values = new Float64Array(NOISE_VALUES_PER_ROW * steps);
  const known = new Uint8Array(steps);
  const every = Math.max(1, Math.ceil(steps / 100));
  let params: Float64Array | null = null;
  let checkpoint = 0;
  let at = 0;
  for (let s = 0; s < steps; s++) {
    while (checkpoint < job.checkpointSteps.length && job.checkpointSteps[checkpoint] <= s) {
      if (job.checkpointSteps[checkpoint] === s) {
        params = Float64Array.from(job.checkpointParams.subarray(checkpoint * dim, (checkpoint + 1) * dim));
      }
      checkpoint++;
    }
    if (params) {
      const noise = noiseNumbers(mlpGradients(x, y, params, h, activation), job.batchSize, job.replacement);
      values.set([noise.trace, noise.gradNormSq, noise.variance, noise.noiseScale], NOISE_VALUES_PER_ROW * s);
      known[s] = 1;
    }
    const length = job.lengths[s];
    if (length < 0)
      params = null; // the chain breaks until the next checkpoint
    else {
      const batch = job.order.subarray(at, at + length);
      at += length;
      if (params && s + 1 < steps) {
        const one = {
          order: batch,
          lengths: Int32Array.of(length),
          learningRate: job.learningRate,
          hiddenUnits: h,
          activation,
        };
        params = replayMlp(x, y, params, one);
      }
    }
    if ((s + 1) % every === 0) progress?.(s + 1);
  }
  return { values, known };
}
