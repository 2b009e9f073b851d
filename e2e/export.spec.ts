// The Export group: the run's CSV against the training log, PNGs of the loss chart and the batch
// composition, and the PyTorch script from the same group.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { logLines, openApp, trainToEnd } from './helpers';

const exportGroup = (page: Page) => page.getByRole('group', { name: 'Export' });

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), exportGroup(page).getByRole('button', { name: button }).click()]);
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

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('the CSV of a tutorial run has one row per step, and its batches and losses are the log lines', async ({ page }) => {
  await openApp(page);
  await expect(exportGroup(page).getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  await trainToEnd(page);
  const { name, bytes } = await download(page, 'Download CSV');
  expect(name).toBe('minibatch-lab-run-tutorial-linear-b3-seed0.csv');

  const [header, ...rows] = bytes.toString('utf8').trimEnd().split('\n');
  expect(header).toBe('step,epoch,step_in_epoch,batch,batch_size,loss,w,b,params');
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
});

test('the loss chart and the batch composition download as PNG images', async ({ page }) => {
  await openApp(page);
  await trainToEnd(page);
  for (const [button, suffix] of [
    ['Download loss chart PNG', '-loss.png'],
    ['Download batch composition PNG', '-batches.png'],
  ] as const) {
    const { name, bytes } = await download(page, button);
    expect(name.endsWith(suffix)).toBe(true);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // A blank white image of this size compresses to well under 2 KB; a drawn chart does not.
    expect(bytes.length).toBeGreaterThan(5_000);
    // IHDR: width and height (big-endian at bytes 16..24) are those of a chart, not a 1×1 fallback.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(200);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(50);
  }
  await expect(exportGroup(page).getByRole('alert')).toHaveCount(0);
});

test('the PyTorch script comes from the Export group', async ({ page }) => {
  await openApp(page, 'batch=4');
  const { name, bytes } = await download(page, 'Export as PyTorch script');
  expect(name.endsWith('.py')).toBe(true);
  expect(bytes.toString('utf8')).toContain('batch_size=4');
});
