// `npm run bench:node`'s entry: the engine part of the benchmark in Node on Dawn, on whatever
// adapter Dawn finds (SwiftShader on a machine without a GPU; the GPU where its Vulkan driver is
// installed). Built into one file (scripts/bench-node.mjs) so it can be carried to a GPU machine.
// Every run measures every engine on every case once, each on a fresh trainer, so each engine's
// ratio to the JS floor is taken side by side; the figures are medians and ranges over the runs.
//   node dist-bench-node/bench-node.mjs [--runs=3] [--budget=1000] [--check=32] [--cases=a,b]
//     [--engines=a,b] [--experiments=on|off|only] [--grids=experiment-1024,experiment-100]
//     [--out=bench/results-node.json]
//     [--dawn=backend=vulkan --dawn=adapter=NAME]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { dawnDevice, type DawnDevice } from '../../worker/kernels/dawn-device';
import { scheduleFor } from '../../worker/kernels/schedule';
import { caseConfig, CASES } from '../cases';
import { modelSpecFor } from '../../engine/models';
import { JS_FLOOR, nodeEngines, type NodeEngine, type TfjsBackend } from './engines';
import {
  EXPERIMENT_CASES,
  experimentEngines,
  formatExperimentTable,
  measureExperiments,
  summarizeExperiments,
} from './experiment';
import { summarize, type RunResult, type SummaryRow } from './summary';
import { formatTable } from './table';

/** Why a tfjs backend could not run here, by name. */
type Unavailable = Map<NonNullable<TfjsBackend>, string>;

interface Args {
  runs: number;
  budgetMs: number;
  checkSteps: number;
  cases: string[] | null;
  engines: string[] | null;
  out: string;
  dawn: string[];
  /** The experiment grids' table (experiment.ts): with the cases, without them, or alone. */
  experiments: 'on' | 'off' | 'only';
  /** Which experiment grids (experiment.ts's ids); null: all. */
  grids: string[] | null;
}

function parseArgs(argv: readonly string[]): Args {
  const values = (name: string) => argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
  const one = (name: string) => values(name).at(-1);
  const list = (name: string) => one(name)?.split(',') ?? null;
  return {
    runs: Number(one('runs') ?? 3),
    budgetMs: Number(one('budget') ?? 1000),
    checkSteps: Number(one('check') ?? 32),
    cases: list('cases'),
    engines: list('engines'),
    out: one('out') ?? 'bench/results-node.json',
    dawn: values('dawn'),
    experiments: (one('experiments') ?? 'on') as Args['experiments'],
    grids: list('grids'),
  };
}

/**
 * tfjs's WebGPU backend on Dawn's device. It registers itself only where `navigator.gpu` exists
 * when it is imported, and checks for it again when constructed, so Node gets one pointing at Dawn.
 */
async function startTfjsWebgpu(gpu: DawnDevice): Promise<string | null> {
  Object.defineProperty(globalThis, 'navigator', { value: { gpu: gpu.gpu }, configurable: true, writable: true });
  tf.registerBackend('webgpu', () => new WebGPUBackend(gpu.device, gpu.info));
  try {
    if (!(await tf.setBackend('webgpu'))) return 'tf.setBackend("webgpu") resolved false';
    const sum = tf.add(tf.tensor1d([1.5, -2, 3]), tf.tensor1d([0.25, 4, -1]));
    const values = await sum.data();
    return values.join() === '1.75,2,2' ? null : `self-test read ${values.join()}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

async function setBackend(backend: TfjsBackend, unavailable: Unavailable): Promise<boolean> {
  if (backend === null) return true;
  if (unavailable.has(backend)) return false;
  if (await tf.setBackend(backend)) return true;
  unavailable.set(backend, `tf.setBackend("${backend}") resolved false`);
  return false;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const gpu = await dawnDevice(args.dawn);
  const log = (line: string) => console.log(line);
  const unavailable: Unavailable = new Map();
  if (gpu) {
    const why = await startTfjsWebgpu(gpu);
    if (why) unavailable.set('webgpu', why);
  } else {
    unavailable.set('webgpu', 'Dawn found no adapter');
  }
  tf.env().set('WEBGPU_CPU_FORWARD', false); // as the app: every op on the GPU, even tiny ones
  const adapter = gpu ? `${gpu.adapter}${gpu.info.isFallbackAdapter ? ' (fallback adapter)' : ''}` : 'none';
  const appSchedule = gpu ? scheduleFor(gpu.device) : null;
  log(`adapter: ${adapter}; the app would pick the ${appSchedule ?? '—'} schedule`);

  const cases = CASES.filter((c) => args.experiments !== 'only' && (!args.cases || args.cases.includes(c.id)));
  const engines = nodeEngines(gpu?.device ?? null).filter((e) => !args.engines || args.engines.includes(e.id));
  if (!engines.some((e) => e.id === JS_FLOOR)) engines.unshift(nodeEngines(null)[0]); // the ratios' divisor
  const trains = (e: NodeEngine, caseId: string) =>
    e.models.includes(modelSpecFor(caseConfig(CASES.find((c) => c.id === caseId)!)).kind);

  const results: RunResult[] = [];
  for (let run = 0; run < args.runs; run++) {
    for (const c of cases) {
      for (const engine of engines.filter((e) => trains(e, c.id))) {
        if (!(await setBackend(engine.backend, unavailable))) continue;
        log(`run ${run + 1}/${args.runs}: ${engine.id} × ${c.id}`);
        const options = { budgetMs: args.budgetMs, checkSteps: args.checkSteps, finalCheck: true };
        results.push({ ...(await engine.measure(c, options)), run });
      }
    }
  }
  for (const [backend, why] of unavailable) log(`tfjs-backend-${backend} did not run: ${why}`);

  const grids = EXPERIMENT_CASES.filter((g) => !args.grids || args.grids.includes(g.id));
  const experimentResults =
    args.experiments === 'off'
      ? []
      : await measureExperiments(experimentEngines(gpu?.device ?? null, appSchedule), grids, args.runs, log);
  const experimentRows = summarizeExperiments(experimentResults);

  const rows = summarize(results, JS_FLOOR);
  log('');
  if (rows.length) log(formatTable(rows, cases));
  if (experimentRows.length) {
    log('');
    for (const c of grids) log(`${c.id}: ${c.label}`);
    log(formatExperimentTable(experimentRows));
  }
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
    adapter,
    adapterInfo: gpu && {
      vendor: gpu.info.vendor,
      architecture: gpu.info.architecture,
      description: gpu.info.description,
      isFallbackAdapter: gpu.info.isFallbackAdapter,
    },
    appSchedule,
    budgetMs: args.budgetMs,
    runs: args.runs,
    checkSteps: args.checkSteps,
    unavailable: Object.fromEntries(unavailable.entries()) as Record<string, string>,
    summary: rows,
    results,
    experiments: { cases: grids, summary: experimentRows, results: experimentResults },
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n');
  log(`\nWrote ${args.out}`);
  const wrong = rows.filter((r: SummaryRow) => !r.agreesWithFloat64);
  for (const r of wrong)
    log(`WRONG NUMBERS: ${r.engine} × ${r.caseId} left the float64 bounds; its speed is no figure`);
  const wrongGrids = experimentRows.filter((r) => r.mismatches > 0);
  for (const r of wrongGrids)
    log(`WRONG NUMBERS: ${r.engine} × ${r.caseId}: ${r.mismatches} losses differ from the JS float32 engine's`);
  return wrong.length || wrongGrids.length ? 1 : 0;
}

// Dawn keeps the process alive while its instance lives (and dropping it crashes Dawn), so the
// bench ends the process itself.
main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
