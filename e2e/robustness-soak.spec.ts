// Issue "Robustness": a long run. 1,000 epochs of the tutorial (4,000 steps) at full speed must keep
// the worker's tensor count flat, the chart's drawn points and the log's DOM bounded, and the page's
// memory within a modest bound — and end with exactly the run the reference computes.
import { expect, test } from '@playwright/test';
import { logLines, openApp, referenceTrace, status, trainingLog } from './helpers';
import { button, lossChart, lossPathPoints, tensorCount } from './robustness-helpers';

// WebGPU trains the linear model with fused kernels (plain GPU buffers, no tfjs tensors: the count
// is 0 throughout); the CPU backend runs tfjs op by op, where every step makes and frees tensors.
for (const backend of ['webgpu', 'cpu'] as const) {
  test(`1,000 epochs on ${backend}: tensor count flat, chart points and log lines bounded, page memory bounded`, async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000);
    await openApp(page, `epochs=1000&backend=${backend}`);
    const st = status(page);
    await expect(st).toHaveAttribute('data-backend', backend);
    const tensorsAtReady = await tensorCount(page);
    if (backend === 'cpu') expect(tensorsAtReady).toBeGreaterThan(0);

    const cdp = await context.newCDPSession(page);
    const heapUsed = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const heapAtReady = await heapUsed();

    await button(page, 'Train').click();
    // 4,000 steps; on SwiftShader, sharing the CPU with the page's drawing, that takes a while.
    await expect(st).toHaveAttribute('data-state', 'finished', { timeout: 150_000 });
    await expect(st).toHaveAttribute('data-steps-done', '4000');
    await expect(st).toHaveAttribute('data-backend', backend); // no failover on the way
    await expect(st).toHaveAttribute('data-tensors', String(tensorsAtReady));

    // The debug panel says the same.
    const debug = page.locator('details.debug-panel');
    await debug.locator('summary').click();
    const figures = debug.getByRole('definition');
    await expect(debug.locator('dl')).toHaveAttribute('data-tensors', String(tensorsAtReady));
    await expect(figures.first()).toHaveText(String(tensorsAtReady));
    await expect(debug).toContainText('Steps kept in the page4,000');

    // The chart: 4,000 steps, drawn with about 1,000 points per line (LTTB); 1,000 epoch means.
    await expect(lossChart(page)).toHaveAttribute('data-step-points', '4000');
    const points = await lossPathPoints(page);
    expect(points.length).toBe(2);
    for (const n of points) {
      expect(n).toBeGreaterThan(500);
      expect(n).toBeLessThanOrEqual(1100);
    }
    // The log keeps the newest 1,000 lines in the DOM.
    await expect(trainingLog(page).getByRole('listitem')).toHaveCount(1000);
    await expect(page.getByText('showing the last 1,000 of 4,000 lines')).toBeVisible();
    // Those are steps 3,001 … 4,000 exactly, in order.
    await expect(trainingLog(page).locator('ol')).toHaveAttribute('start', '3001');
    const { steps } = referenceTrace({ epochs: 1000 });
    (await logLines(page)).forEach((line, i) => {
      const ref = steps[3000 + i];
      expect([line.epoch, line.stepInEpoch, line.batch]).toEqual([ref.epoch, ref.stepInEpoch, ref.batch]);
    });

    const heapAfter = await heapUsed();
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    console.log(
      `soak on ${backend}: tensors ${tensorsAtReady} → ${await tensorCount(page)}, heap ${(heapAtReady / 2 ** 20).toFixed(1)} → ` +
        `${(heapAfter / 2 ** 20).toFixed(1)} MB, ${elements} elements, loss paths ${points.join('/')} points`,
    );
    expect(heapAfter - heapAtReady).toBeLessThan(40 * 2 ** 20);
    expect(elements).toBeLessThan(8000);
  });
}
