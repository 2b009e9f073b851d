// The figure "Gradient noise" in real Chromium: its machine-readable numbers against an independent
// float64 computation here (per-sample gradients written out, subsets enumerated by loops), for
// the tutorial at step 1, a pointed step, sampling with replacement, a sampled N = 100,000 and
// 1,000,000, and the MLP.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_CONFIG, type RunConfig } from '../src/engine/config';
import { createRunPlan } from '../src/engine/plan';
import {
  openApp,
  pointAtStep,
  recordLongTasks,
  referenceRun,
  referenceTrace,
  relativeError,
  status,
  takeLongTasks,
  trainToEnd,
} from './helpers';
import { mlpRows, noiseNumbers } from './mlp-noise-reference';

const noiseFigure = (page: Page) => page.getByRole('figure', { name: 'Gradient noise', exact: true });

type Vec = number[];
const tutorialX = Array.from({ length: 10 }, (_, i) => i + 1);
const tutorialY = tutorialX.map((x) => 2 * x);

function linearRows(x: ArrayLike<number>, y: ArrayLike<number>, w: number, b: number): Vec[] {
  return Array.from({ length: x.length }, (_, i) => {
    const r = w * x[i] + b - y[i];
    return [2 * r * x[i], 2 * r];
  });
}

const meanOf = (rows: Vec[]) => rows[0].map((_, k) => rows.reduce((s, r) => s + r[k], 0) / rows.length);
const dist2 = (a: Vec, b: Vec) => a.reduce((s, ak, k) => s + (ak - b[k]) ** 2, 0);

/** tr Σ, |G|² and the mean of |g_B − G|² over all 3-subsets (or all ordered triples), by loops. */
function exactNoise(rows: Vec[], replacement: boolean) {
  const g = meanOf(rows);
  const trace = rows.reduce((s, r) => s + dist2(r, g), 0) / rows.length;
  const n = rows.length;
  let total = 0;
  let count = 0;
  for (let a = 0; a < n; a++) {
    for (let b = replacement ? 0 : a + 1; b < n; b++) {
      for (let c = replacement ? 0 : b + 1; c < n; c++) {
        total += dist2(meanOf([rows[a], rows[b], rows[c]]), g);
        count += 1;
      }
    }
  }
  return {
    trace,
    gradNormSq: dist2(
      g,
      g.map(() => 0),
    ),
    measured: total / count,
    count,
  };
}

/** The mean of |g_B − G|² over every subset of each size B = 1 … N, by bit masks (N ≤ 20). */
function exactBySize(rows: Vec[]): number[] {
  const g = meanOf(rows);
  const total = rows.map(() => 0);
  const count = rows.map(() => 0);
  for (let mask = 1; mask < 1 << rows.length; mask++) {
    const members = rows.filter((_, i) => mask & (1 << i));
    total[members.length - 1] += dist2(meanOf(members), g);
    count[members.length - 1] += 1;
  }
  return total.map((t, k) => t / count[k]);
}

async function numbers(page: Page) {
  const figure = noiseFigure(page);
  const read = async (name: string) => Number(await figure.getAttribute(name));
  return {
    step: await read('data-step'),
    drawn: await read('data-batches-drawn'),
    enumerated: await figure.getAttribute('data-enumerated'),
    variance: await read('data-variance'),
    formula: await read('data-variance-formula'),
    scale: await read('data-noise-scale'),
  };
}

async function initialLinear(page: Page) {
  return { w: Number(await status(page).getAttribute('data-w')), b: Number(await status(page).getAttribute('data-b')) };
}

