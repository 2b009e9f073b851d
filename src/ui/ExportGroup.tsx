// The Export group: the run as CSV, the loss chart, the batch composition and the whole dashboard as
// PNG, and the PyTorch script of the current settings. Everything is made in the page; nothing is uploaded.
import { useState } from 'react';
import type { RunConfig } from '../engine/config';
import { batchCanvas, canvasToPng, lossChartSvg, svgToPng } from '../export/chart-png';
import { dashboardElement, dashboardToPng } from '../export/dashboard-png';
import { buildPytorchScript, pytorchScriptFilename } from '../export/pytorch-script';
import { runCsv, runCsvFilename } from '../export/run-csv';
import { useI18n } from '../i18n/react';
import type { RunSnapshot } from '../state/run-store';
import { downloadBlob, downloadText } from './download';
import './side-groups.css';

interface Props {
  run: RunSnapshot;
  /** The settings in the controls (the PyTorch script's), which may differ from the shown run's while typing. */
  settings: RunConfig;
}

const stem = (config: RunConfig) => `minibatch-lab-${config.dataset}-b${config.batchSize}-seed${config.seed}`;

export function ExportGroup({ run, settings }: Props) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);

  const png = async (what: string, filename: string, make: () => Promise<Blob> | null) => {
    setMessage(null);
    try {
      const blob = make();
      if (!blob) throw new Error(t('export.notOnPage', { what }));
      downloadBlob(filename, await blob);
    } catch (error) {
      setMessage(t('export.failed', { what, reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <fieldset className="side-group export-group">
      <legend>{t('export.group')}</legend>
      <button
        type="button"
        disabled={run.stepsDone === 0}
        onClick={() => downloadText(runCsvFilename(run.config), runCsv(run), 'text/csv')}
      >
        {t('export.csv')}
      </button>
      <button
        type="button"
        onClick={() => {
          const svg = lossChartSvg();
          void png(t('export.lossChart'), `${stem(run.config)}-loss.png`, () => (svg ? svgToPng(svg) : null));
        }}
      >
        {t('export.lossPng')}
      </button>
      <button
        type="button"
        onClick={() => {
          const canvas = batchCanvas();
          void png(t('export.batchChart'), `${stem(run.config)}-batches.png`, () => (canvas ? canvasToPng(canvas) : null));
        }}
      >
        {t('export.batchPng')}
      </button>
      <button
        type="button"
        onClick={() => {
          const area = dashboardElement();
          void png(t('export.dashboard'), `${stem(run.config)}-dashboard.png`, () => (area ? dashboardToPng(area) : null));
        }}
      >
        {t('export.dashboardPng')}
      </button>
      <button type="button" onClick={() => downloadText(pytorchScriptFilename(settings), buildPytorchScript(settings))}>
        {t('export.script')}
      </button>
      {message && (
        <p className="side-group-message" role="alert">
          {message}
        </p>
      )}
    </fieldset>
  );
}
