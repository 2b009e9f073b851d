// Linear(1,1) + MSE + SGD as fused WGSL kernels on tfjs's own WebGPU device: a chunk of steps is
// one command buffer (one dispatch for small batches, two per step for large ones) and one read-back
// of [loss, w, b] per step. The op-by-op trainer (../trainer.ts) stays as the oracle and for other
// backends; both are tested against the engine's reference.
import type { Dataset } from '../../engine/datasets';
import type { LinearParams } from '../../engine/plan';
import type { StepReadout, Trainer } from '../trainer';
import { computeLayout, GpuBuffers, interleavedSamples, packBatches, storage } from './gpu-kit';
import { CHUNK_PYTORCH_ORDER_PARALLEL, CHUNK_PYTORCH_ORDER_SEQUENTIAL } from './linear-pytorch-order.wgsl';
import {
  SEQUENTIAL_SPAN,
  STEP_FINISH,
  STEP_FINISH_SEQUENTIAL,
  STEP_PARTIAL_SEQUENTIAL,
  STEP_PARTIAL_SUMS,
} from './linear-sgd.wgsl';

export { heldGpuBuffers } from './gpu-kit';

const WORKGROUP = 256;
const ITEMS_PER_THREAD = 8;
/** Above this batch size a step is spread over many workgroups (two dispatches per step). */
export const LARGE_BATCH = 4096;

/**
 * 'parallel': workgroup reductions, for hardware GPUs. 'sequential': few invocations and no
 * barriers, for software adapters (SwiftShader), where each invocation is a CPU fiber.
 */
export type KernelSchedule = 'parallel' | 'sequential';

/** Which kernels a chunk ran: PyTorch's order, compensated sums in one dispatch, or two per step. */
export type LinearKernelPath = 'pytorch-order' | 'compensated' | 'two-pass';

interface Chunk {
  steps: number;
  staging: GPUBuffer;
}

export class FusedLinearTrainer implements Trainer<Chunk> {
  private readonly buffers: GpuBuffers;
  private readonly samples: GPUBuffer;
  private readonly state: GPUBuffer;
  private readonly settings: GPUBuffer;
  private order: GPUBuffer;
  private stepStart: GPUBuffer;
  private results: GPUBuffer;
  private partials: GPUBuffer;
  private readonly kit: ReturnType<typeof computeLayout>;
  private readonly pipelines: {
    chunk: GPUComputePipeline;
    partial: GPUComputePipeline;
    finish: GPUComputePipeline;
  };
  private bindGroup: GPUBindGroup | null = null;
  /** The path of the last chunk queued (tests check that each path ran on each schedule). */
  lastPath: LinearKernelPath | null = null;
  /** Samples one partial sum covers, and invocations per workgroup of the partial-sums pass. */
  private readonly samplesPerPartial: number;
  private readonly partialsPerGroup: number;
  private readonly smallBatchPath: LinearKernelPath;

