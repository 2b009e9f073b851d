// How an experiment is cut into chunks that every engine (GPU kernels, plain JS) trains the same
// way. All runs move forward together through their sample streams — epoch after epoch, position
// e·N + i is the i-th sample of epoch e — one window of positions per chunk: a run trains the
// batches that start inside the window. Each run then does about the same work per chunk whatever
// its batch size (B = 1 takes 10 steps where B = 10 takes one), so the GPU's runs finish a dispatch
// together, and the window is as wide as the chunk's work budget over the number of runs.
import type { ExperimentPlan } from './plan';

export interface ExperimentChunk {
  runCount: number;
  /** Per run: its first step in the chunk (0-based, counted over all epochs) and its number of steps. */
  firstStep: Uint32Array;
  stepCount: Uint32Array;
  /** Per run: where its losses go in the chunk's loss array (run after run), the last entry the total. */
  lossStart: Uint32Array;
  /**
   * The index orders the chunk's batches read: run r's stream from stream position orderFrom[r]
   * (e·N + i) is at orders[orderStart[r] …]. Batch k of epoch e starts at position e·N + k·B.
   */
  orders: Int32Array<ArrayBuffer>;
  orderStart: Uint32Array;
  orderFrom: Float64Array;
}

/** The steps of a run whose batch starts before stream position p. */
export function stepsBefore(p: number, trainSize: number, batchSize: number, stepsPerEpoch: number): number {
  const epoch = Math.floor(p / trainSize);
  const within = p - epoch * trainSize;
  return epoch * stepsPerEpoch + Math.min(stepsPerEpoch, Math.ceil(within / batchSize));
}

/** Draws each run's epoch orders as the windows reach them, and keeps the current one until they pass it. */
export class ExperimentChunker {
  private position = 0;
  private readonly end: number;
  /** Per run: the epochs drawn so far (the latest ones kept), by epoch number. */
  private readonly drawn: Map<number, Int32Array>[];
  /** Per run: the first epoch not drawn yet. */
  private readonly undrawn: Uint32Array;

  constructor(
    private readonly plan: ExperimentPlan,
    /** Sample visits one chunk may cost in all (runs × window). */
    private workPerChunk: number,
  ) {
    this.end = plan.epochs * plan.trainSize;
    this.drawn = plan.runs.map(() => new Map<number, Int32Array>());
    this.undrawn = new Uint32Array(plan.runs.length);
  }

  get done(): boolean {
    return this.position >= this.end;
  }

  /** The fraction of the experiment's stream the chunks so far have covered. */
  get progress(): number {
    return this.end === 0 ? 1 : this.position / this.end;
  }

  /** A new budget, for the next chunks (the driver adapts it to how long chunks take). */
  setWork(workPerChunk: number): void {
    this.workPerChunk = workPerChunk;
  }

  next(): ExperimentChunk | null {
    if (this.done) return null;
    const { plan } = this;
    const n = plan.trainSize;
    const runs = plan.runs.length;
    const from = this.position;
    const to = Math.min(this.end, from + Math.max(1, Math.floor(this.workPerChunk / runs)));
    this.position = to;
    const firstStep = new Uint32Array(runs);
    const stepCount = new Uint32Array(runs);
    const lossStart = new Uint32Array(runs + 1);
    const orderStart = new Uint32Array(runs + 1);
    const orderFrom = new Float64Array(runs);
    const spans: [number, number][] = [];
    for (let r = 0; r < runs; r++) {
      const b = plan.runs[r].batchSize;
      const spe = plan.stepsPerEpoch[r];
      const first = stepsBefore(from, n, b, spe);
      const count = stepsBefore(to, n, b, spe) - first;
      firstStep[r] = first;
      stepCount[r] = count;
      lossStart[r + 1] = lossStart[r] + count;
      // The stream positions the steps read: from the first batch's start to the last one's end.
      const startOf = (step: number) => Math.floor(step / spe) * n + (step % spe) * b;
      const span: [number, number] = count === 0 ? [0, 0] : [startOf(first), endOf(startOf(first + count - 1), n, b)];
      spans.push(span);
      orderFrom[r] = span[0];
      orderStart[r + 1] = orderStart[r] + (span[1] - span[0]);
    }
    const orders = new Int32Array(orderStart[runs]);
    for (let r = 0; r < runs; r++) this.copyStream(r, spans[r][0], spans[r][1], orders, orderStart[r]);
    return { runCount: runs, firstStep, stepCount, lossStart, orders, orderStart, orderFrom };
  }

  /** Run r's stream positions [from, to) into `out` at `at`, drawing its epochs in order as needed. */
  private copyStream(r: number, from: number, to: number, out: Int32Array, at: number): void {
    const n = this.plan.trainSize;
    const drawn = this.drawn[r];
    for (let p = from; p < to;) {
      const epoch = Math.floor(p / n);
      const order = this.epochOrder(r, epoch);
      const upTo = Math.min(to, (epoch + 1) * n);
      out.set(order.subarray(p - epoch * n, upTo - epoch * n), at + (p - from));
      p = upTo;
    }
    // Epochs before the one the next window starts in are never read again.
    const keepFrom = Math.floor(this.position / n);
    for (const e of drawn.keys()) if (e < keepFrom) drawn.delete(e);
  }

  private epochOrder(r: number, epoch: number): Int32Array {
    while (this.undrawn[r] <= epoch) this.drawn[r].set(this.undrawn[r]++, this.plan.nextEpochOrder(r));
    return this.drawn[r].get(epoch)!;
  }
}

/** Where a batch starting at stream position p ends: B samples on, or the epoch's end. */
function endOf(p: number, trainSize: number, batchSize: number): number {
  const epochEnd = (Math.floor(p / trainSize) + 1) * trainSize;
  return Math.min(p + batchSize, epochEnd);
}
