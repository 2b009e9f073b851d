#!/usr/bin/env node
// npm run bench: builds the site, serves it, and measures in headless Chromium with WebGPU on
// (SwiftShader unless the machine has a GPU Chromium can use), everything in one run so that the
// figures are ratios on the same machine at the same moment. Prints a table and writes
// bench/results.json. No test asserts on these numbers: shared machines are noisy.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const root = join(import.meta.dirname, '..');
const PORT = 4181;
const base = `http://127.0.0.1:${PORT}/`;
const budgetMs = Number(process.env.BENCH_BUDGET_MS ?? 2000);
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const args = [
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
  '--use-angle=swiftshader',
];

if (!process.argv.includes('--no-build')) execSync('npx vite build', { cwd: root, stdio: 'inherit' });
const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
  cwd: root,
  stdio: 'ignore',
  detached: true,
});
const stopServer = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* already gone */
  }
};
process.on('exit', stopServer);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/** Main-thread JavaScript: the entry chunk and what index.html preloads, gzipped (workers excluded). */
function mainThreadJsGzip() {
  const html = readFileSync(join(root, 'dist', 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(root, 'dist', f))).length, 0);
  return { files, gzipBytes: bytes };
}

async function engines(browser) {
  const page = await browser.newPage();
  await page.goto(`${base}bench.html?budget=${budgetMs}`);
  await page.waitForFunction(() => window.__bench?.done, null, { timeout: 30 * 60_000, polling: 1000 });
  const result = await page.evaluate(() => window.__bench);
  await page.close();
  return result;
}

/** In-page instruments: long tasks and animation frames, from the first paint on. */
const INSTRUMENTS = () => {
  window.__perf = { longTasks: [], frames: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__perf.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const tick = () => {
    window.__perf.frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

async function openApp(browser, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(INSTRUMENTS);
  await page.goto(`${base}?${query}`);
  await page.waitForSelector('[role=status][data-state=ready]', { timeout: 120_000 });
  return { context, page };
}

/** Milliseconds from the Train click to the first training-log line in the DOM. */
async function timeToFirstLoss(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const log = document.querySelector('[role=log]');
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (log.querySelector('li')) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(log, { childList: true, subtree: true });
        [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Train').click();
      }),
  );
}

async function firstLoss(browser) {
  const { context, page } = await openApp(browser, 'seed=0');
  const cold = await timeToFirstLoss(page);
  await page.waitForSelector('[role=status][data-state=finished]');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.waitForSelector('[role=status][data-state=ready]');
  const warm = await timeToFirstLoss(page);
  await context.close();
  return { coldMs: cold, warmMs: warm };
}

/** A max-speed run: main-thread long tasks (> 50 ms) and frames per second while it trains. */
async function duringRun(browser, query) {
  const { context, page } = await openApp(browser, query);
  await page.evaluate(() => {
    window.__perf.longTasks = [];
    window.__perf.frames = 0;
    window.__perf.t0 = performance.now();
  });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForSelector('[role=status][data-state=finished]', { timeout: 10 * 60_000 });
  const perf = await page.evaluate(() => ({
    ...window.__perf,
    seconds: (performance.now() - window.__perf.t0) / 1000,
  }));
  const steps = Number(await page.getAttribute('[role=status]', 'data-steps-done'));
  await context.close();
  return {
    query,
    steps,
    seconds: perf.seconds,
    longTasks: perf.longTasks.length,
    longestTaskMs: Math.max(0, ...perf.longTasks),
    framesPerSecond: perf.frames / perf.seconds,
  };
}

/**
 * `repeats` max-speed runs of `query`, each on a fresh page: a long task is a rare event (the first
 * data, JIT-cold code), so one run says little. Frames per second are the median run's.
 */
async function duringRuns(browser, query, repeats) {
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await duringRun(browser, query));
  const fps = runs.map((r) => r.framesPerSecond).sort((a, b) => a - b);
  return {
    query,
    repeats,
    steps: runs[0].steps,
    seconds: runs.reduce((sum, r) => sum + r.seconds, 0) / repeats,
    longTasks: runs.reduce((sum, r) => sum + r.longTasks, 0),
    runsWithLongTasks: runs.filter((r) => r.longTasks > 0).length,
    longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
    framesPerSecond: fps[Math.floor(repeats / 2)],
  };
}

