// One training run inside the worker: walks epochs and mini-batches in PyTorch's order, enqueues
// steps on tfjs, and reads results back in chunks. Chunks start at one step (the first loss shows up
// at once) and grow while the GPU keeps up, bounded in time so Pause is answered promptly.
//
// A run can be recreated at a step it already reached (`resume`): after a backend failed under it,
// or in a restarted worker. It replays the plan's epochs up to there (the same draws, so the same
// batches) and starts its trainer from the parameters read back at that step.
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../engine/config';
import type { Batch } from '../engine/dataloader';
import { DivergenceWatch, windowFor } from '../engine/divergence';
import { createRunPlan, type RunPlan } from '../engine/plan';
import { validationLoss } from '../engine/reference';
import {
  epochMessage,
  type FromWorker,
  type ResumePoint,
  type RunState,
  type StepRecord,
  type ValidationPoint,
} from '../protocol';
import { problemOf } from '../i18n/message';
import { currentFault, orBackendFault } from './backend';
import { ChunkPolicy } from './chunk-policy';
import type { StepReadout, Trainer } from './trainer';
import { createTrainer } from './trainer-factory';
import { heldGpuBuffers } from './kernels/fused-linear-trainer';

/** tfjs tensors plus the fused kernels' GPU buffers: what Reset must bring back to its level. */
export const heldTensors = (): number => tf.memory().numTensors + heldGpuBuffers();

type Post = (message: FromWorker) => void;

/** How far a loop goes: to the end of the run (Train) or of the current epoch (Step epoch). */
export type Goal = 'end' | 'epoch';

export interface RunOptions {
  resume?: ResumePoint;
  /**
   * A chunk failed. Return true when the caller takes over (it will dispose this run and carry it
   * on elsewhere, e.g. on the next backend); false makes the run fail with the error.
   */
  onFault?: (run: TrainingRun, error: unknown) => boolean;
}

interface StepPosition {
  epoch: number;
  stepInEpoch: number;
  batch: Batch;
}

interface PendingChunk {
  positions: StepPosition[];
  work: unknown;
}

/** Lets queued messages (Pause, Reset) in between chunks; MessageChannel avoids setTimeout clamping. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Every parameter after a chunk's last step, flat (state_dict order): [w, b] for nn.Linear(1, 1). */
function modelParamsOf(readouts: readonly StepReadout[]): number[] | undefined {
  const last = readouts.at(-1);
  return last?.modelParams ?? (last?.params ? [last.params.w, last.params.b] : undefined);
}

/** The plan with its initial parameters replaced: what a resumed trainer starts from. */
function planFrom(plan: RunPlan, modelParams: readonly number[]): RunPlan {
  return {
    ...plan,
    initialParameters: Float32Array.from(modelParams),
    initialParams: plan.model.kind === 'linear' ? { w: modelParams[0], b: modelParams[1] } : undefined,
  };
}

export class TrainingRun {
  state: RunState = 'ready';
  private readonly plan: RunPlan;
  private readonly trainer: Trainer;
  private readonly totalSteps: number;
  private readonly onFault?: RunOptions['onFault'];
  private epoch = 0;
  private epochBatches: Batch[] = [];
  private nextBatchInEpoch = 0;
  /** Steps enqueued so far. */
  private stepsDone = 0;
  /** What the UI has been sent: completed steps and the parameters after the last of them. */
  private completed: ResumePoint;
  /** The chained loops: a new Train waits for the loop a Pause stopped. */
  private loop: Promise<void> = Promise.resolve();
  /** Bumped by Pause/halt/dispose: a loop of an older generation stops at its next chunk. */
  private generation = 0;
  /**
   * Decides whether the run diverged (a NaN/infinite loss, or one that keeps growing): the one place
   * that does. The UI only shows what it found; a training loop pauses once where it was found.
   */
  private readonly divergence: DivergenceWatch;
  /** The goal of the loop that is running, or was when a fault stopped it. */
  private goal: Goal | null = null;
  private disposed = false;
  private halted = false;
  /** Ends a slow-motion wait early (Pause, a speed change, dispose). */
  private wake: (() => void) | null = null;
  private injectedFault = false;

