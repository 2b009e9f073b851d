// The loss chart's grid: dashed lines at the axes' own ticks, placed with the chart's scales.
// recharts' CartesianGrid works out where the ticks are anew, measuring every tick label in the
// DOM, each time an axis changes: at the first data of every run, and as a long run's x axis grows.
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';

const STROKE = '#d0d4da';

export function TickGrid({ xTicks, yTicks }: { xTicks: readonly number[]; yTicks: readonly number[] }) {
  const plot = usePlotArea();
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!plot || !xScale || !yScale) return null;
  const { x, y, width, height } = plot;
  const inside = (v: number | undefined, lo: number, hi: number): v is number => v !== undefined && Number.isFinite(v) && v >= lo - 0.5 && v <= hi + 0.5;
  const xs = xTicks.map((t) => xScale(t)).filter((v) => inside(v, x, x + width));
  const ys = yTicks.map((t) => yScale(t)).filter((v) => inside(v, y, y + height));
  return (
    <g className="loss-grid" stroke={STROKE} strokeDasharray="3 3" fill="none">
      {ys.map((py) => (
        <line key={`h${py}`} x1={x} x2={x + width} y1={py} y2={py} />
      ))}
      {xs.map((px) => (
        <line key={`v${px}`} x1={px} x2={px} y1={y} y2={y + height} />
      ))}
    </g>
  );
}
