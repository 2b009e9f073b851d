// How the benchmark measures one engine on one case, shared by the bench page's worker and
// `npm run bench:node` (DOM-free: no postMessage, no page). Every engine trains the app's own
// datasets and models (createRunPlan) and first trains a few steps that are compared with the
// float32 reference (PyTorch's arithmetic) and the float64 one, so speed never hides wrong numbers.
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../engine/config';
import { mlpStepFloat32, mlpStepFloat64 } from '../engine/mlp-reference';
import type { Batch } from '../engine/dataloader';
import { batchStream, createRunPlan, type RunPlan } from '../engine/plan';
import { sgdStep, type Precision } from '../engine/reference';
import { ChunkPolicy } from '../worker/chunk-policy';
import { MlpSgdTrainer } from '../worker/mlp-trainer';
import { LinearSgdTrainer, type StepReadout, type Trainer } from '../worker/trainer';
import { engineName } from '../worker/trainer-factory';
import { caseConfig, type BenchCase, type EngineResult } from './cases';

/** The op-by-op tfjs trainer for the case's model, whatever the backend. */
export function opByOpTrainer(plan: RunPlan, config: RunConfig): Trainer {
  if (plan.model.kind === 'mlp') {
    return new MlpSgdTrainer(plan.dataset, plan.model, plan.initialParameters, config.learningRate);
  }
  return new LinearSgdTrainer(plan.dataset, plan.initialParams!, config.learningRate);
}

/** A plain-JS step of the case's model: float64 is the CPU floor, float32 the oracle; `params()` after the last. */
function jsStepper(plan: RunPlan, config: RunConfig, precision: Precision) {
  let params: ArrayLike<number> = plan.initialParameters;
  const spec = plan.model;
  const step = (batch: Batch): number => {
    if (spec.kind === 'mlp') {
      const step = precision === 'float32' ? mlpStepFloat32 : mlpStepFloat64;
      const r = step(plan.dataset, batch, params, spec.hiddenUnits, spec.activation, config.learningRate);
      params = r.parameters;
      return r.loss;
    }
    const r = sgdStep(plan.dataset, batch, { w: params[0], b: params[1] }, config.learningRate, precision);
    params = [r.params.w, r.params.b];
    return r.loss;
  };
  return Object.assign(step, { params: () => params });
}

interface TrainOptions {
  naive: boolean;
  /** Shuffles the epochs the next chunk needs while the GPU works (a no-op for pre-shuffled data). */
  prefetch: (chunks: ChunkPolicy) => void;
  /** Steps at most, however the chunks grow: the check compares exactly this many. */
  maxSteps?: number;
}

/** Trains in the app's growing chunks (its own ChunkPolicy), or with one read-back per step for the naive loop. */
async function train(
  trainer: Trainer,
  nextBatch: () => Batch,
  { naive, prefetch, maxSteps = Infinity }: TrainOptions,
  until: (stepsDone: number) => boolean,
  onSteps?: (batches: Batch[], readouts: StepReadout[]) => void,
): Promise<number> {
  let done = 0;
  const chunks = new ChunkPolicy();
  while (!until(done) && done < maxSteps) {
    const started = performance.now();
    const batches = Array.from({ length: Math.min(naive ? 1 : chunks.size, maxSteps - done) }, nextBatch);
    const work = trainer.enqueue(batches);
    prefetch(chunks); // every engine shuffles ahead while its GPU works, as the app does
    const readouts = await trainer.read(work);
    onSteps?.(batches, readouts);
    done += batches.length;
    if (!naive) chunks.chunkTook(performance.now() - started);
  }
  return done;
}

const prefetchFor = (plan: RunPlan) => (chunks: ChunkPolicy) => chunks.prefetch(plan);

export const relError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-6);

function rates(steps: number, seconds: number, plan: RunPlan) {
  const stepsPerSecond = steps / seconds;
  return { stepsPerSecond, samplesPerSecond: (stepsPerSecond * plan.dataset.x.length) / plan.stepsPerEpoch };
}

