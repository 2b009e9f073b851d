// Words for one mini-batch of the composition chart (its tooltip and the linked views' captions).
// A batch of 65,536 samples cannot be listed, so long lists are cut; the indices of old epochs of
// large runs are not kept at all (state/epoch-orders.ts), and then the text says which positions.
import type { EpochOrders } from '../state/epoch-orders';
import { count } from './numbers';

const LISTED = 6;

/** "[7, 2, 9]", or "[7, 2, 9, …, 4] (65,536 samples)" for long batches. */
export function shortList(indices: ArrayLike<number>): string {
  const n = indices.length;
  if (n <= LISTED) return `[${Array.from(indices).join(', ')}]`;
  const head = Array.from({ length: LISTED - 1 }, (_, j) => indices[j]).join(', ');
  return `[${head}, …, ${indices[n - 1]}] (${count(n)} samples)`;
}

export function batchDescription(orders: EpochOrders, epoch: number, batch: number): string {
  const where = `Epoch ${epoch + 1}, batch ${batch + 1}`;
  const indices = orders.batchIndices(epoch, batch);
  if (indices) return `${where}: ${shortList(indices)}`;
  const start = batch * orders.batchSize;
  const end = start + orders.batchLength(epoch, batch) - 1;
  return (
    `${where}: positions ${count(start)}–${count(end)} of the epoch's order ` +
    `(sample indices are kept for the newest ${orders.keptEpochs} epochs only)`
  );
}
