// The glossary (issue 14, point 7): every term of the subject's jargon the page shows has a "?"
// whose tooltip says what it means, in the page's language, on hover and on keyboard focus (Tab),
// describes its button (aria-describedby), closes with Escape and does not cover the button. Sample
// indices are said once where they appear to count from 0. Texts come from the catalogues.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ENGLISH } from '../src/i18n/translate';
import { zhCN } from '../src/i18n/zh-CN';
import { status } from './helpers';

const LOCALES = [
  { lang: 'en', words: ENGLISH },
  { lang: 'zh-CN', words: zhCN },
] as const;
type Words = (typeof LOCALES)[number]['words'];

async function open(page: Page, lang: string, query = ''): Promise<void> {
  await page.goto(`/?lang=${lang}${query ? `&${query}` : ''}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
}

/** Focuses `target` the way a keyboard does: Tab from the element before it in the tab order. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.evaluate((el) => {
    const tabbable = [
      ...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]'),
    ].filter((e) => e.tabIndex >= 0 && !e.matches(':disabled') && e.getClientRects().length > 0);
    // The nearest one before it that takes focus (a closed <details> keeps its file input's box).
    const before = tabbable
      .slice(0, tabbable.indexOf(el as HTMLElement))
      .reverse()
      .find((candidate) => {
        candidate.focus();
        return document.activeElement === candidate;
      });
    if (!before) (document.activeElement as HTMLElement | null)?.blur();
  });
  await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The term's "?" explains it on hover and on Tab focus, with the catalogue's text, and Escape closes it. */
async function expectExplained(page: Page, words: Words, term: keyof Words & `glossary.${string}`) {
  const text = words[term];
  const box = page.locator(`.term[data-glossary="${term.slice('glossary.'.length)}"]`);
  await expect(box, term).toHaveCount(1);
  const button = box.getByRole('button', { name: words['glossary.about'], exact: true });
  const tipId = await button.getAttribute('aria-describedby');
  expect(tipId, term).toBeTruthy();
  const tip = page.locator(`[id="${tipId}"]`);
  await expect(tip).toHaveAttribute('role', 'tooltip');
  await expect(tip).toBeHidden();
  await expect(button).toHaveAccessibleDescription(text);

  await button.scrollIntoViewIfNeeded();
  await button.hover();
  await expect(tip, term).toBeVisible();
  await expect(tip).toHaveText(text);
  const [at, shown] = [await button.boundingBox(), await tip.boundingBox()];
  expect(at && shown && !overlap(at, shown), `${term}: the tooltip leaves its button free`).toBe(true);
  const viewport = page.viewportSize();
  expect(shown && viewport && shown.x >= 0 && shown.x + shown.width <= viewport.width, term).toBe(true);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await page.mouse.move(0, 0);

  await tabTo(page, button);
  await expect(tip, term).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(button).toBeFocused();
  await button.blur();
}

for (const { lang, words } of LOCALES) {
  test.describe(`lang=${lang}`, () => {
    test('the settings, the loss chart and the parameter space explain their terms', async ({ page }) => {
      await open(page, lang, 'val=0.2');
      for (const term of [
        'glossary.batchSize',
        'glossary.shuffle',
        'glossary.replacement',
        'glossary.dropLast',
        'glossary.learningRate',
        'glossary.epoch',
        'glossary.seed',
        'glossary.backend',
        'glossary.validationSplit',
        'glossary.step',
        'glossary.pin',
        'glossary.mse',
      ] as const) {
        await expectExplained(page, words, term);
      }
      // Where sample indices are shown (the composition and its table, the log), they are said to count from 0.
      await expect(page.locator('.batch-composition .index-note')).toHaveText(words['glossary.indices']);
      await expect(page.locator('.log-panel .index-note')).toHaveText(words['glossary.indices']);

      await page.getByRole('button', { name: words['controls.train'], exact: true }).click();
      await expect(status(page)).toHaveAttribute('data-state', 'finished');
      // By the last step the tutorial's steps are shorter than the arrows can show: they are magnified.
      await expect(page.locator('.param-arrows')).toHaveAttribute('data-magnify', /^(?!1$)\d/);
      for (const term of [
        'glossary.contours',
        'glossary.batchGradient',
        'glossary.magnified',
        'glossary.gradientNoise',
      ] as const) {
        await expectExplained(page, words, term);
      }
      // One open tooltip, and the page has no axe violations.
      await page.locator('.term[data-glossary="contours"]').getByRole('button').hover();
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
      expect(results.passes.length).toBeGreaterThan(10);
    });

    test('a divergence explains λmax and E[x²]; a large dataset its pixel scale', async ({ page }) => {
      await open(page, lang, 'lr=1');
      await page.getByRole('button', { name: words['controls.train'], exact: true }).click();
      await expect(page.locator('.divergence')).toBeVisible();
      await expectExplained(page, words, 'glossary.lambdaMax');
      await expectExplained(page, words, 'glossary.meanXX');

      await open(page, lang, 'dataset=line&n=100000&batch=10');
      await expect(page.locator('.batch-composition')).not.toHaveAttribute('data-samples-per-pixel', '0');
      await expectExplained(page, words, 'glossary.perPixel');
    });

    test('the throughput lab explains its trainer and its "epochs in curve"', async ({ page }) => {
      test.setTimeout(120_000);
      await open(page, lang);
      await page.getByText(words['lab.summary']).click();
      await page.getByRole('button', { name: words['lab.run'] }).click();
      await expect(page.locator('.throughput-body')).toHaveAttribute('data-phase', 'complete', { timeout: 90_000 });
      await expectExplained(page, words, 'glossary.engine');
      await expectExplained(page, words, 'glossary.epochsInCurve');
    });
  });
}
