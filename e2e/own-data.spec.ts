// Own data: a pasted or uploaded CSV becomes dataset=custom, trains like the engine's reference on
// the same data, is refused with the line of its problem, survives a reload and exports to PyTorch.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parseCsvData } from '../src/engine/csv-data';
import { atFullSpeed, logLines, openApp, openOwnData, referenceRun, status, trainToEnd } from './helpers';

const CSV = 'x,y\n0.5,1.1\n1,2.9\n1.5,4.2\n2,5\n2.5,6.1\n-1,-1.3\n3,7.7\n';
const textarea = (page: Page) => page.getByLabel('Your data (CSV)', { exact: true });
const datasetSelect = (page: Page) => page.getByLabel('Dataset', { exact: true });

async function useCsv(page: Page, text: string): Promise<void> {
  await openOwnData(page);
  await textarea(page).fill(text);
  await page.getByRole('button', { name: 'Use this data' }).click();
}

function customData() {
  const parsed = parseCsvData(CSV);
  if (!parsed.ok) throw new Error(parsed.problem.key);
  return parsed.data;
}

async function expectLogMatchesReference(page: Page): Promise<void> {
  const { steps } = referenceRun({ dataset: 'custom', customData: customData(), samples: 7 });
  const log = await logLines(page);
  expect(log).toHaveLength(steps.length);
  log.forEach((line, i) => {
    expect(line.batch).toEqual(steps[i].batch);
    expect([line.epoch, line.stepInEpoch, line.stepsPerEpoch]).toEqual([steps[i].epoch, steps[i].stepInEpoch, 3]);
    // The log prints 4 decimals of a float32 loss: within rounding of the float64 reference.
    expect(Math.abs(line.loss - steps[i].loss)).toBeLessThanOrEqual(Math.max(6e-5, 1e-5 * Math.abs(steps[i].loss)));
  });
}

test('pasted CSV data trains as dataset=custom, like the engine reference, and survives a reload', async ({ page }) => {
  await openApp(page);
  await useCsv(page, CSV);
  await expect(page).toHaveURL(/dataset=custom/);
  await expect(page).toHaveURL(/n=7/);
  await expect(datasetSelect(page)).toHaveValue('custom');
  await expect(page.getByText('Stored in this browser: a link with dataset=custom works only here.')).toBeVisible();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await trainToEnd(page);
  await expectLogMatchesReference(page);

  await page.reload();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(datasetSelect(page)).toHaveValue('custom');
  await expect(page.getByText('Your data is stored in this browser')).toBeVisible();
  await trainToEnd(page);
  await expectLogMatchesReference(page);
});

test('bad CSV input names its line and the dataset stays as it was', async ({ page }) => {
  await openApp(page, 'dataset=line&n=50');
  const cases: Array<[string, string]> = [
    ['x,y\n1,2\n3,abc\n', 'Line 3: y is "abc", not a number.'],
    ['1,2\n3\n', 'Line 2: expected 2 columns (x,y), found 1.'],
    ['', 'The CSV is empty: give one x,y pair per line.'],
    ['1,2\nNaN,3\n', 'Line 2: x is "NaN"; NaN and Infinity cannot be trained on.'],
    ['1,Infinity\n', 'Line 1: y is "Infinity"; NaN and Infinity cannot be trained on.'],
  ];
  for (const [text, message] of cases) {
    await useCsv(page, text);
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await expect(datasetSelect(page)).toHaveValue('line');
    await expect(page).toHaveURL(/dataset=line&n=50/);
  }
  // Over 1,000,000 rows, as an uploaded file.
  await page.getByLabel('Upload CSV').setInputFiles({
    name: 'big.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('1,2\n'.repeat(1_000_001)),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Line 1000001: more than 1,000,000 rows' })).toBeVisible();
  await expect(datasetSelect(page)).toHaveValue('line');
});

test('an uploaded CSV is used; a link to custom data without stored data falls back to the tutorial', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await openOwnData(page);
  await page
    .getByLabel('Upload CSV')
    .setInputFiles({ name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(datasetSelect(page)).toHaveValue('custom');
  await expect(page.getByText('Using 7 rows (header skipped).')).toBeVisible();

  // Another browser (no stored data) opening the same link.
  const other = await browser.newPage();
  await other.goto(`/?${atFullSpeed('dataset=custom&n=7')}`);
  await expect(status(other)).toHaveAttribute('data-state', 'ready');
  await expect(other.getByRole('alert')).toContainText('Dataset custom needs CSV data stored in this browser');
  await expect(other.getByLabel('Dataset', { exact: true })).toHaveValue('tutorial');
  await other.close();
});

test('the PyTorch script of custom data holds the data as a literal', async ({ page }) => {
  await openApp(page);
  await useCsv(page, CSV);
  await expect(datasetSelect(page)).toHaveValue('custom');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Export as PyTorch script' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('minibatch_lab_custom_seed0_batch3.py');
  const script = await readFile(await file.path(), 'utf8');
  expect(script).toContain('x = torch.tensor([0.5, 1.0, 1.5, 2.0, 2.5, -1.0, 3.0], dtype=torch.float32)');
});
