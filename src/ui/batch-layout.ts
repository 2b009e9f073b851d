// Geometry of the batch composition chart: one row per epoch; in each row the epoch's mini-batches
// left to right, the samples in order of position, a gap between batches while there is room, and
// the samples drop_last leaves out as a last, empty group. Every epoch has the same batch sizes, so
// one layout serves every row. When there are more samples than pixels a pixel stands for many
// samples (cellWidth < 1) and gaps shrink to a hairline or vanish: 1,000,000 samples fit one row.
import { batchesPerEpoch } from '../engine/dataloader';

export const BATCH_GAP = 4;
export const ROW_HEIGHT_MAX = 30;
export const ROW_HEIGHT_MIN = 3;
/** Height of the visible window; longer runs scroll. */
export const VIEW_HEIGHT_MAX = 360;

export interface BatchLayout {
  datasetSize: number;
  batchSize: number;
  batchCount: number;
  /** Samples left out of every epoch by drop_last. */
  dropped: number;
  labelWidth: number;
  /** Width of one sample in CSS pixels; below 1 a pixel holds 1/cellWidth samples. */
  cellWidth: number;
  /** Pixels between two batches: BATCH_GAP, 1, or 0 when batches are too many for gaps. */
  gap: number;
  rowHeight: number;
}

export function rowHeightFor(epochs: number): number {
  const fit = Math.floor(VIEW_HEIGHT_MAX / Math.max(epochs, 1));
  return Math.min(ROW_HEIGHT_MAX, Math.max(ROW_HEIGHT_MIN, fit));
}

/** The widest gap that leaves batches most of the row: 4 px for a few batches, 1 px, then none. */
function gapFor(groups: number, available: number): number {
  if (groups <= 1) return 0;
  if ((groups - 1) * BATCH_GAP <= 0.25 * available) return BATCH_GAP;
  if (groups - 1 <= 0.2 * available) return 1;
  return 0;
}

export function makeBatchLayout(
  width: number,
  datasetSize: number,
  batchSize: number,
  dropLast: boolean,
  epochs: number,
): BatchLayout {
  const batchCount = batchesPerEpoch(datasetSize, batchSize, dropLast);
  const kept = Math.min(datasetSize, batchCount * batchSize);
  const dropped = datasetSize - kept;
  const groups = batchCount + (dropped > 0 ? 1 : 0);
  const labelWidth = 12 + 9 * String(epochs).length;
  const available = Math.max(0, width - labelWidth);
  const gap = gapFor(groups, available);
  const cellWidth = Math.max(0, (available - gap * (groups - 1)) / Math.max(datasetSize, 1));
  return { datasetSize, batchSize, batchCount, dropped, labelWidth, cellWidth, gap, rowHeight: rowHeightFor(epochs) };
}

/** Samples in batch k (0-based): the last one may be short. */
export function batchLength(layout: BatchLayout, k: number): number {
  return Math.min(layout.batchSize, layout.datasetSize - k * layout.batchSize);
}

export function isShortLastBatch(layout: BatchLayout, k: number): boolean {
  return k === layout.batchCount - 1 && batchLength(layout, k) < layout.batchSize;
}

/** Left edge of batch k; k = batchCount gives the dropped group's left edge. */
export function batchX(layout: BatchLayout, k: number): number {
  return layout.labelWidth + k * (layout.batchSize * layout.cellWidth + layout.gap);
}

/** Batch k's width in pixels. */
export function batchWidth(layout: BatchLayout, k: number): number {
  return batchLength(layout, k) * layout.cellWidth;
}

/** The batch under x, or null over the labels, a gap or the dropped samples. */
export function batchAt(layout: BatchLayout, x: number): number | null {
  const rel = x - layout.labelWidth;
  if (rel < 0 || layout.cellWidth <= 0) return null;
  const k = Math.floor(rel / (layout.batchSize * layout.cellWidth + layout.gap));
  if (k >= layout.batchCount) return null;
  return x < batchX(layout, k) + batchWidth(layout, k) ? k : null;
}

/** Visible rows [first, end) for a window scrolled to scrollTop. */
export function visibleRows(layout: BatchLayout, scrollTop: number, viewHeight: number, rows: number) {
  const first = Math.max(0, Math.floor(scrollTop / layout.rowHeight));
  const end = Math.min(rows, Math.ceil((scrollTop + viewHeight) / layout.rowHeight));
  return { first, end };
}

/** What one pixel stands for, for the note under the chart ("1 px = 1,250 samples"), or null. */
export function pixelScale(layout: BatchLayout): { samples: number; batches: number } | null {
  if (layout.cellWidth <= 0 || layout.cellWidth >= 1) return null;
  const samples = 1 / layout.cellWidth;
  return { samples, batches: samples / layout.batchSize };
}

/**
 * Whether the cells are large enough to carry their sample numbers. Where they are not (many
 * samples, or many epochs' short rows), a row of positions looks the same in every epoch, so the
 * chart opens by sample instead.
 */
export const showsNumbers = (layout: BatchLayout) => layout.rowHeight >= 16 && layout.cellWidth >= 18;

export const defaultOrder = (layout: BatchLayout): 'drawn' | 'sample' => (showsNumbers(layout) ? 'drawn' : 'sample');

// "By sample": one column per sample index 0 … N − 1, no gaps between batches (a batch's samples
// are scattered over the row).

/** Width of one sample's column by sample; below 1 a pixel holds 1/width samples. */
export const sampleCellWidth = (layout: BatchLayout, width: number): number =>
  Math.max(0, width - layout.labelWidth) / Math.max(layout.datasetSize, 1);

/** Left edge of sample i's column. */
export const sampleX = (layout: BatchLayout, width: number, i: number): number =>
  layout.labelWidth + i * sampleCellWidth(layout, width);

/** The sample under x (the first of the pixel's when a pixel holds many), or null over the labels. */
export function sampleAt(layout: BatchLayout, width: number, x: number): number | null {
  const cell = sampleCellWidth(layout, width);
  const rel = x - layout.labelWidth;
  if (rel < 0 || cell <= 0) return null;
  const i = Math.floor(rel / cell);
  return i < layout.datasetSize ? i : null;
}

/** By sample, whether batches are too many to tell apart by the palette: a ramp colours them instead. */
export const usesRamp = (layout: BatchLayout) => layout.batchCount > 1 && layout.batchSize * layout.cellWidth < 1;
