import { describe, expect, it } from 'vitest';
import {
  dataMoments,
  fullGradient,
  fullLoss,
  largestStableLearningRate,
  lossHessian,
  niceNumber,
  optimum,
  suggestedLearningRate,
  symmetricEigen,
} from './linear-loss';

const tutorialX = Array.from({ length: 10 }, (_, i) => i + 1);
const tutorialY = tutorialX.map((x) => 2 * x);
const tutorial = dataMoments(tutorialX, tutorialY);

function directLoss(xs: number[], ys: number[], w: number, b: number): number {
  return xs.reduce((s, x, i) => s + (w * x + b - ys[i]) ** 2, 0) / xs.length;
}

describe('linear full-data loss from moments', () => {
  it('has the tutorial data’s moments', () => {
    expect(tutorial).toMatchObject({ n: 10, meanX: 5.5, meanXX: 38.5, meanY: 11, meanXY: 77, meanYY: 154 });
    expect(tutorial).toMatchObject({ minX: 1, maxX: 10, minY: 2, maxY: 20 });
  });

  it('equals the loss computed sample by sample, anywhere', () => {
    const xs = [0.5, -1, 3, 7.25, 2];
    const ys = [1, 0.3, -2, 5, 4.5];
    const m = dataMoments(xs, ys);
    for (const [w, b] of [
      [0, 0],
      [1.5, -2],
      [-3, 0.25],
    ]) {
      expect(fullLoss(m, w, b)).toBeCloseTo(directLoss(xs, ys, w, b), 10);
    }
  });

  it('has the gradient of a finite difference', () => {
    const xs = [0.5, -1, 3, 7.25, 2];
    const ys = [1, 0.3, -2, 5, 4.5];
    const m = dataMoments(xs, ys);
    const [gw, gb] = fullGradient(m, 0.7, -0.4);
    const h = 1e-6;
    expect(gw).toBeCloseTo((fullLoss(m, 0.7 + h, -0.4) - fullLoss(m, 0.7 - h, -0.4)) / (2 * h), 5);
    expect(gb).toBeCloseTo((fullLoss(m, 0.7, -0.4 + h) - fullLoss(m, 0.7, -0.4 - h)) / (2 * h), 5);
  });

  it('finds y = 2x as the tutorial’s minimum, with zero loss and zero gradient there', () => {
    const best = optimum(tutorial)!;
    expect(best.w).toBeCloseTo(2, 12);
    expect(best.b).toBeCloseTo(0, 12);
    expect(fullLoss(tutorial, best.w, best.b)).toBeCloseTo(0, 10);
    expect(fullGradient(tutorial, 2, 0)).toEqual([0, 0]);
  });

  it('has no unique minimum when every x is the same', () => {
    expect(optimum(dataMoments([3, 3, 3], [1, 2, 3]))).toBeNull();
  });
});

describe('curvature and learning rates', () => {
  it('decomposes a symmetric 2×2 matrix', () => {
    const { values, vectors } = symmetricEigen(2, 1, 2);
    expect(values[0]).toBeCloseTo(3);
    expect(values[1]).toBeCloseTo(1);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2);
    expect(vectors[0][0] * vectors[1][0] + vectors[0][1] * vectors[1][1]).toBeCloseTo(0);
    expect(symmetricEigen(1, 0, 5).vectors[0]).toEqual([0, 1]);
  });

  it('gives the tutorial’s λmax = 39.5 + √1527.25 and a stable limit of about 0.0254', () => {
    const { values } = lossHessian(tutorial);
    expect(values[0]).toBeCloseTo(39.5 + Math.sqrt(1527.25), 10);
    expect(largestStableLearningRate(tutorial)).toBeCloseTo(0.025452, 5);
  });

  it('suggests 0.01 for the tutorial — the tutorial’s own learning rate', () => {
    expect(suggestedLearningRate(tutorial)).toBe(0.01);
  });

  it('rounds to 1, 2 or 5 × 10^k on a log scale, under the ceiling', () => {
    expect(niceNumber(0.00848)).toBe(0.01);
    expect(niceNumber(0.0028)).toBe(0.002);
    expect(niceNumber(0.0038)).toBe(0.005);
    expect(niceNumber(140)).toBe(100);
    expect(niceNumber(0.3)).toBe(0.2);
    expect(niceNumber(0.0085, 0.009)).toBe(0.005);
  });
});
