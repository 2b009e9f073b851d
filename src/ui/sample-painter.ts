// Draws the batch composition by sample: in every epoch's row, one column per sample index 0 … N − 1,
// in the colour of the batch it went into (sample-rows.ts keeps one summary per epoch). A pixel that
// holds many samples shows the batch most of them went into, paler by the share of them that no
// batch holds (grey only when none was drawn), and its lower part darker by the share drawn twice or
// more. Visible rows are written as pixels into one ImageData per frame: O(pixels on screen),
// whatever N and the number of epochs. A batch pointed at in another chart gets a black tick along
// the top of every column of its epoch's row that holds at least one of its samples.
import { markedColumns } from '../analysis/batch-marks';
import { NO_BATCH, type ColumnSummary } from '../analysis/sample-batches';
import {
  type BatchView,
  clearCanvas,
  DROPPED_COLOUR,
  drawEpochLabels,
  innerHeight,
  strokeOutline,
  UNTRAINED_ALPHA,
} from './batch-painter';
import { sampleCellWidth, sampleX, usesRamp, visibleRows, type BatchLayout } from './batch-layout';
import { BATCH_COLOURS, batchTextColour, RAMP_COLOURS } from './palette';
import type { SampleRows } from './sample-rows';

export interface SampleView extends Omit<BatchView, 'outlined'> {
  /** The sample pointed at (keyboard focus or the mouse). */
  outlinedSample: { epoch: number; sample: number } | null;
  /** An epoch whose step is pointed at in another chart: its row is outlined. */
  outlinedEpoch: number | null;
  /** That epoch's batch, when its order is still kept: the columns of its samples are ticked. */
  outlinedBatch: { epoch: number; samples: Int32Array } | null;
}

/** The tick over a pointed batch's columns: this share of the row's height, at least 3 device pixels. */
const TICK_SHARE = 0.2;

/** The mark of a sample drawn twice or more: its lower part, this much towards black. */
const MARK_DARKEN = 0.65;
/** Where the mark starts, as a share of the row's height. */
const MARK_TOP = 0.55;
/** A row not summarised yet (the next frame does it) or whose order was let go long ago. */
const PENDING_COLOUR = '#f3f4f6';
const NUMBER_COLOUR = '#333';

const rgbOf = (hex: string): [number, number, number] => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
];
const PALETTE = BATCH_COLOURS.map(rgbOf);
const RAMP = RAMP_COLOURS.map(rgbOf);

