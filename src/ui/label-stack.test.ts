import { describe, expect, it } from 'vitest';
import { stackLabels } from './label-stack';

describe('stackLabels', () => {
  it('keeps labels that do not meet where they are', () => {
    expect(stackLabels([100, 50, 200], 0, 300, 18)).toEqual([100, 50, 200]);
  });

  it('stacks labels at the same place a line apart, downwards', () => {
    expect(stackLabels([100, 100, 100], 0, 300, 18)).toEqual([100, 118, 136]);
  });

  it('moves a stack that would fall under the x axis up from the plot bottom', () => {
    // Three converged curves at the bottom: before, the third name sat 36 px under the axis.
    expect(stackLabels([300, 300, 300], 0, 300, 18)).toEqual([264, 282, 300]);
    expect(stackLabels([290, 310], 0, 300, 18)).toEqual([282, 300]);
  });

  it('brings a curve that ends above the plot (clipped) into it', () => {
    expect(stackLabels([-500, 40], 10, 300, 18)).toEqual([28, 46]);
  });

  it('keeps the top label on the plot when there are more labels than room', () => {
    const ys = stackLabels([50, 50, 50, 50], 0, 40, 18);
    expect(ys[0]).toBe(18);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(18);
  });
});
