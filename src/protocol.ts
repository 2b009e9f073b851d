// Every message between the UI thread and the training worker. Nothing else crosses; both sides
// switch exhaustively over these unions, so a new message is a compile error until it is handled.
import type { BackendName, BackendPreference, RunConfig } from './engine/config';
import type { Divergence, DivergenceWatchState } from './engine/divergence';
import type { Message } from './i18n/message';
import type { ModelSpec } from './engine/models';
import type { GradientNoise } from './analysis/gradient-noise';
import type { MlpNoiseJob, MlpNoiseRows } from './analysis/mlp-noise-rows';
import type { ReplaySteps } from './analysis/mlp-replay';
import type { ExperimentResults } from './engine/experiment/results';
import type { ExperimentSpec } from './engine/experiment/spec';

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** WebGPU's software/fallback adapter (SwiftShader and the like). */
  isFallbackAdapter: boolean;
}

export interface BackendInfo {
  /** The tfjs backend actually in use, checked by setBackend's boolean, not by getBackend(). */
  name: BackendName;
  requested: BackendPreference;
  /** Present on WebGPU. */
  adapter?: AdapterInfo;
  /** Each backend that was tried and refused, in order, and why (said in the page's language). */
  fallbackReasons: FallbackReason[];
  /** False when WEBGPU_CPU_FORWARD is off, i.e. every op really runs on the GPU. */
  cpuForward: boolean;
  /** The WebGL renderer name when the platform tells it. */
  renderer?: string;
  /** WebGPU only: a self-test result was seen stored in a GPUBuffer, so the GPU computed it. */
  gpuVerified?: boolean;
  /** Present when this backend took over from one that failed after start-up (device lost, …). */
  failover?: Failover;
}

export interface FallbackReason {
  backend: BackendName;
  /** e.g. "no WebGPU adapter (…)"; the browser's own words inside `error.raw`. */
  reason: Message;
}

/** A backend that failed while the worker was using it, and where its run went on. */
export interface Failover {
  from: BackendName;
  /** e.g. "the GPU device was lost (destroyed)". */
  reason: Message;
  /** The run continued from this many completed steps; null when no run was under way. */
  resumedAtStep: number | null;
}

/** Where a run picks up when it is recreated (backend failover, worker restart). */
export interface ResumePoint {
  /** Completed steps; the run continues with step `stepsDone` (0-based). */
  stepsDone: number;
  /**
   * Every parameter after the last completed step, flat in state_dict order (src/engine/models.ts):
   * [w, b] for nn.Linear(1, 1).
   */
  modelParams: number[];
  /** The run's divergence, already reported: the recreated run does not pause for it again. */
  divergence?: Divergence;
  /** Where the run's divergence watch was, so that the recreated run's watch goes on from there. */
  watch?: DivergenceWatchState;
}

/** Test-only faults, honoured only when the page was opened with ?testhooks=1. */
export type TestHook =
  /** GPUDevice.destroy() on tfjs's WebGPU device, as if the GPU were lost. */
  | 'lose-device'
  /** The next training chunk throws, as a tfjs kernel error would. */
  | 'throw-next-chunk'
  /** The worker closes itself without a word, as a crashed worker does. */
  | 'kill-worker';

/** A dataset's columns as float32, as the model sees them. */
export interface DataColumns {
  x: Float32Array;
  y: Float32Array;
}

/**
 * The 'epoch' message for an epoch's batches, in its compact form: one flat Int32Array order, in a
 * buffer of its own (the batches are views of the plan's array, which the trainer goes on using).
 */
export function epochMessage(
  runId: number,
  epoch: number,
  batches: readonly ArrayLike<number>[],
  batchSize: number,
): FromWorker {
  let length = 0;
  for (const batch of batches) length += batch.length;
  const order = new Int32Array(length);
  let at = 0;
  for (const batch of batches) {
    order.set(batch, at);
    at += batch.length;
  }
  return { type: 'epoch', runId, epoch, order, batchSize };
}

/**
 * What a message hands over rather than copies: an epoch's order is made fresh for its message
 * (epochMessage copies the batches, which are views of the plan's own array), and the worker keeps
 * no reference to it, so its buffer moves to the UI instead of being cloned (4 MB at N = 1,000,000).
 */
export function transferablesOf(message: FromWorker): ArrayBuffer[] {
  return message.type === 'epoch' ? [message.order.buffer as ArrayBuffer] : [];
}

export interface ModelParams {
  w: number;
  b: number;
}

export interface StepRecord {
  /** 0-based across the run. */
  step: number;
  /** 1-based, as printed. */
  epoch: number;
  /**
   * 1-based within the epoch, as printed. The step's batch is batch stepInEpoch − 1 of its epoch's
   * order (the 'epoch' message, always posted before the first progress that needs it): its sample
   * indices are not sent again.
   */
  stepInEpoch: number;
  loss: number;
  /**
   * The linear model's w and b after this step's SGD update. Absent for the MLP: its parameters
   * come as the progress message's `modelParams`.
   */
  params?: ModelParams;
}

