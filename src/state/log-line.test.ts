import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../engine/format';
import { LOG_BATCH_LISTED, logLineText } from './log-line';

describe('logLineText', () => {
  it('is the PyTorch line for every batch up to the limit', () => {
    const batch = Array.from({ length: LOG_BATCH_LISTED }, (_, i) => 99 - i);
    expect(logLineText(2, 10, 3, 4, batch, 1.23456)).toBe(formatLogLine(2, 10, 3, 4, batch, 1.23456));
    expect(logLineText(1, 10, 1, 4, [3, 5, 0], 63.5872)).toBe('Epoch [1/10], Step [1/4], Batch [3, 5, 0], Loss: 63.5872');
  });

  it('lists a larger batch by its first four indices and its last, with the count', () => {
    const batch = Array.from({ length: 65_536 }, (_, i) => (i * 7) % 1_000_000);
    expect(logLineText(5, 5, 3, 16, batch, 1.0089)).toBe(
      'Epoch [5/5], Step [3/16], Batch [0, 7, 14, 21, …, 458745] (65,536 samples), Loss: 1.0089',
    );
  });
});
