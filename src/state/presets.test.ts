import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from '../engine/config';
import { DivergenceWatch, windowFor } from '../engine/divergence';
import { createRunPlan } from '../engine/plan';
import { trainReference } from '../engine/reference';
import { comparisonLabels, PinnedRuns } from './pinned-runs';
import { PRESETS, presetConfigs, restorePins, runPreset, type Preset } from './presets';
import { RunData } from './run-data';
import { RunStore } from './run-store';

const preset = (id: string): Preset => {
  const found = PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};

/**
 * A stand-in for the worker: every reset becomes ready on the next tick, every train finishes on the
 * next tick with one step per batch (or does what `onTrain` says).
 */
function fakeApp(onTrain?: (store: RunStore, runId: number) => void) {
  const store = new RunStore(DEFAULT_CONFIG, (flush) => queueMicrotask(flush));
  const pins = new PinnedRuns();
  let runId = 0;
  const applied: RunConfig[] = [];
  const deps = {
    store,
    pins,
    apply: (config: RunConfig) => {
      applied.push(config);
      runId += 1;
      const id = runId;
      store.beginRun(id, config);
      setTimeout(() =>
        store.handle({
          type: 'run-ready',
          runId: id,
          config,
          stepsPerEpoch: 10 / config.batchSize > 1 ? Math.ceil(10 / config.batchSize) : 1,
          datasetSize: 10,
          tensorCount: 4,
        }),
      );
    },
    train: () => {
      const id = runId;
      setTimeout(() => {
        if (onTrain) return onTrain(store, id);
        store.handle({
          type: 'progress',
          runId: id,
          steps: [{ step: 0, epoch: 1, stepInEpoch: 1, loss: 1 }],
          tensorCount: 4,
        });
        store.handle({ type: 'state', runId: id, state: 'finished', tensorCount: 4 });
      });
    },
  };
  return { store, pins, deps, applied };
}

