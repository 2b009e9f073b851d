// Where the MLP's parameters before a step come from: the page keeps them at checkpoints (step 0,
// and after each chunk of steps the worker sends: param-checkpoints.ts); a step between two is
// replayed from the newest checkpoint before it, on the steps' own batches, in the noise worker
// (analysis/mlp-replay.ts). These build what the worker is sent: the batches as positions among the
// training samples, which are the data the worker holds.
import { REPLAY_FIGURE_LIMIT, REPLAY_STEP_LIMIT, replayWork, type ReplaySteps } from '../analysis/mlp-replay';
import { batchPositions, type TrainingSet } from '../analysis/training-set';
import type { RunConfig } from '../engine/config';
import type { RunData } from './run-data';

/**
 * The batches of steps from … to − 1 (0-based), back to back as positions in the training set; a
 * step whose epoch's indices are no longer kept (epoch-orders.ts), or longer than `longest`, has
 * length −1 and adds nothing.
 */
export function stepBatches(
  data: RunData,
  stepsPerEpoch: number,
  from: number,
  to: number,
  trained: TrainingSet,
  longest = Number.POSITIVE_INFINITY,
): { order: Int32Array; lengths: Int32Array } {
  const lengths = new Int32Array(Math.max(0, to - from));
  const batches: Int32Array[] = [];
  let total = 0;
  for (let s = from; s < to; s++) {
    const found = data.epochBatches.batchIndices(Math.floor(s / stepsPerEpoch), s % stepsPerEpoch);
    const batch = found && found.length <= longest ? found : null;
    lengths[s - from] = batch ? batch.length : -1;
    if (!batch) continue;
    batches.push(batch);
    total += batch.length;
  }
  const order = new Int32Array(total);
  let at = 0;
  for (const batch of batches) {
    order.set(trained.positionOf ? batchPositions(batch, trained) : batch, at);
    at += batch.length;
  }
  return { order, lengths };
}

export interface MlpParamsBefore {
  /** Steps done at the parameters sent: `step` itself when they were kept, the checkpoint's when replayed. */
  from: number;
  params: number[];
  /** The steps to replay from them, made only when the request is sent (not on every frame); null: none. */
  replay: (() => ReplaySteps) | null;
}

/**
 * Why the MLP's parameters before a step cannot be had: a step to replay has lost its batch, it is
 * too large, or the page holds no parameters from before it at all.
 */
export type NoReplay = 'batches-gone' | 'too-large' | 'not-kept';

/**
 * The MLP's parameters before step `step` (0-based, at most the steps done): kept, or the newest
 * checkpoint and the steps to replay from it; or why not.
 */
export function mlpParamsBefore(
  config: Pick<RunConfig, 'learningRate' | 'hiddenUnits' | 'activation'>,
  data: RunData,
  stepsPerEpoch: number,
  step: number,
  trained: TrainingSet,
): MlpParamsBefore | NoReplay | null {
  const checkpoint = data.checkpoints.before(step);
  if (!checkpoint) return null;
  const params = Array.from(checkpoint.params);
  const from = checkpoint.step;
  if (from === step) return { from, params, replay: null };
  const { learningRate, hiddenUnits, activation } = config;
  let work = 0;
  for (let s = from; s < step; s++) {
    const [e, k] = [Math.floor(s / stepsPerEpoch), s % stepsPerEpoch];
    if (!data.epochBatches.hasIndices(e)) return 'batches-gone';
    const size = replayWork(data.epochBatches.batchLength(e, k), hiddenUnits);
    if (size > REPLAY_STEP_LIMIT) return 'too-large';
    work += size;
  }
  if (work > REPLAY_FIGURE_LIMIT) return 'too-large';
  const replay = () => ({
    ...stepBatches(data, stepsPerEpoch, from, step, trained),
    learningRate,
    hiddenUnits,
    activation,
  });
  return { from, params, replay };
}
