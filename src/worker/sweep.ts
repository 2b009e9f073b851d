// The throughput lab's sweep: each batch size trains the current dataset and model on the app's own
// trainer (createTrainer: fused kernels on WebGPU, tfjs op by op elsewhere) for a short time budget,
// in the run loop's growing chunks, and reports samples/s, time per epoch and a loss curve. It runs
// between runs, never beside one, and frees everything it made before it says it is done.
import type { RunConfig } from '../engine/config';
import { batchStream, createRunPlan, type RunPlan } from '../engine/plan';
import type { FromWorker, SweepCurvePoint, SweepOutcome, SweepPoint, ToWorker } from '../protocol';
import { message, type Message } from '../i18n/message';
import { repeatRates, type TimedChunk } from '../analysis/timing-repeats';
import { BackendFault, currentFault, orBackendFault } from './backend';
import { ChunkPolicy } from './chunk-policy';
import { heldTensors, yieldToEventLoop } from './run';
import { createTrainer, engineName } from './trainer-factory';

type SweepRequest = Extract<ToWorker, { type: 'sweep' }>;
type Post = (message: FromWorker) => void;

/** Batch sizes a sweep may have: 1, 2, 4, … N is ~21 at N = 1,000,000. */
const MAX_BATCH_SIZES = 32;
const MAX_BUDGET_MS = 5000;
/** The timed budget is also read as this many consecutive repeats: their spread is the timing's noise… */
const TIMING_REPEATS = 3;
/** …after its first quarter, while the chunks still grow from one step. */
const TIMING_SETTLE = 0.25;

/** The sweep under way, if any: Cancel and run commands mark it, its loop stops at the next chunk. */
let active: { sweepId: number; stopReason: Message | null } | null = null;

/** Stops the sweep (this one, or any when no id is given) at its next chunk boundary. */
export function cancelSweep(reason: Message, sweepId?: number): void {
  if (active && (sweepId === undefined || active.sweepId === sweepId)) active.stopReason ??= reason;
}

/** Compiles this batch size's shaders on a throwaway trainer, so the timed part measures training only. */
async function warmUp(plan: RunPlan, config: RunConfig): Promise<void> {
  const trainer = createTrainer(plan, config);
  try {
    const sizes = new Set(plan.nextEpochBatches().map((batch) => batch.length));
    const batches = [...sizes].map((size) => Array.from({ length: size }, (_, i) => i));
    await orBackendFault(trainer.read(trainer.enqueue(batches)));
  } finally {
    trainer.dispose();
  }
}

