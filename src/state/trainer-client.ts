// The one place that creates the training worker. It numbers runs (a reset is a new runId, so late
// messages of the old run are dropped by the store) and changes backend by replacing the worker:
// a worker picks its backend once, at 'init', and a fresh one also frees the old GPU device.
import type { RunConfig } from '../engine/config';
import type { FromWorker, ToWorker } from '../protocol';
import type { RunStore } from './run-store';

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export const createTrainingWorker = (): WorkerLike =>
  new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name: 'trainer' });

export class TrainerClient {
  private worker: WorkerLike | null = null;
  private runId = 0;
  private config: RunConfig;
  /** Commands wait until the worker has reported its backend; only the latest reset matters. */
  private backendReady = false;
  /** The worker died (script error): the next reset starts a new one. */
  private failed = false;

  constructor(
    private readonly store: RunStore,
    config: RunConfig,
    private readonly createWorker: () => WorkerLike = createTrainingWorker,
  ) {
    this.config = config;
  }

  /** Starts a worker on `config.backend` and prepares a run with `config`. */
  start(): void {
    this.worker?.terminate();
    this.backendReady = false;
    this.failed = false;
    const worker = this.createWorker();
    this.worker = worker;
    worker.onmessage = (event) => {
      if (this.worker !== worker) return; // a terminated worker's last words
      const message = event.data;
      this.store.handle(message);
      if (message.type === 'backend' && !this.backendReady) {
        this.backendReady = true;
        this.post({ type: 'reset', runId: this.runId, config: this.config });
      }
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      this.failed = true;
      this.store.workerFailed(`The training worker failed: ${event.message || 'script error'}`);
    };
    this.runId += 1;
    this.store.beginRun(this.runId, this.config);
    worker.postMessage({ type: 'init', backend: this.config.backend });
  }

  /** Disposes the current run and prepares a new one with `config` (the same settings by default). */
  reset(config: RunConfig = this.config, notice: string | null = null): void {
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

  /** Slow motion for class; applies to the running run without resetting it. */
  setSpeed(speed: number): void {
    this.config = { ...this.config, speed };
    this.post({ type: 'set-speed', runId: this.runId, speed });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private post(message: ToWorker): void {
    if (this.worker && this.backendReady) this.worker.postMessage(message);
  }
}