test('tutorial at step 1: all C(10, 3) = 120 batches, measured = formula = an independent computation', async ({
  page,
}) => {
  await openApp(page);
  const figure = noiseFigure(page);
  await expect(figure).toHaveAttribute('data-step', '1');
  await expect(figure).toHaveAttribute('data-enumerated', '1');
  await expect(figure).toHaveAttribute('data-batches-drawn', '120');
  const shown = await numbers(page);
  const { w, b } = await initialLinear(page);
  const exact = exactNoise(linearRows(tutorialX, tutorialY, w, b), false);
  expect(exact.count).toBe(120);
  expect(relativeError(shown.variance, shown.formula)).toBeLessThan(1e-9);
  expect(relativeError(shown.variance, exact.measured)).toBeLessThan(1e-9);
  expect(relativeError(shown.formula, ((exact.trace / 3) * 7) / 9)).toBeLessThan(1e-9);
  expect(relativeError(shown.scale, exact.trace / exact.gradNormSq)).toBeLessThan(1e-9);
  // 120 dots on the canvas under the plot, and in its pixels: the dots' colour, inside the plot frame only.
  const dots = figure.locator('canvas.noise-dots');
  await expect(dots).toHaveAttribute('data-dots', '120');
  const painted = await dots.evaluate((canvas: HTMLCanvasElement) => {
    const { width, height } = canvas;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    let blue = 0;
    let outside = 0;
    const left = (64 / 640) * width;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) continue;
      if (pixels[i + 2] > pixels[i] + 60) blue += 1;
      if ((i / 4) % width < left - 1) outside += 1;
    }
    return { blue, outside };
  });
  expect(painted.blue).toBeGreaterThan(120 * 4);
  expect(painted.outside).toBe(0);
  await expect(figure).toContainText('B_simple');
  // The log–log chart's measured points: every B = 1 … 10, each the exact mean over all C(10, B).
  const chart = figure.getByRole('img', {
    name: 'Log–log chart: the spread of the mini-batch gradient against B, from 1 to N',
  });
  const curve = JSON.parse((await chart.getAttribute('data-curve-measured')) ?? '[]') as [number, number][];
  const bySize = exactBySize(linearRows(tutorialX, tutorialY, w, b));
  expect(curve.map(([size]) => size)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  curve.slice(0, 9).forEach(([, value], k) => expect(relativeError(value, bySize[k])).toBeLessThan(1e-9));
  expect(curve[9][1]).toBe(0);
  expect(curve[2][1]).toBe(shown.variance);
  await expect(chart.locator('.noise-curve-point')).toHaveCount(10);
  // Step 1's batch is drawn when it trains; then it is marked, at the same (initial) parameters.
  await expect(figure.locator('path.noise-actual')).toHaveCount(0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(figure.locator('path.noise-actual')).toHaveCount(1);
  await expect(figure).toHaveAttribute('data-step', '1');
  expect((await numbers(page)).variance).toBe(shown.variance);
});

test('with a validation split: the training samples only, all C(8, 3) = 56 batches of the 8 left', async ({ page }) => {
  await openApp(page, 'val=0.2');
  const figure = noiseFigure(page);
  await expect(figure).toHaveAttribute('data-step', '1');
  await expect(figure).toHaveAttribute('data-enumerated', '1');
  await expect(figure).toHaveAttribute('data-batches-drawn', '56');
  const shown = await numbers(page);
  const { w, b } = await initialLinear(page);
  // The held-out samples (random_split's, PyTorch's to the index: validation.test.ts) take no part.
  const heldOut = new Set(createRunPlan({ ...DEFAULT_CONFIG, validationSplit: 0.2 }).heldOut);
  expect(heldOut.size).toBe(2);
  const kept = tutorialX.map((_, i) => i).filter((i) => !heldOut.has(i));
  const exact = exactNoise(
    linearRows(
      kept.map((i) => tutorialX[i]),
      kept.map((i) => tutorialY[i]),
      w,
      b,
    ),
    false,
  );
  expect(exact.count).toBe(56);
  expect(relativeError(shown.variance, exact.measured)).toBeLessThan(1e-9);
  expect(relativeError(shown.formula, ((exact.trace / 3) * 5) / 7)).toBeLessThan(1e-9);
  expect(relativeError(shown.scale, exact.trace / exact.gradNormSq)).toBeLessThan(1e-9);
});

