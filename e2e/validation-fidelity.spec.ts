// The validation split (val=…): the app's log — every step's line and every epoch's
// `Epoch [e/E], Validation loss: x.xxxx` — equals what real PyTorch printed for the same seed
// (random_split before nn.Linear; src/engine/__fixtures__, scripts/pytorch_reference.py), the
// exported script run by python3 prints the page's log, and bad values are refused by the box.
// Runs in both projects: on WebGPU and on the fallback backend.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { JsonFloat, PytorchVectors, TraceCase } from '../src/engine/__fixtures__/pytorch-vectors';
import { formatFixed } from '../src/engine/format';
import { findTorchPython, runPython, writeTempFiles } from '../src/export/run-python.mjs';
import { openApp, status, trainingLog, trainToEnd } from './helpers';

const pytorchVectors = JSON.parse(
  readFileSync(new URL('../src/engine/__fixtures__/pytorch-vectors.json', import.meta.url), 'utf8'),
) as PytorchVectors;

// pytorch-vectors.ts's jsonFloat, without importing the JSON through that module.
const jsonFloat = (x: JsonFloat): number => (typeof x === 'number' ? x : Number(x.replace('inf', 'Infinity')));

interface Printed {
  /** The line up to its loss, e.g. `Epoch [1/10], Validation loss: `. */
  head: string;
  /** PyTorch's loss at full precision, and as it printed it. */
  loss: number;
  loss4: string;
}

/** What the fixture's PyTorch run printed: each step's line, and after each epoch its validation line. */
function printedLines(t: TraceCase): Printed[] {
  return t.steps.flatMap(([epoch, step, batch, loss, loss4], k) => {
    const line = {
      head: `Epoch [${epoch}/${t.epochs}], Step [${step}/${t.stepsPerEpoch}], Batch [${batch.join(', ')}], Loss: `,
      loss: jsonFloat(loss),
      loss4,
    };
    if (t.steps[k + 1]?.[0] === epoch) return [line];
    const [, held, held4] = t.validation!.find(([e]) => e === epoch)!;
    return [line, { head: `Epoch [${epoch}/${t.epochs}], Validation loss: `, loss: jsonFloat(held), loss4: held4 }];
  });
}

const text = (lines: Printed[]) => lines.map((l) => l.head + l.loss4);

/**
 * The tfjs backends agree with PyTorch's float32 to about 1e-5 relative, not to the bit
 * (docs/fidelity.md): where PyTorch's loss lies that close to a rounding boundary of its 4
 * decimals, the page may print the neighbouring digit. Everything else must be exactly PyTorch's.
 */
function expectPrinted(shown: string[], printed: Printed[], what: string) {
  const expected = printed.map((p, i) => {
    const near = [p.loss * (1 - 1e-5), p.loss * (1 + 1e-5)].map((v) => p.head + formatFixed(v, 4));
    return near.includes(shown[i]) ? shown[i] : p.head + p.loss4;
  });
  expect(shown, what).toEqual(expected);
}

/** The link of a fixture run: the settings PyTorch ran with. */
function linkOf(t: TraceCase): string {
  const q = [`val=${t.validationSplit}`, `seed=${t.seed}`, `batch=${t.batchSize}`, `lr=${t.learningRate}`];
  if (!t.shuffle) q.push('shuffle=0');
  if (t.dropLast) q.push('droplast=1');
  if (t.replacement) q.push('replacement=1');
  if (t.epochs !== 10) q.push(`epochs=${t.epochs}`);
  return q.join('&');
}

const shownLines = async (page: Page) =>
  (await trainingLog(page).getByRole('listitem').allTextContents()).map((t) => t.trim());

const splitTraces = pytorchVectors.traces.filter((t) => t.validationSplit);

