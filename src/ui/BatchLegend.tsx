import { isShortLastBatch, type BatchLayout } from './batch-layout';
import { BATCH_COLOURS, batchColour } from './palette';

/** What the colours, hatching and faded cells of the batch composition chart mean. */
export function BatchLegend({ layout }: { layout: BatchLayout }) {
  const named = Math.min(layout.batchCount, BATCH_COLOURS.length);
  const hasShort = layout.batchCount > 0 && isShortLastBatch(layout, layout.batchCount - 1);
  return (
    <ul className="batch-legend">
      {Array.from({ length: named }, (_, k) => (
        <li key={k}>
          <span className="swatch" style={{ background: batchColour(k) }} aria-hidden="true" />
          batch {k + 1}
        </li>
      ))}
      {layout.batchCount > BATCH_COLOURS.length && <li>(colours repeat)</li>}
      {hasShort && (
        <li>
          <span className="swatch swatch-short" aria-hidden="true" />
          short last batch
        </li>
      )}
      {layout.dropped > 0 && (
        <li>
          <span className="swatch swatch-dropped" aria-hidden="true" />
          left out by Drop last ({layout.dropped} {layout.dropped === 1 ? 'sample' : 'samples'})
        </li>
      )}
      <li>
        <span className="swatch swatch-untrained" aria-hidden="true" />
        not trained yet
      </li>
    </ul>
  );
}
