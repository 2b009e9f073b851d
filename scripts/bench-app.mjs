// The app's own page under `npm run bench`: max-speed runs and Train → first loss, each on fresh
// pages, at Chromium's normal speed and with its CPU throttled (DevTools protocol
// Emulation.setCPUThrottlingRate, Lighthouse's mobile setting is 4×): a reproducible slower machine,
// a student's laptop rather than the box the bench runs on. Figures are medians and min–max ranges
// over the fresh pages; no test asserts on them.

/**
 * The max-speed runs, and two experiments of the tutorial (10 epochs): 1,024 runs (4 batch sizes × 4
 * learning rates × 64 seeds) and 100 (5 × 5 × 4), each from Run experiment to its table.
 */
export const APP_RUNS = [
  { id: 'tutorial-2000', query: 'epochs=2000' },
  { id: 'line-100k', query: 'dataset=line&n=100000&batch=1000&epochs=10' },
  { id: 'experiment-1024', query: 'xb=1,2,5,10&xlr=0.003,0.01,0.02,0.03&xseeds=64', experiment: true },
  { id: 'experiment-100', query: 'xb=1,2,3,5,10&xlr=0.001,0.003,0.01,0.02,0.03&xseeds=4', experiment: true },
  // Cancelled a second in: from the click to the worker's word that it stopped and freed its buffers.
  { id: 'experiment-cancel', query: 'epochs=2000&xseeds=64', experiment: true, cancelAfterMs: 1000 },
];

/**
 * Steps one at a time at N = 1,000,000 with the gradient-noise figure and without it (`hide=noise`),
 * each step waiting until the figure shows it: the figure's share of the page's long tasks is the
 * difference between the two, measured side by side (pages alternate).
 */
export const NOISE_STEPS = {
  steps: 8,
  runs: [
    { id: 'noise-1m-steps', query: 'dataset=line&n=1000000&replacement=1', figure: true },
    { id: 'noise-1m-steps-hidden', query: 'dataset=line&n=1000000&replacement=1&hide=noise', figure: false },
  ],
};

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

/** A fresh context and page, its CPU throttled `rate`× from before the page loads. */
async function openApp(browser, base, query, rate) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (rate !== 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  }
  await page.addInitScript(INSTRUMENTS);
  await page.goto(`${base}?${query}`);
  await page.waitForSelector('[role=status][data-state=ready]', { timeout: 300_000 });
  return { context, page };
}

/**
 * Clicks Train; milliseconds from the click to the first training-log line in the DOM and to the
 * first loss the chart has drawn (its `data-step-points` above 0 and a live curve's path in the plot,
 * which loads after the first paint).
 */
async function clickTrainTimed(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const log = document.querySelector('[role=log]');
        const chart = document.querySelector('.loss-chart');
        const times = { logMs: null, chartMs: null };
        const t0 = performance.now();
        const check = () => {
          const now = performance.now() - t0;
          if (times.logMs === null && log?.querySelector('li')) times.logMs = now;
          const curve = [...(chart?.querySelectorAll('path.recharts-line-curve') ?? [])].some(
            (path) => (path.getAttribute('d') ?? '').length > 1,
          );
          if (times.chartMs === null && curve && Number(chart?.getAttribute('data-step-points') ?? 0) > 0)
            times.chartMs = now;
          if (times.logMs !== null && times.chartMs !== null) {
            observer.disconnect();
            resolve(times);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Train').click();
      }),
  );
}

