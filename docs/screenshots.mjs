// Takes the README's screenshots of the views from the built site (npm run build; npx vite preview
// --port 4173): node docs/screenshots.mjs [base URL] [first-screen]. Chromium with WebGPU on
// SwiftShader, the flags of playwright.config.ts. `first-screen` takes only what a first-time visitor
// sees before scrolling (docs/first-screen-*.png): a laptop in English and Chinese, a projector, a phone.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/';
const onlyFirstScreen = process.argv[3] === 'first-screen';
const webgpuFlags = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
  '--use-angle=swiftshader',
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: webgpuFlags,
});
const ready = () => document.querySelector('[role=status]')?.getAttribute('data-state') === 'ready';

// 0. The first screen, untouched, as a link opens it (no speed=: the page's own default speed).
const FIRST_SCREENS = [
  { name: 'laptop-en', width: 1366, height: 768, query: '' },
  { name: 'laptop-zh-CN', width: 1366, height: 768, query: '?lang=zh-CN' },
  { name: 'projector', width: 1920, height: 1080, query: '?projector=1' },
  { name: 'phone', width: 390, height: 844, query: '' },
];
for (const { name, width, height, query } of FIRST_SCREENS) {
  const first = await browser.newPage({ viewport: { width, height } });
  await first.goto(`${base}${query}`);
  await first.waitForFunction(ready, null, { timeout: 120_000 });
  await first.waitForTimeout(400);
  await first.screenshot({ path: new URL(`first-screen-${name}.png`, import.meta.url).pathname });
  console.log(`wrote first-screen-${name}.png`);
  await first.close();
}
if (onlyFirstScreen) {
  await browser.close();
  process.exit(0);
}

const page = await browser.newPage({ viewport: { width: 1500, height: 1300 } });
const state = () => page.getByRole('status').getAttribute('data-state');
const figure = (name) => page.getByRole('figure', { name, exact: true });

/** Opens `query` at full speed unless it names a speed: the screenshots show finished runs. */
async function open(query) {
  const params = new URLSearchParams(query);
  if (!params.has('speed')) params.set('speed', '0');
  await page.goto(`${base}?${params}`);
  await page.waitForFunction(
    () => document.querySelector('[role=status]')?.getAttribute('data-state') === 'ready',
    null,
    { timeout: 120_000 },
  );
}
async function train() {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(
    () => ['finished', 'paused'].includes(document.querySelector('[role=status]')?.getAttribute('data-state')),
    null,
    { timeout: 300_000 },
  );
}
async function pointAtBatch(epoch, batch) {
  const canvas = figure('Batch composition').locator('canvas');
  const box = await canvas.boundingBox();
  // The tutorial's layout at 10 epochs: 30 px rows, labels 30 px wide, 10 cells and 3 gaps of 4 px.
  const cell = (box.width - 30 - 12) / 10;
  await canvas.hover({ position: { x: 30 + (batch - 1) * (3 * cell + 4) + cell / 2, y: (epoch - 0.5) * 30 } });
}
const shoot = async (locator, file) => {
  await page.waitForTimeout(400);
  // Scrolling the element into view first keeps the mouse where it was put.
  await locator.screenshot({ path: new URL(file, import.meta.url).pathname });
  console.log('wrote', file, await state());
};

// 1. The whole page after the tutorial, a batch pointed at: every view shows it.
await open('');
await train();
await pointAtBatch(3, 2);
await page.screenshot({
  path: new URL('screenshot.png', import.meta.url).pathname,
  clip: { x: 0, y: 0, width: 1500, height: 1240 },
});
console.log('wrote screenshot.png');
await page.locator('.charts').scrollIntoViewIfNeeded();
await pointAtBatch(3, 2);
await shoot(page.locator('.charts'), 'views-tutorial.png');

// 2. Comparing runs: B = 1, 3 and 10 pinned over each other, per epoch, log scale.
await open('?batch=1&epochs=10');
await train();
await page.getByRole('button', { name: 'Pin run' }).click();
for (const b of ['3', '10']) {
  const field = page.getByLabel('Batch size');
  await field.fill(b);
  await field.blur();
  await page.waitForFunction(() => document.querySelector('[role=status]')?.getAttribute('data-state') === 'ready');
  await train();
  if (b === '3') await page.getByRole('button', { name: 'Pin run' }).click();
}
await page.getByLabel('X axis').selectOption('epoch');
await page.getByLabel('Log scale').check();
await shoot(figure('Loss'), 'view-loss-compare.png');

// 3. Parameter space and fit with batch size 1: the batch's step against the full-data step.
await open('?batch=1&epochs=3');
await train();
await page.locator('.charts').scrollIntoViewIfNeeded();
const area = figure('Loss').locator('.loss-pointer-area');
const box = await area.boundingBox();
await area.hover({ position: { x: box.width * (4 / 30), y: box.height / 2 } });
await shoot(page.locator('.charts'), 'view-fit-params.png');

// 4. Divergence: a learning rate just above the stable limit.
await open('?lr=0.03&epochs=30');
await train();
await page.getByLabel('Log scale').check();
await page.mouse.move(0, 0);
await shoot(page.locator('.main'), 'view-divergence.png');

// 5. 1,000,000 samples, 20 epochs: what one pixel stands for. The composition opens by sample at this
// size (its cells cannot carry sample numbers): every epoch's shuffle shows as its own noise.
await open('?dataset=line&n=1000000&batch=65536&epochs=20');
await train();
await shoot(page.locator('.charts'), 'view-large.png');

// 6. An MLP learning a sine.
await open('?dataset=sine&n=500&model=mlp&hidden=16&batch=16&epochs=100&lr=0.1');
await train();
await shoot(figure('Fit'), 'view-mlp.png');

// 7. The Chinese page (lang=zh-CN) after the tutorial, a batch pointed at. Needs a CJK font
// (Debian: fonts-wqy-microhei or fonts-noto-cjk), or the characters come out as boxes.
await open('?lang=zh-CN');
await page.getByRole('button', { name: '训练', exact: true }).click();
await page.waitForFunction(() => document.querySelector('[role=status]')?.getAttribute('data-state') === 'finished');
await page.getByRole('figure', { name: '批次组成', exact: true }).scrollIntoViewIfNeeded();
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({
  path: new URL('screenshot-zh-CN.png', import.meta.url).pathname,
  clip: { x: 0, y: 0, width: 1500, height: 1240 },
});
console.log('wrote screenshot-zh-CN.png');

await browser.close();
