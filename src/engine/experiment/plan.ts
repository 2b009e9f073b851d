// Every run of a grid planned exactly as the single run with its settings (createRunPlan): the
// same data, held-out split, initial parameters and epoch orders. Runs with the same seed share
// their dataset (a generated set depends on the seed alone), so a grid of 10,000 runs over 8 seeds
// makes 8 datasets, not 10,000.
import type { RunConfig } from '../config';
import { batchesPerEpoch } from '../dataloader';
import type { Dataset } from '../datasets';
import { modelSpecFor, type ModelSpec } from '../models';
import { createRunPlan, datasetFor, datasetSizeFor, type RunPlan } from '../plan';
import { heldOutCount } from '../validation';
import { experimentRuns, runConfigOf, type ExperimentRun, type ExperimentSpec } from './spec';

export interface ExperimentPlan {
  spec: ExperimentSpec;
  runs: ExperimentRun[];
  model: ModelSpec;
  epochs: number;
  dropLast: boolean;
  /** Samples an epoch's order holds (N less the held-out ones). */
  trainSize: number;
  /** The distinct datasets, and which one each run trains on. */
  datasets: Dataset[];
  datasetOfRun: Int32Array;
  /** Each run's initial parameters, `parameterCount` of them per run, in state_dict order. */
  initialParameters: Float32Array<ArrayBuffer>;
  parameterCount: number;
  /** Each run's steps per epoch. */
  stepsPerEpoch: Int32Array;
  /** Where each run's step losses start in a results array of every run's steps (its last entry: the total). */
  stepOffset: Float64Array;
  /** The next epoch's index order of run r (call once per epoch and run, epoch 1 first). */
  nextEpochOrder(run: number): Int32Array;
}

/** Steps a run of `base`'s settings trains with batch size `batchSize`. */
export function stepsPerRunFor(base: RunConfig): (batchSize: number) => number {
  const trainSize = trainSizeOf(base);
  return (batchSize) => base.epochs * batchesPerEpoch(trainSize, Math.min(batchSize, trainSize), base.dropLast);
}

export function trainSizeOf(base: RunConfig): number {
  const n = datasetSizeFor(base);
  return n - heldOutCount(base.validationSplit, n);
}

export function planExperiment(base: RunConfig, spec: ExperimentSpec): ExperimentPlan {
  const runs = experimentRuns(spec, base.seed);
  const model = modelSpecFor(base);
  const byDataSeed = new Map<string, number>();
  const datasets: Dataset[] = [];
  const datasetOfRun = new Int32Array(runs.length);
  const plans: RunPlan[] = [];
  // The tutorial's data and the user's CSV are the same for every seed.
  const seedFree = base.dataset === 'tutorial' || base.dataset === 'custom';
  for (const run of runs) {
    const config = runConfigOf(base, run);
    const key = seedFree ? '' : String(run.seed);
    let d = byDataSeed.get(key);
    if (d === undefined) {
      d = datasets.length;
      byDataSeed.set(key, d);
      datasets.push(datasetFor(config));
    }
    datasetOfRun[run.index] = d;
    plans.push(createRunPlan(config, datasets[d]));
  }
  const parameterCount = plans[0]?.initialParameters.length ?? 0;
  const initialParameters = new Float32Array(runs.length * parameterCount);
  plans.forEach((p, r) => initialParameters.set(p.initialParameters, r * parameterCount));
  const stepsPerEpoch = Int32Array.from(plans, (p) => p.stepsPerEpoch);
  const stepOffset = new Float64Array(runs.length + 1);
  for (let r = 0; r < runs.length; r++) stepOffset[r + 1] = stepOffset[r] + stepsPerEpoch[r] * base.epochs;
  return {
    spec,
    runs,
    model,
    epochs: base.epochs,
    dropLast: base.dropLast,
    trainSize: trainSizeOf(base),
    datasets,
    datasetOfRun,
    initialParameters,
    parameterCount,
    stepsPerEpoch,
    stepOffset,
    nextEpochOrder: (run) => plans[run].nextEpochOrder(),
  };
}
