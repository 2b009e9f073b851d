import { describe, expect, it } from 'vitest';
import {
  decadeTicks,
  linearAxis,
  logDomain,
  niceCeiling,
  onAxis,
  plottablePoints,
  stepLossPoints,
  xAxisEnd,
} from './loss-series';

describe('loss series', () => {
  it('plots every step, 1-based, while there are few', () => {
    expect(stepLossPoints(Float64Array.of(41.2, 3, 0.5), false)).toEqual([
      { step: 1, loss: 41.2 },
      { step: 2, loss: 3 },
      { step: 3, loss: 0.5 },
    ]);
  });

  it('keeps at most 1,000 points for a 400,000-step run, first and last included', () => {
    const losses = Float64Array.from({ length: 400_000 }, (_, i) => 40 / (1 + i));
    const points = stepLossPoints(losses, false);
    expect(points).toHaveLength(1000);
    expect(points[0]).toEqual({ step: 1, loss: 40 });
    expect(points[999].step).toBe(400_000);
  });

  it('leaves out non-finite losses, and non-positive ones on a log axis', () => {
    const ys = [1, Number.NaN, 0, Infinity, 2];
    const xs = [1, 2, 3, 4, 5];
    expect(plottablePoints(xs, ys, false).map((p) => p.step)).toEqual([1, 3, 5]);
    expect(plottablePoints(xs, ys, true).map((p) => p.step)).toEqual([1, 5]);
  });

  it('gives a log domain of whole decades with a tick per decade', () => {
    const domain = logDomain([[{ step: 1, loss: 41.2 }], [{ step: 4, loss: 0.0031 }]]);
    expect(domain).toEqual([0.001, 100]);
    expect(decadeTicks(domain)).toEqual([0.001, 0.01, 0.1, 1, 10, 100]);
    expect(logDomain([[{ step: 1, loss: 10 }]])).toEqual([10, 100]);
    expect(logDomain([])).toEqual([0.01, 100]);
  });

  it('rounds a growing x axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 7, 10, 11, 2863, 5000, 5001, 400_000].map(niceCeiling)).toEqual([
      1, 1, 10, 10, 20, 5000, 5000, 10_000, 500_000,
    ]);
  });

  it('thins decade ticks for a diverged run spanning 1e-3 … 1e38', () => {
    expect(decadeTicks([1e-3, 1e38])).toEqual([1e-3, 1e2, 1e7, 1e12, 1e17, 1e22, 1e27, 1e32, 1e37]);
  });

  it('ends a linear axis on a round number at or above the highest loss', () => {
    expect(linearAxis([[{ step: 1, loss: 63.6 }], [{ step: 2, loss: 0.1 }]])).toEqual({
      domain: [0, 80],
      ticks: [0, 20, 40, 60, 80],
    });
    expect(linearAxis([[{ step: 1, loss: 0.26 }]]).domain).toEqual([0, 0.3]);
    expect(linearAxis([]).domain).toEqual([0, 1]);
  });

  it('puts steps on an epoch axis as fractions of an epoch', () => {
    expect(
      onAxis(
        [
          { step: 2, loss: 5 },
          { step: 4, loss: 1 },
        ],
        'epoch',
        4,
      ),
    ).toEqual([
      { x: 0.5, loss: 5 },
      { x: 1, loss: 1 },
    ]);
    expect(onAxis([{ step: 2, loss: 5 }], 'step', 4)).toEqual([{ x: 2, loss: 5 }]);
  });

  it('spans a short run whole, grows with a long one, and makes room for pinned runs', () => {
    expect(xAxisEnd('step', 40, 3, 4)).toBe(40);
    expect(xAxisEnd('epoch', 40, 3, 4)).toBe(10);
    expect(xAxisEnd('step', 400_000, 2863, 4)).toBe(5000);
    expect(xAxisEnd('epoch', 400_000, 2863, 4)).toBe(1000);
    expect(xAxisEnd('step', 40, 3, 4, 100)).toBe(100);
    expect(xAxisEnd('step', 3200, 3200, 32)).toBe(3200);
    // A round number past the newest step, but never past the run's end.
    expect(xAxisEnd('step', 8000, 5119, 4)).toBe(8000);
    expect(xAxisEnd('epoch', 8000, 5119, 4)).toBe(2000);
  });
});
