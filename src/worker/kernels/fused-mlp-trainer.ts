// The MLP (1 → h → 1) + MSE + SGD as one WGSL kernel on tfjs's WebGPU device: a chunk of steps is
// one dispatch and one read-back of every step's loss plus the final parameters. Chosen for small
// batch × width (see `fusedMlpFits`); wider work trains op by op through tfjs (../mlp-trainer.ts),
// which is also the oracle it is tested against.
import type { Dataset } from '../../engine/datasets';
import type { ModelSpec } from '../../engine/models';
import type { StepReadout, Trainer } from '../trainer';
import { computeLayout, GpuBuffers, interleavedSamples, packBatches, storage } from './gpu-kit';
import { ACTIVATION_CODES, MAX_HIDDEN, MLP_CHUNK_SEQUENTIAL } from './mlp-sgd.wgsl';

/** One invocation does batch × hidden work per step: fine up to this much (≈ 64 × 256). */
const MAX_WORK_PER_STEP = 16_384;

export function fusedMlpFits(spec: MlpSpec, largestBatch: number, software: boolean): boolean {
  if (spec.hiddenUnits > MAX_HIDDEN) return false;
  return software || spec.hiddenUnits * largestBatch <= MAX_WORK_PER_STEP;
}

/** The uniform Settings of mlp-sgd.wgsl.ts: five 4-byte fields, the buffer rounded up to 32 bytes. */
const SETTINGS_BYTES = 32;

type MlpSpec = Extract<ModelSpec, { kind: 'mlp' }>;

interface Chunk {
  steps: number;
  staging: GPUBuffer;
}

export class FusedMlpTrainer implements Trainer<Chunk> {
  private readonly buffers: GpuBuffers;
  private readonly samples: GPUBuffer;
  private readonly params: GPUBuffer;
  private readonly settings: GPUBuffer;
  private order: GPUBuffer;
  private stepStart: GPUBuffer;
  private losses: GPUBuffer;
  private readonly kit: ReturnType<typeof computeLayout>;
  private readonly pipeline: GPUComputePipeline;
  private bindGroup: GPUBindGroup | null = null;
  private readonly paramCount: number;

  constructor(
    private readonly device: GPUDevice,
    dataset: Dataset,
    private readonly spec: MlpSpec,
    initial: ArrayLike<number>,
    private readonly learningRate: number,
  ) {
    const buffers = (this.buffers = new GpuBuffers(device));
    const interleaved = interleavedSamples(dataset);
    this.samples = buffers.create(interleaved.byteLength, storage());
    device.queue.writeBuffer(this.samples, 0, interleaved);
    this.paramCount = 3 * spec.hiddenUnits + 1;
    this.params = buffers.create(this.paramCount * 4, storage() | GPUBufferUsage.COPY_SRC);
    device.queue.writeBuffer(this.params, 0, Float32Array.from(initial));
    this.settings = buffers.create(SETTINGS_BYTES, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.order = buffers.create(4, storage());
    this.stepStart = buffers.create(8, storage());
    this.losses = buffers.create(16, storage() | GPUBufferUsage.COPY_SRC);
    this.kit = computeLayout(device, [
      'read-only-storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
      'storage',
      'uniform',
    ]);
    this.pipeline = this.kit.pipeline(MLP_CHUNK_SEQUENTIAL);
  }

  enqueue(batches: readonly ArrayLike<number>[]): Chunk {
    const { steps, order, stepStart } = packBatches(batches);
    const before = [this.order, this.stepStart, this.losses];
    this.order = this.buffers.grow(this.order, order.byteLength, storage());
    this.stepStart = this.buffers.grow(this.stepStart, stepStart.byteLength, storage());
    this.losses = this.buffers.grow(this.losses, steps * 4, storage() | GPUBufferUsage.COPY_SRC);
    if (!this.bindGroup || before.some((b, i) => b !== [this.order, this.stepStart, this.losses][i])) {
      this.bindGroup = this.kit.bindGroup([
        this.samples,
        this.order,
        this.stepStart,
        this.params,
        this.losses,
        this.settings,
      ]);
    }
    const { queue } = this.device;
    queue.writeBuffer(this.order, 0, order);
    queue.writeBuffer(this.stepStart, 0, stepStart);
    const settings = new ArrayBuffer(SETTINGS_BYTES); // lr, steps, hidden, activation, zero (always 0)
    new Float32Array(settings, 0, 1)[0] = this.learningRate;
    new Uint32Array(settings, 4, 3).set([steps, this.spec.hiddenUnits, ACTIVATION_CODES[this.spec.activation]]);
    queue.writeBuffer(this.settings, 0, settings);

    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(1);
    pass.end();
    const bytes = (steps + this.paramCount) * 4;
    const staging = this.buffers.staging(bytes);
    encoder.copyBufferToBuffer(this.losses, 0, staging, 0, steps * 4);
    encoder.copyBufferToBuffer(this.params, 0, staging, steps * 4, this.paramCount * 4);
    queue.submit([encoder.finish()]);
    return { steps, staging };
  }

  async read({ steps, staging }: Chunk): Promise<StepReadout[]> {
    const values = await this.buffers.readBack(staging, (steps + this.paramCount) * 4);
    const modelParams = Array.from(values.subarray(steps));
    return Array.from({ length: steps }, (_, s) =>
      s === steps - 1 ? { loss: values[s], modelParams } : { loss: values[s] },
    );
  }

  dispose(): void {
    this.buffers.disposeAll();
  }
}
