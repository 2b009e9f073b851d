// The gradient-noise figure's per-sample gradients and tr Σ against real PyTorch's autograd
// (scripts/pytorch_noise_reference.py, float64 after a float32 initialisation like the app's).
import { describe, expect, it } from 'vitest';
import raw from '../engine/__fixtures__/pytorch-noise.json';
import type { ActivationName } from '../engine/config';
import { gradientNoise } from './gradient-noise';
import { linearGradients, mlpGradients } from './per-sample-gradients';

interface NoiseCase {
  seed: number;
  model: 'linear' | 'mlp';
  hidden?: number;
  activation?: string;
  params: number[];
  perSampleGradients: number[][];
  fullGradient: number[];
  trace: number;
}

const cases = (raw as { cases: NoiseCase[] }).cases;
const x = Array.from({ length: 10 }, (_, i) => i + 1);
const y = x.map((xi) => 2 * xi);

const sourceFor = (c: NoiseCase) =>
  c.model === 'linear'
    ? linearGradients(x, y, c.params[0], c.params[1])
    : mlpGradients(x, y, c.params, c.hidden ?? 0, c.activation as ActivationName);

const close = (a: number, b: number, scale: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * scale);

describe('per-sample gradients against PyTorch 1.13 autograd (tutorial data)', () => {
  it.each(cases.map((c) => [`${c.model}${c.hidden ?? ''} ${c.activation ?? ''} seed ${c.seed}`, c] as const))(
    '%s',
    (_, c) => {
      const source = sourceFor(c);
      const g = new Float64Array(source.dim);
      const scale = Math.max(...c.perSampleGradients.flat().map(Math.abs));
      c.perSampleGradients.forEach((row, i) => {
        source.gradInto(i, g);
        row.forEach((value, k) => close(g[k], value, scale));
      });
      const noise = gradientNoise(source, { batchSize: 3, replacement: false, seed: 0, actualBatch: null });
      noise.gradient.forEach((value, k) => close(value, c.fullGradient[k], scale));
      close(noise.trace, c.trace, c.trace);
      // C(10, 3) = 120 subsets: their exact mean is the formula's tr Σ / 3 · 7/9.
      expect(noise.batchesDrawn).toBe(120);
      close(noise.varianceMeasured, (c.trace / 3) * (7 / 9), c.trace);
    },
  );
});
