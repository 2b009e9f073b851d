// Embedding (issue 5, "Sharing and presets"): hide= removes controls, embed=1 drops the page chrome,
// xaxis= and logy= set the loss chart's view; all of them survive the URL rewrites of the controls,
// and the embedded run still trains.
import { expect, test, type Page } from '@playwright/test';
import { logLines, openApp, trainToEnd } from './helpers';

const lossChart = (page: Page) => page.getByRole('figure', { name: 'Loss', exact: true });
const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
/** The page's query without the speed=0 openApp adds (full speed, not this spec's subject). */
const query = () => {
  const params = new URL(window.location.href).searchParams;
  params.delete('speed');
  return params.toString();
};
/** The same, keys sorted: the order of keys does not matter here. */
const sortedQuery = () =>
  [...new URL(window.location.href).searchParams]
    .filter(([k]) => k !== 'speed')
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');

test('hide= removes the named controls from the accessibility tree; the rest still trains', async ({ page }) => {
  await openApp(page, 'hide=lr,seed,shuffle,backend,presets,export');
  await expect(page.getByRole('textbox', { name: 'Learning rate' })).toHaveCount(0);
  await expect(page.getByLabel('Learning rate')).toHaveCount(0);
  await expect(page.getByLabel('Seed')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Shuffle' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveCount(0);
  await expect(group(page, 'Presets')).toHaveCount(0);
  await expect(group(page, 'Export')).toHaveCount(0);
  // What was not named is still there.
  await expect(page.getByLabel('Batch size')).toHaveValue('3');
  await expect(page.getByLabel('Epochs')).toHaveValue('10');
  await expect(page.getByRole('checkbox', { name: 'Drop last' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Speed' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A setting changed through a shown control keeps hide= in the link.
  await page.getByLabel('Batch size').fill('2');
  await expect.poll(() => page.evaluate(query)).toBe('batch=2&hide=lr%2Cseed%2Cshuffle%2Cbackend%2Cpresets%2Cexport');
  await expect(page.getByLabel('Learning rate')).toHaveCount(0);
  await trainToEnd(page);
  expect(await logLines(page)).toHaveLength(50);
});

test('hide=dataset,model hides those selects; unknown names are listed in the link notice', async ({ page }) => {
  await openApp(page, 'hide=dataset,model,warp');
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveCount(0);
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('hide: unknown control "warp"');
  await trainToEnd(page);
  expect(await logLines(page)).toHaveLength(40);
});

test('embed=1 leaves out the header and intro, and the run still trains', async ({ page }) => {
  await openApp(page, 'embed=1&hide=seed');
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /minibatch-lab/ })).toHaveCount(0);
  await expect(page.getByText('This is PyTorch’s DataLoader tutorial')).toHaveCount(0);
  await expect(page.locator('.app')).toHaveAttribute('data-embed', 'true');
  await page.getByRole('checkbox', { name: 'Drop last' }).check();
  await expect.poll(() => page.evaluate(query)).toBe('droplast=1&embed=1&hide=seed');
  await expect(page.getByRole('banner')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Drop last' }).uncheck();
  await trainToEnd(page);
  expect(await logLines(page)).toHaveLength(40);
});

test('embed=1 keeps one line of what the page is, with a link to the whole app', async ({ page }) => {
  await openApp(page, 'embed=1&hide=seed,presets&batch=10&xaxis=epoch');
  const line = page.locator('.embed-context');
  await expect(line).toHaveText("minibatch-lab · PyTorch's DataLoader tutorial, batch size 10 · Open the full app");
  const full = line.getByRole('link', { name: 'Open the full app' });
  await expect(full).toHaveAttribute('target', '_blank');
  // The same link without embed= and hide=: the settings and the view stay (speed= is openApp's own).
  const fullSearch = async () => {
    const params = new URL((await full.getAttribute('href'))!, page.url()).searchParams;
    params.delete('speed');
    return `?${params.toString()}`;
  };
  expect(await fullSearch()).toBe('?batch=10&xaxis=epoch');
  // It follows the controls, and names pinned runs.
  await page.getByLabel('Batch size').fill('5');
  await expect(line).toContainText('batch size 5');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('status')).toHaveAttribute('data-steps-done', '1');
  await page.getByRole('button', { name: 'Pin run' }).click();
  await page.getByLabel('Batch size').fill('2');
  await expect(line).toContainText("PyTorch's DataLoader tutorial, batch size 2, compared with B=5");
  await expect.poll(fullSearch).toBe('?batch=2&xaxis=epoch&pin=batch.5');
});

test('embed=1 says its line in the page language', async ({ page }) => {
  await openApp(page, 'embed=1&lang=zh-CN');
  await expect(page.locator('.embed-context')).toHaveText(
    'minibatch-lab · PyTorch DataLoader 教程的数据，批大小 3 · 打开完整页面',
  );
});

test('without embed=1 the header is there', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('banner')).toHaveCount(1);
});

test('xaxis=epoch and logy=1 set the loss chart; changing them rewrites the link', async ({ page }) => {
  await openApp(page, 'xaxis=epoch&logy=1&batch=5');
  const chart = lossChart(page);
  await expect(chart).toHaveAttribute('data-x-axis', 'epoch');
  await expect(chart).toHaveAttribute('data-log-scale', 'true');
  await expect(page.getByLabel('X axis')).toHaveValue('epoch');
  await expect(page.getByLabel('Log scale')).toBeChecked();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await trainToEnd(page);
  expect(await logLines(page)).toHaveLength(20);
  await expect(chart.locator('.loss-x-title')).toHaveText('Epoch');

  await page.getByLabel('Log scale').uncheck();
  await expect.poll(() => page.evaluate(sortedQuery)).toBe('batch=5&xaxis=epoch');
  await page.getByLabel('X axis').selectOption('step');
  await expect.poll(() => page.evaluate(sortedQuery)).toBe('batch=5');
  await page.getByLabel('X axis').selectOption('epoch');
  await page.getByLabel('Epochs').fill('4');
  await expect.poll(() => page.evaluate(sortedQuery)).toBe('batch=5&epochs=4&xaxis=epoch');
});
