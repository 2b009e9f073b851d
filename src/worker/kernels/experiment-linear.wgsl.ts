// The experiment engine's kernel for Linear(1,1) + MSE + SGD: every run of a grid trains its steps
// of a chunk (src/engine/experiment/chunks.ts) in one dispatch, each run in one invocation, step
// after step in PyTorch's float32 order (the single run's sums, PYTORCH_ORDER_SUMS), so each run's
// losses are the JS float32 engine's (js-engine.ts) bit for bit. Runs are the parallel axis: a grid
// of hundreds of runs fills a GPU's invocations without any barrier; (w, b) of every run stay in a
// GPU buffer from chunk to chunk.
import { FLOAT32_OPS } from './float32-ops.wgsl';
import { PYTORCH_ORDER_SUMS } from './linear-pytorch-order.wgsl';

/** 32-bit words per run of RunSettings and of ChunkRun. */
export const RUN_WORDS = 4;

/**
 * What every experiment kernel shares (the MLP's too, experiment-mlp.wgsl.ts): a run's settings, its
 * part of the chunk, and the walk over its batches as trainChunkFloat32 takes them.
 */
export const EXPERIMENT_RUNS = /* wgsl */ `
// A run's fixed settings: its batch size, steps per epoch, where its dataset starts in samples, −lr.
struct RunSettings { batchSize: u32, stepsPerEpoch: u32, sampleBase: u32, minusLr: f32 }
// A run's part of the chunk: its first step, its step count, where its losses go, where its first
// batch starts in orders.
struct ChunkRun { firstStep: u32, stepCount: u32, lossStart: u32, orderBase: u32 }
// Where a run is in its chunk: the step k of its epoch, and its batch's offset from orderBase.
struct Walk { k: u32, offset: u32 }

fn walkStart(run: RunSettings, part: ChunkRun) -> Walk { return Walk(part.firstStep % run.stepsPerEpoch, 0u); }
// Step k of an epoch reads the batch at k·B of its stream, min(B, N − k·B) samples.
fn batchOf(run: RunSettings, n: u32, w: Walk) -> u32 { return min(run.batchSize, n - w.k * run.batchSize); }
// The next step's batch; the next epoch's stream starts at N.
fn advance(run: RunSettings, n: u32, w: Walk) -> Walk {
  if (w.k + 1u == run.stepsPerEpoch) { return Walk(0u, w.offset + (n - w.k * run.batchSize)); }
  return Walk(w.k + 1u, w.offset + run.batchSize);
}
`;

const EXPERIMENT_COMMON = /* wgsl */ `${EXPERIMENT_RUNS}
// runCount runs; each epoch's stream holds trainSize positions; stride: invocations in the dispatch;
// zero is 0 at run time (float32-ops.wgsl.ts).
struct Settings { runCount: u32, trainSize: u32, stride: u32, zero: u32 }

@group(0) @binding(0) var<storage, read> samples: array<vec2<f32>>;        // every dataset's (x, y), back to back
@group(0) @binding(1) var<storage, read> orders: array<u32>;               // the chunk's index orders, run after run
@group(0) @binding(2) var<storage, read> runs: array<RunSettings>;
@group(0) @binding(3) var<storage, read> chunkRuns: array<ChunkRun>;
@group(0) @binding(4) var<storage, read_write> params: array<vec2<f32>>;   // (w, b) per run
@group(0) @binding(5) var<storage, read_write> losses: array<f32>;         // the chunk's losses, at lossStart
@group(0) @binding(6) var<uniform> settings: Settings;
${FLOAT32_OPS}
struct Step { start: u32, n: u32, w: f32, b: f32, scale: f32, sampleBase: u32 }

fn sampleAt(st: Step, i: u32) -> vec2<f32> { return samples[st.sampleBase + orders[st.start + i]]; }
${PYTORCH_ORDER_SUMS}
// Run r's steps of the chunk, as trainChunkFloat32 takes them.
fn trainRun(r: u32) {
  let run = runs[r];
  let part = chunkRuns[r];
  let n = settings.trainSize;
  var wb = params[r];
  var walk = walkStart(run, part);
  for (var i = 0u; i < part.stepCount; i = i + 1u) {
    let size = batchOf(run, n, walk);
    let st = Step(part.orderBase + walk.offset, size, wb.x, wb.y, div32(2.0, f32(size)), run.sampleBase);
    let sums = cascadeSequential(st);
    let gradW = weightGradient(st);
    losses[part.lossStart + i] = div32(sums.x, f32(size));
    wb = vec2<f32>(fma32(run.minusLr, gradW, wb.x), fma32(run.minusLr, sums.y, wb.y));
    walk = advance(run, n, walk);
  }
  params[r] = wb;
}
`;

/**
 * The kernel with `workgroupSize` invocations per workgroup; invocation i trains runs i, i + stride,
 * … (stride = settings.stride, the dispatch's invocations), so one dispatch of any size covers them all.
 */
export function experimentLinearKernel(workgroupSize: number): string {
  return /* wgsl */ `${EXPERIMENT_COMMON}
@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  for (var r = id.x; r < settings.runCount; r = r + settings.stride) { trainRun(r); }
}
`;
}
