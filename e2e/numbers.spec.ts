// Numbers that agree and can be read (issue 14, point 6): the divergence warning quotes the losses
// the log shows at the steps it names and the step the run paused at; huge values read in scientific
// notation (the log keeps PyTorch's four decimals); the loss chart's tooltip fits on the screen.
import { expect, test, type Page } from '@playwright/test';
import { readable } from '../src/ui/numbers';
import { logLines, openApp, status, type LogLine } from './helpers';

const lossChart = (page: Page) => page.getByRole('figure', { name: 'Loss', exact: true });
const alertOf = (page: Page) => page.getByRole('alert').filter({ hasText: 'Training diverged' });

/** The log's loss of a line as a number: its four decimals, or inf / nan. */
const loggedLoss = (line: LogLine) =>
  line.lossText === 'nan' ? NaN : line.lossText === 'inf' ? Infinity : line.lossText === '-inf' ? -Infinity : line.loss;

async function trainUntilDiverged(page: Page, query: string) {
  await openApp(page, query);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(alertOf(page)).toBeVisible();
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
}

for (const query of ['lr=1', 'lr=0.1&epochs=30']) {
  test(`${query}: every loss the divergence warning quotes is the log's at the step it names, and it pauses where the status says`, async ({
    page,
  }) => {
    await trainUntilDiverged(page, query);
    const lines = await logLines(page);
    const stepsDone = Number(await status(page).getAttribute('data-steps-done'));
    expect(lines).toHaveLength(stepsDone);
    const what = (await alertOf(page).locator('.divergence-title').textContent()) ?? '';

    // "… the log shows 63.5872 at step 1 and 8.7700e+27 at step 8." or "At step 12 the loss became Infinity, …"
    const quoted = [
      ...[...what.matchAll(/(-?[\d.]+(?:e[+-]\d+)?|NaN|Infinity) at step (\d+)/g)].map((m) => [m[1], m[2]]),
      ...[...what.matchAll(/At step (\d+) the loss became (-?[\d.]+(?:e[+-]\d+)?|NaN|Infinity)/g)].map((m) => [
        m[2],
        m[1],
      ]),
    ];
    expect(quoted.length).toBeGreaterThan(0);
    for (const [value, step] of quoted) {
      expect(Number(step)).toBeLessThanOrEqual(stepsDone);
      expect(value, `the loss quoted at step ${step}`).toBe(readable(loggedLoss(lines[Number(step) - 1])));
    }
    // The step where it was noticed is the alert's data-step; the step it paused at is the status's.
    const noticed = Number(await alertOf(page).getAttribute('data-step'));
    expect(quoted.map(([, step]) => Number(step))).toContain(noticed);
    const paused = /paused at step (\d+)/.exec(what);
    expect(paused, what).not.toBeNull();
    expect(Number(paused![1])).toBe(stepsDone);
  });
}

test('a diverged run: the parameters and the tooltip read in scientific notation, the log keeps four decimals', async ({
  page,
}) => {
  await trainUntilDiverged(page, 'lr=1');
  const w = Number(await status(page).getAttribute('data-w'));
  const b = Number(await status(page).getAttribute('data-b'));
  expect(Math.abs(w)).toBeGreaterThan(1e6);
  const current = page.locator('.params-line').filter({ hasText: 'Current' });
  await expect(current).toHaveText(`Current w = ${readable(w)}, b = ${readable(b)}`);
  expect(readable(w)).toMatch(/^-?\d\.\d{4}e\+\d+$/);

  const lines = await logLines(page);
  const last = lines.length;
  // The log is PyTorch's: every digit, four decimals, however large.
  expect(lines[last - 1].lossText).toMatch(/^(\d{7,}\.\d{4}|inf|nan)$/);
  const area = lossChart(page).locator('.loss-pointer-area');
  const box = (await area.boundingBox())!;
  await area.hover({ position: { x: box.width - 1, y: box.height / 2 } });
  await expect(lossChart(page).locator('.loss-hover')).toHaveAttribute('data-step', String(last));
  await expect(lossChart(page).locator('.loss-tooltip')).toContainText(`Loss ${readable(loggedLoss(lines[last - 1]))}`);
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height} the loss tooltip lies inside the chart and the viewport, its text whole`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await openApp(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status(page)).toHaveAttribute('data-state', 'finished');
    const lines = await logLines(page);
    const chart = lossChart(page);
    await chart.scrollIntoViewIfNeeded();
    const area = chart.locator('.loss-pointer-area');
    const box = (await area.boundingBox())!;
    const svgBox = (await chart.locator('svg.recharts-surface').first().boundingBox())!;
    // Step 1 (left edge), the middle, step 40 (right edge): the tooltip flips or stays inside.
    for (const [fraction, step] of [
      [0, 1],
      [0.5, null],
      [1, 40],
    ] as const) {
      await area.hover({
        // A few pixels in from the edges: the axis' tick marks overhang the plot area by a pixel.
        position: { x: Math.min(box.width - 3, Math.max(3, box.width * fraction)), y: box.height / 2 },
      });
      const tooltip = chart.locator('.loss-tooltip');
      await expect(tooltip).toHaveCount(1);
      const shown = Number(await chart.locator('.loss-hover').getAttribute('data-step'));
      if (step !== null) expect(Math.abs(shown - step)).toBeLessThanOrEqual(1); // a step is 5 px wide at 390 px
      const s = shown - 1;
      const epoch = Math.floor(s / 4) + 1;
      await expect(tooltip).toContainText(`Step ${shown}`);
      await expect(tooltip).toContainText(`Epoch ${epoch} of 10, batch ${(s % 4) + 1} of 4`);
      await expect(tooltip).toContainText(`Batch [${lines[s].batch.join(', ')}]`);
      await expect(tooltip).toContainText(`Loss ${lines[s].lossText}`);
      const rect = (await tooltip.locator('rect').boundingBox())!;
      for (const inner of [svgBox, { x: 0, y: 0, width: viewport.width, height: Number.POSITIVE_INFINITY }]) {
        expect(rect.x).toBeGreaterThanOrEqual(inner.x - 0.5);
        expect(rect.x + rect.width).toBeLessThanOrEqual(inner.x + inner.width + 0.5);
      }
      // Every line of text lies inside the box (the box is sized by the drawn text).
      for (const text of await tooltip.locator('text').all()) {
        const t = (await text.boundingBox())!;
        expect(t.x).toBeGreaterThanOrEqual(rect.x);
        expect(t.x + t.width).toBeLessThanOrEqual(rect.x + rect.width + 0.5);
        expect(t.y + t.height).toBeLessThanOrEqual(rect.y + rect.height + 0.5);
      }
    }
  });
}
