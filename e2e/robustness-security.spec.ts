// Issue "Robustness": security. The built page carries a Content-Security-Policy that allows its own
// origin only and no inline script; training on every backend raises no CSP violation; no request
// (page or worker) leaves the origin; link values are only ever text.
import { expect, test, type Page } from '@playwright/test';
import { openApp, status, trainToEnd } from './helpers';

/** Records CSP violations (the page's event and the console's report) from before the page loads. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation;
      report(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  return violations;
}

test('the built page declares a CSP of its own origin only, with no inline script', async ({ page }) => {
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBeTruthy();
  const directives = new Map(
    csp!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
  expect(directives.get('default-src')).toBe("'self'");
  expect(directives.get('script-src')).toBe("'self'");
  expect(directives.get('worker-src')).toBe("'self'");
  expect(directives.get('object-src')).toBe("'none'");
  expect(directives.get('base-uri')).toBe("'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  // Every script is a same-origin file; none is inline.
  const scripts = await page
    .locator('script')
    .evaluateAll((els) => els.map((el) => ({ src: (el as HTMLScriptElement).src, text: el.textContent ?? '' })));
  for (const script of scripts) {
    expect(new URL(script.src).origin).toBe(new URL(page.url()).origin);
    expect(script.text.trim()).toBe('');
  }
});

for (const backend of ['webgpu', 'webgl', 'cpu'] as const) {
  test(`training on ${backend}: no CSP violation, and every request (page and worker) stays on the origin`, async ({
    page,
    context,
  }) => {
    const violations = await watchCsp(page);
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    await openApp(page, `backend=${backend}`);
    await expect(status(page)).toHaveAttribute('data-backend', backend);
    await trainToEnd(page);
    // Open what opens: the table view, the debug panel.
    await page.locator('details.debug-panel summary').click();
    await page
      .getByText('Show as table')
      .click()
      .catch(() => {});

    const origin = new URL(page.url()).origin;
    expect(requests.length).toBeGreaterThan(2);
    // The training worker's script is in the record too: requests from worker context are covered.
    const workers = page.workers().map((worker) => worker.url());
    expect(workers.length).toBeGreaterThan(0);
    for (const url of workers) expect(requests).toContain(url);
    for (const url of requests) {
      const { protocol } = new URL(url);
      if (protocol === 'data:' || protocol === 'blob:') continue;
      expect(new URL(url).origin, url).toBe(origin);
    }
    expect(violations).toEqual([]);
  });
}

test('the CSP is enforced: an injected inline script does not run and is reported', async ({ page }) => {
  const violations = await watchCsp(page);
  await openApp(page);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join('\n')).toMatch(/script-src/);
});

test('a link full of markup: defaults used, every ignored part listed as text, no element injected', async ({
  page,
}) => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const query = [
    `batch=${encodeURIComponent(evil)}`,
    `${encodeURIComponent(evil)}=1`,
    `lr=${encodeURIComponent('<script>window.__pwned=2</script>')}`,
    'lr=0.5',
    'epochs=2',
    'epochs=3',
    'shuffle=maybe',
    `backend=${encodeURIComponent('"><svg onload=window.__pwned=3>')}`,
    'seed=1.5',
    'foo=bar',
  ].join('&');
  await openApp(page, query);

  const notice = page.getByRole('alert').filter({ hasText: 'Some settings in the link were ignored' });
  await expect(notice).toBeVisible();
  const items = notice.getByRole('listitem');
  await expect(items.filter({ hasText: `batch=${evil}: Batch size must be a whole number` })).toHaveCount(1);
  await expect(items.filter({ hasText: `unknown parameter "${evil}"` })).toHaveCount(1);
  await expect(items.filter({ hasText: 'lr was given 2 times; used the first' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'epochs was given 2 times; used the first (epochs=2)' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'shuffle=maybe' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'backend="><svg onload=window.__pwned=3>: Backend must be' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'seed=1.5: Seed must be a whole number' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'unknown parameter "foo"' })).toHaveCount(1);

  // Defaults where the link was bad, its valid values where it was good.
  await expect(page.getByLabel('Batch size')).toHaveValue('3');
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.01');
  await expect(page.getByLabel('Epochs')).toHaveValue('2');
  await expect(page.getByLabel('Shuffle')).toBeChecked();
  await expect(page.getByLabel('Seed')).toHaveValue('0');
  // Nothing from the link became an element or ran.
  await expect(page.locator('img, svg[onload], script:not([src])')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // And the app works.
  await trainToEnd(page);
  await expect(status(page)).toHaveAttribute('data-steps-done', '8');
});
