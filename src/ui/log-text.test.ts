import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../engine/format';
import { shownLogLine } from './log-text';

const sizes = { batchSize: 65_536, datasetSize: 1_000_000 };

describe('shownLogLine', () => {
  it('leaves ordinary lines exactly as printed', () => {
    const line = formatLogLine(1, 10, 1, 4, [3, 5, 0], 63.5872);
    expect(shownLogLine(line, { batchSize: 3, datasetSize: 10 })).toBe(line);
  });

  it('shortens a batch of 65,536 indices to its first four and its last, with the count', () => {
    const batch = Array.from({ length: 65_536 }, (_, i) => (i * 7) % 1_000_000);
    const shown = shownLogLine(formatLogLine(5, 5, 3, 16, batch, 1.0089), sizes);
    expect(shown).toBe('Epoch [5/5], Step [3/16], Batch [0, 7, 14, 21, …, 458745] (65,536 samples), Loss: 1.0089');
  });

  it('counts the short last batch from the sizes', () => {
    const batch = Array.from({ length: 16_960 }, (_, i) => i);
    const shown = shownLogLine(formatLogLine(1, 5, 16, 16, batch, 2), sizes);
    expect(shown).toBe('Epoch [1/5], Step [16/16], Batch [0, 1, 2, 3, …, 16959] (16,960 samples), Loss: 2.0000');
  });
});
