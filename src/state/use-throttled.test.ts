import { describe, expect, it } from 'vitest';
import { MAX_BUSY_SHARE, redrawGap } from './use-throttled';

describe('redrawGap', () => {
  it('is the period while a redraw is short, and keeps a long one to its share of the thread', () => {
    expect(redrawGap(66, 5)).toBe(66);
    expect(redrawGap(66, 66 * MAX_BUSY_SHARE)).toBe(66);
    // A 100 ms redraw (a slow machine): the next starts 400 ms after it did, 300 ms after it ended.
    expect(MAX_BUSY_SHARE).toBe(0.25);
    expect(redrawGap(66, 100)).toBe(400);
  });
});
