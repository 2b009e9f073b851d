// One training run inside the worker: walks epochs and mini-batches in PyTorch's order, enqueues
// steps on tfjs, and reads results back in chunks. Chunks start at one step (the first loss shows up
// at once) and grow while the GPU keeps up, bounded in time so Pause is answered promptly.
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../engine/config';
import { createRunPlan, type RunPlan } from '../engine/plan';
import { epochMessage, type FromWorker, type RunState, type StepRecord } from '../protocol';
import type { StepReadout, Trainer } from './trainer';
import { createTrainer } from './trainer-factory';

const MAX_STEPS_PER_CHUNK = 1024;
const CHUNK_BUDGET_MS = 30;

type Post = (message: FromWorker) => void;

interface StepPosition {
  epoch: number;
  stepInEpoch: number;
  batch: number[];
}

interface PendingChunk {
  positions: StepPosition[];
  work: unknown;
}

/** Lets queued messages (Pause, Reset) in between chunks; MessageChannel avoids setTimeout clamping. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every parameter after a chunk's last step, flat (state_dict order): [w, b] for nn.Linear(1, 1). */
function modelParamsOf(readouts: readonly StepReadout[]): number[] | undefined {
  const last = readouts.at(-1);
  return last?.modelParams ?? (last?.params ? [last.params.w, last.params.b] : undefined);
}

export class TrainingRun {
  state: RunState = 'ready';
  private readonly plan: RunPlan;
  private readonly trainer: Trainer;
  private epoch = 0;
  private epochBatches: number[][] = [];
  private nextBatchInEpoch = 0;
  private stepsDone = 0;
  private readonly totalSteps: number;
  private loop: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    readonly runId: number,
    readonly config: RunConfig,
    private readonly post: Post,
  ) {
    this.plan = createRunPlan(config);
    this.trainer = createTrainer(this.plan, config);
    this.totalSteps = this.plan.stepsPerEpoch * config.epochs;
    this.post({
      type: 'run-ready',
      runId,
      config,
      initialParams: this.plan.initialParams,
      initialModelParams: Array.from(this.plan.initialParameters),
      stepsPerEpoch: this.plan.stepsPerEpoch,
      datasetSize: this.plan.dataset.x.length,
      data: { x: this.plan.dataset.x, y: this.plan.dataset.y },
      tensorCount: tf.memory().numTensors,
    });
    if (this.totalSteps === 0) this.setState('finished');
    else this.setState('ready');
  }

  get finished(): boolean {
    return this.stepsDone >= this.totalSteps;
  }

  setSpeed(speed: number): void {
    this.config.speed = speed;
  }

  train(): void {
    if (this.state !== 'ready' && this.state !== 'paused') return;
    this.setState('running');
    this.loop = this.runLoop().catch((e) => this.fail(e));
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused'; // the loop notices and announces it
  }

  async step(): Promise<void> {
    if (this.state !== 'ready' && this.state !== 'paused') return;
    await this.loop;
    try {
      await this.flush(this.enqueueChunk(1));
      this.setState(this.finished ? 'finished' : 'paused');
    } catch (e) {
      this.fail(e);
    }
  }

  /** Stops the loop at its next chunk boundary, then frees every tensor of this run. */
  async dispose(): Promise<void> {
    if (this.state === 'running') this.state = 'paused';
    this.disposed = true;
    await this.loop;
    this.trainer.dispose();
  }

  private async runLoop(): Promise<void> {
    let chunkSize = 1;
    while (this.state === 'running' && !this.finished && !this.disposed) {
      const slowMotion = this.config.speed > 0;
      const started = performance.now();
      await this.flush(this.enqueueChunk(slowMotion ? 1 : chunkSize));
      const elapsed = performance.now() - started;
      if (elapsed < CHUNK_BUDGET_MS) chunkSize = Math.min(chunkSize * 2, MAX_STEPS_PER_CHUNK);
      else if (chunkSize > 1) chunkSize = Math.max(1, chunkSize >> 1);
      if (slowMotion) await sleep(Math.max(0, 1000 / this.config.speed - elapsed));
      else await yieldToEventLoop();
    }
    if (this.disposed) return;
    if (this.finished) this.setState('finished');
    else if (this.state === 'paused') this.setState('paused');
  }

  /** Queues up to `count` steps (fewer at the end of the run), walking epochs as PyTorch does. */
  private enqueueChunk(count: number): PendingChunk {
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

  private async flush({ positions, work }: PendingChunk): Promise<void> {
    const firstStep = this.stepsDone - positions.length;
    const readouts = await this.trainer.read(work);
    const steps: StepRecord[] = readouts.map((r, i) => ({
      step: firstStep + i,
      epoch: positions[i].epoch,
      stepInEpoch: positions[i].stepInEpoch,
      batch: positions[i].batch,
      loss: r.loss,
      params: r.params,
    }));
    if (this.disposed) return;
    this.post({
      type: 'progress',
      runId: this.runId,
      steps,
      tensorCount: tf.memory().numTensors,
      modelParams: modelParamsOf(readouts),
    });
  }

  private setState(state: RunState): void {
    this.state = state;
    this.post({ type: 'state', runId: this.runId, state, tensorCount: tf.memory().numTensors });
  }

  private fail(e: unknown): void {
    this.state = 'error';
    this.post({ type: 'error', runId: this.runId, message: e instanceof Error ? e.message : String(e) });
    this.setState('error');
  }
}
