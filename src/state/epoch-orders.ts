// Every epoch's mini-batches, compactly. A batch's colour in the composition chart depends only on
// its position (batch k = positions k·B … (k+1)·B − 1 of the epoch's order), so the sample indices
// themselves are needed only to name them (tooltip, table, log) and to highlight them in the fit
// view. They are kept as one Int32Array per epoch — 4 bytes a sample — and, when the run is large
// (N = 1,000,000 × 100 epochs would be 400 MB), only for the newest epochs that fit the budget.
// An unshuffled epoch is 0, 1, 2, … and costs nothing at all. They are also where a step's batch
// comes from: the worker sends an epoch's order before its steps, and the steps without indices.

/** Sample indices kept across all epochs before the oldest are let go (16 MB). */
export const KEPT_INDICES_BUDGET = 4_000_000;
/**
 * Epochs a view has still to read (the batch composition summarises every epoch by sample once) are
 * held over the budget up to this many indices; past it the oldest go all the same.
 */
export const UNREAD_INDICES_BUDGET = 2 * KEPT_INDICES_BUDGET;
/** The newest epochs are always kept: the current batch and the one before it may straddle them. */
const ALWAYS_KEPT = 2;

/** An epoch as the worker sends it (one flat order and the batch size), or nested batches (tests). */
export interface EpochBody {
  batches?: readonly (readonly number[])[];
  order?: Int32Array;
  batchSize?: number;
}

const IN_ORDER = 'in-order';
type StoredOrder = Int32Array | typeof IN_ORDER | null;

function isIdentity(order: Int32Array): boolean {
  for (let i = 0; i < order.length; i++) if (order[i] !== i) return false;
  return true;
}

const isNested = (body: EpochBody | readonly (readonly number[])[]): body is readonly (readonly number[])[] =>
  Array.isArray(body);

export class EpochOrders {
  private readonly orders: StoredOrder[] = [];
  /** Samples each epoch trains on (N, or fewer with drop_last). */
  private readonly lengths: number[] = [];
  private kept = 0;
  private oldestKept = 0;
  /** Epochs from this one on are kept over the budget: steps of theirs are still to arrive. */
  private firstNeeded = Number.POSITIVE_INFINITY;
  /** Epochs before this one have been read by the view that reads them all; null: no such view. */
  private firstUnread: number | null = null;
  /** Mini-batch size, learnt from the first epoch. */
  batchSize = 0;

  get epochCount(): number {
    return this.orders.length;
  }

  append(body: EpochBody | readonly (readonly number[])[]): void {
    const { batches = [], order: given, batchSize } = isNested(body) ? { batches: body } : body;
    let order = given;
    if (!order) {
      order = new Int32Array(batches.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const batch of batches) for (const index of batch) order[at++] = index;
    }
    if (this.batchSize === 0) this.batchSize = batchSize ?? (batches.length > 0 ? batches[0].length : order.length);
    this.lengths.push(order.length);
    if (isIdentity(order)) {
      this.orders.push(IN_ORDER);
      return;
    }
    this.orders.push(order);
    this.kept += order.length;
    this.release();
  }

  /**
   * Epoch `e` (0-based) and later ones are still needed whatever the budget: their steps, which
   * take their batches from here, have not all arrived (one chunk may span many epochs).
   */
  neededFrom(e: number): void {
    this.firstNeeded = e;
    this.release();
  }

  /**
   * Epochs before `e` have been read (summarised by the batch composition): from the first call on,
   * the epochs after them are let go only past UNREAD_INDICES_BUDGET.
   */
  /**
   * Called with an epoch that has not been read when its order must go (the reader fell more than
   * UNREAD_INDICES_BUDGET behind, or gets no frames): the reader's last chance to summarise it.
   */
  onUnreadRelease: ((e: number) => void) | null = null;

  readBefore(e: number): void {
    if (e === this.firstUnread) return;
    this.firstUnread = e;
    this.release();
  }

  /** Lets the oldest shuffled epochs go until the budget holds (the newest, the needed and the unread stay). */
  private release(): void {
    const newestProtected = Math.min(this.orders.length - ALWAYS_KEPT, this.firstNeeded);
    const unread = this.firstUnread ?? Number.POSITIVE_INFINITY;
    while (this.kept > KEPT_INDICES_BUDGET && this.oldestKept < newestProtected) {
      if (this.oldestKept >= unread && this.kept <= UNREAD_INDICES_BUDGET) break;
      const stored = this.orders[this.oldestKept];
      if (stored instanceof Int32Array && this.oldestKept >= unread) this.onUnreadRelease?.(this.oldestKept);
      if (stored instanceof Int32Array) {
        this.kept -= stored.length;
        this.orders[this.oldestKept] = null;
      }
      this.oldestKept += 1;
    }
  }

  /** Whether epoch e's sample indices are still known (false for old epochs of large runs). */
  hasIndices(e: number): boolean {
    return e >= 0 && e < this.orders.length && this.orders[e] !== null;
  }

  /** Epochs whose indices are kept, counted from the newest. */
  get keptEpochs(): number {
    let n = 0;
    for (let e = this.orders.length - 1; e >= 0 && this.orders[e] !== null; e--) n++;
    return n;
  }

  /** Number of batches in epoch `e` (0-based). */
  batchCount(e: number): number {
    const length = this.lengths[e] ?? 0;
    return this.batchSize > 0 ? Math.ceil(length / this.batchSize) : 0;
  }

  /** Samples in batch k of epoch e. */
  batchLength(e: number, k: number): number {
    const length = this.lengths[e] ?? 0;
    return Math.max(0, Math.min(this.batchSize, length - k * this.batchSize));
  }

  /** Batch `k` of epoch `e`, both 0-based, without copying; null when the epoch's indices are gone. */
  batchIndices(e: number, k: number): Int32Array | null {
    const stored = this.orders[e];
    if (stored === null || stored === undefined) return null;
    const start = k * this.batchSize;
    const end = start + this.batchLength(e, k);
    if (stored === IN_ORDER) return Int32Array.from({ length: end - start }, (_, j) => start + j);
    return stored.subarray(start, end);
  }

  /**
   * Epoch e's whole order (null: 0, 1, 2, … unshuffled) and its length, or null when the indices
   * are no longer kept: the batch composition's "by sample" rows are its inverse.
   */
  epochOrder(e: number): { order: Int32Array | null; length: number } | null {
    const stored = this.orders[e];
    if (stored === null || stored === undefined) return null;
    return { order: stored === IN_ORDER ? null : stored, length: this.lengths[e] };
  }

  /** Batch `k` of epoch `e` as numbers (empty when not kept). */
  batch(e: number, k: number): number[] {
    return Array.from(this.batchIndices(e, k) ?? []);
  }

  batchesOf(e: number): number[][] {
    return Array.from({ length: this.batchCount(e) }, (_, k) => this.batch(e, k));
  }
}
