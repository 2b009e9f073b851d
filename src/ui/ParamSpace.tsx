// The linear model's two parameters as a plane: the full-data loss as contour lines (exact ellipses
// — the loss is quadratic in (w, b)), the path SGD took, and at one step the step the mini-batch
// took next to the step the full data would have taken from the same point. Their disagreement is
// the noise of a small batch. A model with more than two parameters has no such picture.
import { memo, useId, useMemo } from 'react';
import { useI18n } from '../i18n/react';
import type { ModelParams } from '../protocol';
import type { RunData } from '../state/run-data';
import { useViewState, type ViewStore } from '../state/view-store';
import { optimum, type DataMoments } from '../analysis/linear-loss';
import { contourLevels, levelEllipse, paramBox, stepArrows, type ParamPoint } from '../analysis/param-space';
import { evenIndices } from '../analysis/sampling';
import { useTypeScale } from './use-type-scale';
import { ChartAxes, frameFor, makeScales, PlotClip, type Scales } from './ChartAxes';
import { readable } from './numbers';
import { Term } from './Term';
import { useElementWidth } from './use-element-width';

const MAX_PATH_VERTICES = 1000;
const MIN_ARROW_PX = 48;
const BATCH_ARROW = '#0072B2';
const FULL_ARROW = '#D55E00';

interface Props {
  /** Null for models with more than two parameters. */
  moments: DataMoments | null;
  isLinear: boolean;
  parameterCount: number;
  initial: ModelParams | null;
  data: RunData;
  stepsDone: number;
  learningRate: number;
  view: ViewStore;
}

function pathVertices(initial: ModelParams, data: RunData, stepsDone: number): ParamPoint[] {
  const w = data.paramW.view();
  const b = data.paramB.view();
  return evenIndices(stepsDone + 1, MAX_PATH_VERTICES).map((i) => (i === 0 ? initial : { w: w[i - 1], b: b[i - 1] }));
}

function Contours({
  moments,
  best,
  scales,
  box,
}: {
  moments: DataMoments;
  best: ParamPoint;
  scales: Scales;
  box: ReturnType<typeof paramBox>;
}) {
  const levels = contourLevels(moments, box, 10);
  return (
    <g className="param-contours" fill="none">
      {levels.map((level, k) => {
        const ring = levelEllipse(moments, best, level);
        const d = ring
          .map((p, i) => `${i === 0 ? 'M' : 'L'}${scales.x(p.w).toFixed(1)},${scales.y(p.b).toFixed(1)}`)
          .join('');
        const shade = Math.round(60 + (150 * k) / Math.max(levels.length - 1, 1));
        return (
          <path
            key={level}
            className="param-contour"
            d={d}
            stroke={`rgb(${shade}, ${shade + 20}, ${Math.min(shade + 70, 230)})`}
            strokeWidth={1.5}
            data-level={level}
          />
        );
      })}
    </g>
  );
}

const angleBetween = (a: ParamPoint, b: ParamPoint) => {
  const cos = (a.w * b.w + a.b * b.b) / (Math.hypot(a.w, a.b) * Math.hypot(b.w, b.b));
  return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
};

