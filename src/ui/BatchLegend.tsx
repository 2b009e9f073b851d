import { useI18n } from '../i18n/react';
import { isShortLastBatch, usesRamp, type BatchLayout } from './batch-layout';
import { BATCH_COLOURS, batchColour } from './palette';

interface Props {
  layout: BatchLayout;
  order: 'drawn' | 'sample';
  replacement: boolean;
  /** Samples a validation split holds out: grey by sample, in no batch of any epoch. */
  heldOut: number;
}

/** What the colours, hatching, grey, marks and faded cells of the batch composition chart mean. */
export function BatchLegend({ layout, order, replacement, heldOut }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const ramp = order === 'sample' && usesRamp(layout);
  const named = ramp ? 0 : Math.min(layout.batchCount, BATCH_COLOURS.length);
  const bySample = order === 'sample';
  // By sample, a batch's samples are scattered: no hatching, but grey for samples no batch holds.
  const hasShort = !bySample && layout.batchCount > 0 && isShortLastBatch(layout, layout.batchCount - 1);
  return (
    <ul className="batch-legend">
      {Array.from({ length: named }, (_, k) => (
        <li key={k}>
          <span className="swatch" style={{ background: batchColour(k) }} aria-hidden="true" />
          {t('batch.legendBatch', { n: k + 1 })}
        </li>
      ))}
      {ramp && (
        <li>
          <span className="swatch swatch-ramp" aria-hidden="true" />
          {t('batch.ramp', { n: i18n.count(layout.batchCount) })}
        </li>
      )}
      {!ramp && layout.batchCount > BATCH_COLOURS.length && <li>{t('batch.coloursRepeat')}</li>}
      {hasShort && (
        <li>
          <span className="swatch swatch-short" aria-hidden="true" />
          {t('batch.short')}
        </li>
      )}
      {bySample && replacement && (
        <li>
          <span className="swatch swatch-dropped" aria-hidden="true" />
          {t('batch.notDrawn')}
        </li>
      )}
      {bySample && replacement && (
        <li>
          <span className="swatch swatch-repeated" aria-hidden="true" />
          {t('batch.repeated')}
        </li>
      )}
      {bySample && !replacement && layout.dropped > 0 && (
        <li>
          <span className="swatch swatch-dropped" aria-hidden="true" />
          {t('batch.leftOut')}
        </li>
      )}
      {bySample && heldOut > 0 && (
        <li>
          <span className="swatch swatch-dropped" aria-hidden="true" />
          {i18n.tp('batch.heldOut', heldOut)}
        </li>
      )}
      {!bySample && layout.dropped > 0 && (
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
