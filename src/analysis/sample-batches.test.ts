import { describe, expect, it } from 'vitest';
import { pytorchVectors } from '../engine/__fixtures__/pytorch-vectors';
import {
  addDraws,
  batchesOfSample,
  ColumnCounter,
  emptyInverse,
  emptySummary,
  NO_BATCH,
  sampleBatches,
  summariseColumns,
  type SampleBatches,
} from './sample-batches';

/** Sample → every batch it went into, read straight off PyTorch's nested batches. */
function referenceBatches(batches: number[][], n: number): number[][] {
  const of: number[][] = Array.from({ length: n }, () => []);
  batches.forEach((batch, k) => batch.forEach((sample) => of[sample].push(k)));
  return of;
}

const flat = (batches: number[][]) => Int32Array.from(batches.flat());

/** A column's summary the slow way: every sample counted in a Map. */
function referenceColumn(inverse: SampleBatches, start: number, end: number) {
  const counts = new Map<number, number>();
  /** When each batch reached each count: the tie goes to the one that got there first. */
  const reached = new Map<string, number>();
  let none = 0;
  let many = 0;
  for (let s = start; s < end; s++) {
    const b = inverse.batchOf[s];
    if (b === NO_BATCH) none++;
    else {
      counts.set(b, (counts.get(b) ?? 0) + 1);
      reached.set(`${b}:${counts.get(b)}`, s);
    }
    if (inverse.draws[s] > 1) many++;
  }
  const ranked = [...counts].sort(
    (x, y) => y[1] - x[1] || reached.get(`${x[0]}:${x[1]}`)! - reached.get(`${y[0]}:${y[1]}`)!,
  );
  return { batch: ranked.length ? ranked[0][0] : NO_BATCH, none, many, total: end - start };
}

describe('sample → batch, the inverse of an epoch', () => {
  const cases = pytorchVectors.dataloader.filter((c) => c.replacement || c.dropLast);
  it.each(cases)(
    'matches PyTorch batches: N $n, batch $batchSize, replacement $replacement, drop_last $dropLast, seed $seed',
    (c) => {
      for (const batches of c.epochs) {
        const inverse = sampleBatches(flat(batches), batches.flat().length, c.n, c.batchSize);
        const expected = referenceBatches(batches, c.n);
        expect(Array.from(inverse.batchOf)).toEqual(expected.map((ks) => (ks.length ? ks[0] : NO_BATCH)));
        expect(Array.from(inverse.draws)).toEqual(expected.map((ks) => ks.length));
        for (let s = 0; s < c.n; s++) {
          expect(batchesOfSample(flat(batches), batches.flat().length, c.batchSize, s)).toEqual(expected[s]);
        }
      }
    },
  );

  it('has repeats and never-drawn samples with replacement, and none without', () => {
    const withReplacement = cases.filter((c) => c.replacement && c.n >= 32);
    expect(withReplacement.length).toBeGreaterThan(0);
    for (const c of withReplacement) {
      const inverse = sampleBatches(flat(c.epochs[0]), c.epochs[0].flat().length, c.n, c.batchSize);
      expect(inverse.draws.some((d) => d >= 2)).toBe(true);
      expect(inverse.batchOf.some((b) => b === NO_BATCH)).toBe(true);
    }
  });

  it('reads no order as 0, 1, 2, …: drop_last leaves the last samples out', () => {
    const inverse = sampleBatches(null, 9, 10, 3);
    expect(Array.from(inverse.batchOf)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, NO_BATCH]);
    expect(Array.from(inverse.draws)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(batchesOfSample(null, 9, 3, 7)).toEqual([2]);
    expect(batchesOfSample(null, 9, 3, 9)).toEqual([]);
  });
});

