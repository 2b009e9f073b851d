import { describe, expect, it } from 'vitest';
import { pytorchVectors } from './__fixtures__/pytorch-vectors';
import { cascadeSum32, fma32 } from './float32';
import { TorchGenerator } from './rng/torch-generator';

const f = Math.fround;

describe('fma32', () => {
  it('rounds a·b + c once', () => {
    // a·b = 1 + 2^-11 + 2^-24 + … : rounding the product first would lose the low bits.
    const a = f(1 + 2 ** -12);
    const exact = a * a - 1; // 2^-11 + 2^-24, exact in double
    expect(fma32(a, a, -1)).toBe(f(exact));
    expect(f(f(a * a) - 1)).not.toBe(f(exact));
  });

  it('breaks a tie of the double sum by the part the double lost', () => {
    // a·b = 2^-24 − 2^-70 exactly; + c = 1 + 2^-23 gives 1 + 3·2^-24 − 2^-70, just below the
    // float32 midpoint 1 + 3·2^-24. The double sum rounds onto that midpoint, and fround would
    // then round it to even, up to 1 + 2^-22; the exact value rounds down to 1 + 2^-23.
    const a = f(1 + 2 ** -23);
    const b = f(2 ** -24 * (1 - 2 ** -23));
    expect(a * b + a).toBe(1 + 3 * 2 ** -24); // the tie in double
    expect(f(a * b + a)).toBe(f(1 + 2 ** -22));
    expect(fma32(a, b, a)).toBe(a);
    expect(fma32(-a, b, -a)).toBe(-a); // the same below zero, where the lost part is positive
  });

  it('keeps infinities and NaN', () => {
    expect(fma32(f(3e38), 10, 0)).toBe(Infinity);
    expect(fma32(NaN, 1, 1)).toBeNaN();
    expect(fma32(Infinity, 0, 1)).toBeNaN();
  });
});

describe('cascadeSum32: the order of PyTorch CPU float sums', () => {
  // Terms chosen so that the order shows: 2^24 + 1 + 1 gives 2^24 left to right, 2^24 + 2 otherwise.
  const big = 2 ** 24;

  it('sums fewer than 4 values left to right', () => {
    expect(cascadeSum32([big, 1, 1])).toBe(big);
    expect(cascadeSum32([1, 1, big])).toBe(big + 2);
    expect(cascadeSum32([])).toBe(0);
  });

  it('interleaves 4 partial sums: 5 values add as (((x0 + x4) + x1) + x2) + x3', () => {
    expect(cascadeSum32([big, 0, 0, 0, 1])).toBe(big); // x0 + x4 rounds the 1 away
    expect(cascadeSum32([1, 0, 0, big, 1])).toBe(big + 2);
    expect(cascadeSum32([1, big, 0, 0, 1])).toBe(big + 2);
  });

  it('from 8 values on, sums the tail first, then the 8 lanes in order', () => {
    // n = 9: ((((0 + x8) + x0) + x1) + …) + x7
    expect(cascadeSum32([1, big, 0, 0, 0, 0, 0, 0, 1])).toBe(big + 2);
    expect(cascadeSum32([1, 1, 0, 0, 0, 0, 0, 0, big])).toBe(big);
    // n = 10: with AVX-512's 16 lanes it is still the 4-partial-sum path, and differs.
    const ten = [big, 0, 0, 0, 0, 0, 0, 0, 1, 1];
    expect(cascadeSum32(ten)).toBe(big + 2);
    expect(cascadeSum32(ten, 16)).toBe(big);
  });

  it('sums long vectors in blocks, so it loses less than a running sum', () => {
    const values = Array.from({ length: 100_000 }, () => 0.1);
    let running = 0;
    for (const v of values) running = f(running + f(v));
    const exact = 100_000 * f(0.1);
    expect(Math.abs(cascadeSum32(values.map(f)) - exact)).toBeLessThan(Math.abs(running - exact) / 100);
  });
});

describe('cascadeSum32 against PyTorch', () => {
  it.each(pytorchVectors.sum)('(torch.rand($n) - 0.5) * 1000, summed', ({ n, sum, sumDim0 }) => {
    const g = new TorchGenerator(n);
    const values = Array.from({ length: n }, () => f(f(g.uniformFloat32(0, 1) - 0.5) * 1000));
    expect(cascadeSum32(values)).toBe(sum);
    expect(sumDim0).toBe(sum); // a [n, 1] column summed over dim 0, as the bias gradient is
  });
});
