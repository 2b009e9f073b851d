// The frame, grid and labelled axes of the hand-drawn SVG charts (fit view, parameter space), in a
// viewBox that CSS scales to the panel's width: 640 × 360 units wherever the panel is wide enough,
// narrower on a phone (frameFor) so that the text does not shrink with the picture.
import { memo } from 'react';
import { niceTicks, tickLabel } from '../analysis/ticks';

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const FRAME: Frame = { width: 640, height: 360, left: 64, right: 14, top: 12, bottom: 46 };

/** CSS pixels per unit below which the 14-unit axis text would drop under 12 px. */
const MIN_SCALE = 0.85;
/** Narrower than this the plot area would be too cramped for its ticks, even on a 320 px phone. */
const MIN_WIDTH = 300;

/**
 * The frame for a chart drawn `cssWidth` pixels wide (0: not measured yet). A 290 px phone panel
 * would show the 640-unit design at 0.45 scale — 6 px text; instead the viewBox narrows so that the
 * text keeps at least MIN_SCALE, and the height stays, so the picture gets squarer rather than tiny.
 * `typeScale` (useTypeScale) raises that floor with the page's type: in projector mode the axis
 * text grows with the rest instead of staying at laptop size in a half-screen panel.
 */
export function frameFor(cssWidth: number, typeScale = 1): Frame {
  if (!(cssWidth > 0)) return FRAME;
  const minScale = MIN_SCALE * Math.max(1, typeScale);
  const width = Math.round(Math.min(FRAME.width, Math.max(MIN_WIDTH, cssWidth / minScale)));
  return width === FRAME.width ? FRAME : { ...FRAME, width };
}

export interface Scales {
  x: (v: number) => number;
  y: (v: number) => number;
  xDomain: [number, number];
  yDomain: [number, number];
  frame: Frame;
}

export function makeScales(xDomain: [number, number], yDomain: [number, number], frame: Frame = FRAME): Scales {
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const left = frame.left;
  const right = frame.width - frame.right;
  const top = frame.top;
  const bottom = frame.height - frame.bottom;
  return {
    x: (v) => left + ((v - x0) / (x1 - x0)) * (right - left),
    y: (v) => bottom - ((v - y0) / (y1 - y0)) * (bottom - top),
    xDomain,
    yDomain,
    frame,
  };
}

const AXIS_TEXT = '#3b4250';

interface Props {
  scales: Scales;
  xLabel: string;
  yLabel: string;
}

export const ChartAxes = memo(function ChartAxes({ scales, xLabel, yLabel }: Props) {
  const { x, y, xDomain, yDomain, frame } = scales;
  const top = frame.top;
  const bottom = frame.height - frame.bottom;
  const left = frame.left;
  const right = frame.width - frame.right;
  // Fewer x ticks where the frame is narrow: the labels need ~60 units each.
  const xTicks = Math.max(3, Math.min(7, Math.floor((right - left) / 60)));
  return (
    <g className="chart-axes" fontSize={14} fill={AXIS_TEXT}>
      {niceTicks(xDomain[0], xDomain[1], xTicks).map((t) => (
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
      <text x={(left + right) / 2} y={frame.height - 6} textAnchor="middle" fontStyle="italic">
        {xLabel}
      </text>
      <text
        x={14}
        y={(top + bottom) / 2}
        textAnchor="middle"
        fontStyle="italic"
        transform={`rotate(-90 14 ${(top + bottom) / 2})`}
      >
        {yLabel}
      </text>
    </g>
  );
});

/** A clip path id's rectangle: the plot area, so lines that leave it are cut at its edge. */
export function PlotClip({ id, frame }: { id: string; frame: Frame }) {
  return (
    <clipPath id={id}>
      <rect
        x={frame.left}
        y={frame.top}
        width={frame.width - frame.left - frame.right}
        height={frame.height - frame.top - frame.bottom}
      />
    </clipPath>
  );
}
