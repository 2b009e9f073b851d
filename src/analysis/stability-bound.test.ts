import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { createRunPlan } from '../engine/plan';
import { stabilityBound, stabilityBoundForRun } from './stability-bound';

const TUTORIAL_X = Float32Array.from({ length: 10 }, (_, i) => i + 1);

/** Full-batch gradient descent in float64 on the tutorial's data (y = 2x): the loss after `steps` steps. */
function fullBatchLoss(x: ArrayLike<number>, lr: number, steps: number): number {
  let [w, b] = [-0.5, 0.5];
  const n = x.length;
  const loss = () => Array.from(x, (v) => (w * v + b - 2 * v) ** 2).reduce((s, d) => s + d, 0) / n;
  for (let t = 0; t < steps; t++) {
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const d = w * x[i] + b - 2 * x[i];
      gw += (2 / n) * d * x[i];
      gb += (2 / n) * d;
    }
    [w, b] = [w - lr * gw, b - lr * gb];
  }
  return loss();
}

describe('stabilityBound', () => {
  it("is the hand computation for the tutorial's data: Σx = 55, Σx² = 385, N = 10", () => {
    const bound = stabilityBound({ x: TUTORIAL_X });
    // H = (2/10)[[385, 55], [55, 10]] = [[77, 11], [11, 2]]; trace 79, determinant 154 − 121 = 33.
    expect(bound.hessian).toEqual({ ww: 77, wb: 11, bb: 2 });
    const lambdaMax = (79 + Math.sqrt(79 * 79 - 4 * 33)) / 2;
    expect(bound.lambdaMax).toBeCloseTo(lambdaMax, 12);
    expect(bound.lambdaMin).toBeCloseTo((79 - Math.sqrt(79 * 79 - 4 * 33)) / 2, 12);
    expect(bound.maxLearningRate).toBeCloseTo(2 / lambdaMax, 15);
    expect(bound.maxLearningRate).toBeCloseTo(0.025452, 6);
  });

  it('separates full-batch GD that converges (1% below) from GD that diverges (1% above)', () => {
    const { maxLearningRate: lr } = stabilityBound({ x: TUTORIAL_X });
    const start = fullBatchLoss(TUTORIAL_X, lr, 0);
    expect(fullBatchLoss(TUTORIAL_X, 0.99 * lr, 5000)).toBeLessThan(1e-12 * start);
    expect(fullBatchLoss(TUTORIAL_X, 1.01 * lr, 5000)).toBeGreaterThan(1e12 * start);
  });

  it('counts only the training samples', () => {
    const train = [0, 2, 4, 6, 8]; // x = 1, 3, 5, 7, 9: Σx = 25, Σx² = 165, N = 5
    const bound = stabilityBound({ x: TUTORIAL_X }, train);
    expect(bound.hessian).toEqual({ ww: 66, wb: 10, bb: 2 });
    const kept = train.map((i) => TUTORIAL_X[i]);
    expect(fullBatchLoss(kept, 0.99 * bound.maxLearningRate, 5000)).toBeLessThan(1e-10);
    expect(fullBatchLoss(kept, 1.01 * bound.maxLearningRate, 5000)).toBeGreaterThan(1e10);
    expect(stabilityBound({ x: [] }).maxLearningRate).toBe(Infinity);
  });

  it("takes a run's own training samples: its validation split's held-out ones are left out", () => {
    expect(stabilityBoundForRun(DEFAULT_CONFIG)).toEqual(stabilityBound({ x: TUTORIAL_X }));
    const split = { ...DEFAULT_CONFIG, validationSplit: 0.3, seed: 4 };
    const heldOut = [...createRunPlan(split).heldOut];
    expect(heldOut).toHaveLength(3);
    const kept = Array.from(TUTORIAL_X).filter((_, i) => !heldOut.includes(i));
    const bound = stabilityBoundForRun(split)!;
    const sx = kept.reduce((s, v) => s + v, 0);
    const sxx = kept.reduce((s, v) => s + v * v, 0);
    expect(bound.hessian).toEqual({ ww: (2 / 7) * sxx, wb: (2 / 7) * sx, bb: 2 });
    expect(stabilityBoundForRun({ ...DEFAULT_CONFIG, model: 'mlp' })).toBeNull();
  });
});
