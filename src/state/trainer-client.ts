// The one place that creates the training worker. It numbers runs (a reset is a new runId, so late
// messages of the old run are dropped by the store) and changes backend by replacing the worker:
// a worker picks its backend once, at 'init', and a fresh one also frees the old GPU device.
// A worker that dies or stops answering is noticed (onerror, a heartbeat) and can be restarted:
// the new worker carries the run on from the last step the store has, so no history is lost.
import { message, type Message } from '../i18n/message';
import type { RunConfig } from '../engine/config';
import type { FromWorker, ResumePoint, TestHook, ToWorker } from '../protocol';
import type { RunStore } from './run-store';
import { SweepStore, sweepRequestFor } from './sweep-store';

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export const createTrainingWorker = (): WorkerLike =>
  new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name: 'trainer' });

/**
 * A ping every `intervalMs`; the worker counts as dead when pings sent over more than `timeoutMs`
 * (and at least three of them) went unanswered. A busy worker still answers: pings skip its queue.
 */
export interface Heartbeat {
  intervalMs: number;
  timeoutMs: number;
}

export const DEFAULT_HEARTBEAT: Heartbeat = { intervalMs: 2000, timeoutMs: 10_000 };
/** Under ?testhooks=1, so that a killed worker is noticed within a test's patience. */
export const TEST_HEARTBEAT: Heartbeat = { intervalMs: 500, timeoutMs: 2000 };

export interface ClientOptions {
  /** Default: DEFAULT_HEARTBEAT with the real worker, none with an injected one (unit tests). */
  heartbeat?: Heartbeat | null;
  /** Lets the worker honour test-hook messages (?testhooks=1). */
  testHooks?: boolean;
  /** The throughput lab's store; a fresh one by default. */
  sweeps?: SweepStore;
}

export class TrainerClient {
  private worker: WorkerLike | null = null;
  private runId = 0;
  private config: RunConfig;
  /** Commands wait until the worker has reported its backend; only the latest reset matters. */
  private backendReady = false;
  /** The worker died (script error, no answer): the next reset or restart starts a new one. */
  private failed = false;
  private readonly heartbeat: Heartbeat | null;
  private readonly testHooks: boolean;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private pingId = 0;
  private unanswered = 0;
  private unansweredSince = 0;
  /** The throughput lab's sweeps (sweep-point, sweep-done) land here, not in the run store. */
  readonly sweeps: SweepStore;

