// Notices a run going wrong from its step losses alone: a loss that is NaN or ±Infinity, or a loss
// that keeps growing. Step losses of mini-batches are noisy (a batch of x = 10 has a far larger loss
// than a batch of x = 1), so growth is judged on window means, and only counts when the loss has
// also climbed well above where the run started — a converged run bouncing around 1e-12 never trips it.

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

/** Scans a run's losses incrementally: call `scan` with the growing loss column as often as liked. */
export class DivergenceWatch {
  private scanned = 0;
  private windowSum = 0;
  private windowCount = 0;
  private firstMean = Number.NaN;
  private previousMean = Number.NaN;
  private rising = 0;
  private found: Divergence | null = null;

  constructor(private readonly window: number) {}

  get result(): Divergence | null {
    return this.found;
  }

  scan(stepLoss: ArrayLike<number>, count = stepLoss.length): Divergence | null {
    for (let i = this.scanned; i < count && !this.found; i++) {
      const loss = stepLoss[i];
      this.scanned = i + 1;
      if (!Number.isFinite(loss)) {
        this.found = { reason: 'non-finite', step: i, loss, startLoss: this.firstMean, growthSteps: 0 };
        break;
      }
      this.windowSum += loss;
      this.windowCount += 1;
      if (this.windowCount === this.window) this.closeWindow(i);
    }
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
