// Draws the batch composition rows on a canvas. Only the rows in the visible window are ever
// drawn, and between frames only the rows that changed (new epochs, newly trained batches), so a
// 100,000-epoch run costs no more per frame than a 10-epoch one.
import type { EpochBatches } from '../state/run-data';
import {
  batchLength,
  batchX,
  isShortLastBatch,
  visibleRows,
  type BatchLayout,
} from './batch-layout';
import { batchColour, batchTextColour } from './palette';

export interface BatchView {
  layout: BatchLayout;
  width: number;
  height: number;
  scrollTop: number;
  /** Epochs received so far. */
  epochs: number;
  stepsDone: number;
  /** The focused batch (keyboard), outlined. */
  focus: { epoch: number; batch: number } | null;
}

const UNTRAINED_ALPHA = 0.3;
const LABEL_COLOUR = '#333';
const DROPPED_COLOUR = '#e4e6ea';

function hatchPattern(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  if (!t) return null;
  t.strokeStyle = 'rgba(0, 0, 0, 0.55)';
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(-2, 10);
  t.lineTo(10, -2);
  t.moveTo(-2, 2);
  t.lineTo(2, -2);
  t.moveTo(6, 10);
  t.lineTo(10, 6);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}

/** The smallest of 1, 2, 5, 10, 20, 50, … rows that leaves 16 px between two epoch labels. */
export function labelInterval(rowHeight: number): number {
  for (let decade = 1; ; decade *= 10) {
    for (const step of [1, 2, 5]) if (step * decade * rowHeight >= 16) return step * decade;
  }
}

export class BatchPainter {
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly hatch: CanvasPattern | null;
  private last: BatchView | null = null;
  private lastData: EpochBatches | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d');
    this.hatch = this.ctx && hatchPattern(this.ctx);
  }

  paint(view: BatchView, data: EpochBatches): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(view.width * dpr);
    const pixelHeight = Math.round(view.height * dpr);
    const prev = this.last;
    const sameFrame =
      prev !== null &&
      this.lastData === data &&
      prev.layout === view.layout &&
      prev.width === view.width &&
      prev.height === view.height &&
      prev.scrollTop === view.scrollTop &&
      prev.focus?.epoch === view.focus?.epoch &&
      prev.focus?.batch === view.focus?.batch &&
      this.canvas.width === pixelWidth &&
      this.canvas.height === pixelHeight;

    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight) {
      this.canvas.width = pixelWidth;
      this.canvas.height = pixelHeight;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);

    const { first, end } = visibleRows(view.layout, view.scrollTop, view.height, view.epochs);
    let from = first;
    if (sameFrame) {
      // Unchanged rows stay as drawn: only new epochs and the row(s) with newly trained batches.
      const perEpoch = Math.max(view.layout.batchCount, 1);
      from = Math.max(first, Math.min(prev.epochs, Math.floor(prev.stepsDone / perEpoch)));
    } else {
      ctx.clearRect(0, 0, view.width, view.height);
    }
    for (let e = from; e < end; e++) this.drawRow(ctx, view, data, e);
    if (!sameFrame || end > prev.epochs) this.drawLabels(ctx, view, first, end);
    this.last = view;
    this.lastData = data;
  }

  /** Epoch numbers in the left gutter: every row when rows are tall, else every 2, 5, 10, 20, … */
  private drawLabels(ctx: CanvasRenderingContext2D, view: BatchView, first: number, end: number): void {
    const { labelWidth, rowHeight: h } = view.layout;
    ctx.clearRect(0, 0, labelWidth, view.height);
    const every = labelInterval(h);
    ctx.fillStyle = LABEL_COLOUR;
    ctx.font = `${Math.min(14, Math.max(11, h - 6))}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let e = first; e < end; e++) {
      if (e !== 0 && (e + 1) % every !== 0) continue;
      const middle = e * h - view.scrollTop + h / 2;
      ctx.fillText(String(e + 1), labelWidth - 6, Math.min(Math.max(middle, 7), view.height - 7));
    }
  }

  private drawRow(ctx: CanvasRenderingContext2D, view: BatchView, data: EpochBatches, e: number): void {
    const { layout } = view;
    const h = layout.rowHeight;
    const y = e * h - view.scrollTop;
    const inner = h >= 6 ? h - 1 : h; // a hairline between rows when there is room
    ctx.clearRect(layout.labelWidth, y, view.width - layout.labelWidth, h);

    const showNumbers = h >= 16 && layout.cellWidth >= 18;
    const cellGap = layout.cellWidth >= 8 ? 1 : 0;
    const count = Math.min(data.batchCount(e), layout.batchCount);
    for (let k = 0; k < count; k++) {
      const trained = e * layout.batchCount + k < view.stepsDone;
      const x0 = batchX(layout, k);
      const len = batchLength(layout, k);
      ctx.globalAlpha = trained ? 1 : UNTRAINED_ALPHA;
      ctx.fillStyle = batchColour(k);
      if (cellGap) {
        for (let j = 0; j < len; j++) {
          ctx.fillRect(x0 + j * layout.cellWidth, y, layout.cellWidth - cellGap, inner);
        }
      } else {
        ctx.fillRect(x0, y, len * layout.cellWidth, inner);
      }
      if (isShortLastBatch(layout, k) && this.hatch) {
        ctx.fillStyle = this.hatch;
        ctx.fillRect(x0, y, len * layout.cellWidth - cellGap, inner);
      }
      if (showNumbers) {
        const indices = data.batch(e, k);
        ctx.fillStyle = batchTextColour(k);
        ctx.font = `600 ${Math.min(16, h - 10)}px ui-monospace, monospace`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        indices.forEach((index, j) => {
          const cx = x0 + (j + 0.5) * layout.cellWidth - cellGap / 2;
          if (isShortLastBatch(layout, k)) {
            // A light backing keeps the number readable over the hatching.
            ctx.save();
            ctx.fillStyle = batchColour(k);
            const w = Math.min(layout.cellWidth - 6, 10 * String(index).length + 8);
            ctx.fillRect(cx - w / 2, y + inner / 2 - 9, w, 18);
            ctx.restore();
          }
          ctx.fillText(String(index), cx, y + inner / 2 + 1);
        });
      }
      ctx.globalAlpha = 1;
      if (isShortLastBatch(layout, k) && inner >= 6) {
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 1.5;
        ctx.setLineDash([4, 3]);
        ctx.strokeRect(x0 + 0.75, y + 0.75, len * layout.cellWidth - cellGap - 1.5, inner - 1.5);
        ctx.setLineDash([]);
      }
    }

    if (layout.dropped > 0 && count === layout.batchCount) {
      const x0 = batchX(layout, layout.batchCount);
      ctx.fillStyle = DROPPED_COLOUR;
      ctx.fillRect(x0, y, layout.dropped * layout.cellWidth, inner);
    }

    const focus = view.focus;
    if (focus && focus.epoch === e && focus.batch < count) {
      const x0 = batchX(layout, focus.batch);
      const w = batchLength(layout, focus.batch) * layout.cellWidth - cellGap;
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 3;
      ctx.strokeRect(x0 + 1.5, y + 1.5, w - 3, Math.max(inner - 3, 1));
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1;
      ctx.strokeRect(x0 + 3.5, y + 3.5, Math.max(w - 7, 0), Math.max(inner - 7, 0));
    }
  }
}
