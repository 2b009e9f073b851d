import { describe, expect, it } from 'vitest';
import { dataMoments } from '../analysis/linear-loss';
import { divergenceAdvice, type LoggedRun } from './divergence-text';

const xs = Array.from({ length: 10 }, (_, i) => i + 1);
const tutorial = dataMoments(
  xs,
  xs.map((x) => 2 * x),
);

/** A logged run whose loss at step s (0-based) is 10^s: every step's loss is told apart. */
const tenfold: LoggedRun = { lossAt: (s) => 10 ** s, pausedAt: null };

describe('divergence advice', () => {
  it('explains lr = 1 on the tutorial data and offers 0.01', () => {
    const advice = divergenceAdvice(
      { reason: 'non-finite', step: 10, loss: Infinity, startLoss: 1e10, growthSteps: 0 },
      1,
      tutorial,
      tenfold,
    );
    expect(advice.what).toBe('At step 11 the loss became Infinity, more than float32 can hold.');
    expect(advice.why).toMatch(/too large for this data's scale/);
    expect(advice.why).toMatch(/stable only below lr ≈ 0.025/);
    expect(advice.suggestion).toBe(0.01);
  });

  it('describes slow growth and always offers a smaller rate than the one that diverged', () => {
    const growing = { reason: 'growing' as const, step: 99, loss: 4.5e8, startLoss: 150.3, growthSteps: 28 };
    const advice = divergenceAdvice(growing, 0.03, tutorial, tenfold);
    expect(advice.suggestion).toBe(0.01);
    expect(divergenceAdvice(growing, 0.005, tutorial, tenfold).suggestion).toBeLessThan(0.005);
    expect(divergenceAdvice(growing, 0.5, null, tenfold).suggestion).toBe(0.05);
  });

  it("quotes the logged batch losses where the growth began and where it was noticed, not the watch's window means", () => {
    // Noticed at step 100 (0-based 99) after 28 steps of growth: it began at step 73 (0-based 72).
    const growing = { reason: 'growing' as const, step: 99, loss: 4.5e8, startLoss: 150.3, growthSteps: 28 };
    const logged: LoggedRun = { lossAt: (s) => (s === 72 ? 150.12345 : s === 99 ? 8.7712345e27 : NaN), pausedAt: null };
    expect(divergenceAdvice(growing, 0.03, tutorial, logged).what).toBe(
      'The loss kept growing for 28 steps: the log shows 150.1234 at step 73 and 8.7712e+27 at step 100.',
    );
    // Growth from the very first step: it began at step 1.
    const early = { ...growing, step: 7, growthSteps: 8 };
    expect(divergenceAdvice(early, 1, tutorial, tenfold).what).toBe(
      'The loss kept growing for 8 steps: the log shows 1.0000 at step 1 and 1.0000e+7 at step 8.',
    );
  });

  it('names the step the run paused at, and why it is later than the step that showed it', () => {
    const growing = { reason: 'growing' as const, step: 7, loss: 2.19e27, startLoss: 2.55e12, growthSteps: 8 };
    expect(divergenceAdvice(growing, 1, tutorial, tenfold).paused).toBeNull();
    expect(divergenceAdvice(growing, 1, tutorial, { ...tenfold, pausedAt: 8 }).paused).toBe(
      'The run paused at step 8.',
    );
    expect(divergenceAdvice(growing, 1, tutorial, { ...tenfold, pausedAt: 15 }).paused).toBe(
      'The run paused at step 15, once the steps already under way were done.',
    );
  });
});
