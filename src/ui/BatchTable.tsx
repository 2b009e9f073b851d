// The batch composition as a table (screen readers, reading numbers aloud in class): the last few
// epochs, for datasets small enough that a cell per batch can be read — not 1,000,000 indices.
import { memo } from 'react';
import { formatBatch } from '../engine/format';
import { useI18n } from '../i18n/react';
import type { EpochOrders } from '../state/epoch-orders';

/** Epochs listed as text; long runs list their last ones only. */
export const TABLE_EPOCHS = 20;
/** Above this many samples the table would be a wall of numbers (and a slow page). */
export const TABLE_MAX_SAMPLES = 1000;

interface Props {
  batches: EpochOrders;
  epochs: number;
  datasetSize: number;
}

/** The newest epochs' mini-batches as text, under a native disclosure labelled "Show as table". */
export const BatchTable = memo(function BatchTable({ batches, epochs, datasetSize }: Props) {
  const { t, tp, count } = useI18n();
  const first = Math.max(0, epochs - TABLE_EPOCHS);
  const rows = Array.from({ length: epochs - first }, (_, i) => first + i);
  const columns = epochs > 0 ? batches.batchCount(epochs - 1) : 0;
  return (
    <details className="batch-table">
      <summary>{t('table.show')}</summary>
      {datasetSize > TABLE_MAX_SAMPLES ? (
        <p>{t('table.tooLarge', { max: count(TABLE_MAX_SAMPLES), n: count(datasetSize) })}</p>
      ) : epochs === 0 ? (
        <p>{t('table.noEpochs')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{first === 0 ? tp('table.all', epochs) : t('table.last', { rows: rows.length, epochs })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.epoch')}</th>
                {Array.from({ length: columns }, (_, k) => (
                  <th scope="col" key={k}>
                    {t('table.batch', { n: k + 1 })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e}>
                  <th scope="row">{e + 1}</th>
                  {batches.batchesOf(e).map((batch, k) => (
                    <td key={k}>{formatBatch(batch)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
});
