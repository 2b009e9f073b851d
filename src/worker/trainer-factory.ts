// Chooses the training implementation for a run. The op-by-op tfjs trainer works on every backend
// and is the oracle; faster paths (fused WebGPU kernels) and other models are added here.
import type { RunConfig } from '../engine/config';
import type { RunPlan } from '../engine/plan';
import { LinearSgdTrainer, type Trainer } from './trainer';

export function createTrainer(plan: RunPlan, config: RunConfig): Trainer {
  if (!plan.initialParams) throw new Error(`No tfjs trainer for the ${plan.model.kind} model yet`);
  return new LinearSgdTrainer(plan.dataset, plan.initialParams, config.learningRate);
}
