// The Presets group: each button sets the tutorial's defaults with its changes and, for the
// comparisons, trains the runs one after another and pins each finished one under the live last run.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { logLines, openApp, status } from './helpers';

const presets = (page: Page) => page.getByRole('group', { name: 'Presets' });
const lossChart = (page: Page) => page.getByRole('figure', { name: 'Loss' });
const pinnedLabels = (page: Page) =>
  lossChart(page).getByRole('list', { name: 'Pinned runs' }).locator('.pinned-label');

test('"Batch size 1 vs 3 vs 10" trains B=1, 3 and 10 and pins B=1 and B=3 under the live B=10 run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, 'lr=0.02&epochs=4&shuffle=0');
  await presets(page).getByRole('button', { name: 'Batch size 1 vs 3 vs 10' }).click();
  await expect(pinnedLabels(page)).toHaveText(['B=1', 'B=3'], { timeout: 60_000 });
  await expect(lossChart(page)).toHaveAttribute('data-pinned', '2');
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(page.getByLabel('Batch size')).toHaveValue('10');
  // The live run is the tutorial's defaults at B=10: one batch of all ten samples per epoch, 10 epochs.
  const lines = await logLines(page);
  expect(lines).toHaveLength(10);
  expect(lines.every((l) => l.batch.length === 10)).toBe(true);
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.01');
  await expect(lossChart(page).locator('.loss-current-label')).toHaveText('B=10');
  await expect(lossChart(page).locator('.loss-ghost path.recharts-curve')).toHaveCount(2);
  // The pinned B=1 run has 100 steps (10 epochs × 10 batches), the B=3 run 40.
  const ghostPoints = await lossChart(page)
    .locator('.loss-ghost path.recharts-curve')
    .evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').split(/[ML]/).filter(Boolean).length));
  expect(ghostPoints[0]).toBeGreaterThanOrEqual(100);
  expect(ghostPoints[1]).toBeGreaterThanOrEqual(40);
  expect(ghostPoints[1]).toBeLessThan(100);
});

test('"Shuffle on vs off" pins the shuffled run under the unshuffled live run, replacing earlier pins', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page, 'batch=5&epochs=2');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await page.getByRole('button', { name: 'Pin run' }).click();
  await expect(lossChart(page)).toHaveAttribute('data-pinned', '1');

  await presets(page).getByRole('button', { name: 'Shuffle on vs off' }).click();
  await expect(pinnedLabels(page)).toHaveText(['shuffle'], { timeout: 60_000 });
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(lossChart(page).locator('.loss-current-label')).toHaveText('no shuffle');
  await expect(page.getByRole('checkbox', { name: 'Shuffle' })).not.toBeChecked();
  const lines = await logLines(page);
  expect(lines).toHaveLength(40);
  // Unshuffled: every epoch is 0 1 2 | 3 4 5 | 6 7 8 | 9.
  for (const line of lines) {
    const start = (line.stepInEpoch - 1) * 3;
    expect(line.batch).toEqual(Array.from({ length: Math.min(3, 10 - start) }, (_, j) => start + j));
  }
  await expect(page).toHaveURL(/shuffle=0/);
});

test('"Learning rate too large" trains at lr = 1 and the divergence alert appears', async ({ page }) => {
  await openApp(page);
  await presets(page).getByRole('button', { name: 'Learning rate too large' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Training diverged' })).toBeVisible();
  await expect(page.getByLabel('Learning rate')).toHaveValue('1');
  await expect(page).toHaveURL(/lr=1(&|$)/);
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
  await expect(lossChart(page)).toHaveAttribute('data-diverged-step', /^\d+$/);
});

test('"Full batch = gradient descent" trains one batch of all ten samples, in order, per epoch', async ({ page }) => {
  await openApp(page, 'batch=2&lr=0.02');
  await presets(page).getByRole('button', { name: 'Full batch = gradient descent' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(page.getByLabel('Batch size')).toHaveValue('10');
  await expect(page.getByRole('checkbox', { name: 'Shuffle' })).not.toBeChecked();
  const lines = await logLines(page);
  expect(lines).toHaveLength(10);
  for (const line of lines) {
    expect([line.stepInEpoch, line.stepsPerEpoch]).toEqual([1, 1]);
    expect(line.batch).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }
  // Gradient descent on a convex loss at a stable rate: the loss falls every epoch.
  for (let i = 1; i < lines.length; i++) expect(lines[i].loss).toBeLessThan(lines[i - 1].loss);
});

test('"Tutorial example" puts every setting back to the defaults without training', async ({ page }) => {
  await openApp(page, 'batch=7&lr=0.02&epochs=3&shuffle=0&seed=5');
  await presets(page).getByRole('button', { name: 'Tutorial example' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(page.getByLabel('Batch size')).toHaveValue('3');
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.01');
  await expect(page.getByLabel('Epochs')).toHaveValue('10');
  await expect(page.getByLabel('Seed')).toHaveValue('0');
  await expect(page.getByLabel('Shuffle')).toBeChecked();
  await expect(page).not.toHaveURL(/[?&](batch|lr|epochs|shuffle|seed)=/);
  await expect(status(page)).toHaveAttribute('data-steps-done', '0');
});

test('"Generalization" trains an MLP on 12 noisy samples: the held-out loss turns up while training goes on down', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openApp(page);
  await presets(page).getByRole('button', { name: 'Generalization' }).click();
  await expect(page).toHaveURL(/[?&]dataset=sine&n=16&val=0\.25&model=mlp&hidden=128&act=relu(&|$)/);
  await expect(page.getByLabel('Validation split', { exact: true })).toHaveValue('0.25');
  await expect(status(page)).toHaveAttribute('data-state', 'finished', { timeout: 200_000 });
  await expect(lossChart(page)).toHaveAttribute('data-validation-points', '1500');
  // The whole run from its CSV (the log keeps the newest lines only): each epoch's held-out loss
  // on its last step, and the training losses.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const [header, ...rows] = (await readFile(await file.path(), 'utf8')).trimEnd().split('\n');
  const fields = rows.map((r) => r.split(','));
  const column = (name: string) => header.split(',').indexOf(name);
  const loss = fields.map((f) => Number(f[column('loss')]));
  const validation = fields.filter((f) => f[column('val_loss')] !== '').map((f) => Number(f[column('val_loss')]));
  expect(validation).toHaveLength(1500);
  const best = validation.indexOf(Math.min(...validation));
  const lastEpochLoss = loss.slice(-3).reduce((a, b) => a + b, 0) / 3;
  expect(best).toBeLessThan(750);
  expect(validation.at(-1)!).toBeGreaterThan(3 * validation[best]);
  expect(validation.at(-1)!).toBeGreaterThan(5 * lastEpochLoss);
});
