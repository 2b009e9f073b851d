// Loss per step and mean loss per epoch, live, against steps or epochs, on a linear or log scale;
// pinned runs drawn over it as named ghost curves. Each series is cut to ~1,000 points with LTTB
// and nothing animates, so a 400,000-step run renders like a short one.
//
// While a run trains, a redraw re-renders only the two live curves and the overlay (LiveLayer,
// fed through a Latest store); the chart, its axes, grid and legend are a memoised element that
// changes only when they do. Re-rendering recharts' chart re-reports its props and re-measures its
// legend and tick labels: that was most of every redraw's time on the main thread. When the
// axes do change, they are ours to draw (LossAxes, on recharts' scales), without measuring text.
import { lazy, memo, Suspense, useId, useLayoutEffect, useMemo, useState } from 'react';
import type { RunConfig } from '../engine/config';
import { useI18n } from '../i18n/react';
import type { I18n } from '../i18n/translate';
import { comparisonLabels, MAX_PINNED, type PinnedRun, type PinnedRuns } from '../state/pinned-runs';
import { Latest } from '../state/latest';
import type { RunData } from '../state/run-data';
import { useViewState, type ViewStore } from '../state/view-store';
import { niceTicks } from '../analysis/ticks';
import { lossAxis, type DomainCurve } from '../analysis/loss-domain';
import { onAxis, plottablePoints, stepLossPoints, xAxisEnd, type XAxisMode } from '../analysis/loss-series';
import type { LegendItem } from './ChartLegend';
import { comparisonMarks } from './loss-marks';
import { readable } from './numbers';
import { PinnedList } from './PinnedList';
import { Term, TermWord } from './Term';
import {
  EPOCH_COLOUR,
  STEP_COLOUR,
  VALIDATION_COLOUR,
  VALIDATION_DASH,
  X_AXIS_HEIGHT,
  Y_AXIS_WIDTH,
  type LiveCurves,
} from './loss-style';
import { useTypeScale } from './use-type-scale';
import { useKeyed } from './use-keyed';
import './preset-note.css';

// The plot itself — recharts, its scales and curves — loads after the first paint (bundle budget:
// recharts is a third of the page's script); the frame, its tools and its data-* are there at once.
const LossPlot = lazy(() => import('./LossPlot'));

interface Props {
  data: RunData;
  stepsDone: number;
  epochMeans: number;
  totalSteps: number;
  stepsPerEpoch: number;
  config: RunConfig;
  view: ViewStore;
  /** Where "Pin this run" keeps the curve on screen; a prop, not callbacks, so that the chart (memo)
   * redraws only when its data does, not on every frame the app renders. */
  pins: PinnedRuns;
  pinned: readonly PinnedRun[];
  /** 0-based step at which the run diverged, if it did. */
  divergedAt: number | null;
  /** The run holds samples out (a validation split): their loss after each epoch is drawn too. */
  validating?: boolean;
  /** What to look at (a preset's sentence), shown above the chart and announced; the preset's id
   * on it (`data-preset`). Strings, not an object, to keep the memo. */
  noteId?: string;
  noteText?: string;
}

function summary(data: RunData, stepsDone: number, epochs: number, totalSteps: number, i18n: I18n): string {
  if (stepsDone === 0) return i18n.t('loss.none');
  const latest = {
    loss: readable(data.stepLoss.get(stepsDone - 1)),
    step: i18n.count(stepsDone),
    total: i18n.count(totalSteps),
  };
  return epochs > 0
    ? i18n.t('loss.summaryMean', { ...latest, epoch: epochs, mean: readable(data.epochMeanLoss.get(epochs - 1)) })
    : i18n.t('loss.summary', latest);
}

