import { describe, expect, it } from 'vitest';
import { dataMoments } from '../analysis/linear-loss';
import { divergenceAdvice, lossText } from './divergence-text';

const xs = Array.from({ length: 10 }, (_, i) => i + 1);
const tutorial = dataMoments(
  xs,
  xs.map((x) => 2 * x),
);

describe('divergence advice', () => {
  it('explains lr = 1 on the tutorial data and offers 0.01', () => {
    const advice = divergenceAdvice(
      { reason: 'non-finite', step: 10, loss: Infinity, startLoss: 1e10, growthSteps: 0 },
      1,
      tutorial,
    );
    expect(advice.what).toBe('At step 11 the loss became Infinity, more than float32 can hold.');
    expect(advice.why).toMatch(/too large for this data's scale/);
    expect(advice.why).toMatch(/stable only below lr ≈ 0.025/);
    expect(advice.suggestion).toBe(0.01);
  });

  it('describes slow growth and always offers a smaller rate than the one that diverged', () => {
    const growing = { reason: 'growing' as const, step: 99, loss: 4.5e8, startLoss: 150.3, growthSteps: 28 };
    const advice = divergenceAdvice(growing, 0.03, tutorial);
    expect(advice.what).toBe('The loss kept growing for 28 steps, from about 150.3000 to 4.50e+8 (step 100).');
    expect(advice.suggestion).toBe(0.01);
    expect(divergenceAdvice(growing, 0.005, tutorial).suggestion).toBeLessThan(0.005);
    expect(divergenceAdvice(growing, 0.5, null).suggestion).toBe(0.05);
  });

  it('writes losses readably', () => {
    expect(lossText(Number.NaN)).toBe('NaN');
    expect(lossText(12.34567)).toBe('12.3457');
    expect(lossText(3.2e12)).toBe('3.20e+12');
  });
});