  constructor(
    readonly runId: number,
    readonly config: RunConfig,
    private readonly post: Post,
    options: RunOptions = {},
  ) {
    this.onFault = options.onFault;
    this.plan = createRunPlan(config);
    this.totalSteps = this.plan.stepsPerEpoch * config.epochs;
    // A resume point of another model (its parameter count differs) cannot be used: start over.
    const fits = options.resume?.modelParams.length === this.plan.initialParameters.length;
    const resume = fits ? options.resume : undefined;
    const resumeAt = Math.min(resume?.stepsDone ?? 0, this.totalSteps);
    this.divergence = new DivergenceWatch(
      windowFor(this.plan.stepsPerEpoch),
      resume?.watch ?? resume?.divergence ?? null,
    );
    if (resume && resumeAt > 0) {
      this.fastForward(resumeAt);
      this.completed = { stepsDone: resumeAt, modelParams: resume.modelParams };
      this.trainer = createTrainer(planFrom(this.plan, resume.modelParams), config);
    } else {
      this.completed = { stepsDone: 0, modelParams: Array.from(this.plan.initialParameters) };
      this.trainer = createTrainer(this.plan, config);
    }
    this.post({
      type: 'run-ready',
      runId,
      config,
      initialParams: this.plan.initialParams,
      initialModelParams: Array.from(this.plan.initialParameters),
      stepsPerEpoch: this.plan.stepsPerEpoch,
      datasetSize: this.plan.dataset.x.length,
      data: { x: this.plan.dataset.x, y: this.plan.dataset.y },
      ...(this.plan.heldOut.length > 0 ? { heldOut: this.plan.heldOut.slice() } : {}),
      tensorCount: heldTensors(),
      // Without resumedAt the UI starts the run's history afresh.
      ...(resume ? { resumedAt: resumeAt } : {}),
    });
    if (resumeAt > 0 && this.epoch > 0 && this.nextBatchInEpoch > 0) {
      // The epoch under way, for a UI that lacks it (the store ignores epochs it has).
      this.post(epochMessage(runId, this.epoch, this.epochBatches, config.batchSize));
    }
    if (this.finished) this.setState('finished');
    else this.setState(resumeAt > 0 ? 'paused' : 'ready');
  }

  get finished(): boolean {
    return this.stepsDone >= this.totalSteps;
  }

  /** Where this run could be carried on: the last step the UI has seen, its divergence watch with it. */
  get resumePoint(): ResumePoint {
    const divergence = this.divergence.result;
    const watch = this.divergence.state();
    return divergence ? { ...this.completed, divergence, watch } : { ...this.completed, watch };
  }

  setSpeed(speed: number): void {
    this.config.speed = speed;
    this.wake?.(); // from 1 step/s to Max should not wait out the current second
  }

  train(): void {
    this.start('end');
  }

  /** Trains to the end of the current epoch (a whole epoch from an epoch boundary), then pauses. */
  stepEpoch(): void {
    this.start('epoch');
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.state = 'paused'; // the loop stops at its next chunk and announces it
    this.goal = null;
    this.generation += 1;
    this.wake?.();
  }

  async step(): Promise<void> {
    if ((this.state !== 'ready' && this.state !== 'paused') || this.finished) return;
    await this.loop; // a loop that Pause stopped may still be reading its last chunk
    if ((this.state !== 'ready' && this.state !== 'paused') || this.disposed || this.halted) return;
    try {
      await this.flush(this.enqueueChunk(1));
    } catch (e) {
      this.chunkFailed(e);
      return;
    }
    if (!this.disposed) this.setState(this.finished ? 'finished' : 'paused');
  }

  /** Test hook: the next chunk throws as a failing tfjs kernel would. */
  injectFault(): void {
    this.injectedFault = true;
  }

  /**
   * Stops the run without a word (its successor will speak): returns the goal of the loop that was
   * running, so the successor can carry on with it, or null when none was.
   */
  async halt(): Promise<Goal | null> {
    const goal = this.goal;
    this.halted = true;
    this.state = 'paused';
    this.generation += 1;
    this.wake?.();
    await this.loop;
    return goal;
  }

