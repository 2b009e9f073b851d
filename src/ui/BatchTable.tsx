import { memo } from 'react';
import { formatBatch } from '../engine/format';
import type { EpochBatches } from '../state/run-data';

/** Epochs listed as text; long runs list their last ones only. */
export const TABLE_EPOCHS = 20;

/** The batch composition as text, e.g. epoch 1: [7, 2, 9] [1, 0, 3] …, inside "Show as table". */
export const BatchTable = memo(function BatchTable({ batches, epochs }: { batches: EpochBatches; epochs: number }) {
  const first = Math.max(0, epochs - TABLE_EPOCHS);
  const rows = Array.from({ length: epochs - first }, (_, i) => first + i);
  const columns = epochs > 0 ? batches.batchCount(epochs - 1) : 0;
  return (
    <details className="batch-table">
      <summary>Show as table</summary>
      {epochs === 0 ? (
        <p>No epochs yet.</p>
      ) : (
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
      )}
    </details>
  );
});
