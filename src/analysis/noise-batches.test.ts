import { describe, expect, it } from 'vitest';
import { DrawnBatches, drawsSequentially, planBatches } from './noise-batches';

/** Draws `count` batches and hands each (a copy of its indices) to `see`. */
function draw(n: number, b: number, replacement: boolean, count: number, see: (batch: number[]) => void): void {
  const plan = planBatches(n, b, replacement, count);
  expect(plan.enumerated).toBe(false);
  const batches = new DrawnBatches(n, replacement, plan, 11);
  while (!batches.done) {
    batches.next();
    see(Array.from(batches.indices.subarray(0, plan.length)));
  }
}

describe('drawn batches', () => {
  it('selects distinct samples in one pass, each as often as it should be, pairs too', () => {
    // 40 samples, batches of 15: one pass (15 × 16 > 40); every sample is in a batch with
    // probability 15/40, every pair with 15·14/(40·39).
    const n = 40;
    const b = 15;
    const count = 5000;
    expect(drawsSequentially(n, b, false)).toBe(true);
    const single = new Array<number>(n).fill(0);
    let pair = 0;
    draw(n, b, false, count, (batch) => {
      expect(batch.length).toBe(b);
      for (let j = 1; j < b; j++) expect(batch[j]).toBeGreaterThan(batch[j - 1]);
      for (const i of batch) single[i] += 1;
      if (batch.includes(0) && batch.includes(39)) pair += 1;
    });
    const within = (hits: number, p: number) => Math.abs(hits - count * p) < 6 * Math.sqrt(count * p * (1 - p));
    for (const hits of single) expect(within(hits, b / n)).toBe(true);
    expect(within(pair, (b * (b - 1)) / (n * (n - 1)))).toBe(true);
  });

  it('shuffles partially for a batch small beside the data: distinct samples, uniform', () => {
    const n = 1000;
    const b = 20;
    const count = 5000;
    expect(drawsSequentially(n, b, false)).toBe(false);
    const single = new Array<number>(n).fill(0);
    draw(n, b, false, count, (batch) => {
      expect(new Set(batch).size).toBe(b);
      for (const i of batch) single[i] += 1;
    });
    const p = b / n;
    const limit = 6 * Math.sqrt(count * p * (1 - p));
    for (const hits of single) expect(Math.abs(hits - count * p)).toBeLessThan(limit);
  });

  it('with replacement at large N, groups the draws by block of 4,096 samples and keeps them uniform', () => {
    const n = 100_000;
    const b = 2000;
    const count = 200;
    const blocks = new Array<number>(Math.ceil(n / 4096)).fill(0);
    let repeats = 0;
    let outOfBlockOrder = 0;
    let outOfRange = 0;
    draw(n, b, true, count, (batch) => {
      for (let j = 1; j < b; j++) if (batch[j] >>> 12 < batch[j - 1] >>> 12) outOfBlockOrder += 1;
      for (const i of batch) {
        if (!(i >= 0 && i < n)) outOfRange += 1;
        else blocks[i >>> 12] += 1;
      }
      repeats += b - new Set(batch).size;
    });
    expect(outOfBlockOrder).toBe(0);
    expect(outOfRange).toBe(0);
    const total = b * count;
    blocks.forEach((hits, k) => {
      const p = (Math.min(n, (k + 1) * 4096) - k * 4096) / n;
      expect(Math.abs(hits - total * p)).toBeLessThan(6 * Math.sqrt(total * p * (1 - p)));
    });
    // E[repeats per batch] = b − n(1 − (1 − 1/n)^b) ≈ 19.8: drawn with replacement, not distinct
    const expected = count * (b - n * (1 - (1 - 1 / n) ** b));
    expect(Math.abs(repeats - expected)).toBeLessThan(6 * Math.sqrt(expected));
  });
});
