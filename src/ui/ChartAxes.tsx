// The frame, grid and labelled axes of the hand-drawn SVG charts (fit view, parameter space), in a
// fixed 640 × 360 viewBox that CSS scales to the panel's width.
import { memo } from 'react';
import { niceTicks, tickLabel } from './analysis/ticks';

export const FRAME = { width: 640, height: 360, left: 64, right: 14, top: 12, bottom: 46 } as const;

export interface Scales {
  x: (v: number) => number;
  y: (v: number) => number;
  xDomain: [number, number];
  yDomain: [number, number];
}

export function makeScales(xDomain: [number, number], yDomain: [number, number]): Scales {
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const left = FRAME.left;
  const right = FRAME.width - FRAME.right;
  const top = FRAME.top;
  const bottom = FRAME.height - FRAME.bottom;
  return {
    x: (v) => left + ((v - x0) / (x1 - x0)) * (right - left),
    y: (v) => bottom - ((v - y0) / (y1 - y0)) * (bottom - top),
    xDomain,
    yDomain,
  };
}

const AXIS_TEXT = '#3b4250';

interface Props {
  scales: Scales;
  xLabel: string;
  yLabel: string;
}

export const ChartAxes = memo(function ChartAxes({ scales, xLabel, yLabel }: Props) {
  const { x, y, xDomain, yDomain } = scales;
  const top = FRAME.top;
  const bottom = FRAME.height - FRAME.bottom;
  const left = FRAME.left;
  const right = FRAME.width - FRAME.right;
  return (
    <g className="chart-axes" fontSize={14} fill={AXIS_TEXT}>
      {niceTicks(xDomain[0], xDomain[1], 7).map((t) => (
        <g key={`x${t}`} className="x-tick">
          <line x1={x(t)} x2={x(t)} y1={top} y2={bottom} stroke="#d0d4da" strokeDasharray="3 3" />
          <text x={x(t)} y={bottom + 18} textAnchor="middle">
            {tickLabel(t)}
          </text>
        </g>
      ))}
      {niceTicks(yDomain[0], yDomain[1], 6).map((t) => (
        <g key={`y${t}`} className="y-tick">
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke="#d0d4da" strokeDasharray="3 3" />
          <text x={left - 8} y={y(t) + 5} textAnchor="end">
            {tickLabel(t)}
          </text>
        </g>
      ))}
      <rect x={left} y={top} width={right - left} height={bottom - top} fill="none" stroke="#9aa1ab" />
      <text x={(left + right) / 2} y={FRAME.height - 6} textAnchor="middle" fontStyle="italic">
        {xLabel}
      </text>
      <text x={14} y={(top + bottom) / 2} textAnchor="middle" fontStyle="italic" transform={`rotate(-90 14 ${(top + bottom) / 2})`}>
        {yLabel}
      </text>
    </g>
  );
});

/** A clip path id's rectangle: the plot area, so lines that leave it are cut at its edge. */
export function PlotClip({ id }: { id: string }) {
  return (
    <clipPath id={id}>
      <rect x={FRAME.left} y={FRAME.top} width={FRAME.width - FRAME.left - FRAME.right} height={FRAME.height - FRAME.top - FRAME.bottom} />
    </clipPath>
  );
}
