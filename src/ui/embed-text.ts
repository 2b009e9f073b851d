// The one line an embedded page (embed=1) keeps of its header: what it shows, in words.
import type { RunConfig } from '../engine/config';
import type { I18n } from '../i18n/translate';

/** "PyTorch's DataLoader tutorial, batch size 3", and ", compared with B=1, B=3" with pinned runs. */
export function embedContext(config: RunConfig, pinnedLabels: readonly string[], i18n: I18n): string {
  const { t, count } = i18n;
  const n = count(config.samples);
  const data =
    config.dataset === 'tutorial'
      ? t('embed.tutorial')
      : config.dataset === 'custom'
        ? t('embed.custom')
        : t(config.dataset === 'line' ? 'embed.line' : 'embed.sine', { n });
  const context = t('embed.context', { data, batch: count(config.batchSize) });
  return pinnedLabels.length === 0
    ? context
    : t('embed.compared', { context, pinned: pinnedLabels.join(i18n.locale === 'en' ? ', ' : '、') });
}
