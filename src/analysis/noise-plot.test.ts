import { describe, expect, it } from 'vitest';
import { covarianceEllipse, decades, plotBox } from './noise-plot';

describe('the gradient-noise figure geometry', () => {
  it('puts every vertex of the k·σ ellipse at Mahalanobis distance k', () => {
    const [a, c, d] = [4, 1.5, 2];
    const det = a * d - c * c;
    for (const [x, y] of covarianceEllipse([3, -1], [a, c, d], 2)) {
      const [dx, dy] = [x - 3, y + 1];
      // (dx, dy) Σ⁻¹ (dx, dy)ᵀ with Σ⁻¹ = [[d, −c], [−c, a]] / det
      expect((d * dx * dx - 2 * c * dx * dy + a * dy * dy) / det).toBeCloseTo(4, 10);
    }
  });

  it('boxes finite points only, and gives log ticks by decade', () => {
    const box = plotBox([
      [0, 0],
      [10, 5],
      [NaN, 100],
    ]);
    expect(box.x[0]).toBeLessThan(0);
    expect(box.x[1]).toBeGreaterThan(10);
    expect(box.y[1]).toBeLessThan(6);
    expect(decades(0.03, 250)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
  });
});
