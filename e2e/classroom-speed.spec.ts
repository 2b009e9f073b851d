// The speed nobody chose (issue 14, "Max speed hides the process"): without speed= in the link the
// tutorial trains at 5 steps/s, a pace a class can follow; speed=0, large data and long runs train
// as fast as they can. The Speed box shows what is used. Pages opened here, not by openApp (which
// adds speed=0).
import { expect, test, type Page } from '@playwright/test';
import { status, trainToEnd } from './helpers';

const speedBox = (page: Page) => page.getByRole('combobox', { name: 'Speed' });
const chosenSpeed = (page: Page) => speedBox(page).locator('option:checked');

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`/${query}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
}

test('the tutorial opens at 5 steps/s without speed=; speed=0 and large data at full speed', async ({ page }) => {
  await open(page, '');
  await expect(chosenSpeed(page)).toHaveText('5 steps/s');
  await expect(speedBox(page)).toHaveValue('5');
  // The pace is shown, not written into the link: a copied link opens at the speed that fits its data.
  expect(new URL(page.url()).searchParams.has('speed')).toBe(false);

  await open(page, '?speed=0');
  await expect(chosenSpeed(page)).toHaveText('Max');

  await open(page, '?dataset=line&n=1000');
  await expect(chosenSpeed(page)).toHaveText('Max');
  await open(page, '?epochs=100'); // 400 steps: 80 s at 5 steps/s
  await expect(chosenSpeed(page)).toHaveText('Max');
  await open(page, '?speed=20&dataset=line&n=1000');
  await expect(chosenSpeed(page)).toHaveText('20 steps/s');
});

test('until a speed is picked it follows the settings; a picked one stays and goes into the link', async ({ page }) => {
  await open(page, '?batch=2');
  await expect(chosenSpeed(page)).toHaveText('5 steps/s');
  await page.getByLabel('Epochs').fill('100'); // 500 steps
  await page.getByLabel('Epochs').blur();
  await expect(chosenSpeed(page)).toHaveText('Max');
  await page.getByLabel('Epochs').fill('2');
  await page.getByLabel('Epochs').blur();
  await expect(chosenSpeed(page)).toHaveText('5 steps/s');
  await expect(page).toHaveURL(/[?&]epochs=2(&|$)/);
  expect(new URL(page.url()).searchParams.has('speed')).toBe(false);

  await speedBox(page).selectOption({ label: 'Max' });
  await expect(page).toHaveURL(/[?&]speed=0(&|$)/);
  await page.getByLabel('Epochs').fill('3');
  await page.getByLabel('Epochs').blur();
  await expect(chosenSpeed(page)).toHaveText('Max');
  await trainToEnd(page);
  await expect(status(page)).toHaveAttribute('data-steps-done', '15');
});
