// The views of issue 4 end to end: loss (axes, log scale, tooltip, pinned runs), batch composition
// linked to the fit view and the loss chart, parameter space, the divergence warning, and a run of
// 1,000,000 samples that must not freeze the page.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { batchX, makeBatchLayout } from '../src/ui/batch-layout';
import { logLines, openApp, recordLongTasks, status, takeLongTasks, trainToEnd } from './helpers';

const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });
const lossChart = (page: Page) => figure(page, 'Loss');
const composition = (page: Page) => figure(page, 'Batch composition');
const fitView = (page: Page) => figure(page, 'Fit');
const paramSpace = (page: Page) => figure(page, 'Parameter space');

/** Subpaths ("M" commands) of an SVG path: one per dot in the fit view. */
async function dotCount(path: Locator): Promise<number> {
  return ((await path.getAttribute('d')) ?? '').split('M').length - 1;
}

async function yTicks(page: Page): Promise<string[]> {
  return lossChart(page).locator('.loss-y-tick').allTextContents();
}

/** Points the mouse at batch `batch` of epoch `epoch` (both 1-based) in the composition canvas. */
async function pointAtBatch(page: Page, epoch: number, batch: number, epochs: number, batchSize: number, n = 10) {
  const canvas = composition(page).locator('canvas');
  const box = (await canvas.boundingBox())!;
  const layout = makeBatchLayout(box.width, n, batchSize, false, epochs);
  const x = batchX(layout, batch - 1) + layout.cellWidth / 2;
  await canvas.hover({ position: { x, y: (epoch - 0.5) * layout.rowHeight } });
}

test('the fit view draws every sample, the model, and the batch of the latest step', async ({ page }) => {
  await openApp(page);
  const fit = fitView(page);
  await expect(fit).toHaveAttribute('data-points', '10');
  expect(await dotCount(fit.locator('path.fit-points'))).toBe(10);
  await expect(fit.locator('polyline.fit-prediction')).toHaveCount(1);
  await expect(fit).toHaveAttribute('data-highlight-source', 'none');

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');
  const [first] = await logLines(page);
  await expect(fit).toHaveAttribute('data-highlight-source', 'latest');
  await expect(fit).toHaveAttribute('data-highlighted', String(first.batch.length));
  expect(await dotCount(fit.locator('path.fit-highlight'))).toBe(first.batch.length);
  await expect(fit).toContainText(`Latest step: epoch 1, batch 1 [${first.batch.join(', ')}]`);
  // The line after the update follows the parameters: y = w·x + b as the status reports them.
  const w = Number(await status(page).getAttribute('data-w'));
  await expect(fit).toContainText(`after the update, y = ${w.toFixed(4)}·x`);
});

