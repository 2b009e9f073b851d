// The experiment engine on WebGPU for Linear(1,1): every run of a grid trained in one dispatch per
// chunk (experiment-linear.wgsl.ts), each run's (w, b) kept on the GPU between chunks, one read-back
// of the chunk's losses. The plain-JS float32 engine (src/engine/experiment/js-engine.ts) is its
// oracle: each run's losses are the same bits.
import { ExperimentChunker, type ExperimentChunk } from '../../engine/experiment/chunks';
import { storeChunkLosses } from '../../engine/experiment/js-engine';
import type { ExperimentPlan } from '../../engine/experiment/plan';
import { experimentLinearKernel, RUN_WORDS } from './experiment-linear.wgsl';
import type { KernelSchedule } from './fused-linear-trainer';
import { computeLayout, GpuBuffers, interleavedSamples, storage } from './gpu-kit';

/** How a schedule lays the runs out: invocations per workgroup, and workgroups for `runs` runs. */
export interface ExperimentLayout {
  workgroupSize: number;
  workgroups(runs: number): number;
}

/**
 * 'parallel' (hardware GPUs): one invocation per run, in workgroups of 64. 'sequential' (software
 * adapters): 8 workgroups of 4 invocations, each invocation training every 32nd run. SwiftShader
 * runs a workgroup's invocations 4 to a SIMD vector and hands workgroups to its threads: one
 * invocation per workgroup leaves 3 of 4 lanes idle (about twice as slow), and a few long-lived
 * workgroups beat many short ones (docs/performance.md gives the layouts measured).
 */
export const EXPERIMENT_LAYOUTS: Record<KernelSchedule, ExperimentLayout> = {
  parallel: { workgroupSize: 64, workgroups: (runs) => Math.ceil(runs / 64) },
  sequential: { workgroupSize: 4, workgroups: () => 8 },
};

/** At most this many workgroups in one dimension (WebGPU's default limit); more runs loop. */
const MAX_WORKGROUPS = 65_535;

type Kit = ReturnType<typeof computeLayout>;
/**
 * The kernel's pipeline, built once per device and workgroup size and kept as long as the device:
 * SwiftShader compiles it in a few hundred ms, and Dawn reuses a pipeline only while it is alive,
 * so each experiment building its own paid that again whenever the last one had been collected.
 */
type Built = { kit: Kit; pipeline: GPUComputePipeline };
const pipelines = new WeakMap<GPUDevice, Map<string, Built>>();

/** The pipeline of an experiment kernel's source (the linear's or the MLP's, whose bindings are the same). */
function experimentPipeline(device: GPUDevice, source: string) {
  let forDevice = pipelines.get(device);
  if (!forDevice) pipelines.set(device, (forDevice = new Map<string, Built>()));
  let built = forDevice.get(source);
  if (!built) {
    // samples, orders, runs, chunkRuns, params, losses, settings (experiment-linear.wgsl.ts)
    const read: GPUBufferBindingType = 'read-only-storage';
    const kit = computeLayout(device, [read, read, read, read, 'storage', 'storage', 'uniform']);
    built = { kit, pipeline: kit.pipeline(source) };
    forDevice.set(source, built);
  }
  return built;
}

/** What a model's experiment kernel needs besides the plan: its source, and its Settings words after the first four. */
export interface ExperimentKernel {
  source(workgroupSize: number): string;
  settingsTail: readonly number[];
}

export interface ExperimentChunkHandle {
  /** The chunk's validation and out-of-memory errors (null where there were none). */
  errors: Promise<(GPUError | null)[]>;
  staging: GPUBuffer;
  lossCount: number;
}

/** Every run of a plan on the GPU, one dispatch per chunk; the model's kernel is the subclass's. */
export class GpuExperiment {
  private readonly buffers: GpuBuffers;
  private readonly samples: GPUBuffer;
  private readonly runs: GPUBuffer;
  private readonly params: GPUBuffer;
  private readonly settings: GPUBuffer;
  private orders: GPUBuffer;
  private chunkRuns: GPUBuffer;
  private losses: GPUBuffer;
  private readonly kit: Kit;
  private readonly pipeline: GPUComputePipeline;
  private readonly workgroups: number;
  private bindGroup: GPUBindGroup | null = null;
  /** Per run: where its first step of a chunk starts in the stream, from its first step. */
  private readonly startOf: (run: number, step: number) => number;

