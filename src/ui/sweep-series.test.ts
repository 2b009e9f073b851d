import { describe, expect, it } from 'vitest';
import type { SweepPoint } from '../protocol';
import {
  batchSizeAxis,
  batchSizeLabel,
  compact,
  curveColour,
  decadeAxis,
  fastestVerdict,
  lossCurve,
  sweepFindings,
} from './sweep-series';

const point = (
  batchSize: number,
  samplesPerSecond: number,
  secondsPerEpoch: number,
  finalLoss: number,
): SweepPoint => ({
  batchSize,
  stepsPerEpoch: Math.ceil(10 / batchSize),
  steps: 100,
  samples: 100 * batchSize,
  seconds: 0.5,
  samplesPerSecond,
  rateRepeats: [samplesPerSecond],
  stepsPerSecond: samplesPerSecond / batchSize,
  secondsPerEpoch,
  epochs: 10,
  finalLoss,
  curve: [
    { seconds: 0.001, epochs: 0.1, loss: 40 },
    { seconds: 0.002, epochs: 0.3, loss: Infinity },
    { seconds: 0.004, epochs: 0.7, loss: 0 },
    { seconds: 0.008, epochs: 1.5, loss: 0.5 },
  ],
  engine: 'tfjs op by op',
});

describe('axes', () => {
  it('spans whole decades around the values', () => {
    expect(decadeAxis([0.02, 30])).toEqual({ domain: [0.01, 100], ticks: [0.01, 0.1, 1, 10, 100] });
    expect(decadeAxis([5, 5])).toEqual({ domain: [1, 10], ticks: [1, 10] });
    expect(decadeAxis([NaN, -1, 0])).toBeNull();
    const wide = decadeAxis([1e-7, 1e6])!;
    expect(wide.ticks.length).toBeLessThanOrEqual(8);
    expect(wide.domain[0]).toBeLessThanOrEqual(1e-7);
    expect(wide.domain[1]).toBeGreaterThanOrEqual(1e6);
  });

  it('ticks the batch sizes, thinned when many', () => {
    expect(batchSizeAxis([1, 2, 4, 8, 10])).toEqual({ domain: [0.8, 12.5], ticks: [1, 2, 4, 8, 10] });
    const many = batchSizeAxis(Array.from({ length: 21 }, (_, k) => (k === 20 ? 1_000_000 : 2 ** k)));
    expect(many.ticks.length).toBeLessThanOrEqual(12);
    expect(many.ticks.at(-1)).toBe(1_000_000);
    expect(batchSizeAxis([1]).domain).toEqual([0.8, 2.5]);
  });
});

describe('curveColour', () => {
  it('runs from dark blue (B = 1) to orange (B = N), distinct at every step', () => {
    expect(curveColour(0, 5)).toBe('#0d0887');
    expect(curveColour(4, 5)).toBe('#f09628');
    expect(curveColour(0, 1)).toBe('#0d0887');
    const colours = Array.from({ length: 21 }, (_, i) => curveColour(i, 21));
    expect(new Set(colours).size).toBe(21);
  });
});

describe('lossCurve', () => {
  it('keeps what a log-log chart can draw', () => {
    expect(lossCurve(point(1, 1, 1, 1), 'epochs')).toEqual([
      { x: 0.1, loss: 40 },
      { x: 1.5, loss: 0.5 },
    ]);
    expect(lossCurve(point(1, 1, 1, 1), 'seconds').map((p) => p.x)).toEqual([0.001, 0.008]);
  });
});

describe('words', () => {
  it('reads numbers compactly', () => {
    expect(compact(1_234_567)).toBe('1.23 M');
    expect(compact(617)).toBe('617');
    expect(compact(0.000123, 's')).toBe('123 µs');
    expect(compact(0.5, 's')).toBe('500 ms');
    expect(compact(2, 's')).toBe('2 s');
  });

  it('writes batch sizes exactly: powers of two as they are, others grouped, compact past a million', () => {
    expect([1, 2, 1024, 8192, 65_536, 1_048_576].map((b) => batchSizeLabel(b))).toEqual([
      '1',
      '2',
      '1024',
      '8192',
      '65536',
      '1048576',
    ]);
    expect(batchSizeLabel(10_000)).toBe('10,000');
    expect(batchSizeLabel(1_000_000)).toBe('1 M');
  });

  /** A batch size timed in repeats: its overall rate their mean. */
  const timed = (batchSize: number, repeats: number[]): SweepPoint => ({
    ...point(batchSize, repeats.reduce((s, r) => s + r, 0) / repeats.length, 0.001, 1),
    rateRepeats: repeats,
  });

  it("names a fastest batch size only when its slowest timing beats every other one's fastest", () => {
    const clear = fastestVerdict([
      timed(1, [900, 1000, 1100]),
      timed(8, [7000, 8000, 9000]),
      timed(10, [9500, 10_000, 10_500]),
    ]);
    expect(clear).toMatchObject({ kind: 'clear', fastest: { batchSize: 10 }, next: { batchSize: 8 } });

    // 10 is faster on average, but 8's fastest timing beats 10's slowest: within noise, both named.
    const close = fastestVerdict([
      timed(1, [900, 1000, 1100]),
      timed(8, [9000, 9600, 10_200]),
      timed(10, [9700, 10_000, 10_300]),
    ]);
    expect(close?.kind).toBe('within-noise');
    expect(close?.kind === 'within-noise' && close.top.map((p) => p.batchSize)).toEqual([10, 8]);

    // One timing is no spread: never a winner on its own.
    expect(fastestVerdict([timed(1, [1000]), timed(10, [25_000])])?.kind).toBe('within-noise');
    expect(fastestVerdict([timed(1, [1000])])).toBeNull();
  });

  it('says the top batch sizes are within noise, with their range, when no winner is beyond it', () => {
    const [line] = sweepFindings([
      timed(1, [900, 1000, 1100]),
      timed(8, [9000, 9600, 10_200]),
      timed(10, [9700, 10_000, 10_300]),
    ]);
    expect(line).toBe(
      'On this device, batch sizes 8, 10 processed about as many samples per second (9 k to 10.3 k over their timings): their timings overlap, so none of them is faster beyond the noise. The fastest of them is 10× batch size 1 (1 k).',
    );
    expect(line).not.toMatch(/the most samples per second/);
  });

  it('names the fastest batch size against B = 1 and the epoch times', () => {
    const lines = sweepFindings([
      { ...point(1, 1000, 0.01, 0.2), rateRepeats: [950, 1000, 1050] },
      { ...point(10, 25_000, 0.0004, 3), rateRepeats: [24_000, 25_000, 26_000] },
      { ...point(4, 8000, 0.001, 0.5), rateRepeats: [7900, 8000, 8100] },
    ]);
    expect(lines[0]).toBe(
      'On this device, batch size 10 processed the most samples per second (25 k), 25× batch size 1 (1 k). Its slowest of 3 timings (24 k) beat the fastest timing of any other batch size (next: batch size 4, 8.1 k).',
    );
    expect(lines[1]).toBe('One epoch took 10 ms at batch size 1 (10 steps) and 400 µs at batch size 10 (1 step).');
    expect(lines[2]).toBe('After 10 epochs each, batch size 1 reached the lowest loss (0.2).');
    expect(sweepFindings([point(1, 1, 1, 1)])).toEqual([]);
  });
});
