// Projector mode: large type and thick lines, on a checkbox and in the URL (projector=1).
import { expect, test, type Page } from '@playwright/test';
import { openApp, status, trainingLog } from './helpers';

const logFontPx = (page: Page) => trainingLog(page).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
const stepLineWidthPx = (page: Page) =>
  page
    .getByRole('figure', { name: 'Loss' })
    .locator('path.recharts-line-curve[stroke-width="1.5"]')
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).strokeWidth));

test('Projector mode enlarges the log type and thickens the loss line, and is kept in the URL', async ({ page }) => {
  await openApp(page, 'batch=2');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '2');

  const box = page.getByRole('checkbox', { name: 'Projector mode' });
  await expect(box).not.toBeChecked();
  const normalFont = await logFontPx(page);
  const normalStroke = await stepLineWidthPx(page);
  expect(normalStroke).toBe(1.5);

  await box.check();
  expect(await logFontPx(page)).toBeGreaterThanOrEqual(normalFont * 1.25);
  expect(await stepLineWidthPx(page)).toBeGreaterThanOrEqual(3);
  expect(new URL(page.url()).searchParams.get('projector')).toBe('1');
  expect(new URL(page.url()).searchParams.get('batch')).toBe('2');
  // A view option: the run goes on untouched.
  await expect(status(page)).toHaveAttribute('data-steps-done', '2');

  await box.uncheck();
  expect(await logFontPx(page)).toBe(normalFont);
  expect(await stepLineWidthPx(page)).toBe(normalStroke);
  expect(new URL(page.url()).searchParams.has('projector')).toBe(false);
});

test('projector=1 in a link opens in projector mode, with no notice about the parameter', async ({ page }) => {
  await openApp(page, 'projector=1');
  await expect(page.getByRole('checkbox', { name: 'Projector mode' })).toBeChecked();
  await expect(page.locator('html')).toHaveClass(/\bprojector\b/);
  expect(await logFontPx(page)).toBeCloseTo(24 * 0.95, 1); // .log is 0.95rem; projector :root is 24px
  await expect(page.getByRole('alert')).toHaveCount(0);
});
