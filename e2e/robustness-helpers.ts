// Helpers of the robustness specs: test hooks, the run's progress, a whole run checked against the
// engine's reference (count, order, batches, losses) and the points the loss chart really drew.
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunConfig } from '../src/engine/config';
import type { TestHook } from '../src/protocol';
import { logLines, referenceTrace, status } from './helpers';

export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Fires a worker test hook; the page must have been opened with testhooks=1. */
export async function fire(page: Page, hook: TestHook): Promise<void> {
  await page.evaluate((h) => {
    const hooks = (window as unknown as { minibatchLabTestHooks?: { fire(hook: string): void } }).minibatchLabTestHooks;
    if (!hooks) throw new Error('open the page with ?testhooks=1');
    hooks.fire(h);
  }, hook);
}

export async function stepsDone(page: Page): Promise<number> {
  return Number(await status(page).getAttribute('data-steps-done'));
}

export async function tensorCount(page: Page): Promise<number> {
  return Number(await status(page).getAttribute('data-tensors'));
}

/** Waits until at least `n` steps are done. */
export async function waitForSteps(page: Page, n: number): Promise<void> {
  await expect.poll(() => stepsDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(n);
}

/**
 * The log holds exactly the run `overrides` describes: one line per step, in order (the list's
 * numbering too), each with the reference's epoch, step, batch and loss (4 printed decimals).
 */
export async function expectWholeRun(page: Page, overrides: Partial<RunConfig> = {}): Promise<void> {
  const { steps } = referenceTrace(overrides);
  const lines = await logLines(page);
  expect(lines).toHaveLength(steps.length);
  lines.forEach((line, i) => {
    const ref = steps[i];
    expect([line.epoch, line.stepInEpoch, line.batch], `line ${i + 1}`).toEqual([
      ref.epoch,
      ref.stepInEpoch,
      ref.batch,
    ]);
    expect(Math.abs(line.loss - ref.loss), `loss of line ${i + 1}`).toBeLessThanOrEqual(
      5e-5 + 1e-4 * Math.abs(ref.loss),
    );
  });
  // The <ol> numbers its items from `start`: the first line shown is step 1 here.
  await expect(page.getByRole('log', { name: 'Training log' }).locator('ol')).toHaveAttribute('start', '1');
  await expect(status(page)).toHaveAttribute('data-steps-done', String(steps.length));
}

export const lossChart = (page: Page): Locator => page.getByRole('figure', { name: 'Loss' });

/** Points of each line the loss chart drew (recharts paths: one M/L command per point). */
export async function lossPathPoints(page: Page): Promise<number[]> {
  const paths = await lossChart(page)
    .locator('path.recharts-curve')
    .evaluateAll((els) => els.map((el) => el.getAttribute('d') ?? ''));
  return paths.map((d) => (d.match(/[ML]/g) ?? []).length);
}