test('val=0.2 seed 0: every step and every validation line as PyTorch printed them; chart, fit view', async ({
  page,
}) => {
  const t = splitTraces.find((c) => c.seed === 0 && c.validationSplit === 0.2 && !c.dropLast)!;
  await openApp(page, 'val=0.2&seed=0');
  await expect(page.getByLabel('Validation split', { exact: true })).toHaveValue('0.2');
  await expect(page.getByLabel('Validation split', { exact: true })).toHaveAccessibleDescription(/2 of 10 samples/);
  const fit = page.getByRole('figure', { name: 'Fit' });
  await expect(fit).toHaveAttribute('data-held-out', String(t.heldOut!.length));
  await expect(fit.getByText(/held-out samples \(hollow\): 2/)).toBeVisible();
  await trainToEnd(page);
  expect(await shownLines(page)).toEqual(text(printedLines(t)));
  // The count names every line: the steps' and the epochs' validation lines.
  await expect(page.locator('.log-count')).toHaveText(`${printedLines(t).length} lines`);
  const loss = page.getByRole('figure', { name: 'Loss' });
  await expect(loss).toHaveAttribute('data-validation-points', String(t.epochs));
  await expect(loss.getByText('Validation loss', { exact: true })).toBeVisible();
  await expect(loss.locator('.loss-validation path, path.loss-validation').first()).toBeAttached();

  // The fit view: 8 training samples filled, the 2 held out hollow.
  const dots = async (selector: string) =>
    ((await fit.locator(selector).getAttribute('d')) ?? '').split('M').length - 1;
  expect([await dots('path.fit-points'), await dots('path.fit-held-out')]).toEqual([8, 2]);
  // The composition lays out the 8 training samples of an epoch: its right end is the short third
  // batch, and pointing there highlights that batch's samples, by their original indices.
  const canvas = page.getByRole('figure', { name: 'Batch composition' }).locator('canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.hover({ position: { x: box.width - 2, y: 4 } });
  await expect(page.getByRole('figure', { name: 'Batch composition' })).toHaveAttribute('data-outlined', '1:3');
  await expect(fit).toHaveAttribute('data-highlighted', '2');
  await expect(fit).toContainText(`Pointed at: epoch 1, batch 3 [${t.steps[2][2].join(', ')}]`);
});

test('other seeds, shuffle off, drop last and replacement: the same lines as PyTorch', async ({ page }) => {
  const others = splitTraces.filter((c) => !(c.seed === 0 && c.validationSplit === 0.2 && !c.dropLast));
  expect(others.length).toBeGreaterThanOrEqual(4);
  for (const t of others) {
    await openApp(page, linkOf(t));
    await trainToEnd(page);
    expectPrinted(await shownLines(page), printedLines(t), linkOf(t));
  }
});

test('the exported script, run by PyTorch, prints the page’s log line for line', async ({ page }) => {
  const python = findTorchPython();
  test.skip(!python, 'python3 cannot import torch here (Debian: apt-get install python3-torch)');
  await openApp(page, 'val=0.3&seed=7&batch=2&epochs=4');
  await trainToEnd(page);
  const shown = await shownLines(page);
  expect(shown.filter((l) => l.includes('Validation loss'))).toHaveLength(4);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Export as PyTorch script' }).click(),
  ]);
  const files = writeTempFiles({ [file.suggestedFilename()]: await readFile(await file.path(), 'utf8') });
  try {
    const result = await runPython(python!, files.paths);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd().split('\n')).toEqual(shown);
  } finally {
    files.remove();
  }
});

test('Validation split: 0.5 and beyond, negative or not a number are refused next to the box; nothing is lost', async ({
  page,
}) => {
  await openApp(page, 'batch=4&val=0.2');
  const box = page.getByLabel('Validation split', { exact: true });
  for (const text of ['0.5', '0.75', '-0.1', 'half']) {
    await box.fill(text);
    await expect(box, text).toHaveAttribute('aria-invalid', 'true');
    await expect(box).toHaveAccessibleDescription(/Validation split must be a number from 0 to below 0\.5\./);
    await expect(box).toHaveAccessibleDescription(/Still using 0\.2\./);
  }
  await expect(page).toHaveURL(/[?&]batch=4&(speed=0&)?val=0\.2(&|$)/);
  await box.fill('0.4');
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(page).toHaveURL(/[?&]val=0\.4(&|$)/);
  await box.fill('0');
  await expect(page).not.toHaveURL(/val=/);

  // A link's bad value is named in the notice; the link's other settings stay.
  await openApp(page, 'val=0.5&batch=4');
  const notice = page.getByRole('alert').filter({ hasText: 'Some settings in the link were ignored' });
  await expect(notice.getByRole('listitem').filter({ hasText: 'val=0.5: Validation split must be' })).toHaveCount(1);
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('4');
  await expect(box).toHaveValue('0');
});

test('hide=val leaves the box out; the link’s split still applies', async ({ page }) => {
  await openApp(page, 'hide=val&val=0.2');
  await expect(page.getByLabel('Validation split', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('figure', { name: 'Fit' })).toHaveAttribute('data-held-out', '2');
});

test('Chinese page: the box, its refusal and the legend in Chinese; the log stays PyTorch’s', async ({ page }) => {
  await openApp(page, 'lang=zh-CN&val=0.2&epochs=1');
  const box = page.getByLabel('验证集比例', { exact: true });
  await box.fill('0.5');
  await expect(box).toHaveAccessibleDescription(/验证集比例必须是不小于 0 且小于 0\.5 的数。/);
  await box.fill('0.2');
  await page.getByRole('button', { name: '训练', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(page.getByRole('figure', { name: '损失' }).getByText('验证集损失', { exact: true })).toBeVisible();
  const log = page.getByRole('log', { name: '训练日志' });
  await expect(log.getByRole('listitem').last()).toHaveText(/^Epoch \[1\/1\], Validation loss: \d+\.\d{4}$/);
});