/** Epochs drawn before timing for the pre-shuffled ceiling, then cycled (16 MB at N = 1,000,000). */
const PRESHUFFLED_EPOCHS = 4;

/** The plan's first `epochs` epochs, drawn now, as an endless cycle of their batches. */
function preshuffledStream(plan: RunPlan, epochs: number): () => Batch {
  const batches = Array.from({ length: epochs }, () => plan.nextEpochBatches()).flat();
  let next = 0;
  return () => batches[next++ % batches.length];
}

/** The DataLoader alone: epochs drawn (shuffled and cut into batches) per second, no training. */
export function measureDataLoader(c: BenchCase, budgetMs: number): EngineResult {
  const plan = createRunPlan(caseConfig(c));
  const started = performance.now();
  let steps = 0;
  while (performance.now() - started < budgetMs) steps += plan.nextEpochBatches().length;
  const seconds = (performance.now() - started) / 1000;
  return {
    caseId: c.id,
    engine: 'dataloader',
    backend: null,
    steps,
    seconds,
    ...rates(steps, seconds, plan),
    maxRelativeError: null,
  };
}

export interface MeasureOptions {
  budgetMs: number;
  /** Steps first trained and compared with both references, step by step. */
  checkSteps: number;
  /**
   * Also replays every step the timed trainer took (warm-up included) in float64 from the same seed
   * and compares the last step's loss (`finalLoss`): a kernel that goes wrong after the checked steps
   * cannot post a fast number. Costs about the float64 floor's time for as many steps.
   */
  finalCheck?: boolean;
}

/** What the checks measured, spread into the result. */
interface Checked {
  maxRelativeError: number;
  maxRelativeErrorFloat64: number;
  checkedLosses: number[];
}

/** The steps `trainSteps` trains, each compared with both references on the same batches. */
async function checkFirstSteps(
  config: RunConfig,
  trainSteps: (plan: RunPlan, compare: (batches: Batch[], losses: number[]) => void) => Promise<void> | void,
): Promise<Checked> {
  const plan = createRunPlan(config);
  const reference32 = jsStepper(plan, config, 'float32');
  const reference64 = jsStepper(plan, config, 'float64');
  const checked: Checked = { maxRelativeError: 0, maxRelativeErrorFloat64: 0, checkedLosses: [] };
  await trainSteps(plan, (batches, losses) =>
    batches.forEach((batch, i) => {
      checked.maxRelativeError = Math.max(checked.maxRelativeError, relError(losses[i], reference32(batch)));
      checked.maxRelativeErrorFloat64 = Math.max(
        checked.maxRelativeErrorFloat64,
        relError(losses[i], reference64(batch)),
      );
      checked.checkedLosses.push(losses[i]);
    }),
  );
  return checked;
}

/** The float64 loss and parameters after step `steps` (1-based) of the case's run, from its seed. */
function float64StateAt(config: RunConfig, steps: number) {
  const plan = createRunPlan(config);
  const step = jsStepper(plan, config, 'float64');
  const next = batchStream(plan);
  let loss = NaN;
  for (let s = 0; s < steps; s++) loss = step(next());
  return { loss, params: step.params() };
}

/** The largest parameter difference, relative to the largest parameter (an MLP has some near 0). */
function paramsError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 1e-6;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  return actual.length === expected.length ? worst / scale : NaN;
}

/** The last step's loss and parameters against float64's for the same step from the same seed. */
function finalCheckFields(config: RunConfig, totalSteps: number, final: { loss: number; params?: ArrayLike<number> }) {
  const reference = float64StateAt(config, totalSteps);
  const paramsChecked = final.params
    ? { finalParamsRelativeErrorFloat64: paramsError(final.params, reference.params) }
    : {};
  return {
    totalSteps,
    finalLoss: final.loss,
    finalLossFloat64: reference.loss,
    finalRelativeErrorFloat64: relError(final.loss, reference.loss),
    ...paramsChecked,
  };
}

