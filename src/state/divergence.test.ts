import { describe, expect, it } from 'vitest';
import { dataMoments, largestStableLearningRate } from '../analysis/linear-loss';
import { DEFAULT_CONFIG } from '../engine/config';
import { createRunPlan } from '../engine/plan';
import { trainReference } from '../engine/reference';
import { DivergenceWatch, windowFor } from '../engine/divergence';

function lossesOf(learningRate: number, epochs = 30, batchSize = 3) {
  const config = { ...DEFAULT_CONFIG, learningRate, epochs, batchSize };
  const plan = createRunPlan(config);
  return trainReference({ ...plan, learningRate, epochs }, 'float32').map((s) => s.loss);
}

describe('DivergenceWatch', () => {
  it('stops at the first NaN or infinite loss', () => {
    const watch = new DivergenceWatch(4);
    expect(watch.scan([5, 4, 3])).toBeNull();
    expect(watch.scan([5, 4, 3, Infinity, NaN])).toMatchObject({ reason: 'non-finite', step: 3, loss: Infinity });
    expect(watch.scan([5, 4, 3, Infinity, NaN, 1])?.step).toBe(3); // it keeps its first finding
  });

  it('trips on lr = 1 for the tutorial, within its first 15 steps', () => {
    const losses = lossesOf(1, 10);
    const found = new DivergenceWatch(windowFor(4)).scan(losses);
    expect(found).not.toBeNull();
    expect(found!.step).toBeLessThan(15);
  });

  it('trips on a learning rate just above the stable limit, where the loss grows slowly', () => {
    const limit = largestStableLearningRate(
      dataMoments([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 4, 6, 8, 10, 12, 14, 16, 18, 20]),
    );
    const losses = lossesOf(1.3 * limit, 200, 10);
    const found = new DivergenceWatch(windowFor(1)).scan(losses);
    expect(found).not.toBeNull();
  });

  it('stays quiet for the tutorial’s lr = 0.01 and for a converged run’s tiny noisy losses', () => {
    expect(new DivergenceWatch(windowFor(4)).scan(lossesOf(0.01, 200))).toBeNull();
    expect(new DivergenceWatch(windowFor(4)).scan(lossesOf(0.02, 200))).toBeNull();
    const noise = Array.from({ length: 400 }, (_, i) => (i < 8 ? 100 / (i + 1) : 1e-12 * (1 + ((i * 7919) % 13))));
    expect(new DivergenceWatch(4).scan(noise)).toBeNull();
  });

  it('observes losses one step at a time exactly as it scans them, and keeps a finding it is given', () => {
    const losses = lossesOf(1, 10);
    const stepwise = new DivergenceWatch(windowFor(4));
    losses.forEach((loss, step) => stepwise.observe(step, loss));
    expect(stepwise.result).toEqual(new DivergenceWatch(windowFor(4)).scan(losses));
    const reported = stepwise.result!;
    const resumed = new DivergenceWatch(windowFor(4), reported);
    expect(resumed.observe(30, Infinity)).toBe(reported);
  });

  it('does not mistake a loss that first rises and then falls for divergence', () => {
    const bump = Array.from({ length: 120 }, (_, i) => 10 * Math.exp(-((i - 30) ** 2) / 200) + 1);
    expect(new DivergenceWatch(4).scan(bump)).toBeNull();
  });
});
