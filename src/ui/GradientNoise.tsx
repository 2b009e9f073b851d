// The figure "Gradient noise": every mini-batch gradient g_B of the current batch size (or 5,000
// drawn) as dots around the full-data gradient G at one step's parameters, the step's own batch,
// the 2σ ellipse of the formula's covariance, the numbers, and a log–log chart of E|g_B − G|² over
// B = 1 … N. The maths runs in its own worker (state/noise-client.ts); this only draws its answer.
// Loaded on demand (Charts.tsx), so it costs the first paint nothing.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { GradientNoise as Noise } from '../analysis/gradient-noise';
import { covarianceEllipse, plotBox } from '../analysis/noise-plot';
import { useI18n } from '../i18n/react';
import type { I18n } from '../i18n/translate';
import { NoiseClient, noiseTarget, useNoiseShown, type NoiseShown } from '../state/noise-client';
import type { RunSnapshot } from '../state/run-store';
import { useViewState, type ViewStore } from '../state/view-store';
import { useTypeScale } from './use-type-scale';
import { ChartAxes, frameFor, makeScales, PlotClip } from './ChartAxes';
import { NoiseCurve } from './NoiseCurve';
import { Term } from './Term';
import { useElementWidth } from './use-element-width';
import { significant } from './numbers';

const CLOUD = '#0072B2';
const FULL = '#D55E00';
const ACTUAL = '#111418';
const ELLIPSE_SIGMAS = 2;
/** Why the MLP's picture is at its latest parameters instead of the step's own. */
const WHY_LATEST = {
  'batches-gone': 'noise.whyGone',
  'too-large': 'noise.whyLarge',
  'not-kept': 'noise.whyNotKept',
} as const;
/** A paper's title is not translated: it is cited as published. */
const CITATION = 'McCandlish et al. 2018, "An Empirical Model of Large-Batch Training"';

/** A few significant digits for reading; the data-* attributes carry the full numbers. */
const shortNumber = (x: number): string => significant(x);

/**
 * The dots on a canvas under the SVG: 5,000 of them as an SVG path cost the page's thread a
 * 150 kB path string, its parsing and its painting at every picture; here they are 5,000
 * rectangles drawn straight into pixels. The canvas has the SVG's box and scales its viewBox the
 * same way (object-fit: contain is the SVG's xMidYMid meet), so its units are the viewBox's.
 */
function CloudDots({ noise, scales }: { noise: Noise; scales: ReturnType<typeof makeScales> }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { frame } = scales;
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // The viewBox's scale on screen: the smaller of the two ratios when max-height letterboxes it.
    const shown = Math.min(canvas.clientWidth / frame.width, canvas.clientHeight / frame.height) || 1;
    const pixelsPerUnit = Math.max(1, shown * (window.devicePixelRatio || 1));
    canvas.width = Math.round(frame.width * pixelsPerUnit);
    canvas.height = Math.round(frame.height * pixelsPerUnit);
    ctx.setTransform(pixelsPerUnit, 0, 0, pixelsPerUnit, 0, 0);
    ctx.beginPath();
    ctx.rect(frame.left, frame.top, frame.width - frame.left - frame.right, frame.height - frame.top - frame.bottom);
    ctx.clip();
    ctx.fillStyle = CLOUD;
    ctx.globalAlpha = 0.55;
    // Few batches get big dots, thousands small ones; one path, filled once, as the SVG's was:
    // where dots overlap the colour does not deepen.
    const size = noise.batchesDrawn <= 200 ? 7 : noise.batchesDrawn <= 1000 ? 4 : 2.4;
    const { cloud } = noise;
    ctx.beginPath();
    for (let k = 0; k < cloud.length; k += 2) {
      ctx.rect(scales.x(cloud[k]) - size / 2, scales.y(cloud[k + 1]) - size / 2, size, size);
    }
    ctx.fill();
    canvas.dataset.dots = String(cloud.length / 2);
  }, [noise, scales, frame]);
  return <canvas ref={canvasRef} className="noise-dots" aria-hidden="true" />;
}

/** The corners of the dots' bounding box: what the plot's box needs of 5,000 points, without 5,000 pairs. */
function cloudCorners(cloud: Float64Array): [number, number][] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let k = 0; k < cloud.length; k += 2) {
    const [x, y] = [cloud[k], cloud[k + 1]];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x0 <= x1
    ? [
        [x0, y0],
        [x1, y1],
      ]
    : [];
}

