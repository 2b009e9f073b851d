// Linear(1,1) + MSE + SGD as fused WGSL kernels on tfjs's own WebGPU device: a chunk of steps is
// one command buffer (one dispatch for small batches, two per step for large ones) and one read-back
// of [loss, w, b] per step. The op-by-op trainer (../trainer.ts) stays as the oracle and for other
// backends; both are tested against the engine's reference.
import type { Dataset } from '../../engine/datasets';
import type { LinearParams } from '../../engine/plan';
import type { StepReadout, Trainer } from '../trainer';
import {
  CHUNK_IN_ONE_WORKGROUP,
  CHUNK_SEQUENTIAL,
  SEQUENTIAL_SPAN,
  STEP_FINISH,
  STEP_FINISH_SEQUENTIAL,
  STEP_PARTIAL_SEQUENTIAL,
  STEP_PARTIAL_SUMS,
} from './linear-sgd.wgsl';

const WORKGROUP = 256;
const ITEMS_PER_THREAD = 8;
/** Above this batch size a step is spread over many workgroups (two dispatches per step). */
export const LARGE_BATCH = 4096;

/**
 * 'parallel': workgroup reductions, for hardware GPUs. 'sequential': few invocations and no
 * barriers, for software adapters (SwiftShader), where each invocation is a CPU fiber.
 */
export type KernelSchedule = 'parallel' | 'sequential';

interface Chunk {
  steps: number;
  staging: GPUBuffer;
}

const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;

/** GPU buffers the fused trainers hold now: counted with tfjs's tensors so leaks show up. */
let liveBuffers = 0;
export const heldGpuBuffers = (): number => liveBuffers;

export class FusedLinearTrainer implements Trainer<Chunk> {
  private readonly samples: GPUBuffer;
  private readonly state: GPUBuffer;
  private readonly settings: GPUBuffer;
  private order: GPUBuffer;
  private stepStart: GPUBuffer;
  private results: GPUBuffer;
  private partials: GPUBuffer;
  private readonly layout: GPUBindGroupLayout;
  private readonly pipelines: { chunk: GPUComputePipeline; partial: GPUComputePipeline; finish: GPUComputePipeline };
  private bindGroup: GPUBindGroup | null = null;
  private readonly idleStaging: GPUBuffer[] = [];
  private disposed = false;
  private readonly samplesPerPartial: number;
  private readonly partialWorkgroupSize: number;

