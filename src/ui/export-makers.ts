// What the Export group's buttons make: loaded when one is pressed, not before the first paint
// (the PyTorch script's template and the PNG renderers are a few per cent of the page's script).
import type { RunConfig } from '../engine/config';
import { batchCanvas, canvasToPng, fitSvg, lossChartSvg, paramSpaceSvg, svgToPng } from '../export/chart-png';
import { areaToPng, dashboardElement } from '../export/dashboard-png';
import { buildPytorchScript, pytorchScriptFilename } from '../export/pytorch-script';
import { runCsv, runCsvFilename } from '../export/run-csv';
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

export function csvFile(run: RunSnapshot): { filename: string; text: string } {
  return { filename: runCsvFilename(run.config), text: runCsv(run) };
}

export function scriptFile(settings: RunConfig): { filename: string; text: string } {
  return { filename: pytorchScriptFilename(settings), text: buildPytorchScript(settings) };
}
