// The experiment engine's part of `npm run bench:node`: whole grids of tutorial runs (issue 16),
// trained by the WebGPU experiment engine on each schedule and by the plain-JS float32 experiment
// engine, side by side in each repetition. A grid is not a single run's case (no time budget, no
// per-step float64 check): each engine trains the whole grid once per repetition from a fresh
// plan, and the GPU's losses must be the JS engine's bit for bit, or its speed is no figure.
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { trainExperimentFloat32 } from '../../engine/experiment/js-engine';
import { planExperiment, type ExperimentPlan } from '../../engine/experiment/plan';
import type { ExperimentSpec } from '../../engine/experiment/spec';
import { FusedLinearTrainer, type KernelSchedule } from '../../worker/kernels/fused-linear-trainer';
import { trainExperimentGpu } from '../../worker/kernels/gpu-experiment';
import { trainMlpExperimentGpu } from '../../worker/kernels/gpu-mlp-experiment';
import { spread, type Spread } from './summary';
import { alignColumns, formatSpread } from './table';

export interface ExperimentCase {
  id: string;
  label: string;
  base: RunConfig;
  spec: ExperimentSpec;
}

const TUTORIAL_10_EPOCHS: RunConfig = { ...DEFAULT_CONFIG, dataset: 'tutorial', epochs: 10 };

export const EXPERIMENT_CASES: readonly ExperimentCase[] = [
  {
    id: 'experiment-1024',
    label: '1,024 tutorial runs, 10 epochs: B 1,2,3,4,5,6,8,10 × 8 lr × 16 seeds',
    base: TUTORIAL_10_EPOCHS,
    spec: {
      batchSizes: [1, 2, 3, 4, 5, 6, 8, 10],
      learningRates: [0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05],
      shuffle: 'on',
      seedsPerSetting: 16,
      targetLoss: 0.01,
    },
  },
  {
    id: 'experiment-100',
    label: '100 tutorial runs, 10 epochs: B 1,2,3,5,10 × the 5 default lr × 4 seeds',
    base: TUTORIAL_10_EPOCHS,
    spec: {
      batchSizes: [1, 2, 3, 5, 10],
      learningRates: [0.001, 0.003, 0.01, 0.02, 0.03],
      shuffle: 'on',
      seedsPerSetting: 4,
      targetLoss: 0.01,
    },
  },
  {
    id: 'experiment-mlp-256',
    label: '256 sine MLP runs (h 16, relu), 20 epochs: B 1,2,3,4 × 8 lr × 8 seeds',
    base: { ...DEFAULT_CONFIG, dataset: 'sine', model: 'mlp', hiddenUnits: 16, activation: 'relu', epochs: 20 },
    spec: {
      batchSizes: [1, 2, 3, 4], // B ≤ 4 with relu: the GPU's losses are the JS engine's bits
      learningRates: [0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05],
      shuffle: 'on',
      seedsPerSetting: 8,
      targetLoss: 0.01,
    },
  },
];

/** The engine every other one is divided by, and whose losses the GPU's must equal. */
export const EXPERIMENT_FLOOR = 'experiment-js-float32';
/** Sample visits per chunk, as the JS engine's default. */
const WORK_PER_CHUNK = 1e5;

interface ExperimentEngine {
  id: string;
  /** The single-run engine trains the linear model only; the others any. */
  linearOnly?: boolean;
  train(plan: ExperimentPlan): Promise<Float32Array>;
}

/**
 * The single-run engine run once per run of the grid: a FusedLinearTrainer for each, all its steps
 * in one chunk, on the schedule the app would pick for the adapter.
 */
async function trainOneByOne(device: GPUDevice, plan: ExperimentPlan, schedule: KernelSchedule) {
  const losses = new Float32Array(plan.stepOffset[plan.runs.length]);
  const n = plan.trainSize;
  for (const [r, run] of plan.runs.entries()) {
    const batches: Int32Array[] = [];
    for (let e = 0; e < plan.epochs; e++) {
      const order = plan.nextEpochOrder(r);
      for (let k = 0; k < plan.stepsPerEpoch[r]; k++) {
        batches.push(order.subarray(k * run.batchSize, Math.min(n, (k + 1) * run.batchSize)));
      }
    }
    const [w, b] = plan.initialParameters.subarray(2 * r, 2 * r + 2);
    const dataset = plan.datasets[plan.datasetOfRun[r]];
    const trainer = new FusedLinearTrainer(device, dataset, { w, b }, run.learningRate, schedule);
    const steps = await trainer.read(trainer.enqueue(batches));
    trainer.dispose();
    losses.set(
      steps.map((s) => s.loss),
      plan.stepOffset[r],
    );
  }
  return losses;
}

