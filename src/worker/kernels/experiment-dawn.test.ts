// The experiment engine's WebGPU kernel on a real WebGPU device in Node (Dawn), on both schedules:
// every run's losses against the JS float32 experiment engine (itself PyTorch's bits), against
// PyTorch's recorded runs directly, and close to float64.
import { describe, expect, it } from 'vitest';
import { describeTrace, jsonFloat, pytorchVectors, traceExperiment } from '../../engine/__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { trainExperimentFloat32 } from '../../engine/experiment/js-engine';
import { ExperimentChunker } from '../../engine/experiment/chunks';
import { planExperiment, stepsPerRunFor, trainSizeOf } from '../../engine/experiment/plan';
import { runLosses } from '../../engine/experiment/results';
import {
  DEFAULT_EXPERIMENT_TEXT,
  parseExperiment,
  runConfigOf,
  type ExperimentSpec,
} from '../../engine/experiment/spec';
import { createRunPlan } from '../../engine/plan';
import { trainReference } from '../../engine/reference';
import { experimentGrid, lossKinds, requireDawn } from './dawn-test-kit';
import type { KernelSchedule } from './fused-linear-trainer';
import { GpuLinearExperiment, trainExperimentGpu } from './gpu-experiment';
import { heldGpuBuffers } from './gpu-kit';

const SCHEDULES: KernelSchedule[] = ['sequential', 'parallel'];
/** Not a speed requirement: SwiftShader compiles each engine's pipeline on a shared, busy CPU. */
const TIMEOUT = 30_000;
/** Which schedules trained a grid (a schedule silently skipped fails the last test). */
const ran = new Set<KernelSchedule>();

const spec = experimentGrid;

/** Both engines on fresh plans (a plan draws its epoch orders as it goes), chunks of `work` sample visits. */
async function bothEngines(schedule: KernelSchedule, base: RunConfig, grid: ExperimentSpec, work: number) {
  const { device } = await requireDawn();
  const gpu = await trainExperimentGpu(device, planExperiment(base, grid), schedule, work);
  ran.add(schedule);
  return { gpu: Array.from(gpu), js: Array.from(trainExperimentFloat32(planExperiment(base, grid), work)) };
}

const kinds = lossKinds;

// PyTorch's traces with each loader option, and its three diverging ones that overflow first.
const TRACES = pytorchVectors.traces.filter(
  (t) =>
    t.steps.length > 0 &&
    ((t.seed === 0 && !t.replacement && !t.validationSplit && [3, 4].includes(t.batchSize) && !t.dropLast) ||
      (t.replacement && t.seed === 42) ||
      t.validationSplit === 0.3 ||
      (t.dropLast && t.seed === 1 && !t.validationSplit && !t.replacement) ||
      t.learningRate >= 0.1),
);

