// Responsive from a 360 px phone to a 4K projector (issue 5, "Classroom and sharing"): at each size
// the trained tutorial fits the width, every control can be seen and hit, nothing overlaps or is
// cut off, and the charts have a size. The measuring is in layout-probe.ts (it runs in the page).
import { expect, test, type Page } from '@playwright/test';
import { openApp, trainToEnd } from './helpers';
import { probeLayout, type LayoutProbe } from './layout-probe';

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
