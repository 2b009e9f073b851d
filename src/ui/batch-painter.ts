// Draws the batch composition rows on a canvas. A cell's colour depends only on its position in the
// epoch (batch k = positions k·B … (k+1)·B − 1), so every row looks the same but for how much of it
// is trained: one template row is drawn per layout (O(width), even for 1,000,000 samples) and each
// visible row is a copy of it — O(rows on screen) per frame, whatever N and the number of epochs.
import type { EpochOrders } from '../state/epoch-orders';
import { batchWidth, batchX, isShortLastBatch, showsNumbers, visibleRows, type BatchLayout } from './batch-layout';
import { batchColour, batchTextColour } from './palette';

export interface BatchView {
  layout: BatchLayout;
  width: number;
  height: number;
  scrollTop: number;
  /** Epochs received so far. */
  epochs: number;
  stepsDone: number;
  /** The batch outlined: keyboard focus, or the batch pointed at in any chart. */
  outlined: { epoch: number; batch: number } | null;
}

export const UNTRAINED_ALPHA = 0.3;
const LABEL_COLOUR = '#333';
export const DROPPED_COLOUR = '#e4e6ea';
/** Batches narrower than a pixel cannot be told apart by colour: one band stands for them. */
const BAND_COLOUR = '#7a9cc6';

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

/** Row height without the hairline that separates rows when there is room for one. */
export const innerHeight = (h: number) => (h >= 6 ? h - 1 : h);

/** Whether cells are wide enough for a 1 px gap between samples. */
const cellGapOf = (layout: BatchLayout) => (layout.cellWidth >= 8 ? 1 : 0);

/** Epoch numbers in the left gutter: every row when rows are tall, else every 2, 5, 10, 20, … */
export function drawEpochLabels(
  ctx: CanvasRenderingContext2D,
  view: Pick<BatchView, 'layout' | 'scrollTop' | 'height'>,
  first: number,
  end: number,
): void {
  const { labelWidth, rowHeight: h } = view.layout;
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

/** Sizes the canvas to `width` × `height` CSS pixels at the screen's density and clears it; the density. */
export function clearCanvas(
  canvas: HTMLCanvasElement,
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
): number {
  const dpr = window.devicePixelRatio || 1;
  const pixelWidth = Math.round(width * dpr);
  const pixelHeight = Math.round(height * dpr);
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return dpr;
}

/** The outline of the cell pointed at: black, and white inside it where there is room. */
export function strokeOutline(ctx: CanvasRenderingContext2D, x0: number, y: number, w: number, inner: number): void {
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 3;
  ctx.strokeRect(x0 + 1.5, y + 1.5, w - 3, Math.max(inner - 3, 1));
  if (inner >= 8 && w >= 8) {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 3.5, y + 3.5, w - 7, inner - 7);
  }
}

interface Template {
  layout: BatchLayout;
  width: number;
  dpr: number;
  trained: HTMLCanvasElement;
  untrained: HTMLCanvasElement;
}

