import { describe, expect, it } from 'vitest';
import { sampleBatches, summariseColumns } from '../analysis/sample-batches';
import { EpochOrders, KEPT_INDICES_BUDGET } from '../state/epoch-orders';
import { SampleRows } from './sample-rows';

/** A clock that moves 5 ms each time it is read: a frame's 8 ms budget lasts two slices. */
function slowClock() {
  let t = 0;
  return () => (t += 5);
}

const shuffled = (n: number, e: number) => Int32Array.from({ length: n }, (_, p) => (p * 7919 + e * 31) % n);

describe('the rows by sample', () => {
  it('are made oldest first, a few slices a frame, and end up as the whole summary', () => {
    const n = 200_000;
    const orders = new EpochOrders();
    for (let e = 0; e < 3; e++) orders.append({ order: shuffled(n, e), batchSize: 1000 });
    const rows = new SampleRows();
    const clock = slowClock();
    let frames = 0;
    while (rows.update(orders, n, 500, clock)) {
      frames++;
      // The oldest epoch's row comes first: its order is the next to be let go.
      if (rows.row(2)) expect(rows.row(0)).toBeDefined();
    }
    expect(frames).toBeGreaterThan(3);
    for (let e = 0; e < 3; e++) {
      const expected = summariseColumns(sampleBatches(shuffled(n, e), n, n, 1000), 500, 200);
      expect(rows.row(e)).toEqual(expected);
    }
    // Made once: nothing left to do.
    expect(rows.update(orders, n, 500, clock)).toBe(false);
  });

  it('keep the rows of epochs whose order was let go, resampled when the chart is resized', () => {
    const n = 1_000_000;
    const orders = new EpochOrders();
    const rows = new SampleRows();
    const frame = () => {
      while (rows.update(orders, n, 400, () => 0));
    };
    const epochs = KEPT_INDICES_BUDGET / n + 3;
    for (let e = 0; e < epochs; e++) {
      orders.append({ order: shuffled(n, e), batchSize: 65_536 });
      frame();
    }
    expect(orders.hasIndices(0)).toBe(false);
    const first = rows.row(0)!;
    expect(first).toEqual(summariseColumns(sampleBatches(shuffled(n, 0), n, n, 65_536), 400, 16));
    rows.update(orders, n, 200, () => 0);
    const resized = rows.row(0)!;
    expect(resized.columns).toBe(200);
    expect(resized.batch[10]).toBe(first.batch[21]);
  });
});
