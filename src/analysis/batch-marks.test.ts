import { describe, expect, it } from 'vitest';
import { columnOfSample, distinctSamples, markedColumns } from './batch-marks';
import { columnStart } from './sample-batches';

describe('the columns marking a pointed batch by sample', () => {
  it('put each sample in the column whose range holds it, as the row summary lays them out', () => {
    for (const [n, columns] of [
      [1_000_000, 997],
      [100_000, 1234],
      [10, 3],
      [7, 7],
    ]) {
      for (let c = 0; c < columns; c++) {
        const start = columnStart(c, columns, n);
        const end = Math.max(start + 1, columnStart(c + 1, columns, n));
        // The first and last sample of every column's range, against the summary's own columnStart.
        expect(columnOfSample(start, columns, n)).toBe(c);
        expect(columnOfSample(end - 1, columns, n)).toBe(c);
      }
    }
  });

  it('mark exactly the columns holding at least one of the batch, one per sample while columns are wide', () => {
    expect(Array.from(markedColumns(Int32Array.of(7, 2, 9), 500, 10))).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0, 1]);
    // 1,000,000 samples over 1,000 columns: 1,000 a column; samples 0, 999 share column 0, 1,000 starts column 1.
    const marks = markedColumns(Int32Array.of(0, 999, 1000, 999_999, 523_456), 1000, 1_000_000);
    expect(marks).toHaveLength(1000);
    expect([...marks.keys()].filter((c) => marks[c] === 1)).toEqual([0, 1, 523, 999]);
  });

  it('count a sample drawn twice (with replacement) once', () => {
    expect(distinctSamples(Int32Array.of(4, 1, 4, 4, 0), 5)).toBe(3);
    expect(distinctSamples(new Int32Array(0), 5)).toBe(0);
  });
});
