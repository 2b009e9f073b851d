import { describe, expect, it } from 'vitest';
import { EpochOrders, KEPT_INDICES_BUDGET, UNREAD_INDICES_BUDGET } from './epoch-orders';

describe('EpochOrders', () => {
  it('reads nested batches back, the short last one included', () => {
    const orders = new EpochOrders();
    orders.append([[7, 2, 9], [1, 0, 3], [5, 4, 6], [8]]);
    expect(orders.epochCount).toBe(1);
    expect(orders.batchSize).toBe(3);
    expect(orders.batchCount(0)).toBe(4);
    expect(orders.batchesOf(0)).toEqual([[7, 2, 9], [1, 0, 3], [5, 4, 6], [8]]);
    expect(orders.batchLength(0, 3)).toBe(1);
    expect(Array.from(orders.batchIndices(0, 1)!)).toEqual([1, 0, 3]);
  });

  it('reads a flat order with its batch size the same way', () => {
    const orders = new EpochOrders();
    orders.append({ batches: [], order: Int32Array.from([3, 1, 0, 2]), batchSize: 3 });
    expect(orders.batchesOf(0)).toEqual([[3, 1, 0], [2]]);
  });

  it('stores an unshuffled epoch as "in order", with the same batches', () => {
    const orders = new EpochOrders();
    orders.append({ batches: [], order: Int32Array.from({ length: 10 }, (_, i) => i), batchSize: 4 });
    expect(orders.batchesOf(0)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(orders.hasIndices(0)).toBe(true);
    expect(orders.epochOrder(0)).toEqual({ order: null, length: 10 });
  });

  it('hands out the whole order of a shuffled epoch, and nothing once it is let go', () => {
    const orders = new EpochOrders();
    orders.append({ batches: [], order: Int32Array.from([3, 1, 0]), batchSize: 2 });
    expect(orders.epochOrder(0)).toEqual({ order: Int32Array.from([3, 1, 0]), length: 3 });
    expect(orders.epochOrder(1)).toBeNull();
  });

  it('keeps only the newest epochs of a large shuffled run, within the budget', () => {
    const n = 1_000_000;
    const orders = new EpochOrders();
    for (let e = 0; e < 8; e++) {
      const order = Int32Array.from({ length: n }, (_, i) => (i * 7 + e) % n);
      orders.append({ batches: [], order, batchSize: 65_536 });
    }
    expect(orders.epochCount).toBe(8);
    expect(orders.keptEpochs).toBe(KEPT_INDICES_BUDGET / n);
    expect(orders.hasIndices(0)).toBe(false);
    expect(orders.batchIndices(0, 0)).toBeNull();
    expect(orders.epochOrder(0)).toBeNull();
    expect(orders.batch(0, 0)).toEqual([]);
    expect(orders.hasIndices(7)).toBe(true);
    expect(orders.batchCount(0)).toBe(16); // positions are known for every epoch
    expect(orders.batchLength(0, 15)).toBe(n - 15 * 65_536);
    expect(orders.batchIndices(7, 0)![1]).toBe(14);
  });

  it('always keeps the two newest epochs, even over the budget', () => {
    const n = KEPT_INDICES_BUDGET;
    const orders = new EpochOrders();
    for (let e = 0; e < 3; e++)
      orders.append({ batches: [], order: Int32Array.from({ length: n }, (_, i) => n - 1 - i), batchSize: n });
    expect(orders.keptEpochs).toBe(2);
  });

  it('holds the epochs a view has not read yet, up to twice the budget', () => {
    const n = 1_000_000;
    const orders = new EpochOrders();
    orders.readBefore(0);
    const shuffled = (e: number) => Int32Array.from({ length: n }, (_, i) => (i * 7 + e) % n);
    for (let e = 0; e < 6; e++) orders.append({ order: shuffled(e), batchSize: 65_536 });
    // Over the budget of 4 epochs, none read: all 6 are still there.
    expect(orders.keptEpochs).toBe(6);
    orders.readBefore(3);
    expect(orders.keptEpochs).toBe(KEPT_INDICES_BUDGET / n);
    expect(orders.hasIndices(1)).toBe(false);
    // Unread past twice the budget: the oldest go all the same.
    for (let e = 6; e < 20; e++) orders.append({ order: shuffled(e), batchSize: 65_536 });
    expect(orders.keptEpochs).toBe(UNREAD_INDICES_BUDGET / n);
  });
});
