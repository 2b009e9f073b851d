import { describe, expect, it } from 'vitest';
import { lttbIndices } from './lttb';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('lttbIndices', () => {
  it('keeps every point when there are no more than the threshold', () => {
    expect(lttbIndices([], [], 10)).toEqual([]);
    expect(lttbIndices([1], [5], 10)).toEqual([0]);
    expect(lttbIndices(range(10), range(10), 10)).toEqual(range(10));
  });

  it('keeps exactly the threshold, first and last included, in increasing order', () => {
    const n = 10_007;
    const xs = range(n);
    const ys = xs.map((x) => Math.sin(x / 50) + 0.1 * Math.cos(x * 7.3));
    const kept = lttbIndices(xs, ys, 1000);
    expect(kept).toHaveLength(1000);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(n - 1);
    for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1]);
  });

  it('picks one point from each bucket', () => {
    const n = 102;
    const kept = lttbIndices(
      range(n),
      range(n).map((x) => (x * 37) % 11),
      12,
    );
    // 100 inner points in 10 buckets of 10: bucket k covers 1 + 10k .. 10 + 10k.
    for (let k = 0; k < 10; k++) {
      expect(kept[k + 1]).toBeGreaterThanOrEqual(1 + 10 * k);
      expect(kept[k + 1]).toBeLessThanOrEqual(10 + 10 * k);
    }
  });

  it('keeps a lone spike that a stride would miss', () => {
    const n = 1000;
    const ys = new Float64Array(n).fill(1);
    ys[537] = 40;
    const kept = lttbIndices(range(n), ys, 50);
    expect(kept).toContain(537);
  });

  it('respects count, ignoring data past it (growing buffers)', () => {
    const xs = new Float64Array(64);
    const ys = new Float64Array(64);
    for (let i = 0; i < 64; i++) {
      xs[i] = i;
      ys[i] = i < 20 ? i : 1e9;
    }
    const kept = lttbIndices(xs, ys, 5, 20);
    expect(kept[kept.length - 1]).toBe(19);
    expect(kept).toHaveLength(5);
  });

  it('degrades to the end points for thresholds below 3', () => {
    expect(lttbIndices(range(10), range(10), 2)).toEqual([0, 9]);
    expect(lttbIndices(range(10), range(10), 0)).toEqual([0, 9]);
  });
});
