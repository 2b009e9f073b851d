import { describe, expect, it } from 'vitest';
import { repeatRates, spreadOf } from './timing-repeats';

describe('timing repeats', () => {
  it('cuts the timed chunks into consecutive parts of about equal time, each with its samples per second', () => {
    // Six chunks of 100 samples, 50 ms each: three parts of 200 samples in 100 ms = 2,000 samples/s.
    const even = Array.from({ length: 6 }, (_, i) => ({ samples: 100, endMs: 50 * (i + 1) }));
    expect(repeatRates(even, 3)).toEqual([2000, 2000, 2000]);
    // A slow start: the first part's rate is lower, the spread shows it.
    const slowStart = [
      { samples: 10, endMs: 100 },
      { samples: 100, endMs: 200 },
      { samples: 100, endMs: 300 },
    ];
    expect(repeatRates(slowStart, 3)).toEqual([100, 1000, 1000]);
  });

  it('gives fewer parts when one chunk spans several', () => {
    expect(repeatRates([{ samples: 500, endMs: 500 }], 3)).toEqual([1000]);
    expect(
      repeatRates(
        [
          { samples: 100, endMs: 100 },
          { samples: 400, endMs: 500 },
        ],
        3,
      ),
    ).toEqual([1000]);
    expect(
      repeatRates(
        [
          { samples: 100, endMs: 200 },
          { samples: 400, endMs: 500 },
        ],
        3,
      ),
    ).toEqual([500, 4000 / 3]);
    expect(repeatRates([], 3)).toEqual([]);
  });

  it('reads a steady rate as the same rate in every part, whatever the chunk sizes (growing, as the sweep makes them)', () => {
    // Chunks of 1, 2, 4, … 32 steps of 10 samples at 10 samples per ms.
    let endMs = 0;
    const chunks = [1, 2, 4, 8, 16, 32].map((k) => ({ samples: 10 * k, endMs: (endMs += k) }));
    const rates = repeatRates(chunks, 3);
    expect(rates).toHaveLength(2); // the last chunk is half of the time: it closes two parts
    for (const rate of rates) expect(rate).toBeCloseTo(10_000, 6);
  });

  it('leaves out the ramp at the start when asked to', () => {
    // 10 samples in the first 100 ms (one-step chunks), then a steady 1,000 samples per second.
    const chunks = [
      { samples: 10, endMs: 100 },
      ...Array.from({ length: 6 }, (_, i) => ({ samples: 100, endMs: 200 + 100 * i })),
    ];
    expect(Math.min(...repeatRates(chunks, 3))).toBeLessThan(1000);
    expect(repeatRates(chunks, 3, 0.25)).toEqual([1000, 1000, 1000]);
    // Whatever the fraction, at least the last chunk is read.
    expect(repeatRates([{ samples: 500, endMs: 500 }], 3, 0.9)).toEqual([1000]);
  });

  it('spreads as min, median and max', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spreadOf([4, 1, 2, 3])).toEqual({ min: 1, median: 2.5, max: 4 });
    expect(spreadOf([])).toBeNull();
  });
});
