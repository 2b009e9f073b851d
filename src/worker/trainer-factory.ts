// Chooses the training implementation for a run. The op-by-op tfjs trainers work on every backend
// and are the oracles; faster paths (fused WebGPU kernels) are added here.
import type { RunConfig } from '../engine/config';
import type { RunPlan } from '../engine/plan';
import { MlpSgdTrainer } from './mlp-trainer';
import { LinearSgdTrainer, type Trainer } from './trainer';

/** The sizes a run's batches have: B (or N when B > N), and the short last batch unless dropped. */
function batchSizes(n: number, { batchSize, dropLast }: RunConfig): number[] {
  const remainder = n % batchSize;
  return batchSize <= n ? [batchSize, ...(remainder && !dropLast ? [remainder] : [])] : dropLast ? [] : [n];
}

export function createTrainer(plan: RunPlan, config: RunConfig): Trainer {
  const { model } = plan;
  switch (model.kind) {
    case 'linear':
      return new LinearSgdTrainer(plan.dataset, plan.initialParams!, config.learningRate);
    case 'mlp':
      return new MlpSgdTrainer(
        plan.dataset,
        model,
        plan.initialParameters,
        config.learningRate,
        batchSizes(plan.dataset.x.length, config),
      );
  }
}
