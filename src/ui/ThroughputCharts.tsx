// The throughput lab's charts (recharts, no animation): samples/s and time per epoch against batch
// size, and one loss curve per batch size against wall-clock time or epochs. All axes are log:
// batch sizes double, rates and times span decades. Many loss curves share one colour scale by
// batch size instead of a legend entry each (15 look-alike entries say less than one ramp).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n/react';
import type { SweepPoint } from '../protocol';
import { tickLabel } from '../analysis/ticks';
import { legendOf } from './ChartLegend';
import { useTypeScale } from './use-type-scale';
import {
  batchSizeAxis,
  batchSizeLabel,
  compact,
  curveColour,
  decadeAxis,
  lossCurve,
  secondsText,
  type LogAxis,
} from './sweep-series';

export const AXIS_TEXT = '#3d4450';
const RATE_COLOUR = '#0072B2';
const EPOCH_COLOUR = '#D55E00';
/** Pixel sizes recharts wants, grown with the page's type (k, useTypeScale) so larger labels keep their room. */
export const sized = (k: number) => {
  // Where the axes meet, the lowest y label (centred on the corner, half its ~19k px height below it)
  // and the first x label (wide: "1 ms") would touch: the x labels sit that much lower.
  const xTickMargin = 14 * k - 6;
  return {
    margin: { top: 8, right: 16 * k, bottom: 24 * k, left: 16 * k },
    // Room for the widest tick label ("100 k") beside the axis title, which the title is shifted along.
    yWidth: 72 * k,
    // "100 ms" and "s per epoch" side by side need more than the left axis' 64 px.
    rightWidth: 84 * k,
    xHeight: 24 * k + 6 + xTickMargin,
    xTickMargin,
    yTickMargin: 2 + 6 * (k - 1),
    labelOffset: -12 * k,
    labelShift: 30 * k,
  };
};

// The padding keeps the top tick label, centred on the plot's edge, clear of a legend that wraps.
export const LEGEND_STYLE = { fontSize: '0.8rem', lineHeight: 1.3, paddingBottom: '0.6em' };

/** The props every log axis here shares: its decades or batch sizes, and how its ticks read. */
export const logAxis = ({ domain, ticks }: LogAxis, tickFormatter: (value: number) => string) =>
  ({
    type: 'number',
    scale: 'log',
    domain,
    ticks,
    tickFormatter,
    allowDataOverflow: true,
    tick: { fill: AXIS_TEXT },
  }) as const;

