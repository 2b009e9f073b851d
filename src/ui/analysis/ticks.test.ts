import { describe, expect, it } from 'vitest';
import { niceTicks, padded, tickLabel } from './ticks';

describe('ticks', () => {
  it('picks round steps inside the range', () => {
    expect(niceTicks(0.4, 10.6)).toEqual([2, 4, 6, 8, 10]);
    expect(niceTicks(-0.3, 0.7)).toEqual([-0.2, 0, 0.2, 0.4, 0.6]);
    expect(niceTicks(1, 1)).toEqual([]);
  });

  it('labels without float noise', () => {
    expect(tickLabel(0.30000000000000004)).toBe('0.3');
    expect(tickLabel(2e6)).toBe('2e6');
    expect(tickLabel(0)).toBe('0');
  });

  it('pads a range, and a single value by one', () => {
    expect(padded(0, 10, 0.1)).toEqual([-1, 11]);
    expect(padded(3, 3)).toEqual([2, 4]);
  });
});
