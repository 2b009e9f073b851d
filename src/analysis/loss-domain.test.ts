import { describe, expect, it } from 'vitest';
import { lossAxis, offScalePoint, type DomainCurve } from './loss-domain';

const curve = (losses: number[], diverged = false): DomainCurve => ({
  points: losses.map((loss, i) => ({ step: i + 1, loss })),
  diverged,
});

describe('lossAxis', () => {
  // lr = 0.01 on the tutorial's data: 63.6 down to 0.02; lr = 1 from 63.6 to 1.2e35 by step 12.
  const stable = curve([63.6, 12.1, 2.4, 0.35, 0.022]);
  const diverged = curve([63.6, 2.3e4, 8.8e9, 1.2e35], true);

  it('leaves a diverged curve out of the axis on a linear scale', () => {
    expect(lossAxis([stable, diverged], false)).toEqual({ domain: [0, 80], ticks: [0, 20, 40, 60, 80], clips: true });
    // Without the rule the top would be 1.2e35, and 63.6 a 5e-34th of the height.
    expect(lossAxis([stable, { ...diverged, diverged: false }], false).domain[1]).toBeGreaterThan(1e35);
  });

  it('and on a log scale: the decades of the stable curves', () => {
    const axis = lossAxis([diverged, stable], true);
    expect(axis.domain).toEqual([0.01, 100]);
    expect(axis.ticks).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(axis.clips).toBe(true);
    expect(lossAxis([stable, curve([])], true).clips).toBe(false);
  });

  it('uses every curve when all diverged, or the stable ones have no points yet', () => {
    // A diverged run alone keeps its whole curve: nothing is clipped, nothing marked.
    expect(lossAxis([diverged], true)).toMatchObject({ domain: [10, 10 ** 36], clips: false });
    expect(lossAxis([curve([]), diverged], false).domain[1]).toBeGreaterThanOrEqual(1.2e35);
    expect(lossAxis([], false)).toEqual({ domain: [0, 1], ticks: [0, 0.5, 1], clips: false });
  });
});

describe('offScalePoint', () => {
  it('is the first point above the top', () => {
    expect(offScalePoint(curve([63.6, 2.3e4, 8.8e9], true), 100)).toEqual({ step: 2, loss: 2.3e4 });
    expect(offScalePoint(curve([5, 120, 3]), 100)).toEqual({ step: 2, loss: 120 });
  });

  it('is the last point of a diverged curve that ends in NaN below the top, and null on the scale', () => {
    expect(offScalePoint(curve([63.6, 50], true), 100)).toEqual({ step: 2, loss: 50 });
    expect(offScalePoint(curve([63.6, 0.5]), 100)).toBeNull();
    expect(offScalePoint(curve([], true), 100)).toBeNull();
  });
});