/** Samples per second (left axis) and seconds per epoch (right axis) against batch size. */
export function RateChart({ points, batchSizes }: { points: readonly SweepPoint[]; batchSizes: readonly number[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const data = [...points].sort((a, b) => a.batchSize - b.batchSize);
  const x = batchSizeAxis(batchSizes);
  const rate = decadeAxis(data.map((p) => p.samplesPerSecond)) ?? { domain: [1, 10], ticks: [1, 10] };
  const epoch = decadeAxis(data.map((p) => p.secondsPerEpoch)) ?? { domain: [1e-3, 1], ticks: [1e-3, 1] };
  const px = sized(useTypeScale());
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={px.margin} accessibilityLayer={false}>
        <CartesianGrid stroke="#d0d4da" strokeDasharray="3 3" />
        <XAxis
          dataKey="batchSize"
          {...logAxis(x, (b: number) => batchSizeLabel(b, i18n))}
          height={px.xHeight}
          tickMargin={px.xTickMargin}
          label={{ value: t('lab.axisBatch'), position: 'insideBottom', offset: px.labelOffset, fill: AXIS_TEXT }}
        />
        <YAxis
          yAxisId="rate"
          {...logAxis(rate, (v: number) => compact(v, '', i18n))}
          width={px.yWidth}
          tickMargin={px.yTickMargin}
          label={{
            value: t('lab.axisRate'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            dy: px.labelShift,
            fill: AXIS_TEXT,
          }}
        />
        <YAxis
          yAxisId="epoch"
          orientation="right"
          {...logAxis(epoch, secondsText)}
          width={px.rightWidth}
          tickMargin={px.yTickMargin}
          label={{
            value: t('lab.axisEpochTime'),
            angle: 90,
            position: 'insideRight',
            offset: 4,
            dy: -px.labelShift,
            fill: AXIS_TEXT,
          }}
        />
        {legendOf(
          [
            { name: t('lab.seriesRate'), colour: RATE_COLOUR },
            { name: t('lab.seriesEpochTime'), colour: EPOCH_COLOUR, dash: '6 3' },
          ],
          LEGEND_STYLE,
        )}
        <Line
          yAxisId="rate"
          dataKey="samplesPerSecond"
          name={t('lab.seriesRate')}
          stroke={RATE_COLOUR}
          strokeWidth={2}
          dot={{ r: 4, className: 'sweep-rate-dot', fill: RATE_COLOUR }}
          activeDot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="epoch"
          dataKey="secondsPerEpoch"
          name={t('lab.seriesEpochTime')}
          stroke={EPOCH_COLOUR}
          strokeWidth={2}
          strokeDasharray="6 3"
          dot={{ r: 4, className: 'sweep-epoch-dot', fill: EPOCH_COLOUR }}
          activeDot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Up to this many curves get a legend entry each; more share a colour scale. */
const MAX_LEGEND_CURVES = 5;
const SCALE_LABELS = 3;

/** The loss curves' colours as one ramp from the smallest batch size to the largest, a few of them named. */
function ColourScale({ batchSizes }: { batchSizes: readonly number[] }) {
  const i18n = useI18n();
  const n = batchSizes.length;
  const stops = batchSizes.map((_, i) => `${curveColour(i, n)} ${((100 * i) / Math.max(n - 1, 1)).toFixed(1)}%`);
  const named = Array.from({ length: SCALE_LABELS }, (_, k) => Math.round((k * (n - 1)) / (SCALE_LABELS - 1)));
  return (
    <div className="sweep-colour-scale" data-batch-sizes={batchSizes.join(' ')}>
      <span className="legend-text">{i18n.t('lab.colourScale')}</span>
      <span className="sweep-colour-ramp">
        <span
          className="sweep-colour-bar"
          aria-hidden="true"
          style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }}
        />
        <span className="sweep-colour-labels">
          {[...new Set(named)].map((i) => (
            <span key={i} style={{ left: `${(100 * i) / Math.max(n - 1, 1)}%` }}>
              {i18n.t('lab.curveName', { batch: batchSizeLabel(batchSizes[i], i18n) })}
            </span>
          ))}
        </span>
      </span>
    </div>
  );
}

/** One loss curve per batch size, against wall-clock seconds or epochs. */
export function LossCurves({ points, axis }: { points: readonly SweepPoint[]; axis: 'seconds' | 'epochs' }) {
  const { t } = useI18n();
  const curves = points.map((p) => lossCurve(p, axis));
  const x = decadeAxis(curves.flatMap((c) => c.map((q) => q.x))) ?? { domain: [0.1, 1], ticks: [0.1, 1] };
  const y = decadeAxis(curves.flatMap((c) => c.map((q) => q.loss))) ?? { domain: [0.1, 1], ticks: [0.1, 1] };
  const px = sized(useTypeScale());
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={px.margin} accessibilityLayer={false}>
        <CartesianGrid stroke="#d0d4da" strokeDasharray="3 3" />
        <XAxis
          dataKey="x"
          {...logAxis(x, axis === 'seconds' ? secondsText : tickLabel)}
          height={px.xHeight}
          tickMargin={px.xTickMargin}
          label={{
            value: t(axis === 'seconds' ? 'lab.axisTime' : 'lab.axisEpochs'),
            position: 'insideBottom',
            offset: px.labelOffset,
            fill: AXIS_TEXT,
          }}
        />
        <YAxis
          dataKey="loss"
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
        {points.length <= MAX_LEGEND_CURVES ? (
          legendOf(
            points.map((p, i) => ({ name: `B=${p.batchSize}`, colour: curveColour(i, points.length), width: 1.75 })),
            LEGEND_STYLE,
          )
        ) : (
          <Legend
            verticalAlign="top"
            wrapperStyle={LEGEND_STYLE}
            content={() => <ColourScale batchSizes={points.map((p) => p.batchSize)} />}
          />
        )}
        {points.map((p, i) => (
          <Line
            key={p.batchSize}
            className="sweep-loss-curve"
            data={curves[i]}
            dataKey="loss"
            name={`B=${p.batchSize}`}
            stroke={curveColour(i, points.length)}
            strokeWidth={1.75}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
