// The rows of the batch composition by sample, one summary per epoch (analysis/sample-batches.ts),
// kept for as long as the run lasts: the epoch's order itself is let go for large runs
// (state/epoch-orders.ts), so each row is summarised while its order is still there, whichever
// order the chart shows, and a few rows a frame so that a run of 1,000,000 samples never holds the
// main thread for long. Should training run further ahead than the orders may wait (a slow machine,
// a tab without frames), the order about to go is summarised there and then: a longer task, never a
// lost row.
import {
  addDraws,
  ColumnCounter,
  emptyInverse,
  emptySummary,
  NO_BATCH,
  type ColumnSummary,
  type SampleBatches,
} from '../analysis/sample-batches';
import type { EpochOrders } from '../state/epoch-orders';

/** Main-thread time one frame may spend summarising rows… */
const FRAME_BUDGET_MS = 8;
/** …and when more than a few epochs wait (a fast run): with the frame's other work, still short of
 * a 50 ms long task on a machine four times slower than the one it was measured on (bench, 4×). */
const BEHIND_BUDGET_MS = 12;
const EPOCHS_WAITING_BEHIND = 2;
/** Bytes of summaries kept; past it the oldest rows are let go like the orders (6 bytes a column). */
const SUMMARY_BUDGET_BYTES = 48_000_000;
/** Work between two looks at the clock: positions of an order, then columns of a row. */
const POSITIONS_PER_SLICE = 1 << 14;
const SAMPLES_PER_SLICE = 1 << 14;

/** A row being made, across frames: the epoch's order read into the inverse, then the columns. */
interface Job {
  epoch: number;
  order: Int32Array | null;
  length: number;
  batchCount: number;
  inverse: SampleBatches;
  row: ColumnSummary;
  position: number;
  column: number;
}

/** The columns of a resampled row: nearest, for rows whose order was let go before a resize. */
function resample(row: ColumnSummary, columns: number): ColumnSummary {
  const pick = (c: number) => Math.min(row.columns - 1, Math.floor(((c + 0.5) * row.columns) / columns));
  const out: ColumnSummary = {
    columns,
    batch: new Int32Array(columns),
    undrawn: new Uint8Array(columns),
    repeated: new Uint8Array(columns),
  };
  for (let c = 0; c < columns; c++) {
    const from = pick(c);
    out.batch[c] = row.batch[from];
    out.undrawn[c] = row.undrawn[from];
    out.repeated[c] = row.repeated[from];
  }
  return out;
}

export class SampleRows {
  private orders: EpochOrders | null = null;
  private columns = 0;
  private datasetSize = 0;
  private rows: (ColumnSummary | undefined)[] = [];
  private oldestKept = 0;
  /** Every epoch before it has its row or was let go: where the search for the next job starts. */
  private madeBefore = 0;
  private job: Job | null = null;
  private scratch: SampleBatches | null = null;
  private readonly counter = new ColumnCounter();

  /** The row of epoch e, or undefined while it is still to be made (or was let go). */
  row(e: number): ColumnSummary | undefined {
    return this.rows[e];
  }

