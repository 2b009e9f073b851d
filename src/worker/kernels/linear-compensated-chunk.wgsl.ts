// The small-batch chunk kernels with compensated (Kahan) sums in place of PyTorch's order: the app
// runs linear-pytorch-order.wgsl.ts for every batch up to LARGE_BATCH; these stay for comparisons
// (tests, scripts/kernel-fidelity.mjs), passed to FusedLinearTrainer, so the app's bundle has none.
import type { KernelSchedule } from './fused-linear-trainer';
import { COMMON, KAHAN } from './linear-sgd.wgsl';

/**
 * Small batches: one workgroup runs every step of the chunk in one dispatch, (w, b) in workgroup
 * memory between steps. No dispatch or global-memory round trip per step.
 */
const CHUNK_IN_ONE_WORKGROUP = /* wgsl */ `${COMMON}
var<workgroup> current: vec2<f32>;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(local_invocation_index) tid: u32) {
  if (tid == 0u) { current = vec2<f32>(state.w, state.b); }
  for (var s = 0u; s < settings.steps; s = s + 1u) {
    workgroupBarrier();
    let start = stepStart[s];
    let end = stepStart[s + 1u];
    let w = current.x;
    let b = current.y;
    let scale = gradientScale(end - start);
    var acc = vec3<f32>(0.0);
    for (var p = start + tid; p < end; p = p + WORKGROUP) { acc = acc + terms(samples[order[p]], w, b, scale); }
    sums[tid] = acc;
    reduceWorkgroup(tid);
    if (tid == 0u) {
      current = applyStep(sums[0], end - start, w, b);
      state.step = state.step + 1u;
    }
  }
  workgroupBarrier();
  if (tid == 0u) {
    state.w = current.x;
    state.b = current.y;
    state.step = 0u;
  }
}
`;

/** Software adapters, small batches: one invocation runs the whole chunk, step after step. */
const CHUNK_SEQUENTIAL = /* wgsl */ `${COMMON}${KAHAN}
@compute @workgroup_size(1)
fn main() {
  var wb = vec2<f32>(state.w, state.b);
  for (var s = 0u; s < settings.steps; s = s + 1u) {
    let start = stepStart[s];
    let end = stepStart[s + 1u];
    wb = applyStep(batchSums(start, end, wb.x, wb.y, gradientScale(end - start)), end - start, wb.x, wb.y);
    state.step = state.step + 1u;
  }
  state.w = wb.x;
  state.b = wb.y;
  state.step = 0u;
}
`;

/** The compensated chunk kernel of each schedule. */
export const COMPENSATED_CHUNK: Record<KernelSchedule, string> = {
  parallel: CHUNK_IN_ONE_WORKGROUP,
  sequential: CHUNK_SEQUENTIAL,
};
