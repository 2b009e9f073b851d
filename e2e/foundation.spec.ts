// The foundation issue end to end, in real Chromium with WebGPU on SwiftShader.
import { expect, test } from '@playwright/test';
import {
  logLines,
  openApp,
  referenceTrace,
  relativeError,
  status,
  SUBPATH_URL,
  trainingLog,
  trainToEnd,
} from './helpers';

test('the tutorial trains on WebGPU: 40 log lines, both charts, losses equal the float64 reference', async ({
  page,
}) => {
  await openApp(page);
  const st = status(page);
  await expect(st).toHaveAttribute('data-backend', 'webgpu');
  await expect(st).toContainText('webgpu');
  // The GPU diagnostics sit behind the backend badge, closed: the first screen is for the lesson.
  const badge = st.getByRole('button', { name: 'Backend: webgpu' });
  const adapter = st.getByText(/^Adapter: .*swiftshader.*\(fallback adapter\)$/i);
  await expect(badge).toHaveAttribute('aria-expanded', 'false');
  await expect(adapter).toBeHidden();
  await badge.click();
  await expect(badge).toHaveAttribute('aria-expanded', 'true');
  await expect(adapter).toBeVisible();
  await expect(st.getByText(/CPU_FORWARD is off: every op runs on the GPU/)).toBeVisible();
  await expect(st.getByText('tfjs tensors held: 8')).toBeVisible();
  await expect(st).toHaveAttribute('data-tensors', '8');

  // Defaults are the tutorial's script.
  await expect(page.getByLabel('Batch size')).toHaveValue('3');
  await expect(page.getByLabel('Shuffle')).toBeChecked();
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.01');
  await expect(page.getByLabel('Epochs')).toHaveValue('10');
  await expect(page.getByLabel('Drop last')).not.toBeChecked();

  await trainToEnd(page);
  await expect(st).toContainText('Finished');

  const lines = await logLines(page);
  expect(lines).toHaveLength(40);
  const { steps } = referenceTrace();
  lines.forEach((line, i) => {
    const ref = steps[i];
    expect(line.epoch).toBe(ref.epoch);
    expect(line.epochs).toBe(10);
    expect(line.stepInEpoch).toBe(ref.stepInEpoch);
    expect(line.stepsPerEpoch).toBe(4);
    expect(line.batch).toEqual(ref.batch);
    // 4 printed decimals: compare with the reference rounded the same way, and within 1e-4.
    expect(Math.abs(line.loss - ref.loss)).toBeLessThanOrEqual(5e-5 + 1e-4 * Math.abs(ref.loss));
  });
  // Every epoch is 3 + 3 + 3 + 1 and a permutation of 0..9, reshuffled.
  for (let e = 0; e < 10; e++) {
    const epoch = lines.slice(4 * e, 4 * e + 4);
    expect(epoch.map((l) => l.batch.length)).toEqual([3, 3, 3, 1]);
    expect(epoch.flatMap((l) => l.batch).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }
  expect(new Set(steps.filter((s) => s.stepInEpoch === 1).map((s) => s.batch.join())).size).toBeGreaterThan(1);

  const lossChart = page.locator('figure', { has: page.getByText('Loss', { exact: true }) }).first();
  await expect(lossChart).toHaveAttribute('data-step-points', '40');
  await expect(lossChart).toHaveAttribute('data-epoch-points', '10');
  // recharts drew real line paths with a point per step (or per LTTB sample).
  const paths = lossChart.locator('path.recharts-curve');
  await expect(paths).toHaveCount(2);
  const d = (await paths.first().getAttribute('d')) ?? '';
  expect(d.split(/[ML]/).filter(Boolean).length).toBeGreaterThanOrEqual(40);

  const composition = page.locator('figure', { has: page.getByText('Batch composition', { exact: true }) });
  await expect(composition).toHaveAttribute('data-epochs', '10');
  await expect(composition).toHaveAttribute('data-batches', '4');
});

test('the logged losses match the reference within 1e-4 relative (unrounded values from the status)', async ({
  page,
}) => {
  // The 4-decimal log hides small errors at small losses; the final parameters do not.
  await openApp(page, 'seed=7');
  await trainToEnd(page);
  const { steps } = referenceTrace({ seed: 7 });
  const last = steps[steps.length - 1];
  const w = Number(await status(page).getAttribute('data-w'));
  const b = Number(await status(page).getAttribute('data-b'));
  expect(relativeError(w, last.params.w)).toBeLessThan(1e-4);
  expect(relativeError(b, last.params.b)).toBeLessThan(1e-4);
});

test('a finished run is announced only when the log, the loss chart and the composition show its last step', async ({
  page,
}) => {
  // At full speed the views redraw ~15 times a second, in turn, and catch up with the last steps after
  // the worker stops; the status must not say "finished" before every one of them has.
  await openApp(page, 'epochs=2000');
  await page.evaluate(() => {
    const target = document.querySelector('[role=status]')!;
    const seen: Record<string, string | null>[] = [];
    (window as unknown as { __atFinish: typeof seen }).__atFinish = seen;
    new MutationObserver(() => {
      if (target.getAttribute('data-state') !== 'finished' || seen.length > 0) return;
      const lines = document.querySelectorAll('[role=log] li');
      seen.push({
        steps: target.getAttribute('data-steps-done'),
        chartSteps: document.querySelector('figure.loss-chart')!.getAttribute('data-step-points'),
        compositionEpochs: document.querySelector('.batch-composition')!.getAttribute('data-epochs'),
        lastLine: lines[lines.length - 1]?.textContent ?? null,
      });
    }).observe(target, { attributes: true, attributeFilter: ['data-state'] });
  });
  await trainToEnd(page);
  const [atFinish] = await page.evaluate(
    () => (window as unknown as { __atFinish: Record<string, string | null>[] }).__atFinish,
  );
  expect(atFinish.steps).toBe('8000');
  expect(atFinish.chartSteps).toBe('8000');
  expect(atFinish.compositionEpochs).toBe('2000');
  expect(atFinish.lastLine).toMatch(/^Epoch \[2000\/2000\], Step \[4\/4\], Batch \[\d+\], Loss: \d+\.\d{4}$/);
});

test('at full speed the loss chart, the log and the composition follow the run while it trains, not only at its end', async ({
  page,
}) => {
  // 400,000 steps, the most a run may have: long enough that a busy machine still sees the views move
  // several times; sampling stops as soon as each view has moved three times.
  await openApp(page, 'epochs=100000');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // What the chart and the log show, sampled every 100 ms while the status says running.
  const seen = await page.evaluate(async () => {
    const status = document.querySelector('[role=status]')!;
    const samples: { chart: number; epochMeans: number; log: string; epochs: number }[] = [];
    const distinct = <T>(values: T[]) => new Set(values).size;
    const enough = () =>
      distinct(samples.map((s) => s.chart).filter((n) => n > 0 && n < 400_000)) >= 3 &&
      distinct(samples.map((s) => s.log).filter((text) => text !== '')) >= 3 &&
      distinct(samples.map((s) => s.epochs).filter((n) => n > 0 && n < 100_000)) >= 3;
    while (status.getAttribute('data-state') !== 'finished' && !enough()) {
      if (status.getAttribute('data-state') === 'running') {
        const lines = document.querySelectorAll('[role=log] li');
        samples.push({
          chart: Number(document.querySelector('figure.loss-chart')!.getAttribute('data-step-points')),
          epochMeans: Number(document.querySelector('figure.loss-chart')!.getAttribute('data-epoch-points')),
          log: lines[lines.length - 1]?.textContent ?? '',
          epochs: Number(document.querySelector('.batch-composition')!.getAttribute('data-epochs')),
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return samples;
  });
  const charts = new Set(seen.map((s) => s.chart).filter((n) => n > 0 && n < 400_000));
  const logs = new Set(seen.map((s) => s.log).filter((text) => text !== ''));
  expect(charts.size, JSON.stringify(seen.map((s) => s.chart))).toBeGreaterThanOrEqual(3);
  expect(logs.size).toBeGreaterThanOrEqual(3);
  expect(new Set(seen.map((s) => s.epochs).filter((n) => n > 0 && n < 100_000)).size).toBeGreaterThanOrEqual(3);
  // The chart's epoch means are those of the steps it draws (4 an epoch), not of steps that came later.
  for (const s of seen) expect(s.epochMeans, JSON.stringify(s)).toBeLessThanOrEqual(Math.floor(s.chart / 4));
});

test('shuffle off, batch 4: [0,1,2,3], [4,5,6,7], [8,9] in every epoch; drop last keeps two', async ({ page }) => {
  await openApp(page, 'batch=4&shuffle=0');
  await trainToEnd(page);
  let lines = await logLines(page);
  expect(lines).toHaveLength(30);
  for (let e = 0; e < 10; e++) {
    expect(lines.slice(3 * e, 3 * e + 3).map((l) => l.batch)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
  }

  await page.getByLabel('Drop last').check();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(page).toHaveURL(/droplast=1/);
  await trainToEnd(page);
  lines = await logLines(page);
  expect(lines).toHaveLength(20);
  for (let e = 0; e < 10; e++) {
    expect(lines.slice(2 * e, 2 * e + 2).map((l) => l.batch)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect(lines[2 * e].stepsPerEpoch).toBe(2);
  }
});

test('Pause, Step and Reset work mid-run and Reset frees every tensor of the run', async ({ page }) => {
  await openApp(page, 'speed=5');
  const st = status(page);
  const tensorsAtReady = Number(await st.getAttribute('data-tensors'));
  expect(tensorsAtReady).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(st).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => Number(await st.getAttribute('data-steps-done'))).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(st).toHaveAttribute('data-state', 'paused');
  const paused = Number(await st.getAttribute('data-steps-done'));
  await page.waitForTimeout(600); // slow motion is 5 steps/s: a running loop would have moved on
  expect(Number(await st.getAttribute('data-steps-done'))).toBe(paused);

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(st).toHaveAttribute('data-steps-done', String(paused + 1));
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(paused + 1);

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(st).toHaveAttribute('data-state', 'ready');
  await expect(st).toHaveAttribute('data-steps-done', '0');
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(0);
  await expect(st).toHaveAttribute('data-tensors', String(tensorsAtReady));

  // Step works straight from a fresh run too, and so does Train after it.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(st).toHaveAttribute('data-steps-done', '1');
  await page.getByLabel('Speed').selectOption({ label: 'Max' });
  await trainToEnd(page);
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(40);
  await expect(st).toHaveAttribute('data-tensors', String(tensorsAtReady));
});

test('every setting comes from the URL, and the controls write it back', async ({ page }) => {
  await openApp(page, 'batch=5&shuffle=0&lr=0.02&epochs=3&seed=42&droplast=1');
  await expect(page.getByLabel('Batch size')).toHaveValue('5');
  await expect(page.getByLabel('Shuffle')).not.toBeChecked();
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.02');
  await expect(page.getByLabel('Epochs')).toHaveValue('3');
  await expect(page.getByLabel('Seed')).toHaveValue('42');
  await expect(page.getByLabel('Drop last')).toBeChecked();
  await trainToEnd(page);
  const lines = await logLines(page);
  expect(lines).toHaveLength(6);
  const { steps } = referenceTrace({
    batchSize: 5,
    shuffle: false,
    learningRate: 0.02,
    epochs: 3,
    seed: 42,
    dropLast: true,
  });
  lines.forEach((l, i) => expect(Math.abs(l.loss - steps[i].loss)).toBeLessThanOrEqual(5e-5 + 1e-4 * steps[i].loss));

  const batch = page.getByLabel('Batch size');
  await batch.fill('2');
  await batch.blur();
  await expect(page).toHaveURL(/batch=2/);
  await page.reload();
  await expect(page.getByLabel('Batch size')).toHaveValue('2');
});

test('a bad value in the URL falls back to the default and says so', async ({ page }) => {
  await openApp(page, 'batch=0&lr=abc');
  await expect(page.getByLabel('Batch size')).toHaveValue('3');
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.01');
  await expect(page.getByText(/ignored/i).first()).toBeVisible();
});

test('the built site works from a sub-path (GitHub Pages style)', async ({ page }) => {
  await openApp(page, 'batch=10&epochs=2', SUBPATH_URL);
  await trainToEnd(page);
  const lines = await logLines(page);
  expect(lines.map((l) => l.batch.length)).toEqual([10, 10]);
});
