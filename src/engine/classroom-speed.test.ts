import { describe, expect, it } from 'vitest';
import { CLASSROOM_SPEED, followableSpeed, totalSteps, withUnchosenSpeed } from './classroom-speed';
import { DEFAULT_CONFIG } from './config';
import { createRunPlan } from './plan';

describe('the speed nobody chose', () => {
  it('counts the steps as the run plan does (short last batch, drop_last, a validation split)', () => {
    const cases = [
      {},
      { batchSize: 1 },
      { dropLast: true },
      { dataset: 'line' as const, samples: 97, validationSplit: 0.25, batchSize: 8, epochs: 3 },
      { dataset: 'sine' as const, samples: 16, validationSplit: 0.25, batchSize: 4, dropLast: true, epochs: 7 },
    ];
    for (const patch of cases) {
      const config = { ...DEFAULT_CONFIG, ...patch };
      expect(totalSteps(config)).toBe(createRunPlan(config).stepsPerEpoch * config.epochs);
    }
    expect(totalSteps(DEFAULT_CONFIG)).toBe(40); // 10 = 3 + 3 + 3 + 1, ten epochs
  });

  it('is 5 steps/s for the tutorial and its batch-size comparisons, as fast as possible for large data or long runs', () => {
    expect(CLASSROOM_SPEED).toBe(5);
    expect(followableSpeed(DEFAULT_CONFIG)).toBe(5);
    expect(followableSpeed({ ...DEFAULT_CONFIG, batchSize: 1 })).toBe(5); // 100 steps
    expect(followableSpeed({ ...DEFAULT_CONFIG, batchSize: 1, epochs: 21 })).toBe(0); // 210 steps
    expect(followableSpeed({ ...DEFAULT_CONFIG, dataset: 'line', samples: 100, batchSize: 10, epochs: 20 })).toBe(5);
    expect(followableSpeed({ ...DEFAULT_CONFIG, dataset: 'line', samples: 101, batchSize: 101, epochs: 1 })).toBe(0);
    expect(followableSpeed({ ...DEFAULT_CONFIG, dataset: 'line', samples: 1_000_000, batchSize: 65536 })).toBe(0);
  });

  it('keeps a chosen speed, and the same object when nothing changes', () => {
    const maxTutorial = { ...DEFAULT_CONFIG, speed: 0 };
    expect(withUnchosenSpeed(maxTutorial, true)).toBe(maxTutorial);
    expect(withUnchosenSpeed(maxTutorial, false)).toEqual({ ...DEFAULT_CONFIG, speed: 5 });
    const slow = { ...DEFAULT_CONFIG, speed: 5 };
    expect(withUnchosenSpeed(slow, false)).toBe(slow);
    expect(withUnchosenSpeed({ ...slow, epochs: 1000 }, false).speed).toBe(0);
  });
});