/** The ramp's colour at t in [0, 1]. */
function rampAt(t: number): [number, number, number] {
  const x = Math.min(Math.max(t, 0), 1) * (RAMP.length - 1);
  const i = Math.min(Math.floor(x), RAMP.length - 2);
  const f = x - i;
  const [a, b] = [RAMP[i], RAMP[i + 1]];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

const GREY = rgbOf(DROPPED_COLOUR);
const PENDING = rgbOf(PENDING_COLOUR);
const UNTRAINED = Math.round(UNTRAINED_ALPHA * 255);

/** A pixel as ImageData's bytes read through a little-endian Uint32Array: ABGR. */
const pack = (r: number, g: number, b: number, a: number) => ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
const TICK = pack(0, 0, 0, 255);

/** Whether sample columns are wide enough for a 1 px gap, and for their index numbers. */
const sampleGap = (cell: number) => (cell >= 8 ? 1 : 0);
const showsSampleNumbers = (layout: BatchLayout, cell: number) => layout.rowHeight >= 16 && cell >= 18;

export class SamplePainter {
  private readonly ctx: CanvasRenderingContext2D | null;
  private image: ImageData | null = null;
  private colour = new Uint32Array(0);
  private mark = new Uint32Array(0);
  private tick = new Uint32Array(0);
  /** The pointed batch's marked columns, kept while the batch and the row's width stay. */
  private marks: { samples: Int32Array; columns: number; marks: Uint8Array } | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d');
  }

  paint(view: SampleView, rows: SampleRows): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const dpr = clearCanvas(this.canvas, ctx, view.width, view.height);
    const pixelWidth = Math.round(view.width * dpr);
    const pixelHeight = Math.round(view.height * dpr);
    const { layout } = view;
    const left = Math.round(layout.labelWidth * dpr);
    const columns = pixelWidth - left;
    const { first, end } = visibleRows(layout, view.scrollTop, view.height, view.epochs);
    if (columns > 0 && pixelHeight > 0) {
      if (!this.image || this.image.width !== columns || this.image.height !== pixelHeight) {
        this.image = new ImageData(columns, pixelHeight);
        this.colour = new Uint32Array(columns);
        this.mark = new Uint32Array(columns);
        this.tick = new Uint32Array(columns);
      }
      const pixels = new Uint32Array(this.image.data.buffer);
      pixels.fill(0);
      for (let e = first; e < end; e++) this.writeRow(pixels, view, rows.row(e), e, columns, dpr, pixelHeight);
      ctx.putImageData(this.image, left, 0);
    }
    drawEpochLabels(ctx, view, first, end);
    const cell = sampleCellWidth(layout, view.width);
    if (showsSampleNumbers(layout, cell)) for (let e = first; e < end; e++) this.drawNumbers(ctx, view, rows.row(e), e);
    this.drawOutlines(ctx, view, cell);
  }

  /** Epoch e's row into the frame's pixels: the colour line above, the mark line below. */
  private writeRow(
    pixels: Uint32Array,
    view: SampleView,
    row: ColumnSummary | undefined,
    e: number,
    columns: number,
    dpr: number,
    pixelHeight: number,
  ): void {
    const { layout } = view;
    const top = Math.round((e * layout.rowHeight - view.scrollTop) * dpr);
    const rowPixels = Math.max(1, Math.round(innerHeight(layout.rowHeight) * dpr));
    const markTop = rowPixels >= 3 ? top + Math.round(rowPixels * MARK_TOP) : top + rowPixels;
    const perEpoch = Math.max(layout.batchCount, 1);
    const trained = Math.min(Math.max(view.stepsDone - e * perEpoch, 0), layout.batchCount);
    const { colour, mark, tick } = this;
    const marks =
      row && view.outlinedBatch?.epoch === e ? this.marksFor(view.outlinedBatch.samples, row, layout) : null;
    if (!row) {
      colour.fill(pack(PENDING[0], PENDING[1], PENDING[2], 255));
      mark.set(colour);
    } else {
      const n = layout.datasetSize;
      const perSample = row.columns === n && columns >= n;
      const gap = perSample && sampleGap(sampleCellWidth(layout, view.width)) ? dpr : 0;
      const ramp = usesRamp(layout);
      const lastBatch = Math.max(layout.batchCount - 1, 1);
      for (let c = 0; c < columns; c++) {
        const s = row.columns === columns ? c : Math.min(row.columns - 1, Math.floor((c * row.columns) / columns));
        if (gap && c >= ((s + 1) * columns) / n - gap) {
          colour[c] = mark[c] = 0;
          continue;
        }
        const b = row.batch[s];
        if (b === NO_BATCH) {
          colour[c] = mark[c] = pack(GREY[0], GREY[1], GREY[2], 255);
          continue;
        }
        const [r0, g0, b0] = ramp ? rampAt(b / lastBatch) : PALETTE[b % PALETTE.length];
        const pale = row.undrawn[s] / 255;
        const r = r0 + (GREY[0] - r0) * pale;
        const g = g0 + (GREY[1] - g0) * pale;
        const bl = b0 + (GREY[2] - b0) * pale;
        const alpha = b < trained ? 255 : UNTRAINED;
        colour[c] = pack(r, g, bl, alpha);
        const dark = 1 - (MARK_DARKEN * row.repeated[s]) / 255;
        mark[c] = pack(r * dark, g * dark, bl * dark, alpha);
      }
    }
    let tickEnd = top;
    if (marks && row) {
      tickEnd = top + Math.min(rowPixels, Math.max(3, Math.round(rowPixels * TICK_SHARE)));
      for (let c = 0; c < columns; c++) {
        const s = row.columns === columns ? c : Math.min(row.columns - 1, Math.floor((c * row.columns) / columns));
        tick[c] = marks[s] && colour[c] !== 0 ? TICK : colour[c];
      }
    }
    for (let y = Math.max(top, 0); y < Math.min(top + rowPixels, pixelHeight); y++)
      pixels.set(y < tickEnd ? tick : y < markTop ? colour : mark, y * columns);
  }

  private marksFor(samples: Int32Array, row: ColumnSummary, layout: BatchLayout): Uint8Array {
    const kept = this.marks;
    if (kept && kept.samples === samples && kept.columns === row.columns) return kept.marks;
    const marks = markedColumns(samples, row.columns, layout.datasetSize);
    this.marks = { samples, columns: row.columns, marks };
    return marks;
  }

  /** Sample indices in their columns, for small datasets. */
  private drawNumbers(
    ctx: CanvasRenderingContext2D,
    view: SampleView,
    row: ColumnSummary | undefined,
    e: number,
  ): void {
    if (!row) return;
    const { layout } = view;
    const cell = sampleCellWidth(layout, view.width);
    const inner = innerHeight(layout.rowHeight);
    const y = e * layout.rowHeight - view.scrollTop + inner * MARK_TOP * 0.5 + 1;
    ctx.font = `600 ${Math.min(14, layout.rowHeight * MARK_TOP - 2)}px ui-monospace, monospace`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < row.columns; i++) {
      const b = row.batch[i];
      ctx.fillStyle = b === NO_BATCH ? NUMBER_COLOUR : batchTextColour(b);
      ctx.fillText(String(i), sampleX(layout, view.width, i) + (cell - sampleGap(cell)) / 2, y);
    }
  }

  private drawOutlines(ctx: CanvasRenderingContext2D, view: SampleView, cell: number): void {
    const { layout } = view;
    const inner = innerHeight(layout.rowHeight);
    if (view.outlinedEpoch !== null) {
      const y = view.outlinedEpoch * layout.rowHeight - view.scrollTop;
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(
        layout.labelWidth + 0.75,
        y + 0.75,
        view.width - layout.labelWidth - 1.5,
        Math.max(inner - 1.5, 1),
      );
      ctx.setLineDash([]);
    }
    const pointed = view.outlinedSample;
    if (!pointed) return;
    const w = Math.max(cell - sampleGap(cell), 6);
    const y = pointed.epoch * layout.rowHeight - view.scrollTop;
    strokeOutline(ctx, sampleX(layout, view.width, pointed.sample), y, w, inner);
  }
}
