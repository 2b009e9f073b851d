import { describe, expect, it } from 'vitest';
import { batchPositions, trainingSet } from './training-set';

describe('trainingSet', () => {
  const x = Float32Array.of(10, 11, 12, 13, 14);
  const y = Float32Array.of(20, 21, 22, 23, 24);

  it('keeps every sample, as it is, without a split', () => {
    const set = trainingSet(x, y, null);
    expect(set.x).toBe(x);
    expect(set.positionOf).toBeNull();
    expect([...batchPositions(Int32Array.of(4, 0), set)]).toEqual([4, 0]);
  });

  it('leaves the held-out samples out, in index order, and maps original indices to positions', () => {
    const heldOut = Int32Array.of(3, 0);
    const set = trainingSet(x, y, heldOut);
    expect([...set.x]).toEqual([11, 12, 14]);
    expect([...set.y]).toEqual([21, 22, 24]);
    expect([...set.positionOf!]).toEqual([-1, 0, 1, -1, 2]);
    expect([...batchPositions(Int32Array.of(4, 1), set)]).toEqual([2, 0]);
    // The same split asks again: the same arrays (the figure asks on every picture).
    expect(trainingSet(x, y, heldOut)).toBe(set);
    expect(trainingSet(x, y, Int32Array.of(1))).not.toBe(set);
  });
});
