// Accumulates the worker's messages outside React and tells React at most once per animation
// frame. Components read `getSnapshot()` (through useSyncExternalStore) and only render it.
import type { Message } from '../i18n/message';
import type { RunConfig } from '../engine/config';
import { DivergenceWatch, windowFor, type Divergence } from '../engine/divergence';
import { formatValidationLine } from '../engine/format';
import {
  assertNever,
  type BackendInfo,
  type DataColumns,
  type FromWorker,
  type ModelParams,
  type ResumePoint,
  type RunState,
  type StepRecord,
  type ValidationPoint,
} from '../protocol';
import { stepLogLine } from './log-line';
import { RunData } from './run-data';

export interface RunSnapshot {
  /** Increases on every notification; cheap dependency for memoised views. */
  version: number;
  backend: BackendInfo | null;
  runId: number;
  /** The configuration of the run being shown. */
  config: RunConfig;
  state: RunState;
  /** Why the run or the worker stopped, when state is 'error' (the worker's `problem`, else its English in `error.raw`). */
  error: Message | null;
  /** The linear model's w and b (null for the MLP: see modelParams). */
  initialParams: ModelParams | null;
  currentParams: ModelParams | null;
  /** Every parameter, flat in state_dict order, after the latest step received (initially the initial ones). */
  modelParams: number[] | null;
  /** 0 until the worker says the run is ready. */
  stepsPerEpoch: number;
  datasetSize: number;
  /** The run's x and y columns (fit view, full-data loss); null until the run is ready. */
  dataColumns: DataColumns | null;
  /** The held-out samples' indices (a validation split); null without one. */
  heldOut: Int32Array | null;
  tensorCount: number | null;
  /** Bytes held by those tensors (tf.memory().numBytes), for the debug panel. */
  tensorBytes: number | null;
  stepsDone: number;
  epochsReceived: number;
  lastLoss: number | null;
  /** A line for the status region, e.g. "Settings changed — run reset". */
  notice: Message | null;
  /** The run diverged: the worker decided it (its DivergenceWatch) and said so once. */
  divergence: Divergence | null;
  /** The worker paused the run because it diverged, and it has not moved since. */
  divergencePaused: boolean;
  /** Append-only columns; identity changes on reset. Read them, never write them. */
  data: RunData;
}

const sameMessage = (a: Message | null, b: Message | null): boolean =>
  a === b || (a !== null && b !== null && a.key === b.key && JSON.stringify(a.params) === JSON.stringify(b.params));

type Schedule = (flush: () => void) => void;

/** The fields a reset clears: a new run has no parameters, steps or data yet. */
type RunFields = Omit<RunSnapshot, 'version' | 'backend' | 'tensorCount' | 'tensorBytes'>;

function freshRun(runId: number, config: RunConfig, notice: Message | null): RunFields {
  const data = new RunData();
  data.epochBatches.neededFrom(0); // steps take their batches from the epochs: none goes before its steps
  return {
    runId,
    config,
    state: 'starting',
    error: null,
    initialParams: null,
    currentParams: null,
    modelParams: null,
    stepsPerEpoch: 0,
    datasetSize: 0,
    dataColumns: null,
    heldOut: null,
    stepsDone: 0,
    epochsReceived: 0,
    lastLoss: null,
    notice,
    divergence: null,
    divergencePaused: false,
    data,
  };
}

const nextFrame: Schedule = (flush) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => flush());
  else setTimeout(flush, 16);
};

export class RunStore {
  private snapshot: RunSnapshot;
  private pending: RunSnapshot;
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private epochLossSum = 0;
  private epochStepsSeen = 0;

