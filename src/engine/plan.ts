// Everything random about a run, decided the way the tutorial script decides it after
// `torch.manual_seed(seed)`: the data (generated sets: from their own generator, seeded seed + 1,
// see datasets.ts), then the validation split (randperm(N) when it holds samples out), then the
// DataLoader (no draws), then the model (nn.Linear(1, 1): two draws; the
// MLP: 3h + 1), then each epoch's iterator draws its seeds. Workers, reference trainer and tests all
// start here.
import { seedBigInt, type RunConfig } from './config';
import { DataLoaderPlan, type Batch } from './dataloader';
import { lineDataset, sineDataset, tutorialDataset, type Dataset } from './datasets';
import { initModel, modelSpecFor, type ModelSpec } from './models';
import { TorchGenerator } from './rng/torch-generator';
import { heldOutCount, randomSplit } from './validation';

export interface LinearParams {
  w: number;
  b: number;
}

export interface RunPlan {
  dataset: Dataset;
  model: ModelSpec;
  /** Every initial parameter, flat, in state_dict order (models.ts): [w, b] for the linear model. */
  initialParameters: Float32Array;
  /** The linear model's initial w and b; absent for the MLP. */
  initialParams?: LinearParams;
  /** The held-out samples' dataset indices (val_set.indices, validation.ts); empty without a split. */
  heldOut: Int32Array;
  stepsPerEpoch: number;
  /** Call once per epoch, in order: epoch 1 first. */
  nextEpochBatches(): Batch[];
  /** The next epoch's whole index order instead of its batches (DataLoaderPlan.nextEpochOrder). */
  nextEpochOrder(): Int32Array;
  /** Draws the next `epochs` epochs ahead (DataLoaderPlan.prefetch); nextEpochBatches() returns them. */
  prefetchEpochs(epochs: number): void;
}

export function datasetFor(config: Pick<RunConfig, 'dataset' | 'samples' | 'seed' | 'customData'>): Dataset {
  switch (config.dataset) {
    case 'tutorial':
      return tutorialDataset();
    case 'line':
      return lineDataset(seedBigInt(config.seed), config.samples);
    case 'sine':
      return sineDataset(seedBigInt(config.seed), config.samples);
    case 'custom':
      if (!config.customData) throw new Error('dataset custom without customData');
      return { name: 'custom', x: config.customData.x, y: config.customData.y };
  }
}

/** The number of samples the run's dataset has: 10 for the tutorial's, the CSV's rows, `samples` otherwise. */
export function datasetSizeFor(config: Pick<RunConfig, 'dataset' | 'samples' | 'customData'>): number {
  if (config.dataset === 'custom' && config.customData) return config.customData.x.length;
  return config.dataset === 'tutorial' ? 10 : config.samples;
}

/** `dataset`: the run's own, when the caller has made it already (an experiment's runs share theirs). */
export function createRunPlan(config: RunConfig, dataset: Dataset = datasetFor(config)): RunPlan {
  const globalGenerator = new TorchGenerator();
  globalGenerator.manualSeed(seedBigInt(config.seed));
  const heldOutSize = heldOutCount(config.validationSplit, dataset.x.length);
  // random_split draws its permutation from the global generator before the model does; k = 0: no split.
  const split = heldOutSize > 0 ? randomSplit(dataset.x.length, heldOutSize, globalGenerator) : null;
  const loader = new DataLoaderPlan(
    {
      subsetIndices: split?.train,
      datasetSize: dataset.x.length - heldOutSize,
      batchSize: config.batchSize,
      shuffle: config.shuffle,
      replacement: config.replacement,
      dropLast: config.dropLast,
    },
    globalGenerator,
  );
  const model = modelSpecFor(config);
  const initialParameters = initModel(globalGenerator, model);
  return {
    dataset,
    model,
    initialParameters,
    initialParams: model.kind === 'linear' ? { w: initialParameters[0], b: initialParameters[1] } : undefined,
    heldOut: split?.heldOut ?? new Int32Array(0),
    stepsPerEpoch: loader.stepsPerEpoch,
    nextEpochBatches: () => loader.nextEpoch(),
    nextEpochOrder: () => loader.nextEpochOrder(),
    prefetchEpochs: (epochs) => loader.prefetch(epochs),
  };
}

/** An endless stream of the plan's mini-batches, epoch after epoch, in PyTorch's order. */
export function batchStream(plan: RunPlan): () => Batch {
  let epoch: Batch[] = [];
  let next = 0;
  return () => {
    if (next === epoch.length) {
      epoch = plan.nextEpochBatches();
      next = 0;
    }
    return epoch[next++];
  };
}
