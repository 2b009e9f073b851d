// Issue "Robustness": commands pressed in any order, as fast as a class can press them, and a tab
// hidden or frozen mid-run — never a duplicate run, never a stuck state, never a lost or repeated
// step. Also the Step epoch command.
import { expect, test, type Page } from '@playwright/test';
import { openApp, status, trainingLog, trainToEnd } from './helpers';
import { button, expectWholeRun, stepsDone, waitForSteps } from './robustness-helpers';

/** Clicks buttons by name inside the page, `gapMs` apart (0: all in one task, before any re-render). */
async function clickInPage(page: Page, names: string[], gapMs: number): Promise<void> {
  await page.evaluate(
    async ({ names, gapMs }) => {
      const find = (name: string) =>
        Array.from(document.querySelectorAll('button')).find(
          (b) => b.textContent?.trim() === name,
        ) as HTMLButtonElement;
      for (const name of names) {
        find(name).click(); // a disabled button ignores it, as it ignores a person
        if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    },
    { names, gapMs },
  );
}

/** Waits until the run has stopped moving (not starting, not running). */
async function settled(page: Page): Promise<string> {
  await expect(status(page)).toHaveAttribute('data-state', /ready|paused|finished/);
  return (await status(page).getAttribute('data-state')) ?? '';
}

test('Step epoch runs the rest of the epoch (a whole one at a boundary), then pauses', async ({ page }) => {
  await openApp(page);
  const st = status(page);
  await button(page, 'Step epoch').click();
  await expect(st).toHaveAttribute('data-steps-done', '4');
  await expect(st).toHaveAttribute('data-state', 'paused');
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(4);

  await button(page, 'Step').click();
  await expect(st).toHaveAttribute('data-steps-done', '5');
  await button(page, 'Step epoch').click(); // the rest of epoch 2: steps 6, 7, 8
  await expect(st).toHaveAttribute('data-steps-done', '8');
  await expect(st).toHaveAttribute('data-state', 'paused');
  await expect(st).toContainText('Epoch 2/10 · Step 4/4');

  // Slow motion shows each step of it, and Pause stops it inside the epoch.
  await page.getByLabel('Speed').selectOption({ label: '5 steps/s' });
  await button(page, 'Step epoch').click();
  await expect(st).toHaveAttribute('data-state', 'running');
  await waitForSteps(page, 9);
  await button(page, 'Pause').click();
  await expect(st).toHaveAttribute('data-state', 'paused');
  expect(await stepsDone(page)).toBeLessThan(12);

  // At the last epoch it finishes the run.
  await page.getByLabel('Speed').selectOption({ label: 'Max' });
  for (let epoch = 3; epoch <= 10; epoch++) {
    await button(page, 'Step epoch').click();
    await expect(st).toHaveAttribute('data-steps-done', String(4 * epoch));
  }
  await expect(st).toHaveAttribute('data-state', 'finished');
  await expect(button(page, 'Step epoch')).toBeDisabled();
  await expectWholeRun(page);
});

test('Train pressed twice, Step pressed five times at once: one run, every step once', async ({ page }) => {
  await openApp(page);
  await clickInPage(page, ['Step', 'Step', 'Step', 'Step', 'Step'], 0);
  await expect(status(page)).toHaveAttribute('data-steps-done', '5');
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(5);
  await clickInPage(page, ['Train', 'Train'], 0);
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expectWholeRun(page);
});

test('Pause, Step, Step epoch, Train and Reset pressed rapidly in any order: the run still ends whole and in order', async ({
  page,
}) => {
  await openApp(page, 'speed=20');
  const storm = [
    'Train',
    'Pause',
    'Train',
    'Train',
    'Pause',
    'Step',
    'Step',
    'Train',
    'Step epoch',
    'Pause',
    'Reset',
    'Train',
    'Pause',
    'Step',
    'Train',
    'Reset',
    'Step epoch',
    'Train',
    'Pause',
    'Train',
  ];
  // The same storm three ways: all in one task, a frame apart, and at about a click per step.
  for (const gap of [0, 16, 45]) {
    await clickInPage(page, storm, gap);
    await settled(page).catch(() => {}); // it may well be running: that is fine too
    await page.getByLabel('Speed').selectOption({ label: 'Max' });
    const state = await settled(page);
    if (state !== 'finished') await trainToEnd(page);
    await expectWholeRun(page);
    await button(page, 'Reset').click();
    await expect(status(page)).toHaveAttribute('data-steps-done', '0');
    await page.getByLabel('Speed').selectOption({ label: '20 steps/s' });
  }
});

test('the tab hidden and frozen mid-run, then shown: the run goes on, no false alarm, nothing lost', async ({
  page,
  context,
}) => {
  // testhooks=1 for its short heartbeat: a freeze longer than it must not read as a dead worker.
  await openApp(page, 'testhooks=1&speed=20');
  await button(page, 'Train').click();
  await waitForSteps(page, 4);

  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  const cdp = await context.newCDPSession(page);
  await setVisibility('hidden');
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((resolve) => setTimeout(resolve, 3000)); // the page is frozen: no page.waitForTimeout
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await setVisibility('visible');

  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectWholeRun(page);
});
