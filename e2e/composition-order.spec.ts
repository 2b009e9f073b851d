// The batch composition's Order (issue 15, point 3): As drawn colours positions in the epoch's order,
// By sample one column per sample index in the colour of its batch. At N = 100,000 the old chart was
// the same picture whether shuffled or not; by sample (the default there) it is not. The order is a
// view option (corder=), never a new run; with replacement and drop last the cells say which samples
// were drawn twice or not at all, read here pixel by pixel against the training log.
import { expect, test, type Page } from '@playwright/test';
import { makeBatchLayout, sampleX } from '../src/ui/batch-layout';
import { innerHeight } from '../src/ui/batch-painter';
import { BATCH_COLOURS } from '../src/ui/palette';
import {
  logLines,
  openApp,
  parseLogLine,
  recordLongTasks,
  status,
  takeLongTasks,
  trainToEnd,
  type LogLine,
} from './helpers';

const composition = (page: Page) => page.getByRole('figure', { name: 'Batch composition', exact: true });
const orderSelect = (page: Page) => composition(page).getByRole('combobox', { name: 'Order', exact: true });
/** The canvas as a PNG data URL, or '' while nothing is drawn on it (by sample loads a moment later). */
const canvasPixels = (page: Page) =>
  composition(page)
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const drawn = c
        .getContext('2d')!
        .getImageData(0, 0, c.width, c.height)
        .data.some((v, i) => i % 4 === 3 && v > 0);
      return drawn ? c.toDataURL() : '';
    });

async function stepOnce(page: Page) {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');
  await expect(composition(page)).toHaveAttribute('data-epochs', /^[1-9]/);
}

/** The chart's picture once its rows are all made (they are summarised a few a frame). */
async function settledPixels(page: Page): Promise<string> {
  let last = '';
  await expect
    .poll(async () => {
      const now = await canvasPixels(page);
      const same = now !== '' && now === last;
      last = now;
      return same;
    })
    .toBe(true);
  return last;
}

test('the tutorial opens as drawn (cells carry their numbers); Order switches without a new run and is kept in the link', async ({
  page,
}) => {
  await openApp(page);
  await expect(composition(page)).toHaveAttribute('data-order', 'drawn');
  await expect(orderSelect(page)).toHaveValue('drawn');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '2');
  const before = await logLines(page);

  await orderSelect(page).selectOption({ label: 'By sample' });
  await expect(composition(page)).toHaveAttribute('data-order', 'sample');
  await expect(page).toHaveURL(/[?&]corder=sample(&|$)/);
  await expect(composition(page).locator('.batch-scale')).toHaveText('one column per sample, 0 … 9');
  // A view option: the run goes on where it was.
  await expect(status(page)).toHaveAttribute('data-steps-done', '2');
  expect(await logLines(page)).toEqual(before);

  await page.reload();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(composition(page)).toHaveAttribute('data-order', 'sample');
  await expect(orderSelect(page)).toHaveValue('sample');
  await orderSelect(page).selectOption({ label: 'As drawn' });
  await expect(page).toHaveURL(/[?&]corder=drawn(&|$)/);
});

test('N = 100,000: by sample (the default) shows the shuffle; as drawn is the same picture either way', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const pictures: Record<string, string> = {};
  for (const shuffle of ['1', '0']) {
    await openApp(page, `dataset=line&n=100000&shuffle=${shuffle}`);
    await expect(composition(page)).toHaveAttribute('data-order', 'sample');
    await expect(orderSelect(page)).toHaveValue('sample');
    await stepOnce(page);
    pictures[`sample${shuffle}`] = await settledPixels(page);
    await orderSelect(page).selectOption('drawn');
    await expect(composition(page)).toHaveAttribute('data-order', 'drawn');
    pictures[`drawn${shuffle}`] = await settledPixels(page);
  }
  // The old problem: positions are coloured, so the shuffle does not show.
  expect(pictures.drawn1).toBe(pictures.drawn0);
  expect(pictures.sample1).not.toBe(pictures.sample0);
  expect(pictures.sample1).not.toBe(pictures.drawn1);

  // A link's corder wins over the default.
  await openApp(page, 'dataset=line&n=100000&corder=drawn');
  await expect(composition(page)).toHaveAttribute('data-order', 'drawn');
});

