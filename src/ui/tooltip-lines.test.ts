import { describe, expect, it } from 'vitest';
import { monospaceWidth, wrapLine } from './tooltip-lines';

describe('tooltip lines', () => {
  const perChar = (text: string) => text.length;

  it('keeps a line that fits whole', () => {
    expect(wrapLine('Epoch 1 of 10, batch 1 of 4', 40, perChar)).toEqual(['Epoch 1 of 10, batch 1 of 4']);
  });

  it('breaks after spaces, each piece fitting, every character kept', () => {
    const line = 'Epoch 1 of 10, batch 1 of 4';
    const pieces = wrapLine(line, 14, perChar);
    expect(pieces).toEqual(['Epoch 1 of 10, ', 'batch 1 of 4']);
    expect(pieces.join('')).toBe(line);
    for (const piece of pieces) expect(piece.trimEnd().length).toBeLessThanOrEqual(14);
  });

  it('breaks Chinese after a full-width comma', () => {
    const line = '第 1 轮（共 10 轮），第 1 批（共 4 批）';
    const pieces = wrapLine(line, 12 * 14, monospaceWidth);
    expect(pieces.join('')).toBe(line);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(monospaceWidth(piece.trimEnd())).toBeLessThanOrEqual(12 * 14);
  });

  it('lets a piece that cannot be broken overflow rather than lose it', () => {
    expect(wrapLine('Batch [123456789, 2]', 6, perChar)).toEqual(['Batch ', '[123456789, ', '2]']);
  });

  it('measures CJK characters as a full em and the rest as 0.6 em', () => {
    expect(monospaceWidth('ab')).toBeCloseTo(17.2, 9);
    expect(monospaceWidth('第')).toBe(14);
  });
});