  /** Stops the loop at its next chunk boundary, then frees every tensor of this run. */
  async dispose(): Promise<void> {
    if (this.state === 'running') this.state = 'paused';
    this.disposed = true;
    this.generation += 1;
    this.wake?.();
    await this.loop;
    try {
      this.trainer.dispose();
    } catch {
      // A lost device may refuse to free its buffers; they went with it.
    }
  }

  private start(goal: Goal): void {
    if ((this.state !== 'ready' && this.state !== 'paused') || this.finished || this.halted) return;
    this.goal = goal;
    this.setState('running');
    const generation = ++this.generation;
    this.loop = this.loop.then(() => this.runLoop(generation, goal)).catch((e: unknown) => this.chunkFailed(e));
  }

  /**
   * The MLP's parameters come back after a chunk's last step only: with a validation split its
   * chunks end at epoch ends, where the held-out loss needs them (the linear model's come every step).
   */
  private get validatesAtEpochEnd(): boolean {
    return this.plan.heldOut.length > 0 && this.plan.model.kind !== 'linear';
  }

  /**
   * The held-out MSE after each epoch that ends in this chunk, from the parameters read back after
   * its last step: the engine's float32 forward pass (PyTorch's kernel order) on any backend.
   */
  private validationOf(steps: readonly StepRecord[], readouts: readonly StepReadout[]): ValidationPoint[] {
    if (this.plan.heldOut.length === 0) return [];
    return steps.flatMap((s, i) => {
      if (s.stepInEpoch !== this.plan.stepsPerEpoch) return [];
      const { params, modelParams } = readouts[i];
      const parameters = modelParams ?? (params ? [params.w, params.b] : null);
      if (!parameters) return [];
      return [
        { epoch: s.epoch, loss: validationLoss(this.plan.dataset, this.plan.heldOut, this.plan.model, parameters) },
      ];
    });
  }

  private stepsLeftInEpoch(): number {
    return this.plan.stepsPerEpoch - this.nextBatchInEpoch;
  }

  private async runLoop(generation: number, goal: Goal): Promise<void> {
    const current = () => generation === this.generation && !this.disposed;
    const chunks = new ChunkPolicy();
    let pausedFor: 'divergence' | undefined;
    while (current() && !this.finished) {
      const slowMotion = this.config.speed > 0;
      const wanted = slowMotion ? 1 : chunks.size;
      const started = performance.now();
      const toEpochEnd = goal === 'epoch' || this.validatesAtEpochEnd;
      const chunk = this.enqueueChunk(toEpochEnd ? Math.min(wanted, this.stepsLeftInEpoch()) : wanted);
      chunks.prefetch(this.plan, this.config.epochs - this.epoch);
      const diverged = await this.flush(chunk);
      // Divergence stops the run once, at the chunk that showed it (the UI explains and offers a
      // smaller learning rate; a pause sent from the UI would come after a short run had finished).
      // It is found once a run, so Train goes on from there.
      if (diverged) {
        pausedFor = 'divergence';
        break;
      }
      if (goal === 'epoch' && this.nextBatchInEpoch === 0) break;
      const elapsed = performance.now() - started;
      chunks.chunkTook(elapsed);
      if (slowMotion) await this.wait(1000 / this.config.speed - elapsed);
      else await yieldToEventLoop();
    }
    if (this.disposed || this.halted) return;
    if (this.finished) {
      this.goal = null;
      this.setState('finished');
    } else if (generation === this.generation) {
      // The epoch is done (Step epoch), or the loss diverged: pause here.
      this.goal = null;
      this.generation += 1;
      this.setState('paused', pausedFor);
    } else if (this.state === 'paused') {
      this.setState('paused'); // Pause stopped it, and no Train came since
    }
  }

