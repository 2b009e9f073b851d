// The mini-batches of the gradient-noise figure: every one there is when they are few (all C(N, B)
// subsets without replacement, all N^B ordered draws with it — each equally likely, so their plain
// mean is the exact expectation), otherwise draws the way the sampler draws (B distinct indices, or B
// indices with repeats), from a generator seeded by (seed, step) so the picture holds still while
// pointed at. A subset of more than N/2 samples is visited as its complement: the batch's deviations
// from G sum to minus the complement's (the deviations of all N sum to 0), and the complement is
// the smaller of the two.
import { MT19937 } from '../engine/rng/mt19937';

/** The figure's cap on batches, enumerated or drawn. */
export const MAX_BATCHES = 5000;

/** C(n, k), or Infinity once it exceeds `cap` (exact while it does not). */
export function subsetCount(n: number, k: number, cap = MAX_BATCHES): number {
  if (k < 0 || k > n) return 0;
  const m = Math.min(k, n - k);
  let c = 1;
  for (let j = 1; j <= m; j++) {
    c = (c * (n - m + j)) / j; // stays an integer: C(n − m + j, j)
    if (c > cap) return Infinity;
  }
  return c;
}

/** n^k, or Infinity once it exceeds `cap`. */
export function orderedDrawCount(n: number, k: number, cap = MAX_BATCHES): number {
  let c = 1;
  for (let j = 0; j < k; j++) {
    c *= n;
    if (c > cap) return Infinity;
  }
  return c;
}

/** A 32-bit generator seed for the batches of one step of one run. */
export function noiseSeed(seedLow32: number, step: number): number {
  return (Math.imul(seedLow32 ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(step + 1, 0xc2b2ae35)) >>> 0;
}

/** xoshiro128**'s output from its second word. */
const scrambled = (s1: number): number => {
  const product = Math.imul(s1, 5);
  return Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
};

/** xoshiro128**'s state transition, in place. */
function advance(state: Int32Array): void {
  const t = state[1] << 9;
  state[2] ^= state[0];
  state[3] ^= state[1];
  state[1] ^= state[2];
  state[0] ^= state[3];
  state[2] ^= t;
  state[3] = (state[3] << 11) | (state[3] >>> 21);
}

/**
 * The drawn batches' generator: xoshiro128** (Blackman and Vigna), seeded from MT19937. Nothing
 * here needs PyTorch's stream — only a uniform one that holds still for a seed — and a drawn batch
 * of half a million samples takes that many words or more, where MT19937's tempering and twist
 * cost several times xoshiro's four xors and shifts.
 */
export class IndexDraws {
  /** xoshiro128**'s four words. */
  readonly state = new Int32Array(4);
  constructor(seed: number) {
    const mt = new MT19937(seed);
    for (let k = 0; k < 4; k++) this.state[k] = mt.nextUint32();
    if (this.state.every((word) => word === 0)) this.state[0] = 1; // the one state it never leaves
  }
  /** A uniform 32-bit word, as an unsigned number. */
  nextUint32(): number {
    const state = this.state;
    const word = scrambled(state[1]);
    advance(state);
    return word;
  }
  /** A uniform integer below n from 53 random bits (no visible bias for n ≤ 2^31). */
  below(n: number): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return Math.floor(((high * 67108864 + low) / 9007199254740992) * n);
  }
}

/**
 * What `visit` receives for each batch: `indices[0 … length − 1]` are the batch itself, or its
 * complement when `complement` is true (without replacement, B > N/2).
 */
export type BatchVisitor = (indices: Int32Array, length: number, complement: boolean) => void;

export interface BatchPlan {
  enumerated: boolean;
  /** How many batches `visit` will be called for. */
  count: number;
  /** Indices `visit` reads per batch (the work per batch, per gradient coordinate). */
  length: number;
  complement: boolean;
}

/** How the batches of size b out of n are visited: enumerated when few, else up to `maxDrawn` drawn. */
export function planBatches(n: number, b: number, replacement: boolean, maxDrawn: number): BatchPlan {
  const complement = !replacement && 2 * b > n;
  const length = complement ? n - b : b;
  const total = replacement ? orderedDrawCount(n, b) : subsetCount(n, b);
  if (total <= MAX_BATCHES) return { enumerated: true, count: total, length, complement };
  return { enumerated: false, count: Math.min(MAX_BATCHES, maxDrawn), length, complement };
}

/**
 * Without replacement, a subset of more than n/16 samples is chosen in one pass over 0 … n − 1
 * (selection sampling, below); a smaller one by a partial shuffle, whose random reads cost more
 * per index but whose work is the batch's, not the dataset's.
 */
const SEQUENTIAL_FRACTION = 16;
/** Drawn indices with replacement are visited grouped by this many samples (2^12: a few pages of data). */
const LOCAL_BITS = 12;

/** Whether a drawn batch of `length` indices out of n is chosen by one pass over all n. */
export const drawsSequentially = (n: number, length: number, replacement: boolean): boolean =>
  !replacement && length * SEQUENTIAL_FRACTION > n;