/** One batch size: an untimed warm-up, then training from the seed's initial parameters for the budget. */
async function measure(request: SweepRequest, batchSize: number, stopped: () => boolean): Promise<SweepPoint | null> {
  const config: RunConfig = { ...request.config, batchSize };
  await warmUp(createRunPlan(config), config);
  const plan = createRunPlan(config);
  if (plan.stepsPerEpoch === 0) return null; // drop_last with B > N: no batches
  const curveSteps = plan.stepsPerEpoch * request.maxEpochs;
  const trainer = createTrainer(plan, config);
  try {
    const nextBatch = batchStream(plan);
    const curve: SweepCurvePoint[] = [];
    const timed: TimedChunk[] = [];
    let steps = 0;
    let samples = 0;
    const chunks = new ChunkPolicy();
    // The last whole epoch's mean batch loss (what the tutorial prints), or the partial epoch's.
    let epochLossSum = 0;
    let epochLossSteps = 0;
    let lastEpochLoss = NaN;
    const started = performance.now();
    let elapsedMs = 0;
    while (elapsedMs < request.budgetMs && !stopped()) {
      const fault = currentFault();
      if (fault) throw fault;
      // The curve stops at maxEpochs: a chunk never straddles that point.
      const size = steps < curveSteps ? Math.min(chunks.size, curveSteps - steps) : chunks.size;
      const batches = Array.from({ length: size }, nextBatch);
      const chunkStarted = performance.now();
      const work = trainer.enqueue(batches);
      chunks.prefetch(plan); // as a run does: the next shuffles overlap the GPU's work
      const readouts = await orBackendFault(trainer.read(work));
      const now = performance.now();
      if (steps < curveSteps) {
        const loss = readouts.reduce((sum, r) => sum + r.loss, 0) / readouts.length;
        curve.push({ seconds: (now - started) / 1000, epochs: (steps + size) / plan.stepsPerEpoch, loss });
        readouts.forEach((r, i) => {
          epochLossSum += r.loss;
          epochLossSteps += 1;
          if ((steps + i + 1) % plan.stepsPerEpoch === 0) {
            lastEpochLoss = epochLossSum / epochLossSteps;
            epochLossSum = 0;
            epochLossSteps = 0;
          }
        });
      }
      steps += size;
      const samplesBefore = samples;
      for (const batch of batches) samples += batch.length;
      elapsedMs = now - started;
      timed.push({ samples: samples - samplesBefore, endMs: elapsedMs });
      const chunkMs = now - chunkStarted;
      chunks.chunkTook(chunkMs);
      // Do not overshoot the budget by more than about one step.
      const msPerStep = chunkMs / size;
      if (msPerStep > 0) chunks.limitTo(Math.ceil((request.budgetMs - elapsedMs) / msPerStep));
      await yieldToEventLoop(); // lets Cancel in
    }
    if (steps === 0) return null;
    const seconds = elapsedMs / 1000;
    return {
      batchSize,
      stepsPerEpoch: plan.stepsPerEpoch,
      steps,
      samples,
      seconds,
      samplesPerSecond: samples / seconds,
      rateRepeats: repeatRates(timed, TIMING_REPEATS, TIMING_SETTLE),
      stepsPerSecond: steps / seconds,
      secondsPerEpoch: (seconds * plan.stepsPerEpoch) / steps,
      epochs: curve.at(-1)?.epochs ?? 0,
      finalLoss: Number.isNaN(lastEpochLoss) && epochLossSteps > 0 ? epochLossSum / epochLossSteps : lastEpochLoss,
      curve,
      engine: engineName(trainer),
    };
  } finally {
    trainer.dispose();
  }
}

function validBatchSizes(sizes: readonly number[]): number[] {
  return sizes.filter((b) => Number.isInteger(b) && b >= 1).slice(0, MAX_BATCH_SIZES);
}

/**
 * Runs a sweep to its end (or until cancelled). `busy` names why it must not start (a run is
 * training). Always answers with sweep-done, with the tensor count before and after.
 */
export async function runSweep(request: SweepRequest, post: Post, busy: Message | null): Promise<void> {
  const tensorCountBefore = heldTensors();
  const done = (outcome: SweepOutcome, reason?: Message) =>
    post({
      type: 'sweep-done',
      sweepId: request.sweepId,
      outcome,
      ...(reason ? { reason } : {}),
      tensorCountBefore,
      tensorCount: heldTensors(),
    });
  if (busy) {
    done('refused', busy);
    return;
  }
  const sweep = { sweepId: request.sweepId, stopReason: null as Message | null };
  active = sweep;
  const budget = {
    ...request,
    budgetMs: Math.min(Math.max(request.budgetMs, 1), MAX_BUDGET_MS),
    maxEpochs: Math.max(1, request.maxEpochs),
  };
  try {
    for (const batchSize of validBatchSizes(request.batchSizes)) {
      if (sweep.stopReason) break;
      const point = await measure(budget, batchSize, () => sweep.stopReason !== null);
      if (point && !sweep.stopReason) post({ type: 'sweep-point', sweepId: request.sweepId, point });
    }
  } catch (e) {
    done(
      'error',
      e instanceof BackendFault
        ? e.problem
        : message('error.raw', { text: e instanceof Error ? e.message : String(e) }),
    );
    return;
  } finally {
    if (active === sweep) active = null;
  }
  if (sweep.stopReason) done('cancelled', sweep.stopReason);
  else done('complete');
}
