import { describe, expect, it } from 'vitest';
import { jsonFloat, pytorchVectors } from '../engine/__fixtures__/pytorch-vectors';
import { tutorialDataset } from '../engine/datasets';
import { formatFixed } from '../engine/format';
import { batchResiduals, fitYRange, meanSquare } from './residuals';

describe('batch residuals', () => {
  const data = tutorialDataset();
  const line = (w: number, b: number) => (x: number) => w * x + b;

  it('are y − ŷ of the batch, in its order', () => {
    // x = 4, 6, 1 (y = 8, 12, 2) against y = 0.5·x + 1: ŷ = 3, 4, 1.5.
    expect(batchResiduals(data.x, data.y, [3, 5, 0], line(0.5, 1))).toEqual([5, 8, 0.5]);
    expect(meanSquare([5, 8, 0.5])).toBeCloseTo((25 + 64 + 0.25) / 3, 12);
    expect(meanSquare([])).toBeNaN();
  });

  // PyTorch's tutorial run (seed 0, batch 3): each step's loss is the mean square of its batch's
  // residuals at the parameters before its update — the previous step's w, b, the initial ones first.
  const tutorial = pytorchVectors.traces.find((t) => t.seed === 0 && t.batchSize === 3 && t.shuffle && !t.dropLast)!;

  it("reproduce PyTorch's logged loss at the parameters before each step", () => {
    expect(tutorial.initial.w).toBeCloseTo(-0.0075, 4);
    let before = tutorial.initial;
    for (const [, , batch, , loss4, w, b] of tutorial.steps.slice(0, 8)) {
      const residuals = batchResiduals(data.x, data.y, batch, line(before.w, before.b));
      expect(formatFixed(meanSquare(residuals), 4)).toBe(loss4);
      before = { w: jsonFloat(w), b: jsonFloat(b) };
    }
    expect(tutorial.steps[0][4]).toBe('63.5872');
  });

  it('do not reproduce it at the parameters after the update (what the fit view used to draw)', () => {
    const [, , batch, , loss4, w, b] = tutorial.steps[0];
    expect(
      formatFixed(meanSquare(batchResiduals(data.x, data.y, batch, line(jsonFloat(w), jsonFloat(b)))), 4),
    ).not.toBe(loss4);
  });
});

describe("the fit view's y range", () => {
  it('holds the data and the initial line at its ends, so the residuals of step 1 are drawn whole', () => {
    // The tutorial: y from 2 to 20; the initial line y = -0.0075·x + 0.5364 at x = 1 and 10.
    expect(fitYRange(2, 20, [0.5289, 0.4614])).toEqual([0.4614, 20]);
    expect(fitYRange(2, 20, [5, 10])).toEqual([2, 20]);
  });

  it('stretches at most by the data span on either side, and ignores non-finite values', () => {
    expect(fitYRange(2, 20, [-1e30, 1e30])).toEqual([-16, 38]);
    expect(fitYRange(2, 20, [NaN, Infinity])).toEqual([2, 20]);
  });
});
