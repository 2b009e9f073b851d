// The experiment engine in plain-JS float32: each run's steps in PyTorch's operation order, as the
// single run's float32 reference takes them (reference.ts), so each run's losses are that run's,
// bit for bit. It is what WebGL and CPU pages run, and the floor the GPU engine is measured against.
// The linear model's step reuses its scratch arrays (no allocation per sample); the MLP's is the
// reference's own step.
import type { Dataset } from '../datasets';
import { cascadeSum32, fma32 } from '../float32';
import { mlpStepFloat32 } from '../mlp-reference';
import { ExperimentChunker, type ExperimentChunk } from './chunks';
import type { ExperimentPlan } from './plan';

/** Scratch arrays a linear step reuses, grown to the largest batch. */
class LinearScratch {
  diffs = new Float64Array(0);
  squares = new Float64Array(0);
  grads = new Float64Array(0);
  ensure(n: number) {
    if (this.diffs.length >= n) return;
    this.diffs = new Float64Array(n);
    this.squares = new Float64Array(n);
    this.grads = new Float64Array(n);
  }
}

/** sgdStepFloat32 of reference.ts over order[start, start + n): writes (w, b) after it into params[at…], returns the loss. */
function linearStep(
  dataset: Dataset,
  order: Int32Array,
  start: number,
  n: number,
  params: Float32Array,
  at: number,
  minusLr: number,
  scratch: LinearScratch,
): number {
  const r = Math.fround;
  const { x, y } = dataset;
  const w = params[at];
  const b = params[at + 1];
  scratch.ensure(n);
  const squares = scratch.squares.subarray(0, n);
  const grads = scratch.grads.subarray(0, n);
  const scale = r(2 / n);
  let gradW = 0;
  for (let k = 0; k < n; k++) {
    const i = order[start + k];
    const d = r(r(r(x[i] * w) + b) - y[i]);
    squares[k] = r(d * d);
    const g = r(scale * d);
    grads[k] = g;
    gradW = r(gradW + r(g * x[i]));
  }
  const loss = r(cascadeSum32(squares) / n);
  params[at] = fma32(minusLr, gradW, w);
  params[at + 1] = fma32(minusLr, cascadeSum32(grads), b);
  return loss;
}

/**
 * Trains runs first … first + count − 1 of `chunk` from and into `params` (every run's current
 * parameters, plan.parameterCount each), writing each step's loss at chunk.lossStart in `losses`.
 */
export function trainChunkFloat32(
  plan: ExperimentPlan,
  params: Float32Array,
  chunk: ExperimentChunk,
  losses: Float32Array,
  first = 0,
  count = chunk.runCount,
): void {
  const n = plan.trainSize;
  const p = plan.parameterCount;
  const scratch = new LinearScratch();
  for (let r = first; r < first + count; r++) {
    const { batchSize, learningRate } = plan.runs[r];
    const dataset = plan.datasets[plan.datasetOfRun[r]];
    const spe = plan.stepsPerEpoch[r];
    const minusLr = -Math.fround(learningRate);
    let out = chunk.lossStart[r];
    for (let s = chunk.firstStep[r], last = s + chunk.stepCount[r]; s < last; s++) {
      const k = s % spe;
      const position = Math.floor(s / spe) * n + k * batchSize;
      const start = chunk.orderStart[r] + (position - chunk.orderFrom[r]);
      const size = Math.min(batchSize, n - k * batchSize);
      if (plan.model.kind === 'linear') {
        losses[out++] = linearStep(dataset, chunk.orders, start, size, params, r * p, minusLr, scratch);
      } else {
        const { hiddenUnits, activation } = plan.model;
        const before = params.subarray(r * p, (r + 1) * p);
        const batch = chunk.orders.subarray(start, start + size);
        const step = mlpStepFloat32(dataset, batch, before, hiddenUnits, activation, learningRate);
        before.set(step.parameters);
        losses[out++] = step.loss;
      }
    }
  }
}

/** Copies a chunk's losses into the experiment's (every run's steps back to back, ExperimentPlan.stepOffset). */
export function storeChunkLosses(
  plan: ExperimentPlan,
  chunk: ExperimentChunk,
  chunkLosses: Float32Array,
  all: Float32Array,
) {
  for (let r = 0; r < chunk.runCount; r++) {
    const own = chunkLosses.subarray(chunk.lossStart[r], chunk.lossStart[r + 1]);
    all.set(own, plan.stepOffset[r] + chunk.firstStep[r]);
  }
}

/** Every run of the plan, chunk after chunk of `workPerChunk` sample visits: all step losses. */
export function trainExperimentFloat32(plan: ExperimentPlan, workPerChunk = 1e5): Float32Array {
  const params = plan.initialParameters.slice();
  const losses = new Float32Array(plan.stepOffset[plan.runs.length]);
  const chunker = new ExperimentChunker(plan, workPerChunk);
  for (let chunk = chunker.next(); chunk; chunk = chunker.next()) {
    const chunkLosses = new Float32Array(chunk.lossStart[chunk.runCount]);
    trainChunkFloat32(plan, params, chunk, chunkLosses);
    storeChunkLosses(plan, chunk, chunkLosses, losses);
  }
  return losses;
}
