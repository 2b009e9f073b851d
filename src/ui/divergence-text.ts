// What the divergence warning says, and which learning rate it offers. For the linear model the
// limit is known exactly from the data: gradient descent on a quadratic is stable only for
// lr < 2/λmax, λmax the largest eigenvalue of the loss's Hessian 2·[[E[x²], E[x]], [E[x], 1]].
import { EN, type I18n } from '../i18n/translate';
import type { Divergence } from '../engine/divergence';
import {
  largestStableLearningRate,
  lossHessian,
  niceNumber,
  suggestedLearningRate,
  type DataMoments,
} from '../analysis/linear-loss';
import { fourDecimals } from './numbers';

export interface DivergenceAdvice {
  /** What happened, in one sentence. */
  what: string;
  /** Why, in words a student can follow. */
  why: string;
  /** The learning rate the one-click fix sets (always below the current one). */
  suggestion: number;
  /** Whether `why` names the data's curvature (λmax, E[x²]), terms the alert explains. */
  curvature?: boolean;
}

/** Losses from 0.0001 to 1e38: four decimals while they read well, else scientific. */
export function lossText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '−Infinity';
  return Math.abs(x) >= 1e6 ? x.toExponential(2) : fourDecimals(x);
}

const significant = (x: number) => String(Number(x.toPrecision(3)));

export function divergenceAdvice(
  d: Divergence,
  learningRate: number,
  linearMoments: DataMoments | null,
  i18n: I18n = EN,
): DivergenceAdvice {
  const { t, count } = i18n;
  const step = count(d.step + 1);
  const what =
    d.reason === 'non-finite'
      ? t(Number.isNaN(d.loss) ? 'diverge.nonFinite' : 'diverge.overflow', { step, loss: lossText(d.loss) })
      : t('diverge.growing', { steps: count(d.growthSteps), from: lossText(d.startLoss), to: lossText(d.loss), step });
  // Whatever else is known, offer something clearly smaller than what diverged.
  const smaller = niceNumber(learningRate / 10, learningRate / 3);
  if (!linearMoments) {
    return {
      what,
      why: t('diverge.generic', { lr: learningRate }),
      suggestion: smaller,
    };
  }
  const stable = largestStableLearningRate(linearMoments);
  const lambda = lossHessian(linearMoments).values[0];
  const suggested = suggestedLearningRate(linearMoments);
  const tooLarge = learningRate >= stable;
  const why = tooLarge
    ? t('diverge.tooLarge', {
        lr: learningRate,
        stable: significant(stable),
        lambda: significant(lambda),
        meanXX: significant(linearMoments.meanXX),
      })
    : t('diverge.batchNoise', { lr: learningRate, stable: significant(stable) });
  return { what, why, suggestion: suggested < learningRate ? suggested : smaller, curvature: tooLarge };
}