/** The colour at CSS pixel (x, y) of the composition canvas (device pixel ratio 1 here). */
async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number, number]> {
  return composition(page)
    .locator('canvas')
    .evaluate(
      (c: HTMLCanvasElement, [px, py]) => {
        const d = c.getContext('2d')!.getImageData(Math.round(px), Math.round(py), 1, 1).data;
        return [d[0], d[1], d[2], d[3]] as [number, number, number, number];
      },
      [x, y],
    );
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const GREY = rgb('#e4e6ea');

/** Per epoch (0-based), per sample: the batches (0-based) it went into, from the log. */
function batchesBySample(lines: LogLine[], n: number): number[][][] {
  const epochs = Math.max(...lines.map((l) => l.epoch));
  const out = Array.from({ length: epochs }, () => Array.from({ length: n }, () => [] as number[]));
  for (const line of lines) for (const s of line.batch) out[line.epoch - 1][s].push(line.stepInEpoch - 1);
  return out;
}

for (const [name, query, replacement] of [
  ['replacement and drop last', 'replacement=1&droplast=1', true],
  ['drop last', 'droplast=1', false],
] as const) {
  test(`by sample on the tutorial with ${name}: each cell in its batch's colour, grey for none, the mark for repeats`, async ({
    page,
  }) => {
    await openApp(page, `${query}&corder=sample`);
    await trainToEnd(page);
    const lines = await logLines(page);
    const expected = batchesBySample(lines, 10);
    // The run is worth testing: samples left out, and with replacement drawn twice.
    expect(expected.flat().some((ks) => ks.length === 0)).toBe(true);
    if (replacement) expect(expected.flat().some((ks) => ks.length >= 2)).toBe(true);

    const box = (await composition(page).locator('canvas').boundingBox())!;
    const layout = makeBatchLayout(box.width, 10, 3, true, 10);
    const inner = innerHeight(layout.rowHeight);
    for (let e = 0; e < expected.length; e++) {
      for (let s = 0; s < 10; s++) {
        const ks = expected[e][s];
        const x = sampleX(layout, box.width, s) + 3; // clear of the number in the middle
        const top = await pixelAt(page, x, e * layout.rowHeight + 3);
        const low = await pixelAt(page, x, e * layout.rowHeight + inner - 3);
        const colour = ks.length === 0 ? GREY : rgb(BATCH_COLOURS[ks[0]]);
        const where = `epoch ${e + 1}, sample ${s} (batches ${ks.join(', ')})`;
        expect(top.slice(0, 3), where).toEqual(colour);
        expect(top[3], where).toBe(255);
        if (ks.length >= 2) {
          for (let i = 0; i < 3; i++) expect(low[i], where).toBeLessThan(colour[i] * 0.5 + 1);
        } else expect(low.slice(0, 3), where).toEqual(colour);
      }
    }
    const legend = composition(page).locator('.batch-legend');
    if (replacement) {
      await expect(legend).toContainText('not drawn this epoch (grey)');
      await expect(legend).toContainText('drawn twice or more');
    } else await expect(legend).toContainText('left out by Drop last (grey)');

    // Pointing: the sample, its epoch and batch, or why none holds it; the fit view follows the batch.
    const repeat = replacement ? findSample(expected, (ks) => ks.length >= 2) : null;
    const none = findSample(expected, (ks) => ks.length === 0)!;
    const once = findSample(expected, (ks) => ks.length === 1)!;
    const canvas = composition(page).locator('canvas');
    const hover = async ([e, s]: [number, number]) =>
      canvas.hover({ position: { x: sampleX(layout, box.width, s) + 5, y: e * layout.rowHeight + inner / 2 } });
    await hover(once);
    const [e1, s1] = once;
    const b1 = expected[e1][s1][0];
    await expect(composition(page)).toHaveAttribute('data-outlined-sample', String(s1));
    await expect(composition(page)).toHaveAttribute('data-outlined', `${e1 + 1}:${b1 + 1}`);
    await expect(composition(page).getByRole('tooltip')).toHaveText(`Sample ${s1}, epoch ${e1 + 1}: batch ${b1 + 1}`);
    const stepsPerEpoch = lines[0].stepsPerEpoch;
    await expect(page.getByRole('figure', { name: 'Fit', exact: true })).toHaveAttribute(
      'data-highlight-step',
      String(e1 * stepsPerEpoch + b1 + 1),
    );
    await hover(none);
    await expect(composition(page)).not.toHaveAttribute('data-outlined', /./);
    await expect(composition(page).getByRole('tooltip')).toHaveText(
      `Sample ${none[1]}, epoch ${none[0] + 1}: ${replacement ? 'not drawn' : 'left out by Drop last'}`,
    );
    if (repeat) {
      await hover(repeat);
      const ks = expected[repeat[0]][repeat[1]];
      await expect(composition(page).getByRole('tooltip')).toHaveText(
        `Sample ${repeat[1]}, epoch ${repeat[0] + 1}: drawn ${ks.length} times, batches ${ks.map((k) => k + 1).join(', ')}`,
      );
    }
  });
}

function findSample(expected: number[][][], match: (ks: number[]) => boolean): [number, number] | null {
  for (let e = 0; e < expected.length; e++) for (let s = 0; s < 10; s++) if (match(expected[e][s])) return [e, s];
  return null;
}

test("by sample, a step pointed at on the loss chart ticks the columns of its batch's samples, in its epoch's row only", async ({
  page,
}) => {
  await openApp(page, 'corder=sample');
  await trainToEnd(page);
  const lines = await logLines(page);
  const expected = batchesBySample(lines, 10);
  const area = page.getByRole('figure', { name: 'Loss', exact: true }).locator('.loss-pointer-area');
  const areaBox = (await area.boundingBox())!;
  await area.hover({ position: { x: areaBox.width * (6 / 40), y: areaBox.height / 2 } });
  await expect(page.locator('.loss-hover')).toHaveAttribute('data-step', '6');
  const line = lines[5];
  const [e, k] = [line.epoch - 1, line.stepInEpoch - 1];
  expect([e, k]).toEqual([1, 1]); // step 6 of 4 a epoch: epoch 2, batch 2
  await expect(composition(page)).toHaveAttribute('data-outlined', '2:2');
  await expect(composition(page)).toHaveAttribute('data-outlined-samples', String(new Set(line.batch).size));

  const box = (await composition(page).locator('canvas').boundingBox())!;
  const layout = makeBatchLayout(box.width, 10, 3, false, 10);
  // Below the row's dashed outline, within the tick (the top fifth of the row), left of the number.
  const tickPixel = (epoch: number, s: number) =>
    pixelAt(page, sampleX(layout, box.width, s) + 3, epoch * layout.rowHeight + 2);
  const black = [0, 0, 0, 255];
  await expect.poll(() => tickPixel(e, line.batch[0])).toEqual(black);
  for (let s = 0; s < 10; s++) {
    const colour = [...rgb(BATCH_COLOURS[expected[e][s][0]]), 255];
    const where = `epoch ${e + 1}, sample ${s} (batch ${expected[e][s][0] + 1})`;
    expect(await tickPixel(e, s), where).toEqual(line.batch.includes(s) ? black : colour);
    // The other epochs' rows keep their colours.
    expect(await tickPixel(e + 1, s), where).toEqual([...rgb(BATCH_COLOURS[expected[e + 1][s][0]]), 255]);
  }

  await page.mouse.move(0, 0);
  await expect(composition(page)).not.toHaveAttribute('data-outlined-samples', /./);
  const s = line.batch[0];
  await expect.poll(() => tickPixel(e, s)).toEqual([...rgb(BATCH_COLOURS[k]), 255]);
});

const KEYS_NAME =
  "Batch composition chart by sample; arrow keys move one sample, or one pixel's worth of samples when a pixel holds many";

test("by sample, the keyboard reads one sample at a time while columns are wide, one pixel's worth when not", async ({
  page,
}) => {
  await openApp(page, 'corder=sample');
  await trainToEnd(page);
  const expected = batchesBySample(await logLines(page), 10);
  const canvas = composition(page).locator('canvas');
  await expect(canvas).toHaveAccessibleName(KEYS_NAME);
  await canvas.focus();
  await expect(composition(page)).toHaveAttribute('data-outlined-sample', '0');
  await expect(composition(page).getByRole('tooltip')).toHaveText(`Sample 0, epoch 10: batch ${expected[9][0][0] + 1}`);
  await page.keyboard.press('ArrowRight');
  await expect(composition(page)).toHaveAttribute('data-outlined-sample', '1');
  await page.keyboard.press('ArrowUp');
  await expect(composition(page)).toHaveAttribute('data-outlined', `9:${expected[8][1][0] + 1}`);
  await expect(composition(page).getByRole('tooltip')).toHaveText(`Sample 1, epoch 9: batch ${expected[8][1][0] + 1}`);

  // N = 100,000: a pixel holds many samples, and a press moves past all of one pixel's.
  await openApp(page, 'dataset=line&n=100000');
  await stepOnce(page);
  await expect(canvas).toHaveAccessibleName(KEYS_NAME);
  // The chart's width is its scroller's, without the scroll bar.
  const width = await composition(page)
    .locator('.batch-scroller')
    .evaluate((el) => el.clientWidth);
  const layout = makeBatchLayout(width, 100_000, 3, false, 10);
  const perPixel = Math.ceil(100_000 / (width - layout.labelWidth));
  expect(perPixel).toBeGreaterThan(1);
  await canvas.focus();
  await expect(composition(page)).toHaveAttribute('data-outlined-sample', '0');
  await page.keyboard.press('ArrowRight');
  await expect(composition(page)).toHaveAttribute('data-outlined-sample', String(perPixel));
});

/** Milliseconds per repaint of the composition (a scroll event paints synchronously), median of `times`. */
async function paintMilliseconds(page: Page, times: number): Promise<number> {
  return composition(page)
    .locator('.batch-scroller')
    .evaluate((el, n) => {
      const spent: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        el.dispatchEvent(new Event('scroll'));
        spent.push(performance.now() - start);
      }
      spent.sort((a, b) => a - b);
      return spent[Math.floor(n / 2)];
    }, times);
}