test('the figure follows the latest step and the step pointed at, at the parameters before its update', async ({
  page,
}) => {
  await openApp(page);
  await trainToEnd(page);
  const figure = noiseFigure(page);
  await expect(figure).toHaveAttribute('data-step', '40');
  const latest = await numbers(page);
  // The app's backends train in float32; the engine's float32 reference is what they reproduce.
  const { steps } = referenceTrace({}, 'float32');
  const before40 = steps[38];
  const exact40 = exactNoise(linearRows(tutorialX, tutorialY, before40.params.w, before40.params.b), false);
  expect(relativeError(latest.formula, ((exact40.trace / 3) * 7) / 9)).toBeLessThan(1e-4);

  // Batch 2 of epoch 2 is step 6, through the loss chart's pointer.
  const area = page.getByRole('figure', { name: 'Loss', exact: true }).locator('.loss-pointer-area');
  const box = (await area.boundingBox())!;
  await area.hover({ position: { x: box.width * (6 / 40), y: box.height / 2 } });
  await expect(page.locator('.loss-hover')).toHaveAttribute('data-step', '6');
  await expect(figure).toHaveAttribute('data-step', '6');
  const pointed = await numbers(page);
  const before6 = steps[4];
  const exact6 = exactNoise(linearRows(tutorialX, tutorialY, before6.params.w, before6.params.b), false);
  expect(relativeError(pointed.variance, pointed.formula)).toBeLessThan(1e-9);
  expect(relativeError(pointed.formula, ((exact6.trace / 3) * 7) / 9)).toBeLessThan(1e-4);
  expect(relativeError(pointed.scale, exact6.trace / exact6.gradNormSq)).toBeLessThan(1e-4);
  expect(pointed.variance).not.toBe(latest.variance);
  await page.mouse.move(0, 0);
  await expect(figure).toHaveAttribute('data-step', '40');
});

test('with replacement: all 10^3 ordered draws, E|g_B − G|² = tr Σ / B', async ({ page }) => {
  await openApp(page, 'replacement=1');
  const figure = noiseFigure(page);
  await expect(figure).toHaveAttribute('data-batches-drawn', '1000');
  await expect(figure).toHaveAttribute('data-enumerated', '1');
  const shown = await numbers(page);
  const { w, b } = await initialLinear(page);
  const exact = exactNoise(linearRows(tutorialX, tutorialY, w, b), true);
  expect(exact.count).toBe(1000);
  expect(relativeError(shown.formula, exact.trace / 3)).toBeLessThan(1e-9);
  expect(relativeError(shown.variance, exact.measured)).toBeLessThan(1e-9);
  await expect(figure).toContainText('E|g_B − G|² = tr Σ / B =');
});

/**
 * A tolerance for the mean of 5,000 drawn |g_B − G|²: 6 standard errors, the standard deviation
 * estimated here from 20,000 draws of our own (a different generator from the page's).
 */
function sampledTolerance(rows: Vec[], batch: number, replacement: boolean): number {
  const g = meanOf(rows);
  let state = 12345;
  const below = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
  const values: number[] = [];
  for (let k = 0; k < 20_000; k++) {
    const picked: number[] = [];
    while (picked.length < batch) {
      const i = below(rows.length);
      if (replacement || !picked.includes(i)) picked.push(i);
    }
    values.push(dist2(meanOf(picked.map((i) => rows[i])), g));
  }
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return (6 * sd) / Math.sqrt(5000);
}

for (const { n, replacement } of [
  { n: 100_000, replacement: false },
  { n: 1_000_000, replacement: true },
]) {
  test(`N = ${n.toLocaleString('en')}${replacement ? ' with replacement' : ''}: 5,000 drawn batches agree with the formula`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await recordLongTasks(page);
    const query = `dataset=line&n=${n}${replacement ? '&replacement=1' : ''}`;
    await openApp(page, query);
    const figure = noiseFigure(page);
    await expect(figure).toHaveAttribute('data-enumerated', '0', { timeout: 60_000 });
    await expect(figure).toHaveAttribute('data-batches-drawn', '5000');
    const shown = await numbers(page);
    const config: RunConfig = { ...DEFAULT_CONFIG, dataset: 'line', samples: n, replacement };
    const { dataset } = createRunPlan(config);
    const { w, b } = await initialLinear(page);
    const rows = linearRows(dataset.x, dataset.y, w, b);
    const g = meanOf(rows);
    const trace = rows.reduce((s, r) => s + dist2(r, g), 0) / n;
    const formula = replacement ? trace / 3 : ((trace / 3) * (n - 3)) / (n - 1);
    expect(relativeError(shown.formula, formula)).toBeLessThan(1e-9);
    expect(relativeError(shown.scale, trace / dist2(g, [0, 0]))).toBeLessThan(1e-9);
    expect(Math.abs(shown.variance - formula)).toBeLessThan(sampledTolerance(rows, 3, replacement));
    // Recorded, not asserted: how long the page's thread was held. First the page's load and its
    // first picture, then one step and the picture recomputed at N samples (the batch now marked).
    const say = (phase: string, tasks: number[]) =>
      console.log(
        `gradient noise, N = ${n}, ${phase}: ${tasks.length} main-thread tasks over 50 ms, longest ${Math.round(Math.max(0, ...tasks))} ms`,
      );
    say('load and first picture', await takeLongTasks(page));
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(figure.locator('path.noise-actual')).toHaveCount(1, { timeout: 60_000 });
    say('one step and its picture', await takeLongTasks(page));
  });
}

