// One-click classroom presets. Each is a list of runs on the tutorial's defaults; a comparison preset
// trains its runs one after another, pins each finished run but the last, and leaves the last as the
// live run — so the loss chart shows them all, named by what differs ("B=1", "B=3", "B=10").
import { withUnchosenSpeed } from '../engine/classroom-speed';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import type { MessageKey } from '../i18n/message';
import type { PinnedRuns } from './pinned-runs';
import type { RunSnapshot, RunStore } from './run-store';

export interface Preset {
  id: string;
  /** The button's text (its accessible name), as a catalogue key. */
  label: MessageKey;
  /** What each run changes from the tutorial's defaults, in order. */
  runs: ReadonlyArray<Partial<RunConfig>>;
  /** Whether the (last) run is trained at once; the tutorial preset only sets the defaults. */
  train: boolean;
}

export const PRESETS: readonly Preset[] = [
  { id: 'tutorial', label: 'presets.tutorial', runs: [{}], train: false },
  {
    id: 'batch-sizes',
    label: 'presets.batchSizes',
    runs: [{ batchSize: 1 }, { batchSize: 3 }, { batchSize: 10 }],
    train: true,
  },
  { id: 'shuffle', label: 'presets.shuffle', runs: [{ shuffle: true }, { shuffle: false }], train: true },
  { id: 'large-lr', label: 'presets.largeLr', runs: [{ learningRate: 1 }], train: true },
  // The tutorial's N = 10: one batch of every sample, in order, is plain gradient descent.
  { id: 'full-batch', label: 'presets.fullBatch', runs: [{ batchSize: 10, shuffle: false }], train: true },
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
  },
];

/**
 * A preset's run settings: the defaults and its changes, on the backend and speed in use (no worker
 * restart); a speed nobody chose follows each run's size (classroom-speed.ts).
 */
export function presetConfigs(preset: Preset, current: RunConfig, speedChosen = true): RunConfig[] {
  return preset.runs.map((patch) =>
    withUnchosenSpeed({ ...DEFAULT_CONFIG, backend: current.backend, speed: current.speed, ...patch }, speedChosen),
  );
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
 * paused by the divergence watch or by the user).
 */
export async function runPreset(preset: Preset, current: RunConfig, deps: PresetDeps): Promise<boolean> {
  const configs = presetConfigs(preset, current, deps.speedChosen);
  if (configs.length > 1) deps.pins.clear();
  for (const [i, config] of configs.entries()) {
    const before = deps.store.getSnapshot().runId;
    deps.apply(config);
    const ready = await when(deps.store, (run) => run.runId !== before && run.state !== 'starting');
    if (ready.config !== config || ready.state !== 'ready') return false;
    if (!preset.train) return true;
    deps.train();
    if (i === configs.length - 1) return true;
    const end = await when(
      deps.store,
      (run) => run.runId !== ready.runId || ['finished', 'paused', 'error'].includes(run.state),
    );
    if (end.runId !== ready.runId || end.state !== 'finished') return false;
    deps.pins.pin(end.config, end.stepsPerEpoch, end.data, end.stepsDone);
  }
  return true;
}