/** The JS engine; with a device, the GPU experiment engine on each schedule and the single run 1,024 times. */
export function experimentEngines(device: GPUDevice | null, appSchedule: KernelSchedule | null): ExperimentEngine[] {
  const gpu = (schedule: KernelSchedule): ExperimentEngine => ({
    id: `experiment-gpu-${schedule}`,
    train: (plan) =>
      plan.model.kind === 'mlp'
        ? trainMlpExperimentGpu(device!, plan, schedule, WORK_PER_CHUNK)
        : trainExperimentGpu(device!, plan, schedule, WORK_PER_CHUNK),
  });
  const single: ExperimentEngine = {
    id: `single-run-fused-${appSchedule}`,
    linearOnly: true,
    train: (plan) => trainOneByOne(device!, plan, appSchedule!),
  };
  return [
    { id: EXPERIMENT_FLOOR, train: (plan) => Promise.resolve(trainExperimentFloat32(plan, WORK_PER_CHUNK)) },
    ...(device && appSchedule ? [gpu('sequential'), gpu('parallel'), single] : []),
  ];
}

export interface ExperimentResult {
  caseId: string;
  engine: string;
  run: number;
  runs: number;
  steps: number;
  seconds: number;
  /** Losses that differ from the JS float32 engine's (NaN equal to NaN). */
  mismatches: number;
}

export interface ExperimentRow {
  caseId: string;
  engine: string;
  runsPerSecond: Spread;
  stepsPerSecond: Spread;
  seconds: Spread;
  vsJsFloat32: Spread;
  /** The most mismatching losses in any repetition: anything but 0 means the speed is no figure. */
  mismatches: number;
}

const differ = (a: Float32Array, b: Float32Array) => {
  let count = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (!Object.is(a[i], b[i])) count++;
  return count;
};

/**
 * Every engine on every case, `repetitions` times. Planning (the runs' datasets, initial weights
 * and epoch orders are drawn as the chunks reach them) is timed with each engine, as a page waits
 * for it; each GPU engine trains each case once untimed first, so pipeline compiles are not timed.
 */
export async function measureExperiments(
  engines: readonly ExperimentEngine[],
  cases: readonly ExperimentCase[],
  repetitions: number,
  log: (line: string) => void,
): Promise<ExperimentResult[]> {
  const results: ExperimentResult[] = [];
  for (const c of cases) {
    const reference = trainExperimentFloat32(planExperiment(c.base, c.spec), WORK_PER_CHUNK);
    const fit = engines.filter((e) => !e.linearOnly || c.base.model === 'linear');
    for (const e of fit) if (e.id !== EXPERIMENT_FLOOR) await e.train(planExperiment(c.base, c.spec));
    for (let run = 0; run < repetitions; run++) {
      for (const e of fit) {
        log(`run ${run + 1}/${repetitions}: ${e.id} × ${c.id}`);
        const started = performance.now();
        const plan = planExperiment(c.base, c.spec);
        const losses = await e.train(plan);
        const seconds = (performance.now() - started) / 1000;
        const steps = plan.stepOffset[plan.runs.length];
        const mismatches = differ(losses, reference);
        results.push({ caseId: c.id, engine: e.id, run, runs: plan.runs.length, steps, seconds, mismatches });
      }
    }
  }
  return results;
}

export function summarizeExperiments(results: readonly ExperimentResult[]): ExperimentRow[] {
  const groups = new Map<string, ExperimentResult[]>();
  for (const r of results) {
    const key = `${r.caseId}\u0000${r.engine}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const floorOf = (r: ExperimentResult) =>
    results.find((f) => f.engine === EXPERIMENT_FLOOR && f.caseId === r.caseId && f.run === r.run);
  return [...groups.values()].map((rs) => ({
    caseId: rs[0].caseId,
    engine: rs[0].engine,
    runsPerSecond: spread(rs.map((r) => r.runs / r.seconds)),
    stepsPerSecond: spread(rs.map((r) => r.steps / r.seconds)),
    seconds: spread(rs.map((r) => r.seconds)),
    vsJsFloat32: spread(
      rs.flatMap((r) => {
        const f = floorOf(r);
        return f ? [f.seconds / r.seconds] : [];
      }),
    ),
    mismatches: Math.max(...rs.map((r) => r.mismatches)),
  }));
}

const ratio = (v: number) => (Number.isFinite(v) ? `${v.toPrecision(2)}` : '—');
const ms = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 1000)) : String(v));

export function formatExperimentTable(rows: readonly ExperimentRow[]): string {
  const header = ['experiment', 'engine', 'runs/s', 'steps/s', 'ms per grid', '× JS float32', 'losses ≠ JS f32'];
  const lines = rows.map((r) => [
    r.caseId,
    r.engine,
    formatSpread(r.runsPerSecond),
    formatSpread(r.stepsPerSecond),
    formatSpread(r.seconds, ms),
    formatSpread(r.vsJsFloat32, ratio, '×'),
    r.mismatches === 0 ? '0' : `${r.mismatches} WRONG`,
  ]);
  return alignColumns(header, lines, 2);
}
