// Languages (issue 5): English and 简体中文, chosen from the browser's language, switched on the page
// and kept in the link (lang=). The Chinese page has no English left in its main view: every Latin
// word it shows is a kept name (PyTorch, WebGPU, CSV…, src/i18n/catalogue.ts) or sits in an element
// marked lang="en" (the training log — PyTorch's own output format — and the language names).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { atFullSpeed, openOwnData, parseLogLine, status } from './helpers';
import { englishLeft } from './i18n-probe';

async function openChinese(page: Page, query = ''): Promise<void> {
  await page.goto(`/?${atFullSpeed(`lang=zh-CN${query ? `&${query}` : ''}`)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
}

test('lang=zh-CN: the main view is Chinese, with no English left, before and after training', async ({ page }) => {
  await openChinese(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('小批量 SGD');
  await expect(page.getByLabel('批大小')).toHaveValue('3');
  await expect(status(page)).toContainText('就绪');
  // Chinese punctuation between the parameters too: the separator is the catalogue's, not the code's.
  await expect(page.locator('.params-line').first()).toHaveText('初始 w = -0.0075，b = 0.5364');
  expect(await englishLeft(page)).toEqual([]);

  await page.getByRole('button', { name: '训练', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  await expect(status(page)).toContainText('已完成');
  await expect(status(page)).toContainText('第 10/10 轮');
  // The log stays PyTorch's format, word for word, and says it is English.
  const log = page.getByRole('log', { name: '训练日志' });
  const lines = (await log.getByRole('listitem').allTextContents()).map(parseLogLine);
  expect(lines).toHaveLength(40);
  expect(lines.at(-1)).toMatchObject({ epoch: 10, epochs: 10, stepInEpoch: 4 });
  await expect(log.locator('ol')).toHaveAttribute('lang', 'en');
  // Pointing at a step (the tooltip) and the composition as a table are Chinese too.
  await page.getByRole('img', { name: /损失随步数变化/ }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.loss-tooltip')).toContainText('第 40 步第 10 轮（共 10 轮）');
  await page.getByText('以表格显示').click();
  await expect(page.getByRole('table').first()).toContainText('第 1 批');
  expect(await englishLeft(page)).toEqual([]);
});

test('lang=zh-CN: the throughput lab, the MLP and a divergence are Chinese too', async ({ page }) => {
  test.setTimeout(120_000);
  await openChinese(page, 'lr=1');
  await page.getByRole('button', { name: '训练', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '训练发散了' })).toBeVisible();
  await expect(page.getByRole('button', { name: /使用学习率/ })).toBeVisible();
  expect(await englishLeft(page)).toEqual([]);

  await openChinese(page, 'model=mlp&dataset=sine&n=200');
  await expect(page.getByRole('heading', { name: /模型：MLP 1 → 16 → 1/ })).toBeVisible();
  await page.getByText('吞吐量实验：为什么要用小批量').click();
  await page.getByRole('button', { name: '开始测量吞吐量' }).click();
  await expect(page.locator('.sweep-outcome')).toContainText('测量完成', { timeout: 90_000 });
  await expect(page.getByRole('table', { name: '测量结果' })).toBeVisible();
  expect(await englishLeft(page)).toEqual([]);
});

test('bad input and a bad link are explained in Chinese', async ({ page }) => {
  await openChinese(page, 'batch=abc&warp=1');
  const notice = page.getByRole('alert').filter({ hasText: '链接中的部分设置无效' });
  await expect(notice).toContainText('batch=abc：批大小必须是 1 到 2147483647 之间的整数。');
  await expect(notice).toContainText('未知参数“warp”');
  await page.getByLabel('学习率').fill('-1');
  await expect(page.getByText('学习率必须是正数。仍在使用 0.01。')).toBeVisible();
  await page.getByLabel('随机种子').fill('1.5');
  await expect(
    page.getByText(
      '随机种子必须是整数（PyTorch 会把 1.5 截断为 1），范围是 -9223372036854775808 到 18446744073709551615（PyTorch 接受任意 64 位种子）。仍在使用 0。',
    ),
  ).toBeVisible();
  await openOwnData(page);
  await expect(page.locator('details.own-data > summary')).toHaveText('使用自己的数据');
  await page.getByLabel('你的数据（CSV）').fill('x,y\n1,2\n3,abc');
  await page.getByRole('button', { name: '使用这些数据' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '第 3 行' })).toHaveText('第 3 行：y 是 "abc"，不是数字。');
  expect(await englishLeft(page)).toEqual([]);
});

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('opens in Chinese without lang=, and the switch goes to English and into the link', async ({ page }) => {
    await page.goto(`/?${atFullSpeed('batch=4')}`);
    await expect(status(page)).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '训练', exact: true })).toBeVisible();

    await page.getByLabel('语言').selectOption('en');
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/[?&]lang=en(&|$)/);
    await expect(page).toHaveURL(/batch=4/);
    // The switch does not touch the run: same settings, nothing reset.
    await expect(status(page)).not.toContainText('Settings changed');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
    await expect(page.getByLabel('Batch size')).toHaveValue('4');
  });
});

test('an English browser opens in English; the switch turns the page Chinese and keeps the run', async ({ page }) => {
  await page.goto(`/?${atFullSpeed('')}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page).toHaveURL(/[?&]lang=zh-CN(&|$)/);
  await expect(status(page)).toContainText('第 1/10 轮 · 第 1/4 步');
  await expect(status(page)).toHaveAttribute('data-steps-done', '1');
  await expect(page).toHaveTitle('minibatch-lab — 小批量 SGD 实时演示');
  expect(await englishLeft(page)).toEqual([]);
});

test('the Chinese page has no axe violations', async ({ page }) => {
  await openChinese(page);
  await page.getByRole('button', { name: '训练', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('lang=zh-CN: a comparison preset says what to look at in Chinese, its marks too, with no axe violations', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openChinese(page);
  // By its data-preset: the Chinese catalogue's words may improve, the ids stay.
  await page.locator('button[data-preset="large-lr"]').click();
  await expect(page.locator('.pinned-list li')).toHaveCount(2, { timeout: 60_000 });
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
  const chart = page.locator('figure.loss-chart');
  await expect(chart.locator('.preset-note [data-preset="large-lr"]')).toContainText('lr = 1 每一步都冲过极小值');
  await expect(chart.locator('.loss-off-scale')).toHaveText('lr=1 ↑ 超出坐标范围');
  expect(await englishLeft(page)).toEqual([]);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
