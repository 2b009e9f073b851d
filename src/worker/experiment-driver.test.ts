import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { trainExperimentFloat32 } from '../engine/experiment/js-engine';
import { planExperiment } from '../engine/experiment/plan';
import type { ExperimentSpec } from '../engine/experiment/spec';
import { driveExperiment, jsChunkEngine } from './experiment-driver';

const spec: ExperimentSpec = {
  batchSizes: [1, 3, 10],
  learningRates: [0.01, 0.02],
  shuffle: 'both',
  seedsPerSetting: 4,
  targetLoss: 0.01,
};

describe('driveExperiment', () => {
  it('sizes chunks from how long they take and gives the same losses as one pass', async () => {
    let clock = 0;
    const fractions: number[] = [];
    const base = { ...DEFAULT_CONFIG, epochs: 200 };
    const plan = planExperiment(base, spec);
    const engine = jsChunkEngine(plan);
    const timed = {
      train: async (chunk: Parameters<typeof engine.train>[0]) => {
        clock += 1 + chunk.lossStart[chunk.runCount] / 500; // a stand-in clock: time grows with the work
        return engine.train(chunk);
      },
      dispose: () => engine.dispose(),
    };
    const losses = await driveExperiment(plan, timed, {
      stopped: () => false,
      onProgress: (f) => fractions.push(f),
      now: () => clock,
    });
    expect(Array.from(losses!)).toEqual(Array.from(trainExperimentFloat32(planExperiment(base, spec))));
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('stops between chunks when cancelled, and says so with null', async () => {
    const plan = planExperiment({ ...DEFAULT_CONFIG, epochs: 50 }, spec);
    let chunks = 0;
    const engine = jsChunkEngine(plan);
    const counting = { train: (c: Parameters<typeof engine.train>[0]) => (chunks++, engine.train(c)), dispose() {} };
    const result = await driveExperiment(plan, counting, { stopped: () => chunks >= 2, onProgress() {}, now: () => 0 });
    expect(result).toBeNull();
    expect(chunks).toBe(2);
  });
});
