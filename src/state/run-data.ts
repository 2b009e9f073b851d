// Append-only columns of one run, kept outside React: a 100,000-epoch run has 400,000 steps, which
// as objects in React state would cost far more memory and copying than these typed arrays.
import type { ModelParams } from '../protocol';
import { EpochOrders } from './epoch-orders';
import { ParamCheckpoints } from './param-checkpoints';

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

/** One line of the training log (a step's is formatted when first read: log-line.ts). */
export interface LogLine {
  step: number;
  text: string;
  /** Its batch was listed by its first and last indices (more than LOG_BATCH_LISTED samples). */
  shortened?: true;
  /** `Epoch [e/E], Validation loss: …`, after the line of the epoch's last step (the same `step`). */
  validation?: true;
}

export const LOG_LINES_SHOWN = 1000;

/** Everything a run has produced so far. A reset starts a new RunData, so identity = run. */
export class RunData {
  /** Loss of step i (0-based). */
  readonly stepLoss = growableFloat64();
  /** Mean step loss of each completed epoch, and the 1-based step at which it is plotted. */
  readonly epochMeanLoss = growableFloat64();
  readonly epochMeanStep = growableFloat64();
  /** Every epoch's mini-batches, compactly (newest epochs only for large runs). */
  readonly epochBatches = new EpochOrders();
  /** With a validation split: the held-out MSE after each epoch, and the 1-based step it ended on. */
  readonly validationLoss = growableFloat64();
  readonly validationStep = growableFloat64();
  /** Parameters after step i (linear model): the path drawn in parameter space. */
  readonly paramW = growableFloat64();
  readonly paramB = growableFloat64();
  /** The MLP's parameters at step 0 and after each progress chunk: the steps between are replayed. */
  readonly checkpoints = new ParamCheckpoints();
  /** The newest LOG_LINES_SHOWN lines at least (trimmed in chunks to keep pushes cheap). */
  recentLog: LogLine[] = [];

  pushLogLine(line: LogLine): void {
    this.recentLog.push(line);
    if (this.recentLog.length >= 2 * LOG_LINES_SHOWN) {
      this.recentLog = this.recentLog.slice(-LOG_LINES_SHOWN);
    }
  }
}

/** The log's validation lines among the first `steps` steps (each follows its epoch's last step). */
export function validationLinesUpTo(data: RunData, steps: number): number {
  let count = data.validationStep.length;
  while (count > 0 && data.validationStep.get(count - 1) > steps) count--;
  return count;
}

/**
 * The linear model's parameters around step `step` (0-based): `before` the update, the ones its batch
 * loss was computed with (the initial ones for the first step), and `after` it. Null where not known.
 */
export function linearParamsAround(
  data: RunData,
  initial: ModelParams | null,
  step: number,
): { before: ModelParams | null; after: ModelParams | null } {
  const at = (i: number): ModelParams | null =>
    i >= 0 && i < data.paramW.length ? { w: data.paramW.get(i), b: data.paramB.get(i) } : null;
  return { before: step === 0 ? initial : at(step - 1), after: at(step) };
}