function CloudPlot({ noise, width, t }: { noise: Noise; width: number; t: I18n['t'] }) {
  const clipId = `noise-clip-${noise.n}`;
  const typeScale = useTypeScale();
  const covariance = noise.planeCovariance.map((c) => c * noise.batchFactor) as [number, number, number];
  const ellipse = covarianceEllipse(noise.center, covariance, ELLIPSE_SIGMAS);
  const points: [number, number][] = [[0, 0], noise.center, ...ellipse, ...cloudCorners(noise.cloud)];
  if (noise.actual) points.push([noise.actual.x, noise.actual.y]);
  const box = plotBox(points);
  const scales = makeScales(box.x, box.y, frameFor(width, typeScale));
  const ring = ellipse
    .map(([x, y], i) => `${i ? 'L' : 'M'}${scales.x(x).toFixed(1)},${scales.y(y).toFixed(1)}`)
    .join('');
  const [gx, gy] = [scales.x(noise.center[0]), scales.y(noise.center[1])];
  const linear = noise.axes === 'parameters';
  return (
    <div className="noise-plot">
      <CloudDots noise={noise} scales={scales} />
      <svg
        className="param-svg noise-cloud"
        viewBox={`0 0 ${scales.frame.width} ${scales.frame.height}`}
        role="img"
        aria-label={t('noise.aria')}
      >
        <defs>
          <PlotClip id={clipId} frame={scales.frame} />
        </defs>
        <ChartAxes
          scales={scales}
          xLabel={t(linear ? 'noise.axisW' : 'noise.axisG')}
          yLabel={t(linear ? 'noise.axisB' : 'noise.axisTop')}
        />
        <g clipPath={`url(#${clipId})`}>
          <path className="noise-ellipse" d={ring} fill="none" stroke={CLOUD} strokeWidth={2} strokeDasharray="6 4" />
          <circle cx={scales.x(0)} cy={scales.y(0)} r={5} fill="none" stroke={ACTUAL} strokeWidth={1.5} />
          <path className="noise-full" d={`M${gx - 9},${gy}h18M${gx},${gy - 9}v18`} stroke={FULL} strokeWidth={3.5} />
          {noise.actual && (
            <path
              className="noise-actual"
              d={`M${scales.x(noise.actual.x)},${scales.y(noise.actual.y) - 8}l8,8l-8,8l-8,-8z`}
              fill={ACTUAL}
              stroke="#fff"
              strokeWidth={1.5}
            />
          )}
        </g>
      </svg>
    </div>
  );
}

