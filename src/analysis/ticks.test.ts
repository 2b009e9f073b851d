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
    // A long run's axis: 0, 5000, 1e4, 1.5e4, 2e4 — never two labels alike.
    expect([10000, 15000, 20000, 250000].map(tickLabel)).toEqual(['1e4', '1.5e4', '2e4', '2.5e5']);
    expect(tickLabel(0.00025)).toBe('2.5e-4');
    expect(tickLabel(3 * 0.0001)).toBe('3e-4');
    expect(tickLabel(0)).toBe('0');
  });

  it('pads a range, and a single value by one', () => {
    expect(padded(0, 10, 0.1)).toEqual([-1, 11]);
    expect(padded(3, 3)).toEqual([2, 4]);
  });
});
