import { describe, expect, it } from 'vitest';
import { count, fourDecimals, lineText, readable, significant } from './numbers';

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

  it('writes huge and tiny values in scientific notation with five significant digits, the rest as the log does', () => {
    // The parameter of the issue: w of a diverged run, 29 digits in four-decimal form.
    expect(readable(20884040056932025729579745280)).toBe('2.0884e+28');
    expect(readable(-8.77e27)).toBe('-8.7700e+27');
    expect(readable(1e6)).toBe('1.0000e+6');
    expect(readable(999_999.5)).toBe('999999.5000');
    expect(readable(63.58721)).toBe('63.5872');
    expect(readable(0.03125)).toBe('0.0312');
    expect(readable(1e-4)).toBe('0.0001');
    expect(readable(3.14159e-7)).toBe('3.1416e-7');
    expect(readable(-2.5e-12)).toBe('-2.5000e-12');
    expect(readable(0)).toBe('0.0000');
    expect([NaN, Infinity, -Infinity].map(readable)).toEqual(['NaN', 'Infinity', '-Infinity']);
    // What a reader types back gets the value to five significant digits.
    for (const x of [20884040056932025729579745280, 3.14159e-7, -1.23456789e9]) {
      expect(Math.abs(Number(readable(x)) - x) / Math.abs(x)).toBeLessThan(5e-5);
    }
  });

  it('keeps a few significant digits in the readable range, the same scientific notation beyond it', () => {
    expect(significant(0.123456)).toBe('0.1235');
    expect(significant(123456)).toBe('123500');
    expect(significant(0.0193, 3)).toBe('0.0193');
    expect(significant(2.0884040056932026e28)).toBe('2.0884e+28');
    expect(significant(1.5e-9)).toBe('1.5000e-9');
    expect(significant(NaN)).toBe('NaN');
  });

  it('writes a line with a true minus before a negative intercept', () => {
    expect(lineText(-0.0075, 0.5364)).toBe('y = -0.0075·x + 0.5364');
    expect(lineText(2.0884e28, -3e9)).toBe('y = 2.0884e+28·x − 3.0000e+9');
  });
});
