// The throughput sweep times one batch size for a short budget, in chunks of steps. One number per
// batch size says nothing of how much it would vary from one timing to the next, so the budget's
// chunks are also read as a few consecutive repeats: the samples per second of each part. Their
// spread (min … max) is what a "fastest batch size" must beat to be called one.

export interface TimedChunk {
  samples: number;
  /** When the chunk ended, in ms since the timed part began (increasing). */
  endMs: number;
}

/**
 * The timed part cut into `repeats` consecutive parts of about equal time: each part's samples per
 * second. The first `settle` of the time (a fraction) is left out: the sweep's chunks start at one
 * step and grow, so its start is slower every time — a ramp, not noise.
 */
export function repeatRates(chunks: readonly TimedChunk[], repeats: number, settle = 0): number[] {
  const total = chunks.at(-1)?.endMs ?? 0;
  if (total <= 0 || repeats < 1) return [];
  let first = 0;
  while (first < chunks.length - 1 && chunks[first].endMs < total * settle) first++;
  const start = first > 0 ? chunks[first - 1].endMs : 0;
  const span = total - start;
  const rates: number[] = [];
  let samples = 0;
  let partStart = start;
  let part = 1;
  const partEnd = (k: number) => start + (span * k) / repeats - 1e-9;
  for (const chunk of chunks.slice(first)) {
    samples += chunk.samples;
    // A part ends with the first chunk that reaches its share of the time; a long chunk may close several.
    if (chunk.endMs >= partEnd(part)) {
      if (chunk.endMs > partStart) rates.push((samples * 1000) / (chunk.endMs - partStart));
      samples = 0;
      partStart = chunk.endMs;
      while (part < repeats && chunk.endMs >= partEnd(part)) part++;
    }
  }
  return rates;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}
