import { describe, expect, it } from 'vitest';
import { CHECKPOINT_OVERHEAD_FLOATS, ParamCheckpoints } from './param-checkpoints';

/** Parameters that name their step, in float32 (what the training worker sends). */
const paramsAt = (step: number) => [Math.fround(step + 0.1), -step, Math.fround(1 / (step + 3))];

describe('ParamCheckpoints: the MLP parameters the page keeps', () => {
  it('keeps float32 values bit for bit and finds the newest at or before a step', () => {
    const kept = new ParamCheckpoints();
    for (const step of [0, 1, 3, 7, 15]) kept.add(step, paramsAt(step));
    expect(kept.count).toBe(5);
    expect(kept.before(6)!.step).toBe(3);
    expect(Array.from(kept.before(6)!.params)).toEqual(paramsAt(3));
    expect(kept.before(7)!.step).toBe(7);
    expect(kept.before(100)!.step).toBe(15);
    expect(kept.before(0)!.step).toBe(0);
    expect(new ParamCheckpoints().before(3)).toBeNull();
  });

  it('ignores a step at or before the newest (a repeated chunk, a resumed run)', () => {
    const kept = new ParamCheckpoints();
    kept.add(0, paramsAt(0));
    kept.add(4, paramsAt(4));
    kept.add(4, [9, 9, 9]);
    kept.add(2, [9, 9, 9]);
    expect(kept.all.map((c) => c.step)).toEqual([0, 4]);
    expect(Array.from(kept.before(4)!.params)).toEqual(paramsAt(4));
  });

  it('within its budget: thinned to every other, the spacing doubling; the first and the two newest stay', () => {
    // 3 floats a checkpoint and its overhead: at most 10 checkpoints.
    const kept = new ParamCheckpoints(10 * (3 + CHECKPOINT_OVERHEAD_FLOATS));
    for (let step = 0; step <= 1000; step++) {
      kept.add(step, paramsAt(step));
      expect(kept.count).toBeLessThanOrEqual(10);
      expect(kept.all[0].step).toBe(0);
      if (step > 0) expect(kept.all.slice(-2).map((c) => c.step)).toEqual([step - 1, step]);
    }
    const steps = kept.all.map((c) => c.step);
    const gaps = steps.slice(1, -2).map((s, i) => s - steps[i]);
    // Evenly thinned: every gap before the two newest is the same power of two, and they cover the run.
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    expect(new Set(gaps).size).toBe(1);
    expect(Math.log2(gaps[0]) % 1).toBe(0);
    expect(gaps[0]).toBeGreaterThanOrEqual(64);
    expect(steps.at(-3)! + 2 * gaps[0]).toBeGreaterThan(999);
    for (const c of kept.all) expect(Array.from(c.params)).toEqual(paramsAt(c.step));
  });
});
