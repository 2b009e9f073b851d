// The throughput lab's state: which sweep is under way, the points the worker has sent, and how it
// ended. Kept apart from the run store: a sweep never touches the run being shown. The worker's
// sweep messages reach it through the TrainerClient; components read getSnapshot() and render it.
import { useSyncExternalStore } from 'react';
import { datasetSizeFor } from '../engine/plan';
import type { BackendName, RunConfig } from '../engine/config';
import { message as messageOf, type Message } from '../i18n/message';
import type { FromWorker, SweepOutcome, SweepPoint } from '../protocol';

/** Each batch size trains about this long (a little more for its last step). */
export const SWEEP_BUDGET_MS = 500;
/** The loss curves stop after this many epochs (or at the run's epochs, when fewer). */
export const SWEEP_MAX_EPOCHS = 1000;

export type SweepPhase = 'idle' | 'running' | SweepOutcome;

export type SweepMessage = Extract<FromWorker, { type: 'sweep-point' | 'sweep-done' }>;

export interface SweepSnapshot {
  sweepId: number;
  phase: SweepPhase;
  /** The settings swept (the run's, batch size aside); null before the first sweep. */
  config: RunConfig | null;
  backend: BackendName | null;
  batchSizes: number[];
  points: SweepPoint[];
  /** Why the sweep was refused, cancelled or failed. */
  reason: Message | null;
  tensorCountBefore: number | null;
  tensorCount: number | null;
}

/** 1, 2, 4, … below N, then N itself: the batch sizes a sweep trains. */
export function sweepBatchSizes(datasetSize: number): number[] {
  const sizes: number[] = [];
  for (let b = 1; b < datasetSize; b *= 2) sizes.push(b);
  if (datasetSize >= 1) sizes.push(datasetSize);
  return sizes;
}

/** The sweep request for a run's settings: its own dataset, model and seed, every batch size. */
export function sweepRequestFor(config: RunConfig) {
  return {
    config,
    batchSizes: sweepBatchSizes(datasetSizeFor(config)),
    budgetMs: SWEEP_BUDGET_MS,
    maxEpochs: Math.min(config.epochs, SWEEP_MAX_EPOCHS),
  };
}

const IDLE: SweepSnapshot = {
  sweepId: 0,
  phase: 'idle',
  config: null,
  backend: null,
  batchSizes: [],
  points: [],
  reason: null,
  tensorCountBefore: null,
  tensorCount: null,
};

export class SweepStore {
  private snapshot: SweepSnapshot = IDLE;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SweepSnapshot => this.snapshot;

  /** A sweep was sent; its points replace the previous sweep's. Returns its id. */
  begin(config: RunConfig, batchSizes: number[], backend: BackendName | null): number {
    const sweepId = this.snapshot.sweepId + 1;
    this.set({ ...IDLE, sweepId, phase: 'running', config, backend, batchSizes });
    return sweepId;
  }

  handle(message: SweepMessage): void {
    if (message.sweepId !== this.snapshot.sweepId || this.snapshot.phase !== 'running') return;
    switch (message.type) {
      case 'sweep-point':
        this.set({ points: [...this.snapshot.points, message.point] });
        return;
      case 'sweep-done':
        this.set({
          phase: message.outcome,
          reason: message.reason ?? null,
          tensorCountBefore: message.tensorCountBefore,
          tensorCount: message.tensorCount,
        });
        return;
    }
  }

  /** The worker was replaced or died: a sweep under way will never finish. */
  workerGone(): void {
    if (this.snapshot.phase === 'running') this.set({ phase: 'error', reason: messageOf('lab.reasonRestarted') });
  }

  private set(patch: Partial<SweepSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export function useSweep(store: SweepStore): SweepSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
