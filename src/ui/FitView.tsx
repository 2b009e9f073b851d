// The data and what the model makes of it: every sample (an even selection of at most 2,000 for
// large N), the model's prediction, and one mini-batch highlighted in its composition-chart colour —
// the batch pointed at in another chart, else the batch of the latest step — with its residuals, the
// gaps whose squares the batch loss averages. The loss was computed before the step's update, so the
// residuals go to the line of the parameters before it; the line after the update is drawn lighter.
import { memo, useId, useMemo } from 'react';
import { useI18n } from '../i18n/react';
import type { I18n } from '../i18n/translate';
import type { DataColumns, ModelParams } from '../protocol';
import { linearParamsAround, type RunData } from '../state/run-data';
import { useViewState, type ViewStore } from '../state/view-store';
import type { DataMoments } from '../analysis/linear-loss';
import { batchResiduals, fitYRange } from '../analysis/residuals';
import { evenIndices, evenPick } from '../analysis/sampling';
import { padded } from '../analysis/ticks';
import { useTypeScale } from './use-type-scale';
import { ChartAxes, frameFor, makeScales, PlotClip, type Scales } from './ChartAxes';
import { lineText, readable } from './numbers';
import { batchColour } from './palette';
import { useElementWidth } from './use-element-width';
import { shortList } from './batch-text';

export const MAX_POINTS_DRAWN = 2000;
const MAX_HIGHLIGHT_DRAWN = 400;
const MAX_RESIDUALS_DRAWN = 60;
const CURVE_VERTICES = 200;

/** The linear model's parameters: the initial ones (before step 1) and the latest; each step's are in the run data. */
export interface LinearFit {
  initial: ModelParams | null;
  current: ModelParams | null;
}

/** The MLP's latest curve (its parameters are sent once per chunk of steps, not kept per step). */
export interface CurveFit {
  predict: ((x: number) => number) | null;
  /** The model in words, e.g. "MLP with 8 hidden units (relu)". */
  text: string;
}

interface Props {
  columns: DataColumns | null;
  moments: DataMoments | null;
  model: { linear: LinearFit } | { curve: CurveFit };
  data: RunData;
  stepsDone: number;
  stepsPerEpoch: number;
  view: ViewStore;
  /** The held-out samples of a validation split, drawn hollow: the model never trains on them. */
  heldOut?: Int32Array | null;
}

/** Many dots as one path (one DOM node, not 2,000): cheap to create, and nothing to diff per frame. */
export function dotsPath(xs: readonly number[], ys: readonly number[], r: number): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    parts.push(`M${(xs[i] - r).toFixed(1)},${ys[i].toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`);
  }
  return parts.join('');
}

function dotsOf(indices: readonly number[], columns: DataColumns, scales: Scales, r: number): string {
  return dotsPath(
    indices.map((i) => scales.x(columns.x[i])),
    indices.map((i) => scales.y(columns.y[i])),
    r,
  );
}

const POINT_COLOUR = '#4a5160';
const LINE_COLOUR = '#0072B2';
/** The line after the update: there, but lighter than the one the loss was computed with. */
const AFTER_OPACITY = 0.35;

interface FitLine {
  predict: (x: number) => number;
  params?: ModelParams;
}

const lineOf = (params: ModelParams): FitLine => ({ predict: (x) => params.w * x + params.b, params });

/**
 * What the fit view draws at a step (0-based, or null before the first): for the linear model the line
 * its batch loss was computed with — before its update — and, lighter, the line after it; for the MLP
 * its latest curve, the only one kept.
 */
function fitLines(
  model: Props['model'],
  data: RunData,
  step: number | null,
  t: I18n['t'],
): { main: FitLine | null; mainText: string; after: (FitLine & { text: string }) | null } {
  if ('curve' in model) {
    const { predict, text } = model.curve;
    return { main: predict ? { predict } : null, mainText: t('fit.model', { model: text }), after: null };
  }
  const { initial, current } = model.linear;
  const around = step !== null ? linearParamsAround(data, initial, step) : null;
  if (!around?.before) {
    return {
      main: current ? lineOf(current) : null,
      mainText: t('fit.model', { model: current ? lineText(current.w, current.b) : t('fit.modelWaiting') }),
      after: null,
    };
  }
  const { before, after } = around;
  return {
    main: lineOf(before),
    mainText: t('fit.lineBefore', { step: step! + 1, model: lineText(before.w, before.b) }),
    after: after ? { ...lineOf(after), text: t('fit.lineAfter', { model: lineText(after.w, after.b) }) } : null,
  };
}

