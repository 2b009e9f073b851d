// The Experiments section's state: the grid asked for, the engine that trains it, how far it got,
// and its results. The worker is started on the first experiment and kept (its GPU device with it);
// components read getSnapshot() and render it. Only the latest experiment's messages count.
import { useSyncExternalStore } from 'react';
import type { RunConfig } from '../engine/config';
import type { ExperimentResults } from '../engine/experiment/results';
import type { ExperimentSpec } from '../engine/experiment/spec';
import type { ExperimentEngineInfo, FromExperimentWorker, ToExperimentWorker } from '../protocol';

export type ExperimentPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface ExperimentSnapshot {
  id: number;
  phase: ExperimentPhase;
  base: RunConfig | null;
  spec: ExperimentSpec | null;
  engine: ExperimentEngineInfo | null;
  runs: number;
  steps: number;
  /** 0 … 1 of every run's sample stream trained. */
  progress: number;
  results: ExperimentResults | null;
  elapsedMs: number | null;
  /** From Cancel to the worker's word that it stopped and freed its buffers; null until then. */
  cancelMs: number | null;
  error: string | null;
}

const IDLE: ExperimentSnapshot = {
  id: 0,
  phase: 'idle',
  base: null,
  spec: null,
  engine: null,
  runs: 0,
  steps: 0,
  progress: 0,
  results: null,
  elapsedMs: null,
  cancelMs: null,
  error: null,
};

/** What the client needs of a Worker (tests pass a stand-in). */
export interface ExperimentPort {
  postMessage(message: ToExperimentWorker): void;
  onmessage: ((event: MessageEvent<FromExperimentWorker>) => void) | null;
}

const startWorker = (): ExperimentPort =>
  new Worker(new URL('../worker/experiment-worker.ts', import.meta.url), {
    type: 'module',
    name: 'experiment',
  });

export class ExperimentClient {
  private snapshot: ExperimentSnapshot = IDLE;
  private readonly listeners = new Set<() => void>();
  private worker: ExperimentPort | null = null;
  private cancelledAt = 0;

  constructor(
    private readonly makeWorker: () => ExperimentPort = startWorker,
    private readonly now: () => number = () => performance.now(),
  ) {}

  getSnapshot = (): ExperimentSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(base: RunConfig, spec: ExperimentSpec): void {
    const worker = this.port();
    if (this.snapshot.phase === 'running') worker.postMessage({ type: 'cancel-experiment', id: this.snapshot.id });
    const id = this.snapshot.id + 1;
    this.set({ ...IDLE, id, phase: 'running', base, spec });
    worker.postMessage({ type: 'experiment', id, base, spec });
  }

  /** Cancels the experiment under way; its results so far are dropped. */
  cancel(): void {
    if (this.snapshot.phase !== 'running') return;
    this.worker?.postMessage({ type: 'cancel-experiment', id: this.snapshot.id });
    this.cancelledAt = this.now();
    this.set({ ...this.snapshot, phase: 'cancelled' });
  }

  private port(): ExperimentPort {
    if (!this.worker) {
      this.worker = this.makeWorker();
      this.worker.onmessage = (event) => this.receive(event.data);
    }
    return this.worker;
  }

  private receive(message: FromExperimentWorker): void {
    const now = this.snapshot;
    if (message.id !== now.id) return;
    if (now.phase === 'cancelled' && message.type === 'experiment-cancelled' && now.cancelMs === null) {
      this.set({ ...now, cancelMs: this.now() - this.cancelledAt });
      return;
    }
    if (now.phase !== 'running') return;
    switch (message.type) {
      case 'experiment-started':
        this.set({ ...now, engine: message.engine, runs: message.runs, steps: message.steps });
        break;
      case 'experiment-progress':
        this.set({ ...now, progress: message.fraction });
        break;
      case 'experiment-done':
        this.set({ ...now, phase: 'done', progress: 1, results: message.results, elapsedMs: message.elapsedMs });
        break;
      case 'experiment-cancelled':
        this.set({ ...now, phase: 'cancelled' });
        break;
      case 'experiment-error':
        this.set({ ...now, phase: 'error', error: message.message });
        break;
    }
  }

  private set(next: ExperimentSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

export function useExperiment(client: ExperimentClient): ExperimentSnapshot {
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
}
