// The five views of a run — loss, batch composition, fit, parameter space, gradient noise — and the divergence
// warning above them. It owns what the views share and nothing else: the pointer and axis choices
// (view store), the pinned runs and the data's moments. Whether the run diverged is the worker's
// decision (worker/run.ts), in the snapshot: the warning only shows it.
import { lazy, memo, Suspense, useEffect, useMemo, useState } from 'react';
import { parameterCount } from '../engine/models';
import { useI18n } from '../i18n/react';
import type { RunSnapshot } from '../state/run-store';
import { PinnedRuns, usePinnedRuns } from '../state/pinned-runs';
import { writeViewToUrl, type UrlView } from '../state/url';
import { ViewStore } from '../state/view-store';
import { dataMoments } from '../analysis/linear-loss';
import { mlpPredictor } from '../analysis/mlp-curve';
import { trainingSet } from '../analysis/training-set';
import { BatchComposition } from './BatchComposition';
import { DivergenceAlert } from './DivergenceAlert';
import { FitView } from './FitView';
import { LossChart } from './LossChart';
import { ParamSpace } from './ParamSpace';

// The gradient-noise figure and its worker client load after the first paint (bundle budget).
const GradientNoise = lazy(() => import('./GradientNoise'));

interface Props {
  /** The latest state, every frame. */
  run: RunSnapshot;
  /** The same, at most ~15 times a second at full speed: for the costly SVG chart. */
  heavy: RunSnapshot;
  /** The view as the link set it (xaxis=, logy=, corder=); written back to it. */
  initialView: UrlView;
  /** `hide=noise`: no gradient-noise figure (and no worker for it). */
  hideNoise?: boolean;
  /** The pinned runs (the app's, which presets also pin to); the chart keeps its own without. */
  pins?: PinnedRuns;
  /** The view (the app's, which presets set); without it, one of their own from `initialView`. */
  view?: ViewStore;
  /** A preset's sentence on what to look at, shown by the loss chart. */
  note?: { id: string; text: string } | null;
  /** Sets the learning rate (a new run) and trains: the divergence warning's fix. */
  onUseLearningRate: (learningRate: number) => void;
}

// Memoised: it follows its throttled snapshots, not the app's re-render on every frame.
export const Charts = memo(function Charts(props: Props) {
  const { run, heavy, initialView, hideNoise, pins: sharedPins, onUseLearningRate } = props;
  // The view's options come from the link (xaxis=, logy=, corder=) and are written back to it.
  const [ownView] = useState(
    () =>
      new ViewStore(
        { xAxis: initialView.xAxis, logScale: initialView.logScale, order: initialView.order },
        writeViewToUrl,
      ),
  );
  const view = props.view ?? ownView;
  const [ownPins] = useState(() => new PinnedRuns());
  const { t } = useI18n();
  const pins = sharedPins ?? ownPins;
  const pinned = usePinnedRuns(pins);
  const { config, data, dataColumns, currentParams } = run;
  const isLinear = config.model === 'linear';

  // One pass over the data per run: the fit view's ranges and the linear model's whole loss surface.
  const moments = useMemo(() => (dataColumns ? dataMoments(dataColumns.x, dataColumns.y) : null), [dataColumns]);
  // What SGD minimises: the training samples' loss surface, without those a validation split holds out.
  const { heldOut } = run;
  const trainingMoments = useMemo(() => {
    if (!dataColumns || !heldOut) return moments;
    const trained = trainingSet(dataColumns.x, dataColumns.y, heldOut);
    return dataMoments(trained.x, trained.y);
  }, [dataColumns, heldOut, moments]);
  const { divergence } = run;

  useEffect(() => view.clearHover(), [view, run.runId]);

  // The epochs the chart's snapshot has finished. The run's data is one mutable object, already
  // holding what came after the snapshot: its length would draw epoch means past the step curve,
  // and, read on every frame, redraw the chart (memo) on every frame.
  const epochMeans = Math.min(
    heavy.data.epochMeanLoss.length,
    heavy.stepsPerEpoch > 0 ? Math.floor(heavy.stepsDone / heavy.stepsPerEpoch) : 0,
  );

  const { modelParams } = run;
  const mlpCurve = useMemo(
    () => (!isLinear && modelParams ? mlpPredictor(modelParams, config.hiddenUnits, config.activation) : null),
    [isLinear, modelParams, config.hiddenUnits, config.activation],
  );
  const { initialParams } = run;
  const mlpText = t('fit.mlpModel', { hidden: config.hiddenUnits, activation: config.activation });
  // Memoised like the curve: a new object every frame would redraw the fit view every frame.
  const fitModel = useMemo(
    () =>
      isLinear
        ? { linear: { initial: initialParams, current: currentParams } }
        : { curve: { predict: mlpCurve, text: mlpText } },
    [isLinear, initialParams, currentParams, mlpCurve, mlpText],
  );

  return (
    <>
      {divergence && (
        <DivergenceAlert
          divergence={divergence}
          learningRate={config.learningRate}
          linearMoments={isLinear ? trainingMoments : null}
          logged={{ lossAt: (step) => data.stepLoss.get(step), pausedAt: run.divergencePaused ? run.stepsDone : null }}
          onFix={onUseLearningRate}
        />
      )}
      <div className="charts">
        <LossChart
          data={heavy.data}
          stepsDone={heavy.stepsDone}
          epochMeans={epochMeans}
          totalSteps={heavy.stepsPerEpoch * heavy.config.epochs}
          stepsPerEpoch={heavy.stepsPerEpoch}
          config={heavy.config}
          view={view}
          pinned={pinned}
          pins={pins}
          divergedAt={divergence?.step ?? null}
          validating={heavy.heldOut !== null}
          noteId={props.note?.id}
          noteText={props.note?.text}
        />
        <BatchComposition
          batches={data.epochBatches}
          epochs={run.epochsReceived}
          stepsDone={run.stepsDone}
          // An epoch walks the training set: the samples a validation split holds out take no place in it.
          datasetSize={run.datasetSize - (run.heldOut?.length ?? 0)}
          sampleCount={run.datasetSize}
          heldOut={run.heldOut}
          batchSize={config.batchSize}
          dropLast={config.dropLast}
          replacement={config.replacement}
          plannedEpochs={config.epochs}
          view={view}
        />
        <FitView
          columns={dataColumns}
          moments={moments}
          model={fitModel}
          data={data}
          stepsDone={run.stepsDone}
          stepsPerEpoch={run.stepsPerEpoch}
          view={view}
          heldOut={run.heldOut}
        />
        <ParamSpace
          moments={isLinear ? trainingMoments : null}
          isLinear={isLinear}
          parameterCount={parameterCount(
            isLinear
              ? { kind: 'linear' }
              : { kind: 'mlp', hiddenUnits: config.hiddenUnits, activation: config.activation },
          )}
          initial={run.initialParams}
          data={data}
          stepsDone={run.stepsDone}
          learningRate={config.learningRate}
          view={view}
        />
        {!hideNoise && (
          <Suspense fallback={null}>
            <GradientNoise run={heavy} view={view} />
          </Suspense>
        )}
      </div>
    </>
  );
});
