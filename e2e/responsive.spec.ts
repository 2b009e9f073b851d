// Responsive from a 360 px phone to a 4K projector (issue 5, "Classroom and sharing"): at each size
// the trained tutorial fits the width, every control can be seen and hit, nothing overlaps or is
// cut off, and the charts have a size. The measuring is in layout-probe.ts (it runs in the page).
import { expect, test, type Page } from '@playwright/test';
import { openApp, trainToEnd } from './helpers';
import { probeFirstScreen, probeLayout, type LayoutProbe } from './layout-probe';

interface Size {
  name: string;
  width: number;
  height: number;
  query?: string;
}

const SIZES: Size[] = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'full HD', width: 1920, height: 1080 },
  { name: '4K projector', width: 3840, height: 2160 },
  { name: 'full HD, projector mode', width: 1920, height: 1080, query: 'projector=1' },
  { name: '4K, projector mode', width: 3840, height: 2160, query: 'projector=1' },
  { name: 'phone, embedded', width: 360, height: 740, query: 'embed=1' },
];

/** Trains the tutorial at `size` and opens every disclosure (batch table, throughput lab, debug panel), so their contents are measured too. */
async function trainedAt(page: Page, size: Size): Promise<LayoutProbe> {
  await page.setViewportSize({ width: size.width, height: size.height });
  await openApp(page, size.query);
  await trainToEnd(page);
  await page.evaluate(() =>
    document.querySelectorAll('.app details').forEach((d) => ((d as HTMLDetailsElement).open = true)),
  );
  // ResizeObservers (recharts, the batch canvas) answer in the next frames.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(probeLayout);
}

for (const size of SIZES) {
  test(`${size.name} (${size.width}×${size.height}): no sideways scroll, every control visible, hittable and apart, charts sized, no clipped text`, async ({
    page,
  }) => {
    const probe = await trainedAt(page, size);
    expect(probe.problems).toEqual([]);
    for (const [name, box] of Object.entries(probe.charts)) {
      // Even on a phone a chart is wide enough to read (360 px less the page's and the panel's padding).
      expect(box.width, `${name} width`).toBeGreaterThanOrEqual(Math.min(260, size.width * 0.7));
    }
  });
}

test('a phone stacks the views in one column; the settings come first', async ({ page }) => {
  const { charts } = await trainedAt(page, SIZES[0]);
  const sidebar = await page.locator('.sidebar').boundingBox();
  expect(sidebar!.y + sidebar!.height).toBeLessThanOrEqual(charts.loss.top);
  expect(charts.composition.top).toBeGreaterThan(charts.loss.top + charts.loss.height);
});

for (const size of [SIZES[0], SIZES[6]]) {
  test(`${size.name}: a finished throughput sweep (three charts, a six-column table) fits too`, async ({ page }) => {
    await trainedAt(page, size);
    await page.getByRole('button', { name: 'Run throughput sweep' }).click();
    await expect(page.locator('.throughput-body')).toHaveAttribute('data-phase', 'complete', { timeout: 60_000 });
    const probe = await page.evaluate(probeLayout);
    expect(probe.problems).toEqual([]);
    await expect(page.getByRole('table', { name: 'Sweep results' }).getByRole('row')).toHaveCount(6); // header + B = 1, 2, 4, 8, 10
  });
}

test('4K uses the space: larger type, the page wider than full HD allows, the charts side by side and large', async ({
  page,
}) => {
  const hd = await trainedAt(page, SIZES[3]);
  const appHd = (await page.locator('.app').boundingBox())!;
  const uhd = await trainedAt(page, SIZES[4]);
  const appUhd = (await page.locator('.app').boundingBox())!;

  // Full HD keeps the look it had (18 px type); 4K scales it up rather than leaving a narrow column.
  expect(hd.rootFontPx).toBe(18);
  expect(uhd.rootFontPx).toBeGreaterThanOrEqual(28);
  expect(appUhd.width).toBeGreaterThanOrEqual(3840 * 0.8);
  expect(appUhd.width).toBeGreaterThan(appHd.width * 1.6);

  // Loss and batch composition share a row, then fit and parameter space; each about half the page.
  const { loss, composition, fit, params } = uhd.charts;
  expect(Math.abs(loss.top - composition.top)).toBeLessThan(40);
  expect(loss.left + loss.width).toBeLessThanOrEqual(composition.left);
  expect(fit.left + fit.width).toBeLessThanOrEqual(params.left);
  for (const box of [loss, composition, fit, params]) expect(box.width).toBeGreaterThanOrEqual(1200);
  // The charts grow in height with the type, not only in width.
  expect(loss.height).toBeGreaterThanOrEqual(hd.charts.loss.height * 1.5);
});

const scrollToTop = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => (window.scrollTo(0, 0), requestAnimationFrame(resolve))));
const LOSS_PLOT = 'figure.loss-chart .recharts-wrapper > svg.recharts-surface';
const COMPOSITION_PLOT = 'figure.batch-composition canvas.batch-canvas';