  constructor(
    private readonly store: RunStore,
    config: RunConfig,
    private readonly createWorker: () => WorkerLike = createTrainingWorker,
    options: ClientOptions = {},
  ) {
    this.config = config;
    this.testHooks = options.testHooks === true;
    this.sweeps = options.sweeps ?? new SweepStore();
    this.heartbeat =
      options.heartbeat !== undefined
        ? options.heartbeat
        : createWorker === createTrainingWorker
          ? this.testHooks
            ? TEST_HEARTBEAT
            : DEFAULT_HEARTBEAT
          : null;
    if (this.heartbeat && typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this.forgiveSilence);
      document.addEventListener('resume', this.forgiveSilence); // Page Lifecycle: unfrozen
    }
  }

  /** Starts a worker on `config.backend` and prepares a run with `config`. */
  start(): void {
    this.runId += 1;
    this.store.beginRun(this.runId, this.config);
    this.spawn();
  }

  /**
   * Replaces a failed (or any) worker and carries the current run on from the last step the UI
   * has: the charts, log and batches stay, and Train continues where the run stopped.
   */
  restart(): void {
    const resume = this.store.resumePoint();
    this.store.workerRestarting(
      resume ? message('notice.workerRestartedAt', { step: resume.stepsDone }) : message('notice.workerRestarted'),
    );
    this.spawn(resume ?? undefined);
  }

  /** Starts a worker; once it has a backend it prepares run `this.runId` (resumed, if asked). */
  private spawn(resume?: ResumePoint): void {
    this.worker?.terminate();
    this.sweeps.workerGone();
    this.backendReady = false;
    this.failed = false;
    const worker = this.createWorker();
    this.worker = worker;
    worker.onmessage = (event) => {
      if (this.worker !== worker) return; // a terminated worker's last words
      const message = event.data;
      if (message.type === 'pong') {
        this.unanswered = 0;
        return;
      }
      if (message.type === 'sweep-point' || message.type === 'sweep-done') this.sweeps.handle(message);
      this.store.handle(message);
      if (message.type === 'backend' && !this.backendReady) {
        this.backendReady = true;
        this.post({ type: 'reset', runId: this.runId, config: this.config, ...(resume ? { resume } : {}) });
      }
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      event.preventDefault?.();
      this.declareFailed(
        message('error.workerFailed', {
          detail: event.message ? message('error.raw', { text: event.message }) : message('error.scriptError'),
        }),
      );
    };
    worker.postMessage({ type: 'init', backend: this.config.backend, ...(this.testHooks ? { testHooks: true } : {}) });
    this.startHeartbeat();
  }

  /** The worker is gone (or half gone): stop listening to it; Restart or Reset starts another. */
  private declareFailed(failure: Message): void {
    this.failed = true;
    this.stopHeartbeat();
    this.worker?.terminate();
    this.worker = null;
    this.sweeps.workerGone();
    this.store.workerFailed(failure);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.unanswered = 0;
    const beat = this.heartbeat;
    if (!beat) return;
    this.heartbeatTimer = setInterval(() => {
      const worker = this.worker;
      if (!worker || this.failed) return;
      const now = performance.now();
      if (this.unanswered >= 3 && now - this.unansweredSince > beat.timeoutMs) {
        this.declareFailed(message('error.workerSilent'));
        return;
      }
      if (this.unanswered === 0) this.unansweredSince = now;
      this.unanswered += 1;
      worker.postMessage({ type: 'ping', id: ++this.pingId });
    }, beat.intervalMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  /** After a freeze or a hidden spell, pings sent before say nothing about the worker. */
  private readonly forgiveSilence = (): void => {
    this.unanswered = 0;
  };

  /** Test-only faults; the worker ignores them unless the page was opened with ?testhooks=1. */
  testHook(hook: TestHook): void {
    this.worker?.postMessage({ type: 'test-hook', hook });
  }

  /** Disposes the current run and prepares a new one with `config` (the same settings by default). */
  reset(config: RunConfig = this.config, notice: Message | null = null): void {
    if (config.backend !== this.config.backend || this.failed) {
      this.config = config;
      this.store.workerRestarting();
      this.start();
      this.store.setNotice(notice);
      return;
    }
    this.config = config;
    this.runId += 1;
    this.store.beginRun(this.runId, config, notice);
    if (this.backendReady) this.post({ type: 'reset', runId: this.runId, config });
  }

  train(): void {
    this.store.setNotice(null);
    this.post({ type: 'train', runId: this.runId });
  }

  pause(): void {
    this.post({ type: 'pause', runId: this.runId });
  }

  step(): void {
    this.store.setNotice(null);
    this.post({ type: 'step', runId: this.runId });
  }

  /** The rest of the current epoch (a whole epoch at an epoch boundary), then paused. */
  stepEpoch(): void {
    this.store.setNotice(null);
    this.post({ type: 'step-epoch', runId: this.runId });
  }

  /**
   * Slow motion for class; applies to the run under way without resetting it, from its next step
   * (the worker changes pace between chunks, never inside one).
   */
  setSpeed(speed: number): void {
    this.config = { ...this.config, speed };
    const run = this.store.getSnapshot();
    const underWay = run.stepsDone > 0 && (run.state === 'running' || run.state === 'paused');
    // English's plural rule picks the form; languages with one form repeat it under both keys.
    const pace =
      speed === 0
        ? message('notice.paceMax')
        : message(speed === 1 ? 'notice.pace.one' : 'notice.pace.other', { count: speed });
    this.store.speedChanged(speed, underWay ? message('notice.speedChanged', { pace }) : null);
    this.post({ type: 'set-speed', runId: this.runId, speed });
  }

  /**
   * The throughput lab: sweeps the batch sizes for the current run's settings on the worker's
   * backend. The worker refuses while the run trains; Train, Step or Reset stop a sweep.
   */
  sweep(): void {
    if (!this.worker || !this.backendReady) return;
    const run = this.store.getSnapshot();
    const request = sweepRequestFor(this.config);
    const sweepId = this.sweeps.begin(request.config, request.batchSizes, run.backend?.name ?? null);
    this.post({ type: 'sweep', sweepId, ...request });
  }

  cancelSweep(): void {
    const { sweepId, phase } = this.sweeps.getSnapshot();
    if (phase === 'running') this.post({ type: 'cancel-sweep', sweepId });
  }

  dispose(): void {
    this.stopHeartbeat();
    this.worker?.terminate();
    this.worker = null;
  }

  private post(message: ToWorker): void {
    if (this.worker && this.backendReady) this.worker.postMessage(message);
  }
}