/**
 * 6 standard errors of the mean of 5,000 |g_B − G|² for a large B, where g_B − G is close to normal
 * with covariance C = c·Σ (the central limit theorem): then sd |g_B − G|² = sqrt(2 tr C²).
 */
function largeBatchTolerance(rows: Vec[], factor: number): number {
  const g = meanOf(rows);
  const s = [0, 0, 0];
  for (const r of rows) {
    const [p, q] = [r[0] - g[0], r[1] - g[1]];
    s[0] += p * p;
    s[1] += p * q;
    s[2] += q * q;
  }
  const [a, b, c] = s.map((v) => (v / rows.length) * factor);
  return (6 * Math.sqrt(2 * (a * a + 2 * b * b + c * c))) / Math.sqrt(5000);
}

test('B = 30,000 of N = 100,000: a first picture with what its budget affords, then more batches drawn to 5,000', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Every value the figure's data-batches-drawn takes, from the first picture on.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { drawnSeen: string[] }).drawnSeen = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        const value = (record.target as Element).getAttribute('data-batches-drawn');
        if (value && seen[seen.length - 1] !== value) seen.push(value);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-batches-drawn'] });
  });
  const n = 100_000;
  const batch = 30_000;
  await openApp(page, `dataset=line&n=${n}&batch=${batch}`);
  const figure = noiseFigure(page);
  await expect(figure).toHaveAttribute('data-batches-planned', '5000', { timeout: 60_000 });
  await expect(figure).toHaveAttribute('data-batches-drawn', '5000', { timeout: 150_000 });
  await expect(figure).toContainText(`5,000 batches of B = ${batch.toLocaleString('en')} drawn as the sampler draws`);
  await expect(figure).not.toContainText('drawing more');
  const seen = (await page.evaluate(() => (window as unknown as { drawnSeen: string[] }).drawnSeen)).map(Number);
  expect(seen[0]).toBeGreaterThan(0);
  expect(seen[0]).toBeLessThan(5000);
  expect(seen.length).toBeGreaterThanOrEqual(3);
  for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1]);
  const shown = await numbers(page);
  const { dataset } = createRunPlan({ ...DEFAULT_CONFIG, dataset: 'line', samples: n, batchSize: batch });
  const { w, b } = await initialLinear(page);
  const rows = linearRows(dataset.x, dataset.y, w, b);
  const g = meanOf(rows);
  const trace = rows.reduce((s, r) => s + dist2(r, g), 0) / n;
  const factor = (n - batch) / (batch * (n - 1));
  expect(relativeError(shown.formula, trace * factor)).toBeLessThan(1e-9);
  expect(Math.abs(shown.variance - trace * factor)).toBeLessThan(largeBatchTolerance(rows, factor));
});

test('the MLP: every number in full dimension, enumerated at step 1', async ({ page }) => {
  await openApp(page, 'model=mlp&hidden=4&act=tanh');
  const figure = noiseFigure(page);
  await expect(figure).toHaveAttribute('data-step', '1');
  await expect(figure).toHaveAttribute('data-batches-drawn', '120');
  await expect(figure).toHaveAttribute('data-enumerated', '1');
  const shown = await numbers(page);
  const { initialParameters } = createRunPlan({ ...DEFAULT_CONFIG, model: 'mlp', hiddenUnits: 4, activation: 'tanh' });
  const exact = exactNoise(mlpRows(tutorialX, tutorialY, initialParameters, 4, 'tanh'), false);
  expect(relativeError(shown.variance, exact.measured)).toBeLessThan(1e-9);
  expect(relativeError(shown.formula, ((exact.trace / 3) * 7) / 9)).toBeLessThan(1e-9);
  expect(relativeError(shown.scale, exact.trace / exact.gradNormSq)).toBeLessThan(1e-9);
  await expect(figure).toContainText('The MLP has 13 parameters');
  await expect(figure.getByRole('img', { name: /Scatter plot of the mini-batch gradients/ })).toBeVisible();
});