export const ParamSpace = memo(function ParamSpace(props: Props) {
  const { moments, isLinear, parameterCount, initial, data, stepsDone, learningRate, view } = props;
  const { hoverStep } = useViewState(view);
  const clipId = useId();
  const i18n = useI18n();
  const { t, count } = i18n;
  const [svgRef, svgWidth] = useElementWidth<SVGSVGElement>();
  const typeScale = useTypeScale();
  const best = useMemo(() => (moments ? optimum(moments) : null), [moments]);

  if (!isLinear) {
    return (
      <figure className="panel param-space" data-model="mlp" data-contours={0}>
        <figcaption>{t('space.caption')}</figcaption>
        <p className="param-unavailable">{t('space.mlp', { n: count(parameterCount) })}</p>
      </figure>
    );
  }
  if (!moments || !initial) {
    return (
      <figure className="panel param-space" data-model="linear" data-contours={0}>
        <figcaption>{t('space.caption')}</figcaption>
        <p className="panel-note">{t('space.waiting')}</p>
      </figure>
    );
  }

  const path = pathVertices(initial, data, stepsDone);
  const box = paramBox(path, best);
  const scales = makeScales([box.wMin, box.wMax], [box.bMin, box.bMax], frameFor(svgWidth, typeScale));
  const points = path.filter((p) => Number.isFinite(p.w) && Number.isFinite(p.b));
  const polyline = points.map((p) => `${scales.x(p.w).toFixed(1)},${scales.y(p.b).toFixed(1)}`).join(' ');
  const current = points.at(-1);

  // The step shown with arrows: the one pointed at (if trained), else the latest.
  const s = hoverStep !== null && hoverStep < stepsDone ? hoverStep : stepsDone - 1;
  const w = data.paramW.view();
  const b = data.paramB.view();
  const arrows =
    s >= 0
      ? stepArrows(moments, s === 0 ? initial : { w: w[s - 1], b: b[s - 1] }, { w: w[s], b: b[s] }, learningRate)
      : null;
  let arrowView = null;
  let arrowText = '';
  let magnified = false;
  if (
    arrows &&
    [arrows.from.w, arrows.from.b, arrows.batch.w, arrows.batch.b, arrows.full.w, arrows.full.b].every(Number.isFinite)
  ) {
    const fx = scales.x(arrows.from.w);
    const fy = scales.y(arrows.from.b);
    const px = (d: ParamPoint) => [scales.x(arrows.from.w + d.w) - fx, scales.y(arrows.from.b + d.b) - fy];
    const [bx, by] = px(arrows.batch);
    const [gx, gy] = px(arrows.full);
    const longest = Math.max(Math.hypot(bx, by), Math.hypot(gx, gy));
    const magnify = longest > 0 && longest < MIN_ARROW_PX ? MIN_ARROW_PX / longest : 1;
    magnified = magnify > 1;
    arrowView = (
      <g className="param-arrows" strokeWidth={3} data-magnify={magnify}>
        <line
          className="param-arrow-full"
          x1={fx}
          y1={fy}
          x2={fx + gx * magnify}
          y2={fy + gy * magnify}
          stroke={FULL_ARROW}
          markerEnd={`url(#${clipId}-full)`}
        />
        <line
          className="param-arrow-batch"
          x1={fx}
          y1={fy}
          x2={fx + bx * magnify}
          y2={fy + by * magnify}
          stroke={BATCH_ARROW}
          markerEnd={`url(#${clipId}-batch)`}
        />
      </g>
    );
    const ratio = Math.hypot(arrows.batch.w, arrows.batch.b) / Math.hypot(arrows.full.w, arrows.full.b);
    const angle = angleBetween(arrows.batch, arrows.full);
    const words = {
      step: count(s + 1),
      angle: angle.toFixed(0),
      // Two decimals read well; a diverged run's ratios follow the shared rule (2.0884e+28).
      ratio: Number.isFinite(ratio) ? (ratio < 1e6 ? ratio.toFixed(2) : readable(ratio)) : '∞',
    };
    arrowText =
      magnify > 1
        ? t('space.arrowsMagnified', { ...words, magnify: magnify.toFixed(magnify < 10 ? 1 : 0) })
        : t('space.arrows', words);
  }
  const marker = (id: string, colour: string) => (
    <marker id={id} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
      <path d="M0,0L10,5L0,10z" fill={colour} />
    </marker>
  );

  return (
    <figure
      className="panel param-space"
      data-model="linear"
      data-contours={best ? contourLevels(moments, box, 10).length : 0}
      data-path-points={points.length}
      data-path-steps={stepsDone}
      data-arrow-step={arrowView ? s + 1 : undefined}
    >
      <figcaption>{t('space.caption')}</figcaption>
      <svg
        className="param-svg"
        ref={svgRef}
        viewBox={`0 0 ${scales.frame.width} ${scales.frame.height}`}
        role="img"
        aria-label={t('space.aria')}
      >
        <defs>
          <PlotClip id={clipId} frame={scales.frame} />
          {marker(`${clipId}-batch`, BATCH_ARROW)}
          {marker(`${clipId}-full`, FULL_ARROW)}
        </defs>
        <ChartAxes scales={scales} xLabel={t('space.xAxis')} yLabel={t('space.yAxis')} />
        <g clipPath={`url(#${clipId})`}>
          {best && <Contours moments={moments} best={best} scales={scales} box={box} />}
          {best && (
            <path
              className="param-minimum"
              d={`M${scales.x(best.w) - 7},${scales.y(best.b) - 7}l14,14m0,-14l-14,14`}
              stroke="#111418"
              strokeWidth={3}
            />
          )}
          <polyline
            className="param-path"
            points={polyline}
            fill="none"
            stroke="#111418"
            strokeWidth={1.5}
            strokeOpacity={0.75}
          />
          {current && <circle cx={scales.x(current.w)} cy={scales.y(current.b)} r={5} fill="#111418" />}
          {arrowView}
        </g>
      </svg>
      <ul className="fit-legend">
        <li>
          {best ? t('space.contours', { w: readable(best.w), b: readable(best.b) }) : t('space.contoursFlat')}
          <Term explain="glossary.contours" />
        </li>
        <li>
          <span className="line-swatch line-swatch-path" aria-hidden="true" /> {i18n.tp('space.path', stepsDone)}
        </li>
        <li>
          <span className="line-swatch" style={{ background: BATCH_ARROW }} aria-hidden="true" /> {t('space.batchStep')}
          <Term explain="glossary.batchGradient" />{' '}
          <span className="line-swatch" style={{ background: FULL_ARROW }} aria-hidden="true" /> {t('space.fullStep')}
        </li>
        {arrowText && (
          <li className="param-arrow-text">
            {arrowText}
            {magnified && <Term explain="glossary.magnified" />}
          </li>
        )}
      </ul>
    </figure>
  );
});
