// The loss chart's grid and axes, drawn on recharts' scales: the grid under the curves; axis lines,
// tick marks, tick labels and titles over them. recharts' own XAxis and YAxis are there but hidden:
// they make the scales. Drawn by recharts, every label is a <Text> that measures itself in the DOM,
// and the grid and the tick intervals measure them again, whenever a domain changes — at the first
// data of every run and as a long run's x axis grows: that was most of such a redraw's time, enough
// for a long task (docs/performance.md).
import { DefaultZIndexes, usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { tickLabel } from '../analysis/ticks';
import { xLabelsThatFit } from './axis-labels';
import { X_AXIS_HEIGHT, Y_AXIS_WIDTH } from './loss-style';

const LINE = '#666'; // recharts' axis colour
const GRID = '#d0d4da';
const TICK_SIZE = 6;
/** The chart's type at the design size (`.chart-area`: 0.9 × 18 px), in pixels. */
const FONT_PX = 16.2;

interface Props {
  xTicks: readonly number[];
  yTicks: readonly number[];
  xTitle: string;
  yTitle: string;
  /** The page's type size over its design size (useTypeScale): the sizes above scale with it. */
  k: number;
  /** The room right of the plot, which the last x label may use, in pixels. */
  rightMargin: number;
  colour: string;
}

export function LossAxes({ xTicks, yTicks, xTitle, yTitle, k, rightMargin, colour }: Props) {
  const plot = usePlotArea();
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!plot || !xScale || !yScale) return null;
  const { x, y, width, height } = plot;
  const bottom = y + height;
  const onPlot = (v: number | undefined, lo: number, hi: number): v is number =>
    v !== undefined && Number.isFinite(v) && v >= lo - 0.5 && v <= hi + 0.5;
  const xs = xTicks.flatMap((value) => {
    const px = xScale(value);
    return onPlot(px, x, x + width) ? [{ value, x: px }] : [];
  });
  const ys = yTicks.flatMap((value) => {
    const py = yScale(value);
    return onPlot(py, y, bottom) ? [{ value, y: py }] : [];
  });
  const fontPx = FONT_PX * k;
  const yAxisWidth = Y_AXIS_WIDTH * k;
  const xAxisHeight = X_AXIS_HEIGHT * k;
  // recharts' 2 px from tick to label at 18 px type; larger labels need more, or the 0s of both axes
  // meet in the corner.
  const labelGap = TICK_SIZE + 2 + 6 * (k - 1);
  // Where recharts put it (4 px into the axis's room): clear of five-character labels ("0.125").
  const titleX = x - yAxisWidth + 4;
  // recharts' own layers: the grid under everything, the axes over the curves, their text over the
  // loss chart's overlay (pointer, ghost-run names).
  return (
    <>
      <ZIndexLayer zIndex={DefaultZIndexes.grid}>
        <g className="loss-grid" stroke={GRID} strokeDasharray="3 3" fill="none">
          {ys.map(({ value, y: py }) => (
            <line key={`h${value}`} x1={x} x2={x + width} y1={py} y2={py} />
          ))}
          {xs.map(({ value, x: px }) => (
            <line key={`v${value}`} x1={px} x2={px} y1={y} y2={bottom} />
          ))}
        </g>
      </ZIndexLayer>
      <ZIndexLayer zIndex={DefaultZIndexes.axis}>
        <g className="loss-axes" stroke={LINE} fill="none">
          <line x1={x} x2={x + width} y1={bottom} y2={bottom} />
          <line x1={x} x2={x} y1={y} y2={bottom} />
          {xs.map(({ value, x: px }) => (
            <line key={`x${value}`} x1={px} x2={px} y1={bottom} y2={bottom + TICK_SIZE} />
          ))}
          {ys.map(({ value, y: py }) => (
            <line key={`y${value}`} x1={x - TICK_SIZE} x2={x} y1={py} y2={py} />
          ))}
        </g>
      </ZIndexLayer>
      <ZIndexLayer zIndex={DefaultZIndexes.label}>
        <g className="loss-axis-labels" fill={colour}>
          {xLabelsThatFit(xs, fontPx, x + width + rightMargin).map(({ value, x: px, anchor }) => (
            <text
              key={`x${value}`}
              className="loss-x-tick"
              x={px}
              y={bottom + labelGap}
              dy="0.71em"
              textAnchor={anchor}
            >
              {tickLabel(value)}
            </text>
          ))}
          {ys.map(({ value, y: py }) => (
            <text key={`y${value}`} className="loss-y-tick" x={x - labelGap} y={py} dy="0.355em" textAnchor="end">
              {tickLabel(value)}
            </text>
          ))}
          <text
            className="loss-axis-title loss-x-title"
            x={x + width / 2}
            y={bottom + xAxisHeight + fontPx * 0.6}
            textAnchor="middle"
          >
            {xTitle}
          </text>
          <text
            className="loss-axis-title loss-y-title"
            x={titleX}
            y={y + height / 2}
            dy="0.355em"
            textAnchor="middle"
            transform={`rotate(-90 ${titleX} ${y + height / 2})`}
          >
            {yTitle}
          </text>
        </g>
      </ZIndexLayer>
    </>
  );
}
