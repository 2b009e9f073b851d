// The experiment's results: figure "Batch size × learning rate" (the heatmap), figure "Steps to
// target" (with the critical batch size said in words), figure "Across seeds" (select "Learning
// rate shown"), then table "Experiment results". Every number comes from src/analysis.
import { useEffect, useId, useMemo, useState } from 'react';
import { acrossSeeds, heatmapCells, stepsToTarget } from '../../analysis/experiment-views';
import { stabilityBoundForRun } from '../../analysis/stability-bound';
import { spreadOf } from '../../analysis/quantile';
import { fitStepsSamples } from '../../analysis/steps-tradeoff';
import type { RunConfig } from '../../engine/config';
import type { ExperimentResults } from '../../engine/experiment/results';
import type { ExperimentSpec } from '../../engine/experiment/spec';
import { useI18n } from '../../i18n/react';
import { significant } from '../numbers';
import { SeedsChart, StepsChart } from './ExperimentCharts';
import { ExperimentTable, type SettingSummary } from './ExperimentTable';
import { Heatmap } from './Heatmap';

interface Props {
  results: ExperimentResults;
  spec: ExperimentSpec;
  base: RunConfig;
  onUseSetting: (setting: { batchSize: number; learningRate: number; shuffle: boolean }) => void;
}

/** The linear model's full-batch bound 2/λmax on the first seed's training samples; null for the MLP. */
const boundFor = (base: RunConfig): number | null => stabilityBoundForRun(base)?.maxLearningRate ?? null;

/** The learning rate whose median final loss, over every batch size, is lowest: a telling default. */
function defaultLearningRate(cells: readonly SettingSummary[], learningRates: readonly number[]): number {
  let best = learningRates[0];
  let bestScore = Infinity;
  for (const lr of learningRates) {
    const values = cells.filter((c) => c.learningRate === lr).map((c) => c.medianFinalLoss);
    const score = values.reduce((sum, v) => sum + (Number.isFinite(v) && v > 0 ? Math.log(v) : 1e3), 0);
    if (score < bestScore) [best, bestScore] = [lr, score];
  }
  return best;
}

/** The figures and the table appear one per animation frame, each drawn in a task of its own. */
const STAGES = 4;

function useStage(key: unknown): number {
  const [stage, setStage] = useState(1);
  useEffect(() => {
    setStage(1);
    let frame = 0;
    const next = () => {
      setStage((s) => {
        if (s + 1 < STAGES) frame = requestAnimationFrame(next);
        return Math.min(STAGES, s + 1);
      });
    };
    frame = requestAnimationFrame(next);
    return () => cancelAnimationFrame(frame);
  }, [key]);
  return stage;
}

export function ExperimentViews({ results, spec, base, onUseSetting }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = useId();
  const heat = useMemo(() => heatmapCells(results, spec), [results, spec]);
  const bound = useMemo(() => boundFor(base), [base]);
  const cells: SettingSummary[] = useMemo(
    () =>
      heat.cells.map((c) => {
        // A seed that never reached the target counts as +∞: the median is defined while more than half did.
        const { median } = spreadOf(c.rows.map((r) => results.rows[r].stepsToTarget ?? Infinity));
        return { ...c, medianStepsToTarget: Number.isFinite(median) ? median : null };
      }),
    [heat.cells, results.rows],
  );
  const lrs = useMemo(() => [...spec.learningRates].sort((a, b) => a - b), [spec.learningRates]);
  const batchSizes = heat.batchSizes;
  const stage = useStage(results);

  return (
    <>
      <div className="x-figures">
        <figure className="panel" aria-labelledby={`${ids}-heat`} data-cells={heat.cells.length}>
          <figcaption id={`${ids}-heat`}>{t('x.heatmapCaption')}</figcaption>
          <Heatmap
            cells={cells}
            shuffles={heat.shuffles}
            batchSizes={batchSizes}
            learningRates={lrs}
            bound={bound}
            onUseSetting={onUseSetting}
          />
        </figure>
        {stage >= 2 && <StepsFigure results={results} spec={spec} batchSizes={batchSizes} />}
        {stage >= 3 && (
          <SeedsFigure
            results={results}
            shuffles={heat.shuffles}
            learningRates={lrs}
            initialLr={defaultLearningRate(cells, lrs)}
          />
        )}
      </div>
      {stage >= 4 && <ExperimentTable rows={results.rows} cells={cells} />}
    </>
  );
}

