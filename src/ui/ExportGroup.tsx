// The Export group: the run as CSV, the loss chart, the batch composition and the whole dashboard as
// PNG, and the PyTorch script of the current settings. Everything is made in the page; nothing is uploaded.
// What makes them loads when a button is pressed (export-makers.ts).
import { memo, useEffect, useRef, useState } from 'react';
import type { RunConfig } from '../engine/config';
import { useI18n } from '../i18n/react';
import { message, type Message, type MessageKey } from '../i18n/message';
import type { RunSnapshot } from '../state/run-store';
import { downloadPng, downloadText } from './download';
import type { PngSuffix } from './export-makers';
import './side-groups.css';

interface Props {
  /** The run when a button is pressed: read then, so that the group does not re-render on every step. */
  readRun: () => RunSnapshot;
  /** Whether the run has a step to export (the CSV button waits for one). */
  hasSteps: boolean;
  /** The shown run's configuration (the files' names). */
  config: RunConfig;
  /** The settings in the controls (the PyTorch script's), which may differ from the shown run's while typing. */
  settings: RunConfig;
}

const stem = (config: RunConfig) => `minibatch-lab-${config.dataset}-b${config.batchSize}-seed${config.seed}`;

/** The PNG buttons: what each is called, what it pictures (for a message), its file's suffix. */
const PNG_EXPORTS: readonly { label: MessageKey; what: MessageKey; suffix: PngSuffix }[] = [
  { label: 'export.lossPng', what: 'export.lossChart', suffix: 'loss' },
  { label: 'export.batchPng', what: 'export.batchChart', suffix: 'batches' },
  { label: 'export.fitPng', what: 'export.fitChart', suffix: 'fit' },
  { label: 'export.paramPng', what: 'export.paramChart', suffix: 'params' },
  { label: 'export.dashboardPng', what: 'export.dashboard', suffix: 'dashboard' },
];

const makers = () => import('./export-makers');

export const ExportGroup = memo(function ExportGroup({ readRun, hasSteps, config, settings }: Props) {
  const i18n = useI18n();
  const { t, count } = i18n;
  // A message, said at render time: a language switch re-says it.
  const [failure, setFailure] = useState<Message | null>(null);

  const png = async (what: MessageKey, filename: string, suffix: PngSuffix) => {
    setFailure(null);
    const { PNG_MAKERS } = await makers();
    setFailure(await downloadPng(filename, what, PNG_MAKERS[suffix]));
  };
  // The MLP's noise columns take a pass over the samples a step, in a worker: the group says how far
  // it is, and "Save without them" stops it and saves the file without them (a million samples a
  // step can take minutes).
  const [csvRows, setCsvRows] = useState<{ done: number; total: number } | null>(null);
  const csvCancel = useRef<AbortController | null>(null);
  const csv = async () => {
    setFailure(null);
    const run = readRun();
    const cancel = new AbortController();
    csvCancel.current = cancel;
    if (run.config.model === 'mlp') setCsvRows({ done: 0, total: Math.min(run.stepsDone, run.data.stepLoss.length) });
    try {
      const made = await (await makers()).csvFile(run, (done, total) => setCsvRows({ done, total }), cancel.signal);
      if (!made) return;
      downloadText(made.filename, made.text, 'text/csv');
      if (made.failure)
        setFailure(message('export.csvNoiseFailed', { reason: message('error.raw', { text: made.failure }) }));
    } finally {
      csvCancel.current = null;
      setCsvRows(null);
    }
  };
  useEffect(() => () => csvCancel.current?.abort(), []);
  const script = async () => {
    const { filename, text } = (await makers()).scriptFile(settings);
    downloadText(filename, text);
  };

  return (
    <fieldset className="side-group export-group">
      <legend>{t('export.group')}</legend>
      <button
        type="button"
        disabled={!hasSteps || csvRows !== null}
        aria-busy={csvRows !== null}
        onClick={() => void csv()}
      >
        {t('export.csv')}
      </button>
      {/* A live region of its own that stays on the page (a region added with its words is often not read
          out); not role="status": the page has one status region, the run's. */}
      <div className="export-csv-live" aria-live="polite">
        {csvRows && (
          <p className="side-group-message export-csv-progress">
            {t('export.csvNoiseProgress', { done: count(csvRows.done), total: count(csvRows.total) })}{' '}
            <button type="button" onClick={() => csvCancel.current?.abort()}>
              {t('export.csvCancel')}
            </button>
          </p>
        )}
      </div>
      {PNG_EXPORTS.map(({ label, what, suffix }) => (
        <button
          key={suffix}
          type="button"
          disabled={suffix === 'params' && config.model !== 'linear'}
          onClick={() => void png(what, `${stem(config)}-${suffix}.png`, suffix)}
        >
          {t(label)}
        </button>
      ))}
      <button type="button" onClick={() => void script()}>
        {t('export.script')}
      </button>
      {failure && (
        <p className="side-group-message" role="alert">
          {i18n.say(failure)}
        </p>
      )}
    </fieldset>
  );
});
