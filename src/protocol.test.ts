import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './engine/config';
import { createRunPlan } from './engine/plan';
import { epochMessage, transferablesOf, type FromWorker } from './protocol';

describe('epoch orders are transferred', () => {
  it('an epoch message owns a fresh buffer: transferring it leaves the plan’s batches intact', () => {
    const plan = createRunPlan({ ...DEFAULT_CONFIG, dataset: 'line', samples: 1000, batchSize: 64 });
    const batches = plan.nextEpochBatches(); // views of one Int32Array the trainer goes on reading
    const before = batches.map((b) => Array.from(b));
    const message = epochMessage(1, 1, batches, 64);
    if (message.type !== 'epoch' || !message.order) throw new Error('not an epoch order');
    const transfer = transferablesOf(message);
    expect(transfer).toEqual([message.order.buffer]);
    expect(transfer[0]).not.toBe(batches[0].buffer);
    expect(message.order.byteOffset).toBe(0);
    expect(message.order.byteLength).toBe(transfer[0].byteLength); // the buffer holds the order and nothing else

    const received = structuredClone(message, { transfer });
    expect(message.order.length).toBe(0); // moved, not copied
    expect(batches.map((b) => Array.from(b))).toEqual(before);
    if (received.type !== 'epoch' || !received.order) throw new Error('not an epoch order');
    expect(Array.from(received.order)).toEqual(before.flat());
  });

  it('other messages transfer nothing', () => {
    const state: FromWorker = { type: 'state', runId: 1, state: 'running', tensorCount: 0 };
    expect(transferablesOf(state)).toEqual([]);
  });
});
