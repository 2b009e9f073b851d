// The Presets group: each button sets the tutorial's defaults with its changes and, for the
// comparisons, trains the runs one after another and pins each finished one under the live last run.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { logLines, openApp, status } from './helpers';

const presets = (page: Page) => page.getByRole('group', { name: 'Presets' });
const lossChart = (page: Page) => page.getByRole('figure', { name: 'Loss' });
const pinnedLabels = (page: Page) =>
  lossChart(page).getByRole('list', { name: 'Pinned runs' }).locator('.pinned-label');

/** The plot's top and height, and each curve's vertical extent in it (pixels), from the SVG drawn. */
async function curveExtents(page: Page, selector: string) {
  const plot = lossChart(page).locator('.loss-pointer-area');
  const top = Number(await plot.getAttribute('y'));
  const height = Number(await plot.getAttribute('height'));
  const extents = await lossChart(page)
    .locator(selector)
    .evaluateAll((paths) =>
      paths.map((p) => {
        const ys = (p.getAttribute('d') ?? '')
          .split(/[ML]/)
          .filter(Boolean)
          .map((pair) => Number(pair.split(',')[1]));
        return { min: Math.min(...ys), max: Math.max(...ys) };
      }),
    );
  return { top, height, extents };
}

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

  // The view that shows the comparison: per epoch, on a log scale, and a sentence on what to look at.
  await expect(lossChart(page)).toHaveAttribute('data-x-axis', 'epoch');
  await expect(lossChart(page)).toHaveAttribute('data-log-scale', 'true');
  await expect(page).toHaveURL(/[?&]xaxis=epoch(&|$)/);
  await expect(page).toHaveURL(/[?&]logy=1(&|$)/);
  const note = lossChart(page).locator('.preset-note [data-preset="batch-sizes"]');
  await expect(note).toContainText('B = 1 takes 10 steps per epoch');
  // The y axis: decades from below the lowest loss to above the highest (B=1's first steps, single
  // samples up to x = 10, reach a few hundred): 1e-4 … 1000 here.
  await expect(lossChart(page)).toHaveAttribute('data-y-max', '1000');
  expect(Number(await lossChart(page).getAttribute('data-y-min'))).toBeLessThanOrEqual(0.01);
  // Each pinned run keeps its epoch means (10 epochs: 10 points), in its colour.
  const means = lossChart(page).locator('.loss-ghost-epoch path.recharts-curve');
  await expect(means).toHaveCount(2);
  const meanPoints = await means.evaluateAll((paths) =>
    paths.map((p) => (p.getAttribute('d') ?? '').split(/[ML]/).filter(Boolean).length),
  );
  expect(meanPoints).toEqual([10, 10]);
  // No curve sits flat on the axis: each of the three spans over a third of the plot's height.
  const { height, extents } = await curveExtents(
    page,
    '.loss-ghost path.recharts-curve, path.recharts-curve[name="Loss per step (B=10)"]',
  );
  expect(extents).toHaveLength(3);
  for (const { min, max } of extents) expect(max - min).toBeGreaterThan(height / 3);
  // The pinned names sit on the plot, not under its x axis.
  const plotBottom = await lossChart(page)
    .locator('.loss-pointer-area')
    .evaluate((el) => el.getBoundingClientRect().bottom);
  for (const label of await lossChart(page).locator('.loss-ghost-label, .loss-current-label').all()) {
    expect((await label.boundingBox())!.y + (await label.boundingBox())!.height).toBeLessThanOrEqual(plotBottom + 1);
  }
  await expect(page).toHaveURL(/[?&]preset=batch-sizes(&|$)/);
  // A setting changed by hand: the note goes (from the link too), the view stays.
  await page.getByLabel('Epochs').fill('3');
  await expect(note).toHaveCount(0);
  await expect(page).not.toHaveURL(/preset=/);
  await expect(lossChart(page)).toHaveAttribute('data-x-axis', 'epoch');
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