function NoiseText({
  noise,
  shown,
  isLinear,
  afterRun,
}: {
  noise: Noise;
  shown: NoiseShown;
  isLinear: boolean;
  afterRun: boolean;
}) {
  const { t, count } = useI18n();
  const { n, batchSize: b, replacement } = noise;
  const step = shown.step + 1;
  const cloud = noise.enumerated
    ? t(replacement ? 'noise.cloudOrdered' : 'noise.cloudSubsets', {
        count: count(noise.batchesDrawn),
        b: count(b),
        n: count(n),
      })
    : t('noise.cloudDrawn', {
        count: count(noise.batchesDrawn),
        b: count(b),
        how: t(replacement ? 'noise.with' : 'noise.without'),
      }) + (shown.refining ? t('noise.drawingMore', { planned: count(noise.batchesPlanned) }) : '');
  const actual = noise.actual;
  const se = noise.varianceMeasuredSd / Math.sqrt(noise.batchesDrawn);
  const replayed = shown.paramsFrom < shown.step;
  return (
    <ul className="fit-legend noise-text">
      <li>
        {!shown.latestOnly
          ? t('noise.stepBefore', { step: count(step) })
          : t(afterRun ? 'noise.stepAfterRun' : 'noise.stepMlpLatest', {
              step: count(step),
              why: t(WHY_LATEST[shown.latestOnly]),
            })}
        {replayed && t('app.sentenceGap')}
        {replayed &&
          (shown.paramsFrom === 0
            ? t('noise.replayedFromStart')
            : t('noise.replayed', { from: count(shown.paramsFrom) }))}
      </li>
      {!isLinear && (
        <li>
          {t('noise.planeMlp', { dim: count(noise.dim) })}
          {noise.directionSamples < n ? t('noise.planeSampled', { m: count(noise.directionSamples) }) : ''}
        </li>
      )}
      <li>
        <span className="line-swatch" style={{ background: CLOUD }} aria-hidden="true" /> {cloud}
      </li>
      <li>
        {t('noise.full')} {t('noise.origin')}
      </li>
      {actual ? (
        <li>
          {actual.size === b
            ? t('noise.actual', { size: count(actual.size), value: shortNumber(actual.distanceSq) })
            : t('noise.actualShort', { size: count(actual.size), b: count(b), value: shortNumber(actual.distanceSq) })}
        </li>
      ) : (
        !afterRun && <li>{t('noise.noActual')}</li>
      )}
      <li>{t('noise.ellipse', { cov: replacement ? 'Σ / B' : 'Σ / B · (N − B)/(N − 1)' })}</li>
      <li className="noise-formula">
        {t('noise.formulaAndMeasured', {
          formula: t(replacement ? 'noise.formulaWith' : 'noise.formulaWithout', {
            value: shortNumber(noise.varianceFormula),
          }),
          measured: noise.enumerated
            ? t('noise.measuredAll', { count: count(noise.batchesDrawn), value: shortNumber(noise.varianceMeasured) })
            : t('noise.measuredDrawn', {
                count: count(noise.batchesDrawn),
                value: shortNumber(noise.varianceMeasured),
                se: shortNumber(se),
              }),
        })}
      </li>
      <li>{t('noise.moments', { trace: shortNumber(noise.trace), g2: shortNumber(noise.gradNormSq), n: count(n) })}</li>
      <li className="noise-scale">
        {t('noise.scale', { scale: shortNumber(noise.noiseScale) })}
        {t('app.sentenceGap')}
        {t('noise.scaleMeaning')} <cite lang="en">{CITATION}</cite>
      </li>
    </ul>
  );
}

interface Props {
  /** The throttled snapshot: a new picture at most ~15 times a second, and one computation at a time. */
  run: RunSnapshot;
  view: ViewStore;
}

export const GradientNoise = memo(function GradientNoise({ run, view }: Props) {
  const { t } = useI18n();
  const { hoverStep } = useViewState(view);
  const [client] = useState(() => new NoiseClient());
  useEffect(() => () => client.dispose(), [client]);
  const target = noiseTarget(run, hoverStep);
  useEffect(() => {
    if (target) client.want(target);
  });
  const shown = useNoiseShown(client);
  const [svgRef, width] = useElementWidth<HTMLDivElement>();
  const current = shown && shown.runId === run.runId ? shown : null;
  const noise = current?.result;
  const isLinear = run.config.model === 'linear';
  const totalSteps = run.stepsPerEpoch * run.config.epochs;
  const afterRun = current !== null && current.step >= totalSteps;
  // The run changes every step, the picture only when the worker answers: between answers a
  // render of the figure costs the target's few lines, not the cloud, the text and the curve again.
  const body = useMemo(
    () =>
      noise && current ? (
        <>
          <CloudPlot noise={noise} width={width} t={t} />
          <NoiseText noise={noise} shown={current} isLinear={isLinear} afterRun={afterRun} />
          <NoiseCurve noise={noise} width={width} />
        </>
      ) : (
        <p className="panel-note">{t('noise.waiting')}</p>
      ),
    [noise, current, width, t, isLinear, afterRun],
  );
  return (
    <figure
      className="panel gradient-noise"
      data-step={current ? current.step + 1 : undefined}
      data-params-from={current?.paramsFrom}
      data-batch-size={noise?.batchSize}
      data-batches-drawn={noise?.batchesDrawn}
      data-batches-planned={noise?.batchesPlanned}
      data-enumerated={noise ? (noise.enumerated ? 1 : 0) : undefined}
      data-variance={noise ? String(noise.varianceMeasured) : undefined}
      data-variance-formula={noise ? String(noise.varianceFormula) : undefined}
      data-noise-scale={noise ? String(noise.noiseScale) : undefined}
      data-trace={noise ? String(noise.trace) : undefined}
      data-grad-norm-sq={noise ? String(noise.gradNormSq) : undefined}
    >
      <figcaption>{t('noise.caption')}</figcaption>
      <span className="caption-term">
        <Term explain="glossary.gradientNoise" />
      </span>
      <div ref={svgRef}>{body}</div>
    </figure>
  );
});

export default GradientNoise;
