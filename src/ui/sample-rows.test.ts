import { describe, expect, it } from 'vitest';
import { sampleBatches, summariseColumns } from '../analysis/sample-batches';
import { EpochOrders, KEPT_INDICES_BUDGET, UNREAD_INDICES_BUDGET } from '../state/epoch-orders';
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
    const madeAt: number[] = [];
    // The frame that makes the last row may be the one that finds nothing left (it returns false).
    for (let more = true; more;) {
      more = rows.update(orders, n, 500, clock);
      frames++;
      for (let e = 0; e < 3; e++) if (rows.row(e) && madeAt[e] === undefined) madeAt[e] = frames;
    }
    expect(frames).toBeGreaterThan(3);
    // The oldest epoch's row comes first (its order is the next to be let go), each in a later frame.
    expect(madeAt).toHaveLength(3);
    expect(madeAt[0]).toBeLessThan(madeAt[1]);
    expect(madeAt[1]).toBeLessThan(madeAt[2]);
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

  it('are never lost when training runs ahead with no frames: an order about to go unread is summarised first', () => {
    const n = 1_000_000;
    const orders = new EpochOrders();
    const rows = new SampleRows();
    orders.append({ order: shuffled(n, 0), batchSize: 65_536 });
    rows.update(orders, n, 400, slowClock()); // one frame: the chart knows its columns, then none
    const epochs = (2 * UNREAD_INDICES_BUDGET) / n;
    for (let e = 1; e < epochs; e++) orders.append({ order: shuffled(n, e), batchSize: 65_536 });
    expect(orders.hasIndices(0)).toBe(false); // the oldest orders did go
    for (let e = 0; e < epochs; e++) {
      if (orders.hasIndices(e)) continue;
      expect(rows.row(e), `epoch ${e}`).toEqual(summariseColumns(sampleBatches(shuffled(n, e), n, n, 65_536), 400, 16));
    }
    // The rest are made by the next frames, as usual.
    while (rows.update(orders, n, 400, () => 0));
    for (let e = 0; e < epochs; e++) expect(rows.row(e), `epoch ${e}`).toBeDefined();
  }, 60_000); // 16 epochs of 1,000,000 samples made and summarised: seconds on a busy machine
});
