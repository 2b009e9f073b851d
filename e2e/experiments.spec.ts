// The Experiments section in real Chromium, on both projects: a grid trained on WebGPU (webgpu) or in
// the plain-JS float32 loop (no-webgpu) gives every run the losses of the engine's float32 engine —
// PyTorch's — bit for bit; the table, CSV and heatmap carry them; bad boxes are refused by the box;
// Cancel, Train and a cell of the heatmap do what they say; axe is clean; the link keys work.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_CONFIG, type RunConfig } from '../src/engine/config';
import { expectedRows, rowOf, runRows } from './experiment-reference';
import { openApp, status } from './helpers';

const section = (page: Page) => page.locator('details.experiments');
const body = (page: Page) => page.locator('.experiments-body');
const table = (page: Page) => page.getByRole('table', { name: 'Experiment results' });

async function waitDone(page: Page, timeout = 60_000) {
  await expect(body(page)).toHaveAttribute('data-phase', 'done', { timeout });
}

test('a teacher link with xrun=1 runs the default grid: every run is the float32 engine, bit for bit', async ({
  page,
}, info) => {
  await openApp(page, 'xrun=1');
  await expect(section(page)).toHaveAttribute('open', '');
  await waitDone(page);
  const engine = info.project.name === 'webgpu' ? 'webgpu' : 'js';
  await expect(page.locator('.x-progress .x-outcome')).toHaveAttribute('data-engine', engine);
  const expected = expectedRows(DEFAULT_CONFIG);
  expect(expected).toHaveLength(200);
  await expect(table(page)).toHaveAttribute('data-rows-shown', '200');
  expect(await runRows(page)).toEqual(expected.map(rowOf));
  // The heatmap: 25 cells, each a button naming its setting.
  const cells = page.getByRole('figure', { name: 'Batch size × learning rate' }).locator('button.x-cell');
  await expect(cells).toHaveCount(25);
  // lr = 0.03 is beyond the full batch's bound (0.0254) on the tutorial's data: the line is drawn between 0.02 and 0.03.
  await expect(page.locator('.x-heatmaps')).toHaveAttribute('data-bound', /^0\.025/);
  await expect(page.locator('.x-bound-line')).toHaveCount(1);
});

test('a larger grid over a generated set, drop_last and both shuffles: the CSV equals the engine', async ({ page }) => {
  const base: RunConfig = { ...DEFAULT_CONFIG, dataset: 'line', samples: 40, epochs: 6, dropLast: true, seed: 7 };
  const text = { batchSizes: '1,3,16', learningRates: '0.001,0.01,0.1', shuffle: 'both', seedsPerSetting: '3' };
  await openApp(
    page,
    'dataset=line&n=40&epochs=6&droplast=1&seed=7&xb=1,3,16&xlr=0.001,0.01,0.1&xshuffle=both&xseeds=3',
  );
  await page.getByRole('button', { name: 'Run experiment' }).click();
  await waitDone(page);
  const expected = expectedRows(base, text);
  expect(await runRows(page)).toEqual(expected.map(rowOf));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download experiment CSV' }).click(),
  ]);
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
  expect(lines[0]).toBe('batch_size,learning_rate,shuffle,seed,final_loss,steps_to_target,diverged');
  expect(lines.slice(1).map((l) => l.split(','))).toEqual(expected.map(rowOf));
  // Two heatmaps, one per shuffle setting.
  await expect(page.locator('.x-heatmap')).toHaveCount(2);
});

