#!/usr/bin/env node
// npm run bench: builds the site, serves it, and measures in headless Chromium with WebGPU on
// (SwiftShader unless the machine has a GPU Chromium can use), everything in one run so that the
// figures are ratios on the same machine at the same moment. Prints a table and writes
// bench/results.json. No test asserts on these numbers: shared machines are noisy.
//
//   npm run bench [-- --no-build] [-- --app-only]
//   BENCH_PORT (4181), BENCH_BUDGET_MS (2000 per engine measurement), BENCH_CPU_RATES (1,4: Chromium's
//   CPU throttling for the app's runs), BENCH_REPEATS (5 fresh pages per run and rate),
//   BENCH_DIST (the build to measure, dist by default; --no-build then), BENCH_COMPARE (another build's folder, e.g. the code before a change: its app page is measured
//   too, side by side, on BENCH_PORT + 1), BENCH_APP_RUNS (a comma list of the app's run ids to measure,
//   e.g. noise-1m-steps,noise-1m-steps-hidden; all by default)
import { execSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { appRuns, appRunsTable, experimentRunsTable } from './bench-app.mjs';
import { measure } from './bundle-budget.mjs';

const root = join(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_PORT ?? 4181);
const base = `http://127.0.0.1:${PORT}/`;
const budgetMs = Number(process.env.BENCH_BUDGET_MS ?? 2000);
const cpuRates = (process.env.BENCH_CPU_RATES ?? '1,4').split(',').map(Number);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
// Only the app's page (no engines): for working on the page's smoothness.
const appOnly = process.argv.includes('--app-only');
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

if (!process.argv.includes('--no-build') && !process.env.BENCH_DIST)
  execSync('npx vite build', { cwd: root, stdio: 'inherit' });
const compareDist = process.env.BENCH_COMPARE;
const preview = (port, outDir) =>
  spawn(
    'npx',
    [
      'vite',
      'preview',
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
      ...(outDir ? ['--outDir', outDir] : []),
    ],
    { cwd: root, stdio: 'ignore', detached: true },
  );
const thisDist = process.env.BENCH_DIST;
const servers = [preview(PORT, thisDist), ...(compareDist ? [preview(PORT + 1, compareDist)] : [])];
const builds = [
  { name: 'this', base },
  ...(compareDist
    ? [{ name: compareDist.split('/').filter(Boolean).pop(), base: `http://127.0.0.1:${PORT + 1}/` }]
    : []),
];
const stopServer = () => {
  for (const server of servers) {
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  }
};
process.on('exit', stopServer);

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/** First paint's main-thread JavaScript: the entry chunk and its static imports, gzipped (as the bundle budget). */
function mainThreadJsGzip() {
  const { mainThread } = measure(process.env.BENCH_DIST ?? join(root, 'dist'));
  return { files: mainThread.files, gzipBytes: mainThread.kib * 1024 };
}

async function engines(browser) {
  const page = await browser.newPage();
  await page.goto(`${base}bench.html?budget=${budgetMs}`);
  await page.waitForFunction(() => window.__bench?.done, null, { timeout: 30 * 60_000, polling: 1000 });
  const result = await page.evaluate(() => window.__bench);
  await page.close();
  return result;
}

const fmt = (v, digits = 3) =>
  v >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(digits)).toString();

for (const build of builds) await waitForServer(build.base);
const browser = await chromium.launch({ executablePath, args });
try {
  const version = browser.version();
  const bench = appOnly ? { results: [], log: [] } : await engines(browser);
  console.log(`App page, CPU throttled ${cpuRates.join('×, ')}×, ${repeats} fresh pages each:`);
  const only = process.env.BENCH_APP_RUNS ? process.env.BENCH_APP_RUNS.split(',') : null;
  const runs = await appRuns(browser, builds, { rates: cpuRates, repeats, only });
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
    runs,
    mainThreadJs: js,
  };
  mkdirSync(join(root, 'bench'), { recursive: true });
  // An --app-only or BENCH_APP_RUNS run is a partial one: it leaves the committed results as they are.
  const written = appOnly || only ? 'app-only.json' : 'results.json';
  writeFileSync(join(root, 'bench', written), JSON.stringify(results, null, 2) + '\n');

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
  console.log('\n' + appRunsTable(runs));
  console.log('\n' + experimentRunsTable(runs));
  console.log(`Main-thread JS: ${fmt(js.gzipBytes / 1024)} KiB gzip (${js.files.join(', ')})`);
  console.log(`\nWrote bench/${written}`);
} finally {
  await browser.close();
  stopServer();
}
