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

/**
 * Words for one sample of one epoch by sample: the batch it went into, or that no batch holds it
 * (not drawn, with replacement; left out, by drop_last), or every batch of a repeat. `batches`:
 * its batches in the epoch (0-based), null when the epoch's indices are no longer kept.
 */
export function sampleDescription(
  batches: readonly number[] | null,
  where: { sample: number; epoch: number; replacement: boolean; heldOut?: boolean; keptEpochs: number },
  i18n: I18n = EN,
): string {
  const params = { sample: where.sample, epoch: where.epoch + 1 };
  if (where.heldOut) return i18n.t('batch.sampleHeldOut', params);
  if (!batches) return i18n.t('batch.sampleUnknown', { ...params, kept: where.keptEpochs });
  if (batches.length === 0) return i18n.t(where.replacement ? 'batch.sampleNotDrawn' : 'batch.sampleLeftOut', params);
  if (batches.length === 1) return i18n.t('batch.sampleIn', { ...params, batch: batches[0] + 1 });
  const list = new Intl.ListFormat(i18n.locale, { type: 'conjunction', style: 'narrow' });
  return i18n.t('batch.sampleRepeated', {
    ...params,
    count: batches.length,
    batches: list.format(batches.map((k) => String(k + 1))),
  });
}
