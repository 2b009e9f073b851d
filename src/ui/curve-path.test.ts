import { describe, expect, it } from 'vitest';
import { curvePath } from './curve-path';

describe('curvePath', () => {
  const x = (v: number) => 10 + 2 * v;
  // A log scale: what it cannot place comes back undefined or not finite.
  const y = (v: number) => (v > 0 ? 100 - 10 * Math.log10(v) : undefined);

  it('moves to the first point and draws a line to each next one, on the scales', () => {
    expect(
      curvePath(
        [
          { x: 0, loss: 1 },
          { x: 1, loss: 10 },
          { x: 2, loss: 100 },
        ],
        x,
        y,
      ),
    ).toBe('M10,100L12,90L14,80');
  });

  it('breaks the line at a point the scale cannot place, and starts again after it', () => {
    const points = [
      { x: 0, loss: 1 },
      { x: 1, loss: 0 },
      { x: 2, loss: 10 },
      { x: 3, loss: Number.POSITIVE_INFINITY },
      { x: 4, loss: 100 },
    ];
    expect(curvePath(points, x, y)).toBe('M10,100M14,90M18,80');
    expect(curvePath([], x, y)).toBe('');
  });
});
