// Drawn inside the loss chart's SVG, in its coordinates (recharts' scale hooks): the pointer (from
// this chart or from a batch pointed at in the composition chart), its tooltip, where the run
// diverged, and the names of pinned runs at the ends of their curves. It alone subscribes to the
// view store, so moving the mouse re-renders these few elements, not the curves.
import { useLayoutEffect, useRef } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { useI18n } from '../i18n/react';
import type { I18n } from '../i18n/translate';
import type { RunData } from '../state/run-data';
import { useViewState, type ViewStore } from '../state/view-store';
import { shortList } from './batch-text';
import type { XAxisMode } from '../analysis/loss-series';
import { readable } from './numbers';
import { monospaceWidth, wrapLine } from './tooltip-lines';
import { stackLabels } from './label-stack';

export interface GhostLabel {
  label: string;
  colour: string;
  /** 'loss-ghost-label' for a pinned run, 'loss-current-label' for the run under way. */
  className: string;
  x: number;
  loss: number;
}

/** A curve clipped at the axis's top (it diverged): marked where it leaves the scale. */
export interface OffScaleMark {
  /** On the chart's x axis. */
  x: number;
  colour: string;
  /** The curve's name (the run's label, or empty without runs to compare). */
  label: string;
}

export interface LossOverlayProps {
  data: RunData;
  stepsDone: number;
  stepsPerEpoch: number;
  epochs: number;
  mode: XAxisMode;
  logScale: boolean;
  view: ViewStore;
  /** 0-based step at which the run was seen to diverge. */
  divergedAt: number | null;
  ghosts: readonly GhostLabel[];
  offScale: readonly OffScaleMark[];
}

const LINE_HEIGHT = 18;
const DIVERGED = '#a0141e';

function tooltipLines(data: RunData, step: number, stepsPerEpoch: number, epochs: number, i18n: I18n): string[] {
  const { t, count } = i18n;
  const per = Math.max(stepsPerEpoch, 1);
  const epoch = Math.floor(step / per);
  const batch = step % per;
  const lines = [
    t('loss.tipStep', { step: count(step + 1) }),
    t('loss.tipWhere', { epoch: epoch + 1, epochs: count(epochs), batch: batch + 1, batches: per }),
  ];
  const indices = data.epochBatches.batchIndices(epoch, batch);
  if (indices) lines.push(t('loss.tipBatch', { list: shortList(indices, i18n) }));
  lines.push(t('loss.tipLoss', { loss: readable(data.stepLoss.get(step)) }));
  if (epoch < data.epochMeanLoss.length)
    lines.push(t('loss.tipMean', { epoch: epoch + 1, mean: readable(data.epochMeanLoss.get(epoch)) }));
  return lines;
}

const TIP_PADDING = 8;
const TIP_GAP = 12;

interface TooltipProps {
  lines: string[];
  /** The pointer's x; the box sits beside it, inside the plot area. */
  x: number;
  plot: { x: number; y: number; width: number };
}

/**
 * The pointer's tooltip, wrapped to the plot's width and kept inside it: beside the pointer where
 * there is room, else against the plot's edge. The box is sized by estimate, then by the text's
 * drawn width (fonts differ), before the browser paints it.
 */
function LossTooltip({ lines, x, plot }: TooltipProps) {
  const ref = useRef<SVGGElement>(null);
  const rows = lines.flatMap((line) => wrapLine(line, plot.width - 2 * TIP_PADDING));
  const place = (boxWidth: number) => {
    const right = x + TIP_GAP;
    if (right + boxWidth <= plot.x + plot.width) return right;
    const left = x - TIP_GAP - boxWidth;
    return left >= plot.x ? left : Math.max(plot.x, plot.x + plot.width - boxWidth);
  };
  const boxOf = (textWidth: number) => Math.min(plot.width, 2 * TIP_PADDING + textWidth);
  const estimated = boxOf(Math.max(0, ...rows.map((row) => monospaceWidth(row.trimEnd()))));
  const left = place(estimated);
  useLayoutEffect(() => {
    const group = ref.current;
    if (!group) return;
    const texts = Array.from(group.querySelectorAll('text'));
    const drawn = boxOf(Math.max(0, ...texts.map((t) => t.getComputedTextLength())));
    group.querySelector('rect')?.setAttribute('width', String(drawn));
    group.setAttribute('transform', `translate(${place(drawn) - left},0)`);
  });
  const top = plot.y + 4;
  return (
    <g ref={ref} className="loss-tooltip" role="tooltip">
      <rect
        x={left}
        y={top}
        width={estimated}
        height={10 + LINE_HEIGHT * rows.length}
        rx={4}
        fill="#111418"
        opacity={0.92}
      />
      {rows.map((row, i) => (
        <text
          key={i}
          x={left + TIP_PADDING}
          y={top + 18 + LINE_HEIGHT * i}
          fill="#fff"
          fontSize={14}
          fontFamily="ui-monospace, monospace"
        >
          {row}
        </text>
      ))}
    </g>
  );
}