test('the MLP follows the latest and a pointed step, at the parameters before its update, replayed from a checkpoint', async ({
  page,
}) => {
  // ReLU with batches of 3: the fused WebGPU kernel gives PyTorch's bits (docs/fidelity.md), so on
  // WebGPU the page's checkpoints are the reference's; tfjs op by op is within a few float32 ulps.
  await openApp(page, 'model=mlp&hidden=4&act=relu');
  await trainToEnd(page);
  const figure = noiseFigure(page);
  const { steps, plan } = referenceRun({ model: 'mlp', hiddenUnits: 4, activation: 'relu' }, 'float32');
  expect(steps).toHaveLength(40);
  const before = (s: number) => (s === 0 ? plan.initialParameters : steps[s - 1].parameters!);
  let largest = 0;
  const check = async (step: number) => {
    const exact = noiseNumbers(mlpRows(tutorialX, tutorialY, before(step - 1), 4, 'relu'), 3);
    const read = async (name: string) => Number(await figure.getAttribute(name));
    const errors = [
      relativeError(await read('data-trace'), exact.trace),
      relativeError(await read('data-grad-norm-sq'), exact.gradNormSq),
      relativeError(await read('data-variance-formula'), exact.variance),
      relativeError(await read('data-noise-scale'), exact.scale),
    ];
    largest = Math.max(largest, ...errors);
    errors.forEach((e) => expect(e).toBeLessThan(1e-5));
  };
  // Not pointed: the last step, as for the linear model (no longer "after the run").
  await expect(figure).toHaveAttribute('data-step', '40');
  await check(40);
  await expect(figure.locator('path.noise-actual')).toHaveCount(1);

  // Through the loss chart's pointer, steps until one lies between two checkpoints (the page keeps
  // the parameters after each chunk of steps the worker sends; a chunk grows from 1 step while quick).
  let replayed = 0;
  for (const step of [6, 12, 24, 36, 5, 11, 23, 35, 3]) {
    await pointAtStep(page, step, 40);
    await expect(figure).toHaveAttribute('data-step', String(step));
    await check(step);
    const from = Number(await figure.getAttribute('data-params-from'));
    expect(from).toBeLessThanOrEqual(step - 1);
    if (from < step - 1) {
      replayed = step;
      await expect(figure).toContainText(
        from === 0 ? 'replayed from the initial ones' : `replayed from those after step ${from}`,
      );
      break;
    }
  }
  console.log(
    `the MLP's step ${replayed} was replayed from a checkpoint; largest relative error ${largest.toExponential(2)}`,
  );
  expect(replayed).toBeGreaterThan(0);
});

test('hide=noise leaves the figure out (and, for comparison, records one step at N = 1,000,000 without it)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await recordLongTasks(page);
  await openApp(page, 'dataset=line&n=1000000&replacement=1&hide=noise');
  await expect(page.getByRole('figure', { name: 'Parameter space', exact: true })).toBeVisible();
  await expect(noiseFigure(page)).toHaveCount(0);
  const load = await takeLongTasks(page);
  console.log(
    `without the figure, N = 1000000, load: ${load.length} main-thread tasks over 50 ms, longest ${Math.round(Math.max(0, ...load))} ms`,
  );
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');
  await expect(page.getByRole('figure', { name: 'Fit', exact: true })).toHaveAttribute(
    'data-highlight-source',
    'latest',
  );
  const tasks = await takeLongTasks(page);
  console.log(
    `without the figure, N = 1000000, one step: ${tasks.length} main-thread tasks over 50 ms, longest ${Math.round(Math.max(0, ...tasks))} ms`,
  );
});
