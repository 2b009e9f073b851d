// Runs kept for comparison: "Pin run" freezes the current run's loss curve (already cut to ≤ 1,000
// points, so a pinned run costs ~30 KB whatever its length) and later runs draw over it. A pinned
// run is named by what differs between the compared runs ("B=1", "B=10, no shuffle"), so the names
// stay short and say exactly what the comparison is about.
import { useSyncExternalStore } from 'react';
import { DEFAULT_CONFIG, type DatasetName, type RunConfig } from '../engine/config';
import { isUnused, SETTINGS, type SettingField, type SettingRow } from '../engine/settings';
import { EN, type I18n, type MessageKey } from '../i18n/translate';
import { plottablePoints, type LossPoint } from '../analysis/loss-series';
import type { RunData } from './run-data';

export const MAX_PINNED = 5;

export interface PinnedRun {
  id: number;
  config: RunConfig;
  stepsPerEpoch: number;
  stepsDone: number;
  /** The loss of its last step, at full precision (a shared link's pins are compared by it). */
  lastLoss: number;
  /** Per-step loss (x = 1-based step), for a linear and for a log axis. */
  linear: LossPoint[];
  log: LossPoint[];
  /** Mean loss per finished epoch, at the epoch's last step, for a linear and for a log axis. */
  epochLinear: LossPoint[];
  epochLog: LossPoint[];
  /** The run diverged: the chart's y axis is chosen without it, and it is clipped, marked. */
  diverged: boolean;
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
  pin(config: RunConfig, stepsPerEpoch: number, data: RunData, stepsDone: number, diverged = false): boolean {
    if (this.full || stepsDone === 0) return false;
    const losses = data.stepLoss.view().subarray(0, stepsDone);
    const steps = Float64Array.from({ length: stepsDone }, (_, i) => i + 1);
    const epochs = stepsPerEpoch > 0 ? Math.min(data.epochMeanLoss.length, Math.floor(stepsDone / stepsPerEpoch)) : 0;
    const epochSteps = data.epochMeanStep.view().subarray(0, epochs);
    const epochLosses = data.epochMeanLoss.view().subarray(0, epochs);
    const run: PinnedRun = {
      id: this.nextId++,
      config: { ...config },
      stepsPerEpoch,
      stepsDone,
      lastLoss: losses[stepsDone - 1],
      linear: plottablePoints(steps, losses, false),
      log: plottablePoints(steps, losses, true),
      epochLinear: plottablePoints(epochSteps, epochLosses, false),
      epochLog: plottablePoints(epochSteps, epochLosses, true),
      diverged,
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
interface Describer {
  differs: (a: RunConfig, b: RunConfig) => boolean;
  text: Describe;
  plain?: Describe;
}

/** The data and the model, each named as a whole (N with the dataset, width and activation with the MLP). */
const SECTIONS: Record<'data' | 'model', Describer> = {
  data: {
    differs: (a, b) => a.dataset !== b.dataset || (a.dataset !== 'tutorial' && a.samples !== b.samples),
    text: (c, { t, count }) =>
      c.dataset === 'tutorial' ? t(DATASET_WORDS.tutorial) : `${t(DATASET_WORDS[c.dataset])} N=${count(c.samples)}`,
  },
  model: {
    differs: (a, b) =>
      a.model !== b.model || (a.model === 'mlp' && (a.hiddenUnits !== b.hiddenUnits || a.activation !== b.activation)),
    text: (c, { t }) => (c.model === 'mlp' ? `MLP ${c.hiddenUnits} ${c.activation}` : t('pinned.linear')),
  },
};

/** How the settings table says a row is named in a label (its `pinned` place). */
function describerOf(spec: SettingRow): Describer | null {
  const { field, pinned } = spec;
  if (pinned === null || 'section' in pinned) return null;
  // A setting that does not apply to a run (Shuffle beside Replacement) does not tell it apart.
  const unused = (c: RunConfig) => isUnused(spec, c);
  const differs = (a: RunConfig, b: RunConfig) => a[field] !== b[field] && !(unused(a) && unused(b));
  const described = describerText(spec, pinned);
  return {
    differs,
    text: (c, i18n) => (unused(c) ? null : described.text(c, i18n)),
    ...(described.plain ? { plain: described.plain } : {}),
  };
}

function describerText(
  spec: SettingRow,
  pinned: Exclude<NonNullable<SettingRow['pinned']>, { section: string }>,
): Pick<Describer, 'text' | 'plain'> {
  const { field } = spec;
  if ('symbol' in pinned) {
    // Whole numbers with the locale's grouping (B=1,000); other numbers exactly as typed (lr=0.01).
    const show = (c: RunConfig, i18n: I18n) =>
      spec.kind.type === 'int' ? i18n.count(Number(c[field])) : String(c[field]);
    return { text: (c, i18n) => `${pinned.symbol}=${show(c, i18n)}` };
  }
  if ('changed' in pinned) {
    // A flag says so only when off its default; `plain` names the default when nothing else differs.
    return {
      text: (c, { t }) => (c[field] === DEFAULT_CONFIG[field] ? null : t(pinned.changed)),
      plain: (_, { t }) => t(pinned.plain),
    };
  }
  if ('plural' in pinned) return { text: (c, i18n) => i18n.tp(pinned.message, Number(c[field])) };
  return { text: (c, { t }) => t(pinned.message, { [field]: String(c[field]) }) };
}

/**
 * The order settings are named in a label (labels are accessible names, a public contract): the
 * order they had before the settings table; a setting not listed follows in the table's order.
 */
const LABEL_ORDER: readonly SettingField[] = [
  'batchSize',
  'shuffle',
  'replacement',
  'dropLast',
  'learningRate',
  'epochs',
  'seed',
];
const labelRank = (spec: SettingRow) => {
  const at = LABEL_ORDER.indexOf(spec.field);
  return at < 0 ? LABEL_ORDER.length + SETTINGS.indexOf(spec) : at;
};

/** How each setting is named in a label: the data and the model first, then LABEL_ORDER. */
const DESCRIBERS: readonly Describer[] = [
  SECTIONS.data,
  SECTIONS.model,
  ...[...SETTINGS].sort((a, b) => labelRank(a) - labelRank(b)).flatMap((spec) => describerOf(spec) ?? []),
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
