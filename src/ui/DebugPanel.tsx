// Numbers for whoever wonders whether a long run leaks: the tensors tfjs holds in the worker (flat
// across a whole run: the data, w and b), the bytes behind them, what the page keeps of the run and
// the page's JavaScript heap where the browser tells it. Closed by default; tests open it.
import { useState } from 'react';
import { useI18n } from '../i18n/react';
import type { RunSnapshot } from '../state/run-store';
import { LOG_LINES_SHOWN } from '../state/run-data';

/** Chromium's non-standard performance.memory. */
function heapBytes(): number | null {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize : null;
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

export function DebugPanel({ run }: { run: RunSnapshot }) {
  const [open, setOpen] = useState(false);
  const { t, count } = useI18n();
  // Reading performance.memory costs a little each time: only while someone looks.
  const heap = open ? heapBytes() : null;
  const logLines = Math.min(run.stepsDone, LOG_LINES_SHOWN);
  return (
    <details className="debug-panel" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('debug.summary')}</summary>
      <dl
        aria-label={t('debug.figures')}
        data-tensors={run.tensorCount ?? undefined}
        data-tensor-bytes={run.tensorBytes ?? undefined}
        data-steps-stored={run.data.stepLoss.length}
        data-heap-bytes={heap ?? undefined}
      >
        <dt>{t('debug.tensors')}</dt>
        <dd>{run.tensorCount ?? '—'}</dd>
        <dt>{t('debug.memory')}</dt>
        <dd>{run.tensorBytes === null ? '—' : t('debug.bytes', { n: count(run.tensorBytes) })}</dd>
        <dt>{t('debug.steps')}</dt>
        <dd>{count(run.data.stepLoss.length)}</dd>
        <dt>{t('debug.logLines')}</dt>
        <dd>{count(logLines)}</dd>
        <dt>{t('debug.heap')}</dt>
        <dd>{heap === null ? (open ? t('debug.noHeap') : '—') : megabytes(heap)}</dd>
      </dl>
    </details>
  );
}
