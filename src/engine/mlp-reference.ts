// One SGD step of nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1)) + MSELoss(mean), on the flat
// parameter vector of models.ts: [W1 (h), b1 (h), W2 (h), b2]. float64 computes in doubles;
// float32 rounds after every operation in the order PyTorch 1.13's CPU kernels and the reference
// BLAS use (see docs/fidelity.md): bit-exact on every ReLU and sigmoid fixture run (sigmoid's exp
// is SLEEF's expf, reproduced here). tanh is SLEEF's tanhf, for which a correctly rounded tanh
// stands in: the same bits for most inputs, a last-bit difference now and then (~4e-7 relative).
import type { ActivationName } from './config';
import type { Dataset } from './datasets';
import { cascadeSum32, columnSums32, fma32 } from './float32';

export interface MlpStepResult {
  /** The batch loss, before the update. */
  loss: number;
  /** The parameters after the update, flat. */
  parameters: Float64Array;
}

const f = Math.fround;

const activations64: Record<ActivationName, (z: number) => number> = {
  relu: (z) => (z > 0 ? z : 0),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
};

/** d act / dz, written in terms of the activation's output a, as PyTorch's backward kernels are. */
const derivatives64: Record<ActivationName, (a: number) => number> = {
  relu: (a) => (a > 0 ? 1 : 0),
  tanh: (a) => 1 - a * a,
  sigmoid: (a) => a * (1 - a),
};

/** One SGD step on `batch` from the flat parameters `p`; the batch loss and the parameters after. */
export type MlpStep = (
  dataset: Dataset,
  batch: ArrayLike<number>,
  p: ArrayLike<number>,
  hidden: number,
  activation: ActivationName,
  learningRate: number,
) => MlpStepResult;

export const mlpStepFloat64: MlpStep = (dataset, batch, p, hidden, activation, learningRate) => {
  const h = hidden;
  const act = activations64[activation];
  const derivative = derivatives64[activation];
  const n = batch.length;
  const grad = new Float64Array(3 * h + 1);
  const a = new Float64Array(h);
  let lossSum = 0;
  for (let k = 0; k < n; k++) {
    const i = batch[k];
    const x = dataset.x[i];
    let out = p[3 * h];
    for (let j = 0; j < h; j++) {
      a[j] = act(x * p[j] + p[h + j]);
      out += a[j] * p[2 * h + j];
    }
    const diff = out - dataset.y[i];
    lossSum += diff * diff;
    const g = (2 / n) * diff;
    grad[3 * h] += g;
    for (let j = 0; j < h; j++) {
      grad[2 * h + j] += g * a[j];
      const gz = g * p[2 * h + j] * derivative(a[j]);
      grad[j] += gz * x;
      grad[h + j] += gz;
    }
  }
  const parameters = Float64Array.from(p, (v, k) => v - learningRate * grad[k]);
  return { loss: lossSum / n, parameters };
};

// log2(e), 1.4426950408889634074…: the double nearest it, then rounded to float32.
const R_LN2F = f(1.4426950408889634);
const L2UF = f(0.693145751953125);
const L2LF = f(1.428606765330187045e-6);
const EXPF_POLY = [
  0.000198527617612853646278381, 0.00139304355252534151077271, 0.00833336077630519866943359,
  0.0416664853692054748535156, 0.166666671633720397949219, 0.5,
].map(f);

/** Round half to even, as _mm256_cvtps_epi32 does. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** SLEEF's expf (xexpf, 1.0 ulp), as Sleef_expf8_u10 runs it on AVX2: multiply-adds fused. */
export function sleefExpf(d: number): number {
  const q = rint(f(d * R_LN2F));
  let s = fma32(q, -L2UF, d);
  s = fma32(q, -L2LF, s);
  let u = EXPF_POLY[0];
  for (let i = 1; i < EXPF_POLY.length; i++) u = fma32(u, s, EXPF_POLY[i]);
  u = f(1 + fma32(f(s * s), u, s));
  const half = q >> 1; // vldexp2: two steps, so that 2^q need not be a float
  u = f(f(u * 2 ** half) * 2 ** (q - half));
  if (d < -104) return 0;
  if (d > 100) return Infinity;
  return Number.isNaN(d) ? NaN : u;
}

