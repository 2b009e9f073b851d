// The fused Linear(1,1) kernels on a real WebGPU device in Node (Dawn), on both schedules, step by
// step against PyTorch 1.13's recorded runs.
import { describe, expect, it } from 'vitest';
import { describeTrace, jsonFloat, pytorchVectors } from '../../engine/__fixtures__/pytorch-vectors';
import { tutorialDataset } from '../../engine/datasets';
import { dawnDevice } from './dawn-device';
import { FusedLinearTrainer, type KernelSchedule } from './fused-linear-trainer';

const SCHEDULES: KernelSchedule[] = ['sequential', 'parallel'];

describe.each(SCHEDULES)('fused Linear(1,1) kernels on Dawn, %s schedule', (schedule) => {
  const converging = pytorchVectors.traces.filter((t) => t.learningRate <= 0.02 && !t.validationSplit);
  it.each(converging.map((t) => [describeTrace(t), t] as const))('%s', async (_name, t) => {
    const gpu = await dawnDevice();
    expect(gpu, 'Dawn found no WebGPU adapter').not.toBeNull();
    const trainer = new FusedLinearTrainer(gpu!.device, tutorialDataset(), t.initial, t.learningRate, schedule);
    const out = await trainer.read(trainer.enqueue(t.steps.map((s) => s[2])));
    trainer.dispose();
    out.forEach((step, k) => {
      const expected = jsonFloat(t.steps[k][3]);
      expect(Math.abs(step.loss - expected) / Math.max(1e-6, Math.abs(expected))).toBeLessThan(1e-4);
    });
  });
});
