// embed=1 leaves the header out: this line says what the page is, and opens the whole app.
import type { RunConfig } from '../engine/config';
import { useI18n } from '../i18n/react';
import { comparisonLabels, usePinnedRuns, type PinnedRuns } from '../state/pinned-runs';
import { withoutEmbedding } from '../state/url';
import { embedContext } from './embed-text';

export function EmbedContext({ config, pins }: { config: RunConfig; pins: PinnedRuns }) {
  const i18n = useI18n();
  const pinned = usePinnedRuns(pins);
  const labels = comparisonLabels([...pinned.map((p) => p.config), config], i18n).slice(0, -1);
  // Read at each render: the controls rewrite the address as they change (without a re-render of their own).
  const { pathname, search, hash } = window.location;
  return (
    <p className="embed-context">
      <span translate="no">minibatch-lab</span> · {embedContext(config, labels, i18n)} ·{' '}
      <a href={`${pathname}${withoutEmbedding(search)}${hash}`} target="_blank" rel="noopener">
        {i18n.t('embed.open')}
      </a>
    </p>
  );
}
