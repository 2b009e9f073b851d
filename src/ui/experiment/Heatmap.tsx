// Figure "Batch size × learning rate": one cell per setting (a grid per shuffle setting when the
// experiment tried both), coloured by the median final loss over its seeds on a log scale, with the
// seeds that diverged counted in the cell. For the linear model the full batch's stability bound
// lr < 2/λmax is a vertical line between the learning rates it falls between. A cell is a button:
// it loads its setting into the single run above.
import type { CSSProperties } from 'react';
import { useI18n } from '../../i18n/react';
import { significant } from '../numbers';
import { lossColour, SCALE_GRADIENT, textOn } from './heatmap-colour';
import { attributeNumber, type SettingSummary } from './ExperimentTable';

interface Props {
  cells: readonly SettingSummary[];
  shuffles: readonly boolean[];
  batchSizes: readonly number[];
  learningRates: readonly number[];
  /** The full batch's stability bound 2/λmax (linear model), or null. */
  bound: number | null;
  onUseSetting: (setting: { batchSize: number; learningRate: number; shuffle: boolean }) => void;
}

/** Where `bound` falls across the columns (sorted learning rates), 0 … columns, on a log scale; null outside. */
export function boundColumn(learningRates: readonly number[], bound: number): number | null {
  const n = learningRates.length;
  if (n === 0 || bound <= learningRates[0] || bound > learningRates[n - 1]) return null;
  for (let i = 0; i < n - 1; i++) {
    const [a, b] = [learningRates[i], learningRates[i + 1]];
    if (bound > a && bound <= b) return i + 0.5 + (Math.log(bound) - Math.log(a)) / (Math.log(b) - Math.log(a));
  }
  return null;
}

/** A cell's value in a few characters: two significant digits, 1.0e-5 below a thousandth. */
export const cellText = (v: number): string => (v >= 1e-3 && v < 1e4 ? significant(v, 2) : v.toExponential(1));

export function Heatmap({ cells, shuffles, batchSizes, learningRates, bound, onUseSetting }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const lrs = [...learningRates].sort((a, b) => a - b);
  const finite = cells.map((c) => c.medianFinalLoss).filter((v) => Number.isFinite(v) && v > 0);
  const lo = finite.length ? Math.min(...finite) : 1;
  const hi = finite.length ? Math.max(...finite) : 1;
  const at = new Map(cells.map((c) => [`${c.shuffle}|${c.batchSize}|${c.learningRate}`, c]));
  const boundAt = bound === null ? null : boundColumn(lrs, bound);
  return (
    <div className="x-heatmaps" data-bound={bound ?? undefined}>
      {shuffles.map((shuffle) => (
        <div key={String(shuffle)} className="x-heatmap-block">
          {shuffles.length > 1 && (
            <p className="x-heatmap-title">{t(shuffle ? 'x.shuffledRuns' : 'x.unshuffledRuns')}</p>
          )}
          <div className="x-heatmap" role="group" aria-label={t(shuffle ? 'x.shuffledRuns' : 'x.unshuffledRuns')}>
            <div className="x-row-heads">
              <span className="x-corner">{t('x.cornerLabel')}</span>
              {batchSizes.map((b) => (
                <span key={b} className="x-row-head">
                  B = {b}
                </span>
              ))}
            </div>
            <div className="x-cells" style={{ '--x-columns': lrs.length } as CSSProperties}>
              {lrs.map((lr) => (
                <span key={lr} className="x-col-head">
                  {lr}
                </span>
              ))}
              {batchSizes.map((b) =>
                lrs.map((lr) => {
                  const c = at.get(`${shuffle}|${b}|${lr}`);
                  if (!c) return <span key={`${b}-${lr}`} />;
                  const value = c.medianFinalLoss;
                  const finiteValue = Number.isFinite(value) && value > 0;
                  const background = finiteValue ? lossColour(value, lo, hi) : '#5c5c5c';
                  const label = t('x.cellLabel', {
                    batch: b,
                    lr,
                    shuffle: t(shuffle ? 'x.shuffleOn' : 'x.shuffleOff'),
                    loss: significant(value),
                    diverged: c.diverged,
                    seeds: c.seeds,
                  });
                  return (
                    <button
                      key={`${b}-${lr}`}
                      type="button"
                      className={c.diverged > 0 ? 'x-cell x-cell-diverged' : 'x-cell'}
                      style={{ background, color: textOn(background) }}
                      aria-label={label}
                      title={label}
                      data-batch-size={b}
                      data-learning-rate={lr}
                      data-shuffle={shuffle ? 1 : 0}
                      data-median-final-loss={attributeNumber(value)}
                      data-diverged-seeds={c.diverged}
                      onClick={() => onUseSetting({ batchSize: b, learningRate: lr, shuffle })}
                    >
                      <span className="x-cell-value">{finiteValue ? cellText(value) : '∞'}</span>
                      {c.diverged > 0 && (
                        <span className="x-cell-diverged-count">
                          {t('x.cellDiverged', { count: c.diverged, seeds: c.seeds })}
                        </span>
                      )}
                    </button>
                  );
                }),
              )}
              {boundAt !== null && (
                <span
                  className="x-bound-line"
                  aria-hidden="true"
                  style={{ '--x-bound-at': boundAt } as CSSProperties}
                  data-bound-column={boundAt}
                />
              )}
            </div>
          </div>
        </div>
      ))}
      <div className="x-scale" aria-hidden="true">
        <span>{significant(lo, 2)}</span>
        <span className="x-scale-bar" style={{ background: SCALE_GRADIENT }} />
        <span>{significant(hi, 2)}</span>
      </div>
      <p className="panel-note">
        {t('x.heatmapNote')}
        {bound !== null &&
          ' ' +
            t(boundAt !== null ? 'x.boundNote' : bound > lrs[lrs.length - 1] ? 'x.boundAbove' : 'x.boundBelow', {
              bound: significant(bound, 3),
            })}
      </p>
    </div>
  );
}
