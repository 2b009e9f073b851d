// The MLP's gradient-noise numbers in float64, written out here by loops (not the app's analysis):
// per-sample gradients of (f(x_i) − y_i)², tr Σ, |G|², the formula's E|g_B − G|² and B_simple.
import type { ActivationName } from '../src/engine/config';

type Vec = number[];

const act: Record<ActivationName, (z: number) => number> = {
  relu: (z) => (z > 0 ? z : 0),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
};
const slope: Record<ActivationName, (z: number) => number> = {
  relu: (z) => (z > 0 ? 1 : 0),
  tanh: (z) => 1 - Math.tanh(z) ** 2,
  sigmoid: (z) => act.sigmoid(z) * (1 - act.sigmoid(z)),
};

export function mlpRows(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  h: number,
  a: ActivationName,
) {
  return Array.from({ length: x.length }, (_, i): Vec => {
    const z = Array.from({ length: h }, (_, j) => p[j] * x[i] + p[h + j]);
    const out = z.reduce((s, zj, j) => s + p[2 * h + j] * act[a](zj), p[3 * h]);
    const twoR = 2 * (out - y[i]);
    const dz = z.map((zj, j) => twoR * p[2 * h + j] * slope[a](zj));
    return [...dz.map((d) => d * x[i]), ...dz, ...z.map((zj) => twoR * act[a](zj)), twoR];
  });
}

/** tr Σ, |G|², E|g_B − G|² without replacement, B_simple. */
export function noiseNumbers(rows: Vec[], batchSize: number) {
  const n = rows.length;
  const g = rows[0].map((_, k) => rows.reduce((s, r) => s + r[k], 0) / n);
  const trace = rows.reduce((s, r) => s + r.reduce((q, rk, k) => q + (rk - g[k]) ** 2, 0), 0) / n;
  const gradNormSq = g.reduce((s, gk) => s + gk * gk, 0);
  const b = Math.min(batchSize, n);
  return { trace, gradNormSq, variance: ((trace / b) * (n - b)) / (n - 1), scale: trace / gradNormSq };
}
