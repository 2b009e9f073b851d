// Append-only columns of one run, kept outside React: a 100,000-epoch run has 400,000 steps, which
// as objects in React state would cost far more memory and copying than these typed arrays.

type NumericArray = Float64Array | Int32Array;

/** A typed array that doubles when full. `view()` is valid until the next push. */
class Growable<T extends NumericArray> {
  private data: T;
  length = 0;

  constructor(private readonly make: (capacity: number) => T) {
    this.data = make(64);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export const growableFloat64 = () => new Growable((n) => new Float64Array(n));
export const growableInt32 = () => new Growable((n) => new Int32Array(n));

/** Every epoch's mini-batches (sample indices) as three flat columns. */
export class EpochBatches {
  private readonly samples = growableInt32();
  /** End offset in `samples` of each batch. */
  private readonly batchEnds = growableInt32();
  /** Index in `batchEnds` of each epoch's first batch. */
  private readonly epochStarts = growableInt32();

  get epochCount(): number {
    return this.epochStarts.length;
  }

  append(batches: readonly (readonly number[])[]): void {
    this.epochStarts.push(this.batchEnds.length);
    for (const batch of batches) {
      for (const index of batch) this.samples.push(index);
      this.batchEnds.push(this.samples.length);
    }
  }

  /** Number of batches in epoch `e` (0-based). */
  batchCount(e: number): number {
    const end = e + 1 < this.epochStarts.length ? this.epochStarts.get(e + 1) : this.batchEnds.length;
    return end - this.epochStarts.get(e);
  }

  /** Batch `k` of epoch `e`, both 0-based. */
  batch(e: number, k: number): number[] {
    const b = this.epochStarts.get(e) + k;
    const start = b === 0 ? 0 : this.batchEnds.get(b - 1);
    return Array.from(this.samples.view().subarray(start, this.batchEnds.get(b)));
  }

  batchesOf(e: number): number[][] {
    return Array.from({ length: this.batchCount(e) }, (_, k) => this.batch(e, k));
  }
}

/** One line of the training log, formatted once when its step arrives. */
export interface LogLine {
  step: number;
  text: string;
}

export const LOG_LINES_SHOWN = 1000;

/** Everything a run has produced so far. A reset starts a new RunData, so identity = run. */
export class RunData {
  /** Loss of step i (0-based). */
  readonly stepLoss = growableFloat64();
  /** Mean step loss of each completed epoch, and the 1-based step at which it is plotted. */
  readonly epochMeanLoss = growableFloat64();
  readonly epochMeanStep = growableFloat64();
  readonly epochBatches = new EpochBatches();
  /** The newest LOG_LINES_SHOWN lines at least (trimmed in chunks to keep pushes cheap). */
  recentLog: LogLine[] = [];

  pushLogLine(line: LogLine): void {
    this.recentLog.push(line);
    if (this.recentLog.length >= 2 * LOG_LINES_SHOWN) {
      this.recentLog = this.recentLog.slice(-LOG_LINES_SHOWN);
    }
  }
}
