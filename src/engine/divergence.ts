// Notices a run going wrong from its step losses alone: a loss that is NaN or ±Infinity, or a loss
// that keeps growing. Step losses of mini-batches are noisy (a batch of x = 10 has a far larger loss
// than a batch of x = 1), so growth is judged on window means, and only counts when the loss has
// also climbed well above where the run started — a converged run bouncing around 1e-12 never trips it.
// The worker keeps one per run (worker/run.ts): it decides, and pauses the run once; the UI only shows it.

export type DivergenceReason = 'non-finite' | 'growing';

export interface Divergence {
  reason: DivergenceReason;
  /** 0-based step at which it was noticed. */
  step: number;
  /** The loss there (NaN/±Infinity for 'non-finite', the window mean for 'growing'). */
  loss: number;
  /** The first window's mean loss, for "from … to …". */
  startLoss: number;
  /** Consecutive steps over which the loss grew ('growing' only; 0 otherwise). */
  growthSteps: number;
}

/** Window means must rise this many windows in a row… */
const RISING_WINDOWS = 6;
/** …and end this many times above the first window's mean. */
const RISE_FACTOR = 10;
/** Or end this many times above it, however they got there. */
const BLOW_UP_FACTOR = 100;

export function windowFor(stepsPerEpoch: number): number {
  return Math.min(50, Math.max(4, stepsPerEpoch));
}

/** Where a watch is in a run's losses: a run recreated mid-way (failover, restart) goes on from it. */
export interface DivergenceWatchState {
  scanned: number;
  windowSum: number;
  windowCount: number;
  firstMean: number;
  previousMean: number;
  rising: number;
  found: Divergence | null;
}

/** Scans a run's losses incrementally: call `scan` with the growing loss column as often as liked. */
export class DivergenceWatch {
  private scanned = 0;
  private windowSum = 0;
  private windowCount = 0;
  private firstMean = Number.NaN;
  private previousMean = Number.NaN;
  private rising = 0;
  private found: Divergence | null = null;

  /**
   * `from`: a divergence already reported (the watch keeps it and looks no further), or the state of
   * the watch of the run this one carries on, so that its windows and its start are the run's own.
   */
  constructor(
    private readonly window: number,
    from: Divergence | DivergenceWatchState | null = null,
  ) {
    if (from && 'scanned' in from) Object.assign(this, from);
    else this.found = from;
  }

  state(): DivergenceWatchState {
    const { scanned, windowSum, windowCount, firstMean, previousMean, rising, found } = this;
    return { scanned, windowSum, windowCount, firstMean, previousMean, rising, found };
  }

  get result(): Divergence | null {
    return this.found;
  }

  /** The loss of step `step` (0-based), the steps in order; the first finding once there is one. */
  observe(step: number, loss: number): Divergence | null {
    if (this.found) return this.found;
    this.scanned = step + 1;
    if (!Number.isFinite(loss)) {
      this.found = { reason: 'non-finite', step, loss, startLoss: this.firstMean, growthSteps: 0 };
      return this.found;
    }
    this.windowSum += loss;
    this.windowCount += 1;
    if (this.windowCount === this.window) this.closeWindow(step);
    return this.found;
  }

  /** The losses of a growing column it has not seen yet (step i = stepLoss[i]). */
  scan(stepLoss: ArrayLike<number>, count = stepLoss.length): Divergence | null {
    for (let i = this.scanned; i < count && !this.found; i++) this.observe(i, stepLoss[i]);
    return this.found;
  }

  private closeWindow(step: number): void {
    const mean = this.windowSum / this.windowCount;
    this.windowSum = 0;
    this.windowCount = 0;
    if (Number.isNaN(this.firstMean)) {
      this.firstMean = mean;
      this.previousMean = mean;
      return;
    }
    this.rising = mean > this.previousMean ? this.rising + 1 : 0;
    this.previousMean = mean;
    const grewSteadily = this.rising >= RISING_WINDOWS && mean > RISE_FACTOR * this.firstMean;
    const blewUp = mean > BLOW_UP_FACTOR * this.firstMean;
    if (grewSteadily || blewUp) {
      this.found = {
        reason: 'growing',
        step,
        loss: mean,
        startLoss: this.firstMean,
        growthSteps: (this.rising + 1) * this.window,
      };
    }
  }
}
