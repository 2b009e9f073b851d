import { describe, expect, it } from 'vitest';
import { datasetCases, pytorchModels } from './__fixtures__/pytorch-models';
import { lineDataset, sineDataset, sineFloat32, tutorialDataset } from './datasets';
import { createRunPlan, datasetFor, datasetSizeFor } from './plan';
import { DEFAULT_CONFIG } from './config';
import { TorchGenerator } from './rng/torch-generator';

async function sha256(values: Float32Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', values.slice().buffer); // little-endian here
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const generate = (name: 'line' | 'sine', seed: number, n: number) =>
  name === 'line' ? lineDataset(seed, n) : sineDataset(seed, n);

describe('generated datasets against PyTorch, bit for bit', () => {
  it.each(datasetCases)('$name, seed $seed, n $n', async ({ name, seed, n, x, y, xSha256, ySha256 }) => {
    const data = generate(name, seed, n);
    expect(data.x).toHaveLength(n);
    if (xSha256) {
      expect(Array.from(data.x.subarray(0, x.length))).toEqual(x);
      expect(Array.from(data.y.subarray(0, y.length))).toEqual(y);
      expect(await sha256(data.x)).toBe(xSha256);
      expect(await sha256(data.y)).toBe(ySha256);
    } else {
      expect(Array.from(data.x)).toEqual(x);
      expect(Array.from(data.y)).toEqual(y);
    }
  });

  it('covers both sets, small and 100,000 samples', () => {
    expect(datasetCases.filter((c) => c.xSha256).map((c) => c.name)).toEqual(['line', 'line', 'sine', 'sine']);
    expect(datasetCases.length).toBeGreaterThanOrEqual(30);
  });
});

describe('generated datasets', () => {
  it('the line: x in [0, 10), residuals y − (2x + 1) with mean ≈ 0 and σ ≈ 1, within ±2√3', () => {
    const { x, y } = lineDataset(0, 20_000);
    let sum = 0;
    let sumSq = 0;
    let largest = 0;
    for (let i = 0; i < x.length; i++) {
      const r = y[i] - (2 * x[i] + 1);
      largest = Math.max(largest, Math.abs(r));
      sum += r;
      sumSq += r * r;
    }
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThan(10);
    expect(largest).toBeLessThan(2 * Math.sqrt(3) + 1e-5);
    const mean = sum / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.sqrt(sumSq / x.length - mean * mean)).toBeCloseTo(1, 1);
  });

  it('the sine: x in [−π, π), y within 0.35 of sin x, the polynomial within 1.1e-6 of sin', () => {
    const { x, y } = sineDataset(3, 5000);
    expect(Math.max(...x.map(Math.abs))).toBeLessThanOrEqual(Math.fround(Math.PI));
    const noise = Array.from(x, (xi, i) => Math.abs(y[i] - Math.sin(xi)));
    expect(Math.max(...noise)).toBeLessThan(0.1 * 2 * Math.sqrt(3) + 2e-6);
    let polynomialError = 0;
    for (let t = -Math.PI; t <= Math.PI; t += 0.001) {
      const v = Math.fround(t);
      polynomialError = Math.max(polynomialError, Math.abs(sineFloat32(v) - Math.sin(v)));
    }
    expect(polynomialError).toBeLessThan(1.1e-6);
    const torchError = pytorchModels.datasets.find((c) => c.name === 'sine-error') as { maxAbsError: number };
    expect(torchError.maxAbsError).toBeLessThan(1.1e-6);
  });

  it('depends on the seed only through a generator of its own, seeded seed + 1', () => {
    expect(lineDataset(5, 50)).toEqual(lineDataset(5, 50));
    expect(lineDataset(5, 50).x).not.toEqual(lineDataset(6, 50).x);
    // A longer set starts with the shorter one's x (all x are drawn before the noise).
    expect(lineDataset(5, 80).x.subarray(0, 50)).toEqual(lineDataset(5, 50).x);
    const g = new TorchGenerator(6);
    expect(lineDataset(5, 1).x[0]).toBe(Math.fround(10 * g.uniformFloat32(0, 1)));
  });

  it('leaves the global generator alone: same initial weights and batches as the tutorial', () => {
    const tutorial = createRunPlan({ ...DEFAULT_CONFIG, batchSize: 3 });
    const line = createRunPlan({ ...DEFAULT_CONFIG, dataset: 'line', samples: 10 });
    expect(line.initialParams).toEqual(tutorial.initialParams);
    expect(line.nextEpochBatches()).toEqual(tutorial.nextEpochBatches());
  });

  it('datasetFor: the tutorial ignores samples; the generated sets have that many', () => {
    expect(datasetFor({ dataset: 'tutorial', samples: 500, seed: 1 })).toEqual(tutorialDataset());
    expect(datasetFor({ dataset: 'sine', samples: 500, seed: 1 }).y).toHaveLength(500);
    expect(datasetSizeFor({ dataset: 'tutorial', samples: 500 })).toBe(10);
    expect(datasetSizeFor({ dataset: 'line', samples: 500 })).toBe(500);
  });
});
