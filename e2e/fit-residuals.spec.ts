// The fit view's residuals are the batch loss's: at a step, the dashed gaps go to the line of the
// parameters before that step's update (the ones the loss was computed with), so the mean of their
// squares is the logged loss; the line after the update is drawn too, lighter.
import { expect, test, type Page } from '@playwright/test';
import { formatFixed } from '../src/engine/format';
import { logLines, openApp, status, trainToEnd } from './helpers';

const fitView = (page: Page) => page.getByRole('figure', { name: 'Fit', exact: true });

async function residuals(page: Page): Promise<number[]> {
  return JSON.parse((await fitView(page).getAttribute('data-residuals')) ?? '[]') as number[];
}

const meanSquare = (rs: number[]) => rs.reduce((sum, r) => sum + r * r, 0) / rs.length;

/** The drawn dashed segments' lengths in pixels, in the order of data-residuals. */
async function segmentLengths(page: Page): Promise<number[]> {
  return fitView(page)
    .locator('line.fit-residual')
    .evaluateAll((lines) => lines.map((l) => Math.abs(Number(l.getAttribute('y1')) - Number(l.getAttribute('y2')))));
}

async function expectStepOneResiduals(page: Page, loss: string) {
  const fit = fitView(page);
  await expect(fit).toHaveAttribute('data-highlight-step', '1');
  // The tutorial's initial parameters, seed 0: nn.Linear(1, 1) after torch.manual_seed(0).
  expect(Number(await fit.getAttribute('data-line-w'))).toBeCloseTo(-0.0075, 4);
  expect(Number(await fit.getAttribute('data-line-b'))).toBeCloseTo(0.5364, 4);
  const rs = await residuals(page);
  expect(rs).toHaveLength(3);
  expect(formatFixed(meanSquare(rs), 4)).toBe(loss);
  // The segments drawn are those residuals: one pixel scale for all of them.
  const lengths = await segmentLengths(page);
  expect(lengths).toHaveLength(3);
  const scale = lengths[0] / Math.abs(rs[0]);
  lengths.forEach((px, i) => expect(px).toBeCloseTo(Math.abs(rs[i]) * scale, 0));
  // …and drawn whole: both ends inside the plot area (its clip), not cut off at its bottom.
  const clip = fit.locator('clipPath rect');
  const top = Number(await clip.getAttribute('y'));
  const bottom = top + Number(await clip.getAttribute('height'));
  const ends = await fit
    .locator('line.fit-residual')
    .evaluateAll((lines) => lines.flatMap((l) => [Number(l.getAttribute('y1')), Number(l.getAttribute('y2'))]));
  for (const y of ends) {
    expect(y).toBeGreaterThanOrEqual(top);
    expect(y).toBeLessThanOrEqual(bottom);
  }
  await expect(fit).toContainText(
    "line the batch loss was computed with (before step 1's update): y = -0.0075·x + 0.5364",
  );
  await expect(fit).toContainText(`their mean square is the batch loss, ${loss}`);
}

test("step 1's residuals go to the initial line and reproduce its logged loss, before and after training", async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');
  const [first] = await logLines(page);
  expect(first.lossText).toBe('63.5872');
  await expectStepOneResiduals(page, first.lossText);
  // The line after the update: lighter, its own entry, the status's parameters.
  const fit = fitView(page);
  await expect(fit.locator('polyline.fit-prediction-after')).toHaveCount(1);
  const w = Number(await status(page).getAttribute('data-w'));
  await expect(fit).toContainText(`lighter: after the update, y = ${formatFixed(w, 4)}·x`);

  await trainToEnd(page);
  // Pointing at step 1 on the loss chart after training still shows step 1's residuals.
  const area = page.getByRole('figure', { name: 'Loss', exact: true }).locator('.loss-pointer-area');
  const box = (await area.boundingBox())!;
  await area.hover({ position: { x: 1, y: box.height / 2 } }); // the left edge: step 1
  await expect(fit).toHaveAttribute('data-highlight-source', 'pointed');
  await expectStepOneResiduals(page, first.lossText);

  // Every step's residuals are its loss's, the latest too.
  await page.mouse.move(0, 0);
  await expect(fit).toHaveAttribute('data-highlight-step', '40');
  const lines = await logLines(page);
  const rs = await residuals(page);
  expect(rs).toHaveLength(lines[39].batch.length);
  expect(formatFixed(meanSquare(rs), 4)).toBe(lines[39].lossText);
});

test('the MLP draws its latest curve and says its residuals are to it', async ({ page }) => {
  await openApp(page, 'model=mlp&dataset=sine&n=40&batch=4');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');
  const fit = fitView(page);
  await expect(fit.locator('polyline.fit-prediction')).toHaveCount(1);
  await expect(fit.locator('polyline.fit-prediction-after')).toHaveCount(0);
  await expect(fit).not.toHaveAttribute('data-line-w', /.*/);
  expect(await residuals(page)).toHaveLength(4);
  await expect(fit).toContainText("residuals to the latest curve (the MLP's parameters at each step are not kept");
});