/** What a trainer's readout says of the parameters after its step, flat (absent when it says nothing). */
function readoutParams(r: StepReadout): ArrayLike<number> | undefined {
  return r.modelParams ?? (r.params ? [r.params.w, r.params.b] : undefined);
}

/** The plain-JS float64 loop on one thread, the same DataLoader: the CPU floor. */
export async function measureJsFloor(c: BenchCase, { budgetMs, checkSteps, finalCheck }: MeasureOptions) {
  const config = caseConfig(c);
  const checked = await checkFirstSteps(config, (plan, compare) => {
    const engine64 = jsStepper(plan, config, 'float64');
    const next = batchStream(plan);
    for (let s = 0; s < checkSteps; s++) {
      const batch = next();
      compare([batch], [engine64(batch)]);
    }
  });
  const plan = createRunPlan(config);
  const step = jsStepper(plan, config, 'float64');
  const next = batchStream(plan);
  const started = performance.now();
  let steps = 0;
  let loss = NaN;
  while (performance.now() - started < budgetMs) {
    loss = step(next());
    steps++;
  }
  const seconds = (performance.now() - started) / 1000;
  const result: EngineResult = {
    caseId: c.id,
    engine: 'js-float64',
    backend: null,
    steps,
    seconds,
    ...rates(steps, seconds, plan),
    ...checked,
  };
  return finalCheck ? { ...result, ...finalCheckFields(config, steps, { loss, params: step.params() }) } : result;
}

export interface TrainerEngine {
  /** The name the result carries (the bench page's EngineName, or a Node bench engine's id). */
  name: string;
  make: (plan: RunPlan, config: RunConfig) => Trainer;
  /** One read-back per step (the naive loop) instead of the app's growing chunks. */
  naive: boolean;
  /** Four epochs shuffled before timing and cycled: the engine's GPU side alone. */
  preshuffled?: boolean;
}

/** A trainer engine: checked first, then timed on a fresh trainer after a short warm-up. */
export async function measureTrainer(
  c: BenchCase,
  engine: TrainerEngine,
  { budgetMs, checkSteps, finalCheck }: MeasureOptions,
): Promise<EngineResult> {
  const config = caseConfig(c);
  const { naive } = engine;
  const checked = await checkFirstSteps(config, async (plan, compare) => {
    const checker = engine.make(plan, config);
    try {
      const checking = { naive, prefetch: prefetchFor(plan), maxSteps: checkSteps };
      await train(
        checker,
        batchStream(plan),
        checking,
        () => false,
        (batches, readouts) =>
          compare(
            batches,
            readouts.map((r) => r.loss),
          ),
      );
    } finally {
      checker.dispose();
    }
  });

  const plan = createRunPlan(config);
  const trainer = engine.make(plan, config);
  try {
    const next = engine.preshuffled ? preshuffledStream(plan, PRESHUFFLED_EPOCHS) : batchStream(plan);
    const timing = { naive, prefetch: engine.preshuffled ? () => {} : prefetchFor(plan) };
    let last: StepReadout = { loss: NaN };
    const keepLast = (_: Batch[], readouts: StepReadout[]) => (last = readouts[readouts.length - 1]);
    const warmUp = await train(trainer, next, timing, (d) => d >= 4, keepLast); // shaders, buffers
    const started = performance.now();
    const steps = await train(trainer, next, timing, () => performance.now() - started >= budgetMs, keepLast);
    const seconds = (performance.now() - started) / 1000;
    const result: EngineResult = {
      caseId: c.id,
      engine: engine.name,
      backend: tf.getBackend(),
      steps,
      seconds,
      ...rates(steps, seconds, plan),
      ...checked,
      note: engineName(trainer),
    };
    // The pre-shuffled stream repeats its epochs, so no replay from the seed matches it.
    if (!finalCheck || engine.preshuffled) return result;
    return { ...result, ...finalCheckFields(config, warmUp + steps, { loss: last.loss, params: readoutParams(last) }) };
  } finally {
    trainer.dispose();
  }
}
