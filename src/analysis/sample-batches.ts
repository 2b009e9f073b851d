// The batch composition "by sample": an epoch's order turned inside out, sample → the batch it went
// into, and that inverse summarised per pixel column when a column holds many samples. Both are one
// pass over the epoch (O(N)), so a row of 1,000,000 samples is computed once, when its epoch arrives,
// and then kept as one small summary per column.

/** Marks a sample that no batch of the epoch holds (left out by drop_last, or never drawn). */
export const NO_BATCH = -1;
/** Draw counts saturate here: "drawn twice or more" is all a cell shows. */
const MAX_DRAWS = 255;

export interface SampleBatches {
  /** The (first) batch each sample went into, 0-based, or NO_BATCH. */
  batchOf: Int32Array;
  /** How many times each sample was drawn in the epoch (0, 1, 2, …; saturates at 255). */
  draws: Uint8Array;
}

/** An empty inverse for N samples: no sample drawn yet. */
export function emptyInverse(datasetSize: number): SampleBatches {
  return { batchOf: new Int32Array(datasetSize).fill(NO_BATCH), draws: new Uint8Array(datasetSize) };
}

/**
 * Adds positions [from, to) of an epoch's order to its inverse. `order` lists the epoch's sample
 * indices in the order the sampler yields them (position p is in batch floor(p / batchSize)); null
 * means 0, 1, 2, … (no shuffle). In slices, so that a long epoch can be spread over frames.
 */
export function addDraws(
  inverse: SampleBatches,
  order: Int32Array | null,
  batchSize: number,
  from: number,
  to: number,
): void {
  const { batchOf, draws } = inverse;
  const n = batchOf.length;
  const size = Math.max(batchSize, 1);
  for (let k = Math.floor(from / size), p = from; p < to; k++) {
    for (const end = Math.min(to, (k + 1) * size); p < end; p++) {
      const sample = order ? order[p] : p;
      if (sample < 0 || sample >= n) continue;
      if (batchOf[sample] === NO_BATCH) batchOf[sample] = k;
      if (draws[sample] < MAX_DRAWS) draws[sample] += 1;
    }
  }
}

/** The per-epoch inverse of an order of `length` positions over N samples, in one go. */
export function sampleBatches(
  order: Int32Array | null,
  length: number,
  datasetSize: number,
  batchSize: number,
): SampleBatches {
  const inverse = emptyInverse(datasetSize);
  addDraws(inverse, order, batchSize, 0, length);
  return inverse;
}

/** Every batch sample `sample` went into in this epoch, in order (more than one only with replacement). */
export function batchesOfSample(order: Int32Array | null, length: number, batchSize: number, sample: number): number[] {
  if (!order) return sample < length ? [Math.floor(sample / Math.max(batchSize, 1))] : [];
  const found: number[] = [];
  for (let p = 0; p < length; p++) if (order[p] === sample) found.push(Math.floor(p / Math.max(batchSize, 1)));
  return found;
}

/**
 * One row of the chart, `columns` wide. Column c holds samples floor(c·N/columns) up to the next
 * column's first (one sample when N ≤ columns). Its colour is the batch most of its drawn samples
 * went into (ties: the one that reached that count first, in sample order); NO_BATCH only when none
 * of them was drawn at all.
 */
export interface ColumnSummary {
  columns: number;
  batch: Int32Array;
  /** Share of the column's samples no batch holds, × 255 rounded down (255 only when all). */
  undrawn: Uint8Array;
  /** Share of the column's samples drawn twice or more, × 255 rounded up (0 only when none). */
  repeated: Uint8Array;
}

/** The first sample of column c of `columns` over N samples. */
export const columnStart = (c: number, columns: number, datasetSize: number): number =>
  Math.floor((c * datasetSize) / columns);

export function emptySummary(columns: number): ColumnSummary {
  return {
    columns,
    batch: new Int32Array(columns).fill(NO_BATCH),
    undrawn: new Uint8Array(columns),
    repeated: new Uint8Array(columns),
  };
}

/** Counts per batch for one column at a time; only the batches touched are reset after it. */
export class ColumnCounter {
  private counts = new Int32Array(1);
  private readonly touched: number[] = [];

  /** Fills columns [from, to) of `row` from the inverse (`batchCount`: the epoch's batches). */
  fill(row: ColumnSummary, inverse: SampleBatches, batchCount: number, from = 0, to = row.columns): void {
    if (this.counts.length < batchCount) this.counts = new Int32Array(batchCount);
    const { counts, touched } = this;
    const { batchOf, draws } = inverse;
    const n = batchOf.length;
    for (let c = from; c < to; c++) {
      const start = columnStart(c, row.columns, n);
      const end = Math.min(n, Math.max(start + 1, columnStart(c + 1, row.columns, n)));
      let best = NO_BATCH;
      let bestCount = 0;
      let none = 0;
      let many = 0;
      for (let s = start; s < end; s++) {
        const b = batchOf[s];
        if (b === NO_BATCH) {
          none++;
          continue;
        }
        if (draws[s] > 1) many++;
        if (counts[b] === 0) touched.push(b);
        const count = ++counts[b];
        // Strictly more: on a tie the batch that got there first, scanning the samples in order
        // (when every batch has one sample here, the first sample's), so a shuffled pixel of
        // many batches is not pulled towards the early ones.
        if (count > bestCount) {
          best = b;
          bestCount = count;
        }
      }
      for (const b of touched) counts[b] = 0;
      touched.length = 0;
      const total = Math.max(end - start, 1);
      row.batch[c] = best;
      row.undrawn[c] = best === NO_BATCH ? 255 : Math.min(254, Math.floor((255 * none) / total));
      row.repeated[c] = Math.ceil((255 * many) / total);
    }
  }
}

/** The whole row in one go. */
export function summariseColumns(inverse: SampleBatches, columns: number, batchCount: number): ColumnSummary {
  const row = emptySummary(columns);
  new ColumnCounter().fill(row, inverse, batchCount);
  return row;
}