  /** A slow-motion wait that Pause, a speed change or dispose cut short. */
  private wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Draws the epochs before step `steps` (the same draws as the first time) and stands there. */
  private fastForward(steps: number): void {
    const perEpoch = this.plan.stepsPerEpoch;
    const epochs = Math.ceil(steps / perEpoch);
    for (let e = 0; e < epochs; e++) this.epochBatches = this.plan.nextEpochBatches();
    this.epoch = epochs;
    this.nextBatchInEpoch = steps - (epochs - 1) * perEpoch;
    if (this.nextBatchInEpoch === perEpoch) this.nextBatchInEpoch = 0;
    this.stepsDone = steps;
  }

  /** Queues up to `count` steps (fewer at the end of the run), walking epochs as PyTorch does. */
  private enqueueChunk(count: number): PendingChunk {
    const fault = currentFault();
    if (fault) throw fault; // no new work for a backend known to be dead
    if (this.injectedFault) {
      this.injectedFault = false;
      throw new Error('a tfjs kernel failed (injected by a test hook)');
    }
    const positions: StepPosition[] = [];
    while (positions.length < count && !this.finished) {
      if (this.nextBatchInEpoch === 0) {
        this.epoch += 1;
        this.epochBatches = this.plan.nextEpochBatches();
        this.post(epochMessage(this.runId, this.epoch, this.epochBatches, this.config.batchSize));
      }
      const batch = this.epochBatches[this.nextBatchInEpoch];
      const stepInEpoch = this.nextBatchInEpoch + 1;
      this.nextBatchInEpoch = stepInEpoch === this.epochBatches.length ? 0 : stepInEpoch;
      this.stepsDone += 1;
      positions.push({ epoch: this.epoch, stepInEpoch, batch });
    }
    return { positions, work: this.trainer.enqueue(positions.map((p) => p.batch)) };
  }

  /** Reads a chunk back and posts it; true when its losses showed the run diverged (the first time). */
  private async flush({ positions, work }: PendingChunk): Promise<boolean> {
    const firstStep = this.stepsDone - positions.length;
    const readouts = await orBackendFault(this.trainer.read(work));
    // Numbers read after the backend reported an error cannot be trusted.
    const fault = currentFault();
    if (fault) throw fault;
    if (this.disposed || this.halted) return false;
    const steps: StepRecord[] = readouts.map((r, i) => ({
      step: firstStep + i,
      epoch: positions[i].epoch,
      stepInEpoch: positions[i].stepInEpoch,
      loss: r.loss, // its batch went over in its epoch's message, posted by enqueueChunk
      params: r.params,
    }));
    const modelParams = modelParamsOf(readouts);
    const validation = this.validationOf(steps, readouts);
    if (steps.length > 0 && modelParams) this.completed = { stepsDone: firstStep + steps.length, modelParams };
    const before = this.divergence.result;
    for (const s of steps) this.divergence.observe(s.step, s.loss);
    const divergence = before ? null : this.divergence.result;
    const memory = tf.memory();
    this.post({
      type: 'progress',
      runId: this.runId,
      steps,
      tensorCount: heldTensors(),
      tensorBytes: memory.numBytes,
      modelParams,
      ...(validation.length > 0 ? { validation } : {}),
      ...(divergence ? { divergence } : {}),
    });
    return divergence !== null;
  }

  /** A chunk threw: the worker may carry the run on elsewhere; otherwise the run fails. */
  private chunkFailed(e: unknown): void {
    if (this.disposed || this.halted) return;
    this.generation += 1;
    if (this.onFault?.(this, e)) {
      this.halted = true; // the worker takes it from here (halt() returns this.goal)
      return;
    }
    this.goal = null;
    this.state = 'error';
    this.post({
      type: 'error',
      runId: this.runId,
      message: e instanceof Error ? e.message : String(e),
      problem: problemOf(e),
    });
    this.setState('error');
  }

  private setState(state: RunState, pausedFor?: 'divergence'): void {
    this.state = state;
    const memory = tf.memory();
    const tensorBytes = memory.numBytes;
    this.post({
      type: 'state',
      runId: this.runId,
      state,
      tensorCount: heldTensors(),
      tensorBytes,
      ...(pausedFor ? { pausedFor } : {}),
    });
  }
}
