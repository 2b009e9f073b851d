// The Node bench's arithmetic on its runs: medians, ranges, ratios taken run by run, and the
// float64 verdict that keeps a wrong engine's speed out of the figures.
import { describe, expect, it } from 'vitest';
import { spread, summarize, type RunResult } from './summary';

const result = (engine: string, run: number, samplesPerSecond: number, extra: Partial<RunResult> = {}): RunResult => ({
  caseId: 'line-100k',
  engine,
  backend: null,
  steps: 10,
  seconds: 1,
  stepsPerSecond: samplesPerSecond / 1000,
  samplesPerSecond,
  maxRelativeError: 0,
  maxRelativeErrorFloat64: 1e-7,
  finalLoss: 0.5,
  finalLossFloat64: 0.5,
  finalRelativeErrorFloat64: 0,
  finalParamsRelativeErrorFloat64: 1e-7,
  run,
  ...extra,
});

describe('spread', () => {
  it('gives the median (the middle pair’s mean for an even count) and the extremes', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(spread([])).toEqual({ median: NaN, min: NaN, max: NaN });
  });
});

describe('summarize', () => {
  it('divides each run by the floor of the same run, not by the floors’ median', () => {
    const rows = summarize(
      [
        result('js-float64', 0, 100),
        result('fused', 0, 300),
        result('js-float64', 1, 50), // a busy moment slows both
        result('fused', 1, 150),
        result('js-float64', 2, 100),
        result('fused', 2, 100),
      ],
      'js-float64',
    );
    const fused = rows.find((r) => r.engine === 'fused')!;
    expect(fused.vsJsFloor).toEqual({ median: 3, min: 1, max: 3 });
    expect(fused.samplesPerSecond).toEqual({ median: 150, min: 100, max: 300 });
    expect(fused.stepsPerSecond.median).toBeCloseTo(0.15, 12);
    expect(fused.runs).toBe(3);
  });

  it('refuses an engine whose losses or parameters left float64, or were nan', () => {
    const verdict = (extra: Partial<RunResult>) =>
      summarize([result('js-float64', 0, 1), result('e', 0, 1, extra)], 'js-float64')[1].agreesWithFloat64;
    expect(verdict({})).toBe(true);
    expect(verdict({ maxRelativeErrorFloat64: 2e-4 })).toBe(false);
    expect(verdict({ finalLoss: 0.5 * (1 + 2e-3) })).toBe(false);
    expect(verdict({ finalLoss: 0.5 * (1 + 5e-4) })).toBe(true);
    expect(verdict({ finalParamsRelativeErrorFloat64: 2e-3 })).toBe(false);
    expect(verdict({ finalLoss: NaN })).toBe(false);
    expect(verdict({ maxRelativeErrorFloat64: NaN })).toBe(false);
    expect(verdict({ finalParamsRelativeErrorFloat64: NaN })).toBe(false);
  });

  it('takes a loss near 0 as agreeing within 1e-6, as the tutorial’s exact line drives it there', () => {
    const verdict = (finalLoss: number) =>
      summarize([result('js-float64', 0, 1), result('e', 0, 1, { finalLoss, finalLossFloat64: 2e-7 })], 'js-float64')[1]
        .agreesWithFloat64;
    expect(verdict(9e-7)).toBe(true); // 350 % relative, 7e-7 absolute
    expect(verdict(2e-6)).toBe(false);
  });
});