const Points = memo(function Points(props: { columns: DataColumns; scales: Scales; heldOut: Int32Array | null }) {
  const { columns, scales, heldOut } = props;
  const n = columns.x.length;
  const r = n <= 50 ? 6 : n <= 500 ? 3.5 : 2;
  const isHeldOut = new Uint8Array(n);
  for (const i of heldOut ?? []) isHeldOut[i] = 1;
  const trained = evenIndices(n, MAX_POINTS_DRAWN).filter((i) => !isHeldOut[i]);
  return (
    <>
      <path
        className="fit-points"
        d={dotsOf(trained, columns, scales, r)}
        fill={POINT_COLOUR}
        fillOpacity={n > 500 ? 0.45 : 0.8}
      />
      {heldOut && (
        <path
          className="fit-held-out"
          d={dotsOf(evenPick(heldOut, MAX_POINTS_DRAWN), columns, scales, r)}
          fill="none"
          stroke={POINT_COLOUR}
          strokeWidth={1.5}
        />
      )}
    </>
  );
});

export const FitView = memo(function FitView(props: Props) {
  const { columns, moments, model, data, stepsDone, stepsPerEpoch, view } = props;
  const heldOut = props.heldOut ?? null;
  const { hoverStep } = useViewState(view);
  const clipId = useId();
  const i18n = useI18n();
  const { t, count } = i18n;
  const [svgRef, svgWidth] = useElementWidth<SVGSVGElement>();
  const typeScale = useTypeScale();
  const frame = useMemo(() => frameFor(svgWidth, typeScale), [svgWidth, typeScale]);

  // The initial line's ends: step 1's residuals, usually the run's longest, fit in the plot.
  const initial = 'linear' in model ? model.linear.initial : null;
  const reachLow = initial && moments ? initial.w * moments.minX + initial.b : NaN;
  const reachHigh = initial && moments ? initial.w * moments.maxX + initial.b : NaN;
  const scales = useMemo(() => {
    if (!moments || moments.n === 0) return null;
    const [lo, hi] = fitYRange(moments.minY, moments.maxY, [reachLow, reachHigh]);
    return makeScales(padded(moments.minX, moments.maxX, 0.04), padded(lo, hi, 0.08), frame);
  }, [moments, frame, reachLow, reachHigh]);

  if (!columns || !scales) {
    return (
      <figure className="panel fit-view" data-points={0}>
        <figcaption>{t('fit.caption')}</figcaption>
        <p className="panel-note">{t('fit.waiting')}</p>
      </figure>
    );
  }

  const n = columns.x.length;
  const per = Math.max(stepsPerEpoch, 1);
  const step = hoverStep ?? (stepsDone > 0 ? stepsDone - 1 : null);
  const source = hoverStep !== null ? 'pointed' : step !== null ? 'latest' : 'none';
  const epoch = step !== null ? Math.floor(step / per) : 0;
  const batch = step !== null ? step % per : 0;
  const indices =
    step !== null && epoch < data.epochBatches.epochCount ? data.epochBatches.batchIndices(epoch, batch) : null;

  const lines = fitLines(model, data, step, t);
  const predict = lines.main?.predict ?? null;
  const [x0, x1] = scales.xDomain;
  const polyline = (f: (x: number) => number) =>
    Array.from({ length: CURVE_VERTICES + 1 }, (_, i) => {
      const x = x0 + ((x1 - x0) * i) / CURVE_VERTICES;
      return `${scales.x(x).toFixed(1)},${scales.y(f(x)).toFixed(1)}`;
    }).join(' ');
  const curve = predict ? polyline(predict) : '';
  const afterCurve = lines.after ? polyline(lines.after.predict) : '';
  const colour = batchColour(batch);
  const highlighted = indices ? evenPick(indices, MAX_HIGHLIGHT_DRAWN) : [];
  const shownResiduals = predict && indices && indices.length <= MAX_RESIDUALS_DRAWN ? highlighted : [];
  const residuals = predict ? batchResiduals(columns.x, columns.y, shownResiduals, predict) : [];
  const where = { epoch: epoch + 1, batch: batch + 1 };
  const caption =
    source === 'none'
      ? t('fit.noBatch')
      : indices
        ? t(source === 'pointed' ? 'fit.pointed' : 'fit.latest', { ...where, list: shortList(indices, i18n) })
        : t(source === 'pointed' ? 'fit.pointedOld' : 'fit.latestOld', where);

  return (
    <figure
      className="panel fit-view"
      data-points={n}
      data-points-drawn={Math.min(n, MAX_POINTS_DRAWN)}
      data-highlighted={indices?.length ?? 0}
      data-highlight-drawn={highlighted.length}
      data-highlight-source={source}
      data-highlight-step={step !== null ? step + 1 : undefined}
      data-held-out={heldOut ? heldOut.length : undefined}
      data-residuals={residuals.length > 0 ? JSON.stringify(residuals) : undefined}
      data-line-w={lines.main?.params?.w}
      data-line-b={lines.main?.params?.b}
    >
      <figcaption>{t('fit.caption')}</figcaption>
      <svg
        className="fit-svg"
        ref={svgRef}
        viewBox={`0 0 ${scales.frame.width} ${scales.frame.height}`}
        role="img"
        aria-label={i18n.tp('fit.aria', n)}
      >
        <defs>
          <PlotClip id={clipId} frame={scales.frame} />
        </defs>
        <ChartAxes scales={scales} xLabel="x" yLabel="y" />
        <Points columns={columns} scales={scales} heldOut={heldOut} />
        <g clipPath={`url(#${clipId})`}>
          {shownResiduals.map((i, k) => (
            <line
              key={`r${i}`}
              className="fit-residual"
              x1={scales.x(columns.x[i])}
              x2={scales.x(columns.x[i])}
              y1={scales.y(columns.y[i])}
              y2={scales.y(columns.y[i] - residuals[k])}
              stroke="#111418"
              strokeWidth={1.5}
              strokeDasharray="3 2"
            />
          ))}
          {afterCurve && (
            <polyline
              className="fit-prediction-after"
              points={afterCurve}
              fill="none"
              stroke={LINE_COLOUR}
              strokeOpacity={AFTER_OPACITY}
              strokeWidth={2.5}
            />
          )}
          {curve && (
            <polyline className="fit-prediction" points={curve} fill="none" stroke={LINE_COLOUR} strokeWidth={3} />
          )}
        </g>
        <path
          className="fit-highlight"
          d={dotsOf(highlighted, columns, scales, n <= 50 ? 9 : n <= 500 ? 5 : 3.5)}
          fill={colour}
          stroke="#111418"
          strokeWidth={2}
        />
      </svg>
      <ul className="fit-legend">
        <li>
          <span className="dot dot-data" aria-hidden="true" />{' '}
          {n > MAX_POINTS_DRAWN
            ? t('fit.dataDrawn', { n: count(n), drawn: count(MAX_POINTS_DRAWN) })
            : i18n.tp('fit.data', n)}
        </li>
        {heldOut && (
          <li>
            <span className="dot dot-held-out" aria-hidden="true" /> {i18n.tp('fit.heldOut', heldOut.length)}
          </li>
        )}
        <li>
          <span className="line-swatch" aria-hidden="true" /> {lines.mainText}
        </li>
        {lines.after && (
          <li>
            <span className="line-swatch line-swatch-after" aria-hidden="true" /> {lines.after.text}
          </li>
        )}
        <li>
          <span className="dot" style={{ background: colour }} aria-hidden="true" /> {caption}
          {indices && highlighted.length < indices.length
            ? t('fit.someDrawn', { drawn: count(highlighted.length) })
            : ''}
          {residuals.length > 0 &&
            ('linear' in model
              ? t('fit.residualsBefore', { loss: readable(data.stepLoss.get(step!)) })
              : t('fit.residualsLatest'))}
        </li>
      </ul>
    </figure>
  );
});