  constructor(
    private readonly device: GPUDevice,
    dataset: Dataset,
    initial: LinearParams,
    private readonly learningRate: number,
    readonly schedule: KernelSchedule = 'parallel',
    /**
     * Comparisons only (the app passes none): a chunk kernel with compensated sums for batches up to
     * LARGE_BATCH in place of PyTorch's order (linear-compensated-chunk.wgsl.ts).
     */
    compensatedChunk?: string,
  ) {
    const buffers = (this.buffers = new GpuBuffers(device));
    const interleaved = interleavedSamples(dataset);
    this.samples = buffers.create(interleaved.byteLength, storage());
    device.queue.writeBuffer(this.samples, 0, interleaved);
    this.state = buffers.create(16, storage() | GPUBufferUsage.COPY_SRC);
    const state = new ArrayBuffer(16);
    new Float32Array(state, 0, 2).set([initial.w, initial.b]);
    device.queue.writeBuffer(this.state, 0, state);
    this.settings = buffers.create(16, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.order = buffers.create(4, storage());
    this.stepStart = buffers.create(8, storage());
    this.results = buffers.create(16, storage() | GPUBufferUsage.COPY_SRC);
    this.partials = buffers.create(16, storage());

    // samples, order, stepStart, state, results, settings, partials (see linear-sgd.wgsl.ts)
    this.kit = computeLayout(device, [
      'read-only-storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
      'storage',
      'uniform',
      'storage',
    ]);
    const sequential = schedule === 'sequential';
    this.pipelines = {
      chunk: this.kit.pipeline(
        compensatedChunk ?? (sequential ? CHUNK_PYTORCH_ORDER_SEQUENTIAL : CHUNK_PYTORCH_ORDER_PARALLEL),
      ),
      partial: this.kit.pipeline(sequential ? STEP_PARTIAL_SEQUENTIAL : STEP_PARTIAL_SUMS),
      finish: this.kit.pipeline(sequential ? STEP_FINISH_SEQUENTIAL : STEP_FINISH),
    };
    this.smallBatchPath = compensatedChunk ? 'compensated' : 'pytorch-order';
    this.samplesPerPartial = sequential ? SEQUENTIAL_SPAN : WORKGROUP * ITEMS_PER_THREAD;
    this.partialsPerGroup = sequential ? 64 : 1;
  }

  enqueue(batches: readonly ArrayLike<number>[]): Chunk {
    const { steps, order, stepStart, largest } = packBatches(batches);
    const partials = Math.ceil(largest / this.samplesPerPartial);
    const partialGroups = Math.ceil(partials / this.partialsPerGroup);
    this.ensureCapacity(order.byteLength, stepStart.byteLength, steps * 16, partials * 16);
    const { queue } = this.device;
    queue.writeBuffer(this.order, 0, order);
    queue.writeBuffer(this.stepStart, 0, stepStart);
    queue.writeBuffer(this.settings, 0, settingsBytes(this.learningRate, steps, partials));

    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setBindGroup(0, this.bindGroup);
    this.lastPath = largest > LARGE_BATCH ? 'two-pass' : this.smallBatchPath;
    if (this.lastPath !== 'two-pass') {
      pass.setPipeline(this.pipelines.chunk);
      pass.dispatchWorkgroups(1);
    } else {
      for (let s = 0; s < steps; s++) {
        pass.setPipeline(this.pipelines.partial);
        pass.dispatchWorkgroups(partialGroups);
        pass.setPipeline(this.pipelines.finish);
        pass.dispatchWorkgroups(1);
      }
    }
    pass.end();
    const staging = this.buffers.staging(steps * 16);
    encoder.copyBufferToBuffer(this.results, 0, staging, 0, steps * 16);
    queue.submit([encoder.finish()]);
    return { steps, staging };
  }

  async read({ steps, staging }: Chunk): Promise<StepReadout[]> {
    const values = await this.buffers.readBack(staging, steps * 16);
    const out = new Array<StepReadout>(steps);
    for (let s = 0; s < steps; s++) {
      out[s] = { loss: values[4 * s], params: { w: values[4 * s + 1], b: values[4 * s + 2] } };
    }
    return out;
  }

  dispose(): void {
    this.buffers.disposeAll();
  }

  /** Grows the per-chunk buffers (never shrinks) and rebuilds the bind group when one changed. */
  private ensureCapacity(orderBytes: number, stepStartBytes: number, resultBytes: number, partialBytes: number) {
    const before = [this.order, this.stepStart, this.results, this.partials];
    this.order = this.buffers.grow(this.order, orderBytes, storage());
    this.stepStart = this.buffers.grow(this.stepStart, stepStartBytes, storage());
    this.results = this.buffers.grow(this.results, resultBytes, storage() | GPUBufferUsage.COPY_SRC);
    this.partials = this.buffers.grow(this.partials, partialBytes, storage());
    const after = [this.order, this.stepStart, this.results, this.partials];
    if (this.bindGroup && before.every((b, i) => b === after[i])) return;
    this.bindGroup = this.kit.bindGroup([
      this.samples,
      this.order,
      this.stepStart,
      this.state,
      this.results,
      this.settings,
      this.partials,
    ]);
  }
}

function settingsBytes(learningRate: number, steps: number, partials: number): ArrayBuffer {
  const bytes = new ArrayBuffer(16);
  new Float32Array(bytes, 0, 1)[0] = learningRate;
  new Uint32Array(bytes, 4, 2).set([steps, partials]);
  return bytes;
}
