// Runs the benchmark's engines one after another in one worker, so the figures are ratios measured
// on the same machine at the same moment. Every engine trains the app's own datasets and models
// (createRunPlan), and first trains a few steps that are compared with the engine's float32
// reference (PyTorch's arithmetic), so speed never hides wrong numbers.
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../engine/config';
import { mlpStepFloat32, mlpStepFloat64 } from '../engine/mlp-reference';
import type { Batch } from '../engine/dataloader';
import { batchStream, createRunPlan, type RunPlan } from '../engine/plan';
import { sgdStep, type Precision } from '../engine/reference';
import { englishText } from '../i18n/message';
import { selectBackend } from '../worker/backend';
import { ChunkPolicy } from '../worker/chunk-policy';
import { MlpSgdTrainer } from '../worker/mlp-trainer';
import { LinearSgdTrainer, type StepReadout, type Trainer } from '../worker/trainer';
import { createTrainer, engineName } from '../worker/trainer-factory';
import { caseConfig, CASES, ENGINES, type BenchCase, type EngineName, type EngineResult } from './cases';

export type BenchRequest = {
  type: 'run';
  engines: EngineName[];
  caseIds: string[];
  budgetMs: number;
  checkSteps: number;
};
export type BenchMessage = { type: 'result'; result: EngineResult } | { type: 'log'; text: string } | { type: 'done' };

const post = (m: BenchMessage) => self.postMessage(m);

/** The op-by-op tfjs trainer for the case's model, whatever the backend. */
function opByOpTrainer(plan: RunPlan, config: RunConfig): Trainer {
  if (plan.model.kind === 'mlp') {
    return new MlpSgdTrainer(plan.dataset, plan.model, plan.initialParameters, config.learningRate);
  }
  return new LinearSgdTrainer(plan.dataset, plan.initialParams!, config.learningRate);
}

/** A plain-JS step of the case's model: float64 is the CPU floor, float32 the oracle. */
function jsStepper(plan: RunPlan, config: RunConfig, precision: Precision) {
  let params: ArrayLike<number> = plan.initialParameters;
  const spec = plan.model;
  return (batch: Batch): number => {
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

const relError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-6);

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
function measureDataLoader(c: BenchCase, budgetMs: number): EngineResult {
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

async function measure(engine: EngineName, c: BenchCase, budgetMs: number, checkSteps: number): Promise<EngineResult> {
  if (engine === 'dataloader') return measureDataLoader(c, budgetMs);
  const config = caseConfig(c);
  const base = { caseId: c.id, engine };

  // Correctness first: the first steps against both references on the same batches — float32
  // (PyTorch's arithmetic, step for step) and float64 (the exact numbers) — each on its own path.
  const checkPlan = createRunPlan(config);
  const reference32 = jsStepper(checkPlan, config, 'float32');
  const reference64 = jsStepper(checkPlan, config, 'float64');
  let maxRelativeError = 0;
  let maxRelativeErrorFloat64 = 0;
  const checkedLosses: number[] = [];
  const compare = (batches: Batch[], losses: number[]) =>
    batches.forEach((batch, i) => {
      maxRelativeError = Math.max(maxRelativeError, relError(losses[i], reference32(batch)));
      maxRelativeErrorFloat64 = Math.max(maxRelativeErrorFloat64, relError(losses[i], reference64(batch)));
      checkedLosses.push(losses[i]);
    });
  const checkBatch = batchStream(checkPlan);

  if (engine === 'js-float64') {
    const engine64 = jsStepper(checkPlan, config, 'float64');
    for (let s = 0; s < checkSteps; s++) {
      const batch = checkBatch();
      compare([batch], [engine64(batch)]);
    }
    const plan = createRunPlan(config);
    const step = jsStepper(plan, config, 'float64');
    const next = batchStream(plan);
    const started = performance.now();
    let steps = 0;
    while (performance.now() - started < budgetMs) {
      step(next());
      steps++;
    }
    const seconds = (performance.now() - started) / 1000;
    const errors = { maxRelativeError, maxRelativeErrorFloat64, checkedLosses };
    return { ...base, backend: null, steps, seconds, ...rates(steps, seconds, plan), ...errors };
  }

  const naive = engine === 'naive-tfjs';
  const make = (plan: RunPlan) => (naive ? opByOpTrainer(plan, config) : createTrainer(plan, config));
  const checker = make(checkPlan);
  try {
    const checking = { naive, prefetch: prefetchFor(checkPlan), maxSteps: checkSteps };
    await train(
      checker,
      checkBatch,
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

  const plan = createRunPlan(config);
  const trainer = make(plan);
  try {
    const preshuffled = engine === 'app-webgpu-preshuffled';
    const next = preshuffled ? preshuffledStream(plan, PRESHUFFLED_EPOCHS) : batchStream(plan);
    const timing = { naive, prefetch: preshuffled ? () => {} : prefetchFor(plan) };
    await train(trainer, next, timing, (d) => d >= 4); // warm-up: shaders, buffers
    const started = performance.now();
    const steps = await train(trainer, next, timing, () => performance.now() - started >= budgetMs);
    const seconds = (performance.now() - started) / 1000;
    const note = engineName(trainer);
    const errors = { maxRelativeError, maxRelativeErrorFloat64, checkedLosses };
    return { ...base, backend: tf.getBackend(), steps, seconds, ...rates(steps, seconds, plan), ...errors, note };
  } finally {
    trainer.dispose();
  }
}

async function run(request: BenchRequest): Promise<void> {
  for (const engineName of request.engines) {
    const engine = ENGINES.find((e) => e.name === engineName)!;
    if (engine.backend) {
      const info = await selectBackend(engine.backend);
      if (info.name !== engine.backend) {
        post({
          type: 'log',
          text: `${engine.name}: ${engine.backend} unavailable (${info.fallbackReasons.map((f) => `${f.backend}: ${englishText(f.reason)}`).join('; ')})`,
        });
        continue;
      }
      if (info.adapter) {
        const a = info.adapter;
        const fallback = a.isFallbackAdapter ? ', fallback adapter' : '';
        post({
          type: 'log',
          text: `adapter: ${a.vendor} ${a.architecture} ${a.description}${fallback}`.replace(/\s+/g, ' '),
        });
      }
    }
    for (const c of CASES.filter((k) => request.caseIds.includes(k.id))) {
      post({ type: 'log', text: `${engine.name} × ${c.id}…` });
      post({ type: 'result', result: await measure(engine.name, c, request.budgetMs, request.checkSteps) });
    }
  }
  post({ type: 'done' });
}

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  run(e.data).catch((err: unknown) => {
    post({ type: 'log', text: `error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` });
    post({ type: 'done' });
  });
};
