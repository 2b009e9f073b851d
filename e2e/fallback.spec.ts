// Chromium without the WebGPU flags has no adapter: the app must fall back and say so.
import { expect, test } from '@playwright/test';
import { logLines, openApp, referenceTrace, status, trainToEnd } from './helpers';
import { englishLeft } from './i18n-probe';

test('without WebGPU the app falls back to WebGL or CPU, says why, and still trains', async ({ page }) => {
  await openApp(page);
  const st = status(page);
  const backend = await st.getAttribute('data-backend');
  expect(backend === 'webgl' || backend === 'cpu').toBe(true);
  await expect(st).toContainText(`Backend: ${backend}`);
  await expect(st).toContainText(/WebGPU unavailable/i);
  await trainToEnd(page);
  const lines = await logLines(page);
  expect(lines).toHaveLength(40);
  const { steps } = referenceTrace();
  lines.forEach((l, i) => {
    expect(l.batch).toEqual(steps[i].batch);
    expect(Math.abs(l.loss - steps[i].loss)).toBeLessThanOrEqual(5e-5 + 1e-4 * steps[i].loss);
  });
});

test('backend=cpu in the URL uses the CPU backend', async ({ page }) => {
  await openApp(page, 'backend=cpu');
  await expect(status(page)).toHaveAttribute('data-backend', 'cpu');
  await trainToEnd(page);
  expect(await logLines(page)).toHaveLength(40);
});

test('the fallback is explained in Chinese on the Chinese page, with no English left', async ({ page }) => {
  await openApp(page, 'lang=zh-CN');
  const st = status(page);
  await expect(st).toContainText('WebGPU 不可用');
  await expect(st).toContainText(/——改用 (WebGL|CPU)/);
  expect(await englishLeft(page)).toEqual([]);
});
