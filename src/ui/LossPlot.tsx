// The loss chart's plot: recharts' chart, its hidden axes (they make the scales), our grid and axes
// on them (LossAxes), the legend, the pinned runs' curves and the live layer. Loaded after the
// first paint (LossChart, the frame around it, is in the page's first script). Memo: it renders
// again only when its axes, legend or pinned runs change; the live curves follow their store.
import { memo, useMemo } from 'react';
import { Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { PinnedRun } from '../state/pinned-runs';
import { useLatest, type Latest } from '../state/latest';
import type { ChartPoint } from '../analysis/loss-series';
import { legendOf, type LegendItem } from './ChartLegend';
import { LossAxes } from './LossAxes';
import { LiveCurve } from './LiveCurve';
import { LossOverlay } from './LossOverlay';
import { ghostStyle } from './PinnedList';
import {
  AXIS_TEXT,
  EPOCH_COLOUR,
  EPOCH_LAYER,
  GHOST_LAYER,
  LEGEND_STYLE,
  STEP_COLOUR,
  STEP_LAYER,
  VALIDATION_COLOUR,
  VALIDATION_DASH,
  VALIDATION_LAYER,
  type LiveCurves,
} from './loss-style';

export interface LossPlotProps {
  margin: { top: number; right: number; bottom: number; left: number };
  xDomain: number[];
  xTicks: number[];
  yDomain: readonly number[];
  yTicks: readonly number[];
  logScale: boolean;
  k: number;
  xTitle: string;
  yTitle: string;
  legend: readonly LegendItem[];
  ghosts: ChartPoint[][];
  ghostMeans: ChartPoint[][];
  pinned: readonly PinnedRun[];
  labels: readonly string[];
  ghostMeanNames: readonly string[];
  live: Latest<LiveCurves>;
}

// Memo: when the axes change, the new plot element leaves it be; it redraws once, from the store.
const LiveLayer = memo(function LiveLayer({ live }: { live: Latest<LiveCurves> }) {
  const { stepSeries, epochSeries, validationSeries, stepSeriesName, epochSeriesName, validationSeriesName, overlay } =
    useLatest(live);
  return (
    <>
      <LiveCurve data={stepSeries} name={stepSeriesName} stroke={STEP_COLOUR} strokeWidth={1.5} zIndex={STEP_LAYER} />
      <LiveCurve data={epochSeries} name={epochSeriesName} stroke={EPOCH_COLOUR} strokeWidth={3} zIndex={EPOCH_LAYER} />
      {validationSeries.length > 0 && (
        <LiveCurve
          className="loss-validation"
          data={validationSeries}
          name={validationSeriesName}
          stroke={VALIDATION_COLOUR}
          strokeDasharray={VALIDATION_DASH}
          strokeWidth={2.5}
          zIndex={VALIDATION_LAYER}
        />
      )}
      <LossOverlay {...overlay} />
    </>
  );
});

function LossPlot(props: LossPlotProps) {
  const { margin, xDomain, xTicks, yDomain, yTicks, logScale, k, xTitle, yTitle, ghosts, ghostMeans, pinned } = props;
  const { labels, ghostMeanNames, live } = props;
  // Its own memo: the legend, re-rendered, re-measures itself in the DOM.
  const legend = useMemo(() => legendOf(props.legend, LEGEND_STYLE), [props.legend]);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={margin} accessibilityLayer={false}>
        {/* Its domain as given: the live curves are not recharts' items, so no data would widen it.
            No nice ticks: the ticks are given, and recharts would work its own out (decimal.js) on
            every redraw whose axes change, for a fixed domain they could not widen. */}
        <XAxis hide type="number" dataKey="x" domain={xDomain} ticks={xTicks} niceTicks="none" allowDataOverflow />
        <YAxis
          hide
          niceTicks="none"
          type="number"
          dataKey="loss"
          scale={logScale ? 'log' : 'linear'}
          domain={yDomain}
          ticks={yTicks}
          allowDataOverflow
        />
        <LossAxes
          xTicks={xTicks}
          yTicks={yTicks}
          xTitle={xTitle}
          yTitle={yTitle}
          k={k}
          rightMargin={16 * k}
          colour={AXIS_TEXT}
        />
        {legend}
        {ghosts.map((points, i) => (
          <Line
            key={pinned[i].id}
            className="loss-ghost"
            data={points}
            dataKey="loss"
            name={labels[i]}
            legendType="none"
            type="linear"
            stroke={ghostStyle(i).colour}
            strokeDasharray={ghostStyle(i).dash}
            strokeWidth={2}
            strokeOpacity={0.85}
            zIndex={GHOST_LAYER}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
        ))}
        {/* Each pinned run's epoch means: its colour, lighter and solid, under its step curve. */}
        {ghostMeans.map((points, i) => (
          <Line
            key={`mean${pinned[i].id}`}
            className="loss-ghost-epoch"
            data={points}
            dataKey="loss"
            name={ghostMeanNames[i]}
            legendType="none"
            type="linear"
            stroke={ghostStyle(i).colour}
            strokeWidth={4}
            strokeOpacity={0.4}
            zIndex={GHOST_LAYER - 1}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
        ))}
        <LiveLayer live={live} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export default memo(LossPlot);
