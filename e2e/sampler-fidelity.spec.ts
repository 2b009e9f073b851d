// Sampling with replacement (RandomSampler(dataset, replacement=True)): the app's log equals what
// real PyTorch printed for the same seed (src/engine/__fixtures__, scripts/pytorch_reference.py),
// batches with a sample twice included. Runs in both projects: on WebGPU and on the fallback backend.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { PytorchVectors } from '../src/engine/__fixtures__/pytorch-vectors';
import { openApp, status, trainingLog, trainToEnd } from './helpers';

const pytorchVectors = JSON.parse(
  readFileSync(new URL('../src/engine/__fixtures__/pytorch-vectors.json', import.meta.url), 'utf8'),
) as PytorchVectors;
const trace = pytorchVectors.traces.find((t) => t.replacement && t.seed === 0 && t.batchSize === 3)!;
const printed = trace.steps.map(
  ([epoch, step, batch, , loss4]) =>
    `Epoch [${epoch}/${trace.epochs}], Step [${step}/${trace.stepsPerEpoch}], Batch [${batch.join(', ')}], Loss: ${loss4}`,
);

test('replacement=1: every batch and loss as PyTorch printed them, repeats included', async ({ page }) => {
  // The fixture is worth its name: some batch holds a sample twice, some epoch leaves one out.
  expect(trace.steps.some(([, , batch]) => new Set(batch).size < batch.length)).toBe(true);
  const epochs = Array.from({ length: trace.epochs }, (_, e) => trace.steps.filter((s) => s[0] === e + 1));
  expect(epochs.some((steps) => new Set(steps.flatMap((s) => s[2])).size < 10)).toBe(true);

  await openApp(page, 'replacement=1&seed=0');
  await expect(page.getByRole('checkbox', { name: 'Replacement' })).toBeChecked();
  await trainToEnd(page);
  const shown = await trainingLog(page).getByRole('listitem').allTextContents();
  expect(shown.map((t) => t.trim())).toEqual(printed);
});

test('Replacement: Shuffle does not apply while it is on, and says so by its box', async ({ page }) => {
  await openApp(page);
  const shuffle = page.getByRole('checkbox', { name: 'Shuffle' });
  const replacement = page.getByRole('checkbox', { name: 'Replacement' });
  await expect(replacement).not.toBeChecked();
  await expect(shuffle).toBeEnabled();
  await replacement.check();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(page).toHaveURL(/[?&]replacement=1(&|$)/);
  await expect(shuffle).toBeDisabled();
  await expect(shuffle).toHaveAccessibleDescription(/Not used while Replacement is on/);
  await replacement.uncheck();
  await expect(shuffle).toBeEnabled();
  await expect(page).not.toHaveURL(/replacement=/);
});
