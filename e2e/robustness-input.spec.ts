// Issue "Robustness": bad input. Whatever is typed or linked, the control says what is wrong right
// next to it, the previous valid value (and the run) stays, and allowed-but-odd values get a word.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_CONFIG } from '../src/engine/config';
import { createRunPlan } from '../src/engine/plan';
import { logLines, openApp, status, trainingLog, trainToEnd } from './helpers';
import { button, expectWholeRun, waitForSteps } from './robustness-helpers';

/** Types `text` into the field and checks the message next to it; the run's settings stay. */
async function expectRefused(page: Page, label: string, text: string, message: RegExp, kept: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(text);
  await expect(input, `${label} = ${JSON.stringify(text)}`).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription(message);
  await expect(input).toHaveAccessibleDescription(new RegExp(`Still using ${kept}\\.`));
}

test('batch size: 0, negative, fractional, non-numeric, empty and beyond 2^31 are refused next to the box', async ({
  page,
}) => {
  await openApp(page);
  const url = page.url();
  for (const text of ['0', '-3', '2.5', 'abc', '', '2147483648', '1e10', '0x10']) {
    await expectRefused(
      page,
      'Batch size',
      text,
      text === '' ? /Enter a value\./ : /Batch size must be a whole number from 1 to 2147483647\./,
      '3',
    );
  }
  expect(page.url()).toBe(url); // nothing was applied
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(status(page)).not.toContainText('Settings changed');
  await trainToEnd(page); // with the batch size kept: 3
  await expectWholeRun(page);
});

