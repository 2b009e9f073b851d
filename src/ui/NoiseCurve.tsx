// The gradient-noise figure's small chart: E|g_B − G|² against B = 1 … N on log–log axes, the
// formula's curve and the values measured over the batches of a set of batch sizes (the current B
// ringed). Without replacement the curve falls to exactly 0 at B = N, which a log axis cannot show:
// a mark at the bottom edge says so, for the curve and for a measured 0.
import type { GradientNoise } from '../analysis/gradient-noise';
import { CURVE_MAX_DRAWN, noiseCurve } from '../analysis/gradient-noise';
import { decades } from '../analysis/noise-plot';
import { tickLabel } from '../analysis/ticks';
import { useI18n } from '../i18n/react';
import { frameFor } from './ChartAxes';

const HEIGHT = 220;
const CURVE = '#0072B2';
const POINT = '#D55E00';

export function NoiseCurve({ noise, width }: { noise: GradientNoise; width: number }) {
  const { t, count } = useI18n();
  const { n, trace, replacement, batchSize } = noise;
  if (!(trace > 0) || n < 2) return null;
  const curve = noiseCurve(trace, n, replacement);
  const positive = curve.filter((p) => p.value > 0);
  const measured = noise.curveMeasured;
  const values = [...positive.map((p) => p.value), ...measured.filter((p) => p.value > 0).map((p) => p.value)];
  const yTicks = decades(Math.min(...values), Math.max(...values));
  const xTicks = decades(1, n);
  const frame = { ...frameFor(width), height: HEIGHT, bottom: 46 };
  const [left, right, top, bottom] = [frame.left, frame.width - frame.right, frame.top, HEIGHT - frame.bottom];
  const lx = (b: number) => left + (Math.log10(b) / Math.log10(xTicks.at(-1) ?? 10)) * (right - left);
  const [y0, y1] = [Math.log10(yTicks[0]), Math.log10(yTicks.at(-1) ?? 1)];
  const ly = (v: number) => bottom - ((Math.log10(v) - y0) / Math.max(y1 - y0, 1e-12)) * (bottom - top);
  const line = positive.map((p, i) => `${i ? 'L' : 'M'}${lx(p.b).toFixed(1)},${ly(p.value).toFixed(1)}`).join('');
  const zero = !replacement;
  return (
    <div className="noise-curve">
      <svg
        className="param-svg"
        viewBox={`0 0 ${frame.width} ${HEIGHT}`}
        role="img"
        aria-label={t('noise.curveAria')}
        data-curve-measured={JSON.stringify(measured.map((p) => [p.b, p.value]))}
        data-curve-batches={JSON.stringify(measured.map((p) => p.batches))}
      >
        <g className="chart-axes" fontSize={14} fill="#3b4250">
          {xTicks.map((b) => (
            <g key={`x${b}`}>
              <line x1={lx(b)} x2={lx(b)} y1={top} y2={bottom} stroke="#d0d4da" strokeDasharray="3 3" />
              <text x={lx(b)} y={bottom + 18} textAnchor="middle">
                {tickLabel(b)}
              </text>
            </g>
          ))}
          {yTicks.map((v) => (
            <g key={`y${v}`}>
              <line x1={left} x2={right} y1={ly(v)} y2={ly(v)} stroke="#d0d4da" strokeDasharray="3 3" />
              <text x={left - 8} y={ly(v) + 5} textAnchor="end">
                {tickLabel(v)}
              </text>
            </g>
          ))}
          <rect x={left} y={top} width={right - left} height={bottom - top} fill="none" stroke="#9aa1ab" />
          <text x={(left + right) / 2} y={HEIGHT - 6} textAnchor="middle" fontStyle="italic">
            {t('noise.curveX')}
          </text>
        </g>
        <path className="noise-curve-line" d={line} fill="none" stroke={CURVE} strokeWidth={2} />
        {zero && <path className="noise-curve-zero" d={`M${lx(n) - 7},${bottom - 12}h14l-7,12z`} fill={CURVE} />}
        {measured.map((p) =>
          p.value > 0 ? (
            <circle key={p.b} className="noise-curve-point" cx={lx(p.b)} cy={ly(p.value)} r={3.5} fill={POINT} />
          ) : (
            <path key={p.b} className="noise-curve-point" d={`M${lx(p.b) - 5},${bottom - 9}h10l-5,9z`} fill={POINT} />
          ),
        )}
        {noise.varianceMeasured > 0 && (
          <circle
            className="noise-curve-current"
            cx={lx(batchSize)}
            cy={ly(noise.varianceMeasured)}
            r={7}
            fill="none"
            stroke={POINT}
            strokeWidth={2}
          />
        )}
      </svg>
      <p className="fit-legend">
        {t('noise.curveLegend', {
          axis: t('noise.curveY'),
          line: t('noise.curveLine'),
          point: t('noise.curvePoint', { b: count(batchSize), most: count(CURVE_MAX_DRAWN) }),
        })}
        {zero ? ` · ${t('noise.zeroAtN')}` : ''}
      </p>
    </div>
  );
}
