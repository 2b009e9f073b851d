// The MLP experiment kernel on a real WebGPU device in Node (Dawn), on both schedules: every run's
// losses against the single run's fused MLP kernel (FusedMlpTrainer) for that run's settings, bit
// for bit; against the JS float32 experiment engine (PyTorch's order) bit for bit for relu with
// B ≤ 4, within the single run's tolerance otherwise; chunks split mid-epoch by small work budgets.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ActivationName, type RunConfig } from '../../engine/config';
import { ExperimentChunker } from '../../engine/experiment/chunks';
import { trainExperimentFloat32 } from '../../engine/experiment/js-engine';
import { planExperiment } from '../../engine/experiment/plan';
import { runConfigOf, type ExperimentSpec } from '../../engine/experiment/spec';
import { createRunPlan } from '../../engine/plan';
import { experimentGrid, lossKinds, requireDawn } from './dawn-test-kit';
import type { KernelSchedule } from './fused-linear-trainer';
import { FusedMlpTrainer } from './fused-mlp-trainer';
import { heldGpuBuffers } from './gpu-kit';
import { GpuMlpExperiment, trainMlpExperimentGpu } from './gpu-mlp-experiment';

const SCHEDULES: KernelSchedule[] = ['sequential', 'parallel'];
/** Not a speed requirement: SwiftShader compiles each pipeline on a shared, busy CPU. */
const TIMEOUT = 60_000;
const ran = new Set<KernelSchedule>();

const grid = experimentGrid;

const mlpBase = (activation: ActivationName, hiddenUnits: number, epochs: number): RunConfig => ({
  ...DEFAULT_CONFIG,
  dataset: 'sine',
  samples: 30,
  model: 'mlp',
  hiddenUnits,
  activation,
  epochs,
  seed: 5,
});

/** Each run of the grid alone on the single run's fused MLP kernel, one chunk per epoch: its losses. */
async function singleRuns(device: GPUDevice, base: RunConfig, spec: ExperimentSpec): Promise<number[][]> {
  const plan = planExperiment(base, spec);
  const model = { kind: 'mlp', hiddenUnits: base.hiddenUnits, activation: base.activation } as const;
  const out: number[][] = [];
  for (const run of plan.runs) {
    const config = runConfigOf(base, run);
    const single = createRunPlan(config);
    const trainer = new FusedMlpTrainer(device, single.dataset, model, single.initialParameters, run.learningRate);
    const losses: number[] = [];
    for (let e = 0; e < base.epochs; e++) {
      const steps = await trainer.read(trainer.enqueue(single.nextEpochBatches()));
      losses.push(...steps.map((s) => s.loss));
    }
    trainer.dispose();
    out.push(losses);
  }
  return out;
}

/** The experiment kernel's losses, run by run, with chunks of `work` sample visits. */
async function experimentRuns(schedule: KernelSchedule, base: RunConfig, spec: ExperimentSpec, work: number) {
  const { device } = await requireDawn();
  const plan = planExperiment(base, spec);
  const all = await trainMlpExperimentGpu(device, plan, schedule, work);
  ran.add(schedule);
  const js = trainExperimentFloat32(planExperiment(base, spec), work);
  const byRun = (losses: Float32Array) =>
    plan.runs.map((_, r) => Array.from(losses.subarray(plan.stepOffset[r], plan.stepOffset[r + 1])));
  return { gpu: byRun(all), js: byRun(js), plan, device };
}

const kinds = lossKinds;

describe.each(SCHEDULES)('the MLP experiment kernel on Dawn, %s schedule', (schedule) => {
  it.each(['relu', 'tanh', 'sigmoid'] as const)(
    "%s, B 1, 3, 4, 7, 30 × 2 lr × 2 seeds, chunks mid-epoch: the single run's fused kernel bit for bit",
    async (activation) => {
      const base = mlpBase(activation, 6, 3);
      const spec = grid([1, 3, 4, 7, 30], [0.01, 0.1], 2);
      const { gpu, js, plan, device } = await experimentRuns(schedule, base, spec, 45);
      expect(new ExperimentChunker(plan, 45).next()!.stepCount.some((s, r) => s < plan.stepsPerEpoch[r])).toBe(true);
      expect(gpu).toEqual(await singleRuns(device, base, spec));
      plan.runs.forEach((run, r) => {
        if (run.batchSize <= 4 && activation === 'relu') expect(gpu[r]).toEqual(js[r]);
        // The single run's bound against PyTorch's float32 order (fused-mlp-dawn.test.ts).
        else gpu[r].forEach((v, s) => expect(Math.abs(v - js[r][s]) / (Math.abs(js[r][s]) + 1e-3)).toBeLessThan(2e-5));
      });
    },
    TIMEOUT,
  );

  it(
    'relu h 40 (a 64-float capacity), B 2 and 4, one work budget per step: the JS float32 engine bit for bit',
    async () => {
      const base = mlpBase('relu', 40, 2);
      const { gpu, js } = await experimentRuns(schedule, base, grid([2, 4], [0.003, 0.03], 3), 4);
      expect(gpu).toEqual(js);
    },
    TIMEOUT,
  );

  it(
    'diverging runs (lr 3 and 30): inf and nan exactly where the single run has them',
    async () => {
      const base = mlpBase('relu', 4, 8);
      const spec = grid([1, 3, 10], [3, 30], 1);
      const { gpu, js, device } = await experimentRuns(schedule, base, spec, 100);
      const all = gpu.flat();
      expect(kinds(all)).toContain('inf');
      expect(kinds(all)).toContain('nan');
      expect(gpu).toEqual(await singleRuns(device, base, spec));
      expect(gpu.slice(0, 2).map(kinds)).toEqual(js.slice(0, 2).map(kinds)); // B 1, relu: PyTorch's bits
    },
    TIMEOUT,
  );

  it(
    'frees every GPU buffer on dispose, with a chunk in flight; refuses the linear model',
    async () => {
      const { device } = await requireDawn();
      const before = heldGpuBuffers();
      const plan = planExperiment(mlpBase('tanh', 5, 2), grid([1, 10], [0.01], 2));
      const chunker = new ExperimentChunker(plan, 40);
      const engine = new GpuMlpExperiment(device, plan, schedule);
      expect(heldGpuBuffers()).toBeGreaterThan(before);
      await engine.read(engine.enqueue(chunker.next()!));
      const inFlight = engine.read(engine.enqueue(chunker.next()!));
      engine.dispose();
      await inFlight.catch(() => undefined);
      expect(heldGpuBuffers()).toBe(before);
      expect(
        () => new GpuMlpExperiment(device, planExperiment(DEFAULT_CONFIG, grid([3], [0.01], 1)), schedule),
      ).toThrow(/MLP only/);
    },
    TIMEOUT,
  );
});

describe('both schedules', () => {
  it('each schedule trained the grids (none was skipped)', () => {
    expect([...ran].sort()).toEqual([...SCHEDULES].sort());
  });
});