test('N = 1,000,000 × 20 epochs: by sample draws every epoch, and what painting costs beside as drawn', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await recordLongTasks(page);
  await openApp(page, 'dataset=line&n=1000000&batch=250000&epochs=20');
  await expect(composition(page)).toHaveAttribute('data-order', 'sample');
  await takeLongTasks(page); // from here on
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished', { timeout: 280_000 });
  await expect(composition(page)).toHaveAttribute('data-epochs', '20');
  const longTasks = await takeLongTasks(page);
  const bySample = await settledPixels(page);
  const sampleMs = await paintMilliseconds(page, 30);
  await orderSelect(page).selectOption('drawn');
  const asDrawn = await settledPixels(page);
  const drawnMs = await paintMilliseconds(page, 30);
  console.log(
    `N = 1,000,000 × 20 epochs: one paint by sample ${sampleMs.toFixed(2)} ms, as drawn ${drawnMs.toFixed(2)} ms (median of 30); ` +
      `training with the chart by sample: ${longTasks.length} main-thread tasks over 50 ms, longest ${Math.round(Math.max(0, ...longTasks))} ms`,
  );
  expect(bySample).not.toBe(asDrawn);
  // Every row was made (none left in the pending colour), the oldest epochs' included.
  await orderSelect(page).selectOption('sample');
  const pendingRows = await composition(page)
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      let pending = 0;
      for (let e = 0; e < 20; e++) {
        const d = ctx.getImageData(c.width - 5, Math.round((e * 18 + 8) * devicePixelRatio), 1, 1).data;
        if (d[0] === 0xf3 && d[1] === 0xf4 && d[2] === 0xf6) pending++;
      }
      return pending;
    });
  expect(pendingRows).toBe(0);
});

