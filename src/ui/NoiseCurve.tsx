// The gradient-noise figure's small chart: E|g_B − G|² against B = 1 … N on log–log axes, the
// formula's curve and the value measured for the current B. Without replacement the curve falls to
// exactly 0 at B = N, which a log axis cannot show: a mark at the bottom edge says so.
import type { GradientNoise } from '../analysis/gradient-noise';
import { noiseCurve } from '../analysis/gradient-noise';
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
  const measured = noise.varianceMeasured;
  const values = [...positive.map((p) => p.value), ...(measured > 0 ? [measured] : [])];
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
      <svg className="param-svg" viewBox={`0 0 ${frame.width} ${HEIGHT}`} role="img" aria-label={t('noise.curveAria')}>
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
        {measured > 0 ? (
          <circle className="noise-curve-point" cx={lx(batchSize)} cy={ly(measured)} r={6} fill={POINT} />
        ) : (
          <path className="noise-curve-point" d={`M${lx(batchSize) - 7},${bottom - 12}h14l-7,12z`} fill={POINT} />
        )}
      </svg>
      <p className="fit-legend">
        {t('noise.curveLegend', {
          axis: t('noise.curveY'),
          line: t('noise.curveLine'),
          point: t('noise.curvePoint', { b: count(batchSize) }),
        })}
        {zero ? ` · ${t('noise.zeroAtN')}` : ''}
      </p>
    </div>
  );
}
