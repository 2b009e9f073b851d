// The experiment engine's kernel for the MLP nn.Sequential(Linear(1, h), act, Linear(h, 1)) + MSE +
// SGD: every run of a grid trains its steps of a chunk in one dispatch, each run in one invocation,
// each step the single run's fused MLP step (mlp-sgd.wgsl.ts, mlpStepFunctions) operation by
// operation, so each run's losses are FusedMlpTrainer's bit for bit. A run's 3h + 1 parameters
// (state_dict order) stay in a GPU buffer from chunk to chunk, run after run.
import { EXPERIMENT_RUNS } from './experiment-linear.wgsl';
import { FLOAT32_OPS } from './float32-ops.wgsl';
import { mlpStepFunctions } from './mlp-sgd.wgsl';

/**
 * The kernel with `workgroupSize` invocations per workgroup and gradient arrays of `capacity` ≥ h
 * floats per invocation; invocation i trains runs i, i + stride, … as the linear experiment kernel.
 */
export function experimentMlpKernel(workgroupSize: number, capacity: number): string {
  return /* wgsl */ `${EXPERIMENT_RUNS}
// As the linear experiment's Settings, with the MLP's hidden width and activation (ACTIVATION_CODES).
struct Settings { runCount: u32, trainSize: u32, stride: u32, zero: u32, hidden: u32, activation: u32 }

@group(0) @binding(0) var<storage, read> samples: array<vec2<f32>>;        // every dataset's (x, y), back to back
@group(0) @binding(1) var<storage, read> orders: array<u32>;               // the chunk's index orders, run after run
@group(0) @binding(2) var<storage, read> runs: array<RunSettings>;
@group(0) @binding(3) var<storage, read> chunkRuns: array<ChunkRun>;
@group(0) @binding(4) var<storage, read_write> params: array<f32>;         // 3h + 1 per run
@group(0) @binding(5) var<storage, read_write> losses: array<f32>;         // the chunk's losses, at lossStart
@group(0) @binding(6) var<uniform> settings: Settings;
${FLOAT32_OPS}
var<private> sampleBase: u32; // the dataset of the run being trained
fn fetchSample(p: u32) -> vec2<f32> { return samples[sampleBase + orders[p]]; }
${mlpStepFunctions(capacity)}
fn trainRun(r: u32) {
  let run = runs[r];
  let part = chunkRuns[r];
  let n = settings.trainSize;
  sampleBase = run.sampleBase;
  let pb = r * (3u * settings.hidden + 1u);
  var walk = walkStart(run, part);
  for (var i = 0u; i < part.stepCount; i = i + 1u) {
    let start = part.orderBase + walk.offset;
    losses[part.lossStart + i] = mlpStep(start, start + batchOf(run, n, walk), pb, run.minusLr);
    walk = advance(run, n, walk);
  }
}

@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  for (var r = id.x; r < settings.runCount; r = r + settings.stride) { trainRun(r); }
}
`;
}
