// Geometry of the batch composition chart: one row per epoch; in each row the epoch's mini-batches
// left to right, one cell per sample, a gap between batches, and the samples drop_last leaves out
// as a last, empty group. Every epoch has the same batch sizes, so one layout serves every row.
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
  cellWidth: number;
  rowHeight: number;
}

export function rowHeightFor(epochs: number): number {
  const fit = Math.floor(VIEW_HEIGHT_MAX / Math.max(epochs, 1));
  return Math.min(ROW_HEIGHT_MAX, Math.max(ROW_HEIGHT_MIN, fit));
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
  const cellWidth = Math.max(0, (width - labelWidth - BATCH_GAP * (groups - 1)) / Math.max(datasetSize, 1));
  return { datasetSize, batchSize, batchCount, dropped, labelWidth, cellWidth, rowHeight: rowHeightFor(epochs) };
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
  return layout.labelWidth + k * (layout.batchSize * layout.cellWidth + BATCH_GAP);
}

/** The batch under x, or null over the labels, a gap or the dropped samples. */
export function batchAt(layout: BatchLayout, x: number): number | null {
  const rel = x - layout.labelWidth;
  if (rel < 0 || layout.cellWidth <= 0) return null;
  const k = Math.floor(rel / (layout.batchSize * layout.cellWidth + BATCH_GAP));
  if (k >= layout.batchCount) return null;
  return x < batchX(layout, k) + batchLength(layout, k) * layout.cellWidth ? k : null;
}

/** Visible rows [first, end) for a window scrolled to scrollTop. */
export function visibleRows(layout: BatchLayout, scrollTop: number, viewHeight: number, rows: number) {
  const first = Math.max(0, Math.floor(scrollTop / layout.rowHeight));
  const end = Math.min(rows, Math.ceil((scrollTop + viewHeight) / layout.rowHeight));
  return { first, end };
}