  constructor(
    config: RunConfig,
    private readonly schedule: Schedule = nextFrame,
  ) {
    this.pending = {
      version: 0,
      backend: null,
      tensorCount: null,
      tensorBytes: null,
      ...freshRun(0, config, null),
    };
    this.snapshot = this.pending;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RunSnapshot => this.snapshot;

  /** A reset was sent: forget the old run; its late messages carry the old runId and are dropped. */
  beginRun(runId: number, config: RunConfig, notice: Message | null = null): void {
    this.epochLossSum = 0;
    this.epochStepsSeen = 0;
    this.update(freshRun(runId, config, notice));
  }

  /**
   * The worker is being replaced (backend change, restart after a failure): its backend report no
   * longer holds. The run's history stays; a reset that follows may clear it.
   */
  workerRestarting(notice: Message | null = this.pending.notice): void {
    this.update({
      backend: null,
      state: 'starting',
      error: null,
      tensorCount: null,
      tensorBytes: null,
      notice,
      divergencePaused: false,
    });
  }

  /** Where a restarted worker should carry the run on, or null when it has no steps to keep. */
  resumePoint(): ResumePoint | null {
    const { stepsDone, modelParams, divergence, data, stepsPerEpoch } = this.pending;
    if (stepsDone === 0 || !modelParams) return null;
    // The new worker's watch goes on from the run's own losses, as the old worker's had seen them.
    const watch = new DivergenceWatch(windowFor(stepsPerEpoch), divergence);
    watch.scan(data.stepLoss.view(), stepsDone);
    const state = watch.state();
    return divergence ? { stepsDone, modelParams, divergence, watch: state } : { stepsDone, modelParams, watch: state };
  }

  /** The speed applies to the run under way (no reset): the run's settings say so too. */
  speedChanged(speed: number, notice: Message | null): void {
    this.update({ config: { ...this.pending.config, speed }, notice });
  }

  setNotice(notice: Message | null): void {
    if (!sameMessage(notice, this.pending.notice)) this.update({ notice });
  }

  /** The worker itself failed (script error, crash): nothing will answer any more. */
  workerFailed(message: Message): void {
    this.update({ state: 'error', error: message, divergencePaused: false });
  }

  handle(message: FromWorker): void {
    const current = this.pending.runId;
    switch (message.type) {
      case 'backend':
        this.update({ backend: message.info });
        return;
      case 'run-ready':
        if (message.runId !== current) return;
        if (message.resumedAt === undefined && this.pending.stepsDone > 0) {
          // The worker started this run over (it could not carry it on): so does its history.
          this.beginRun(current, this.pending.config, this.pending.notice);
        }
        if (message.config.model === 'mlp' && message.initialModelParams) {
          this.pending.data.checkpoints.add(0, message.initialModelParams);
        }
        this.update({
          initialParams: message.initialParams ?? null,
          currentParams: message.resumedAt ? this.pending.currentParams : (message.initialParams ?? null),
          modelParams: message.resumedAt ? this.pending.modelParams : (message.initialModelParams ?? null),
          stepsPerEpoch: message.stepsPerEpoch,
          datasetSize: message.datasetSize,
          dataColumns: message.data ?? this.pending.dataColumns,
          heldOut: message.heldOut ?? null,
          tensorCount: message.tensorCount,
          state: this.pending.state === 'starting' ? 'ready' : this.pending.state,
        });
        return;
      case 'epoch':
        if (message.runId !== current) return;
        if (message.epoch <= this.pending.data.epochBatches.epochCount) return; // already have it
        this.pending.data.epochBatches.append(message);
        this.update({ epochsReceived: this.pending.data.epochBatches.epochCount });
        return;
      case 'progress':
        if (message.runId !== current) return;
        this.addSteps(message.steps, message.validation);
        if (this.pending.config.model === 'mlp' && message.modelParams && message.steps.length > 0) {
          this.pending.data.checkpoints.add(message.steps[message.steps.length - 1].step + 1, message.modelParams);
        }
        this.update({
          tensorCount: message.tensorCount,
          tensorBytes: message.tensorBytes ?? null,
          modelParams: message.modelParams ?? this.pending.modelParams,
          divergence: message.divergence ?? this.pending.divergence,
        });
        return;
      case 'state':
        if (message.runId !== current) return;
        this.update({
          state: message.state,
          tensorCount: message.tensorCount,
          tensorBytes: message.tensorBytes ?? this.pending.tensorBytes,
          divergencePaused: message.state === 'paused' && message.pausedFor === 'divergence',
        });
        return;
      case 'error':
        if (message.runId !== null && message.runId !== current) return;
        // The worker's own words in the page's language when it has them; else its English text.
        this.update({
          state: 'error',
          error: message.problem ?? { key: 'error.raw', params: { text: message.message } },
          divergencePaused: false,
        });
        return;
      case 'pong':
      case 'sweep-point':
        return; // the client's heartbeat; the throughput lab's store (sweep-store.ts)
      case 'sweep-done':
        // The worker's holdings after a sweep: the status shows they are back to their level.
        this.update({ tensorCount: message.tensorCount });
        return;
      default:
        assertNever(message);
    }
  }

  private addSteps(steps: readonly StepRecord[], validation: readonly ValidationPoint[] = []): void {
    const run = this.pending;
    const { data, config, stepsPerEpoch } = run;
    let { stepsDone, currentParams, lastLoss } = run;
    for (const record of steps) {
      if (record.step < stepsDone) continue; // a repeated chunk
      data.stepLoss.push(record.loss);
      data.paramW.push(record.params?.w ?? NaN);
      data.paramB.push(record.params?.b ?? NaN);
      // The step's batch, from its epoch's order (the worker posts the epoch before its steps).
      const batch = data.epochBatches.batchIndices(record.epoch - 1, record.stepInEpoch - 1) ?? [];
      data.pushLogLine(
        stepLogLine(record.step, record.epoch, config.epochs, record.stepInEpoch, stepsPerEpoch, batch, record.loss),
      );
      this.epochLossSum += record.loss;
      this.epochStepsSeen += 1;
      if (record.stepInEpoch === stepsPerEpoch) {
        data.epochMeanLoss.push(this.epochLossSum / this.epochStepsSeen);
        data.epochMeanStep.push(record.step + 1);
        this.epochLossSum = 0;
        this.epochStepsSeen = 0;
        const held = validation.find((v) => v.epoch === record.epoch);
        if (held) {
          data.validationLoss.push(held.loss);
          data.validationStep.push(record.step + 1);
          const text = formatValidationLine(record.epoch, config.epochs, held.loss);
          data.pushLogLine({ step: record.step, text, validation: true });
        }
      }
      stepsDone = record.step + 1;
      currentParams = record.params ?? currentParams;
      lastLoss = record.loss;
    }
    // Epochs whose steps have all arrived may now be let go (large runs keep the newest only).
    if (stepsPerEpoch > 0) data.epochBatches.neededFrom(Math.floor(stepsDone / stepsPerEpoch));
    this.update({ stepsDone, currentParams, lastLoss });
  }

  private update(patch: Partial<RunSnapshot>): void {
    this.pending = { ...this.pending, ...patch };
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    this.pending = { ...this.pending, version: this.snapshot.version + 1 };
    this.snapshot = this.pending;
    for (const listener of this.listeners) listener();
  }
}
