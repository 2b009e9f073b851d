// What the Export group's buttons make: loaded when one is pressed, not before the first paint
// (the PyTorch script's template and the PNG renderers are a few per cent of the page's script).
import type { RunConfig } from '../engine/config';
import { batchCanvas, canvasToPng, fitSvg, lossChartSvg, paramSpaceSvg, svgToPng } from '../export/chart-png';
import { areaToPng, dashboardElement } from '../export/dashboard-png';
import { buildPytorchScript, pytorchScriptFilename } from '../export/pytorch-script';
import { runCsv, runCsvFilename } from '../export/run-csv';
import { computeMlpNoiseRows, mlpNoiseJob } from '../state/noise-csv-client';
import type { RunSnapshot } from '../state/run-store';

export type PngSuffix = 'loss' | 'batches' | 'fit' | 'params' | 'dashboard';

/** Each PNG's picture, or null when its chart is not on the page. */
export const PNG_MAKERS: Record<PngSuffix, () => Promise<Blob> | null> = {
  loss: () => {
    const svg = lossChartSvg();
    return svg ? svgToPng(svg) : null;
  },
  batches: () => {
    const canvas = batchCanvas();
    return canvas ? canvasToPng(canvas) : null;
  },
  fit: () => {
    const svg = fitSvg();
    return svg ? svgToPng(svg) : null;
  },
  params: () => {
    const svg = paramSpaceSvg();
    return svg ? svgToPng(svg) : null;
  },
  dashboard: () => {
    const area = dashboardElement();
    return area ? areaToPng(area) : null;
  },
};

/**
 * The run as CSV. The MLP's noise columns are computed first, in a worker (`progress` hears the rows
 * done); if that fails the file is written without them and `failure` says why; null: cancelled.
 */
export async function csvFile(
  run: RunSnapshot,
  progress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ filename: string; text: string; failure: string | null } | null> {
  const filename = runCsvFilename(run.config);
  const job = mlpNoiseJob(run);
  if (!job) return { filename, text: runCsv(run), failure: null };
  try {
    const mlpNoise = await computeMlpNoiseRows(job, progress, signal);
    // Not waited for (the reader chose to save now): the file without the MLP's noise columns.
    return { filename, text: mlpNoise ? runCsv({ ...run, mlpNoise }) : runCsv(run), failure: null };
  } catch (error) {
    return { filename, text: runCsv(run), failure: error instanceof Error ? error.message : String(error) };
  }
}

export function scriptFile(settings: RunConfig): { filename: string; text: string } {
  return { filename: pytorchScriptFilename(settings), text: buildPytorchScript(settings) };
}
