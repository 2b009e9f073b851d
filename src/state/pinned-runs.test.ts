import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { comparisonLabels, MAX_PINNED, PinnedRuns } from './pinned-runs';
import { RunData } from './run-data';

const cfg = (patch: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...patch });

describe('comparisonLabels', () => {
  it('names runs by what differs: B=1, B=3, B=10, no shuffle', () => {
    expect(
      comparisonLabels([cfg({ batchSize: 1 }), cfg({ batchSize: 3 }), cfg({ batchSize: 10, shuffle: false })]),
    ).toEqual(['B=1', 'B=3', 'B=10, no shuffle']);
  });

  it('says "shuffle" when shuffling is the only difference', () => {
    expect(comparisonLabels([cfg({}), cfg({ shuffle: false })])).toEqual(['shuffle', 'no shuffle']);
  });

  it('names settings in the order labels always had: drop last before lr, epochs and seed', () => {
    expect(comparisonLabels([cfg({}), cfg({ dropLast: true, learningRate: 0.1 })])).toEqual([
      'lr=0.01',
      'drop last, lr=0.1',
    ]);
  });

  it('leaves out Shuffle where it does not apply: two runs with replacement differ in nothing else', () => {
    expect(comparisonLabels([cfg({ replacement: true, shuffle: false }), cfg({ replacement: true, seed: 4 })])).toEqual(
      ['seed 0', 'seed 4'],
    );
  });

  it('names sampling with replacement, and without it when it is the only difference', () => {
    expect(comparisonLabels([cfg({}), cfg({ replacement: true })])).toEqual([
      'without replacement',
      'with replacement',
    ]);
    expect(comparisonLabels([cfg({ batchSize: 1 }), cfg({ batchSize: 3, replacement: true })])).toEqual([
      'B=1',
      'B=3, with replacement',
    ]);
  });

  it('names a validation split by its fraction', () => {
    expect(comparisonLabels([cfg({}), cfg({ validationSplit: 0.2 })])).toEqual(['val=0', 'val=0.2']);
  });

  it('names learning rates, seeds, data and models', () => {
    expect(comparisonLabels([cfg({ learningRate: 0.1 }), cfg({ learningRate: 0.01 })])).toEqual(['lr=0.1', 'lr=0.01']);
    expect(comparisonLabels([cfg({ seed: 1 }), cfg({ seed: 2, batchSize: 1000 })])).toEqual([
      'B=3, seed 1',
      'B=1,000, seed 2',
    ]);
    expect(
      comparisonLabels([
        cfg({ dataset: 'line', samples: 1000 }),
        cfg({ dataset: 'sine', samples: 1000, model: 'mlp', hiddenUnits: 16, activation: 'tanh' }),
      ]),
    ).toEqual(['line N=1,000, linear', 'sine N=1,000, MLP 16 tanh']);
  });

  it('numbers identical settings', () => {
    expect(comparisonLabels([cfg({}), cfg({})])).toEqual(['B=3 #1', 'B=3 #2']);
    expect(comparisonLabels([cfg({ batchSize: 5 })])).toEqual(['B=5']);
  });
});

describe('PinnedRuns', () => {
  function dataWith(losses: number[]): RunData {
    const data = new RunData();
    for (const l of losses) data.stepLoss.push(l);
    return data;
  }

  it('keeps at most five, each cut to ≤ 1,000 points, and removes by id', () => {
    const store = new PinnedRuns();
    let notified = 0;
    store.subscribe(() => notified++);
    const long = dataWith(Array.from({ length: 50_000 }, (_, i) => 100 / (i + 1)));
    for (let k = 0; k < MAX_PINNED; k++) expect(store.pin(cfg({ batchSize: k + 1 }), 4, long, 50_000)).toBe(true);
    expect(store.pin(cfg({}), 4, long, 50_000)).toBe(false);
    const runs = store.getSnapshot();
    expect(runs).toHaveLength(MAX_PINNED);
    expect(runs[0].linear.length).toBeLessThanOrEqual(1000);
    expect(runs[0].linear[0]).toEqual({ step: 1, loss: 100 });
    expect(runs[0].linear.at(-1)).toEqual({ step: 50_000, loss: 100 / 50_000 });
    store.remove(runs[1].id);
    expect(store.getSnapshot().map((r) => r.config.batchSize)).toEqual([1, 3, 4, 5]);
    expect(notified).toBe(MAX_PINNED + 1);
  });

  it('pins only what was trained, and skips NaN losses on both axes and zeros on the log axis', () => {
    const store = new PinnedRuns();
    expect(store.pin(cfg({}), 4, dataWith([]), 0)).toBe(false);
    store.pin(cfg({}), 4, dataWith([4, 0, Number.NaN, 2, 99]), 4);
    const [run] = store.getSnapshot();
    expect(run.stepsDone).toBe(4);
    expect(run.lastLoss).toBe(2);
    expect(run.linear.map((p) => p.step)).toEqual([1, 2, 4]);
    expect(run.log.map((p) => p.step)).toEqual([1, 4]);
  });

  it('keeps the epoch means of the finished epochs, and whether the run diverged', () => {
    const store = new PinnedRuns();
    const data = dataWith([4, 2, 3, 1, 5]);
    // Epoch means as the run store keeps them: at each epoch's last step (2 steps per epoch).
    data.epochMeanLoss.push(3);
    data.epochMeanStep.push(2);
    data.epochMeanLoss.push(2);
    data.epochMeanStep.push(4);
    data.epochMeanLoss.push(0);
    data.epochMeanStep.push(6);
    store.pin(cfg({}), 2, data, 5, true);
    const [run] = store.getSnapshot();
    expect(run.epochLinear).toEqual([
      { step: 2, loss: 3 },
      { step: 4, loss: 2 },
    ]);
    expect(run.epochLog).toEqual(run.epochLinear);
    expect(run.diverged).toBe(true);
    store.pin(cfg({}), 2, dataWith([1]), 1);
    expect(store.getSnapshot()[1]).toMatchObject({ epochLinear: [], diverged: false });
  });
});
