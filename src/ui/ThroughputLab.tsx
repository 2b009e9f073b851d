// The throughput lab: a closed <details> on first paint. Its sweep store lives in the trainer client,
// so what it measured survives closing it; its charts and table load only when a reader opens it.
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../i18n/react';
import type { ThroughputProps } from './ThroughputBody';

const ThroughputBody = lazy(() => import('./ThroughputBody'));

export function ThroughputLab(props: ThroughputProps) {
  const [open, setOpen] = useState(false);
  const { t } = useI18n();
  return (
    <details className="throughput-lab" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('lab.summary')}</summary>
      {open && (
        <Suspense fallback={<p className="panel-note">{t('lab.loading')}</p>}>
          <ThroughputBody {...props} />
        </Suspense>
      )}
    </details>
  );
}
