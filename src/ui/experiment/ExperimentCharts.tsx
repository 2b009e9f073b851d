// The experiment's two charts (recharts, no animation, log axes like the throughput lab's):
// "Steps to target" — per batch size at its best learning rate, the median steps (and samples =
// steps × B) with the 10–90% band over seeds and McCandlish's fitted trade-off — and "Across
// seeds" — per batch size, the median loss and its 10–90% band by step or by epoch.
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SeedCurves, StepsSeries } from '../../analysis/experiment-views';
import type { TradeoffFit } from '../../analysis/steps-tradeoff';
import { tickLabel } from '../../analysis/ticks';
import { useI18n } from '../../i18n/react';
import { legendOf } from '../ChartLegend';
import { batchSizeAxis, batchSizeLabel, compact, curveColour, decadeAxis } from '../sweep-series';
import { AXIS_TEXT, LEGEND_STYLE, logAxis, sized } from '../ThroughputCharts';
import { useTypeScale } from '../use-type-scale';

const STEPS_COLOUR = '#0072B2';
const SAMPLES_COLOUR = '#D55E00';
/** Points per curve at most: a longer one is drawn at every k-th step. */
const MAX_POINTS = 600;
/** Where an open band (+∞) is cut: far above any loss the axis shows, which clips it at its top. */
const CLIP_TOP = 1e300;

/** A band's open end (a quantile past the runs that reached the target) drawn at the axis' top. */
const clip = (v: number, top: number) => (Number.isFinite(v) ? v : top);