test('pointing at a batch highlights its samples in the fit view and its step everywhere else', async ({ page }) => {
  await openApp(page);
  await trainToEnd(page);
  const lines = await logLines(page);
  await pointAtBatch(page, 2, 2, 10, 3);
  await expect(composition(page)).toHaveAttribute('data-outlined', '2:2');
  await expect(composition(page).getByRole('tooltip')).toHaveText(`Epoch 2, batch 2: [${lines[5].batch.join(', ')}]`);

  const fit = fitView(page);
  await expect(fit).toHaveAttribute('data-highlight-source', 'pointed');
  await expect(fit).toHaveAttribute('data-highlight-step', '6');
  await expect(fit).toHaveAttribute('data-highlighted', '3');
  expect(await dotCount(fit.locator('path.fit-highlight'))).toBe(3);
  await expect(fit).toContainText(`Pointed at: epoch 2, batch 2 [${lines[5].batch.join(', ')}]`);
  await expect(lossChart(page).locator('.loss-hover')).toHaveAttribute('data-step', '6');
  await expect(paramSpace(page)).toHaveAttribute('data-arrow-step', '6');

  // The short last batch (10 = 3 + 3 + 3 + 1): one sample.
  await pointAtBatch(page, 7, 4, 10, 3);
  await expect(fit).toHaveAttribute('data-highlighted', '1');
  await expect(fit).toHaveAttribute('data-highlight-step', '28');

  // Leaving the chart returns the fit view to the latest step.
  await page.mouse.move(0, 0);
  await expect(fit).toHaveAttribute('data-highlight-source', 'latest');
  await expect(lossChart(page).locator('.loss-hover')).toHaveCount(0);

  // And the other way: pointing at a step on the loss chart outlines its batch.
  const area = lossChart(page).locator('.loss-pointer-area');
  const box = (await area.boundingBox())!;
  await area.hover({ position: { x: box.width * (10 / 40), y: box.height / 2 } }); // step 10 of 40
  await expect(lossChart(page).locator('.loss-hover')).toHaveAttribute('data-step', '10');
  await expect(composition(page)).toHaveAttribute('data-outlined', '3:2');
  await expect(fit).toHaveAttribute('data-highlight-step', '10');
  const tooltip = lossChart(page).locator('.loss-tooltip');
  await expect(tooltip).toContainText('Step 10');
  await expect(tooltip).toContainText('Epoch 3 of 10, batch 2 of 4');
  await expect(tooltip).toContainText(`Batch [${lines[9].batch.join(', ')}]`);
  await expect(tooltip).toContainText(`Loss ${lines[9].lossText}`);
});

