// Drives an experiment chunk after chunk on one engine (the GPU kernels or the plain-JS loop): each
// chunk's work is sized from how long the last one took, so a chunk lasts about CHUNK_MS whatever
// the machine, and a cancel (read between two chunks) is answered within one of them.
import { ExperimentChunker, type ExperimentChunk } from '../engine/experiment/chunks';
import { storeChunkLosses, trainChunkFloat32 } from '../engine/experiment/js-engine';
import type { ExperimentPlan } from '../engine/experiment/plan';

/** How long a chunk should take: short enough that a cancel is answered well within 100 ms. */
export const CHUNK_MS = 30;
/** The first chunk's sample visits, before any has been timed. */
const FIRST_WORK = 2 ** 13;
/** A chunk's work grows at most this much from one to the next (the first ones include compiling). */
const MAX_GROWTH = 4;

export interface ChunkEngine {
  /** The chunk's losses, in chunk.lossStart's layout. */
  train(chunk: ExperimentChunk): Promise<Float32Array>;
  dispose(): void;
}

/** The plain-JS float32 engine: each chunk in one go, then a task boundary so messages are read. */
export function jsChunkEngine(plan: ExperimentPlan): ChunkEngine {
  const params = plan.initialParameters.slice();
  return {
    async train(chunk) {
      const losses = new Float32Array(chunk.lossStart[chunk.runCount]);
      trainChunkFloat32(plan, params, chunk, losses);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return losses;
    },
    dispose() {},
  };
}

export interface DriveOptions {
  /** True once the experiment is cancelled: checked between chunks. */
  stopped(): boolean;
  onProgress(fraction: number): void;
  now(): number;
  chunkMs?: number;
}

/** Every run's step losses (ExperimentPlan.stepOffset's layout), or null when stopped first. */
export async function driveExperiment(
  plan: ExperimentPlan,
  engine: ChunkEngine,
  options: DriveOptions,
): Promise<Float32Array | null> {
  const target = options.chunkMs ?? CHUNK_MS;
  const losses = new Float32Array(plan.stepOffset[plan.runs.length]);
  let work = FIRST_WORK;
  const chunker = new ExperimentChunker(plan, work);
  while (!chunker.done) {
    if (options.stopped()) return null;
    const started = options.now();
    const chunk = chunker.next()!;
    storeChunkLosses(plan, chunk, await engine.train(chunk), losses);
    const took = Math.max(options.now() - started, 0.1);
    work = Math.max(plan.runs.length, Math.round(work * Math.min(MAX_GROWTH, target / took)));
    chunker.setWork(work);
    options.onProgress(chunker.progress);
  }
  return options.stopped() ? null : losses;
}