test('batch size larger than the dataset is allowed, and says that an epoch is one batch of all samples', async ({
  page,
}) => {
  await openApp(page);
  const batch = page.getByLabel('Batch size');
  await batch.fill('11');
  await expect(batch).not.toHaveAttribute('aria-invalid', 'true');
  await expect(batch).toHaveAccessibleDescription(
    "Larger than the dataset's 10 samples: allowed, each epoch is one batch of all 10 samples.",
  );
  await expect(page).toHaveURL(/batch=11/);
  await trainToEnd(page);
  const lines = await logLines(page);
  expect(lines).toHaveLength(10);
  for (const line of lines) expect(line.batch.slice().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

  // With Drop last the one short batch goes: the note says no step trains, the status agrees.
  await page.getByLabel('Drop last').check();
  await expect(batch).toHaveAccessibleDescription(
    /Drop last is on: the one short batch is dropped, so no step trains\./,
  );
  await expect(status(page)).toContainText('No mini-batches');
});

test('learning rate: 0, negative, NaN, Infinity and overflow are refused; a huge one is allowed with a warning', async ({
  page,
}) => {
  await openApp(page);
  for (const text of ['0', '-0.1', 'NaN', 'Infinity', '-Infinity', '1e999', 'abc']) {
    await expectRefused(page, 'Learning rate', text, /Learning rate must be a positive number\./, '0.01');
  }
  const lr = page.getByLabel('Learning rate');
  await lr.fill('1000000');
  await expect(lr).not.toHaveAttribute('aria-invalid', 'true');
  await expect(lr).toHaveAccessibleDescription(
    /Very large: SGD will most likely diverge, the loss growing to inf or nan\. Allowed/,
  );
  await expect(page).toHaveURL(/lr=1000000/);
  // It diverges: the log prints inf/nan like Python, and the run still finishes, without an error
  // (the divergence watch pauses it once, to explain; Train goes on).
  await button(page, 'Train').click();
  await expect(status(page)).toHaveAttribute('data-state', /paused|finished/);
  if ((await status(page).getAttribute('data-state')) === 'paused') await trainToEnd(page);
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  const lines = await logLines(page);
  expect(lines).toHaveLength(40);
  expect(lines.some((l) => ['inf', '-inf', 'nan'].includes(l.lossText))).toBe(true);
  await expect(status(page)).not.toHaveAttribute('data-state', 'error');
});

test('epochs: 0, negative, fractional and beyond the stated maximum of 100000 are refused', async ({ page }) => {
  await openApp(page);
  for (const text of ['0', '-5', '2.5', '100001', '1e9', 'ten']) {
    await expectRefused(page, 'Epochs', text, /Epochs must be a whole number from 1 to 100000\./, '10');
  }
  const epochs = page.getByLabel('Epochs');
  await epochs.fill('2');
  await expect(page).toHaveURL(/epochs=2/);
  await trainToEnd(page);
  await expectWholeRun(page, { epochs: 2 });
});

test("seed: PyTorch's whole 64-bit range is accepted exactly; fractions and values beyond it are refused", async ({
  page,
}) => {
  await openApp(page);
  await expectRefused(page, 'Seed', '1.5', /Seed must be a whole number \(PyTorch would cut 1\.5 to 1\)/, '0');
  const range = /from -9223372036854775808 to 18446744073709551615/;
  await expectRefused(page, 'Seed', '18446744073709551616', range, '0');
  await expectRefused(page, 'Seed', '-9223372036854775809', range, '0');
  await expectRefused(page, 'Seed', 'abc', range, '0');

  // -1 and 2^64 - 1 are the same seed to PyTorch (mod 2^64): same initial w and b.
  const initial = (seed: number | string) => createRunPlan({ ...DEFAULT_CONFIG, seed }).initialParams!;
  const seed = page.getByLabel('Seed');
  await seed.fill('-1');
  await expect(page).toHaveURL(/seed=-1/);
  await expect(status(page)).toHaveAttribute('data-w', String(initial(-1).w));
  await seed.fill('18446744073709551615');
  await expect(page).toHaveURL(/seed=18446744073709551615(&|$)/);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(status(page)).toHaveAttribute('data-w', String(initial('18446744073709551615').w));
  expect(initial('18446744073709551615')).toEqual(initial(-1));
  await page.reload();
  await expect(page.getByLabel('Seed')).toHaveValue('18446744073709551615');
  await trainToEnd(page);
  await expectWholeRun(page, { seed: '18446744073709551615' });
});

test('a bad value typed during a run leaves the run alone; a valid change resets it and says so', async ({ page }) => {
  await openApp(page, 'speed=20');
  await button(page, 'Train').click();
  await waitForSteps(page, 3);
  await expectRefused(page, 'Batch size', 'abc', /Batch size must be a whole number/, '3');
  await expect(status(page)).toHaveAttribute('data-state', /running|finished/);
  await expect(status(page)).not.toContainText('Settings changed');
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expectWholeRun(page);

  // A valid change mid-run: the run resets at once, says so, and the new run is the new settings'.
  await page.getByLabel('Batch size').fill('3');
  await button(page, 'Reset').click();
  await button(page, 'Train').click();
  await waitForSteps(page, 3);
  await page.getByLabel('Learning rate').fill('0.02');
  await expect(status(page)).toContainText('Settings changed — run reset');
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(status(page)).toHaveAttribute('data-steps-done', '0');
  await expect(trainingLog(page).getByRole('listitem')).toHaveCount(0);
  await page.getByLabel('Speed').selectOption({ label: 'Max' });
  await trainToEnd(page);
  await expectWholeRun(page, { learningRate: 0.02 });
});

test('a speed change mid-run applies from the next step without a reset, and says so', async ({ page }) => {
  await openApp(page, 'speed=5');
  await button(page, 'Train').click();
  await waitForSteps(page, 2);
  await page.getByLabel('Speed').selectOption({ label: 'Max' });
  await expect(status(page)).toContainText(
    'Speed changed to as fast as possible from the next step — the run goes on, nothing reset',
  );
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  // Chosen, so kept in the link even at its default: without speed= the tutorial would train at 5 steps/s.
  await expect(page).toHaveURL(/[?&]speed=0(&|$)/);
  await expectWholeRun(page); // one run, every step once, in order
});
