// The experiment engine in plain-JS float32: each run's steps in PyTorch's operation order, as the
// single run's float32 reference takes them (reference.ts), so each run's losses are that run's,
// bit for bit. It is what WebGL and CPU pages run, and the floor the GPU engine is measured against.
// The linear model's step reuses its scratch arrays (no allocation per sample); the MLP's is the
// reference's own step.
import type { Dataset } from '../datasets';
import { cascadeSum32, fma32 } from '../float32';
import { mlpStepFloat32 } from '../mlp-reference';
import type { ExperimentPlan } from './plan';

/** Where each run of a chunk writes its losses: run-major, each run's steps of the chunk's epochs in order. */
export function chunkLossOffsets(plan: ExperimentPlan, firstRun: number, runCount: number, epochs: number) {
  const offsets = new Float64Array(runCount + 1);
  for (let i = 0; i < runCount; i++) offsets[i + 1] = offsets[i] + plan.stepsPerEpoch[firstRun + i] * epochs;
  return offsets;
}

/** The chunk's epoch orders, run-major: run i's epoch e at (i·epochs + e)·trainSize. */
export function packOrders(plan: ExperimentPlan, firstRun: number, runCount: number, epochs: number): Int32Array {
  const n = plan.trainSize;
  const orders = new Int32Array(runCount * epochs * n);
  for (let i = 0; i < runCount; i++)
    for (let e = 0; e < epochs; e++) orders.set(plan.nextEpochOrder(firstRun + i), (i * epochs + e) * n);
  return orders;
}

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
  const diffs = scratch.diffs.subarray(0, n);
  const squares = scratch.squares.subarray(0, n);
  const grads = scratch.grads.subarray(0, n);
  const scale = r(2 / n);
  let gradW = 0;
  for (let k = 0; k < n; k++) {
    const i = order[start + k];
    const d = r(r(r(x[i] * w) + b) - y[i]);
    diffs[k] = d;
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
 * Trains runs firstRun … firstRun + runCount − 1 through the chunk's `epochs`, from and into
 * `params` (every run's current parameters, plan.parameterCount each), writing each step's loss at
 * chunkLossOffsets' place in `losses`.
 */
export function trainChunkFloat32(
  plan: ExperimentPlan,
  params: Float32Array,
  firstRun: number,
  runCount: number,
  epochs: number,
  orders: Int32Array,
  losses: Float32Array,
): void {
  const n = plan.trainSize;
  const p = plan.parameterCount;
  const scratch = new LinearScratch();
  let out = 0;
  for (let i = 0; i < runCount; i++) {
    const r = firstRun + i;
    const run = plan.runs[r];
    const dataset = plan.datasets[plan.datasetOfRun[r]];
    const steps = plan.stepsPerEpoch[r];
    const minusLr = -Math.fround(run.learningRate);
    for (let e = 0; e < epochs; e++) {
      const epochStart = (i * epochs + e) * n;
      for (let k = 0; k < steps; k++) {
        const start = epochStart + k * run.batchSize;
        const size = Math.min(run.batchSize, n - k * run.batchSize);
        if (plan.model.kind === 'linear') {
          losses[out++] = linearStep(dataset, orders, start, size, params, r * p, minusLr, scratch);
        } else {
          const { hiddenUnits, activation } = plan.model;
          const batch = orders.subarray(start, start + size);
          const before = params.subarray(r * p, (r + 1) * p);
          const step = mlpStepFloat32(dataset, batch, before, hiddenUnits, activation, run.learningRate);
          before.set(step.parameters);
          losses[out++] = step.loss;
        }
      }
    }
  }
}

/** Every run of the plan, every epoch, `epochsPerChunk` at a time: all step losses, as ExperimentResults holds them. */
export function trainExperimentFloat32(plan: ExperimentPlan, epochsPerChunk = plan.epochs): Float32Array {
  const runs = plan.runs.length;
  const params = plan.initialParameters.slice();
  const losses = new Float32Array(plan.stepOffset[runs]);
  for (let first = 0; first < plan.epochs; first += epochsPerChunk) {
    const epochs = Math.min(epochsPerChunk, plan.epochs - first);
    const orders = packOrders(plan, 0, runs, epochs);
    const offsets = chunkLossOffsets(plan, 0, runs, epochs);
    const chunk = new Float32Array(offsets[runs]);
    trainChunkFloat32(plan, params, 0, runs, epochs, orders, chunk);
    for (let r = 0; r < runs; r++) {
      const done = plan.stepsPerEpoch[r] * first;
      losses.set(chunk.subarray(offsets[r], offsets[r + 1]), plan.stepOffset[r] + done);
    }
  }
  return losses;
}
