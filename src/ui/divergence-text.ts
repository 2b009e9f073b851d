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
import { readable } from './numbers';

export interface DivergenceAdvice {
  /** What happened, in one sentence, quoting losses the training log shows at the steps it names. */
  what: string;
  /** Where the run paused (null when it was not paused for it). */
  paused: string | null;
  /** Why, in words a student can follow. */
  why: string;
  /** The learning rate the one-click fix sets (always below the current one). */
  suggestion: number;
  /** Whether `why` names the data's curvature (λmax, E[x²]), terms the alert explains. */
  curvature?: boolean;
}

const significant = (x: number) => String(Number(x.toPrecision(3)));

/** What the run logged: each step's batch loss, and the step the run paused at (null when not paused for this). */
export interface LoggedRun {
  /** The batch loss of step `step` (0-based), as the log prints it (four decimals). */
  lossAt: (step: number) => number;
  /** Steps done when the worker paused the run for the divergence: the status's step. */
  pausedAt: number | null;
}

/**
 * The watch judges growth on window means (engine/divergence.ts), which the log never shows: the
 * sentence quotes the logged batch losses where the growth began and where it was noticed instead.
 */
function whatHappened(d: Divergence, logged: LoggedRun, i18n: I18n): string {
  const { t, count } = i18n;
  const step = count(d.step + 1);
  if (d.reason === 'non-finite') {
    return t(Number.isNaN(d.loss) ? 'diverge.nonFinite' : 'diverge.overflow', { step, loss: readable(d.loss) });
  }
  const fromStep = Math.max(0, d.step + 1 - d.growthSteps);
  return t('diverge.growing', {
    steps: count(d.growthSteps),
    from: readable(logged.lossAt(fromStep)),
    fromStep: count(fromStep + 1),
    to: readable(logged.lossAt(d.step)),
    step,
  });
}

function pausedText(d: Divergence, pausedAt: number | null, i18n: I18n): string | null {
  if (pausedAt === null) return null;
  const step = i18n.count(pausedAt);
  // The worker finishes the steps already sent to the device before it stops.
  return pausedAt === d.step + 1 ? i18n.t('diverge.pausedAt', { step }) : i18n.t('diverge.pausedLater', { step });
}

export function divergenceAdvice(
  d: Divergence,
  learningRate: number,
  linearMoments: DataMoments | null,
  logged: LoggedRun,
  i18n: I18n = EN,
): DivergenceAdvice {
  const { t } = i18n;
  const what = whatHappened(d, logged, i18n);
  const paused = pausedText(d, logged.pausedAt, i18n);
  // Whatever else is known, offer something clearly smaller than what diverged.
  const smaller = niceNumber(learningRate / 10, learningRate / 3);
  if (!linearMoments) {
    return {
      what,
      paused,
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
  return { what, paused, why, suggestion: suggested < learningRate ? suggested : smaller, curvature: tooLarge };
}
