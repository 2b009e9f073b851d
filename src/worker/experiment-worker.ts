// The experiment engine's worker: it plans a grid (every run as its single run), trains all runs
// together — on a WebGPU device of its own in the fused kernels, else in the plain-JS float32 loop —
// and sends every run's losses and summary back. It holds no tfjs: its bundle is a few kilobytes,
// and the single run's worker goes on as it is while an experiment trains.
import { planExperiment, type ExperimentPlan } from '../engine/experiment/plan';
import { summarizeExperiment } from '../engine/experiment/results';
import type { RunConfig } from '../engine/config';
import type { ExperimentSpec } from '../engine/experiment/spec';
import type { ExperimentEngineInfo, FromExperimentWorker, ToExperimentWorker } from '../protocol';
import { assertNever } from '../protocol';
import { driveExperiment, jsChunkEngine, type ChunkEngine } from './experiment-driver';
import { GpuLinearExperiment, type GpuExperiment } from './kernels/gpu-experiment';
import { GpuMlpExperiment, gpuMlpExperimentFits } from './kernels/gpu-mlp-experiment';
import { scheduleFor } from './kernels/schedule';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromExperimentWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

/** The experiment under way, and whether it was cancelled. */
let current: { id: number; cancelled: boolean } | null = null;
let device: Promise<GPUDevice | null> | null = null;

/** One device for the worker's life: requested on the first experiment that can use it. */
function gpuDevice(): Promise<GPUDevice | null> {
  device ??= (async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const d = await adapter.requestDevice();
    // A lost device (a driver reset) is asked for again by the next experiment.
    void d.lost.then(() => {
      device = null;
    });
    return d;
  })().catch(() => null);
  return device;
}

function describeAdapter(d: GPUDevice): string {
  const info = (d as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  if (!info) return 'WebGPU';
  return [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'WebGPU';
}

async function engineFor(
  plan: ExperimentPlan,
  base: RunConfig,
): Promise<{ engine: ChunkEngine; info: ExperimentEngineInfo }> {
  const js = (why: Extract<ExperimentEngineInfo, { kind: 'js' }>['why']) => ({
    engine: jsChunkEngine(plan),
    info: { kind: 'js', why } as const,
  });
  if (base.backend === 'webgl' || base.backend === 'cpu') return js('backend');
  // Wider MLPs than the kernel's arrays hold (none the app's limits allow) train in JS.
  if (plan.model.kind === 'mlp' && !gpuMlpExperimentFits(plan)) return js('mlp');
  const d = await gpuDevice();
  if (!d) return js('no-webgpu');
  try {
    const schedule = scheduleFor(d);
    const gpu: GpuExperiment =
      plan.model.kind === 'mlp' ? new GpuMlpExperiment(d, plan, schedule) : new GpuLinearExperiment(d, plan, schedule);
    const engine: ChunkEngine = {
      train: (chunk) => gpu.read(gpu.enqueue(chunk)),
      dispose: () => gpu.dispose(),
    };
    return { engine, info: { kind: 'webgpu', adapter: describeAdapter(d), schedule } };
  } catch {
    return js('gpu-failed');
  }
}

/** Trains the plan on `engine` to its end (null when cancelled); the engine is disposed either way. */
async function drive(id: number, job: { cancelled: boolean }, plan: ExperimentPlan, engine: ChunkEngine) {
  try {
    return await driveExperiment(plan, engine, {
      stopped: () => job.cancelled,
      onProgress: (fraction) => post({ type: 'experiment-progress', id, fraction }),
      now: () => performance.now(),
    });
  } finally {
    engine.dispose();
  }
}

async function run(id: number, base: RunConfig, spec: ExperimentSpec): Promise<void> {
  const job = { id, cancelled: false };
  current = job;
  const started = performance.now();
  try {
    let plan = planExperiment(base, spec);
    const { engine, info } = await engineFor(plan, base);
    const steps = plan.stepOffset[plan.runs.length];
    post({ type: 'experiment-started', id, engine: info, runs: plan.runs.length, steps });
    let losses: Float32Array | null;
    try {
      losses = await drive(id, job, plan, engine);
    } catch (e) {
      if (info.kind !== 'webgpu') throw e;
      // The GPU refused a chunk (a binding beyond its limits, memory, a lost device): the same runs,
      // planned afresh, in the plain-JS loop, and the page says so.
      plan = planExperiment(base, spec);
      post({
        type: 'experiment-started',
        id,
        engine: { kind: 'js', why: 'gpu-failed' },
        runs: plan.runs.length,
        steps,
      });
      losses = await drive(id, job, plan, jsChunkEngine(plan));
    }
    if (!losses) {
      post({ type: 'experiment-cancelled', id });
      return;
    }
    const results = summarizeExperiment(
      plan.runs,
      losses,
      plan.stepOffset,
      plan.stepsPerEpoch,
      plan.epochs,
      spec.targetLoss,
    );
    post({ type: 'experiment-done', id, results, elapsedMs: performance.now() - started }, [losses.buffer]);
  } catch (e) {
    post({ type: 'experiment-error', id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    if (current === job) current = null;
  }
}

scope.onmessage = (event: MessageEvent<ToExperimentWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'experiment':
      // A new experiment ends the one under way (its cancel is sent first by the client anyway).
      if (current) current.cancelled = true;
      void run(message.id, message.base, message.spec);
      break;
    case 'cancel-experiment':
      if (current?.id === message.id) current.cancelled = true;
      else post({ type: 'experiment-cancelled', id: message.id });
      break;
    default:
      assertNever(message);
  }
};
