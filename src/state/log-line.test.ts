import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../engine/format';
import { isShortened, LOG_BATCH_LISTED, logLineText, stepLogLine } from './log-line';

describe('logLineText', () => {
  it('is the PyTorch line for every batch up to the limit', () => {
    const batch = Array.from({ length: LOG_BATCH_LISTED }, (_, i) => 99 - i);
    expect(logLineText(2, 10, 3, 4, batch, 1.23456)).toBe(formatLogLine(2, 10, 3, 4, batch, 1.23456));
    expect(logLineText(1, 10, 1, 4, [3, 5, 0], 63.5872)).toBe(
      'Epoch [1/10], Step [1/4], Batch [3, 5, 0], Loss: 63.5872',
    );
  });

  it('lists a larger batch by its first four indices and its last, with the count', () => {
    const batch = Array.from({ length: 65_536 }, (_, i) => (i * 7) % 1_000_000);
    expect(logLineText(5, 5, 3, 16, batch, 1.0089)).toBe(
      'Epoch [5/5], Step [3/16], Batch [0, 7, 14, 21, …, 458745] (65,536 samples), Loss: 1.0089',
    );
  });

  // Moved from the on-screen shortener (ui/log-text.ts), which the page no longer has: it shows this line.
  it('counts the short last batch by its own length', () => {
    const batch = Int32Array.from({ length: 16_960 }, (_, i) => i);
    expect(logLineText(1, 5, 16, 16, batch, 2)).toBe(
      'Epoch [1/5], Step [16/16], Batch [0, 1, 2, 3, …, 16959] (16,960 samples), Loss: 2.0000',
    );
  });

  it('lists 64 samples in full however long the line, and shortens 65', () => {
    const listed = Int32Array.from({ length: LOG_BATCH_LISTED }, (_, i) => 999_000 + i);
    const line = logLineText(1, 1, 1, 1, listed, 0.5);
    expect(line.length).toBeGreaterThan(240); // the old on-screen rule cut here by characters
    expect(line).toBe(formatLogLine(1, 1, 1, 1, Array.from(listed), 0.5));
    expect(isShortened(LOG_BATCH_LISTED)).toBe(false);
    expect(isShortened(LOG_BATCH_LISTED + 1)).toBe(true);
    const more = Int32Array.from({ length: LOG_BATCH_LISTED + 1 }, (_, i) => i);
    expect(logLineText(1, 1, 1, 1, more, 0.5)).toBe(
      'Epoch [1/1], Step [1/1], Batch [0, 1, 2, 3, …, 64] (65 samples), Loss: 0.5000',
    );
  });

  it('a step line made from a view reads as the text of the batch it had then, after its order is reused', () => {
    const order = Int32Array.from([7, 2, 9, 4, 0]);
    const small = stepLogLine(5, 2, 10, 3, 4, order.subarray(0, 3), 1.23456);
    const long = Int32Array.from({ length: LOG_BATCH_LISTED + 1 }, (_, i) => 100 + i);
    const big = stepLogLine(6, 2, 10, 4, 4, long, 0.03125);
    order.fill(-1); // the epoch's order let go and its memory reused before the lines are read
    long.fill(-1);
    expect(small).toEqual({ step: 5, text: logLineText(2, 10, 3, 4, [7, 2, 9], 1.23456) });
    expect(small.text).toBe('Epoch [2/10], Step [3/4], Batch [7, 2, 9], Loss: 1.2346');
    expect(big).toEqual({
      step: 6,
      shortened: true,
      text: 'Epoch [2/10], Step [4/4], Batch [100, 101, 102, 103, …, 164] (65 samples), Loss: 0.0312',
    });
  });
});
