import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import type { SweepPoint } from '../protocol';
import { SweepStore, sweepBatchSizes, sweepRequestFor } from './sweep-store';

const point = (batchSize: number): SweepPoint => ({
  batchSize,
  stepsPerEpoch: Math.ceil(10 / batchSize),
  steps: 100,
  samples: 100 * batchSize,
  seconds: 0.5,
  samplesPerSecond: 200 * batchSize,
  rateRepeats: [200 * batchSize],
  stepsPerSecond: 200,
  secondsPerEpoch: 0.005,
  epochs: 10,
  finalLoss: 0.1,
  curve: [],
  engine: 'tfjs op by op',
});

describe('sweepBatchSizes', () => {
  it('doubles up to N and ends at N', () => {
    expect(sweepBatchSizes(10)).toEqual([1, 2, 4, 8, 10]);
    expect(sweepBatchSizes(8)).toEqual([1, 2, 4, 8]);
    expect(sweepBatchSizes(1)).toEqual([1]);
    expect(sweepBatchSizes(1_000_000)).toHaveLength(21);
    expect(sweepBatchSizes(1_000_000).at(-2)).toBe(524_288);
  });

  it("takes N from the dataset and caps the curve at the run's epochs", () => {
    expect(sweepRequestFor({ ...DEFAULT_CONFIG }).batchSizes).toEqual([1, 2, 4, 8, 10]);
    expect(sweepRequestFor({ ...DEFAULT_CONFIG, dataset: 'line', samples: 100 }).batchSizes.at(-1)).toBe(100);
    expect(sweepRequestFor({ ...DEFAULT_CONFIG, epochs: 50_000 }).maxEpochs).toBe(1000);
    expect(sweepRequestFor({ ...DEFAULT_CONFIG }).maxEpochs).toBe(10);
  });
});

describe('SweepStore', () => {
  it("collects the current sweep's points and ignores an older sweep's", () => {
    const store = new SweepStore();
    let notified = 0;
    store.subscribe(() => notified++);
    const first = store.begin(DEFAULT_CONFIG, [1, 2], 'cpu');
    const second = store.begin(DEFAULT_CONFIG, [1, 2], 'cpu');
    store.handle({ type: 'sweep-point', sweepId: first, point: point(1) });
    store.handle({ type: 'sweep-point', sweepId: second, point: point(2) });
    expect(store.getSnapshot().points.map((p) => p.batchSize)).toEqual([2]);
    store.handle({ type: 'sweep-done', sweepId: second, outcome: 'complete', tensorCountBefore: 4, tensorCount: 4 });
    expect(store.getSnapshot()).toMatchObject({
      phase: 'complete',
      tensorCountBefore: 4,
      tensorCount: 4,
      reason: null,
    });
    store.handle({ type: 'sweep-point', sweepId: second, point: point(4) }); // after done: ignored
    expect(store.getSnapshot().points).toHaveLength(1);
    expect(notified).toBe(4);
  });

  it('ends a running sweep when the worker goes, and leaves a finished one alone', () => {
    const store = new SweepStore();
    const id = store.begin(DEFAULT_CONFIG, [1], 'webgpu');
    store.workerGone();
    expect(store.getSnapshot()).toMatchObject({ phase: 'error', reason: { key: 'lab.reasonRestarted' } });
    store.handle({ type: 'sweep-done', sweepId: id, outcome: 'complete', tensorCountBefore: 1, tensorCount: 1 });
    expect(store.getSnapshot().phase).toBe('error');
  });
});
