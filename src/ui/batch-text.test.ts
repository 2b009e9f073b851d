import { describe, expect, it } from 'vitest';
import { EpochOrders } from '../state/epoch-orders';
import { i18nFor } from '../i18n/translate';
import { batchDescription, sampleDescription, shortList } from './batch-text';

describe('batch descriptions', () => {
  it('lists short batches whole and cuts long ones', () => {
    expect(shortList([7, 2, 9])).toBe('[7, 2, 9]');
    const long = Int32Array.from({ length: 65_536 }, (_, i) => i * 2);
    expect(shortList(long)).toBe('[0, 2, 4, 6, 8, …, 131070] (65,536 samples)');
  });

  it('names the epoch and batch 1-based, and positions when the indices are gone', () => {
    const orders = new EpochOrders();
    orders.append([[7, 2, 9], [1, 0, 3], [5, 4, 6], [8]]);
    expect(batchDescription(orders, 0, 3)).toBe('Epoch 1, batch 4: [8]');
    const big = new EpochOrders();
    const n = 2_000_000;
    for (let e = 0; e < 3; e++)
      big.append({ batches: [], order: Int32Array.from({ length: n }, (_, i) => n - 1 - i), batchSize: 500_000 });
    expect(batchDescription(big, 0, 1)).toBe(
      "Epoch 1, batch 2: positions 500,000–999,999 of the epoch's order (sample indices are kept for the newest 2 epochs only)",
    );
  });
});

describe('sample descriptions (by sample)', () => {
  const at = { sample: 4, epoch: 1, replacement: false, keptEpochs: 2 };
  it('names the batch, 1-based, or why no batch holds the sample', () => {
    expect(sampleDescription([2], at)).toBe('Sample 4, epoch 2: batch 3');
    expect(sampleDescription([], at)).toBe('Sample 4, epoch 2: left out by Drop last');
    expect(sampleDescription([], { ...at, replacement: true })).toBe('Sample 4, epoch 2: not drawn');
    // A validation split's held-out sample is in no batch of any epoch, whatever the sampler.
    expect(sampleDescription([], { ...at, replacement: true, heldOut: true })).toBe(
      'Sample 4, epoch 2: held out for validation, never drawn',
    );
    expect(sampleDescription([0, 2, 2], { ...at, replacement: true })).toBe(
      'Sample 4, epoch 2: drawn 3 times, batches 1, 3, 3',
    );
    expect(sampleDescription(null, at)).toBe('Sample 4, epoch 2: sample indices are kept for the newest 2 epochs only');
  });

  it('says it in Chinese on the Chinese page', () => {
    expect(sampleDescription([0, 2], { ...at, replacement: true }, i18nFor('zh-CN'))).toBe(
      '样本 4，第 2 轮：被抽到 2 次，在第 1、3 批',
    );
  });
});
