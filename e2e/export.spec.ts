// The Export group: the run's CSV against the training log, PNGs of the loss chart, the batch
// composition and the whole dashboard, and the PyTorch script from the same group.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { coloursIn, logLines, openApp, PNG_SIGNATURE, referenceRun, relativeError, trainToEnd } from './helpers';
import { mlpRows, noiseNumbers } from './mlp-noise-reference';

const exportGroup = (page: Page) => page.getByRole('group', { name: 'Export' });

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    exportGroup(page).getByRole('button', { name: button }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** RFC 4180 just enough for this file: commas outside double quotes split fields. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

test('the CSV of a tutorial run has one row per step, and its batches and losses are the log lines', async ({
  page,
}) => {
  await openApp(page);
  await expect(exportGroup(page).getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  await trainToEnd(page);
  const { name, bytes } = await download(page, 'Download CSV');
  expect(name).toBe('minibatch-lab-run-tutorial-linear-b3-seed0.csv');

  const [header, ...rows] = bytes.toString('utf8').trimEnd().split('\n');
  expect(header).toBe(
    'step,epoch,step_in_epoch,batch,batch_size,loss,w,b,params,val_loss,noise_trace,noise_grad_norm_sq,noise_variance,noise_scale',
  );
  expect(rows).toHaveLength(40);
  const log = await logLines(page);
  expect(log).toHaveLength(40);
  rows.forEach((row, i) => {
    const [step, epoch, stepInEpoch, batch, batchSize, loss, w, b, params] = parseCsvLine(row);
    const line = log[i];
    expect(row).toContain(`"${line.batch.join(' ')}"`);
    expect(Number(step)).toBe(i + 1);
    expect([Number(epoch), Number(stepInEpoch)]).toEqual([line.epoch, line.stepInEpoch]);
    expect(batch.split(' ').map(Number)).toEqual(line.batch);
    expect(Number(batchSize)).toBe(line.batch.length);
    // The file keeps full precision; the log prints 4 decimals.
    expect(Number(loss).toFixed(4)).toBe(line.lossText);
    expect(Number.isFinite(Number(w)) && Number.isFinite(Number(b))).toBe(true);
    expect(params).toBe('');
  });
  // 10 = 3 + 3 + 3 + 1: every epoch ends in a batch of one.
  expect(rows.filter((r) => parseCsvLine(r)[4] === '1')).toHaveLength(10);
  // The last row's noise columns (from data moments) are the figure Gradient noise's numbers at
  // step 40 (per-sample gradients, in its worker): two computations of the same quantities.
  const noise = page.getByRole('figure', { name: 'Gradient noise', exact: true });
  await expect(noise).toHaveAttribute('data-step', '40');
  const [trace, , variance, scale] = parseCsvLine(rows[39]).slice(header.split(',').indexOf('noise_trace')).map(Number);
  const near = (a: number, e: number) => expect(Math.abs(a - e) / Math.abs(e)).toBeLessThan(1e-9);
  near(trace, Number(await noise.getAttribute('data-trace')));
  near(variance, Number(await noise.getAttribute('data-variance-formula')));
  near(scale, Number(await noise.getAttribute('data-noise-scale')));
});

test("the CSV of an MLP run: every row's noise columns at the parameters before that step, replayed in a worker", async ({
  page,
}) => {
  await openApp(page, 'model=mlp&hidden=4&act=relu');
  await trainToEnd(page);
  const { name, bytes } = await download(page, 'Download CSV');
  expect(name).toBe('minibatch-lab-run-tutorial-mlp4-b3-seed0.csv');
  const [header, ...rows] = bytes.toString('utf8').trimEnd().split('\n');
  expect(rows).toHaveLength(40);
  const at = header.split(',').indexOf('noise_trace');
  const noise = rows.map((row) => parseCsvLine(row).slice(at).map(Number));
  noise.forEach((columns) => {
    expect(columns).toHaveLength(4);
    columns.forEach((value) => expect(Number.isFinite(value) && value > 0).toBe(true));
  });
  // Against float64 by loops from the engine's float32 parameters (PyTorch's bits for ReLU here).
  const { steps, plan } = referenceRun({ model: 'mlp', hiddenUnits: 4, activation: 'relu' }, 'float32');
  const x = plan.dataset.x;
  const y = plan.dataset.y;
  let largest = 0;
  for (const row of [1, 2, 6, 17, 40]) {
    const before = row === 1 ? plan.initialParameters : steps[row - 2].parameters!;
    const exact = noiseNumbers(mlpRows(x, y, before, 4, 'relu'), 3);
    const wanted = [exact.trace, exact.gradNormSq, exact.variance, exact.scale];
    noise[row - 1].forEach((value, k) => {
      largest = Math.max(largest, relativeError(value, wanted[k]));
      expect(relativeError(value, wanted[k])).toBeLessThan(1e-5);
    });
  }
  console.log(`MLP CSV noise columns: largest relative error ${largest.toExponential(2)} against float64`);
  // The last row is the figure's latest step: the same replay, the same numbers.
  const figure = page.getByRole('figure', { name: 'Gradient noise', exact: true });
  await expect(figure).toHaveAttribute('data-step', '40');
  expect(relativeError(noise[39][0], Number(await figure.getAttribute('data-trace')))).toBeLessThan(1e-12);
  expect(relativeError(noise[39][2], Number(await figure.getAttribute('data-variance-formula')))).toBeLessThan(1e-12);
  await expect(exportGroup(page).getByRole('button', { name: 'Download CSV' })).toBeEnabled();
});

test("a large MLP run's CSV says how far its noise columns are, and 'Save without them' saves it at once without them", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // 100 steps, each a pass over 100,000 samples of 193 gradient coordinates: seconds of work.
  await openApp(page, 'dataset=sine&n=100000&model=mlp&hidden=64&batch=1000&epochs=1');
  await trainToEnd(page, 90_000);
  const button = exportGroup(page).getByRole('button', { name: 'Download CSV' });
  await button.click();
  const progress = exportGroup(page).locator('.export-csv-progress');
  await expect(progress).toContainText("Working out the MLP's gradient-noise columns for the CSV: step");
  await expect(progress).toContainText('of 100');
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute('aria-busy', 'true');
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    exportGroup(page).getByRole('button', { name: 'Save without them' }).click(),
  ]);
  await expect(progress).toHaveCount(0);
  await expect(button).toBeEnabled();
  const [header, ...rows] = (await readFile(await saved.path(), 'utf8')).trimEnd().split('\n');
  expect(rows).toHaveLength(100);
  const at = header.split(',').indexOf('noise_trace');
  expect(rows.every((row) => parseCsvLine(row).slice(at).join('') === '')).toBe(true);
});

