// The validation split, as a user of PyTorch 1.13 writes it right after making the dataset:
//   train_set, val_set = torch.utils.data.random_split(dataset, [N - k, k])   # k = int(val * N)
// random_split draws `randperm(N, generator=default_generator)` from the global generator (so before
// nn.Linear draws its weights) and gives each subset consecutive slices of it: the training set the
// first N − k indices, the held-out set the last k (torch/utils/data/dataset.py). With k = 0 the app,
// like its exported script, does not split at all, so the tutorial's stream of draws is unchanged.
// After each epoch the held-out MSE is computed under torch.no_grad(): reference.ts, validationLoss.
import { randperm, type TorchGenerator } from './rng/torch-generator';

/** k = floor(val × N), the number of held-out samples: Python's int(val * N) on the same double. */
export function heldOutCount(fraction: number, datasetSize: number): number {
  return Math.floor(fraction * datasetSize);
}

export interface DatasetSplit {
  /** train_set.indices: the dataset indices the DataLoader walks (its sampler draws positions in it). */
  train: Int32Array;
  /** val_set.indices: the held-out samples' dataset indices, in random_split's order. */
  heldOut: Int32Array;
}

/** random_split(dataset, [n − k, k]) on `generator`: one randperm(n), cut after n − k. */
export function randomSplit(datasetSize: number, heldOut: number, generator: TorchGenerator): DatasetSplit {
  const perm = randperm(datasetSize, generator);
  const indices = perm instanceof Int32Array ? perm : Int32Array.from(perm);
  const cut = datasetSize - heldOut;
  return { train: indices.subarray(0, cut), heldOut: indices.subarray(cut) };
}