test('"Learning rate too large" pins lr = 0.01 and 0.03, trains lr = 1 and the divergence alert appears; lr = 1 is clipped, marked', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page);
  await presets(page).getByRole('button', { name: 'Learning rate too large' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Training diverged' })).toBeVisible({ timeout: 60_000 });
  await expect(pinnedLabels(page)).toHaveText(['lr=0.01', 'lr=0.03']);
  await expect(page.getByLabel('Learning rate')).toHaveValue('1');
  await expect(page).toHaveURL(/lr=1(&|$)/);
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
  await expect(lossChart(page)).toHaveAttribute('data-diverged-step', /^\d+$/);
  await expect(lossChart(page)).toHaveAttribute('data-log-scale', 'true');
  await expect(lossChart(page).locator('[data-preset="large-lr"]')).toBeVisible();
  // lr = 1 reaches 1e27 and more: the axis is the stable runs' (lr = 0.03 swings up to ~1,000), not 1e36.
  await expect(lossChart(page)).toHaveAttribute('data-y-max', '1000');
  // The diverged curve is marked where it leaves the scale, on the chart and in its legend.
  const mark = lossChart(page).locator('.loss-off-scale[data-label="lr=1"]');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveText('lr=1 ↑ off the scale');
  await expect(lossChart(page).locator('.loss-current-label')).toHaveCount(0);
  await expect(
    lossChart(page).locator('path.recharts-curve[name="Loss per step (lr=1) (↑ off the scale)"]'),
  ).toHaveCount(1);
  // lr = 0.01 falls from 63.6 to about 0.02 on the axis 0.01 … 1,000: over half of its height.
  const { height, extents } = await curveExtents(page, '.loss-ghost path.recharts-curve');
  expect(extents[0].max - extents[0].min).toBeGreaterThan(height / 2);
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

/** Each pinned run's name, steps and last loss (full precision), from the list under the chart. */
const pinnedRuns = (page: Page) =>
  lossChart(page)
    .getByRole('list', { name: 'Pinned runs' })
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => [li.dataset.pinnedLabel, li.dataset.pinnedSteps, li.dataset.pinnedLoss].join(' ')),
    );

test('after a preset the link carries the settings, the pins and the view: a fresh page retrains the same comparison', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await openApp(page, 'seed=4');
  await presets(page).getByRole('button', { name: 'Batch size 1 vs 3 vs 10' }).click();
  await expect(lossChart(page)).toHaveAttribute('data-pinned', '2', { timeout: 60_000 });
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  const shared = new URL(page.url());
  // The preset's run is the tutorial's (seed 0) at B = 10; its pins name their batch size.
  expect(shared.searchParams.getAll('pin')).toEqual(['batch.1', 'batch.3']);
  expect(shared.searchParams.get('batch')).toBe('10');
  expect(shared.searchParams.get('seed')).toBeNull();
  expect(shared.searchParams.get('xaxis')).toBe('epoch');
  expect(shared.searchParams.get('logy')).toBe('1');
  expect(shared.searchParams.get('preset')).toBe('batch-sizes');
  const before = await pinnedRuns(page);
  expect(before).toHaveLength(2);
  expect(before[0]).toMatch(/^B=1 100 \d/);
  expect(before[1]).toMatch(/^B=3 40 \d/);

  // A bad pin beside them is named in the link notice and left out.
  const fresh = await context.newPage();
  await fresh.goto(`${shared.pathname}${shared.search}&pin=batch.0`);
  await expect(lossChart(fresh)).toHaveAttribute('data-pinned', '2', { timeout: 60_000 });
  // The same runs, to the last bit of their last losses; then the link's own run, ready to train.
  expect(await pinnedRuns(fresh)).toEqual(before);
  await expect(status(fresh)).toHaveAttribute('data-state', 'ready');
  await expect(fresh.getByLabel('Batch size')).toHaveValue('10');
  await expect(lossChart(fresh)).toHaveAttribute('data-x-axis', 'epoch');
  await expect(lossChart(fresh)).toHaveAttribute('data-log-scale', 'true');
  await expect(lossChart(fresh).locator('.preset-note [data-preset="batch-sizes"]')).toBeVisible();
  await expect(fresh.getByRole('alert').filter({ hasText: 'pin=batch.0' })).toContainText('Batch size must be');
  // The address keeps the pins it was opened with (the bad one is not one of the page's pins).
  expect(new URL(fresh.url()).searchParams.getAll('pin')).toEqual(['batch.1', 'batch.3']);
  // Removing a pin rewrites the link.
  await fresh.getByRole('button', { name: 'Remove pinned run B=1' }).click();
  await expect.poll(() => new URL(fresh.url()).searchParams.getAll('pin')).toEqual(['batch.3']);
});
