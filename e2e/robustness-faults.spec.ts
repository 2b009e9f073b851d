// Issue "Robustness": faults. A GPU that goes away, a kernel that throws, a worker that dies — each
// forced through the ?testhooks=1 hooks — must end in a run that is complete and in order, with a
// message on screen, and nothing the charts or the log had before the fault lost.
import { expect, test, type Page } from '@playwright/test';
import type { TestHook } from '../src/protocol';
import { openApp, status, trainingLog, trainToEnd } from './helpers';
import { button, expectWholeRun, fire, lossChart, stepsDone, tensorCount, waitForSteps } from './robustness-helpers';

test('the GPU device is lost mid-run: WebGL takes over at the last completed step and the run completes', async ({
  page,
}) => {
  await openApp(page, 'testhooks=1&speed=20');
  const st = status(page);
  await expect(st).toHaveAttribute('data-backend', 'webgpu');

  await button(page, 'Train').click();
  await waitForSteps(page, 6);
  await fire(page, 'lose-device');

  await expect(st).toHaveAttribute('data-backend', 'webgl');
  await expect(st).toContainText(/WebGPU stopped working: the GPU device was lost/);
  await expect(st).toContainText(/Switched to WebGL; the run goes on from step \d+, nothing lost/);
  const resumedAt = Number(/from step (\d+)/.exec((await st.textContent()) ?? '')?.[1]);
  expect(resumedAt).toBeGreaterThanOrEqual(6);
  expect(resumedAt).toBeLessThan(40);
  // It goes on by itself (it was training) and finishes.
  await expect(st).toHaveAttribute('data-state', 'finished');
  await expectWholeRun(page);
  await expect(lossChart(page)).toHaveAttribute('data-step-points', '40');
  // Nothing of the dead backend lingers: the run holds what a fresh run on WebGL holds.
  const tensorsAtEnd = await tensorCount(page);
  await button(page, 'Reset').click();
  await expect(st).toHaveAttribute('data-steps-done', '0');
  await expect(st).toHaveAttribute('data-state', 'ready');
  await expect(st).toHaveAttribute('data-tensors', String(tensorsAtEnd));
});

test('a tfjs kernel throwing mid-run on WebGPU: the run falls back to WebGL and completes in order', async ({
  page,
}) => {
  await openApp(page, 'testhooks=1&speed=20');
  const st = status(page);
  await button(page, 'Train').click();
  await waitForSteps(page, 3);
  await fire(page, 'throw-next-chunk');
  await expect(st).toHaveAttribute('data-backend', 'webgl');
  await expect(st).toContainText(/WebGPU stopped working: a training step failed: a tfjs kernel failed/);
  await expect(st).toHaveAttribute('data-state', 'finished');
  await expectWholeRun(page);
});

test('the device is lost while paused: the switch is announced and Train carries on from the same step', async ({
  page,
}) => {
  await openApp(page, 'testhooks=1');
  const st = status(page);
  await button(page, 'Step epoch').click();
  await expect(st).toHaveAttribute('data-steps-done', '4');
  await expect(st).toHaveAttribute('data-state', 'paused');
  await fire(page, 'lose-device');
  await expect(st).toHaveAttribute('data-backend', 'webgl');
  await expect(st).toContainText(/the run goes on from step 4, nothing lost/);
  await expect(st).toHaveAttribute('data-state', 'paused');
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(4);
  await trainToEnd(page);
  await expectWholeRun(page);
});

test('the WebGL context is lost mid-run: the CPU takes over and the run completes', async ({ page }) => {
  await openApp(page, 'testhooks=1&speed=20&backend=webgl');
  const st = status(page);
  await expect(st).toHaveAttribute('data-backend', 'webgl');
  await button(page, 'Train').click();
  await waitForSteps(page, 4);
  await fire(page, 'lose-device');
  await expect(st).toHaveAttribute('data-backend', 'cpu');
  await expect(st).toContainText(/WebGL stopped working: the WebGL context was lost/);
  await expect(st).toHaveAttribute('data-state', 'finished');
  await expectWholeRun(page);
});

/**
 * Mid-run, `hook` stops the training for good: the alert says `why`, the charts and the log keep
 * every step so far, and Restart worker carries the run on to a complete, ordered end.
 */
async function failThenRestart(page: Page, query: string, hook: TestHook, why: string): Promise<void> {
  await openApp(page, `testhooks=1&speed=20${query}`);
  const st = status(page);
  const backend = await st.getAttribute('data-backend');
  await button(page, 'Train').click();
  await waitForSteps(page, 5);
  await fire(page, hook);

  const alert = page.getByRole('alert').filter({ hasText: why });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Training stopped:');
  await expect(st).toHaveAttribute('data-state', 'error');
  const kept = await stepsDone(page);
  expect(kept).toBeGreaterThanOrEqual(5);
  await expect(alert).toContainText(`the charts and the log keep all ${kept} steps so far`);
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(kept);
  await expect(lossChart(page)).toHaveAttribute('data-step-points', String(kept));

  await alert.getByRole('button', { name: 'Restart worker' }).click();
  await expect(alert).toBeHidden();
  await expect(st).toHaveAttribute('data-state', 'paused');
  await expect(st).toHaveAttribute('data-backend', backend ?? '');
  await expect(st).toContainText(`Worker restarted — the run continues from step ${kept}`);
  await expect(st).toHaveAttribute('data-steps-done', String(kept));
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(kept);
  await page.getByLabel('Speed').selectOption({ label: 'Max' });
  await trainToEnd(page);
  await expectWholeRun(page);
}

test('an error on the last backend: the UI says so, keeps the history, and Restart worker carries the run on', async ({
  page,
}) => {
  await failThenRestart(page, '&backend=cpu', 'throw-next-chunk', 'a tfjs kernel failed');
});

test('the worker dies without a word: the heartbeat notices, the history stays, Restart worker finishes the run', async ({
  page,
}) => {
  await failThenRestart(page, '', 'kill-worker', 'The training worker stopped responding');
});

test('without ?testhooks=1 the hooks do nothing', async ({ page }) => {
  await openApp(page);
  expect(await page.evaluate(() => 'minibatchLabTestHooks' in window)).toBe(false);
});