describe('one row summarised per pixel column', () => {
  it('is the inverse itself when every sample has a column', () => {
    const inverse = sampleBatches(Int32Array.from([4, 4, 1, 0, 2, 4]), 6, 6, 2);
    const row = summariseColumns(inverse, 6, 3);
    expect(Array.from(row.batch)).toEqual([1, 1, 2, NO_BATCH, 0, NO_BATCH]);
    expect(Array.from(row.undrawn)).toEqual([0, 0, 0, 255, 0, 255]);
    // Sample 4 was drawn three times: its column alone is marked.
    expect(Array.from(row.repeated)).toEqual([0, 0, 0, 0, 255, 0]);
  });

  it('breaks a tie by the batch that got there first, not the earlier batch', () => {
    // Samples 0 … 3 in batches 2, 5, 5, 2: a tie at two, reached first by batch 5 (at sample 2).
    const batchOf = Int32Array.from([2, 5, 5, 2]);
    const draws = Uint8Array.from([1, 1, 1, 1]);
    expect(Array.from(summariseColumns({ batchOf, draws }, 1, 6).batch)).toEqual([5]);
    // One sample per batch: the first sample's batch, whatever its number.
    expect(Array.from(summariseColumns({ batchOf: Int32Array.from([7, 3, 5]), draws }, 1, 8).batch)).toEqual([7]);
  });

  it('colours a column by the batch most of its samples went into, paler by those not drawn', () => {
    // Columns of 5 samples: batches 0,0,1,1,1 | 2,2,−,−,− | −,−,−,−,−
    const batchOf = Int32Array.from([0, 0, 1, 1, 1, 2, 2, -1, -1, -1, -1, -1, -1, -1, -1]);
    const draws = Uint8Array.from([1, 1, 1, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const row = summariseColumns({ batchOf, draws }, 3, 3);
    expect(Array.from(row.batch)).toEqual([1, 2, NO_BATCH]);
    expect(Array.from(row.undrawn)).toEqual([0, Math.floor((255 * 3) / 5), 255]);
    expect(Array.from(row.repeated)).toEqual([Math.ceil(255 / 5), 0, 0]);
  });

  it('agrees with counting every column the slow way, at uneven column widths', () => {
    // A fixed pseudo-random epoch with replacement: N = 997 draws of 997 samples, batches of 7.
    const n = 997;
    let state = 12345;
    const order = Int32Array.from({ length: n }, () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    });
    const inverse = sampleBatches(order, n, n, 7);
    for (const columns of [1, 13, 100, 333, 996]) {
      const row = summariseColumns(inverse, columns, Math.ceil(n / 7));
      for (let c = 0; c < columns; c++) {
        const start = Math.floor((c * n) / columns);
        const end = Math.floor(((c + 1) * n) / columns);
        const ref = referenceColumn(inverse, start, end);
        expect(row.batch[c]).toBe(ref.batch);
        expect(row.undrawn[c]).toBe(
          ref.batch === NO_BATCH ? 255 : Math.min(254, Math.floor((255 * ref.none) / ref.total)),
        );
        expect(row.repeated[c]).toBe(Math.ceil((255 * ref.many) / ref.total));
      }
    }
  });

  it('tells a shuffled epoch from an unshuffled one at 1,000,000 samples and 800 columns', () => {
    const n = 1_000_000;
    const batchSize = 65_536;
    const batchCount = Math.ceil(n / batchSize);
    const inOrder = summariseColumns(sampleBatches(null, n, n, batchSize), 800, batchCount);
    // Unshuffled: batch k owns samples k·B … (k+1)·B − 1, so the columns step through the batches.
    expect(inOrder.batch[0]).toBe(0);
    expect(inOrder.batch[799]).toBe(batchCount - 1);
    for (let c = 1; c < 800; c++) expect(inOrder.batch[c]).toBeGreaterThanOrEqual(inOrder.batch[c - 1]);
    // Reversed order: the same stripes mirrored, so the summary is not just a function of position.
    const reversed = Int32Array.from({ length: n }, (_, p) => n - 1 - p);
    const mirrored = summariseColumns(sampleBatches(reversed, n, n, batchSize), 800, batchCount);
    expect(mirrored.batch[0]).toBe(batchCount - 1);
    expect(mirrored.batch[799]).toBe(0);
  });
});

describe('in slices, for long epochs spread over frames', () => {
  it('gives the same inverse and row as in one go', () => {
    const n = 1000;
    const order = Int32Array.from({ length: n }, (_, p) => (p * 389 + 7) % n);
    const whole = sampleBatches(order, n, n, 64);
    const sliced = emptyInverse(n);
    for (let p = 0; p < n; p += 77) addDraws(sliced, order, 64, p, Math.min(n, p + 77));
    expect(sliced).toEqual(whole);
    const row = emptySummary(37);
    const counter = new ColumnCounter();
    for (let c = 0; c < 37; c += 5) counter.fill(row, sliced, 16, c, Math.min(37, c + 5));
    expect(row).toEqual(summariseColumns(whole, 37, 16));
  });
});