test('bad boxes are refused next to the box, and Run waits until they are fixed', async ({ page }) => {
  await openApp(page, 'xb=1,abc&xseeds=100');
  const batchSizes = section(page).getByLabel('Batch sizes');
  await expect(batchSizes).toHaveValue('1,abc');
  await expect(batchSizes).toHaveAttribute('aria-invalid', 'true');
  await expect(batchSizes).toHaveAccessibleDescription(/whole numbers from 1 up/);
  await expect(section(page).getByLabel('Seeds per setting')).toHaveAccessibleDescription(/from 1 to 64/);
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeDisabled();
  await batchSizes.fill('1,2');
  await section(page).getByLabel('Seeds per setting').fill('2');
  await section(page).getByLabel('Learning rates').fill('0.01,0');
  await expect(section(page).getByLabel('Learning rates')).toHaveAccessibleDescription(/positive numbers/);
  await section(page)
    .getByLabel('Learning rates')
    .fill(Array.from({ length: 100 }, (_, i) => (i + 1) / 1000).join(','));
  await section(page).getByLabel('Seeds per setting').fill('64');
  await expect(body(page).getByText('That grid has 12800 runs; an experiment has at most 10000.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeDisabled();
  await section(page).getByLabel('Seeds per setting').fill('2');
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeEnabled();
  // The boxes are in the address as typed.
  expect(new URL(page.url()).searchParams.get('xb')).toBe('1,2');
});

test('Cancel stops a long experiment; Train cancels one too; a new one then runs to its end', async ({ page }) => {
  // 14 million steps: far longer than the test waits.
  await openApp(page, 'epochs=2000&xseeds=64');
  await page.getByRole('button', { name: 'Run experiment' }).click();
  await expect(body(page)).toHaveAttribute('data-phase', 'running');
  await expect(page.getByRole('progressbar', { name: 'Experiment progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel experiment' }).click();
  await expect(body(page)).toHaveAttribute('data-phase', 'cancelled');
  // The worker's own word that it stopped and freed its buffers, not only the page's.
  await expect(page.locator('.x-progress [data-cancel-ms]')).toHaveAttribute('data-cancel-ms', /^\d+(\.\d+)?$/);
  await page.getByRole('button', { name: 'Run experiment' }).click();
  await expect(body(page)).toHaveAttribute('data-phase', 'running');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(body(page)).toHaveAttribute('data-phase', 'cancelled');
  await expect(status(page)).toHaveAttribute('data-state', /running|finished/);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await section(page).getByLabel('Seeds per setting').fill('1');
  await page.getByLabel('Epochs', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Run experiment' }).click();
  await waitDone(page);
  await expect(table(page)).toHaveAttribute('data-rows', '25');
});

test('a heatmap cell loads its setting into the single run; the keyboard reaches it', async ({ page }) => {
  await openApp(page, 'xb=1,10&xlr=0.003,0.02&xseeds=2&xrun=1');
  await waitDone(page);
  const cell = page.locator('button.x-cell[data-batch-size="10"][data-learning-rate="0.003"]');
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('10');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.003');
  const url = new URL(page.url());
  expect([url.searchParams.get('batch'), url.searchParams.get('lr')]).toEqual(['10', '0.003']);
});

test('the experiment exports a PyTorch script of its grid and a PNG of its figures', async ({ page }) => {
  await openApp(page, 'xb=1,3&xlr=0.01&xseeds=2&xrun=1');
  await waitDone(page);
  const [script] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export experiment as PyTorch script' }).click(),
  ]);
  const text = await readFile(await script.path(), 'utf8');
  expect(text).toContain('torch.manual_seed');
  expect(text).toContain('DataLoader');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download experiment PNG' }).click(),
  ]);
  const bytes = await readFile(await png.path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});

test('the section with its results has no axe violations, in English, in Chinese and in projector mode', async ({
  page,
}) => {
  for (const query of [
    'xb=1,10&xlr=0.01,0.03&xseeds=2&xrun=1',
    'lang=zh-CN&xb=1,10&xlr=0.01,0.03&xseeds=2&xrun=1&projector=1',
  ]) {
    await openApp(page, query);
    await waitDone(page);
    const results = await new AxeBuilder({ page })
      .include('details.experiments')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(5);
  }
  // The Chinese page says the section in Chinese.
  await expect(section(page).locator('summary')).toHaveText('实验：选哪个批大小、哪个学习率？');
  await expect(page.getByRole('table', { name: '实验结果' })).toBeVisible();
});

test('lang=zh-CN: a refused box says why in Chinese, and the presets set up their grids', async ({ page }) => {
  await openApp(page, 'lang=zh-CN&xb=0,3');
  const batchSizes = section(page).getByLabel('批大小列表');
  await expect(batchSizes).toHaveAccessibleDescription(/用逗号分隔的正整数/);
  await expect(page.getByRole('button', { name: '运行实验' })).toBeDisabled();
  await page.getByRole('button', { name: '打乱顺序有用吗？' }).click();
  await expect(batchSizes).toHaveValue('1,2,5');
  await expect(section(page).getByLabel('打乱（实验）')).toHaveValue('both');
  await expect(page.getByLabel('轮数', { exact: true })).toHaveValue('30');
  await expect(page.getByRole('button', { name: '运行实验' })).toBeEnabled();
});