export function StepsChart({
  series,
  fit,
  batchSizes,
}: {
  series: StepsSeries;
  fit: TradeoffFit | null;
  batchSizes: readonly number[];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const px = sized(useTypeScale());
  const x = batchSizeAxis(batchSizes);
  const values = series.points.flatMap((p) => [p.steps.low, p.steps.median, p.samples.median, p.samples.high]);
  const y = decadeAxis([...values, ...(fit?.curve.flatMap((c) => [c.steps, c.samples]) ?? [])]) ?? {
    domain: [1, 10],
    ticks: [1, 10],
  };
  const top = y.domain[1];
  const data = series.points.map((p) => ({
    batchSize: p.batchSize,
    steps: p.steps.median,
    stepsBand: [clip(p.steps.low, top), clip(p.steps.high, top)],
    samples: p.samples.median,
    samplesBand: [clip(p.samples.low, top), clip(p.samples.high, top)],
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart margin={px.margin} accessibilityLayer={false}>
        <CartesianGrid stroke="#d0d4da" strokeDasharray="3 3" />
        <XAxis
          dataKey="batchSize"
          {...logAxis(x, (b: number) => batchSizeLabel(b, i18n))}
          height={px.xHeight}
          tickMargin={px.xTickMargin}
          label={{ value: t('lab.axisBatch'), position: 'insideBottom', offset: px.labelOffset, fill: AXIS_TEXT }}
        />
        <YAxis
          {...logAxis(y, (v: number) => compact(v, '', i18n))}
          width={px.yWidth}
          tickMargin={px.yTickMargin}
          label={{
            value: t('x.axisToTarget'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            dy: px.labelShift,
            fill: AXIS_TEXT,
          }}
        />
        {legendOf(
          [
            { name: t('x.seriesSteps'), colour: STEPS_COLOUR },
            { name: t('x.seriesSamples'), colour: SAMPLES_COLOUR },
            ...(fit ? [{ name: t('x.seriesFit'), colour: '#555', dash: '6 3' }] : []),
          ],
          LEGEND_STYLE,
        )}
        <Area
          data={data}
          dataKey="stepsBand"
          stroke="none"
          fill={STEPS_COLOUR}
          fillOpacity={0.18}
          isAnimationActive={false}
        />
        <Area
          data={data}
          dataKey="samplesBand"
          stroke="none"
          fill={SAMPLES_COLOUR}
          fillOpacity={0.18}
          isAnimationActive={false}
        />
        <Line
          data={data}
          dataKey="steps"
          stroke={STEPS_COLOUR}
          strokeWidth={2}
          dot={{ r: 4, className: 'x-steps-dot', fill: STEPS_COLOUR }}
          activeDot={false}
          isAnimationActive={false}
        />
        <Line
          data={data}
          dataKey="samples"
          stroke={SAMPLES_COLOUR}
          strokeWidth={2}
          dot={{ r: 4, className: 'x-samples-dot', fill: SAMPLES_COLOUR }}
          activeDot={false}
          isAnimationActive={false}
        />
        {fit && (
          <>
            <Line
              data={fit.curve}
              dataKey="steps"
              stroke="#555"
              strokeDasharray="6 3"
              strokeWidth={1.5}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
            />
            <Line
              data={fit.curve}
              dataKey="samples"
              stroke="#555"
              strokeDasharray="6 3"
              strokeWidth={1.5}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
            />
          </>
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** A band's points, every k-th one when there are more than MAX_POINTS; x from 1 (step or epoch). */
function bandPoints(curve: SeedCurves, axis: 'step' | 'epoch') {
  const band = axis === 'step' ? curve.byStep : curve.byEpoch;
  const n = band.median.length;
  const every = Math.max(1, Math.ceil(n / MAX_POINTS));
  const points: { x: number; median: number; band: [number, number] }[] = [];
  for (let i = 0; i < n; i += every) {
    // A diverged seed makes a quantile +∞: the band runs to the plot's top, the median stays drawn.
    const median = band.median[i];
    if (!(Number.isFinite(median) && median > 0)) continue;
    const low = band.low[i] > 0 ? band.low[i] : median;
    points.push({ x: i + 1, median, band: [low, Math.min(band.high[i], CLIP_TOP)] });
  }
  return points;
}

export function SeedsChart({ curves, axis }: { curves: readonly SeedCurves[]; axis: 'step' | 'epoch' }) {
  const { t } = useI18n();
  const px = sized(useTypeScale());
  const series = curves.map((c) => bandPoints(c, axis));
  const xs = series.flatMap((s) => s.map((p) => p.x));
  const x = decadeAxis(xs) ?? { domain: [1, 10], ticks: [1, 10] };
  const y = decadeAxis(series.flatMap((s) => s.flatMap((p) => p.band.filter((v) => v < CLIP_TOP)))) ?? {
    domain: [0.1, 1],
    ticks: [0.1, 1],
  };
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart margin={px.margin} accessibilityLayer={false}>
        <CartesianGrid stroke="#d0d4da" strokeDasharray="3 3" />
        <XAxis
          dataKey="x"
          {...logAxis(x, tickLabel)}
          height={px.xHeight}
          tickMargin={px.xTickMargin}
          label={{
            value: t(axis === 'step' ? 'x.axisStep' : 'x.axisEpoch'),
            position: 'insideBottom',
            offset: px.labelOffset,
            fill: AXIS_TEXT,
          }}
        />
        <YAxis
          {...logAxis(y, tickLabel)}
          width={px.yWidth}
          tickMargin={px.yTickMargin}
          label={{
            value: t('loss.yAxis'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            dy: px.labelShift,
            fill: AXIS_TEXT,
          }}
        />
        {legendOf(
          curves.map((c, i) => ({ name: `B=${c.batchSize}`, colour: curveColour(i, curves.length), width: 2 })),
          LEGEND_STYLE,
        )}
        {curves.map((c, i) => (
          <Area
            key={`band-${c.batchSize}`}
            data={series[i]}
            dataKey="band"
            stroke="none"
            fill={curveColour(i, curves.length)}
            fillOpacity={0.15}
            isAnimationActive={false}
          />
        ))}
        {curves.map((c, i) => (
          <Line
            key={`median-${c.batchSize}`}
            className="x-seed-median"
            data={series[i]}
            dataKey="median"
            name={`B=${c.batchSize}`}
            stroke={curveColour(i, curves.length)}
            strokeWidth={2}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
