// The fused Linear(1,1) kernels on a real WebGPU device in Node (Dawn), on both schedules and all
// three paths (PyTorch's order for tutorial-scale batches, compensated sums in one dispatch, two
// dispatches per step for large batches), step by step against PyTorch 1.13's recorded runs, the
// float32 reference (bit-exact with PyTorch) and the float64 reference.
import { describe, expect, it } from 'vitest';
import { describeModelTrace, pytorchModels, type ModelTraceCase } from '../../engine/__fixtures__/pytorch-models';
import { describeTrace, jsonFloat, pytorchVectors, type JsonFloat } from '../../engine/__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG } from '../../engine/config';
import { lineDataset, tutorialDataset, type Dataset } from '../../engine/datasets';
import { formatFixed } from '../../engine/format';
import type { LinearParams } from '../../engine/plan';
import { datasetFor } from '../../engine/plan';
import { sgdStep, type Precision } from '../../engine/reference';
import { requireDawn } from './dawn-test-kit';
import { FusedLinearTrainer, LARGE_BATCH, type KernelSchedule, type LinearKernelPath } from './fused-linear-trainer';
import { COMPENSATED_CHUNK } from './linear-compensated-chunk.wgsl';

const SCHEDULES: KernelSchedule[] = ['sequential', 'parallel'];
const PATHS: LinearKernelPath[] = ['pytorch-order', 'compensated', 'two-pass'];
/** Steps per chunk: chunks end mid-epoch, so (w, b) must carry over on the GPU. */
const CHUNK = 7;
/** Not a speed requirement: SwiftShader compiles each trainer's pipelines on a shared, busy CPU. */
const TIMEOUT = 30_000;

/** What ran: "schedule path", one entry per kind of chunk queued. */
const ran = new Set<string>();

type Step = [loss: number, w: number, b: number];

async function train(
  schedule: KernelSchedule,
  dataset: Dataset,
  initial: LinearParams,
  learningRate: number,
  batches: number[][],
  compensated = false,
): Promise<Step[]> {
  const { device } = await requireDawn();
  const chunk = compensated ? COMPENSATED_CHUNK[schedule] : undefined;
  const trainer = new FusedLinearTrainer(device, dataset, initial, learningRate, schedule, chunk);
  const out: Step[] = [];
  try {
    for (let s = 0; s < batches.length; s += CHUNK) {
      const pending = trainer.enqueue(batches.slice(s, s + CHUNK));
      ran.add(`${schedule} ${trainer.lastPath}`);
      for (const step of await trainer.read(pending)) out.push([step.loss, step.params!.w, step.params!.b]);
    }
  } finally {
    trainer.dispose();
  }
  return out;
}

function reference(dataset: Dataset, initial: LinearParams, lr: number, batches: number[][], precision: Precision) {
  let params = initial;
  return batches.map((batch): Step => {
    const result = sgdStep(dataset, batch, params, lr, precision);
    params = result.params;
    return [result.loss, params.w, params.b];
  });
}

const recorded = (steps: [JsonFloat, JsonFloat, JsonFloat][]): Step[] =>
  steps.map(([loss, w, b]) => [jsonFloat(loss), jsonFloat(w), jsonFloat(b)]);

/** Largest |actual − expected| / (|expected| + floor) over every number of every step. */
function worstRelative(actual: Step[], expected: Step[], floor: number): number {
  expect(actual).toHaveLength(expected.length);
  let worst = 0;
  actual.forEach((step, k) =>
    step.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - expected[k][i]) / (Math.abs(expected[k][i]) + floor));
    }),
  );
  return worst;
}

/** Epochs of batches of `size` over n samples, each epoch a different fixed shuffle. */
function shuffledBatches(n: number, size: number, epochs: number): number[][] {
  const batches: number[][] = [];
  for (let e = 0; e < epochs; e++) {
    const order = Array.from({ length: n }, (_, i) => (i * 7919 + e * 104_729) % n);
    for (let start = 0; start < n; start += size) batches.push(order.slice(start, start + size));
  }
  return batches;
}

const traces = pytorchVectors.traces.filter((t) => t.steps.length > 0);
const linearModelTraces = pytorchModels.traces.filter((t) => t.model === 'linear');
const datasetOf = (t: ModelTraceCase) =>
  datasetFor({ ...DEFAULT_CONFIG, dataset: t.dataset, samples: t.samples, seed: t.seed });
const paramsOf = (initial: number[]): LinearParams => ({ w: initial[0], b: initial[1] });

