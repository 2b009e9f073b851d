import { useI18n } from '../i18n/react';
import { isShortLastBatch, type BatchLayout } from './batch-layout';
import { BATCH_COLOURS, batchColour } from './palette';

/** What the colours, hatching and faded cells of the batch composition chart mean. */
export function BatchLegend({ layout }: { layout: BatchLayout }) {
  const i18n = useI18n();
  const { t } = i18n;
  const named = Math.min(layout.batchCount, BATCH_COLOURS.length);
  const hasShort = layout.batchCount > 0 && isShortLastBatch(layout, layout.batchCount - 1);
  return (
    <ul className="batch-legend">
      {Array.from({ length: named }, (_, k) => (
        <li key={k}>
          <span className="swatch" style={{ background: batchColour(k) }} aria-hidden="true" />
          {t('batch.legendBatch', { n: k + 1 })}
        </li>
      ))}
      {layout.batchCount > BATCH_COLOURS.length && <li>{t('batch.coloursRepeat')}</li>}
      {hasShort && (
        <li>
          <span className="swatch swatch-short" aria-hidden="true" />
          {t('batch.short')}
        </li>
      )}
      {layout.dropped > 0 && (
        <li>
          <span className="swatch swatch-dropped" aria-hidden="true" />
          {i18n.tp('batch.dropped', layout.dropped)}
        </li>
      )}
      <li>
        <span className="swatch swatch-untrained" aria-hidden="true" />
        {t('batch.untrained')}
      </li>
    </ul>
  );
}
