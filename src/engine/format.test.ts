import { describe, expect, it } from 'vitest';
import { jsonFloat, pytorchVectors } from './__fixtures__/pytorch-vectors';
import { formatBatch, formatFixed, formatLogLine } from './format';

describe("formatFixed: Python's f'{x:.4f}'", () => {
  it('rounds an exact tie half to even, unlike toFixed', () => {
    expect((0.03125).toFixed(4)).toBe('0.0313'); // why formatFixed exists
    expect(formatFixed(0.03125, 4)).toBe('0.0312');
    expect(formatFixed(0.09375, 4)).toBe('0.0938');
    expect(formatFixed(-1.96875, 4)).toBe('-1.9688');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
  });

  it('rounds the binary value, not its shortest decimal: 41.20925 is just below the tie', () => {
    expect(formatFixed(41.20925, 4)).toBe('41.2092');
  });

  it('writes nan, inf and -inf as Python does', () => {
    expect(formatFixed(NaN, 4)).toBe('nan');
    expect(formatFixed(Infinity, 4)).toBe('inf');
    expect(formatFixed(-Infinity, 4)).toBe('-inf');
  });

  it.each(pytorchVectors.format4)('%s → %s, as Python printed it', (value, expected) => {
    expect(formatFixed(jsonFloat(value), 4)).toBe(expected);
  });
});

describe('training log line', () => {
  it("extends the tutorial's line with the step and the batch's sample indices", () => {
    expect(formatLogLine(1, 10, 1, 4, [7, 2, 9], 41.20934)).toBe(
      'Epoch [1/10], Step [1/4], Batch [7, 2, 9], Loss: 41.2093',
    );
    expect(formatBatch([8])).toBe('[8]');
    expect(formatBatch([])).toBe('[]');
  });
});