test('laptop (1366×768), first screen: batch size, shuffle and Train above the fold with the loss and batch composition plots', async ({
  page,
}) => {
  await trainedAt(page, SIZES[2]);
  await page.evaluate(() =>
    document.querySelectorAll('.app details').forEach((d) => ((d as HTMLDetailsElement).open = false)),
  );
  await scrollToTop(page);
  for (const control of [
    page.getByLabel('Batch size'),
    page.getByRole('checkbox', { name: 'Shuffle' }),
    page.getByRole('button', { name: 'Train', exact: true }),
    page.getByRole('combobox', { name: 'Speed' }),
  ])
    await expect(control).toBeInViewport({ ratio: 1 });
  // The plots whole on the screen, their labels readable and apart (the figures' captions and tools above them).
  expect(
    await page.evaluate(probeFirstScreen, {
      figures: { loss: LOSS_PLOT, composition: COMPOSITION_PLOT },
      minTextPx: 11,
    }),
  ).toEqual([]);
  // Sidebar, loss and composition side by side, none over another.
  const boxes = await Promise.all(
    ['.sidebar', 'figure.loss-chart', 'figure.batch-composition'].map(
      async (s) => (await page.locator(s).boundingBox())!,
    ),
  );
  for (let i = 0; i < boxes.length - 1; i++) expect(boxes[i].x + boxes[i].width).toBeLessThanOrEqual(boxes[i + 1].x);
  // The sidebar has no scroll box of its own.
  expect(await page.locator('.sidebar').evaluate((el) => getComputedStyle(el).overflowY)).toBe('visible');
});

test('laptop (1366×768): scrolled down to Fit and Parameter space, the loss chart stays in view', async ({ page }) => {
  await trainedAt(page, SIZES[2]);
  for (const name of ['Fit', 'Parameter space']) {
    const figure = page.getByRole('figure', { name, exact: true });
    await figure.scrollIntoViewIfNeeded();
    await expect(figure).toBeInViewport();
    await expect(page.locator(LOSS_PLOT)).toBeInViewport({ ratio: 1 });
  }
});

test('projector mode at 1920×1080 presents: no intro or diagnostics, the controls that matter, loss and composition whole and large', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page, 'projector=1');
  await trainToEnd(page);
  await scrollToTop(page);
  await expect(page.locator('.intro, .intro-more')).toHaveCount(0);
  await expect(page.getByRole('status').locator('.status-details')).toBeHidden();
  const sidebar = page.locator('.sidebar');
  for (const name of ['Batch size', 'Learning rate'])
    await expect(sidebar.getByRole('textbox', { name })).toBeInViewport();
  await expect(sidebar.getByRole('checkbox', { name: 'Shuffle' })).toBeInViewport();
  for (const name of ['Train', 'Pause', 'Step', 'Step epoch', 'Reset'])
    await expect(sidebar.getByRole('button', { name, exact: true })).toBeInViewport();
  await expect(sidebar.getByRole('combobox', { name: 'Speed' })).toBeInViewport();
  await expect(sidebar.getByRole('checkbox', { name: 'Projector mode' })).toBeInViewport();
  for (const name of ['Epochs', 'Seed', 'Dataset', 'Model', 'Backend', 'Replacement', 'Drop last'])
    await expect(sidebar.getByLabel(name, { exact: true })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Presets' })).toHaveCount(0);
  // Both figures whole (captions, axis titles, summaries), chart text at least 16 px and apart.
  expect(
    await page.evaluate(probeFirstScreen, {
      figures: { Loss: 'figure.loss-chart', 'Batch composition': 'figure.batch-composition' },
      minTextPx: 16,
    }),
  ).toEqual([]);
  await expect(page.locator('figure.loss-chart .loss-x-title')).toBeInViewport({ ratio: 1 });
  // Fit and parameter space further down, their text as large; the loss chart stays beside them.
  for (const [name, selector] of [
    ['Fit', 'figure.fit-view'],
    ['Parameter space', 'figure.param-space'],
  ]) {
    await page.locator(selector).scrollIntoViewIfNeeded();
    expect(await page.evaluate(probeFirstScreen, { figures: { [name]: selector }, minTextPx: 16 })).toEqual([]);
    await expect(page.locator(LOSS_PLOT)).toBeInViewport({ ratio: 1 });
  }
});

for (const reducedMotion of ['no-preference', 'reduce'] as const) {
  test(`a phone (390×844, ${reducedMotion} motion): Train brings the loss chart into view; a laptop stays where it is`, async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion });
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page);
    const loss = page.getByRole('figure', { name: 'Loss', exact: true });
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect(loss).not.toBeInViewport();
    await train.click();
    await expect(loss).toBeInViewport({ ratio: 0.9 });
    await expect(page.getByRole('status')).toHaveAttribute('data-state', 'finished');

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await scrollToTop(page);
    await train.click();
    await expect(page.getByRole('status')).toHaveAttribute('data-state', 'finished');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
}
