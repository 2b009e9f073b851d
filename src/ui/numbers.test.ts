import { describe, expect, it } from 'vitest';
import { count, fourDecimals } from './numbers';

describe('numbers shown to the class', () => {
  it('groups thousands with commas', () => {
    expect([0, 999, 1000, 40_000, 400_000, 1_234_567].map(count)).toEqual([
      '0',
      '999',
      '1,000',
      '40,000',
      '400,000',
      '1,234,567',
    ]);
  });

  it('prints four decimals as Python does', () => {
    expect(fourDecimals(Math.fround(-0.007486820220947266))).toBe('-0.0075');
    expect(fourDecimals(0.03125)).toBe('0.0312');
  });
});