describe.each(SCHEDULES)('fused Linear(1,1) kernels on Dawn, %s schedule', (schedule) => {
  it.each(traces.map((t) => [describeTrace(t), t] as const))(
    "%s: PyTorch's losses, w and b bit for bit, and its log lines",
    async (_name, t) => {
      const batches = t.steps.map((s) => s[2]);
      const out = await train(schedule, tutorialDataset(), t.initial, t.learningRate, batches);
      expect(out).toEqual(recorded(t.steps.map((s) => [s[3], s[5], s[6]])));
      expect(out.map(([loss]) => formatFixed(loss, 4))).toEqual(t.steps.map((s) => s[4]));
    },
    TIMEOUT,
  );

  it.each(linearModelTraces.map((t) => [describeModelTrace(t), t] as const))(
    "%s: PyTorch's run on the generated data bit for bit",
    async (_name, t) => {
      const batches = t.steps.map((s) => s[2]);
      const out = await train(schedule, datasetOf(t), paramsOf(t.initial), t.learningRate, batches);
      expect(out).toEqual(recorded(t.steps.map((s) => [s[3], s[5][0], s[5][1]])));
    },
    TIMEOUT,
  );

  // Batches of 64 to 4,096 on line data: the cascade's spills into its second level, 8-lane tails.
  it.each([64, 333, 1000, LARGE_BATCH])(
    'line data, batches of %i: the float32 reference bit for bit; float64 within 2e-6',
    async (size) => {
      const dataset = lineDataset(5, 8192);
      const batches = shuffledBatches(8192, size, 1).slice(0, 12);
      const initial = { w: Math.fround(0.3), b: Math.fround(-0.2) };
      const out = await train(schedule, dataset, initial, 0.001, batches);
      expect(out).toEqual(reference(dataset, initial, 0.001, batches, 'float32'));
      expect(worstRelative(out, reference(dataset, initial, 0.001, batches, 'float64'), 1e-6)).toBeLessThan(2e-6);
    },
    TIMEOUT,
  );

  // Compensated sums: in one dispatch (the comparison kernels of linear-compensated-chunk.wgsl.ts,
  // which the app does not run) and in two dispatches per step beyond LARGE_BATCH (the app's). The
  // float64 bound: Kahan-compensated sums are within ~2 ulp of the exact sum of the float32 terms,
  // each residual d = x·w + b − y carries ~|x·w|/|d| ≈ 20 ulp on this data, and an update moves
  // w and b by less than it: 2e-6 relative is ~30 float32 ulp. The measured worst is given in
  // docs/fidelity.md.
  it.each([
    [1000, 8192],
    [LARGE_BATCH, 8192],
    [10_000, 100_000],
    [65_536, 100_000],
  ])(
    'compensated sums, batches of %i over %i samples: within 2e-6 of float64',
    async (size, n) => {
      const dataset = lineDataset(11, n);
      const batches = shuffledBatches(n, size, 2).slice(0, 6);
      const initial = { w: Math.fround(0.5), b: Math.fround(0.25) };
      const out = await train(schedule, dataset, initial, 0.002, batches, size <= LARGE_BATCH);
      expect(worstRelative(out, reference(dataset, initial, 0.002, batches, 'float64'), 1e-6)).toBeLessThan(2e-6);
    },
    TIMEOUT,
  );

  // A diverging large-batch run: the compensated sums overflow to inf as PyTorch's plain sums do,
  // and go on to nan where PyTorch's do, instead of turning the first inf into nan.
  it(
    'a diverging large-batch run logs inf and nan where the float32 reference does',
    async () => {
      const dataset = lineDataset(3, 20_000);
      const batches = shuffledBatches(20_000, 5000, 6);
      const initial = { w: Math.fround(0.5), b: Math.fround(0.25) };
      const out = await train(schedule, dataset, initial, 2, batches);
      const kind = (v: number) => (Number.isNaN(v) ? 'nan' : Number.isFinite(v) ? 'finite' : 'inf');
      const expected = reference(dataset, initial, 2, batches, 'float32').map(([loss]) => kind(loss));
      expect(expected).toContain('inf');
      expect(expected).toContain('nan');
      expect(out.map(([loss]) => kind(loss))).toEqual(expected);
    },
    TIMEOUT,
  );
});

describe('both schedules, every path', () => {
  it('each schedule ran each kernel path (none was skipped)', () => {
    expect([...ran].sort()).toEqual(SCHEDULES.flatMap((s) => PATHS.map((p) => `${s} ${p}`)).sort());
  });
});
