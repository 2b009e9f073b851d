// The experiment's downloads: its CSV (one row per run), a PNG of its figures for a slide, and the
// PyTorch script that trains the same grid and prints one line per run that the CSV matches.
import { useState } from 'react';
import type { RunConfig } from '../../engine/config';
import type { ExperimentSpec } from '../../engine/experiment/spec';
import { areaToPng } from '../../export/dashboard-png';
import { experimentCsv, experimentCsvFilename } from '../../export/experiment-csv';
import { buildExperimentScript, experimentScriptFilename } from '../../export/experiment-script';
import type { Message } from '../../i18n/message';
import { useI18n } from '../../i18n/react';
import type { ExperimentSnapshot } from '../../state/experiment-client';
import { downloadPng, downloadText } from '../download';

const figuresElement = (): HTMLElement | null => document.querySelector<HTMLElement>('.experiments-body .x-figures');

interface Props {
  snapshot: ExperimentSnapshot;
  /** The grid as the boxes set it now, over the run's settings: what the script trains (null while a box is refused). */
  grid: { base: RunConfig; spec: ExperimentSpec } | null;
}

export function ExperimentExports({ snapshot, grid }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [failure, setFailure] = useState<Message | null>(null);
  const [exporting, setExporting] = useState(false);
  const { results, base, spec } = snapshot;
  const ready = snapshot.phase === 'done' && results !== null && base !== null && spec !== null;
  return (
    <>
      <button
        type="button"
        disabled={!ready}
        onClick={() => ready && downloadText(experimentCsvFilename(base), experimentCsv(results.rows), 'text/csv')}
      >
        {t('x.csv')}
      </button>
      <button
        type="button"
        disabled={!ready || exporting}
        onClick={() => {
          if (!ready) return;
          setFailure(null);
          setExporting(true);
          const name = experimentCsvFilename(base).replace(/\.csv$/, '.png');
          void downloadPng(name, 'x.figures', () => {
            const area = figuresElement();
            return area ? areaToPng(area) : null;
          })
            .then(setFailure)
            .finally(() => setExporting(false));
        }}
      >
        {t('x.png')}
      </button>
      <button
        type="button"
        disabled={grid === null}
        onClick={() =>
          grid && downloadText(experimentScriptFilename(grid.base), buildExperimentScript(grid.base, grid.spec))
        }
      >
        {t('x.script')}
      </button>
      {failure && (
        <span className="panel-note" role="alert">
          {i18n.say(failure)}
        </span>
      )}
    </>
  );
}