/** One max-speed run on a fresh page: long tasks (> 50 ms), frames/s, and Train → first loss. */
async function maxSpeedRun(browser, base, query, rate) {
  const { context, page } = await openApp(browser, base, query, rate);
  await page.evaluate(() => {
    window.__perf.longTasks = [];
    window.__perf.frames = 0;
    window.__perf.t0 = performance.now();
  });
  const firstLoss = await clickTrainTimed(page);
  // Polled from here, rarely: Playwright's waitForSelector polls in the page every frame, and its
  // own work (4× slower too) would be counted in the page's long tasks.
  await page.waitForFunction(
    () => document.querySelector('[role=status]')?.getAttribute('data-state') === 'finished',
    null,
    {
      timeout: 10 * 60_000,
      polling: 250,
    },
  );
  const perf = await page.evaluate(() => ({
    ...window.__perf,
    seconds: (performance.now() - window.__perf.t0) / 1000,
  }));
  const steps = Number(await page.getAttribute('[role=status]', 'data-steps-done'));
  await context.close();
  return {
    steps,
    seconds: perf.seconds,
    longTasks: perf.longTasks.length,
    longestTaskMs: Math.max(0, ...perf.longTasks),
    framesPerSecond: perf.frames / perf.seconds,
    firstLogLineMs: firstLoss.logMs,
    firstLossDrawnMs: firstLoss.chartMs,
  };
}

/**
 * One experiment on a fresh page (its link opens the section): Run experiment to the results shown,
 * long tasks and frames/s meanwhile, and the engine's own time (planning to the last loss read).
 */
