import { describe, expect, it } from 'vitest';
import { gradientNoise } from './gradient-noise';
import { linearNoiseAt, linearNoiseMoments } from './linear-noise';
import { linearGradients } from './per-sample-gradients';

describe("the linear model's gradient noise from moments", () => {
  it.each([
    [0.3, -0.7, 3, false],
    [2, 1, 5, true],
    [-1.5, 40, 1, false],
  ] as const)(
    'equals the per-sample computation at w = %d, b = %d (B = %i, replacement %s)',
    (w, b, batch, replacement) => {
      // Far from the origin on purpose: uncentred moments would lose digits here.
      const x = Array.from({ length: 300 }, (_, i) => 1000 + Math.sin(i * 1.7) * 4);
      const y = x.map((xi, i) => 2 * xi - 1999 + Math.cos(i));
      const fromMoments = linearNoiseAt(linearNoiseMoments(x, y), w, b, batch, replacement);
      const direct = gradientNoise(linearGradients(x, y, w, b), {
        batchSize: batch,
        replacement,
        seed: 0,
        actualBatch: null,
      });
      const relative = (a: number, e: number) => Math.abs(a - e) / Math.abs(e);
      expect(relative(fromMoments.trace, direct.trace)).toBeLessThan(1e-9);
      expect(relative(fromMoments.gradNormSq, direct.gradNormSq)).toBeLessThan(1e-9);
      expect(relative(fromMoments.variance, direct.varianceFormula)).toBeLessThan(1e-9);
      expect(relative(fromMoments.noiseScale, direct.noiseScale)).toBeLessThan(1e-9);
    },
  );
});
