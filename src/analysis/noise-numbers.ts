// The gradient-noise figure's four numbers without its picture: tr Σ, |G|², the formula's
// E|g_B − G|² for the run's B, and B_simple, from the per-sample gradients in one pass (deviations
// from a running mean, as gradientNoise sums deviations from G: no cancellation of E|g|² against |G|²).
// What the run CSV writes for each of the MLP's steps (the linear model's come from data moments).
import { batchCovarianceFactor, noiseScale } from './gradient-noise';
import type { LinearNoise } from './linear-noise';
import type { GradientSource } from './per-sample-gradients';

/** tr Σ, |G|², E|g_B − G|² and B_simple: the run CSV's noise columns. */
export type NoiseNumbers = LinearNoise;

export function noiseNumbers(source: GradientSource, batchSize: number, replacement: boolean): NoiseNumbers {
  const { n, dim } = source;
  const g = new Float64Array(dim);
  // One pass, Welford's update per coordinate: the running mean and the sum of squared deviations
  // from it, as stable as two passes (G, then |g_i − G|²) at half the per-sample gradients.
  const gradient = new Float64Array(dim);
  const squares = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    source.gradInto(i, g);
    const weight = 1 / (i + 1);
    for (let k = 0; k < dim; k++) {
      const delta = g[k] - gradient[k];
      gradient[k] += delta * weight;
      squares[k] += delta * (g[k] - gradient[k]);
    }
  }
  let trace = 0;
  let gradNormSq = 0;
  for (let k = 0; k < dim; k++) {
    trace += squares[k];
    gradNormSq += gradient[k] * gradient[k];
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
