// What the divergence warning says, and which learning rate it offers. For the linear model the
// limit is known exactly from the data: gradient descent on a quadratic is stable only for
// lr < 2/λmax, λmax the largest eigenvalue of the loss's Hessian 2·[[E[x²], E[x]], [E[x], 1]].
import type { Divergence } from '../state/divergence';
import { largestStableLearningRate, lossHessian, niceNumber, suggestedLearningRate, type DataMoments } from './analysis/linear-loss';
import { count, fourDecimals } from './numbers';

export interface DivergenceAdvice {
  /** What happened, in one sentence. */
  what: string;
  /** Why, in words a student can follow. */
  why: string;
  /** The learning rate the one-click fix sets (always below the current one). */
  suggestion: number;
}

/** Losses from 0.0001 to 1e38: four decimals while they read well, else scientific. */
export function lossText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '−Infinity';
  return Math.abs(x) >= 1e6 ? x.toExponential(2) : fourDecimals(x);
}

const significant = (x: number) => String(Number(x.toPrecision(3)));

export function divergenceAdvice(d: Divergence, learningRate: number, linearMoments: DataMoments | null): DivergenceAdvice {
  const what =
    d.reason === 'non-finite'
      ? `At step ${count(d.step + 1)} the loss became ${lossText(d.loss)}${Number.isNaN(d.loss) ? '' : ', more than float32 can hold'}.`
      : `The loss kept growing for ${count(d.growthSteps)} steps, from about ${lossText(d.startLoss)} to ${lossText(d.loss)} (step ${count(d.step + 1)}).`;
  // Whatever else is known, offer something clearly smaller than what diverged.
  const smaller = niceNumber(learningRate / 10, learningRate / 3);
  if (!linearMoments) {
    return {
      what,
      why:
        `The learning rate (${learningRate}) is too large for this model and data: each step overshoots ` +
        'the minimum it is heading for and lands where the loss is higher, so the steps grow instead of shrinking.',
      suggestion: smaller,
    };
  }
  const stable = largestStableLearningRate(linearMoments);
  const lambda = lossHessian(linearMoments).values[0];
  const suggested = suggestedLearningRate(linearMoments);
  const tooLarge = learningRate >= stable;
  const why = tooLarge
    ? `The learning rate (${learningRate}) is too large for this data's scale: each step overshoots the ` +
      'minimum and lands farther away on the other side, so every step makes the loss bigger. For this data ' +
      `gradient descent is stable only below lr ≈ ${significant(stable)} (= 2 / λmax, where λmax = ` +
      `${significant(lambda)} is the loss's steepest curvature, set by E[x²] = ${significant(linearMoments.meanXX)}).`
    : `The learning rate (${learningRate}) is below the full-data limit (≈ ${significant(stable)}), but single ` +
      "mini-batches curve more steeply than the full data, and steps on them overshoot: small batches need " +
      'a smaller learning rate.';
  return { what, why, suggestion: suggested < learningRate ? suggested : smaller };
}