test('the Chinese page names the select and its options in Chinese, and the legend its grey and mark', async ({
  page,
}) => {
  await openApp(page, 'lang=zh-CN&replacement=1');
  const figure = page.getByRole('figure', { name: '批次组成', exact: true });
  const select = figure.getByRole('combobox', { name: '顺序', exact: true });
  await expect(select).toHaveValue('drawn');
  await select.selectOption({ label: '按样本编号' });
  await expect(figure).toHaveAttribute('data-order', 'sample');
  await expect(select.locator('option')).toHaveText(['按抽取顺序', '按样本编号']);
  await expect(figure.locator('.batch-legend')).toContainText('本轮未被抽到（灰色）');
  await expect(figure.locator('.batch-legend')).toContainText('被抽到两次或更多');
});

test('with a validation split, by sample keeps a column for every sample: the held-out ones grey in every epoch, and named', async ({
  page,
}) => {
  await openApp(page, 'val=0.2&corder=sample');
  await trainToEnd(page);
  const texts = await page.getByRole('log').getByRole('listitem').allTextContents();
  const lines = texts.filter((text) => !text.includes('Validation loss')).map(parseLogLine);
  const expected = batchesBySample(lines, 10);
  // k = floor(0.2 × 10) = 2 samples never drawn in any epoch: the held-out ones.
  const heldOut = [...Array(10).keys()].filter((s) => expected.every((epoch) => epoch[s].length === 0));
  expect(heldOut).toHaveLength(2);

  const box = (await composition(page).locator('canvas').boundingBox())!;
  const layout = makeBatchLayout(box.width, 10, 3, false, 10);
  const inner = innerHeight(layout.rowHeight);
  for (let e = 0; e < expected.length; e++) {
    for (let s = 0; s < 10; s++) {
      const ks = expected[e][s];
      const top = await pixelAt(page, sampleX(layout, box.width, s) + 3, e * layout.rowHeight + 3);
      const where = `epoch ${e + 1}, sample ${s} (batches ${ks.join(', ')})`;
      expect(top.slice(0, 3), where).toEqual(ks.length === 0 ? GREY : rgb(BATCH_COLOURS[ks[0]]));
    }
  }
  await expect(composition(page).locator('.batch-legend')).toContainText('held out for validation (2 samples, grey)');
  const canvas = composition(page).locator('canvas');
  await canvas.hover({ position: { x: sampleX(layout, box.width, heldOut[1]) + 5, y: inner / 2 } });
  await expect(composition(page).getByRole('tooltip')).toHaveText(
    `Sample ${heldOut[1]}, epoch 1: held out for validation, never drawn`,
  );
  // The last column is sample 9, not the training set's eighth position.
  await canvas.hover({ position: { x: box.width - 2, y: inner / 2 } });
  await expect(composition(page)).toHaveAttribute('data-outlined-sample', '9');
});
