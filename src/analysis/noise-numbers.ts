// The gradient-noise figure's four numbers without its picture: tr Σ, |G|², the formula's
// E|g_B − G|² for the run's B, and B_simple, from the per-sample gradients in two passes (G, then
// the deviations from it, as gradientNoise sums them: no cancellation of E|g|² against |G|²).
// What the run CSV writes for each of the MLP's steps (the linear model's come from data moments).
import { batchCovarianceFactor, noiseScale } from './gradient-noise';
import type { LinearNoise } from './linear-noise';
import type { GradientSource } from './per-sample-gradients';

/** tr Σ, |G|², E|g_B − G|² and B_simple: the run CSV's noise columns. */
export type NoiseNumbers = LinearNoise;

export function noiseNumbers(source: GradientSource, batchSize: number, replacement: boolean): NoiseNumbers {
  const { n, dim } = source;
  const g = new Float64Array(dim);
  const gradient = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    source.gradInto(i, g);
    for (let k = 0; k < dim; k++) gradient[k] += g[k];
  }
  let gradNormSq = 0;
  for (let k = 0; k < dim; k++) {
    gradient[k] /= n;
    gradNormSq += gradient[k] * gradient[k];
  }
  let trace = 0;
  for (let i = 0; i < n; i++) {
    source.gradInto(i, g);
    for (let k = 0; k < dim; k++) trace += (g[k] - gradient[k]) ** 2;
  }
  trace /= n;
  const b = Math.max(1, Math.min(batchSize, n));
  return {
    trace,
    gradNormSq,
    variance: batchCovarianceFactor(n, b, replacement) * trace,
    noiseScale: noiseScale(trace, gradNormSq),
  };
}
