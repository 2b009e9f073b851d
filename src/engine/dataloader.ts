// torch.utils.data.DataLoader(dataset, batch_size, shuffle, drop_last), single process, as index
// batches per epoch, drawing from the generators in exactly PyTorch's order
// (torch/utils/data/dataloader.py, sampler.py):
//   1. creating the epoch's iterator draws an int64 "base seed" from the loader's generator
//      (the global one when none is given) — it only seeds worker processes, but it advances the RNG;
//   2. RandomSampler without a generator draws another int64 from the global generator and shuffles
//      with a fresh private generator seeded with it; with a generator it shuffles with that one;
//   3. after the last index the sampler computes one more randperm and keeps none of it — visible
//      only when the sampler's generator is shared (one passed in).
import { randperm, TorchGenerator } from './rng/torch-generator';

export interface LoaderOptions {
  datasetSize: number;
  batchSize: number;
  shuffle: boolean;
  dropLast: boolean;
  /** DataLoader(..., generator=g). Omitted: the global generator, as in the tutorial. */
  generator?: TorchGenerator;
}

/** Number of mini-batches per epoch: ceil(N/B), or floor(N/B) with drop_last. */
export function batchesPerEpoch(datasetSize: number, batchSize: number, dropLast: boolean): number {
  return dropLast ? Math.floor(datasetSize / batchSize) : Math.ceil(datasetSize / batchSize);
}

/** Cuts an index order into mini-batches of `batchSize`; the short last one kept unless dropLast. */
export function splitIntoBatches(
  order: ArrayLike<number>,
  batchSize: number,
  dropLast: boolean,
): number[][] {
  const count = batchesPerEpoch(order.length, batchSize, dropLast);
  const batches: number[][] = [];
  for (let k = 0; k < count; k++) {
    const start = k * batchSize;
    const end = Math.min(start + batchSize, order.length);
    batches.push(Array.from({ length: end - start }, (_, j) => order[start + j]));
  }
  return batches;
}

export class DataLoaderPlan {
  readonly stepsPerEpoch: number;

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
  nextEpoch(): number[][] {
    const { datasetSize: n, batchSize, shuffle, dropLast, generator } = this.options;
    const loaderGenerator = generator ?? this.globalGenerator;
    loaderGenerator.randomInt64(); // the iterator's base seed (step 1 above)

    let order: ArrayLike<number>;
    if (!shuffle) {
      order = Array.from({ length: n }, (_, i) => i);
    } else if (generator) {
      order = randperm(n, generator);
      randperm(n, generator); // the trailing, discarded permutation (step 3)
    } else {
      const samplerSeed = this.globalGenerator.randomInt64();
      order = randperm(n, new TorchGenerator(samplerSeed));
    }
    return splitIntoBatches(order, batchSize, dropLast);
  }
}
