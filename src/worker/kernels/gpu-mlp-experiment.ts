// The experiment engine on WebGPU for the MLP (1 → h → 1): every run of a grid trained in one
// dispatch per chunk (experiment-mlp.wgsl.ts), each run's 3h + 1 parameters kept on the GPU between
// chunks. Each run's losses are the single run's fused MLP kernel's (FusedMlpTrainer) bit for bit:
// the same WGSL step. Widths up to MAX_HIDDEN (LIMITS.maxHiddenUnits), as the single run's kernel.
import type { ExperimentPlan } from '../../engine/experiment/plan';
import { experimentMlpKernel } from './experiment-mlp.wgsl';
import type { KernelSchedule } from './fused-linear-trainer';
import { EXPERIMENT_LAYOUTS, GpuExperiment, trainExperimentGpu, type ExperimentLayout } from './gpu-experiment';
import { ACTIVATION_CODES, MAX_HIDDEN } from './mlp-sgd.wgsl';

/** Whether the kernel trains this plan's model (an MLP no wider than MAX_HIDDEN). */
export function gpuMlpExperimentFits(plan: ExperimentPlan): boolean {
  return plan.model.kind === 'mlp' && plan.model.hiddenUnits <= MAX_HIDDEN;
}

/**
 * The per-invocation gradient arrays' size: h rounded up to a power of two (at least 8), so a
 * narrow MLP's invocations hold 4 × 8 floats rather than 4 × 256, and few pipelines are compiled.
 */
export function capacityFor(hidden: number): number {
  return Math.max(8, 2 ** Math.ceil(Math.log2(hidden)));
}

export class GpuMlpExperiment extends GpuExperiment {
  constructor(
    device: GPUDevice,
    plan: ExperimentPlan,
    schedule: KernelSchedule,
    /** Measurements only (the app passes none): another layout of the runs than the schedule's. */
    layout: ExperimentLayout = EXPERIMENT_LAYOUTS[schedule],
  ) {
    const model = plan.model;
    if (model.kind !== 'mlp') throw new Error(`GpuMlpExperiment trains the MLP only, not '${model.kind}'`);
    if (model.hiddenUnits > MAX_HIDDEN) throw new Error(`GpuMlpExperiment: at most ${MAX_HIDDEN} hidden units`);
    const capacity = capacityFor(model.hiddenUnits);
    super(device, plan, schedule, layout, {
      source: (workgroupSize) => experimentMlpKernel(workgroupSize, capacity),
      settingsTail: [model.hiddenUnits, ACTIVATION_CODES[model.activation]],
    });
  }
}

/** Every MLP run of the plan on the GPU, chunk after chunk of `workPerChunk` sample visits: all step losses. */
export function trainMlpExperimentGpu(
  device: GPUDevice,
  plan: ExperimentPlan,
  schedule: KernelSchedule,
  workPerChunk = 1e5,
): Promise<Float32Array> {
  return trainExperimentGpu(device, plan, schedule, workPerChunk, (d, p, s) => new GpuMlpExperiment(d, p, s));
}