test('each chart downloads as a PNG image: loss, batch composition, fit, parameter space', async ({ page }) => {
  await openApp(page);
  await trainToEnd(page);
  for (const [button, suffix] of [
    ['Download loss chart PNG', '-loss.png'],
    ['Download batch composition PNG', '-batches.png'],
    ['Download fit PNG', '-fit.png'],
    ['Download parameter space PNG', '-params.png'],
  ] as const) {
    const { name, bytes } = await download(page, button);
    expect(name.endsWith(suffix)).toBe(true);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // A blank white image of this size compresses to well under 2 KB; a drawn chart does not.
    expect(bytes.length).toBeGreaterThan(5_000);
    // IHDR: width and height (big-endian at bytes 16..24) are those of a chart, not a 1×1 fallback.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(200);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(50);
    if (suffix === '-fit.png' || suffix === '-params.png') {
      // The drawing itself, not only a frame: the fit's blue model line, the parameter space's
      // vermillion full-data arrow and its dark path, at the image's own size (2 pixels per CSS pixel).
      const whole = { x: 0, y: 0, width: bytes.readUInt32BE(16) / 2, height: bytes.readUInt32BE(20) / 2 };
      const colours = suffix === '-fit.png' ? ['#0072B2'] : ['#D55E00', '#111418'];
      const { counts } = await coloursIn(page, bytes, whole, 2, colours);
      for (const n of counts) expect(n).toBeGreaterThan(100);
    }
  }
  await expect(exportGroup(page).getByRole('alert')).toHaveCount(0);
});

