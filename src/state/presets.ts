// One-click classroom presets. Each is a list of runs on the tutorial's defaults; a comparison preset
// trains its runs one after another, pins each finished run but the last, and leaves the last as the
// live run — so the loss chart shows them all, named by what differs ("B=1", "B=3", "B=10"). Each
// preset also sets the loss chart's view that shows its point, and says in a sentence what to look at.
import { withUnchosenSpeed } from '../engine/classroom-speed';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import type { MessageKey } from '../i18n/message';
import type { PinnedRuns } from './pinned-runs';
import type { RunSnapshot, RunStore } from './run-store';
import type { XAxisMode } from './view-store';

/** The loss chart's view a preset opens: the axis and scale on which its comparison reads. */
export interface PresetView {
  xAxis: XAxisMode;
  logScale: boolean;
}

export interface Preset {
  id: string;
  /** The button's text (its accessible name), as a catalogue key. */
  label: MessageKey;
  /** What each run changes from the tutorial's defaults, in order. */
  runs: ReadonlyArray<Partial<RunConfig>>;
  /** Whether the (last) run is trained at once; the tutorial preset only sets the defaults. */
  train: boolean;
  view: PresetView;
  /** What to look at, one sentence shown by the loss chart while the preset's run is the live one. */
  note: MessageKey;
}

const STEPS: PresetView = { xAxis: 'step', logScale: false };

export const PRESETS: readonly Preset[] = [
  { id: 'tutorial', label: 'presets.tutorial', runs: [{}], train: false, view: STEPS, note: 'presets.note.tutorial' },
  // Per epoch, all three have seen the same samples; on a log scale their ends (0.02 … 0.5) part.
  {
    id: 'batch-sizes',
    label: 'presets.batchSizes',
    runs: [{ batchSize: 1 }, { batchSize: 3 }, { batchSize: 10 }],
    train: true,
    view: { xAxis: 'epoch', logScale: true },
    note: 'presets.note.batchSizes',
  },
  {
    id: 'shuffle',
    label: 'presets.shuffle',
    runs: [{ shuffle: true }, { shuffle: false }],
    train: true,
    view: { xAxis: 'step', logScale: true },
    note: 'presets.note.shuffle',
  },
  // The tutorial's data is stable below lr ≈ 2/λmax = 0.025 for the full batch: 0.03 still settles
  // after wild swings (its batches' own λ differ), 1 diverges by step 8 (presets.test.ts checks both).
  {
    id: 'large-lr',
    label: 'presets.largeLr',
    runs: [{ learningRate: 0.01 }, { learningRate: 0.03 }, { learningRate: 1 }],
    train: true,
    view: { xAxis: 'step', logScale: true },
    note: 'presets.note.largeLr',
  },
  // The tutorial's N = 10: one batch of every sample, in order, is plain gradient descent.
  {
    id: 'full-batch',
    label: 'presets.fullBatch',
    runs: [{ batchSize: 10, shuffle: false }],
    train: true,
    view: { xAxis: 'epoch', logScale: true },
    note: 'presets.note.fullBatch',
  },
  // An MLP far wider than 12 noisy training samples need: it learns their noise, and the loss on the
  // 4 held out falls, then rises while the training loss goes on falling (presets.test.ts checks it).
  {
    id: 'generalization',
    label: 'presets.generalization',
    runs: [
      {
        ...{ dataset: 'sine', samples: 16, validationSplit: 0.25, model: 'mlp', hiddenUnits: 128, activation: 'relu' },
        ...{ batchSize: 4, learningRate: 0.02, epochs: 1500, seed: 1 },
      },
    ],
    train: true,
    view: { xAxis: 'epoch', logScale: true },
    note: 'presets.note.generalization',
  },
];

/**
 * A preset's run settings: the defaults and its changes, on the backend in use (no worker restart).
 * The runs to compare against train as fast as possible, so that the comparison is there at once;
 * the last, live one at the page's speed, for the class to follow (a speed nobody chose follows
 * the run's size: classroom-speed.ts).
 */
export function presetConfigs(preset: Preset, current: RunConfig, speedChosen = true): RunConfig[] {
  const last = preset.runs.length - 1;
  return preset.runs.map((patch, i) => {
    const config = { ...DEFAULT_CONFIG, backend: current.backend, speed: current.speed, ...patch };
    return i === last ? withUnchosenSpeed(config, speedChosen) : { ...config, speed: 0 };
  });
}

export interface PresetDeps {
  store: Pick<RunStore, 'getSnapshot' | 'subscribe'>;
  pins: Pick<PinnedRuns, 'clear' | 'pin'>;
  /** Applies settings (URL, controls) and resets the run, as a control change does. */
  apply: (config: RunConfig) => void;
  train: () => void;
  /** The reader (or the link) chose the speed: every run keeps it. */
  speedChosen?: boolean;
}

/** Resolves with the first snapshot (now or later) that satisfies `done`. */
function when(store: PresetDeps['store'], done: (run: RunSnapshot) => boolean): Promise<RunSnapshot> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | null = null;
    const check = () => {
      const run = store.getSnapshot();
      if (!done(run)) return false;
      unsubscribe?.();
      resolve(run);
      return true;
    };
    if (!check()) unsubscribe = store.subscribe(check);
  });
}

/**
 * Runs a preset. It gives up (resolves false) as soon as the shown run is not its own any more — the
 * user changed a setting, pressed Reset or started another preset — or a run stops short (error,
 * paused by the user); a run the divergence watch paused is pinned as it stands.
 */
export async function runPreset(preset: Preset, current: RunConfig, deps: PresetDeps): Promise<boolean> {
  const configs = presetConfigs(preset, current, deps.speedChosen);
  if (configs.length > 1) deps.pins.clear();
  return trainAndPin(configs, deps, preset.train);
}

/**
 * A shared comparison (`pin=` in the link): once the page has a backend, each pinned run is trained
 * again (the same settings and seed draw the same curve) and pinned, then the link's own run is set
 * up, not trained, as any link's. Gives up like a preset.
 */
export async function restorePins(pinned: readonly RunConfig[], own: RunConfig, deps: PresetDeps): Promise<boolean> {
  if (pinned.length === 0) return true;
  await when(deps.store, (run) => run.state !== 'starting');
  deps.pins.clear();
  return trainAndPin([...pinned, own], deps, false);
}

/** Trains each of `configs` but the last to its end and pins it; sets up the last, training it if `trainLast`. */
async function trainAndPin(configs: readonly RunConfig[], deps: PresetDeps, trainLast: boolean): Promise<boolean> {
  for (const [i, config] of configs.entries()) {
    const last = i === configs.length - 1;
    const before = deps.store.getSnapshot().runId;
    deps.apply(config);
    const ready = await when(deps.store, (run) => run.runId !== before && run.state !== 'starting');
    if (ready.config !== config || ready.state !== 'ready') return false;
    if (last) {
      if (trainLast) deps.train();
      return true;
    }
    deps.train();
    const end = await when(
      deps.store,
      (run) => run.runId !== ready.runId || ['finished', 'paused', 'error'].includes(run.state),
    );
    // A run the divergence watch paused is pinned as it stands: it pauses at the same step every time.
    const diverged = end.state === 'paused' && end.divergencePaused;
    if (end.runId !== ready.runId || (end.state !== 'finished' && !diverged)) return false;
    deps.pins.pin(end.config, end.stepsPerEpoch, end.data, end.stepsDone, end.divergence !== null);
  }
  return true;
}