  /**
   * Summarises the rows still missing, oldest first, within the frame's budget (a row of
   * 1,000,000 samples takes several frames); true when some remain for the next frame.
   * `columns`: the chart's pixel columns (at most N).
   */
  update(orders: EpochOrders, datasetSize: number, columns: number, now: () => number): boolean {
    if (orders !== this.orders || datasetSize !== this.datasetSize) {
      if (this.orders && this.orders !== orders) this.orders.onUnreadRelease = null;
      orders.onUnreadRelease = (e) => this.makeNow(orders, e);
      this.orders = orders;
      this.datasetSize = datasetSize;
      this.rows = [];
      this.oldestKept = 0;
      this.madeBefore = 0;
      this.job = null;
    }
    if (columns !== this.columns) {
      // A resize: rows are made again from the orders still kept, the others resampled.
      const old = this.rows;
      this.columns = columns;
      this.rows = old.map((row, e) => (row && !orders.hasIndices(e) ? resample(row, columns) : undefined));
      this.madeBefore = 0;
      this.job = null;
    }
    if (columns <= 0 || orders.batchSize <= 0) return false;
    const start = now();
    let budget = FRAME_BUDGET_MS;
    for (;;) {
      this.job ??= this.nextJob(orders);
      const job = this.job;
      if (!job) {
        orders.readBefore(orders.epochCount);
        this.release(orders.epochCount);
        return false;
      }
      if (orders.epochCount - job.epoch > EPOCHS_WAITING_BEHIND) budget = BEHIND_BUDGET_MS;
      this.advance(job, orders.batchSize);
      if (job.column >= job.row.columns) {
        this.rows[job.epoch] = job.row;
        this.job = null;
      }
      if (now() - start > budget) return true;
    }
  }

  /**
   * The oldest epoch still without a row whose order is kept (the next to be let go); the orders
   * hold the epochs from it on. Its inverse reuses the last one's memory.
   */
  private nextJob(orders: EpochOrders): Job | null {
    // Not from the oldest row kept each time: a run of 2,000 short epochs made that quadratic.
    while (this.madeBefore < orders.epochCount && (this.madeBefore < this.oldestKept || this.rows[this.madeBefore]))
      this.madeBefore++;
    for (let e = this.madeBefore; e < orders.epochCount; e++) {
      if (this.rows[e]) continue;
      const job = this.jobFor(orders, e, this.reusedInverse());
      if (!job) continue;
      orders.readBefore(e);
      return job;
    }
    return null;
  }

  private reusedInverse(): SampleBatches {
    const inverse = this.scratch;
    if (inverse && inverse.batchOf.length === this.datasetSize) {
      inverse.batchOf.fill(NO_BATCH);
      inverse.draws.fill(0);
      return inverse;
    }
    return (this.scratch = emptyInverse(this.datasetSize));
  }

  private jobFor(orders: EpochOrders, e: number, inverse: SampleBatches): Job | null {
    const epoch = orders.epochOrder(e);
    if (!epoch) return null;
    const row = emptySummary(this.columns);
    return { epoch: e, ...epoch, batchCount: orders.batchCount(e), inverse, row, position: 0, column: 0 };
  }

  /** Epoch e's order is about to go unread: its row is made now, whole (the job in hand if it is e's). */
  private makeNow(orders: EpochOrders, e: number): void {
    if (this.rows[e] || this.columns <= 0 || orders.batchSize <= 0) return;
    const inHand = this.job?.epoch === e ? this.job : null;
    // Another epoch's job keeps the shared inverse; this one gets its own.
    const job = inHand ?? this.jobFor(orders, e, this.job ? emptyInverse(this.datasetSize) : this.reusedInverse());
    if (!job) return;
    while (job.column < job.row.columns) this.advance(job, orders.batchSize);
    this.rows[e] = job.row;
    if (inHand) this.job = null;
  }

  /** One slice of a job: positions of its order first, then columns of its row. */
  private advance(job: Job, batchSize: number): void {
    if (job.position < job.length) {
      const to = Math.min(job.length, job.position + POSITIONS_PER_SLICE);
      addDraws(job.inverse, job.order, batchSize, job.position, to);
      job.position = to;
      return;
    }
    const perColumn = Math.max(1, this.datasetSize / job.row.columns);
    const to = Math.min(job.row.columns, job.column + Math.max(1, Math.floor(SAMPLES_PER_SLICE / perColumn)));
    this.counter.fill(job.row, job.inverse, job.batchCount, job.column, to);
    job.column = to;
  }

  private release(epochs: number): void {
    const rowsKept = Math.floor(SUMMARY_BUDGET_BYTES / (6 * Math.max(this.columns, 1)));
    while (epochs - this.oldestKept > rowsKept) this.rows[this.oldestKept++] = undefined;
  }
}