describe('presets', () => {
  it('are valid settings on the tutorial defaults, keeping the backend; only the live run at the page speed', () => {
    const current = { ...DEFAULT_CONFIG, backend: 'cpu' as const, speed: 5, batchSize: 7, learningRate: 0.5 };
    for (const p of PRESETS) {
      const configs = presetConfigs(p, current);
      for (const config of configs) {
        expect(validateConfig(config).problems).toEqual({});
        expect(config.backend).toBe('cpu');
      }
      // The runs to compare with train at full speed; the live one at the page's.
      expect(configs.map((c) => c.speed)).toEqual(configs.map((_, i) => (i === configs.length - 1 ? 5 : 0)));
    }
    expect(presetConfigs(preset('tutorial'), current)).toEqual([{ ...DEFAULT_CONFIG, backend: 'cpu', speed: 5 }]);
    expect(presetConfigs(preset('full-batch'), DEFAULT_CONFIG)[0]).toMatchObject({
      batchSize: 10,
      shuffle: false,
      dataset: 'tutorial',
    });
    expect(presetConfigs(preset('large-lr'), DEFAULT_CONFIG).map((c) => c.learningRate)).toEqual([0.01, 0.03, 1]);
  });

  it('each preset opens the view that shows its point: comparisons of batch sizes per epoch, on a log scale', () => {
    expect(preset('batch-sizes').view).toEqual({ xAxis: 'epoch', logScale: true });
    expect(preset('large-lr').view.logScale).toBe(true);
    expect(new Set(PRESETS.map((p) => p.note)).size).toBe(PRESETS.length);
  });

  it('"Learning rate too large": lr = 0.01 and 0.03 train to the end (pinned), lr = 1 diverges (float32)', () => {
    const watched = presetConfigs(preset('large-lr'), DEFAULT_CONFIG).map((config) => {
      const plan = createRunPlan(config);
      const steps = trainReference({ ...plan, learningRate: config.learningRate, epochs: config.epochs }, 'float32');
      const watch = new DivergenceWatch(windowFor(plan.stepsPerEpoch), null);
      steps.forEach((s, i) => watch.observe(i, s.loss));
      return { last: steps[steps.length - 1].loss, divergence: watch.result };
    });
    expect(watched[0].divergence).toBeNull();
    expect(watched[0].last).toBeLessThan(0.1);
    expect(watched[1].divergence).toBeNull();
    expect(watched[1].last).toBeLessThan(5);
    expect(watched[2].divergence?.step).toBe(7);
  });

  it('comparison presets are named by what differs', () => {
    expect(comparisonLabels(presetConfigs(preset('batch-sizes'), DEFAULT_CONFIG))).toEqual(['B=1', 'B=3', 'B=10']);
    expect(comparisonLabels(presetConfigs(preset('shuffle'), DEFAULT_CONFIG))).toEqual(['shuffle', 'no shuffle']);
    expect(comparisonLabels(presetConfigs(preset('large-lr'), DEFAULT_CONFIG))).toEqual(['lr=0.01', 'lr=0.03', 'lr=1']);
  });

  it('trains each run to the end, pins all but the last, and leaves the last one live', async () => {
    const { store, pins, deps, applied } = fakeApp();
    expect(await runPreset(preset('batch-sizes'), DEFAULT_CONFIG, deps)).toBe(true);
    expect(applied.map((c) => c.batchSize)).toEqual([1, 3, 10]);
    expect(pins.getSnapshot().map((p) => p.config.batchSize)).toEqual([1, 3]);
    await new Promise((r) => setTimeout(r, 5));
    expect(store.getSnapshot().config.batchSize).toBe(10);
    expect(store.getSnapshot().state).toBe('finished');
  });

  it('clears earlier pins first, and stops when a run does not finish (divergence pause, reset)', async () => {
    const { pins, deps, applied } = fakeApp((store, id) =>
      store.handle({ type: 'state', runId: id, state: 'paused', tensorCount: 4 }),
    );
    const earlier = new RunData();
    earlier.stepLoss.push(3);
    expect(pins.pin({ ...DEFAULT_CONFIG, seed: 9 }, 1, earlier, 1)).toBe(true);
    expect(await runPreset(preset('shuffle'), DEFAULT_CONFIG, deps)).toBe(false);
    expect(applied).toHaveLength(1);
    expect(pins.getSnapshot()).toHaveLength(0);
  });

  it("a link's pins: once the page is ready, each is trained and pinned, then the link's own run is set up, untrained", async () => {
    let trained = 0;
    const { store, pins, deps, applied } = fakeApp();
    const own = { ...DEFAULT_CONFIG, batchSize: 10 };
    const restoring = restorePins(
      [1, 3].map((batchSize) => ({ ...DEFAULT_CONFIG, batchSize, speed: 0 })),
      own,
      {
        ...deps,
        train: () => {
          trained++;
          deps.train();
        },
      },
    );
    // The page's first run (the worker starting) comes first.
    await new Promise((r) => setTimeout(r, 5));
    expect(applied).toHaveLength(0);
    deps.apply(DEFAULT_CONFIG);
    expect(await restoring).toBe(true);
    expect(applied.map((c) => c.batchSize)).toEqual([3, 1, 3, 10]);
    expect(pins.getSnapshot().map((p) => p.config.batchSize)).toEqual([1, 3]);
    expect(trained).toBe(2);
    await new Promise((r) => setTimeout(r, 5));
    expect(store.getSnapshot().config).toBe(own);
    expect(store.getSnapshot().state).toBe('ready');
  });

  it("a link's pin that the divergence watch pauses is pinned as it stands, and the restore goes on", async () => {
    // Every run's loss overflows at its first step; the watch notices and the worker pauses.
    const { store, pins, deps, applied } = fakeApp((store, id) => {
      store.handle({
        type: 'progress',
        runId: id,
        steps: [{ step: 0, epoch: 1, stepInEpoch: 1, loss: Infinity }],
        tensorCount: 4,
        divergence: { reason: 'non-finite', step: 0, loss: Infinity, startLoss: Infinity, growthSteps: 0 },
      });
      store.handle({ type: 'state', runId: id, state: 'paused', tensorCount: 4, pausedFor: 'divergence' });
    });
    const own = { ...DEFAULT_CONFIG, batchSize: 10 };
    const restoring = restorePins([{ ...DEFAULT_CONFIG, learningRate: 1, speed: 0 }], own, deps);
    deps.apply(DEFAULT_CONFIG);
    expect(await restoring).toBe(true);
    expect(applied.map((c) => c.learningRate)).toEqual([0.01, 1, 0.01]);
    expect(pins.getSnapshot().map((p) => [p.config.learningRate, p.stepsDone, p.diverged])).toEqual([[1, 1, true]]);
    await new Promise((r) => setTimeout(r, 5));
    expect(store.getSnapshot().config).toBe(own);
  });

  it('the tutorial preset sets the defaults without training', async () => {
    let trained = 0;
    const { deps, applied } = fakeApp();
    const result = await runPreset(preset('tutorial'), DEFAULT_CONFIG, { ...deps, train: () => trained++ });
    expect(result).toBe(true);
    expect(applied).toHaveLength(1);
    expect(trained).toBe(0);
  });

  it('Generalization: the training loss falls while the held-out loss falls, then rises (float32, as PyTorch)', () => {
    const [config] = presetConfigs(preset('generalization'), DEFAULT_CONFIG);
    const plan = createRunPlan(config);
    expect(plan.heldOut).toHaveLength(4);
    const steps = trainReference({ ...plan, learningRate: config.learningRate, epochs: config.epochs }, 'float32');
    const epochMean = (e: number) => {
      const losses = steps.filter((s) => s.epoch === e).map((s) => s.loss);
      return losses.reduce((a, b) => a + b, 0) / losses.length;
    };
    const validation = steps.flatMap((s) => (s.validationLoss === undefined ? [] : [s.validationLoss]));
    expect(validation).toHaveLength(config.epochs);
    const best = validation.indexOf(Math.min(...validation));
    const last = validation[validation.length - 1];
    // The held-out loss is lowest early on, and ends far above it and far above the training loss.
    expect(best + 1).toBeLessThan(config.epochs / 4);
    expect(last).toBeGreaterThan(4 * validation[best]);
    expect(last).toBeGreaterThan(10 * epochMean(config.epochs));
    // The training loss goes on falling after the held-out loss turned.
    expect(epochMean(config.epochs)).toBeLessThan(epochMean(best + 1) / 3);
    // … and the run does not trip the divergence watch (it would pause the preset).
    const watch = new DivergenceWatch(windowFor(plan.stepsPerEpoch), null);
    steps.forEach((s, i) => watch.observe(i, s.loss));
    expect(watch.result).toBeNull();
  });
});