export class BatchPainter {
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly hatch: CanvasPattern | null;
  private template: Template | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d');
    this.hatch = this.ctx && hatchPattern(this.ctx);
  }

  paint(view: BatchView, data: EpochOrders): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const dpr = clearCanvas(this.canvas, ctx, view.width, view.height);
    const template = this.templateFor(view.layout, view.width, dpr);
    const { first, end } = visibleRows(view.layout, view.scrollTop, view.height, view.epochs);
    for (let e = first; e < end; e++) this.drawRow(ctx, template, view, data, e);
    drawEpochLabels(ctx, view, first, end);
  }

  private templateFor(layout: BatchLayout, width: number, dpr: number): Template {
    const t = this.template;
    if (t && t.layout === layout && t.width === width && t.dpr === dpr) return t;
    const trained = this.drawTemplate(layout, width, dpr, 1);
    const untrained = this.drawTemplate(layout, width, dpr, UNTRAINED_ALPHA);
    this.template = { layout, width, dpr, trained, untrained };
    return this.template;
  }

  /** One row: every batch in its colour, the short last batch hatched, drop_last's samples grey. */
  private drawTemplate(layout: BatchLayout, width: number, dpr: number, alpha: number): HTMLCanvasElement {
    const inner = innerHeight(layout.rowHeight);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(inner * dpr));
    const ctx = canvas.getContext('2d');
    if (!ctx) return canvas;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalAlpha = alpha;
    const cellGap = cellGapOf(layout);
    const batchPixels = layout.batchSize * layout.cellWidth;
    if (batchPixels < 1 && layout.batchCount > 1) {
      ctx.fillStyle = BAND_COLOUR;
      ctx.fillRect(
        batchX(layout, 0),
        0,
        batchX(layout, layout.batchCount - 1) + batchWidth(layout, layout.batchCount - 1) - layout.labelWidth,
        inner,
      );
    } else {
      for (let k = 0; k < layout.batchCount; k++) {
        const x0 = batchX(layout, k);
        const w = batchWidth(layout, k);
        ctx.fillStyle = batchColour(k);
        if (cellGap) {
          const cells = Math.round(w / layout.cellWidth);
          for (let j = 0; j < cells; j++) ctx.fillRect(x0 + j * layout.cellWidth, 0, layout.cellWidth - cellGap, inner);
        } else {
          ctx.fillRect(x0, 0, w, inner);
        }
      }
    }
    const last = layout.batchCount - 1;
    if (last >= 0 && isShortLastBatch(layout, last)) {
      // At least 3 px wide, so even one short batch among a million samples shows.
      const w = Math.max(batchWidth(layout, last) - cellGap, 3);
      const x0 = batchX(layout, last);
      if (this.hatch) {
        if (batchPixels < 1) {
          ctx.fillStyle = batchColour(last); // stands out of the band
          ctx.fillRect(x0, 0, w, inner);
        }
        ctx.fillStyle = this.hatch;
        ctx.fillRect(x0, 0, w, inner);
      }
      if (inner >= 6) {
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 1.5;
        ctx.setLineDash([4, 3]);
        ctx.strokeRect(x0 + 0.75, 0.75, w - 1.5, inner - 1.5);
        ctx.setLineDash([]);
      }
    }
    if (layout.dropped > 0) {
      ctx.globalAlpha = 1;
      ctx.fillStyle = DROPPED_COLOUR;
      ctx.fillRect(batchX(layout, layout.batchCount), 0, Math.max(layout.dropped * layout.cellWidth, 3), inner);
    }
    return canvas;
  }

  private drawRow(ctx: CanvasRenderingContext2D, t: Template, view: BatchView, data: EpochOrders, e: number): void {
    const { layout } = view;
    const y = e * layout.rowHeight - view.scrollTop;
    const inner = innerHeight(layout.rowHeight);
    const perEpoch = Math.max(layout.batchCount, 1);
    const trainedBatches = Math.min(Math.max(view.stepsDone - e * perEpoch, 0), layout.batchCount);
    const split = trainedBatches >= layout.batchCount ? view.width : batchX(layout, trainedBatches);
    const copy = (source: HTMLCanvasElement, from: number, to: number) => {
      if (to <= from) return;
      ctx.drawImage(source, from * t.dpr, 0, (to - from) * t.dpr, source.height, from, y, to - from, inner);
    };
    copy(t.trained, 0, split);
    copy(t.untrained, split, view.width);
    if (showsNumbers(layout)) this.drawNumbers(ctx, view, data, e, y, inner, trainedBatches);

    const outlined = view.outlined;
    if (outlined && outlined.epoch === e && outlined.batch < layout.batchCount) {
      const w = Math.max(batchWidth(layout, outlined.batch) - cellGapOf(layout), 6);
      strokeOutline(ctx, batchX(layout, outlined.batch), y, w, inner);
    }
  }

  /** Sample indices in their cells, for small datasets (the tutorial's 10 samples). */
  private drawNumbers(
    ctx: CanvasRenderingContext2D,
    view: BatchView,
    data: EpochOrders,
    e: number,
    y: number,
    inner: number,
    trainedBatches: number,
  ): void {
    const { layout } = view;
    const cellGap = cellGapOf(layout);
    ctx.font = `600 ${Math.min(16, layout.rowHeight - 10)}px ui-monospace, monospace`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let k = 0; k < Math.min(data.batchCount(e), layout.batchCount); k++) {
      const indices = data.batchIndices(e, k);
      if (!indices) return;
      const x0 = batchX(layout, k);
      ctx.globalAlpha = k < trainedBatches ? 1 : 0.55;
      indices.forEach((index, j) => {
        const cx = x0 + (j + 0.5) * layout.cellWidth - cellGap / 2;
        if (isShortLastBatch(layout, k)) {
          // A backing keeps the number readable over the hatching.
          ctx.fillStyle = batchColour(k);
          const w = Math.min(layout.cellWidth - 6, 10 * String(index).length + 8);
          ctx.fillRect(cx - w / 2, y + inner / 2 - 9, w, 18);
        }
        ctx.fillStyle = batchTextColour(k);
        ctx.fillText(String(index), cx, y + inner / 2 + 1);
      });
    }
    ctx.globalAlpha = 1;
  }
}