/** Where to look in the dashboard image: an element's box relative to the dashboard, in CSS pixels. */
async function boxIn(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const main = document.querySelector('main.main')!.getBoundingClientRect();
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { x: r.left - main.left, y: r.top - main.top, width: r.width, height: r.height };
  }, selector);
}

test('the whole dashboard downloads as one PNG with the status, the loss chart and the composition canvas in it', async ({
  page,
}) => {
  await openApp(page);
  await trainToEnd(page);
  const main = (await page.locator('main.main').boundingBox())!;
  const logScroll = () => page.locator('.log').evaluate((el) => el.scrollTop);
  const scrolled = await logScroll();
  expect(scrolled).toBeGreaterThan(0); // the log follows its newest line
  const { name, bytes } = await download(page, 'Download dashboard PNG');
  // The capture pictures the log as scrolled (dashboard-png.ts) and leaves it where it was.
  expect(await logScroll()).toBe(scrolled);
  expect(name).toBe('minibatch-lab-tutorial-b3-seed0-dashboard.png');
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  await expect(exportGroup(page).getByRole('alert')).toHaveCount(0);

  // IHDR: the dashboard's size at 2 image pixels per CSS pixel (dashboard-png.ts; this one is small enough).
  const scale = 2;
  const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  expect(Math.abs(width - main.width * scale)).toBeLessThanOrEqual(2 * scale);
  expect(Math.abs(height - main.height * scale)).toBeLessThanOrEqual(2 * scale);

  // Boxes are measured unscrolled: the image lays the page out from its top, and a scrolled page would
  // have moved the sticky loss chart (App.css) from where the image has it.
  await page.evaluate(() => window.scrollTo(0, 0));
  // The loss chart (a recharts SVG): its blue step curve and orange epoch means are drawn.
  const loss = await coloursIn(page, bytes, await boxIn(page, 'figure.loss-chart .recharts-wrapper > svg'), scale, [
    '#0072B2',
    '#D55E00',
  ]);
  expect(loss.counts[0]).toBeGreaterThan(200);
  expect(loss.counts[1]).toBeGreaterThan(200);
  // The batch composition (a <canvas>): the four batch colours fill most of it, so it is not blank.
  const batches = await coloursIn(
    page,
    bytes,
    await boxIn(page, 'figure.batch-composition canvas.batch-canvas'),
    scale,
    ['#E69F00', '#56B4E9', '#009E73', '#F0E442'],
  );
  // Batches 1 to 3 fill three tenths each; batch 4, the short last one, a tenth under its hatching.
  for (const count of batches.counts) expect(count).toBeGreaterThan(batches.total * 0.02);
  expect(Math.min(...batches.counts.slice(0, 3))).toBeGreaterThan(batches.total * 0.15);
  expect(batches.white).toBeLessThan(batches.total * 0.5);
  // The status panel's green "finished" edge (#009e73) is there, at the top-left.
  const status = await coloursIn(page, bytes, await boxIn(page, '.status'), scale, ['#009E73']);
  expect(status.counts[0]).toBeGreaterThan(100);
});

test('the PyTorch script comes from the Export group', async ({ page }) => {
  await openApp(page, 'batch=4');
  const { name, bytes } = await download(page, 'Export as PyTorch script');
  expect(name.endsWith('.py')).toBe(true);
  expect(bytes.toString('utf8')).toContain('batch_size=4');
});
