// Datasets are plain float32 columns: x is the input feature, y the label, both of length N.

export interface Dataset {
  name: string;
  /** float32 values, exactly what a torch.float32 tensor would hold. */
  x: Float32Array;
  y: Float32Array;
}

/** The tutorial's data: x = 1..10, y = 2·x. */
export function tutorialDataset(): Dataset {
  const n = 10;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i + 1;
    y[i] = 2 * (i + 1);
  }
  return { name: 'tutorial', x, y };
}