  constructor(
    private readonly device: GPUDevice,
    dataset: Dataset,
    initial: LinearParams,
    private readonly learningRate: number,
    readonly schedule: KernelSchedule = 'parallel',
  ) {
    const n = dataset.x.length;
    const interleaved = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      interleaved[2 * i] = dataset.x[i];
      interleaved[2 * i + 1] = dataset.y[i];
    }
    this.samples = this.buffer(interleaved.byteLength, STORAGE);
    device.queue.writeBuffer(this.samples, 0, interleaved);
    this.state = this.buffer(16, STORAGE | GPUBufferUsage.COPY_SRC);
    const state = new ArrayBuffer(16);
    new Float32Array(state, 0, 2).set([initial.w, initial.b]);
    device.queue.writeBuffer(this.state, 0, state);
    this.settings = this.buffer(16, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.order = this.buffer(4, STORAGE);
    this.stepStart = this.buffer(8, STORAGE);
    this.results = this.buffer(16, STORAGE | GPUBufferUsage.COPY_SRC);
    this.partials = this.buffer(16, STORAGE);
    this.idleStaging.push(this.buffer(16, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST));

    const entry = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type },
    });
    this.layout = device.createBindGroupLayout({
      entries: [
        entry(0, 'read-only-storage'),
        entry(1, 'read-only-storage'),
        entry(2, 'read-only-storage'),
        entry(3, 'storage'),
        entry(4, 'storage'),
        entry(5, 'uniform'),
        entry(6, 'storage'),
      ],
    });
    const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [this.layout] });
    const pipeline = (code: string) =>
      device.createComputePipeline({
        layout: pipelineLayout,
        compute: { module: device.createShaderModule({ code }), entryPoint: 'main' },
      });
    const sequential = schedule === 'sequential';
    this.pipelines = {
      chunk: pipeline(sequential ? CHUNK_SEQUENTIAL : CHUNK_IN_ONE_WORKGROUP),
      partial: pipeline(sequential ? STEP_PARTIAL_SEQUENTIAL : STEP_PARTIAL_SUMS),
      finish: pipeline(sequential ? STEP_FINISH_SEQUENTIAL : STEP_FINISH),
    };
    this.samplesPerPartial = sequential ? SEQUENTIAL_SPAN : WORKGROUP * ITEMS_PER_THREAD;
    this.partialWorkgroupSize = sequential ? 64 : WORKGROUP;
  }

  enqueue(batches: readonly (readonly number[])[]): Chunk {
    const steps = batches.length;
    const stepStart = new Uint32Array(steps + 1);
    let total = 0;
    let largest = 0;
    for (let s = 0; s < steps; s++) {
      stepStart[s] = total;
      total += batches[s].length;
      largest = Math.max(largest, batches[s].length);
    }
    stepStart[steps] = total;
    const order = new Uint32Array(total);
    for (let s = 0, p = 0; s < steps; s++) {
      const batch = batches[s];
      for (let j = 0; j < batch.length; j++) order[p++] = batch[j];
    }
    const partials = Math.ceil(largest / this.samplesPerPartial);
    const partialGroups = Math.ceil((partials * this.samplesPerPartial) / this.samplesPerPartialGroup());
    this.ensureCapacity(order.byteLength, stepStart.byteLength, steps * 16, partials * 16);
    const { queue } = this.device;
    queue.writeBuffer(this.order, 0, order);
    queue.writeBuffer(this.stepStart, 0, stepStart);
    queue.writeBuffer(this.settings, 0, settingsBytes(this.learningRate, steps, partials));

    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setBindGroup(0, this.bindGroup);
    if (largest <= LARGE_BATCH) {
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
    const staging = this.stagingBuffer(steps * 16);
    encoder.copyBufferToBuffer(this.results, 0, staging, 0, steps * 16);
    queue.submit([encoder.finish()]);
    return { steps, staging };
  }

  async read({ steps, staging }: Chunk): Promise<StepReadout[]> {
    await staging.mapAsync(GPUMapMode.READ, 0, steps * 16);
    const values = new Float32Array(staging.getMappedRange(0, steps * 16).slice(0));
    staging.unmap();
    if (this.disposed) this.destroy(staging);
    else this.idleStaging.push(staging);
    const out: StepReadout[] = new Array(steps);
    for (let s = 0; s < steps; s++) {
      out[s] = { loss: values[4 * s], params: { w: values[4 * s + 1], b: values[4 * s + 2] } };
    }
    return out;
  }

  /** Samples one workgroup of the partial-sums pass covers. */
  private samplesPerPartialGroup(): number {
    return this.schedule === 'sequential' ? this.samplesPerPartial * this.partialWorkgroupSize : this.samplesPerPartial;
  }

  dispose(): void {
    this.disposed = true;
    for (const b of [this.samples, this.state, this.settings, this.order, this.stepStart, this.results, this.partials])
      this.destroy(b);
    for (const b of this.idleStaging) this.destroy(b);
    this.idleStaging.length = 0;
  }

  private buffer(size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    liveBuffers += 1;
    return this.device.createBuffer({ size: Math.max(16, Math.ceil(size / 16) * 16), usage });
  }

  private destroy(buffer: GPUBuffer): void {
    liveBuffers -= 1;
    buffer.destroy();
  }

  /** Grows the per-chunk buffers (never shrinks) and rebuilds the bind group when one changed. */
  private ensureCapacity(orderBytes: number, stepStartBytes: number, resultBytes: number, partialBytes: number) {
    let changed = this.bindGroup === null;
    const grow = (current: GPUBuffer, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer => {
      if (current.size >= bytes) return current;
      this.destroy(current);
      changed = true;
      return this.buffer(Math.max(bytes, current.size * 2), usage);
    };
    this.order = grow(this.order, orderBytes, STORAGE);
    this.stepStart = grow(this.stepStart, stepStartBytes, STORAGE);
    this.results = grow(this.results, resultBytes, STORAGE | GPUBufferUsage.COPY_SRC);
    this.partials = grow(this.partials, partialBytes, STORAGE);
    if (!changed) return;
    // A smaller staging buffer from before is still fine: each chunk asks for its own size.
    this.bindGroup = this.device.createBindGroup({
      layout: this.layout,
      entries: [this.samples, this.order, this.stepStart, this.state, this.results, this.settings, this.partials].map(
        (buffer, binding) => ({ binding, resource: { buffer } }),
      ),
    });
  }

  /**
   * A read-back buffer for `bytes`. Runs read each chunk before queuing the next, so one idle buffer
   * is normally there; a too-small one is replaced rather than kept, so the count stays constant.
   */
  private stagingBuffer(bytes: number): GPUBuffer {
    const fits = this.idleStaging.findIndex((b) => b.size >= bytes);
    if (fits >= 0) return this.idleStaging.splice(fits, 1)[0];
    const tooSmall = this.idleStaging.pop();
    if (tooSmall) this.destroy(tooSmall);
    return this.buffer(Math.max(bytes, 2 * (tooSmall?.size ?? 0)), GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  }
}

function settingsBytes(learningRate: number, steps: number, partials: number): ArrayBuffer {
  const bytes = new ArrayBuffer(16);
  new Float32Array(bytes, 0, 1)[0] = learningRate;
  new Uint32Array(bytes, 4, 2).set([steps, partials]);
  return bytes;
}
