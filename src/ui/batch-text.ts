// Words for one mini-batch of the composition chart (its tooltip and the linked views' captions).
// A batch of 65,536 samples cannot be listed, so long lists are cut; the indices of old epochs of
// large runs are not kept at all (state/epoch-orders.ts), and then the text says which positions.
import { EN, type I18n } from '../i18n/translate';
import type { EpochOrders } from '../state/epoch-orders';

const LISTED = 6;

/** "[7, 2, 9]", or "[7, 2, 9, …, 4] (65,536 samples)" for long batches. */
export function shortList(indices: ArrayLike<number>, i18n: I18n = EN): string {
  const n = indices.length;
  if (n <= LISTED) return `[${Array.from(indices).join(', ')}]`;
  const head = Array.from({ length: LISTED - 1 }, (_, j) => indices[j]).join(', ');
  return i18n.t('batch.longList', { list: `[${head}, …, ${indices[n - 1]}]`, count: i18n.count(n) });
}

export function batchDescription(orders: EpochOrders, epoch: number, batch: number, i18n: I18n = EN): string {
  const where = i18n.t('batch.where', { epoch: epoch + 1, batch: batch + 1 });
  const indices = orders.batchIndices(epoch, batch);
  if (indices) return i18n.t('batch.listed', { where, list: shortList(indices, i18n) });
  const start = batch * orders.batchSize;
  const end = start + orders.batchLength(epoch, batch) - 1;
  return i18n.t('batch.positions', { where, start: i18n.count(start), end: i18n.count(end), kept: orders.keptEpochs });
}
