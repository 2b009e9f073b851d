// Automated accessibility check (axe-core): zero WCAG 2.0/2.1 A and AA violations on the main views.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, trainToEnd } from './helpers';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  // The ids, impacts and offending nodes in the failure message say what to fix.
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
  expect(summary).toEqual([]);
  // The check really ran rules against the page (a blank page would also have no violations).
  expect(results.passes.length).toBeGreaterThan(10);
}

test('main view at ready has no axe violations', async ({ page }) => {
  await openApp(page);
  await expectNoViolations(page);
});

test('main view after a finished tutorial run has no axe violations', async ({ page }) => {
  await openApp(page);
  await trainToEnd(page);
  await expect(page.getByRole('log', { name: 'Training log' }).getByRole('listitem')).toHaveCount(40);
  await expectNoViolations(page);
});

test('throughput lab open has no axe violations', async ({ page }) => {
  await openApp(page);
  await page.getByText('Throughput lab: why mini-batches exist').click();
  await expect(page.getByRole('button', { name: 'Run throughput sweep' })).toBeVisible();
  await expectNoViolations(page);
});

test('MLP on the sine has no axe violations', async ({ page }) => {
  await openApp(page, 'model=mlp&dataset=sine&n=200');
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('mlp');
  await expectNoViolations(page);
});

test('projector mode with the Keyboard shortcuts dialog open has no axe violations', async ({ page }) => {
  await openApp(page, 'projector=1');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectNoViolations(page);
});

test('after a comparison preset (pinned runs, the note, a clipped curve) has no axe violations', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.getByRole('group', { name: 'Presets' }).getByRole('button', { name: 'Learning rate too large' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Training diverged' })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.loss-off-scale')).toHaveCount(1);
  await expect(page.locator('.pinned-list li')).toHaveCount(2);
  await expectNoViolations(page);
});
