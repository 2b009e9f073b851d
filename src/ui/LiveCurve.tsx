// A curve of the run under way, drawn on the chart's scales as one SVG path: what recharts' <Line>
// draws (the same classes, name, stroke and "M x,y L x,y" commands, clipped to the plot), without
// registering it in recharts' store. A <Line> whose data changed re-ran recharts' selectors, its
// tooltip's active points and its animation's bookkeeping on every redraw — most of a redraw's time
// on a slow machine, and of the redraws whose axes change.
import { useId } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import type { ChartPoint } from '../analysis/loss-series';
import { curvePath } from './curve-path';

interface Props {
  data: readonly ChartPoint[];
  name: string;
  stroke: string;
  strokeWidth: number;
  zIndex: number;
  className?: string;
  strokeDasharray?: string;
}

export function LiveCurve({ data, name, stroke, strokeWidth, zIndex, className, strokeDasharray }: Props) {
  const plot = usePlotArea();
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const clipId = useId();
  if (!plot || !xScale || !yScale || data.length === 0) return null;
  const d = curvePath(data, xScale, yScale);
  return (
    <ZIndexLayer zIndex={zIndex}>
      <g className={className ? `recharts-layer recharts-line ${className}` : 'recharts-layer recharts-line'}>
        <defs>
          <clipPath id={clipId}>
            <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
          </clipPath>
        </defs>
        <g clipPath={`url(#${clipId})`}>
          <path
            className="recharts-curve recharts-line-curve"
            name={name}
            stroke={stroke}
            strokeWidth={strokeWidth}
            strokeDasharray={strokeDasharray}
            fill="none"
            d={d}
          />
        </g>
      </g>
    </ZIndexLayer>
  );
}
