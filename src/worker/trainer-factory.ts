// Chooses the training implementation for a run. The op-by-op tfjs trainers work on every backend
// and are the oracles; faster paths (fused WebGPU kernels) are added here.
import type { RunConfig } from '../engine/config';
import type { RunPlan } from '../engine/plan';
import { webgpuDevice } from './backend';
import { FusedLinearTrainer } from './kernels/fused-linear-trainer';
import { FusedMlpTrainer, fusedMlpFits } from './kernels/fused-mlp-trainer';
import { scheduleFor } from './kernels/schedule';
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
    case 'linear': {
      // On WebGPU the fused kernels train whole chunks per dispatch; elsewhere tfjs op by op.
      const device = webgpuDevice();
      if (device) {
        return new FusedLinearTrainer(
          device,
          plan.dataset,
          plan.initialParams!,
          config.learningRate,
          scheduleFor(device),
        );
      }
      return new LinearSgdTrainer(plan.dataset, plan.initialParams!, config.learningRate);
    }
    case 'mlp': {
      const device = webgpuDevice();
      const sizes = batchSizes(plan.dataset.x.length, config);
      if (device && fusedMlpFits(model, Math.max(0, ...sizes), scheduleFor(device) === 'sequential')) {
        return new FusedMlpTrainer(device, plan.dataset, model, plan.initialParameters, config.learningRate);
      }
      return new MlpSgdTrainer(
        plan.dataset,
        model,
        plan.initialParameters,
        config.learningRate,
        batchSizes(plan.dataset.x.length, config),
      );
    }
  }
}

/** Which trainer runs, in the words the sweep and the benchmark report ("fused WGSL, sequential"). */
export function engineName(trainer: Trainer): string {
  if (trainer instanceof FusedLinearTrainer) return `fused WGSL, ${trainer.schedule}`;
  if (trainer instanceof FusedMlpTrainer) return 'fused WGSL, one invocation';
  return 'tfjs op by op';
}
