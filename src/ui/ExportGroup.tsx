// The Export group: the run as CSV, the loss chart, the batch composition and the whole dashboard as
// PNG, and the PyTorch script of the current settings. Everything is made in the page; nothing is uploaded.
import { useState } from 'react';
import type { RunConfig } from '../engine/config';
import { batchCanvas, canvasToPng, fitSvg, lossChartSvg, paramSpaceSvg, svgToPng } from '../export/chart-png';
import { areaToPng, dashboardElement } from '../export/dashboard-png';
import { buildPytorchScript, pytorchScriptFilename } from '../export/pytorch-script';
import { runCsv, runCsvFilename } from '../export/run-csv';
import { useI18n } from '../i18n/react';
import type { Message, MessageKey } from '../i18n/message';
import type { RunSnapshot } from '../state/run-store';
import { downloadPng, downloadText } from './download';
import './side-groups.css';

interface Props {
  run: RunSnapshot;
  /** The settings in the controls (the PyTorch script's), which may differ from the shown run's while typing. */
  settings: RunConfig;
}

const stem = (config: RunConfig) => `minibatch-lab-${config.dataset}-b${config.batchSize}-seed${config.seed}`;

/** The PNG buttons: what each is called, what it pictures (for a message), its file's suffix, how it is made. */
interface PngExport {
  label: MessageKey;
  what: MessageKey;
  suffix: string;
  make: () => Promise<Blob> | null;
}

const PNG_EXPORTS: readonly PngExport[] = [
  {
    label: 'export.lossPng',
    what: 'export.lossChart',
    suffix: 'loss',
    make: () => {
      const svg = lossChartSvg();
      return svg ? svgToPng(svg) : null;
    },
  },
  {
    label: 'export.batchPng',
    what: 'export.batchChart',
    suffix: 'batches',
    make: () => {
      const canvas = batchCanvas();
      return canvas ? canvasToPng(canvas) : null;
    },
  },
  {
    label: 'export.fitPng',
    what: 'export.fitChart',
    suffix: 'fit',
    make: () => {
      const svg = fitSvg();
      return svg ? svgToPng(svg) : null;
    },
  },
  {
    label: 'export.paramPng',
    what: 'export.paramChart',
    suffix: 'params',
    make: () => {
      const svg = paramSpaceSvg();
      return svg ? svgToPng(svg) : null;
    },
  },
  {
    label: 'export.dashboardPng',
    what: 'export.dashboard',
    suffix: 'dashboard',
    make: () => {
      const area = dashboardElement();
      return area ? areaToPng(area) : null;
    },
  },
];

export function ExportGroup({ run, settings }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  // A message, said at render time: a language switch re-says it.
  const [failure, setFailure] = useState<Message | null>(null);

  const png = async (what: MessageKey, filename: string, make: () => Promise<Blob> | null) => {
    setFailure(null);
    setFailure(await downloadPng(filename, what, make));
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
      {PNG_EXPORTS.map(({ label, what, suffix, make }) => (
        <button
          key={suffix}
          type="button"
          disabled={suffix === 'params' && run.config.model !== 'linear'}
          onClick={() => void png(what, `${stem(run.config)}-${suffix}.png`, make)}
        >
          {t(label)}
        </button>
      ))}
      <button type="button" onClick={() => downloadText(pytorchScriptFilename(settings), buildPytorchScript(settings))}>
        {t('export.script')}
      </button>
      {failure && (
        <p className="side-group-message" role="alert">
          {i18n.say(failure)}
        </p>
      )}
    </fieldset>
  );
}
