// What SGD sees under a validation split: the training samples only. The loss surface, the
// gradient noise and the CSV's noise columns are those of this set — a held-out sample is in no
// batch, so it belongs to neither the full-data gradient G nor any mini-batch gradient. The
// samples keep their index order; `positionOf` maps an original index (what batches list) to its
// place here.
export interface TrainingSet {
  x: Float32Array;
  y: Float32Array;
  /** Original sample index → its position in x and y, −1 for a held-out sample; null when none is. */
  positionOf: Int32Array | null;
}

// One subset per data and split: the noise figure asks on every picture, the CSV once per file.
const cache = new WeakMap<Float32Array, { heldOut: ArrayLike<number> | null; set: TrainingSet }>();

export function trainingSet(x: Float32Array, y: Float32Array, heldOut: ArrayLike<number> | null): TrainingSet {
  if (!heldOut || heldOut.length === 0) return { x, y, positionOf: null };
  const known = cache.get(x);
  if (known && known.heldOut === heldOut) return known.set;
  const positionOf = new Int32Array(x.length);
  for (let i = 0; i < heldOut.length; i++) positionOf[heldOut[i]] = -1;
  const kept = x.length - heldOut.length;
  const tx = new Float32Array(kept);
  const ty = new Float32Array(kept);
  let at = 0;
  for (let i = 0; i < x.length; i++) {
    if (positionOf[i] === -1) continue;
    positionOf[i] = at;
    tx[at] = x[i];
    ty[at] = y[i];
    at++;
  }
  const set = { x: tx, y: ty, positionOf };
  cache.set(x, { heldOut, set });
  return set;
}

/** A batch's original indices as positions in the training set (the batches never hold a held-out one). */
export function batchPositions(batch: Int32Array, set: TrainingSet): Int32Array {
  const { positionOf } = set;
  return positionOf ? batch.map((i) => positionOf[i]) : batch.slice();
}
