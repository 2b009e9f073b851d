// Offline after the first visit (issue 5, "Hosting"): the built site registers its service worker
// (src/sw/sw.js, written to dist/sw.js by the build), which caches the build; with the browser
// offline a reload still loads the app, and it trains the tutorial. Nothing is requested from any
// other origin, online or offline, and the worker's scope is the folder the site is served from.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { logLines, openApp, SITE_URL, status, SUBPATH_URL, trainToEnd } from './helpers';

const SUBPATH = SUBPATH_URL;

async function waitForController(page: Page): Promise<string> {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  // The worker claims the page when it activates.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated');
  return scope;
}

function recordRequests(context: BrowserContext): string[] {
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return requests;
}

async function reloadOfflineAndTrain(page: Page, context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await page.reload();
  await expect(status(page)).toHaveAttribute('data-backend', /^(webgpu|webgl|cpu)$/);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await trainToEnd(page);
  const lines = await logLines(page);
  expect(lines).toHaveLength(40);
  expect(lines.at(-1)?.epoch).toBe(10);
  // Still offline: nothing here came from the network.
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
}

test('after the first visit the site loads and trains offline', async ({ page, context }) => {
  const requests = recordRequests(context);
  await openApp(page, 'batch=3');
  const scope = await waitForController(page);
  expect(scope).toBe(SITE_URL);
  await reloadOfflineAndTrain(page, context);
  await expect(page.getByLabel('Batch size')).toHaveValue('3');
  const origin = new URL(page.url()).origin;
  expect(requests.length).toBeGreaterThan(2);
  for (const url of requests) expect(new URL(url).origin).toBe(origin);
});

test('under a sub-path the worker is scoped to that folder, and works offline there', async ({ page, context }) => {
  const requests = recordRequests(context);
  await openApp(page, '', SUBPATH);
  const scope = await waitForController(page);
  expect(scope).toBe(SUBPATH);
  await reloadOfflineAndTrain(page, context);
  for (const url of requests) expect(url.startsWith(SUBPATH)).toBe(true);
});
