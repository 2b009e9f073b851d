// Table "Experiment results": one row per run, each carrying its numbers in full precision as data
// attributes (a public contract: docs/contract.md), under the per-setting summary rows. Up to
// 10,000 runs: the rows are added 150 per frame, so that showing them never holds the
// page's thread for long.
import { useEffect, useState } from 'react';
import { experimentNumber } from '../../export/experiment-csv';
import type { ExperimentRow } from '../../engine/experiment/results';
import { useI18n } from '../../i18n/react';
import { significant } from '../numbers';

/** Rows added per animation frame. */
const ROWS_PER_FRAME = 150;

/** A number in a data attribute as the experiment CSV writes it: shortest round-trip text, nan and inf as such. */
export const attributeNumber = experimentNumber;

function useRowsShown(total: number, key: unknown): number {
  const [shown, setShown] = useState(Math.min(total, ROWS_PER_FRAME));
  useEffect(() => {
    setShown(Math.min(total, ROWS_PER_FRAME));
    if (total <= ROWS_PER_FRAME) return;
    let frame = 0;
    const grow = () => {
      setShown((n) => {
        const next = Math.min(total, n + ROWS_PER_FRAME);
        if (next < total) frame = requestAnimationFrame(grow);
        return next;
      });
    };
    frame = requestAnimationFrame(grow);
    return () => cancelAnimationFrame(frame);
  }, [total, key]);
  return shown;
}

/** A setting's summary over its seeds (the heatmap's cell). */
export interface SettingSummary {
  shuffle: boolean;
  batchSize: number;
  learningRate: number;
  seeds: number;
  medianFinalLoss: number;
  medianStepsToTarget: number | null;
  diverged: number;
}

interface Props {
  rows: readonly ExperimentRow[];
  cells: readonly SettingSummary[];
}

export function ExperimentTable({ rows, cells }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const shown = useRowsShown(rows.length, rows);
  const onOff = (shuffle: boolean) => t(shuffle ? 'x.shuffleOn' : 'x.shuffleOff');
  const steps = (n: number | null) => (n === null ? t('x.never') : i18n.count(n));
  return (
    // A scrolling box the keyboard can reach and scroll (axe: scrollable-region-focusable).
    <div className="table-scroll x-table-scroll" tabIndex={0} role="region" aria-label={t('x.table')}>
      <table className="x-table" data-rows={rows.length} data-rows-shown={shown}>
        <caption>{t('x.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('x.colBatch')}</th>
            <th scope="col">{t('x.colLr')}</th>
            <th scope="col">{t('x.colShuffle')}</th>
            <th scope="col">{t('x.colSeed')}</th>
            <th scope="col">{t('x.colFinal')}</th>
            <th scope="col">{t('x.colSteps')}</th>
            <th scope="col">{t('x.colDiverged')}</th>
          </tr>
        </thead>
        <tbody className="x-summary-rows">
          {cells.map((c) => (
            <tr
              key={`${c.shuffle}-${c.batchSize}-${c.learningRate}`}
              className="x-summary"
              data-summary=""
              data-batch-size={c.batchSize}
              data-learning-rate={c.learningRate}
              data-shuffle={c.shuffle ? 1 : 0}
              data-median-final-loss={attributeNumber(c.medianFinalLoss)}
              data-diverged-seeds={c.diverged}
            >
              <th scope="row">{c.batchSize}</th>
              <td>{c.learningRate}</td>
              <td>{onOff(c.shuffle)}</td>
              <td>{t('x.summarySeeds', { count: c.seeds })}</td>
              <td>{significant(c.medianFinalLoss)}</td>
              <td>{steps(c.medianStepsToTarget)}</td>
              <td>{c.diverged > 0 ? t('x.divergedOf', { count: c.diverged, seeds: c.seeds }) : t('x.no')}</td>
            </tr>
          ))}
        </tbody>
        <tbody>
          {rows.slice(0, shown).map((r) => (
            <tr
              key={r.index}
              data-batch-size={r.batchSize}
              data-learning-rate={r.learningRate}
              data-shuffle={r.shuffle ? 1 : 0}
              data-seed={String(r.seed)}
              data-final-loss={attributeNumber(r.finalLoss)}
              data-steps-to-target={r.stepsToTarget ?? ''}
              data-diverged={r.diverged ? 1 : 0}
            >
              <th scope="row">{r.batchSize}</th>
              <td>{r.learningRate}</td>
              <td>{onOff(r.shuffle)}</td>
              <td>{String(r.seed)}</td>
              <td>{significant(r.finalLoss)}</td>
              <td>{steps(r.stepsToTarget)}</td>
              <td>{r.diverged ? t('x.yes') : t('x.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
