// Datasets are plain float32 columns: x is the input feature, y the label, both of length N.
//
// The generated sets (line, sine) come from the run's seed, and the exported PyTorch script makes
// the same bits (src/export/pytorch-script.ts writes the recipe below as Python):
//   data_generator = torch.Generator().manual_seed(seed + 1)
//   u = torch.rand(n, 1, generator=data_generator)       # n words: x
//   v = torch.rand(n, 4, generator=data_generator)       # 4n words, row by row: the noise
//   noise = (v[:, 0:1] + v[:, 1:2] + v[:, 2:3] + v[:, 3:4] - 2) * math.sqrt(3)
// then, per dataset, x and y from u and noise by float32 multiplies and adds (see LINE, SINE).
// - The data have their own generator, so drawing them leaves the global generator's draws — the
//   model's initial weights, each epoch's shuffling — exactly where the tutorial has them.
// - Its seed is seed + 1, not seed: with the same seed its words would be the global generator's,
//   and the first x would be tied to the first initial weight.
// - Only draws the engine reproduces bit for bit (float32 uniform on [0, 1), which is exact, no
//   FMA) and single IEEE float32 operations, each its own PyTorch kernel: no torch.sin or
//   torch.randn, whose last bits depend on the CPU's vector math library. The noise is the sum of
//   four uniforms, centred and scaled to variance 1: Irwin–Hall, close to a standard normal,
//   within ±2√3.
import { TorchGenerator } from './rng/torch-generator';

export interface Dataset {
  name: string;
  /** float32 values, exactly what a torch.float32 tensor would hold. */
  x: Float32Array;
  y: Float32Array;
}

/** The tutorial's data: x = 1..10, y = 2·x. */
export function tutorialDataset(): Dataset {
  const n = 10;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i + 1;
    y[i] = 2 * (i + 1);
  }
  return { name: 'tutorial', x, y };
}

/**
 * The noisy line: x uniform in [0, 10), y = 2x + 1 + noise with standard deviation 1. The same
 * scale as the tutorial's x = 1..10, so its learning rate 0.01 trains here too (0.05 diverges, as
 * it does on the tutorial's data).
 */
export const LINE = Object.freeze({ xScale: 10, slope: 2, intercept: 1, noise: 1 });

/** One period of a sine: x uniform in [−π, π), y = sin x + noise with standard deviation 0.1. */
export const SINE = Object.freeze({ noise: 0.1 });

/**
 * sin x by its Taylor series up to x¹⁵, as float32 multiplies and adds (Horner in x²): within 1e-6
 * of sin x on [−π, π], and the same bits in PyTorch and here. Highest power first.
 */
export const SINE_TAYLOR: readonly number[] = Array.from({ length: 8 }, (_, i) => {
  const k = 7 - i;
  let factorial = 1;
  for (let m = 2; m <= 2 * k + 1; m++) factorial *= m; // ≤ 15!, exact in a double
  return (k % 2 === 0 ? 1 : -1) / factorial;
});

const f = Math.fround;

/** float32 sine of a float32 x, in the exported script's order of operations. */
export function sineFloat32(x: number): number {
  const x2 = f(x * x);
  let p = f(SINE_TAYLOR[0]);
  for (let i = 1; i < SINE_TAYLOR.length; i++) p = f(f(p * x2) + f(SINE_TAYLOR[i]));
  return f(p * x);
}

/** The generated sets' draws: u (n values) then four noise uniforms per sample, as above. */
function drawUniforms(seed: number | bigint, n: number): { u: Float32Array; noise: Float32Array } {
  const g = new TorchGenerator(BigInt(seed) + 1n);
  const u = new Float32Array(n);
  for (let i = 0; i < n; i++) u[i] = g.uniformFloat32(0, 1);
  const noise = new Float32Array(n);
  const sqrt3 = f(Math.sqrt(3));
  for (let i = 0; i < n; i++) {
    const v0 = g.uniformFloat32(0, 1);
    const v1 = g.uniformFloat32(0, 1);
    const v2 = g.uniformFloat32(0, 1);
    const v3 = g.uniformFloat32(0, 1);
    noise[i] = f(f(f(f(f(v0 + v1) + v2) + v3) - 2) * sqrt3);
  }
  return { u, noise };
}

export function lineDataset(seed: number | bigint, n: number): Dataset {
  const { u, noise } = drawUniforms(seed, n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  // x = 10 * u;  y = 2 * x + 1 + noise  (noise's σ is 1: no factor)
  for (let i = 0; i < n; i++) {
    x[i] = f(LINE.xScale * u[i]);
    y[i] = f(f(f(LINE.slope * x[i]) + LINE.intercept) + noise[i]);
  }
  return { name: 'line', x, y };
}

export function sineDataset(seed: number | bigint, n: number): Dataset {
  const { u, noise } = drawUniforms(seed, n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  // x = 2 * math.pi * u - math.pi;  y = sine(x) + 0.1 * noise
  const twoPi = f(2 * Math.PI);
  const pi = f(Math.PI);
  const sigma = f(SINE.noise);
  for (let i = 0; i < n; i++) {
    x[i] = f(f(twoPi * u[i]) - pi);
    y[i] = f(sineFloat32(x[i]) + f(sigma * noise[i]));
  }
  return { name: 'sine', x, y };
}
