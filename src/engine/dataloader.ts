// torch.utils.data.DataLoader(dataset, batch_size, shuffle, drop_last), single process, as index
// batches per epoch, drawing from the generators in exactly PyTorch's order
// (torch/utils/data/dataloader.py, sampler.py):
//   1. creating the epoch's iterator draws an int64 "base seed" from the loader's generator
//      (the global one when none is given) — it only seeds worker processes, but it advances the RNG;
//   2. RandomSampler without a generator draws another int64 from the global generator and shuffles
//      with a fresh private generator seeded with it; with a generator it shuffles with that one;
//   3. after the last index the sampler computes one more randperm and keeps none of it — visible
//      only when the sampler's generator is shared (one passed in).
// With RandomSampler(dataset, replacement=True) step 2 draws N indices instead, each
// torch.randint(high=N) (blocks of 32, then the rest: one 32-bit word each, in order), and step 3
// does not happen; `shuffle` is not passed then (PyTorch refuses a sampler with shuffle=True).
import { randperm, remainder, TorchGenerator } from './rng/torch-generator';

export interface LoaderOptions {
  datasetSize: number;
  batchSize: number;
  shuffle: boolean;
  /** sampler=RandomSampler(dataset, replacement=True, generator=g): N draws with replacement; shuffle ignored. */
  replacement?: boolean;
  dropLast: boolean;
  /** DataLoader(..., generator=g). Omitted: the global generator, as in the tutorial. */
  generator?: TorchGenerator;
  /**
   * A Subset's indices (random_split's train_set, validation.ts): the sampler draws positions 0 …
   * datasetSize − 1 in it, and the batches hold the dataset indices there, as the Subset yields them.
   */
  subsetIndices?: Int32Array;
}

/** Number of mini-batches per epoch: ceil(N/B), or floor(N/B) with drop_last. */
export function batchesPerEpoch(datasetSize: number, batchSize: number, dropLast: boolean): number {
  return dropLast ? Math.floor(datasetSize / batchSize) : Math.ceil(datasetSize / batchSize);
}

/**
 * A mini-batch: the sample indices the sampler yielded, in order. Batches are views into one
 * Int32Array per epoch, so an epoch of N = 1,000,000 costs one allocation, not a million numbers.
 */
export type Batch = Int32Array;

/** Cuts an index order into mini-batches of `batchSize` (views of it); the short last one kept unless dropLast. */
export function splitIntoBatches(order: Int32Array, batchSize: number, dropLast: boolean): Batch[] {
  const count = batchesPerEpoch(order.length, batchSize, dropLast);
  const batches: Batch[] = [];
  for (let k = 0; k < count; k++) {
    const start = k * batchSize;
    batches.push(order.subarray(start, Math.min(start + batchSize, order.length)));
  }
  return batches;
}

/** randperm's Float64Array (n ≥ 2^32/20, beyond any dataset here) as indices. */
const asInt32 = (perm: Int32Array | Float64Array): Int32Array =>
  perm instanceof Int32Array ? perm : Int32Array.from(perm);

export class DataLoaderPlan {
  readonly stepsPerEpoch: number;
  /** Epochs drawn ahead of time by prefetch(), oldest first: each epoch's whole index order. */
  private readonly prefetched: Int32Array[] = [];

  constructor(
    private readonly options: LoaderOptions,
    private readonly globalGenerator: TorchGenerator,
  ) {
    const { datasetSize, batchSize } = options;
    if (!Number.isInteger(datasetSize) || datasetSize < 1) throw new RangeError('empty dataset');
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('bad batch size');
    this.stepsPerEpoch = batchesPerEpoch(datasetSize, batchSize, options.dropLast);
  }

  /** The next epoch's mini-batches (sample indices), advancing the generators as PyTorch does. */
  nextEpoch(): Batch[] {
    const { batchSize, dropLast } = this.options;
    return splitIntoBatches(this.nextEpochOrder(), batchSize, dropLast);
  }

  /**
   * The next epoch's whole index order, as the sampler yields it (with drop_last its tail is there
   * but trained on by no batch): the experiment engine cuts it into batches on the GPU.
   */
  nextEpochOrder(): Int32Array {
    return this.prefetched.shift() ?? this.drawEpoch();
  }

  /**
   * Draws the next `epochs` epochs now (those not drawn yet), so that a trainer can shuffle while
   * the GPU works on the current chunk, as PyTorch's DataLoader prefetches. Only the plan draws
   * from its generators after the model's initialisation, so drawing early gives the same epochs.
   */
  prefetch(epochs = 1): void {
    while (this.prefetched.length < epochs) this.prefetched.push(this.drawEpoch());
  }

  private drawEpoch(): Int32Array {
    const { datasetSize: n, shuffle, replacement, generator } = this.options;
    const loaderGenerator = generator ?? this.globalGenerator;
    loaderGenerator.randomInt64(); // the iterator's base seed (step 1 above)

    let order: Int32Array;
    if (replacement) {
      const sampler = generator ?? new TorchGenerator(this.globalGenerator.randomInt64());
      order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = remainder(sampler.random(), n);
    } else if (!shuffle) {
      order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
    } else if (generator) {
      order = asInt32(randperm(n, generator));
      randperm(n, generator); // the trailing, discarded permutation (step 3)
    } else {
      const samplerSeed = this.globalGenerator.randomInt64();
      order = asInt32(randperm(n, new TorchGenerator(samplerSeed)));
    }
    const subset = this.options.subsetIndices;
    if (subset) for (let i = 0; i < order.length; i++) order[i] = subset[order[i]];
    return order;
  }
}