/** The held-out samples' MSE after an epoch's last step (a validation split, engine/validation.ts). */
export interface ValidationPoint {
  /** 1-based, as printed. */
  epoch: number;
  loss: number;
}

/** One point of the throughput lab's sweep: a batch size trained for a short, fixed budget. */
export interface SweepPoint {
  batchSize: number;
  stepsPerEpoch: number;
  /** Steps and samples trained in the timed part (after an untimed warm-up on a throwaway trainer). */
  steps: number;
  samples: number;
  seconds: number;
  samplesPerSecond: number;
  /**
   * Samples per second of each of a few consecutive parts of the timed budget (fewer when a chunk
   * spans several): their spread is how much the timing varies (analysis/timing-repeats.ts).
   */
  rateRepeats: number[];
  stepsPerSecond: number;
  /** seconds × stepsPerEpoch / steps: how long one epoch takes at this batch size. */
  secondsPerEpoch: number;
  /** Epochs the loss curve covers: up to the sweep's maxEpochs, fewer when the budget ran out. */
  epochs: number;
  /** The mean mini-batch loss of the curve's last whole epoch (of its steps, when under one epoch). */
  finalLoss: number;
  /** The curve: after each chunk, seconds and epochs since the start and the chunk's mean batch loss. */
  curve: SweepCurvePoint[];
  /** Which trainer ran, e.g. "fused WGSL, sequential" or "tfjs op by op". */
  engine: string;
}

export interface SweepCurvePoint {
  seconds: number;
  epochs: number;
  loss: number;
}

export type SweepOutcome = 'complete' | 'cancelled' | 'refused' | 'error';

export type RunState = 'starting' | 'ready' | 'running' | 'paused' | 'finished' | 'error';

/** UI → worker. */
export type ToWorker =
  | { type: 'init'; backend: BackendPreference; testHooks?: boolean }
  /**
   * Disposes the current run's tensors and prepares a new one; nothing trains until train/step.
   * With `resume`, the run starts after `resume.stepsDone` completed steps (a restarted worker).
   */
  | { type: 'reset'; runId: number; config: RunConfig; resume?: ResumePoint }
  | { type: 'train'; runId: number }
  | { type: 'pause'; runId: number }
  | { type: 'step'; runId: number }
  /** The rest of the current epoch (a whole epoch from an epoch boundary), then paused. */
  | { type: 'step-epoch'; runId: number }
  | { type: 'set-speed'; runId: number; speed: number }
  /** Liveness check; answered at once with a pong, whatever the worker is doing. */
  | { type: 'ping'; id: number }
  | { type: 'test-hook'; hook: TestHook }
  /**
   * The throughput lab: trains each batch size (the app's own trainer on the current backend) for
   * about `budgetMs`, the loss curve for at most `maxEpochs`. Refused while a run trains; a run
   * command (reset, train, step) or cancel-sweep stops it between chunks.
   */
  | { type: 'sweep'; sweepId: number; config: RunConfig; batchSizes: number[]; budgetMs: number; maxEpochs: number }
  | { type: 'cancel-sweep'; sweepId: number };

/** Worker → UI. Messages about a run carry its runId so the UI can drop those of a run it reset. */
export type FromWorker =
  | { type: 'backend'; info: BackendInfo }
  | {
      type: 'run-ready';
      runId: number;
      config: RunConfig;
      /** The linear model's initial w and b; absent for the MLP. */
      initialParams?: ModelParams;
      /** Every initial parameter, flat in PyTorch's state_dict order (src/engine/models.ts). */
      initialModelParams?: number[];
      stepsPerEpoch: number;
      datasetSize: number;
      tensorCount: number;
      /** Set when the run was recreated mid-way: it goes on after this many completed steps. */
      resumedAt?: number;
      /** The run's data (x, y columns), for the fit view and the full-data loss. */
      data?: DataColumns;
      /** The held-out samples' indices (val_set.indices); absent without a validation split. */
      heldOut?: Int32Array;
    }
  | {
      type: 'epoch';
      runId: number;
      epoch: number;
      /**
       * The epoch's sample order, its batches back to back (batch k = order[k·batchSize …]): one typed
       * array instead of N numbers in nested arrays, 4 MB per epoch at N = 1,000,000, transferred
       * (transferablesOf). Sent before any step of the epoch (again for a resumed run's epoch under way):
       * steps carry no indices.
       */
      order: Int32Array;
      batchSize: number;
    }
  | {
      type: 'progress';
      runId: number;
      steps: StepRecord[];
      tensorCount: number;
      tensorBytes?: number;
      /** Every parameter after the last of `steps`, flat in state_dict order: the model's curve. */
      modelParams?: number[];
      /** The held-out MSE after each epoch that ended among `steps` (with a validation split). */
      validation?: ValidationPoint[];
      /**
       * The run diverged (the worker's DivergenceWatch, engine/divergence.ts), sent once, with the
       * chunk whose losses showed it. A training loop then stops there: a 'state' paused for it follows.
       */
      divergence?: Divergence;
    }
  | {
      type: 'state';
      runId: number;
      state: RunState;
      tensorCount: number;
      tensorBytes?: number;
      /** Set when the worker paused the run because it diverged (once a run; Train goes on). */
      pausedFor?: 'divergence';
    }
  /** `message` in English for logs; `problem` as the page says it (the worker's known failures). */
  | { type: 'error'; runId: number | null; message: string; problem?: Message }
  | { type: 'pong'; id: number }
  | { type: 'sweep-point'; sweepId: number; point: SweepPoint }
  /** The sweep ended; every tensor and GPU buffer it made is freed (tensorCount is back to tensorCountBefore). */
  | {
      type: 'sweep-done';
      sweepId: number;
      outcome: SweepOutcome;
      /** Why it was refused, cancelled or failed. */
      reason?: Message;
      tensorCountBefore: number;
      tensorCount: number;
    };

