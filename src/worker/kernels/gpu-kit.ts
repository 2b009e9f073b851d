// What the fused trainers share: counted GPU buffers that grow by replacement, one read-back buffer,
// the chunk's batches packed for the GPU, and compute pipelines over one bind-group layout.
import type { Dataset } from '../../engine/datasets';

// Functions, not constants: WebGPU's globals are read only when a fused trainer is built, so the
// worker's modules load (and are unit-tested) where WebGPU does not exist.
export const storage = (): GPUBufferUsageFlags => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
const staging = (): GPUBufferUsageFlags => GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST;

/** GPU buffers the fused trainers hold now: counted with tfjs's tensors so leaks show up. */
let liveBuffers = 0;
export const heldGpuBuffers = (): number => liveBuffers;

export class GpuBuffers {
  private readonly idleStaging: GPUBuffer[] = [];
  private readonly owned = new Set<GPUBuffer>();
  disposed = false;

  constructor(private readonly device: GPUDevice) {
    // One read-back buffer from the start, so the count is the same before and after a chunk.
    this.idleStaging.push(this.create(16, staging()));
  }

  create(size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    liveBuffers += 1;
    const buffer = this.device.createBuffer({ size: Math.max(16, Math.ceil(size / 16) * 16), usage });
    this.owned.add(buffer);
    return buffer;
  }

  destroy(buffer: GPUBuffer): void {
    if (!this.owned.delete(buffer)) return;
    liveBuffers -= 1;
    buffer.destroy();
  }

  /** `current` if it holds `bytes`, else a new buffer twice as large (or `bytes`) in its place. */
  grow(current: GPUBuffer, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
    if (current.size >= bytes) return current;
    this.destroy(current);
    return this.create(Math.max(bytes, current.size * 2), usage);
  }

  /**
   * A read-back buffer for `bytes`. Runs read each chunk before queuing the next, so one idle buffer
   * is normally there; a too-small one is replaced rather than kept, so the count stays constant.
   */
  staging(bytes: number): GPUBuffer {
    const fits = this.idleStaging.findIndex((b) => b.size >= bytes);
    if (fits >= 0) return this.idleStaging.splice(fits, 1)[0];
    const tooSmall = this.idleStaging.pop();
    if (tooSmall) this.destroy(tooSmall);
    return this.create(Math.max(bytes, 2 * (tooSmall?.size ?? 0)), staging());
  }

  /** Maps a read-back buffer, copies `bytes` out and gives the buffer back for the next chunk. */
  async readBack(staging: GPUBuffer, bytes: number): Promise<Float32Array<ArrayBuffer>> {
    await staging.mapAsync(GPUMapMode.READ, 0, bytes);
    const values = new Float32Array(staging.getMappedRange(0, bytes).slice(0));
    staging.unmap();
    if (this.disposed) this.destroy(staging);
    else this.idleStaging.push(staging);
    return values;
  }

  disposeAll(): void {
    this.disposed = true;
    for (const buffer of [...this.owned]) {
      if (this.idleStaging.includes(buffer) || buffer.mapState === 'unmapped') this.destroy(buffer);
    }
    this.idleStaging.length = 0;
  }
}

/** The chunk's batches back to back, and where each step's batch starts. */
export function packBatches(batches: readonly ArrayLike<number>[]) {
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
  for (let s = 0; s < steps; s++) order.set(batches[s], stepStart[s]);
  return { steps, order, stepStart, largest };
}

/** (x, y) pairs, so a kernel fetches a sample with one load. */
export function interleavedSamples(dataset: Dataset): Float32Array<ArrayBuffer> {
  const n = dataset.x.length;
  const interleaved = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    interleaved[2 * i] = dataset.x[i];
    interleaved[2 * i + 1] = dataset.y[i];
  }
  return interleaved;
}

/** A bind-group layout of buffer bindings 0…n−1 and a pipeline factory over it. */
export function computeLayout(device: GPUDevice, types: GPUBufferBindingType[]) {
  const layout = device.createBindGroupLayout({
    entries: types.map((type, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } })),
  });
  const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
  const pipeline = (code: string) =>
    device.createComputePipeline({
      layout: pipelineLayout,
      compute: { module: device.createShaderModule({ code }), entryPoint: 'main' },
    });
  const bindGroup = (buffers: GPUBuffer[]) =>
    device.createBindGroup({ layout, entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) });
  return { pipeline, bindGroup };
}
