// The experiment kernel at the GPU's limits, on Dawn: a chunk or a plan beyond what one storage
// binding may hold is refused with an error (never a silent, stale read-back), and refusing leaves
// no buffer behind; the experiment worker then trains the runs in the plain-JS loop.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config';
import { ExperimentChunker } from '../../engine/experiment/chunks';
import { planExperiment } from '../../engine/experiment/plan';
import { requireDawn } from './dawn-test-kit';
import { GpuLinearExperiment } from './gpu-experiment';
import { heldGpuBuffers } from './gpu-kit';

const grid = { batchSizes: [10], learningRates: [0.01], shuffle: 'on' as const, seedsPerSetting: 2, targetLoss: 0.01 };

describe('the experiment kernel at the limits of a storage binding', () => {
  it('refuses a chunk whose orders exceed maxStorageBufferBindingSize, and frees what it held', async () => {
    const { device } = await requireDawn();
    const before = heldGpuBuffers();
    const plan = planExperiment(DEFAULT_CONFIG, grid);
    const engine = new GpuLinearExperiment(device, plan, 'sequential');
    const chunk = new ExperimentChunker(plan, 100).next()!;
    const limit = device.limits.maxStorageBufferBindingSize;
    const huge = { ...chunk, orders: new Int32Array(limit / 4 + 1024) };
    expect(() => engine.enqueue(huge)).toThrow(/orders need \d+ bytes; this GPU binds at most/);
    // The engine still trains a chunk that fits, with its numbers.
    const losses = await engine.read(engine.enqueue(chunk));
    expect(losses.length).toBe(chunk.lossStart[chunk.runCount]);
    expect(losses.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
    engine.dispose();
    expect(heldGpuBuffers()).toBe(before);
  });

  it('refuses a plan whose samples exceed one binding before making any buffer', async () => {
    const { device } = await requireDawn();
    const before = heldGpuBuffers();
    const plan = planExperiment(DEFAULT_CONFIG, grid);
    const limit = device.limits.maxStorageBufferBindingSize;
    const many = {
      ...plan,
      datasets: [{ name: 'big', x: new Float32Array(limit / 8 + 1), y: new Float32Array(limit / 8 + 1) }],
    };
    expect(() => new GpuLinearExperiment(device, many, 'parallel')).toThrow(/the samples need/);
    expect(heldGpuBuffers()).toBe(before);
  });
});