const RUN_REPEATS = 5;

const fmt = (v, digits = 3) =>
  v >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(digits)).toString();

await waitForServer();
const browser = await chromium.launch({ executablePath, args });
try {
  const version = browser.version();
  const bench = await engines(browser);
  const latency = await firstLoss(browser);
  const tutorialRun = await duringRuns(browser, 'epochs=2000', RUN_REPEATS);
  const chartRun = await duringRuns(browser, 'dataset=line&n=100000&batch=1000&epochs=10', RUN_REPEATS);
  const js = mainThreadJsGzip();

  const byCase = {};
  for (const r of bench.results) (byCase[r.caseId] ??= {})[r.engine] = r;
  const ratio = (caseId, a, b, key) =>
    byCase[caseId]?.[a] && byCase[caseId]?.[b] ? byCase[caseId][a][key] / byCase[caseId][b][key] : null;
  const ratios = {
    tutorialStepsVsNaive: ratio('tutorial', 'app-webgpu', 'naive-tfjs', 'stepsPerSecond'),
    line1mSamplesVsNaive: ratio('line-1m', 'app-webgpu', 'naive-tfjs', 'samplesPerSecond'),
    tutorialStepsVsJsFloor: ratio('tutorial', 'app-webgpu', 'js-float64', 'stepsPerSecond'),
    line1mSamplesVsJsFloor: ratio('line-1m', 'app-webgpu', 'js-float64', 'samplesPerSecond'),
    // What limits line-1m: the engine's GPU side alone, and the DataLoader's shuffling alone.
    line1mPreshuffledVsNaive: ratio('line-1m', 'app-webgpu-preshuffled', 'naive-tfjs', 'samplesPerSecond'),
    line1mDataLoaderVsNaive: ratio('line-1m', 'dataloader', 'naive-tfjs', 'samplesPerSecond'),
  };
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    browser: `Chromium ${version} (headless)`,
    node: process.version,
    adapter: bench.log.find((l) => l.startsWith('adapter')) ?? 'see bench.log',
  };
  const results = {
    date: new Date().toISOString(),
    machine,
    budgetMs,
    engines: bench.results,
    log: bench.log,
    ratios,
    latency,
    runs: [tutorialRun, chartRun],
    mainThreadJs: js,
  };
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');

  console.log(`\nminibatch-lab benchmark — ${machine.cpu}, ${machine.cores} cores, ${machine.browser}`);
  console.log(
    '\n| configuration | engine | path | steps/s | samples/s | max rel. loss error vs float32 (PyTorch) | vs float64 |',
  );
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: |');
  const err = (v) => (v == null ? '—' : v.toExponential(1));
  for (const r of bench.results) {
    console.log(
      `| ${r.caseId} | ${r.engine} | ${r.note ?? ''} | ${fmt(r.stepsPerSecond)} | ${fmt(r.samplesPerSecond)} | ${err(r.maxRelativeError)} | ${err(r.maxRelativeErrorFloat64)} |`,
    );
  }
  console.log('\n| ratio | value |\n| --- | ---: |');
  for (const [k, v] of Object.entries(ratios)) console.log(`| ${k} | ${v == null ? '—' : fmt(v) + '×'} |`);
  console.log(`\nTrain → first loss on screen: cold page ${fmt(latency.coldMs)} ms, warm ${fmt(latency.warmMs)} ms`);
  for (const r of [tutorialRun, chartRun]) {
    console.log(
      `Run ?${r.query} ×${r.repeats}: ${r.steps} steps in ${fmt(r.seconds)} s (mean), long tasks > 50 ms in ${r.runsWithLongTasks} of ${r.repeats} runs ` +
        `(${r.longTasks} in all, longest ${fmt(r.longestTaskMs)} ms), ${fmt(r.framesPerSecond)} frames/s (median run)`,
    );
  }
  console.log(`Main-thread JS: ${fmt(js.gzipBytes / 1024)} KiB gzip (${js.files.join(', ')})`);
  console.log('\nWrote bench/results.json');
} finally {
  await browser.close();
  stopServer();
}