/**
 * The drawn batches of a plan, one after another from a generator seeded once: the k-th batch is
 * the same however many are drawn at a time, so a picture can be refined batch by batch and still
 * be the one a single pass would have drawn.
 */
export class DrawnBatches {
  readonly indices: Int32Array;
  private readonly draws: IndexDraws;
  private order: Int32Array | null = null;
  private scratch: Int32Array | null = null;
  drawn = 0;

  constructor(
    private readonly n: number,
    private readonly replacement: boolean,
    readonly plan: BatchPlan,
    seed: number,
  ) {
    this.indices = new Int32Array(Math.max(plan.length, 1));
    this.draws = new IndexDraws(seed);
  }

  get done(): boolean {
    return this.drawn >= this.plan.count;
  }

  /** Draws the next batch into `indices` (its first plan.length places). */
  next(): void {
    const { n } = this;
    const { length } = this.plan;
    if (this.replacement) this.drawWithReplacement(n, length);
    else if (drawsSequentially(n, length, false)) this.selectInOnePass(n, length);
    else this.shufflePartially(n, length);
    this.drawn += 1;
  }

  /**
   * Selection sampling (Knuth, TAOCP vol. 2, 3.4.2, Algorithm S): sample i is taken with
   * probability (still needed)/(samples left), which makes every subset of the size equally likely;
   * the comparison is exact in doubles (both sides below 2^53 for n < 2^21, and N is at most
   * 1,000,000), the probability rounded up to a multiple of 2^-32. The
   * indices come out in increasing order, so the data behind them is read front to back.
   */
  private selectInOnePass(n: number, length: number): void {
    const { indices, draws } = this;
    let need = length;
    // Written without a branch on the draw, which a processor cannot predict when about half the
    // samples are taken: the index is always stored, and kept by moving on only when it was taken.
    for (let i = 0; need > 0; i++) {
      const taken = +(draws.nextUint32() * (n - i) < need * 4294967296);
      indices[length - need] = i;
      need -= taken;
    }
  }

  /** A partial Fisher–Yates shuffle: its first `length` places are a uniform subset whatever order
   *  the array is left in by the batch before, so nothing is undone between batches. */
  private shufflePartially(n: number, length: number): void {
    const { indices, draws } = this;
    if (!this.order) {
      this.order = new Int32Array(n);
      for (let i = 0; i < n; i++) this.order[i] = i;
    }
    const order = this.order;
    for (let j = 0; j < length; j++) {
      const pick = j + draws.below(n - j);
      const chosen = order[pick];
      order[pick] = order[j];
      order[j] = chosen;
      indices[j] = chosen;
    }
  }

  /**
   * `length` independent uniform indices, then grouped by blocks of 2^LOCAL_BITS samples (a
   * counting sort on the high bits) when the data is larger than a cache holds: the batch is the
   * same multiset, its gradient the same sum in another order, and the reads stay near each other.
   */
  private drawWithReplacement(n: number, length: number): void {
    const { indices, draws } = this;
    const blocks = n >>> LOCAL_BITS;
    if (blocks < 16) {
      for (let j = 0; j < length; j++) indices[j] = draws.below(n);
      return;
    }
    const raw = (this.scratch ??= new Int32Array(indices.length));
    const starts = new Int32Array(blocks + 2);
    for (let j = 0; j < length; j++) {
      const index = draws.below(n);
      raw[j] = index;
      starts[(index >>> LOCAL_BITS) + 1] += 1;
    }
    for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
    for (let j = 0; j < length; j++) indices[starts[raw[j] >>> LOCAL_BITS]++] = raw[j];
  }
}

/** Calls `visit` for every batch of the plan. */
export function forEachBatch(
  n: number,
  replacement: boolean,
  plan: BatchPlan,
  seed: number,
  visit: BatchVisitor,
): void {
  const { length, complement } = plan;
  if (plan.enumerated) {
    const indices = new Int32Array(Math.max(length, 1));
    if (replacement) enumerateOrdered(n, length, indices, () => visit(indices, length, false));
    else enumerateSubsets(n, length, indices, () => visit(indices, length, complement));
    return;
  }
  const batches = new DrawnBatches(n, replacement, plan, seed);
  while (!batches.done) {
    batches.next();
    visit(batches.indices, length, complement);
  }
}

/** Every k-subset of 0 … n − 1 in lexicographic order. */
function enumerateSubsets(n: number, k: number, indices: Int32Array, visit: () => void): void {
  for (let j = 0; j < k; j++) indices[j] = j;
  for (;;) {
    visit();
    let j = k - 1;
    while (j >= 0 && indices[j] === n - k + j) j--;
    if (j < 0) return;
    indices[j] += 1;
    for (let t = j + 1; t < k; t++) indices[t] = indices[t - 1] + 1;
  }
}

/** Every sequence of k indices below n (an odometer). */
function enumerateOrdered(n: number, k: number, indices: Int32Array, visit: () => void): void {
  indices.fill(0, 0, k);
  for (;;) {
    visit();
    let j = k - 1;
    while (j >= 0 && indices[j] === n - 1) indices[j--] = 0;
    if (j < 0) return;
    indices[j] += 1;
  }
}
