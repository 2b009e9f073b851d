// The MLP's parameters at some steps of a run: the training worker sends them once per chunk of
// steps (after its last), not after every step, so the gradient-noise figure and the CSV replay
// the steps between from the newest checkpoint before them (analysis/mlp-replay.ts). Stored as
// float32, which is what the worker computes, so nothing is rounded away. Within a memory budget:
// when it is full every other checkpoint goes (the spacing doubles), the first (the initial
// parameters) and the two newest (the latest, and the one its step is replayed from) always stay.

/** Floats kept across all checkpoints (16 MB): 5,000 checkpoints of the widest MLP (769 parameters). */
export const CHECKPOINT_FLOATS_BUDGET = 4_000_000;
/**
 * What a checkpoint costs besides its parameters (its typed array and object, about 200 bytes), in
 * floats: without it an MLP of one unit would keep a million checkpoints, 200 MB, not 16.
 */
export const CHECKPOINT_OVERHEAD_FLOATS = 48;

export interface Checkpoint {
  /** Steps done: the parameters before step `step` (0-based), after step `step − 1`. */
  step: number;
  params: Float32Array;
}

export class ParamCheckpoints {
  private readonly kept: Checkpoint[] = [];
  /** Least distance in steps between kept checkpoints (the newest excepted): doubles when thinned. */
  private spacing = 1;

  constructor(private readonly budget = CHECKPOINT_FLOATS_BUDGET) {}

  get count(): number {
    return this.kept.length;
  }

  /** The kept checkpoints in increasing step (read, never write). */
  get all(): readonly Checkpoint[] {
    return this.kept;
  }

  /**
   * The parameters after `step` steps. One at or before the newest is ignored (a repeated chunk, a
   * resumed run's steps): what is kept was already right.
   */
  add(step: number, params: ArrayLike<number>): void {
    const kept = this.kept;
    const newest = kept.at(-1);
    if (newest && step <= newest.step) return;
    // The two newest always stay (the latest step is replayed from the one before the latest); the
    // one before them goes when it sits closer than the spacing to its own predecessor.
    if (kept.length >= 3 && kept[kept.length - 2].step - kept[kept.length - 3].step < this.spacing) {
      kept.splice(kept.length - 2, 1);
    }
    kept.push({ step, params: Float32Array.from(params) });
    const capacity = Math.max(4, Math.floor(this.budget / (params.length + CHECKPOINT_OVERHEAD_FLOATS)));
    if (kept.length > capacity) this.thin();
  }

  /** The newest checkpoint at or before `step` steps, or null (none yet). */
  before(step: number): Checkpoint | null {
    let lo = 0;
    let hi = this.kept.length - 1;
    if (hi < 0 || this.kept[0].step > step) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.kept[mid].step <= step) lo = mid;
      else hi = mid - 1;
    }
    return this.kept[lo];
  }

  /** Every other checkpoint goes (the first and the two newest stay); new ones keep at least the spacing left. */
  private thin(): void {
    const last = this.kept.length - 2;
    const thinned = this.kept.filter((_, i) => i >= last || i % 2 === 0);
    this.kept.length = 0;
    this.kept.push(...thinned);
    let least = Number.POSITIVE_INFINITY;
    for (let i = 1; i < this.kept.length - 2; i++) least = Math.min(least, this.kept[i].step - this.kept[i - 1].step);
    this.spacing = Math.max(2 * this.spacing, Number.isFinite(least) ? least : 1);
  }
}