const activations32: Record<ActivationName, (z: number, vectorized: boolean) => number> = {
  relu: (z) => (z > 0 ? z : z <= 0 ? 0 : z), // NaN stays NaN, as in torch.relu
  tanh: (z) => f(Math.tanh(z)),
  // 1 / (1 + exp(−z)), each operation in float32; exp from SLEEF in whole vectors, libm's otherwise
  sigmoid: (z, vectorized) => f(1 / f(1 + (vectorized ? sleefExpf(-z) : f(Math.exp(-z))))),
};

/** grad_input from grad_output g and the activation's output a, as PyTorch's backward kernels. */
const backward32: Record<ActivationName, (g: number, a: number) => number> = {
  relu: (g, a) => (a <= 0 ? 0 : g), // threshold_backward(grad, result, 0)
  tanh: (g, a) => f(g * fma32(-a, a, 1)), // tanh_backward: g * (1 - a * a)
  sigmoid: (g, a) => f(f(g * f(1 - a)) * a), // sigmoid_backward: g * (1 - a) * a
};

/**
 * The step in float32, as PyTorch computes it on the CPU:
 * - layer 1, addmm(b1, x, W1ᵀ) with one input: z = (x·w) + b;
 * - layer 2, addmm(b2, a, W2ᵀ): the reference BLAS's dot product a·w2 left to right, then + b2;
 * - mse_loss and its backward as for nn.Linear (reference.ts);
 * - weight gradients (gemm): sums over the batch, left to right; bias gradients: PyTorch's sum
 *   kernel (cascadeSum32 for b2, columnSums32 for b1);
 * - SGD: p + (−lr)·∂p as one fused multiply-add.
 */
/**
 * The forward pass in float32 (the step's, and the validation loss's under torch.no_grad()): each
 * sample's hidden activations and its residual ŷ − y.
 */
export function mlpForwardFloat32(
  dataset: Dataset,
  batch: ArrayLike<number>,
  p: ArrayLike<number>,
  h: number,
  activation: ActivationName,
): { a: Float64Array[]; diffs: number[] } {
  const n = batch.length;
  const act = activations32[activation];
  // PyTorch's elementwise kernels run whole pairs of 8-float vectors, then the rest one by one.
  const vectorizedEnd = Math.floor((n * h) / 16) * 16;
  const a = Array.from(batch, (i, k) => {
    const row = new Float64Array(h);
    for (let j = 0; j < h; j++) row[j] = act(f(f(dataset.x[i] * p[j]) + p[h + j]), k * h + j < vectorizedEnd);
    return row;
  });
  const diffs = Array.from(batch, (i, k) => {
    let dot = 0;
    for (let j = 0; j < h; j++) dot = f(dot + f(a[k][j] * p[2 * h + j]));
    return f(f(dot + p[3 * h]) - dataset.y[i]);
  });
  return { a, diffs };
}

/** mse_loss(mean) of float32 residuals: the cascade sum of their squares, over n. */
export function mseFloat32(diffs: ArrayLike<number>): number {
  const squares = new Float64Array(diffs.length);
  for (let k = 0; k < diffs.length; k++) squares[k] = f(diffs[k] * diffs[k]);
  return f(cascadeSum32(squares) / diffs.length);
}

export const mlpStepFloat32: MlpStep = (dataset, batch, p, hidden, activation, learningRate) => {
  const h = hidden;
  const n = batch.length;
  const { a, diffs } = mlpForwardFloat32(dataset, batch, p, h, activation);
  const loss = mseFloat32(diffs);

  const scale = f(2 / n);
  const g = diffs.map((d) => f(scale * d));
  const grad = new Float64Array(3 * h + 1);
  const gz = a.map((row, k) => row.map((aj, j) => backward32[activation](f(g[k] * p[2 * h + j]), aj)));
  for (let j = 0; j < h; j++) {
    let w2 = 0;
    let w1 = 0;
    for (let k = 0; k < n; k++) {
      w2 = f(w2 + f(g[k] * a[k][j]));
      w1 = f(w1 + f(gz[k][j] * dataset.x[batch[k]]));
    }
    grad[2 * h + j] = w2;
    grad[j] = w1;
  }
  grad.set(
    columnSums32((k, j) => gz[k][j], n, h),
    h,
  );
  grad[3 * h] = cascadeSum32(g);

  const minusLr = -f(learningRate);
  const parameters = Float64Array.from(p, (v, k) => fma32(minusLr, grad[k], v));
  return { loss, parameters };
};
