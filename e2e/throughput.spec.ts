// The throughput lab on WebGPU: a sweep over batch sizes 1, 2, 4, … N measures every size, the chart
// draws each point, the CSV holds the same numbers, every tensor and GPU buffer is freed, and the run
// trains exactly as before afterwards. No timing assertions: only that each size was measured.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { formatLogLine } from '../src/engine/format';
import { curveColour } from '../src/ui/sweep-series';
import {
  coloursIn,
  logLines,
  openApp,
  PNG_SIGNATURE,
  referenceTrace,
  status,
  trainingLog,
  trainToEnd,
} from './helpers';

const lab = (page: Page) => page.locator('.throughput-lab');
const body = (page: Page) => page.locator('.throughput-body');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run throughput sweep' });

async function openLab(page: Page): Promise<void> {
  await lab(page).getByText('Throughput lab', { exact: false }).first().click();
  await expect(runButton(page)).toBeVisible();
}

function parseCsv(text: string): Record<string, string>[] {
  // No field of ours holds a newline; quoted fields may hold commas.
  const split = (line: string) =>
    [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
      .slice(0, -1)
      .map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  const [header, ...rows] = text.trimEnd().split('\n');
  const names = split(header);
  return rows.map((row) => Object.fromEntries(split(row).map((value, i) => [names[i], value])));
}

/** Runs a sweep to its end and checks points, chart, CSV and tensors; returns the CSV rows. */
async function sweepAndCheck(page: Page, batchSizes: number[]) {
  const tensorsBefore = await status(page).getAttribute('data-tensors');
  expect(tensorsBefore).not.toBeNull();
  await runButton(page).click();
  await expect(body(page)).toHaveAttribute('data-phase', 'running');
  await expect(page.getByRole('button', { name: 'Cancel sweep' })).toBeEnabled();
  await expect(body(page)).toHaveAttribute('data-phase', 'complete', { timeout: 60_000 });
  await expect(body(page)).toHaveAttribute('data-batch-sizes', batchSizes.join(' '));

  // Every batch size measured, samples/s > 0.
  const rows = page.getByRole('table', { name: 'Sweep results' }).locator('tbody tr');
  await expect(rows).toHaveCount(batchSizes.length);
  const measured = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      batchSize: Number(tr.getAttribute('data-batch-size')),
      samplesPerSecond: Number(tr.getAttribute('data-samples-per-second')),
      // The spread of its timing repeats (absent: one timing only, no spread).
      min: Number(tr.getAttribute('data-samples-per-second-min') ?? tr.getAttribute('data-samples-per-second')),
      max: Number(tr.getAttribute('data-samples-per-second-max') ?? tr.getAttribute('data-samples-per-second')),
      secondsPerEpoch: Number(tr.getAttribute('data-seconds-per-epoch')),
      finalLoss: Number(tr.getAttribute('data-final-loss')),
    })),
  );
  expect(measured.map((m) => m.batchSize)).toEqual(batchSizes);
  for (const m of measured) {
    expect(m.samplesPerSecond).toBeGreaterThan(0);
    expect(m.min).toBeLessThanOrEqual(m.max);
    expect(m.secondsPerEpoch).toBeGreaterThan(0);
    expect(Number.isFinite(m.finalLoss)).toBe(true);
  }

  // The chart draws a point per batch size on both lines, and a loss curve per batch size.
  const figure = page.getByRole('figure', { name: 'Throughput by batch size' });
  await expect(figure).toBeVisible();
  await expect(figure.locator('circle.sweep-rate-dot')).toHaveCount(batchSizes.length);
  await expect(figure.locator('circle.sweep-epoch-dot')).toHaveCount(batchSizes.length);
  const xs = await figure
    .locator('circle.sweep-rate-dot')
    .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cx'))));
  for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]); // log 2 axis, increasing
  for (const name of ['Loss against wall-clock time', 'Loss against epochs']) {
    const curves = page.getByRole('figure', { name }).locator('.sweep-loss-curve path.recharts-line-curve');
    await expect(curves).toHaveCount(batchSizes.length);
  }

  // The CSV: one row per batch size, the same numbers.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download sweep CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^throughput-sweep-.*-webgpu\.csv$/);
  const csv = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(csv).toHaveLength(batchSizes.length);
  csv.forEach((row, i) => {
    expect(Number(row.batch_size)).toBe(measured[i].batchSize);
    expect(Number(row.samples_per_second)).toBe(measured[i].samplesPerSecond);
    expect(Number(row.seconds_per_epoch)).toBe(measured[i].secondsPerEpoch);
    expect(Number(row.final_loss)).toBe(measured[i].finalLoss);
    expect(Number(row.samples) / Number(row.seconds)).toBeCloseTo(Number(row.samples_per_second), 6);
    expect(row.backend).toBe('webgpu');
  });

  // Every tensor and GPU buffer of the sweep is freed: the status is back to its level.
  const tensors = page.locator('.sweep-tensors');
  await expect(tensors).toHaveAttribute('data-tensors-after', tensorsBefore!);
  await expect(tensors).toHaveAttribute('data-tensors-before', tensorsBefore!);
  await expect(status(page)).toHaveAttribute('data-tensors', tensorsBefore!);

  // The words for students, with this sweep's numbers: a fastest batch size only when its slowest
  // timing beats every other one's fastest, else the top ones named as within noise.
  const finding = (await page.locator('.sweep-findings li').first().textContent()) ?? '';
  const winner = /batch size (\d+) processed the most samples per second/.exec(finding);
  const fastest = measured.reduce((a, b) => (b.samplesPerSecond > a.samplesPerSecond ? b : a));
  const others = measured.filter((m) => m !== fastest);
  if (winner) {
    expect(Number(winner[1])).toBe(fastest.batchSize);
    for (const m of others) expect(fastest.min).toBeGreaterThan(m.max);
  } else {
    const tied = /batch sizes ([\d, ]+) processed about as many samples per second/.exec(finding);
    expect(tied, finding).not.toBeNull();
    const sizes = tied![1].split(', ').map(Number);
    expect(sizes).toContain(fastest.batchSize);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(finding).toContain('none of them is faster beyond the noise');
  }
  return csv;
}

