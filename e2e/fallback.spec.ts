// Chromium without the WebGPU flags has no adapter: the app must fall back and say so.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DEFAULT_CONFIG } from '../src/engine/config';
import {
  logLines,
  openApp,
  pointAtStep,
  referenceRun,
  referenceTrace,
  relativeError,
  status,
  trainToEnd,
} from './helpers';
import { mlpRows, noiseNumbers } from './mlp-noise-reference';
import { expectedRows, rowOf, runRows } from './experiment-reference';
import { englishLeft } from './i18n-probe';

test('without WebGPU the app falls back to WebGL or CPU, says why, and still trains', async ({ page }) => {
  await openApp(page);
  const st = status(page);
  const backend = await st.getAttribute('data-backend');
  expect(backend === 'webgl' || backend === 'cpu').toBe(true);
  await expect(st).toContainText(`Backend: ${backend}`);
  await expect(st).toContainText(/WebGPU unavailable/i);
  await trainToEnd(page);
  const lines = await logLines(page);
  expect(lines).toHaveLength(40);
  const { steps } = referenceTrace();
  lines.forEach((l, i) => {
    expect(l.batch).toEqual(steps[i].batch);
    expect(Math.abs(l.loss - steps[i].loss)).toBeLessThanOrEqual(5e-5 + 1e-4 * steps[i].loss);
  });
});

test('backend=cpu in the URL uses the CPU backend', async ({ page }) => {
  await openApp(page, 'backend=cpu');
  await expect(status(page)).toHaveAttribute('data-backend', 'cpu');
  await trainToEnd(page);
  expect(await logLines(page)).toHaveLength(40);
});

test('the fallback is explained in Chinese on the Chinese page, with no English left', async ({ page }) => {
  await openApp(page, 'lang=zh-CN');
  const st = status(page);
  await expect(st).toContainText('WebGPU 不可用');
  await expect(st).toContainText(/——改用 (WebGL|CPU)/);
  expect(await englishLeft(page)).toEqual([]);
});

test("without WebGPU the MLP's gradient noise follows a pointed step, and its CSV has every row's noise columns", async ({
  page,
}) => {
  // tfjs op by op trains the MLP in its own float32 order: the page's checkpoints are its own, the
  // steps between replayed in PyTorch's arithmetic. This run (tanh at lr 0.01) bounces, so the
  // page's and PyTorch's trajectories part visibly after ten steps or so (the log's fourth decimal
  // at step 11): the reference is compared over the first steps, the rest with the figure.
  await openApp(page, 'model=mlp&hidden=4&act=tanh');
  await trainToEnd(page);
  const { steps, plan } = referenceRun({ model: 'mlp', hiddenUnits: 4, activation: 'tanh' }, 'float32');
  const exactBefore = (step: number) => {
    const before = step === 1 ? plan.initialParameters : steps[step - 2].parameters!;
    const exact = noiseNumbers(mlpRows(plan.dataset.x, plan.dataset.y, before, 4, 'tanh'), 3);
    return [exact.trace, exact.gradNormSq, exact.variance, exact.scale];
  };
  let largest = 0;
  const near = (actual: number, wanted: number, tolerance = 1e-4) => {
    largest = Math.max(largest, relativeError(actual, wanted));
    expect(relativeError(actual, wanted)).toBeLessThan(tolerance);
  };
  const figure = page.getByRole('figure', { name: 'Gradient noise', exact: true });
  const shown = async () =>
    Promise.all(
      ['data-trace', 'data-grad-norm-sq', 'data-variance-formula', 'data-noise-scale'].map(async (name) =>
        Number(await figure.getAttribute(name)),
      ),
    );
  await expect(figure).toHaveAttribute('data-step', '40');
  const latest = await shown();
  await pointAtStep(page, 6, 40);
  await expect(figure).toHaveAttribute('data-step', '6');
  (await shown()).forEach((value, k) => near(value, exactBefore(6)[k]));

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const rows = (await readFile(await file.path(), 'utf8')).trimEnd().split('\n').slice(1);
  expect(rows).toHaveLength(40);
  // The noise columns are the last four, and hold no comma.
  const noise = rows.map((row) => row.split(',').slice(-4).map(Number));
  noise.forEach((columns) => columns.forEach((value) => expect(value).toBeGreaterThan(0)));
  for (const row of [1, 2, 6, 8]) noise[row - 1].forEach((value, k) => near(value, exactBefore(row)[k]));
  console.log(
    `without WebGPU, the MLP's first steps' noise numbers: largest relative error ${largest.toExponential(2)}`,
  );
  // The last row and the figure's latest step: the same replay from the same checkpoint.
  noise[39].forEach((value, k) => near(value, latest[k], 1e-12));
});

test('without WebGPU an experiment trains in the plain-JS float32 loop, says so, and gives the same runs', async ({
  page,
}) => {
  await openApp(page, 'xb=1,3,10&xlr=0.01,0.03&xshuffle=both&xseeds=3&xrun=1');
  await expect(page.locator('.experiments-body')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  const outcome = page.locator('.x-progress .x-outcome');
  await expect(outcome).toHaveAttribute('data-engine', 'js');
  await expect(outcome).toContainText('in plain-JS float32 on the CPU');
  const expected = expectedRows(DEFAULT_CONFIG, {
    batchSizes: '1,3,10',
    learningRates: '0.01,0.03',
    shuffle: 'both',
    seedsPerSetting: '3',
  });
  expect(await runRows(page)).toEqual(expected.map(rowOf));
});
