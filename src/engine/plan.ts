// Everything random about a run, decided the way the tutorial script decides it after
// `torch.manual_seed(seed)`: the DataLoader is built (no draws), then nn.Linear(1, 1) (two draws),
// then each epoch's iterator draws its seeds. Workers, reference trainer and tests all start here.
import type { RunConfig } from './config';
import { DataLoaderPlan } from './dataloader';
import { tutorialDataset, type Dataset } from './datasets';
import { initLinear } from './linear';
import { TorchGenerator } from './rng/torch-generator';

export interface LinearParams {
  w: number;
  b: number;
}

export interface RunPlan {
  dataset: Dataset;
  initialParams: LinearParams;
  stepsPerEpoch: number;
  /** Call once per epoch, in order: epoch 1 first. */
  nextEpochBatches(): number[][];
}

export function datasetFor(config: Pick<RunConfig, 'dataset'>): Dataset {
  switch (config.dataset) {
    case 'tutorial':
      return tutorialDataset();
  }
}

export function createRunPlan(config: RunConfig): RunPlan {
  const dataset = datasetFor(config);
  const globalGenerator = new TorchGenerator();
  globalGenerator.manualSeed(config.seed);
  const loader = new DataLoaderPlan(
    {
      datasetSize: dataset.x.length,
      batchSize: config.batchSize,
      shuffle: config.shuffle,
      dropLast: config.dropLast,
    },
    globalGenerator,
  );
  const linear = initLinear(globalGenerator, 1, 1);
  return {
    dataset,
    initialParams: { w: linear.weight[0], b: linear.bias[0] },
    stepsPerEpoch: loader.stepsPerEpoch,
    nextEpochBatches: () => loader.nextEpoch(),
  };
}