test.describe('throughput lab', () => {
  test('tutorial data: batch sizes 1, 2, 4, 8, 10 measured, then the run trains as before', async ({ page }) => {
    await openApp(page);
    await expect(status(page)).toHaveAttribute('data-backend', 'webgpu');
    await openLab(page);
    const csv = await sweepAndCheck(page, [1, 2, 4, 8, 10]);
    expect(csv.map((r) => Number(r.steps_per_epoch))).toEqual([10, 5, 3, 2, 1]);
    expect(csv.every((r) => r.engine.startsWith('fused WGSL'))).toBe(true);
    // Five curves: a legend entry each.
    await expect(page.getByRole('figure', { name: 'Loss against epochs' }).locator('.chart-legend li')).toHaveCount(5);

    // The three charts as one PNG, at 2 image pixels per CSS pixel: the rate chart's blue samples/s
    // and vermillion time-per-epoch lines are in its box, the loss curves in theirs.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download sweep PNG' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('throughput-sweep-tutorial-n10-linear-webgpu.png');
    const png = await readFile(await file.path());
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const area = (await page.locator('.throughput-charts').boundingBox())!;
    expect(Math.abs(png.readUInt32BE(16) - area.width * 2)).toBeLessThanOrEqual(4);
    expect(Math.abs(png.readUInt32BE(20) - area.height * 2)).toBeLessThanOrEqual(4);
    /** A figure's box relative to the charts' area, in CSS pixels (both measured now, at one scroll). */
    const boxOf = (name: string) =>
      page.getByRole('figure', { name }).evaluate((figure) => {
        const outer = figure.closest('.throughput-charts')!.getBoundingClientRect();
        const r = figure.getBoundingClientRect();
        return { x: r.left - outer.left, y: r.top - outer.top, width: r.width, height: r.height };
      });
    const rate = await coloursIn(page, png, await boxOf('Throughput by batch size'), 2, ['#0072B2', '#D55E00']);
    for (const count of rate.counts) expect(count).toBeGreaterThan(100);
    // The first and last batch sizes' loss curves (sweep-series.ts colours them along a ramp).
    const ramp = [curveColour(0, 5), curveColour(4, 5)];
    const curves = await coloursIn(page, png, await boxOf('Loss against epochs'), 2, ramp);
    for (const count of curves.counts) expect(count).toBeGreaterThan(30);
    await expect(lab(page).getByRole('alert')).toHaveCount(0);

    // The run afterwards: the tutorial's 40 lines, as PyTorch prints them (float32 reference).
    await trainToEnd(page);
    expect(await logLines(page)).toHaveLength(40);
    const { steps } = referenceTrace({}, 'float32');
    const shown = await trainingLog(page).getByRole('listitem').allTextContents();
    expect(shown.map((t) => t.trim())).toEqual(
      steps.map((s) => formatLogLine(s.epoch, 10, s.stepInEpoch, 4, s.batch, s.loss)),
    );
  });

  test('line, N = 10,000: every power of two up to 8,192, then 10,000', async ({ page }) => {
    await openApp(page, 'dataset=line&n=10000');
    await openLab(page);
    const sizes = [...Array.from({ length: 14 }, (_, k) => 2 ** k), 10_000];
    await sweepAndCheck(page, sizes);
    // Powers of two are labelled exactly (1024, not "1.02 k"); 10,000 with its grouping.
    const ticks = await page
      .getByRole('figure', { name: 'Throughput by batch size' })
      .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .allTextContents();
    expect(ticks).toContain('1024');
    expect(ticks).toContain('4096');
    expect(ticks.at(-1)).toBe('10,000');
    for (const tick of ticks) expect(tick).not.toMatch(/k$/);
    // 15 curves: no legend entry each, one colour scale by batch size, its ends and middle named.
    for (const name of ['Loss against wall-clock time', 'Loss against epochs']) {
      const figure = page.getByRole('figure', { name });
      await expect(figure.locator('.chart-legend li')).toHaveCount(0);
      const scale = figure.locator('.sweep-colour-scale');
      await expect(scale).toHaveAttribute('data-batch-sizes', sizes.join(' '));
      await expect(scale).toContainText('Colour: batch size');
      await expect(scale.locator('.sweep-colour-labels > span')).toHaveText(['B = 1', 'B = 128', 'B = 10,000']);
    }
    await trainToEnd(page);
    await expect(status(page)).toHaveAttribute('data-state', 'finished');
  });

  test('refused while a run trains; Cancel stops a sweep and frees everything', async ({ page }) => {
    await openApp(page, 'dataset=line&n=10000&speed=1');
    await openLab(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status(page)).toHaveAttribute('data-state', 'running');
    await expect(runButton(page)).toBeDisabled();
    await expect(lab(page)).toContainText('Pause the run first');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(status(page)).toHaveAttribute('data-state', 'paused');
    const tensorsBefore = await status(page).getAttribute('data-tensors');

    await runButton(page).click();
    await expect(body(page)).toHaveAttribute('data-phase', 'running');
    await page.getByRole('button', { name: 'Cancel sweep' }).click();
    await expect(body(page)).toHaveAttribute('data-phase', 'cancelled');
    await expect(page.locator('.sweep-tensors')).toHaveAttribute('data-tensors-after', tensorsBefore!);
    await expect(status(page)).toHaveAttribute('data-tensors', tensorsBefore!);
    await expect(status(page)).toHaveAttribute('data-state', 'paused'); // the run is where it was
  });
});
