// What every backend's experiment must show: the engine's float32 engine (PyTorch's bits) for the
// page's settings and boxes, as the results table's data attributes read them.
import { expect, type Page } from '@playwright/test';
import type { RunConfig } from '../src/engine/config';
import { trainExperimentFloat32 } from '../src/engine/experiment/js-engine';
import { planExperiment, stepsPerRunFor, trainSizeOf } from '../src/engine/experiment/plan';
import { summarizeExperiment, type ExperimentRow } from '../src/engine/experiment/results';
import { DEFAULT_EXPERIMENT_TEXT, parseExperiment, type ExperimentText } from '../src/engine/experiment/spec';

/** The float32 engine's rows for the page's settings and boxes: what every backend must show. */
export function expectedRows(base: RunConfig, text: Partial<ExperimentText> = {}): ExperimentRow[] {
  const { spec } = parseExperiment({ ...DEFAULT_EXPERIMENT_TEXT, ...text }, trainSizeOf(base), stepsPerRunFor(base));
  const plan = planExperiment(base, spec!);
  const losses = trainExperimentFloat32(plan);
  return summarizeExperiment(plan.runs, losses, plan.stepOffset, plan.stepsPerEpoch, plan.epochs, spec!.targetLoss)
    .rows;
}

const attribute = (x: number) =>
  Number.isNaN(x) ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : String(x);

/** Every run row's attributes, once the table has drawn them all (it adds them a few hundred per frame). */
export async function runRows(page: Page) {
  const table = page.getByRole('table', { name: 'Experiment results' });
  await expect(table).toHaveAttribute('data-rows-shown', (await table.getAttribute('data-rows')) ?? '');
  return table.locator('tbody tr:not([data-summary])').evaluateAll((rows) =>
    rows.map((r) => {
      const d = (r as HTMLElement).dataset;
      return [d.batchSize, d.learningRate, d.shuffle, d.seed, d.finalLoss, d.stepsToTarget, d.diverged];
    }),
  );
}

export const rowOf = (r: ExperimentRow) => [
  String(r.batchSize),
  String(r.learningRate),
  r.shuffle ? '1' : '0',
  String(r.seed),
  attribute(r.finalLoss),
  r.stepsToTarget === null ? '' : String(r.stepsToTarget),
  r.diverged ? '1' : '0',
];
