// How many steps a chunk trains before its losses are read back: the one policy of the run loop,
// the throughput lab's sweep and the benchmark, so the benchmark measures what the app does.
// A chunk starts at one step (the first loss shows up at once), doubles while a chunk takes less
// than CHUNK_BUDGET_MS (the GPU keeps up: fewer read-backs), and halves when one takes longer (so
// Pause and Cancel are answered within about a chunk). It reads no clock: it is told each chunk's
// duration.
import type { RunPlan } from '../engine/plan';

export const MAX_STEPS_PER_CHUNK = 1024;
/** A chunk's target duration: long enough that a read-back is a small part of it, short for Pause. */
export const CHUNK_BUDGET_MS = 30;
/** Epochs drawn ahead at most (16 MB of indices at N = 1,000,000). */
export const MAX_EPOCHS_AHEAD = 4;

export class ChunkPolicy {
  /** Steps the next chunk trains (a run may take fewer: the end of an epoch or of the run). */
  size = 1;

  /** A chunk took `elapsedMs`: the next one doubles under the budget, halves over it. */
  chunkTook(elapsedMs: number): void {
    if (elapsedMs < CHUNK_BUDGET_MS) this.size = Math.min(this.size * 2, MAX_STEPS_PER_CHUNK);
    else if (this.size > 1) this.size = Math.max(1, this.size >> 1);
  }

  /** Chunks of at most `steps` from now on (at least 1): e.g. what is left of a time budget. */
  limitTo(steps: number): void {
    this.size = Math.max(1, Math.min(this.size, steps));
  }

  /** Epochs to draw ahead for a chunk of the current size: enough to cover it, at most MAX_EPOCHS_AHEAD. */
  epochsAhead(stepsPerEpoch: number): number {
    return Math.min(MAX_EPOCHS_AHEAD, Math.ceil(this.size / stepsPerEpoch));
  }

  /**
   * Shuffles the epochs the next chunk needs while the GPU trains this one, not after it (1M
   * samples: several ms an epoch), as PyTorch's DataLoader prefetches. `epochsLeft` bounds it at
   * the run's end.
   */
  prefetch(plan: Pick<RunPlan, 'stepsPerEpoch' | 'prefetchEpochs'>, epochsLeft = Infinity): void {
    const epochs = Math.min(epochsLeft, this.epochsAhead(plan.stepsPerEpoch));
    if (epochs > 0) plan.prefetchEpochs(epochs);
  }
}
