// The divergence warning: what happened, why (in words), and a button that sets a learning rate
// that works and trains again — one click from a broken run to a working one.
import { useI18n } from '../i18n/react';
import type { Divergence } from '../engine/divergence';
import type { DataMoments } from '../analysis/linear-loss';
import { divergenceAdvice, type LoggedRun } from './divergence-text';
import { TermWord } from './Term';

interface Props {
  divergence: Divergence;
  learningRate: number;
  /** The data's moments for the linear model (exact stability limit); null for other models. */
  linearMoments: DataMoments | null;
  /** The logged losses, and the step the run was stopped at because of it (null: it may have finished first). */
  logged: LoggedRun;
  onFix: (learningRate: number) => void;
}

export function DivergenceAlert({ divergence, learningRate, linearMoments, logged, onFix }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const advice = divergenceAdvice(divergence, learningRate, linearMoments, logged, i18n);
  return (
    <div className="divergence" role="alert" data-reason={divergence.reason} data-step={divergence.step + 1}>
      <p className="divergence-title">
        <strong>{t('diverge.title')}</strong>
        {t('app.sentenceGap')}
        {advice.what}
        {advice.paused ? `${t('app.sentenceGap')}${advice.paused}` : ''}
      </p>
      <p>
        {advice.why}
        {advice.curvature && (
          <>
            {' '}
            <TermWord word="λmax" explain="glossary.lambdaMax" /> <TermWord word="E[x²]" explain="glossary.meanXX" />
          </>
        )}
      </p>
      <button type="button" className="primary" onClick={() => onFix(advice.suggestion)}>
        {t('diverge.use', { lr: advice.suggestion })}
      </button>
    </div>
  );
}
