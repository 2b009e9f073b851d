import { describe, expect, it } from 'vitest';
import { CHUNK_BUDGET_MS, ChunkPolicy, MAX_EPOCHS_AHEAD, MAX_STEPS_PER_CHUNK } from './chunk-policy';

describe('ChunkPolicy', () => {
  it('starts at one step and doubles while chunks stay under the budget, up to the cap', () => {
    const policy = new ChunkPolicy();
    const sizes = [policy.size];
    for (let i = 0; i < 12; i++) {
      policy.chunkTook(CHUNK_BUDGET_MS - 1);
      sizes.push(policy.size);
    }
    expect(sizes).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1024, 1024]);
    expect(MAX_STEPS_PER_CHUNK).toBe(1024);
  });

  it('halves after a chunk that took the budget or more, never below one step', () => {
    const policy = new ChunkPolicy();
    for (let i = 0; i < 4; i++) policy.chunkTook(0); // 16
    policy.chunkTook(CHUNK_BUDGET_MS);
    expect(policy.size).toBe(8);
    policy.chunkTook(1000);
    policy.chunkTook(1000);
    policy.chunkTook(1000);
    policy.chunkTook(1000);
    expect(policy.size).toBe(1);
    policy.chunkTook(5);
    expect(policy.size).toBe(2);
  });

  it('can be limited (what is left of a time budget), to one step at least', () => {
    const policy = new ChunkPolicy();
    for (let i = 0; i < 6; i++) policy.chunkTook(0); // 64
    policy.limitTo(10);
    expect(policy.size).toBe(10);
    policy.limitTo(0);
    expect(policy.size).toBe(1);
    policy.limitTo(50);
    expect(policy.size).toBe(1);
  });

  it('draws ahead the epochs a chunk covers, at most four and at most the epochs left', () => {
    const drawn: number[] = [];
    const plan = { stepsPerEpoch: 4, prefetchEpochs: (epochs: number) => drawn.push(epochs) };
    const policy = new ChunkPolicy();
    policy.prefetch(plan); // 1 step: 1 epoch
    for (let i = 0; i < 3; i++) policy.chunkTook(0); // 8 steps: 2 epochs
    policy.prefetch(plan);
    for (let i = 0; i < 5; i++) policy.chunkTook(0); // 256 steps: 64 epochs, capped
    policy.prefetch(plan);
    policy.prefetch(plan, 3);
    policy.prefetch(plan, 0); // the run's last epoch is drawn: nothing to prefetch
    expect(drawn).toEqual([1, 2, MAX_EPOCHS_AHEAD, 3]);
  });
});
