// Runs kept for comparison: "Pin run" freezes the current run's loss curve (already cut to ≤ 1,000
// points, so a pinned run costs ~30 KB whatever its length) and later runs draw over it. A pinned
// run is named by what differs between the compared runs ("B=1", "B=10, no shuffle"), so the names
// stay short and say exactly what the comparison is about.
import { useSyncExternalStore } from 'react';
import { DEFAULT_CONFIG, type DatasetName, type RunConfig } from '../engine/config';
import { EN, type I18n, type MessageKey } from '../i18n/translate';
import { plottablePoints, type LossPoint } from '../analysis/loss-series';
import type { RunData } from './run-data';

export const MAX_PINNED = 5;

export interface PinnedRun {
  id: number;
  config: RunConfig;
  stepsPerEpoch: number;
  stepsDone: number;
  /** Per-step loss (x = 1-based step), for a linear and for a log axis. */
  linear: LossPoint[];
  log: LossPoint[];
}

export class PinnedRuns {
  private runs: readonly PinnedRun[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly PinnedRun[] => this.runs;

  get full(): boolean {
    return this.runs.length >= MAX_PINNED;
  }

  /** Pins the run's losses so far; false when MAX_PINNED are pinned already or it has no steps. */
  pin(config: RunConfig, stepsPerEpoch: number, data: RunData, stepsDone: number): boolean {
    if (this.full || stepsDone === 0) return false;
    const losses = data.stepLoss.view().subarray(0, stepsDone);
    const steps = Float64Array.from({ length: stepsDone }, (_, i) => i + 1);
    const run: PinnedRun = {
      id: this.nextId++,
      config: { ...config },
      stepsPerEpoch,
      stepsDone,
      linear: plottablePoints(steps, losses, false),
      log: plottablePoints(steps, losses, true),
    };
    this.set([...this.runs, run]);
    return true;
  }

  remove(id: number): void {
    this.set(this.runs.filter((r) => r.id !== id));
  }

  /** Unpins every run (a comparison preset starts from an empty chart). */
  clear(): void {
    if (this.runs.length > 0) this.set([]);
  }

  private set(runs: readonly PinnedRun[]): void {
    this.runs = runs;
    for (const listener of this.listeners) listener();
  }
}

export function usePinnedRuns(store: PinnedRuns): readonly PinnedRun[] {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

const DATASET_WORDS: Record<DatasetName, MessageKey> = {
  tutorial: 'pinned.tutorial',
  line: 'pinned.line',
  sine: 'pinned.sine',
  custom: 'pinned.custom',
};

type Describe = (c: RunConfig, i18n: I18n) => string | null;

/** How each setting is named in a label; flags only say so when they are off their default. */
const DESCRIBERS: ReadonlyArray<{ differs: (a: RunConfig, b: RunConfig) => boolean; text: Describe; plain?: Describe }> = [
  {
    differs: (a, b) => a.dataset !== b.dataset || (a.dataset !== 'tutorial' && a.samples !== b.samples),
    text: (c, { t, count }) => (c.dataset === 'tutorial' ? t(DATASET_WORDS.tutorial) : `${t(DATASET_WORDS[c.dataset])} N=${count(c.samples)}`),
  },
  {
    differs: (a, b) =>
      a.model !== b.model || (a.model === 'mlp' && (a.hiddenUnits !== b.hiddenUnits || a.activation !== b.activation)),
    text: (c, { t }) => (c.model === 'mlp' ? `MLP ${c.hiddenUnits} ${c.activation}` : t('pinned.linear')),
  },
  { differs: (a, b) => a.batchSize !== b.batchSize, text: (c, { count }) => `B=${count(c.batchSize)}` },
  {
    differs: (a, b) => a.shuffle !== b.shuffle,
    text: (c, { t }) => (c.shuffle === DEFAULT_CONFIG.shuffle ? null : t('pinned.noShuffle')),
    plain: (_, { t }) => t('pinned.shuffle'),
  },
  {
    differs: (a, b) => a.dropLast !== b.dropLast,
    text: (c, { t }) => (c.dropLast === DEFAULT_CONFIG.dropLast ? null : t('pinned.dropLast')),
    plain: (_, { t }) => t('pinned.keepLast'),
  },
  { differs: (a, b) => a.learningRate !== b.learningRate, text: (c) => `lr=${c.learningRate}` },
  { differs: (a, b) => a.epochs !== b.epochs, text: (c, i18n) => i18n.tp('pinned.epochs', c.epochs) },
  { differs: (a, b) => a.seed !== b.seed, text: (c, { t }) => t('pinned.seed', { seed: c.seed }) },
];

/**
 * A short name for each of `configs` (pinned runs, and the current run last): the settings that
 * differ somewhere among them. Identical settings fall back to the batch size and a number.
 */
export function comparisonLabels(configs: readonly RunConfig[], i18n: I18n = EN): string[] {
  const varying = DESCRIBERS.filter((d) => configs.some((c) => d.differs(c, configs[0])));
  const labels = configs.map((c) => {
    const parts = varying.map((d) => d.text(c, i18n)).filter((t): t is string => t !== null);
    if (parts.length === 0) {
      const plain = varying.find((d) => d.plain)?.plain?.(c, i18n);
      parts.push(plain ?? `B=${i18n.count(c.batchSize)}`);
    }
    return parts.join(i18n.locale === 'en' ? ', ' : '，');
  });
  // Same name twice (the same settings pinned twice): number them.
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const l of labels) total.set(l, (total.get(l) ?? 0) + 1);
  return labels.map((l) => {
    if ((total.get(l) ?? 0) < 2) return l;
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return `${l} #${n}`;
  });
}