export function LossOverlay({
  data,
  stepsDone,
  stepsPerEpoch,
  epochs,
  mode,
  logScale,
  view,
  divergedAt,
  ghosts,
  offScale,
}: LossOverlayProps) {
  const plot = usePlotArea();
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const xInverse = useXAxisInverseScale();
  const { hoverStep, hoverSource } = useViewState(view);
  const i18n = useI18n();
  if (!plot || !xScale || !yScale || !xInverse) return null;

  const per = mode === 'epoch' ? Math.max(stepsPerEpoch, 1) : 1;
  const xOf = (step0: number) => xScale((step0 + 1) / per);
  const top = plot.y;
  const bottom = plot.y + plot.height;
  const plottable = (loss: number) => Number.isFinite(loss) && (!logScale || loss > 0);

  const onMove = (event: React.MouseEvent<SVGRectElement>) => {
    if (stepsDone === 0) return;
    const svg = event.currentTarget.ownerSVGElement;
    if (!svg) return;
    const px = event.clientX - svg.getBoundingClientRect().left;
    const value = Number(xInverse(px));
    const step1 = Math.min(Math.max(Math.round(value * per), 1), stepsDone);
    view.setHover(step1 - 1, 'loss');
  };

  let marker = null;
  if (hoverStep !== null) {
    const x = xOf(hoverStep);
    const trained = hoverStep < stepsDone;
    const loss = trained ? data.stepLoss.get(hoverStep) : Number.NaN;
    const y = plottable(loss) ? yScale(loss) : undefined;
    if (x !== undefined && x >= plot.x - 1 && x <= plot.x + plot.width + 1) {
      const lines = trained && hoverSource === 'loss' ? tooltipLines(data, hoverStep, stepsPerEpoch, epochs, i18n) : [];
      marker = (
        <g className="loss-hover" data-step={hoverStep + 1} pointerEvents="none">
          <line
            x1={x}
            x2={x}
            y1={top}
            y2={bottom}
            stroke="#111418"
            strokeWidth={1.5}
            strokeDasharray={trained ? undefined : '4 3'}
          />
          {y !== undefined && <circle cx={x} cy={y} r={6} fill="#fff" stroke="#111418" strokeWidth={2.5} />}
          {lines.length > 0 && <LossTooltip lines={lines} x={x} plot={plot} />}
        </g>
      );
    }
  }

  const divergedX = divergedAt !== null ? xOf(divergedAt) : undefined;
  // Pinned runs often end at the same place (a converged loss): stack their names, on the plot. The
  // text's baseline is 6 px above its y.
  const ends = ghosts.flatMap((g) => {
    const x = xScale(g.x);
    const y = plottable(g.loss) ? yScale(g.loss) : undefined;
    return x === undefined || y === undefined ? [] : [{ ...g, x, y }];
  });
  const stacked = stackLabels(
    ends.map((g) => g.y),
    top - 6,
    bottom + 2,
    LINE_HEIGHT,
  );
  const labelPositions = ends.map((g, i) => ({ ...g, y: stacked[i] }));
  const offScaleMarks = offScale.flatMap((m) => {
    const x = xScale(m.x);
    return x === undefined ? [] : [{ ...m, x }];
  });
  // Above the curves and the axes (layers 400 and 500), below the axes' labels (2000, LossAxes).
  return (
    <ZIndexLayer zIndex={1500}>
      <g className="loss-overlay">
        {labelPositions.map(({ label, colour, className, x, y }) => (
          <text
            key={label}
            className={className}
            x={x + 4}
            y={y - 6}
            fill={colour}
            fontSize={14}
            fontWeight={700}
            textAnchor="end"
            paintOrder="stroke"
            stroke="#fff"
            strokeWidth={4}
          >
            {label}
          </text>
        ))}
        {divergedX !== undefined && (
          <g className="loss-diverged" pointerEvents="none">
            <line
              x1={divergedX}
              x2={divergedX}
              y1={top}
              y2={bottom}
              stroke={DIVERGED}
              strokeWidth={2.5}
              strokeDasharray="6 4"
            />
            <text
              x={divergedX - 6}
              y={top + (offScaleMarks.length > 0 ? 36 : 16)}
              fill={DIVERGED}
              fontSize={14}
              fontWeight={700}
              textAnchor="end"
              paintOrder="stroke"
              stroke="#fff"
              strokeWidth={4}
            >
              {i18n.t('loss.diverged')}
            </text>
          </g>
        )}
        {offScaleMarks.map(({ x, colour, label }) => (
          <g key={label} className="loss-off-scale" data-label={label || undefined} pointerEvents="none">
            <path d={`M ${x - 7} ${top + 12} L ${x} ${top} L ${x + 7} ${top + 12} Z`} fill={colour} />
            <text
              x={x > plot.x + plot.width * 0.7 ? x - 10 : x + 10}
              y={top + 12}
              textAnchor={x > plot.x + plot.width * 0.7 ? 'end' : 'start'}
              fill={colour}
              fontSize={13}
              fontWeight={700}
              paintOrder="stroke"
              stroke="#fff"
              strokeWidth={4}
            >
              {label ? `${label} ${i18n.t('loss.offScale')}` : i18n.t('loss.offScale')}
            </text>
          </g>
        ))}
        {marker}
        <rect
          className="loss-pointer-area"
          x={plot.x}
          y={top}
          width={plot.width}
          height={plot.height}
          fill="transparent"
          onMouseMove={onMove}
          onMouseLeave={() => view.setHover(null, 'loss')}
        />
      </g>
    </ZIndexLayer>
  );
}