describe.each(SCHEDULES)('the experiment kernel on Dawn, %s schedule', (schedule) => {
  it(
    "the tutorial's default grid (5 B × 5 lr × 8 seeds): the JS float32 engine's losses bit for bit, float64 within 1e-4",
    async () => {
      const base = DEFAULT_CONFIG;
      const grid = parseExperiment(DEFAULT_EXPERIMENT_TEXT, trainSizeOf(base), stepsPerRunFor(base)).spec!;
      const { gpu, js } = await bothEngines(schedule, base, grid, 1e5);
      expect(gpu).toHaveLength((10 + 5 + 4 + 2 + 1) * 5 * 8 * base.epochs); // steps per epoch of B = 1, 2, 3, 5, 10
      expect(gpu).toEqual(js);
      // A run of each batch size against the float64 reference of its single run.
      const plan = planExperiment(base, grid);
      for (const r of [0, 47, 90, 133, 199]) {
        const run = plan.runs[r];
        const single = createRunPlan(runConfigOf(base, run));
        const f64 = trainReference({ ...single, learningRate: run.learningRate, epochs: base.epochs }, 'float64');
        const own = runLosses({ losses: Float32Array.from(gpu), stepOffset: plan.stepOffset }, r);
        own.forEach((loss, s) => expect(Math.abs(loss - f64[s].loss)).toBeLessThanOrEqual(1e-4 * f64[s].loss + 1e-6));
      }
    },
    TIMEOUT,
  );

  it(
    'line data, drop_last, a validation split, replacement, 3 seeds: runs span chunks mid-epoch',
    async () => {
      const base: RunConfig = {
        ...DEFAULT_CONFIG,
        dataset: 'line',
        samples: 61,
        epochs: 4,
        dropLast: true,
        validationSplit: 0.2,
        replacement: true,
        seed: 7,
      };
      const grid = { ...spec([1, 4, 7, 48], [0.003, 0.05], 3), shuffle: 'both' as const };
      const plan = planExperiment(base, grid);
      expect(plan.datasets).toHaveLength(3);
      const chunks = new ExperimentChunker(plan, 300);
      expect(chunks.next()!.firstStep.every((s) => s === 0)).toBe(true);
      expect(chunks.next()!.firstStep.some((s, r) => s % plan.stepsPerEpoch[r] !== 0)).toBe(true);
      for (const work of [300, 1001]) {
        const { gpu, js } = await bothEngines(schedule, base, grid, work);
        expect(gpu).toEqual(js);
      }
    },
    TIMEOUT,
  );

  it(
    'batches of 1,000 and 5,000 over 5,000 samples: the JS float32 engine bit for bit',
    async () => {
      const base: RunConfig = { ...DEFAULT_CONFIG, dataset: 'line', samples: 5000, epochs: 3, seed: 2 };
      const { gpu, js } = await bothEngines(schedule, base, spec([1000, 5000], [0.01, 0.1], 2), 20_000);
      expect(gpu).toHaveLength(4 * 3 * (5 + 1)); // 4 runs of each B, 3 epochs of 5 and 1 steps
      expect(gpu).toEqual(js);
    },
    TIMEOUT,
  );

  it(
    'diverging runs (lr 0.1 and 1, 30 epochs): inf and nan exactly where the JS engine has them',
    async () => {
      const base: RunConfig = { ...DEFAULT_CONFIG, epochs: 30, seed: 3 };
      const { gpu, js } = await bothEngines(schedule, base, spec([1, 3, 10], [0.1, 1], 2), 5000);
      expect(kinds(js)).toContain('inf');
      expect(kinds(js)).toContain('nan');
      expect(kinds(gpu)).toEqual(kinds(js));
      expect(gpu).toEqual(js);
    },
    TIMEOUT,
  );

  it.each(TRACES.map((t) => [describeTrace(t), t] as const))(
    "%s, as one run of an experiment: PyTorch's losses bit for bit",
    async (_name, t) => {
      const { base, spec: grid } = traceExperiment(t);
      const { device } = await requireDawn();
      const losses = await trainExperimentGpu(device, planExperiment(base, grid), schedule, 7);
      expect(Array.from(losses)).toEqual(t.steps.map((s) => jsonFloat(s[3])));
    },
    TIMEOUT,
  );

  it(
    'frees every GPU buffer on dispose, between chunks and with a chunk in flight',
    async () => {
      const { device } = await requireDawn();
      const before = heldGpuBuffers();
      const plan = planExperiment(DEFAULT_CONFIG, spec([1, 10], [0.01], 2));
      const chunker = new ExperimentChunker(plan, 40);
      const engine = new GpuLinearExperiment(device, plan, schedule);
      expect(heldGpuBuffers()).toBeGreaterThan(before);
      await engine.read(engine.enqueue(chunker.next()!));
      const inFlight = engine.read(engine.enqueue(chunker.next()!));
      engine.dispose();
      await inFlight.catch(() => undefined);
      expect(heldGpuBuffers()).toBe(before);

      const small = planExperiment(DEFAULT_CONFIG, spec([3], [0.01], 1));
      const queued = new GpuLinearExperiment(device, small, schedule);
      queued.enqueue(new ExperimentChunker(small, 10).next()!);
      queued.dispose();
      expect(heldGpuBuffers()).toBe(before);
      expect(
        () =>
          new GpuLinearExperiment(
            device,
            planExperiment({ ...DEFAULT_CONFIG, model: 'mlp' }, spec([3], [0.01], 1)),
            schedule,
          ),
      ).toThrow(/linear model only/);
    },
    TIMEOUT,
  );
});

describe('both schedules', () => {
  it('each schedule trained the grids (none was skipped)', () => {
    expect([...ran].sort()).toEqual([...SCHEDULES].sort());
  });
});