/** Figure "Steps to target", its numbers worked out when it mounts (a frame after the heatmap). */
function StepsFigure({
  results,
  spec,
  batchSizes,
}: {
  results: ExperimentResults;
  spec: ExperimentSpec;
  batchSizes: number[];
}) {
  const { t } = useI18n();
  const ids = useId();
  const steps = useMemo(() => stepsToTarget(results, spec), [results, spec]);
  const fits = useMemo(
    () =>
      steps.map((s) =>
        fitStepsSamples(
          s.points.map((p) => ({ steps: p.steps.median, samples: p.samples.median })),
          [Math.min(...batchSizes), Math.max(...batchSizes)],
        ),
      ),
    [steps, batchSizes],
  );
  return (
    <figure className="panel" aria-labelledby={`${ids}-steps`}>
      <figcaption id={`${ids}-steps`}>{t('x.stepsCaption')}</figcaption>
      {steps.map((s, i) => (
        <div
          key={String(s.shuffle)}
          className="x-steps"
          data-shuffle={s.shuffle ? 1 : 0}
          data-points={s.points.length}
          data-critical-batch={fits[i]?.bCrit}
        >
          {steps.length > 1 && (
            <p className="x-heatmap-title">{t(s.shuffle ? 'x.shuffledRuns' : 'x.unshuffledRuns')}</p>
          )}
          <div
            className="chart-area x-chart-area"
            role="img"
            aria-label={t('x.stepsAria', { target: spec.targetLoss })}
          >
            <StepsChart series={s} fit={fits[i]} batchSizes={batchSizes} />
          </div>
          <p className="panel-note x-words">
            {s.points.length === 0
              ? t('x.noneReached', { target: spec.targetLoss })
              : fits[i]
                ? t('x.critical', {
                    bCrit: significant(fits[i].bCrit, 2),
                    sMin: significant(fits[i].sMin, 3),
                    eMin: significant(fits[i].eMin, 3),
                  })
                : t('x.noFit')}
          </p>
        </div>
      ))}
    </figure>
  );
}

/** Figure "Across seeds", with its selects. */
function SeedsFigure(props: {
  results: ExperimentResults;
  shuffles: boolean[];
  learningRates: number[];
  initialLr: number;
}) {
  const { results, shuffles, learningRates: lrs, initialLr } = props;
  const { t } = useI18n();
  const ids = useId();
  const [lr, setLr] = useState(initialLr);
  const [shuffleShown, setShuffleShown] = useState(shuffles[0]);
  const [axis, setAxis] = useState<'step' | 'epoch'>('step');
  const curves = useMemo(() => acrossSeeds(results, lr, shuffleShown), [results, lr, shuffleShown]);
  return (
    <figure className="panel" aria-labelledby={`${ids}-seeds`}>
      <figcaption id={`${ids}-seeds`}>{t('x.seedsCaption')}</figcaption>
      <div className="chart-tools">
        <label htmlFor={`${ids}-lr`}>{t('x.lrShown')}</label>
        <select id={`${ids}-lr`} value={lr} onChange={(e) => setLr(Number(e.target.value))}>
          {lrs.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        {shuffles.length > 1 && (
          <>
            <label htmlFor={`${ids}-shuffle`}>{t('x.shuffleShown')}</label>
            <select
              id={`${ids}-shuffle`}
              value={shuffleShown ? 'on' : 'off'}
              onChange={(e) => setShuffleShown(e.target.value === 'on')}
            >
              <option value="on">{t('x.shuffleOn')}</option>
              <option value="off">{t('x.shuffleOff')}</option>
            </select>
          </>
        )}
        <label htmlFor={`${ids}-axis`}>{t('x.seedsAxis')}</label>
        <select
          id={`${ids}-axis`}
          value={axis}
          onChange={(e) => setAxis(e.target.value === 'epoch' ? 'epoch' : 'step')}
        >
          <option value="step">{t('x.axisStep')}</option>
          <option value="epoch">{t('x.axisEpoch')}</option>
        </select>
      </div>
      <div
        className="chart-area x-chart-area"
        role="img"
        aria-label={t('x.seedsAria', { lr })}
        data-curves={curves.length}
      >
        <SeedsChart curves={curves} axis={axis} />
      </div>
      <p className="panel-note x-words">{t('x.seedsNote')}</p>
    </figure>
  );
}