test('the keyboard reads batches too: focus the composition and use the arrow keys', async ({ page }) => {
  await openApp(page);
  await trainToEnd(page);
  const canvas = composition(page).locator('canvas');
  await canvas.focus();
  await expect(composition(page)).toHaveAttribute('data-outlined', '10:1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect(composition(page)).toHaveAttribute('data-outlined', '9:2');
  await expect(fitView(page)).toHaveAttribute('data-highlight-step', '34');
});

test('the log scale turns the y axis into decades', async ({ page }) => {
  await openApp(page);
  await trainToEnd(page);
  const linear = await yTicks(page);
  expect(linear.length).toBeGreaterThan(2);
  expect(linear[0]).toBe('0');
  await page.getByLabel('Log scale').check();
  await expect(lossChart(page)).toHaveAttribute('data-log-scale', 'true');
  await expect.poll(() => yTicks(page)).not.toEqual(linear);
  const log = (await yTicks(page)).map(Number);
  expect(log.length).toBeGreaterThan(2);
  for (const t of log) expect(Math.log10(t)).toBeCloseTo(Math.round(Math.log10(t)), 9);
  // The losses span from below 0.1 to above 10 in this run: the axis shows that.
  expect(Math.min(...log)).toBeLessThanOrEqual(0.1);
  expect(Math.max(...log)).toBeGreaterThanOrEqual(100);
});

test('the x axis switches between steps and epochs', async ({ page }) => {
  await openApp(page);
  await trainToEnd(page);
  const chart = lossChart(page);
  const xTicks = () => chart.locator('.loss-x-tick').allTextContents();
  await expect(chart.locator('.loss-x-title')).toHaveText('Step');
  expect((await xTicks()).at(-1)).toBe('40');
  await page.getByLabel('X axis').selectOption('epoch');
  await expect(chart).toHaveAttribute('data-x-axis', 'epoch');
  await expect(chart.locator('.loss-x-title')).toHaveText('Epoch');
  await expect.poll(async () => (await xTicks()).at(-1)).toBe('10');
  // Still every step drawn, now at fractions of an epoch.
  const d = (await chart.locator('path.recharts-curve[name="Loss per step"]').getAttribute('d')) ?? '';
  expect(d.split(/[ML]/).filter(Boolean).length).toBeGreaterThanOrEqual(40);
});

test('a pinned run stays as a named ghost curve under the next runs, and can be removed', async ({ page }) => {
  await openApp(page, 'batch=1&epochs=3');
  await trainToEnd(page);
  const chart = lossChart(page);
  await page.getByRole('button', { name: 'Pin run' }).click();
  await expect(chart).toHaveAttribute('data-pinned', '1');

  const batch = page.getByLabel('Batch size');
  await batch.fill('10');
  await batch.blur();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await trainToEnd(page);
  const ghosts = chart.locator('.loss-ghost path.recharts-curve');
  await expect(ghosts).toHaveCount(1);
  // The ghost is the B=1 run's 30 steps; the live run of B=10 has 3.
  expect(((await ghosts.getAttribute('d')) ?? '').split(/[ML]/).filter(Boolean).length).toBeGreaterThanOrEqual(30);
  await expect(chart.locator('.loss-ghost-label')).toHaveText('B=1');
  await expect(chart.getByRole('list', { name: 'Pinned runs' })).toContainText('B=1');
  await expect(chart.locator('.recharts-legend-wrapper')).toContainText('Loss per step (B=10)');

  await page.getByRole('button', { name: 'Pin run' }).click();
  await page.getByLabel('Shuffle').uncheck();
  await trainToEnd(page);
  await expect(ghosts).toHaveCount(2);
  expect((await chart.locator('.loss-ghost-label').allTextContents()).sort()).toEqual(['B=1', 'B=10']);
  await expect(chart.locator('.loss-current-label')).toHaveText('B=10, no shuffle');
  await expect(chart.locator('.recharts-legend-wrapper')).toContainText('Loss per step (B=10, no shuffle)');

  await page.getByRole('button', { name: 'Remove pinned run B=1', exact: true }).click();
  await expect(ghosts).toHaveCount(1);
  // Names say what differs among the runs compared: now only shuffling does.
  await expect(chart.locator('.loss-ghost-label')).toHaveText('shuffle');
  await expect(chart.locator('.recharts-legend-wrapper')).toContainText('Loss per step (no shuffle)');
  await expect(chart).toHaveAttribute('data-pinned', '1');
});

test('lr = 1 diverges: the run stops, the chart marks it, and one click fixes it', async ({ page }) => {
  await openApp(page, 'lr=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Training diverged' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("The learning rate (1) is too large for this data's scale");
  await expect(alert).toContainText('stable only below lr ≈ 0.025');
  // The worker stops at the chunk whose loss turned infinite, before the 40 steps are done.
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
  expect(Number(await status(page).getAttribute('data-steps-done'))).toBeLessThan(40);
  const step = await lossChart(page).getAttribute('data-diverged-step');
  expect(Number(step)).toBeGreaterThan(0);
  await expect(lossChart(page).locator('.loss-diverged')).toContainText('diverged');

  await alert.getByRole('button', { name: 'Use learning rate 0.01' }).click();
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.01');
  await expect(page).not.toHaveURL(/lr=/);
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(alert).toHaveCount(0);
  await expect(lossChart(page)).not.toHaveAttribute('data-diverged-step', /.*/);
  expect(await logLines(page)).toHaveLength(40);
});

test('parameter space: the loss surface as contours, the path with a point per step, the step arrows', async ({
  page,
}) => {
  await openApp(page);
  const space = paramSpace(page);
  await expect(space).toHaveAttribute('data-path-points', '1'); // the initial (w, b)
  await trainToEnd(page);
  await expect(space).toHaveAttribute('data-path-steps', '40');
  await expect(space).toHaveAttribute('data-path-points', '41');
  const points = ((await space.locator('polyline.param-path').getAttribute('points')) ?? '').trim().split(/\s+/);
  expect(points).toHaveLength(41);
  const contours = Number(await space.getAttribute('data-contours'));
  expect(contours).toBeGreaterThanOrEqual(5);
  await expect(space.locator('path.param-contour')).toHaveCount(contours);
  await expect(space.locator('.param-arrow-batch')).toHaveCount(1);
  await expect(space.locator('.param-arrow-full')).toHaveCount(1);
  await expect(space).toContainText('minimum at w = 2.0000, b = 0.0000');
  await expect(space).toContainText(/Step 40: the batch's step points \d+° away from the full-data step/);
});

test('the MLP has no parameter-space picture, and the view says why', async ({ page }) => {
  await openApp(page, 'model=mlp&dataset=sine&n=200');
  await expect(paramSpace(page)).toHaveAttribute('data-model', 'mlp');
  await expect(paramSpace(page)).toContainText('needs a model with two parameters');
  await expect(paramSpace(page).locator('path.param-contour')).toHaveCount(0);
  await expect(fitView(page)).toHaveAttribute('data-points', '200');
});

test('the data and model controls change the run, and the views follow the model', async ({ page }) => {
  await openApp(page);
  await expect(page.getByLabel('Samples', { exact: true })).toHaveCount(0); // the tutorial's data has 10
  await expect(page.getByLabel('Hidden units', { exact: true })).toHaveCount(0);
  await page.getByLabel('Dataset', { exact: true }).selectOption('sine');
  const samples = page.getByLabel('Samples', { exact: true });
  await samples.fill('200');
  await samples.blur();
  await page.getByLabel('Model', { exact: true }).selectOption('mlp');
  const hidden = page.getByLabel('Hidden units', { exact: true });
  await hidden.fill('8');
  await hidden.blur();
  await page.getByLabel('Activation', { exact: true }).selectOption('relu');
  await expect(page).toHaveURL(/dataset=sine/);
  await expect(page).toHaveURL(/n=200/);
  await expect(page).toHaveURL(/model=mlp/);
  await expect(page).toHaveURL(/hidden=8/);
  await expect(page).toHaveURL(/act=relu/);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('heading', { name: 'Model: MLP 1 → 8 → 1 (relu)' })).toBeVisible();
  await expect(page.getByText('25 parameters', { exact: true })).toBeVisible();
  await expect(paramSpace(page)).toContainText('The MLP has 25 parameters');
  await expect(fitView(page)).toHaveAttribute('data-points', '200');
  await expect(paramSpace(page)).toHaveAttribute('data-model', 'mlp');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');
  // The MLP's curve, from its parameters: 201 vertices across the data.
  const curve = (await fitView(page).locator('polyline.fit-prediction').getAttribute('points')) ?? '';
  expect(curve.trim().split(/\s+/)).toHaveLength(201);

  await page.getByLabel('Model', { exact: true }).selectOption('linear');
  await expect(paramSpace(page)).toHaveAttribute('data-model', 'linear');
  await expect(page.getByLabel('Hidden units', { exact: true })).toHaveCount(0);
});

test("N = 1,000,000 for 5 epochs trains, every view draws it, and the main thread's long tasks are recorded", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await recordLongTasks(page);
  await openApp(page, 'dataset=line&n=1000000&batch=65536&epochs=5');
  // The observer must see a task it should see, or what it records would mean nothing.
  await page.evaluate(() => {
    const start = performance.now();
    while (performance.now() - start < 120);
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length))
    .toBeGreaterThan(0);
  await takeLongTasks(page); // from here on
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished', { timeout: 200_000 });
  const longTasks = await takeLongTasks(page);
  console.log(
    `N = 1,000,000: ${longTasks.length} main-thread tasks over 50 ms, longest ${Math.round(Math.max(0, ...longTasks))} ms`,
  );
  // Recorded, not asserted: timings on a shared machine are measured by the benchmark, not tests.

  await expect(status(page)).toHaveAttribute('data-steps-done', '80');
  const comp = composition(page);
  await expect(comp).toHaveAttribute('data-epochs', '5');
  await expect(comp).toHaveAttribute('data-batches', '16');
  expect(Number(await comp.getAttribute('data-samples-per-pixel'))).toBeGreaterThan(500);
  await expect(comp.locator('.batch-scale')).toContainText(/1 px = [\d,]+ samples/);
  const fit = fitView(page);
  await expect(fit).toHaveAttribute('data-points', '1000000');
  await expect(fit).toHaveAttribute('data-points-drawn', '2000');
  await expect(fit).toHaveAttribute('data-highlighted', String(1_000_000 - 15 * 65_536));
  await expect(paramSpace(page)).toHaveAttribute('data-path-steps', '80');
});
