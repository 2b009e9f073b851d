// By sample, the batch pointed at in another chart (a step of the loss chart) is marked in its
// epoch's row: every column that holds at least one of its samples. Columns as in ColumnSummary:
// column c holds samples floor(c·N/columns) up to the next column's first. O(batch), whatever N.

/** The column of `columns` over N samples that holds sample i. */
export function columnOfSample(i: number, columns: number, datasetSize: number): number {
  if (columns >= datasetSize) return i;
  // The last c with floor(c·N/columns) ≤ i, i.e. c < (i + 1)·columns/N.
  return Math.ceil(((i + 1) * columns) / datasetSize) - 1;
}

/** 1 for each column holding at least one of `samples` (0-based indices below N), else 0. */
export function markedColumns(samples: Int32Array, columns: number, datasetSize: number): Uint8Array {
  const width = Math.min(columns, datasetSize);
  const marks = new Uint8Array(Math.max(width, 0));
  for (let j = 0; j < samples.length; j++) {
    const s = samples[j];
    if (s >= 0 && s < datasetSize) marks[columnOfSample(s, width, datasetSize)] = 1;
  }
  return marks;
}

/** How many different samples `samples` holds (a batch drawn with replacement may repeat one). */
export function distinctSamples(samples: Int32Array, datasetSize: number): number {
  const seen = new Uint8Array(datasetSize);
  let count = 0;
  for (let j = 0; j < samples.length; j++) {
    const s = samples[j];
    if (s >= 0 && s < datasetSize && seen[s] === 0) {
      seen[s] = 1;
      count++;
    }
  }
  return count;
}