export const LossChart = memo(function LossChart(props: Props) {
  const { data, stepsDone, epochMeans, totalSteps, stepsPerEpoch, config, view, pins, pinned, divergedAt } = props;
  const validating = props.validating ?? false;
  const { xAxis: mode, logScale } = useViewState(view);
  const i18n = useI18n();
  const { t } = i18n;
  const logId = useId();
  const axisId = useId();
  const k = useTypeScale();

  // Each epoch's held-out loss sits at the epoch's last step, as the epoch mean does.
  let validationCount = 0;
  while (validationCount < data.validationStep.length && data.validationStep.get(validationCount) <= stepsDone)
    validationCount += 1;
  const { stepPoints, epochPoints, validationPoints } = useMemo(
    () => ({
      validationPoints: plottablePoints(
        data.validationStep.view().subarray(0, validationCount),
        data.validationLoss.view().subarray(0, validationCount),
        logScale,
      ),
      stepPoints: stepLossPoints(data.stepLoss.view().subarray(0, stepsDone), logScale),
      epochPoints: plottablePoints(
        data.epochMeanStep.view().subarray(0, epochMeans),
        data.epochMeanLoss.view().subarray(0, epochMeans),
        logScale,
      ),
    }),
    // stepsDone and epochMeans say when the append-only columns have grown.
    [data, stepsDone, epochMeans, validationCount, logScale],
  );
  // Keyed by value: each run brings a new config object, and new labels would rebuild the plot.
  const labelsNow = comparisonLabels([...pinned.map((p) => p.config), config], i18n);
  const labels = useKeyed(labelsNow, labelsNow.join('\n'));
  const ghosts = useMemo(
    () => pinned.map((run) => onAxis(logScale ? run.log : run.linear, mode, run.stepsPerEpoch)),
    [pinned, logScale, mode],
  );
  const ghostMeans = useMemo(
    () => pinned.map((run) => onAxis(logScale ? run.epochLog : run.epochLinear, mode, run.stepsPerEpoch)),
    [pinned, logScale, mode],
  );

  const stepSeries = onAxis(stepPoints, mode, stepsPerEpoch);
  const epochSeries = onAxis(epochPoints, mode, stepsPerEpoch);
  const validationSeries = onAxis(validationPoints, mode, stepsPerEpoch);
  const pinnedEnd = Math.max(0, ...ghosts.map((g) => g.at(-1)?.x ?? 0));
  const xEnd = xAxisEnd(mode, totalSteps, stepsDone, stepsPerEpoch, pinnedEnd);
  // Explicit round ticks: recharts' own would read 0.065, 0.13, … and 10000000 overflows the axis.
  // A diverged curve does not choose the axis: it is clipped at the top, and marked there.
  const liveDiverged = divergedAt !== null;
  const liveCurves: DomainCurve[] = [stepPoints, epochPoints, validationPoints].map((points) => ({
    points,
    diverged: liveDiverged,
  }));
  const pinnedCurves: DomainCurve[] = pinned.map((p) => ({
    points: logScale ? p.log : p.linear,
    diverged: p.diverged,
  }));
  const yAxis = lossAxis([...liveCurves, ...pinnedCurves], logScale);
  // What has not changed by value keeps its identity, so that the plot below keeps its memo: given new
  // objects, recharts re-reports its props and re-works its axes and legend.
  const xAxisProps = useMemo(() => ({ domain: [0, xEnd], ticks: niceTicks(0, xEnd, 6) }), [xEnd]);
  // Keyed by value: the y axis is worked out from the data anew each redraw, and rarely changes.
  const yAxisProps = useKeyed(yAxis, `${yAxis.domain.join(',')}|${yAxis.ticks.join(',')}`);
  // recharts' axes are hidden (LossAxes draws them): the margin keeps their room.
  const margin = useMemo(
    () => ({ top: 8, right: 16 * k, bottom: (24 + X_AXIS_HEIGHT) * k, left: (16 + Y_AXIS_WIDTH) * k }),
    [k],
  );
  const { offScale, ghostLabels, liveOff } = comparisonMarks({
    pinned,
    pinnedCurves,
    ghosts,
    labels,
    live: liveCurves[0],
    liveSeries: stepSeries,
    axis: yAxis,
    mode,
    stepsPerEpoch,
    liveColour: STEP_COLOUR,
  });
  const stepName = pinned.length > 0 ? t('loss.perStepOf', { label: labels[labels.length - 1] }) : t('loss.perStep');
  const stepSeriesName = liveOff ? t('loss.offScaleOf', { name: stepName }) : stepName;
  const xTitle = t(mode === 'epoch' ? 'loss.epoch' : 'loss.step');
  const yTitle = t('loss.yAxis');
  // No fixed height: on a phone the two items wrap, and recharts then makes room for both lines;
  // the padding keeps the top tick label, centred on the plot's edge, clear of the legend.
  const legend = useMemo(
    (): LegendItem[] => [
      { name: stepSeriesName, colour: STEP_COLOUR, width: 1.5 },
      { name: t('loss.epochMean'), colour: EPOCH_COLOUR, width: 3 },
      ...(validating
        ? [{ name: t('loss.validation'), colour: VALIDATION_COLOUR, width: 2.5, dash: VALIDATION_DASH }]
        : []),
    ],
    [stepSeriesName, t, validating],
  );

  const curves: LiveCurves = {
    stepSeries,
    epochSeries,
    stepSeriesName,
    epochSeriesName: t('loss.epochMean'),
    validationSeries,
    validationSeriesName: t('loss.validation'),
    overlay: {
      data,
      stepsDone,
      stepsPerEpoch,
      epochs: config.epochs,
      mode,
      logScale,
      view,
      divergedAt,
      ghosts: ghostLabels,
      offScale,
    },
  };
  const [live] = useState(() => new Latest(curves));
  useLayoutEffect(() => live.set(curves));

  const ghostMeanNames = useMemo(() => labels.map((label) => t('loss.epochMeanOf', { label })), [labels, t]);
  const xTicks = xAxisProps.ticks;
  const yTicks = yAxisProps.ticks;

  return (
    <figure
      className="panel loss-chart"
      data-step-points={stepsDone}
      data-epoch-points={epochMeans}
      data-validation-points={validating ? validationCount : undefined}
      data-x-axis={mode}
      data-log-scale={logScale}
      data-pinned={pinned.length}
      data-diverged-step={divergedAt !== null ? divergedAt + 1 : undefined}
      data-y-min={yAxis.domain[0]}
      data-y-max={yAxis.domain[1]}
      data-off-scale={offScale.length}
    >
      {/* A figure's caption must be its first or last child to name it. */}
      <figcaption>{t('loss.caption')}</figcaption>
      {/* Always there, so that a preset's sentence is announced when it appears. */}
      <div className="preset-note" aria-live="polite">
        {props.noteText && <p data-preset={props.noteId}>{props.noteText}</p>}
      </div>
      <div className="chart-tools">
        <div className="field-inline">
          <label htmlFor={axisId}>{t('loss.xAxis')}</label>
          <select id={axisId} value={mode} onChange={(e) => view.setXAxis(e.target.value as XAxisMode)}>
            <option value="step">{t('loss.step')}</option>
            <option value="epoch">{t('loss.epoch')}</option>
          </select>
          <Term explain="glossary.step" />
        </div>
        <div className="field-check">
          <input id={logId} type="checkbox" checked={logScale} onChange={(e) => view.setLogScale(e.target.checked)} />
          <label htmlFor={logId}>{t('loss.logScale')}</label>
        </div>
        <button
          type="button"
          onClick={() => pins.pin(config, stepsPerEpoch, data, stepsDone, divergedAt !== null)}
          disabled={stepsDone === 0 || pinned.length >= MAX_PINNED}
          title={pinned.length >= MAX_PINNED ? t('loss.pinFull', { max: MAX_PINNED }) : t('loss.pinHint')}
        >
          {t('loss.pin')}
        </button>
        <Term explain="glossary.pin" />
        <TermWord word={t('loss.yAxis')} explain="glossary.mse" />
      </div>
      <div
        className="chart-area"
        role="img"
        tabIndex={0}
        aria-label={t(mode === 'epoch' ? 'loss.aria.epoch' : 'loss.aria.step')}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          e.preventDefault();
          if (stepsDone === 0) return;
          const at = view.getSnapshot().hoverStep ?? stepsDone;
          view.setHover(Math.min(Math.max(at + (e.key === 'ArrowLeft' ? -1 : 1), 0), stepsDone - 1), 'loss');
        }}
        onBlur={() => view.setHover(null, 'loss')}
      >
        <Suspense fallback={null}>
          <LossPlot
            margin={margin}
            xDomain={xAxisProps.domain}
            xTicks={xTicks}
            yDomain={yAxisProps.domain}
            yTicks={yTicks}
            logScale={logScale}
            k={k}
            xTitle={xTitle}
            yTitle={yTitle}
            legend={legend}
            ghosts={ghosts}
            ghostMeans={ghostMeans}
            pinned={pinned}
            labels={labels}
            ghostMeanNames={ghostMeanNames}
            live={live}
          />
        </Suspense>
      </div>
      <p className="chart-summary">{summary(data, stepsDone, epochMeans, totalSteps, i18n)}</p>
      <PinnedList
        pinned={pinned}
        labels={labels}
        offScale={offScale.map((m) => m.label)}
        onRemove={(id) => pins.remove(id)}
      />
    </figure>
  );
});