async function experimentRun(browser, base, query, rate, cancelAfterMs = null) {
  const { context, page } = await openApp(browser, base, query, rate);
  await page.waitForFunction(
    () => [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Run experiment'),
    null,
    {
      timeout: 300_000,
      polling: 250,
    },
  );
  await page.evaluate(() => {
    window.__perf.longTasks = [];
    window.__perf.frames = 0;
    window.__perf.t0 = performance.now();
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run experiment').click();
  });
  if (cancelAfterMs !== null) {
    await page.waitForTimeout(cancelAfterMs);
    await page.evaluate(() =>
      [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Cancel experiment').click(),
    );
    const answer = await page.waitForSelector('.x-progress [data-cancel-ms]', { timeout: 60_000 });
    const cancelMs = Number(await answer.getAttribute('data-cancel-ms'));
    await context.close();
    const none = { steps: 0, seconds: 0, engineSeconds: 0, engine: '—', longTasks: 0, longestTaskMs: 0 };
    return { ...none, framesPerSecond: 0, cancelMs };
  }
  await page.waitForFunction(
    () => document.querySelector('.experiments-body')?.getAttribute('data-phase') === 'done',
    null,
    {
      timeout: 10 * 60_000,
      polling: 250,
    },
  );
  const perf = await page.evaluate(() => ({
    ...window.__perf,
    seconds: (performance.now() - window.__perf.t0) / 1000,
  }));
  const outcome = await page.$eval('.x-progress .x-outcome', (e) => ({
    engineMs: Number(e.getAttribute('data-elapsed-ms')),
    engine: e.getAttribute('data-engine'),
  }));
  const rows = Number(await page.getAttribute('.x-table', 'data-rows'));
  await context.close();
  return {
    steps: rows,
    seconds: perf.seconds,
    engineSeconds: outcome.engineMs / 1000,
    engine: outcome.engine,
    longTasks: perf.longTasks.length,
    longestTaskMs: Math.max(0, ...perf.longTasks),
    framesPerSecond: perf.frames / perf.seconds,
    cancelMs: 0,
  };
}

const EXPERIMENT_MEASURES = ['longTasks', 'longestTaskMs', 'framesPerSecond', 'seconds', 'engineSeconds', 'cancelMs'];

/** NOISE_STEPS.steps clicks of Step on a fresh page, each waited for (and the figure's picture of it): long tasks. */
async function steppedRun(browser, base, run, rate) {
  const { context, page } = await openApp(browser, base, `${run.query}&speed=0`, rate);
  const pictured = (step) =>
    page.waitForFunction(
      (step) => document.querySelector('figure.gradient-noise')?.getAttribute('data-step') === String(step),
      step,
      { timeout: 300_000, polling: 250 },
    );
  if (run.figure) await pictured(1);
  await page.evaluate(() => {
    window.__perf.longTasks = [];
    window.__perf.t0 = performance.now();
  });
  for (let step = 1; step <= NOISE_STEPS.steps; step++) {
    await page.evaluate(() =>
      [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Step').click(),
    );
    await page.waitForFunction(
      (step) => document.querySelector('[role=status]')?.getAttribute('data-steps-done') === String(step),
      step,
      { timeout: 300_000, polling: 250 },
    );
    if (run.figure) await pictured(step);
  }
  // The last picture's paint, and any refinement still under way, land in the record too.
  await page.waitForTimeout(1000);
  const perf = await page.evaluate(() => ({
    ...window.__perf,
    seconds: (performance.now() - window.__perf.t0) / 1000,
  }));
  await context.close();
  return {
    steps: NOISE_STEPS.steps,
    seconds: perf.seconds,
    longTasks: perf.longTasks.length,
    longestTaskMs: Math.max(0, ...perf.longTasks),
  };
}

/** Median and range of a list of numbers. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const MEASURES = ['longTasks', 'longestTaskMs', 'framesPerSecond', 'firstLogLineMs', 'firstLossDrawnMs', 'seconds'];

/**
 * Every max-speed run at every rate, `repeats` fresh pages each, of each build (`builds`: the site
 * under test, and another to compare it with side by side, e.g. the code before a change). Builds
 * and rates alternate page by page, so that a spell of load from other jobs on a shared machine
 * falls on all of them.
 */
export async function appRuns(browser, builds, { rates, repeats, only = null, log = console.log }) {
  const results = [];
  const chosen = (run) => !only || only.includes(run.id);
  for (const run of APP_RUNS.filter(chosen)) {
    if (!run.query) {
      results.push({ id: run.id, query: null, note: run.note });
      continue;
    }
    const pages = new Map();
    for (let i = 0; i < repeats; i++) {
      for (const rate of rates) {
        for (const build of builds) {
          if (run.experiment) {
            const r = await experimentRun(browser, build.base, run.query, rate, run.cancelAfterMs ?? null);
            log(
              `  ${run.id}${builds.length > 1 ? ` [${build.name}]` : ''} ${rate}× #${i + 1}: ` +
                (run.cancelAfterMs ? `cancel answered in ${Math.round(r.cancelMs)} ms; ` : '') +
                `${r.steps} runs on ${r.engine} ` +
                `in ${r.engineSeconds.toFixed(3)} s (${r.seconds.toFixed(2)} s to the table), ${r.longTasks} long tasks ` +
                `(longest ${Math.round(r.longestTaskMs)} ms), ${r.framesPerSecond.toFixed(1)} frames/s`,
            );
            const key = `${build.name} ${rate}`;
            pages.set(key, [...(pages.get(key) ?? []), r]);
            continue;
          }
          const r = await maxSpeedRun(browser, build.base, run.query, rate);
          log(
            `  ${run.id}${builds.length > 1 ? ` [${build.name}]` : ''} ${rate}× #${i + 1}: ${r.longTasks} long tasks ` +
              `(longest ${Math.round(r.longestTaskMs)} ms), ${r.framesPerSecond.toFixed(1)} frames/s, ` +
              `first log line ${Math.round(r.firstLogLineMs)} ms, first loss drawn ${Math.round(r.firstLossDrawnMs)} ms, ` +
              `${r.seconds.toFixed(2)} s`,
          );
          const key = `${build.name} ${rate}`;
          pages.set(key, [...(pages.get(key) ?? []), r]);
        }
      }
    }
    summarise(results, run, pages, rates, builds, repeats, run.experiment ? EXPERIMENT_MEASURES : MEASURES);
  }
  // The stepped runs at 1× only: a step at N = 1,000,000 throttled 4× is minutes of waiting.
  const pages = new Map();
  for (let i = 0; i < repeats; i++) {
    for (const build of builds) {
      for (const run of NOISE_STEPS.runs.filter(chosen)) {
        const r = await steppedRun(browser, build.base, run, 1);
        log(
          `  ${run.id}${builds.length > 1 ? ` [${build.name}]` : ''} 1× #${i + 1}: ${r.longTasks} long tasks ` +
            `(longest ${Math.round(r.longestTaskMs)} ms) over ${r.steps} steps, ${r.seconds.toFixed(2)} s`,
        );
        const key = `${run.id} ${build.name} 1`;
        pages.set(key, [...(pages.get(key) ?? []), r]);
      }
    }
  }
  for (const run of NOISE_STEPS.runs.filter(chosen)) {
    const own = new Map(
      [...pages].filter(([key]) => key.startsWith(`${run.id} `)).map(([key, v]) => [key.slice(run.id.length + 1), v]),
    );
    summarise(results, run, own, [1], builds, repeats, ['longTasks', 'longestTaskMs', 'seconds']);
  }
  return results;
}

/** One result per rate and build: each measure's median and range over the pages. */
function summarise(results, run, pages, rates, builds, repeats, measures) {
  for (const rate of rates) {
    for (const build of builds) {
      const runs = pages.get(`${build.name} ${rate}`);
      const summary = Object.fromEntries(measures.map((m) => [m, spread(runs.map((r) => r[m]))]));
      results.push({
        id: run.id,
        build: build.name,
        query: run.query,
        cpuThrottling: rate,
        repeats,
        steps: runs[0].steps,
        runsWithLongTasks: runs.filter((r) => r.longTasks > 0).length,
        ...summary,
        runs,
      });
    }
  }
}

const fmt = (v) => (v >= 100 ? String(Math.round(v)) : Number(v.toPrecision(3)).toString());
const range = (s) => (s.min === s.max ? fmt(s.median) : `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`);

/** The runs as a Markdown table: median (min–max) over the fresh pages. */
export function appRunsTable(results) {
  const lines = [
    '| run | build | CPU | pages | runs with long tasks | long tasks > 50 ms | longest (ms) | frames/s | Train → first log line (ms) | Train → first loss drawn (ms) |',
    '| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const r of results) {
    if (r.engineSeconds) continue;
    if (!r.query) {
      lines.push(`| ${r.id} | — | — | — | — | — | — | — | — | ${r.note} |`);
      continue;
    }
    const or = (s) => (s ? range(s) : '—');
    lines.push(
      `| ${r.id} | ${r.build} | ${r.cpuThrottling}× | ${r.repeats} | ${r.runsWithLongTasks} | ${range(r.longTasks)} | ${range(r.longestTaskMs)} | ` +
        `${or(r.framesPerSecond)} | ${or(r.firstLogLineMs)} | ${or(r.firstLossDrawnMs)} |`,
    );
  }
  return lines.join('\n');
}

/** The experiments as a Markdown table: median (min–max) over the fresh pages. */
export function experimentRunsTable(results) {
  const lines = [
    '| experiment | build | CPU | pages | runs | engine | engine time (s) | Run → table (s) | long tasks > 50 ms | longest (ms) | frames/s |',
    '| --- | --- | --: | --: | --: | --- | --: | --: | --: | --: | --: |',
  ];
  for (const r of results.filter((x) => x.engineSeconds)) {
    if (r.id === 'experiment-cancel') {
      lines.push(
        `| ${r.id} | ${r.build} | ${r.cpuThrottling}× | ${r.repeats} | Cancel → stopped: ${range(r.cancelMs)} ms | | | | | | |`,
      );
      continue;
    }
    lines.push(
      `| ${r.id} | ${r.build} | ${r.cpuThrottling}× | ${r.repeats} | ${r.steps} | ${r.runs[0].engine} | ${range(r.engineSeconds)} | ` +
        `${range(r.seconds)} | ${range(r.longTasks)} | ${range(r.longestTaskMs)} | ${range(r.framesPerSecond)} |`,
    );
  }
  return lines.join('\n');
}
