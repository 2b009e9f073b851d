// The fused MLP kernel on a real WebGPU device in Node (Dawn), step by step against PyTorch 1.13's
// recorded MLP runs (bit for bit where the kernel's order is PyTorch's), the float32 reference
// (PyTorch's order) and the float64 reference, diverging runs included. The kernel
// has one code path (one invocation per chunk) on every adapter; what the schedule changes is
// whether the app chooses it: `fusedMlpFits(…, software)` takes any batch on software adapters (the
// `sequential` schedule) and only small batch × width on hardware GPUs (`parallel`). Every run is
// trained under each selection that chooses the kernel, and both selections must have run.
import { describe, expect, it } from 'vitest';
import { describeModelTrace, pytorchModels, type ModelTraceCase } from '../../engine/__fixtures__/pytorch-models';
import { jsonFloat } from '../../engine/__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { formatFixed } from '../../engine/format';
import { createRunPlan } from '../../engine/plan';
import { trainReference, type Precision } from '../../engine/reference';
import { requireDawn } from './dawn-test-kit';
import { FusedMlpTrainer, fusedMlpFits } from './fused-mlp-trainer';

const SELECTIONS = [
  { schedule: 'sequential', software: true },
  { schedule: 'parallel', software: false },
] as const;
const CHUNK = 5;
const TIMEOUT = 30_000;
const ran = new Map<string, number>();
const exact = new Set<string>();

type MlpCase = ModelTraceCase & { model: 'mlp' };
const mlpTraces = pytorchModels.traces.filter((t): t is MlpCase => t.model === 'mlp');

function configOf(t: MlpCase, learningRate = t.learningRate, epochs = t.epochs): RunConfig {
  const { dataset, samples, seed, hiddenUnits, activation, batchSize, shuffle, dropLast } = t;
  const run = { dataset, samples, seed, model: 'mlp', hiddenUnits, activation, batchSize, shuffle, dropLast } as const;
  return { ...DEFAULT_CONFIG, ...run, learningRate, epochs, validationSplit: t.validationSplit ?? 0 };
}

/** The kernel's per-step losses and the parameters it holds at the end of each chunk. */
async function train(config: RunConfig, batches: number[][]) {
  const { device } = await requireDawn();
  const plan = createRunPlan(config);
  const spec = { kind: 'mlp', hiddenUnits: config.hiddenUnits, activation: config.activation } as const;
  const trainer = new FusedMlpTrainer(device, plan.dataset, spec, plan.initialParameters, config.learningRate);
  const losses: number[] = [];
  const chunkEnds: { step: number; params: number[] }[] = [];
  try {
    for (let s = 0; s < batches.length; s += CHUNK) {
      const out = await trainer.read(trainer.enqueue(batches.slice(s, s + CHUNK)));
      losses.push(...out.map((r) => r.loss));
      chunkEnds.push({ step: losses.length - 1, params: out.at(-1)!.modelParams! });
    }
  } finally {
    trainer.dispose();
  }
  return { losses, chunkEnds, plan };
}

function referenceSteps(config: RunConfig, precision: Precision) {
  const plan = createRunPlan(config);
  return trainReference({ ...plan, learningRate: config.learningRate, epochs: config.epochs }, precision, true);
}

const relative = (a: number, e: number, floor: number) => Math.abs(a - e) / (Math.abs(e) + floor);

describe.each(SELECTIONS)('fused MLP kernel on Dawn, chosen as on the $schedule schedule', ({ schedule, software }) => {
  const chosen = mlpTraces.filter((t) => {
    const largest = Math.min(t.batchSize, t.steps[0][2].length, t.samples ?? 10);
    return fusedMlpFits({ kind: 'mlp', hiddenUnits: t.hiddenUnits, activation: t.activation }, largest, software);
  });

  // Within 2e-5 of PyTorch's float32 (the kernel's sums run left to right and WGSL's tanh and exp
  // are not SLEEF's: ~1e-6 per step, compounding over the run's steps) and 1e-4 + 1e-6 absolute of
  // float64, the bound float32 itself needs (docs/fidelity.md); the 4-decimal log lines as PyTorch's.
  it.each(chosen.map((t) => [describeModelTrace(t), t] as const))(
    "%s: PyTorch's losses and parameters, float32 and float64",
    async (_name, t) => {
      const config = configOf(t);
      const { losses, chunkEnds } = await train(
        config,
        t.steps.map((s) => s[2]),
      );
      ran.set(schedule, (ran.get(schedule) ?? 0) + 1);
      const float32 = referenceSteps(config, 'float32');
      const float64 = referenceSteps(config, 'float64');
      losses.forEach((loss, k) => {
        expect(relative(loss, jsonFloat(t.steps[k][3]), 1e-6), `step ${k} against PyTorch`).toBeLessThan(2e-5);
        expect(relative(loss, float32[k].loss, 1e-6), `step ${k} against float32`).toBeLessThan(2e-5);
        expect(relative(loss, float64[k].loss, 1e-2), `step ${k} against float64`).toBeLessThan(1e-4);
      });
      for (const { step, params } of chunkEnds) {
        const recorded = t.steps[step][5].map(jsonFloat);
        params.forEach((p, i) =>
          expect(relative(p, recorded[i], 0.05), `step ${step}, parameter ${i}`).toBeLessThan(2e-5),
        );
      }
      expect(losses.map((l) => formatFixed(l, 4))).toEqual(t.steps.map((s) => s[4]));
      // With ReLU and batches up to 4 every sum PyTorch runs is left to right, as the kernel's are,
      // and no activation is approximated: PyTorch's bits.
      if (t.activation === 'relu' && t.batchSize <= 4) {
        expect(losses).toEqual(t.steps.map((s) => jsonFloat(s[3])));
        for (const { step, params } of chunkEnds) expect(params).toEqual(t.steps[step][5].map(jsonFloat));
        exact.add(describeModelTrace(t));
      }
    },
    TIMEOUT,
  );

  // Diverging: the losses overflow to inf, then turn nan, at the steps where PyTorch's order does.
  it.each(chosen.slice(0, 3).map((t) => [describeModelTrace(t), t] as const))(
    '%s at lr 5: inf and nan where the float32 reference has them',
    async (_name, t) => {
      const config = configOf(t, 5, 4);
      const reference = referenceSteps(config, 'float32');
      const { losses } = await train(
        config,
        reference.map((s) => s.batch),
      );
      const kind = (v: number) => (Number.isNaN(v) ? 'nan' : Number.isFinite(v) ? 'finite' : 'inf');
      // The run really diverges, or this would compare finite with finite.
      expect(reference.map((s) => kind(s.loss))).toContain('inf');
      expect(losses.map(kind).join(' ')).toEqual(reference.map((s) => kind(s.loss)).join(' '));
    },
    TIMEOUT,
  );
});

describe('both selections', () => {
  it('the kernel ran under each schedule’s selection (none was skipped)', () => {
    expect([...ran.keys()].sort()).toEqual(['parallel', 'sequential']);
    expect(exact.size, 'ReLU runs with batches up to 4 checked bit for bit').toBeGreaterThanOrEqual(3);
  });
});
