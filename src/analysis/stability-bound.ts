// The linear model's full-batch stability bound, the heatmap's line. The MSE loss of y_hat = w·x + b
// over the N training samples, L = (1/N) Σ (w·x_i + b − y_i)², is a quadratic in (w, b) with the
// constant Hessian H = (2/N) [[Σx², Σx], [Σx, N]]. Full-batch gradient descent multiplies the error
// along H's eigenvector of eigenvalue λ by (1 − lr·λ) each step, so it converges exactly when
// |1 − lr·λmax| < 1: lr < 2/λmax. Mini-batches see a noisier, often sharper, curvature (a batch of
// the largest x alone), so the line is where full batches stop converging, not a promise for small B.
import type { RunConfig } from '../engine/config';
import type { Dataset } from '../engine/datasets';
import { createRunPlan } from '../engine/plan';

export interface StabilityBound {
  /** H = [[hww, hwb], [hwb, hbb]], over the training samples. */
  hessian: { ww: number; wb: number; bb: number };
  lambdaMax: number;
  lambdaMin: number;
  /** 2/λmax: full-batch GD converges for every lr below it and diverges above. Infinity when λmax is 0 (no sample). */
  maxLearningRate: number;
}

/** `trainIndices`: the samples SGD trains on (a validation split's held-out ones take no part); all of x when absent. */
export function stabilityBound(
  dataset: { x: ArrayLike<number> },
  trainIndices?: ArrayLike<number> | null,
): StabilityBound {
  const n = trainIndices ? trainIndices.length : dataset.x.length;
  let sx = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    const v = dataset.x[trainIndices ? trainIndices[k] : k];
    sx += v;
    sxx += v * v;
  }
  const ww = n > 0 ? (2 / n) * sxx : 0;
  const wb = n > 0 ? (2 / n) * sx : 0;
  const bb = n > 0 ? 2 : 0;
  // Eigenvalues of a symmetric 2×2: mean ± √(half-difference² + off-diagonal²), no cancellation in the larger.
  const mean = (ww + bb) / 2;
  const radius = Math.hypot((ww - bb) / 2, wb);
  const lambdaMax = mean + radius;
  // λmin = det / λmax keeps its digits where mean − radius would cancel.
  const lambdaMin = lambdaMax > 0 ? (ww * bb - wb * wb) / lambdaMax : 0;
  return { hessian: { ww, wb, bb }, lambdaMax, lambdaMin, maxLearningRate: lambdaMax > 0 ? 2 / lambdaMax : Infinity };
}

/**
 * The bound of a run's own training samples (its seed's data and validation split), null for a model
 * that is not linear. `dataset`: the run's, when the caller has it (planning makes it otherwise).
 */
export function stabilityBoundForRun(config: RunConfig, dataset?: Dataset): StabilityBound | null {
  if (config.model !== 'linear') return null;
  const plan = createRunPlan(config, dataset);
  if (plan.heldOut.length === 0) return stabilityBound(plan.dataset);
  const held = new Set(plan.heldOut);
  const train = Int32Array.from({ length: plan.dataset.x.length }, (_, i) => i).filter((i) => !held.has(i));
  return stabilityBound(plan.dataset, train);
}
