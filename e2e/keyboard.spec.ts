// Keyboard only: Tab reaches the controls, Space = Train/Pause, → = Step, R = Reset (not while
// typing), and the "Keyboard shortcuts" dialog lists them.
import { expect, test, type Page } from '@playwright/test';
import { logLines, openApp, status, trainingLog } from './helpers';

const TUTORIAL_STEPS = 40; // 10 epochs × 4 batches (10 = 3 + 3 + 3 + 1)

async function tabTo(page: Page, name: string): Promise<void> {
  const target = page.getByRole('button', { name, exact: true });
  // The glossary's "?" buttons are Tab stops too (e2e/glossary.spec.ts): room for them.
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached the button ${name}`);
}

const lineCount = (page: Page) => trainingLog(page).getByRole('listitem');

test('keyboard-only run: Tab to Train, Space trains to the end, R resets, → steps, Space trains again', async ({
  page,
}) => {
  await openApp(page);
  await tabTo(page, 'Train');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeFocused();

  await page.keyboard.press('Space');
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(lineCount(page)).toHaveCount(TUTORIAL_STEPS);
  const firstRun = await logLines(page);

  await page.keyboard.press('r');
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(status(page)).toHaveAttribute('data-steps-done', '0');
  await expect(lineCount(page)).toHaveCount(0);

  await page.keyboard.press('ArrowRight');
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');
  await expect(lineCount(page)).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(status(page)).toHaveAttribute('data-steps-done', '2');
  await expect(lineCount(page)).toHaveCount(2);
  await expect(status(page)).toHaveAttribute('data-state', 'paused');

  // Space as a shortcut (focus is not on a button now): trains on to the end of the same run.
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BUTTON');
  await page.keyboard.press('Space');
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(lineCount(page)).toHaveCount(TUTORIAL_STEPS);
  expect(await logLines(page)).toEqual(firstRun);
});

test('Space pauses a run in progress; keys typed in an input are not shortcuts', async ({ page }) => {
  await openApp(page, 'speed=5');
  await page.locator('body').focus();
  await page.keyboard.press('Space');
  await expect(status(page)).toHaveAttribute('data-state', 'running');
  await expect(lineCount(page).first()).toBeVisible();
  await page.keyboard.press('Space');
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
  const done = Number(await status(page).getAttribute('data-steps-done'));
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(TUTORIAL_STEPS);

  const seed = page.getByRole('textbox', { name: 'Seed' });
  await seed.focus();
  await page.keyboard.press('r');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(700); // 5 steps/s: a wrongly started run would have moved by now
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
  await expect(status(page)).toHaveAttribute('data-steps-done', String(done));
  await expect(lineCount(page)).toHaveCount(done);
});

test('the Keyboard shortcuts dialog lists the keys, closes with Escape and gives focus back', async ({ page }) => {
  await openApp(page);
  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await tabTo(page, 'Keyboard shortcuts');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  for (const text of [
    'Space',
    'Train, or Pause while training',
    'Right arrow',
    'Step: one mini-batch',
    'Reset the run',
  ]) {
    await expect(dialog).toContainText(text);
  }
  // Keys pressed in the dialog are not shortcuts.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(status(page)).toHaveAttribute('data-steps-done', '0');
});