  constructor(
    private readonly device: GPUDevice,
    plan: ExperimentPlan,
    readonly schedule: KernelSchedule,
    layout: ExperimentLayout,
    kernel: ExperimentKernel,
  ) {
    const runCount = plan.runs.length;
    const n = plan.trainSize;
    this.startOf = (r, step) => {
      const spe = plan.stepsPerEpoch[r];
      return Math.floor(step / spe) * n + (step % spe) * plan.runs[r].batchSize;
    };
    // Checked before any buffer is made, so a refused plan leaves none behind.
    this.fits(8 * plan.datasets.reduce((sum, d) => sum + d.x.length, 0), 'the samples');
    const buffers = (this.buffers = new GpuBuffers(device));
    const { queue } = device;

    const sampleBase = new Uint32Array(plan.datasets.length);
    let total = 0;
    plan.datasets.forEach((d, i) => {
      sampleBase[i] = total;
      total += d.x.length;
    });
    const samples = new Float32Array(2 * total);
    plan.datasets.forEach((d, i) => samples.set(interleavedSamples(d), 2 * sampleBase[i]));
    this.samples = buffers.create(samples.byteLength, storage());
    queue.writeBuffer(this.samples, 0, samples);

    const runs = new ArrayBuffer(runCount * RUN_WORDS * 4);
    const words = new Uint32Array(runs);
    const floats = new Float32Array(runs);
    plan.runs.forEach((run, r) => {
      words.set([run.batchSize, plan.stepsPerEpoch[r], sampleBase[plan.datasetOfRun[r]]], r * RUN_WORDS);
      floats[r * RUN_WORDS + 3] = -Math.fround(run.learningRate);
    });
    this.runs = buffers.create(runs.byteLength, storage());
    queue.writeBuffer(this.runs, 0, runs);

    // Every run's parameters in its model's state_dict order, as the plan holds them.
    this.params = buffers.create(plan.initialParameters.byteLength, storage());
    queue.writeBuffer(this.params, 0, plan.initialParameters);

    this.workgroups = Math.min(MAX_WORKGROUPS, Math.max(1, layout.workgroups(runCount)));
    const settings = new Uint32Array(4 * Math.ceil((4 + kernel.settingsTail.length) / 4)); // 16-byte multiple
    settings.set([runCount, n, this.workgroups * layout.workgroupSize, 0, ...kernel.settingsTail]);
    this.settings = buffers.create(settings.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    queue.writeBuffer(this.settings, 0, settings);

    this.orders = buffers.create(4, storage());
    this.chunkRuns = buffers.create(runCount * RUN_WORDS * 4, storage());
    this.losses = buffers.create(4, storage() | GPUBufferUsage.COPY_SRC);
    ({ kit: this.kit, pipeline: this.pipeline } = experimentPipeline(device, kernel.source(layout.workgroupSize)));
  }

  /** Queues the chunk's steps of every run; read() the handle for its losses. */
  enqueue(chunk: ExperimentChunk): ExperimentChunkHandle {
    if (this.buffers.disposed) throw new Error(`${this.constructor.name}: used after dispose()`);
    const runCount = chunk.runCount;
    const lossCount = chunk.lossStart[runCount];
    const chunkRuns = new Uint32Array(runCount * RUN_WORDS);
    for (let r = 0; r < runCount; r++) {
      // Where the first step's batch is in orders (trainChunkFloat32's orderStart + position − orderFrom).
      const base =
        chunk.stepCount[r] === 0 ? 0 : chunk.orderStart[r] + this.startOf(r, chunk.firstStep[r]) - chunk.orderFrom[r];
      chunkRuns.set([chunk.firstStep[r], chunk.stepCount[r], chunk.lossStart[r], base], r * RUN_WORDS);
    }
    this.fits(chunk.orders.byteLength, "a chunk's orders");
    this.fits(lossCount * 4, "a chunk's losses");
    // WebGPU reports an invalid binding or a failed allocation later and by no exception: the submit
    // does nothing and the read-back holds stale numbers. The scopes make read() reject instead.
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
    this.ensureCapacity(chunk.orders.byteLength, lossCount * 4);
    const { queue } = this.device;
    queue.writeBuffer(this.orders, 0, chunk.orders);
    queue.writeBuffer(this.chunkRuns, 0, chunkRuns);

    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(this.workgroups);
    pass.end();
    const staging = this.buffers.staging(lossCount * 4);
    if (lossCount > 0) encoder.copyBufferToBuffer(this.losses, 0, staging, 0, lossCount * 4);
    queue.submit([encoder.finish()]);
    const errors = Promise.all([this.device.popErrorScope(), this.device.popErrorScope()]);
    return { staging, lossCount, errors };
  }

  /** The chunk's losses, run after run at chunk.lossStart; rejects when the GPU refused the chunk. */
  async read({ staging, lossCount, errors }: ExperimentChunkHandle): Promise<Float32Array> {
    const losses = await this.buffers.readBack(staging, lossCount * 4);
    const error = (await errors).find((e) => e !== null);
    if (error) throw new Error(`the GPU refused a chunk: ${error.message}`);
    return losses;
  }

  /** Throws when `bytes` exceed what one storage binding may hold on this device. */
  private fits(bytes: number, what: string): void {
    const limit = this.device.limits.maxStorageBufferBindingSize;
    if (bytes > limit) throw new Error(`${what} need ${bytes} bytes; this GPU binds at most ${limit}`);
  }

  dispose(): void {
    this.buffers.disposeAll();
  }

  /** Grows the per-chunk buffers (never shrinks) and rebuilds the bind group when one changed. */
  private ensureCapacity(orderBytes: number, lossBytes: number) {
    const before = [this.orders, this.losses];
    this.orders = this.buffers.grow(this.orders, orderBytes, storage());
    this.losses = this.buffers.grow(this.losses, lossBytes, storage() | GPUBufferUsage.COPY_SRC);
    if (this.bindGroup && before[0] === this.orders && before[1] === this.losses) return;
    this.bindGroup = this.kit.bindGroup([
      this.samples,
      this.orders,
      this.runs,
      this.chunkRuns,
      this.params,
      this.losses,
      this.settings,
    ]);
  }
}

export class GpuLinearExperiment extends GpuExperiment {
  constructor(
    device: GPUDevice,
    plan: ExperimentPlan,
    schedule: KernelSchedule,
    /** Measurements only (the app passes none): another layout of the runs than the schedule's. */
    layout: ExperimentLayout = EXPERIMENT_LAYOUTS[schedule],
  ) {
    if (plan.model.kind !== 'linear')
      throw new Error(`GpuLinearExperiment trains the linear model only, not '${plan.model.kind}'`);
    super(device, plan, schedule, layout, { source: experimentLinearKernel, settingsTail: [] });
  }
}

/** Every run of the plan on the GPU, chunk after chunk of `workPerChunk` sample visits: all step losses. */
export async function trainExperimentGpu(
  device: GPUDevice,
  plan: ExperimentPlan,
  schedule: KernelSchedule,
  workPerChunk = 1e5,
  /** The engine for the plan's model: the linear one unless given. */
  engineOf: (device: GPUDevice, plan: ExperimentPlan, schedule: KernelSchedule) => GpuExperiment = (d, p, s) =>
    new GpuLinearExperiment(d, p, s),
): Promise<Float32Array> {
  const engine = engineOf(device, plan, schedule);
  try {
    const losses = new Float32Array(plan.stepOffset[plan.runs.length]);
    const chunker = new ExperimentChunker(plan, workPerChunk);
    // One chunk queued ahead, so the GPU trains it while the last one's losses are read and stored.
    type Queued = [ExperimentChunk, ExperimentChunkHandle] | null;
    let queued: Queued = null;
    for (let chunk = chunker.next(); chunk || queued; chunk = chunker.next()) {
      const next: Queued = chunk ? [chunk, engine.enqueue(chunk)] : null;
      if (queued) storeChunkLosses(plan, queued[0], await engine.read(queued[1]), losses);
      queued = next;
    }
    return losses;
  } finally {
    engine.dispose();
  }
}
