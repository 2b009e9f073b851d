// The MLP's parameters before a step the page holds no checkpoint for: the steps since the newest
// checkpoint replayed, each on its own batch, with the engine's float32 step (mlpStepFloat32:
// PyTorch 1.13's CPU arithmetic, bit for bit on the fixture runs but one, docs/fidelity.md). The run
// itself trained on the app's backend (the fused WebGPU kernel is within 2e-5 of PyTorch's float32),
// so a replay is PyTorch's arithmetic started from the run's own parameters: exact where the
// backend is, within that distance elsewhere. Used by the gradient-noise worker, never on the page.
import type { ActivationName } from '../engine/config';
import { mlpStepFloat32 } from '../engine/mlp-reference';

/**
 * The work of replaying a batch of `samples` at `hidden` units: the float32 step's time and memory
 * grow with samples × (hidden + 8), its per-sample arrays and bookkeeping counting for about 8
 * units (measured: about 0.4 µs a unit in Node on a 2-core machine).
 */
export const replayWork = (samples: number, hidden: number): number => samples * (hidden + 8);
/** The replay work one step may hold (about 1.5 s and a few hundred MB at most): a larger batch is not replayed. */
export const REPLAY_STEP_LIMIT = 2 ** 22;
/** The replay work over all the steps the figure replays for one picture (a few seconds). */
export const REPLAY_FIGURE_LIMIT = 2 ** 23;

/** The steps to replay: their batches back to back (indices into the data given), and each one's length. */
export interface ReplaySteps {
  order: Int32Array;
  lengths: Int32Array;
  learningRate: number;
  hiddenUnits: number;
  activation: ActivationName;
}

/** Replays `steps` from `params` on the samples (x, y); the parameters after the last (a copy when none). */
export function replayMlp(
  x: Float32Array,
  y: Float32Array,
  params: ArrayLike<number>,
  steps: ReplaySteps,
): Float64Array {
  const dataset = { name: 'replay', x, y };
  let p: Float64Array = Float64Array.from(params);
  let at = 0;
  for (const length of steps.lengths) {
    if (length < 0) throw new Error('replayMlp: a step without its batch');
    const batch = steps.order.subarray(at, at + length);
    at += length;
    p = mlpStepFloat32(dataset, batch, p, steps.hiddenUnits, steps.activation, steps.learningRate).parameters;
  }
  return p;
}
