import { describe, expect, it } from 'vitest';
import {
  BATCH_GAP,
  batchAt,
  batchLength,
  batchX,
  isShortLastBatch,
  makeBatchLayout,
  pixelScale,
  rowHeightFor,
  visibleRows,
} from './batch-layout';

describe('batch composition layout', () => {
  it('lays out the tutorial: 10 = 3 + 3 + 3 + 1, the last one short', () => {
    const layout = makeBatchLayout(500, 10, 3, false, 10);
    expect(layout.batchCount).toBe(4);
    expect(layout.dropped).toBe(0);
    expect([0, 1, 2, 3].map((k) => batchLength(layout, k))).toEqual([3, 3, 3, 1]);
    expect([0, 1, 2, 3].map((k) => isShortLastBatch(layout, k))).toEqual([false, false, false, true]);
    // Ten cells and three gaps fill the width after the labels.
    const right = batchX(layout, 3) + layout.cellWidth;
    expect(right).toBeCloseTo(500);
    expect(batchX(layout, 1) - batchX(layout, 0)).toBeCloseTo(3 * layout.cellWidth + BATCH_GAP);
  });

  it('keeps room for the samples drop_last leaves out', () => {
    const layout = makeBatchLayout(500, 10, 4, true, 10);
    expect(layout.batchCount).toBe(2);
    expect(layout.dropped).toBe(2);
    expect(isShortLastBatch(layout, 1)).toBe(false);
    expect(batchX(layout, 2) + 2 * layout.cellWidth).toBeCloseTo(500);
    expect(batchAt(layout, batchX(layout, 2) + 1)).toBeNull();
  });

  it('has no short batch when the batch size divides N, and one batch when it exceeds N', () => {
    expect(isShortLastBatch(makeBatchLayout(500, 10, 5, false, 1), 1)).toBe(false);
    const big = makeBatchLayout(500, 10, 2 ** 31 - 1, false, 1);
    expect(big.batchCount).toBe(1);
    expect(batchLength(big, 0)).toBe(10);
    expect(isShortLastBatch(big, 0)).toBe(true);
  });

  it('finds the batch under the pointer, and nothing over gaps and labels', () => {
    const layout = makeBatchLayout(500, 10, 3, false, 10);
    expect(batchAt(layout, 0)).toBeNull();
    expect(batchAt(layout, batchX(layout, 0) + 1)).toBe(0);
    expect(batchAt(layout, batchX(layout, 1) - 1)).toBeNull(); // in the gap
    expect(batchAt(layout, batchX(layout, 2) + 2.5 * layout.cellWidth)).toBe(2);
    expect(batchAt(layout, batchX(layout, 3) + 0.5 * layout.cellWidth)).toBe(3);
    expect(batchAt(layout, batchX(layout, 3) + 1.5 * layout.cellWidth)).toBeNull(); // past the short batch
  });

  it('fits 1,000,000 samples in a row: a pixel holds many samples, gaps shrink, then vanish', () => {
    const few = makeBatchLayout(800, 1_000_000, 65_536, false, 100);
    expect(few.batchCount).toBe(16);
    expect(few.gap).toBe(BATCH_GAP);
    expect(batchX(few, 15) + batchLength(few, 15) * few.cellWidth).toBeCloseTo(800);
    expect(pixelScale(few)!.samples).toBeGreaterThan(1000);
    expect(batchAt(few, batchX(few, 7) + 1)).toBe(7);

    const hundreds = makeBatchLayout(800, 1_000_000, 10_000, false, 100);
    expect(hundreds.gap).toBe(1);
    const many = makeBatchLayout(800, 1_000_000, 3, false, 100);
    expect(many.gap).toBe(0);
    expect(many.cellWidth * 1_000_000).toBeCloseTo(800 - many.labelWidth);
    expect(pixelScale(many)!.batches).toBeGreaterThan(300);
    expect(batchAt(many, 400)).toBe(Math.floor((400 - many.labelWidth) / many.cellWidth / 3));

    expect(pixelScale(makeBatchLayout(500, 10, 3, false, 10))).toBeNull();
  });

  it('thins rows for long runs, within bounds', () => {
    expect(rowHeightFor(10)).toBe(30);
    expect(rowHeightFor(36)).toBe(10);
    expect(rowHeightFor(100_000)).toBe(3);
  });

  it('lists only the rows in the window', () => {
    const layout = makeBatchLayout(500, 10, 3, false, 1000); // rows of 3 px
    expect(visibleRows(layout, 0, 360, 1000)).toEqual({ first: 0, end: 120 });
    expect(visibleRows(layout, 2950, 360, 1000)).toEqual({ first: 983, end: 1000 });
    expect(visibleRows(layout, 0, 360, 5)).toEqual({ first: 0, end: 5 });
  });
});

describe('epoch labels', () => {
  it('labels every row when rows are tall, else every 2, 5, 10, … rows', async () => {
    const { labelInterval } = await import('./batch-painter');
    expect(labelInterval(30)).toBe(1);
    expect(labelInterval(10)).toBe(2);
    expect(labelInterval(4)).toBe(5);
    expect(labelInterval(3)).toBe(10);
    expect(labelInterval(0.1)).toBe(200);
  });
});
