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

/** Uniform integers below n from MT19937 words (53 bits each: no visible bias for n ≤ 2^31). */
export class IndexDraws {
  private readonly mt: MT19937;
  constructor(seed: number) {
    this.mt = new MT19937(seed);
  }
  below(n: number): number {
    const high = this.mt.nextUint32() >>> 5;
    const low = this.mt.nextUint32() >>> 6;
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

/** Calls `visit` for every batch of the plan. */
export function forEachBatch(
  n: number,
  replacement: boolean,
  plan: BatchPlan,
  seed: number,
  visit: BatchVisitor,
): void {
  const { length, complement } = plan;
  const indices = new Int32Array(Math.max(length, 1));
  if (plan.enumerated) {
    if (replacement) enumerateOrdered(n, length, indices, () => visit(indices, length, false));
    else enumerateSubsets(n, length, indices, () => visit(indices, length, complement));
    return;
  }
  const draws = new IndexDraws(seed);
  if (replacement) {
    for (let k = 0; k < plan.count; k++) {
      for (let j = 0; j < length; j++) indices[j] = draws.below(n);
      visit(indices, length, false);
    }
    return;
  }
  // A partial Fisher–Yates shuffle: its first `length` places are a uniform subset whatever order
  // the array is left in by the batch before, so nothing is undone between batches.
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let k = 0; k < plan.count; k++) {
    for (let j = 0; j < length; j++) {
      const pick = j + draws.below(n - j);
      const chosen = order[pick];
      order[pick] = order[j];
      order[j] = chosen;
      indices[j] = chosen;
    }
    visit(indices, length, complement);
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
