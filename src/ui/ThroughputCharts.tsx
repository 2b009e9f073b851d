// The throughput lab's charts (recharts, no animation): samples/s and time per epoch against batch
// size, and one loss curve per batch size against wall-clock time or epochs. All axes are log:
// batch sizes double, rates and times span decades.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SweepPoint } from '../protocol';
import { tickLabel } from './analysis/ticks';
import { useTypeScale } from './use-type-scale';
import { batchSizeAxis, compact, curveColour, decadeAxis, lossCurve, secondsText, type LogAxis } from './sweep-series';

const AXIS_TEXT = '#3d4450';
const RATE_COLOUR = '#0072B2';
const EPOCH_COLOUR = '#D55E00';
/** Pixel sizes recharts wants, grown with the page's type (k, useTypeScale) so larger labels keep their room. */
const sized = (k: number) => {
  // Where the axes meet, the lowest y label (centred on the corner, half its ~19k px height below it)
  // and the first x label (wide: "1 ms") would touch: the x labels sit that much lower.
  const xTickMargin = 14 * k - 6;
  return {
    margin: { top: 8, right: 16 * k, bottom: 24 * k, left: 16 * k },
    yWidth: 64 * k,
    // "100 ms" and "s per epoch" side by side need more than the left axis' 64 px.
    rightWidth: 84 * k,
    xHeight: 24 * k + 6 + xTickMargin,
    xTickMargin,
    yTickMargin: 2 + 6 * (k - 1),
    labelOffset: -12 * k,
    labelShift: 30 * k,
  };
};

const legendText = (value: string) => <span className="legend-text">{value}</span>;
// The padding keeps the top tick label, centred on the plot's edge, clear of a legend that wraps.
const LEGEND_STYLE = { fontSize: '0.8rem', lineHeight: 1.3, paddingBottom: '0.6em' };

/** The props every log axis here shares: its decades or batch sizes, and how its ticks read. */
const logAxis = ({ domain, ticks }: LogAxis, tickFormatter: (value: number) => string) =>
  ({ type: 'number', scale: 'log', domain, ticks, tickFormatter, allowDataOverflow: true, tick: { fill: AXIS_TEXT } }) as const;

/** Samples per second (left axis) and seconds per epoch (right axis) against batch size. */
export function RateChart({ points, batchSizes }: { points: readonly SweepPoint[]; batchSizes: readonly number[] }) {
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
          {...logAxis(x, (b: number) => compact(b))}
          height={px.xHeight}
          tickMargin={px.xTickMargin}
          label={{ value: 'Batch size (log 2)', position: 'insideBottom', offset: px.labelOffset, fill: AXIS_TEXT }}
        />
        <YAxis
          yAxisId="rate"
          {...logAxis(rate, (v: number) => compact(v))}
          width={px.yWidth}
          tickMargin={px.yTickMargin}
          label={{ value: 'samples/s', angle: -90, position: 'insideLeft', offset: 4, dy: px.labelShift, fill: AXIS_TEXT }}
        />
        <YAxis
          yAxisId="epoch"
          orientation="right"
          {...logAxis(epoch, secondsText)}
          width={px.rightWidth}
          tickMargin={px.yTickMargin}
          label={{ value: 's per epoch', angle: 90, position: 'insideRight', offset: 4, dy: -px.labelShift, fill: AXIS_TEXT }}
        />
        <Legend verticalAlign="top" itemSorter={null} wrapperStyle={LEGEND_STYLE} formatter={legendText} />
        <Line
          yAxisId="rate"
          dataKey="samplesPerSecond"
          name="Samples per second"
          stroke={RATE_COLOUR}
          strokeWidth={2}
          dot={{ r: 4, className: 'sweep-rate-dot', fill: RATE_COLOUR }}
          activeDot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="epoch"
          dataKey="secondsPerEpoch"
          name="Seconds per epoch"
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

/** One loss curve per batch size, against wall-clock seconds or epochs. */
export function LossCurves({ points, axis }: { points: readonly SweepPoint[]; axis: 'seconds' | 'epochs' }) {
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
            value: axis === 'seconds' ? 'Wall-clock time (log)' : 'Epochs (log)',
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
          label={{ value: 'MSE loss', angle: -90, position: 'insideLeft', offset: 4, dy: px.labelShift, fill: AXIS_TEXT }}
        />
        <Legend verticalAlign="top" itemSorter={null} wrapperStyle={LEGEND_STYLE} formatter={legendText} />
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