export function assertNever(x: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(x)}`);
}

// The gradient-noise figure's own worker (worker/noise-worker.ts): no tfjs, only the analysis's
// float64 maths, so that N = 1,000,000 is summed off the page's thread and beside the training.
/** One picture to compute; the worker answers every request with its id, one at a time. */
export interface NoiseRequest {
  id: number;
  /** The run the data belongs to: its columns are sent with the first request of a run only. */
  runId: number;
  data?: DataColumns;
  model: ModelSpec;
  /**
   * Every parameter, flat in state_dict order, before the step's update; with `replay`, those of the
   * MLP's checkpoint that the steps are replayed from.
   */
  params: number[];
  /** The MLP's steps from the checkpoint to the one drawn, their batches as positions in `data`. */
  replay?: ReplaySteps;
  batchSize: number;
  replacement: boolean;
  /** The drawn batches' generator seed (noiseSeed(seed, step)). */
  seed: number;
  /** The step's own batch, or null when its indices are not known. */
  actualBatch: Int32Array | null;
}

export type ToNoiseWorker = { type: 'noise'; request: NoiseRequest };

/**
 * The answers to a request: a first picture with what its work budget affords, then — when the
 * batches could not all be drawn at once — the same picture with more of them, until the one with
 * `complete` true. A newer request ends the older one's answers.
 */
export type FromNoiseWorker =
  | { type: 'noise'; id: number; result: GradientNoise; complete: boolean }
  | { type: 'noise-error'; id: number; message: string };

// The run CSV's noise columns for the MLP (worker/noise-csv-worker.ts): one replay through the run,
// a pass over the training samples a step, in a worker of its own so that the figure's stays free.
export type ToNoiseCsvWorker = { type: 'noise-csv'; job: MlpNoiseJob };

export type FromNoiseCsvWorker =
  /** Rows done so far, of `total`. */
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; rows: MlpNoiseRows }
  | { type: 'error'; message: string };

// The experiment engine's own worker (worker/experiment-worker.ts): a grid of runs trained together,
// on its own WebGPU device or in plain-JS float32, beside the single run and never in its way.
export type ToExperimentWorker =
  { type: 'experiment'; id: number; base: RunConfig; spec: ExperimentSpec } | { type: 'cancel-experiment'; id: number };

/**
 * Which engine trains an experiment: the fused WGSL kernels (`adapter` as the adapter describes
 * itself, `schedule` as schedule.ts picked it) or the plain-JS float32 loop, and why when the page
 * asked for WebGPU and got the loop.
 */
export type ExperimentEngineInfo =
  | { kind: 'webgpu'; adapter: string; schedule: 'parallel' | 'sequential' }
  | { kind: 'js'; why: 'backend' | 'no-webgpu' | 'mlp' | 'gpu-failed' };

export type FromExperimentWorker =
  | { type: 'experiment-started'; id: number; engine: ExperimentEngineInfo; runs: number; steps: number }
  /** `fraction` of every run's sample stream trained. */
  | { type: 'experiment-progress'; id: number; fraction: number }
  /** `elapsedMs`: from the request to the last loss read back, planning included. */
  | { type: 'experiment-done'; id: number; results: ExperimentResults; elapsedMs: number }
  /** Every buffer freed, nothing more will come for `id`. */
  | { type: 'experiment-cancelled'; id: number }
  | { type: 'experiment-error'; id: number; message: string };
