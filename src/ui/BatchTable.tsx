// The batch composition as a table (screen readers, reading numbers aloud in class): the last few
// epochs, for datasets small enough that a cell per batch can be read — not 1,000,000 indices.
import { memo } from 'react';
import { formatBatch } from '../engine/format';
import type { EpochOrders } from '../state/epoch-orders';
import { count } from './numbers';

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
  const first = Math.max(0, epochs - TABLE_EPOCHS);
  const rows = Array.from({ length: epochs - first }, (_, i) => first + i);
  const columns = epochs > 0 ? batches.batchCount(epochs - 1) : 0;
  return (
    <details className="batch-table">
      <summary>Show as table</summary>
      {datasetSize > TABLE_MAX_SAMPLES ? (
        <p>
          The table lists sample indices for datasets of up to {count(TABLE_MAX_SAMPLES)} samples; this one has{' '}
          {count(datasetSize)}. Point at a batch in the chart to read it.
        </p>
      ) : epochs === 0 ? (
        <p>No epochs yet.</p>
      ) : (
        <div className="table-scroll">
        <table>
          <caption>
            {first === 0 ? `All ${epochs} epochs so far` : `The last ${rows.length} of ${epochs} epochs`}: the
            sample indices of each mini-batch, in the order the DataLoader yields them.
          </caption>
          <thead>
            <tr>
              <th scope="col">Epoch</th>
              {Array.from({ length: columns }, (_, k) => (
                <th scope="col" key={k}>
                  Batch {k + 1}
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
