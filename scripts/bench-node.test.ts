// `npm run bench:node`'s build and run path, end to end with a tiny budget: the built file runs in
// a fresh Node process on Dawn, writes its JSON, and the fused kernels it timed, on both schedules,
// ended where float64 ends from the same seed. No figure is asserted: speed is the bench's to report.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentRow } from '../src/bench/node/experiment';
import type { SummaryRow, RunResult } from '../src/bench/node/summary';
import { buildBenchNode, runBenchNode } from './bench-node.mjs';

// Inside the repository, so the built file finds node_modules/webgpu as it does in dist-bench-node/.
const dir = join(import.meta.dirname, '..', 'node_modules', '.tmp', 'bench-node-test');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  adapter: string;
  appSchedule: string;
  runs: number;
  summary: SummaryRow[];
  experiments: { summary: ExperimentRow[] };
  results: RunResult[];
}

describe('npm run bench:node', () => {
  it('builds, runs on Dawn, and its fused kernels end where float64 ends', async () => {
    mkdirSync(dir, { recursive: true });
    const file = await buildBenchNode(join(dir, 'build'));
    const out = join(dir, 'results-node.json');
    const engines = 'js-float64,fused-sequential,fused-parallel,fused-mlp,tfjs-cpu';
    const args = ['--runs=2', '--budget=30', '--check=8', '--cases=tutorial,line-100k,mlp-10k', `--engines=${engines}`];
    args.push('--grids=experiment-100');
    const child = runBenchNode([...args, `--out=${out}`], { stdio: 'pipe', encoding: 'utf8' }, file);
    expect(child.status, `${String(child.stdout)}\n${String(child.stderr)}`).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;

    expect(report.adapter).not.toBe('none');
    expect(report.runs).toBe(2);
    const rows = (engine: string) => report.summary.filter((r) => r.engine === engine).map((r) => r.caseId);
    expect(rows('fused-sequential')).toEqual(['tutorial', 'line-100k']);
    expect(rows('fused-parallel')).toEqual(['tutorial', 'line-100k']);
    expect(rows('fused-mlp')).toEqual(['mlp-10k']);
    expect(rows('tfjs-cpu')).toEqual(['tutorial', 'line-100k', 'mlp-10k']);

    for (const r of report.results.filter((k) => k.engine.startsWith('fused-'))) {
      const where = `${r.engine} × ${r.caseId}, run ${r.run}`;
      expect(r.steps, where).toBeGreaterThan(0);
      // The float32 kernels after every step they timed, against float64 replayed for as many steps.
      expect(r.totalSteps, where).toBeGreaterThan(r.steps);
      expect(Math.abs(r.finalLoss! - r.finalLossFloat64!), where).toBeLessThanOrEqual(
        1e-4 * Math.abs(r.finalLossFloat64!) + 1e-6,
      );
      expect(r.finalParamsRelativeErrorFloat64, where).toBeLessThan(1e-4);
      expect(r.maxRelativeErrorFloat64, where).toBeLessThan(1e-4);
      expect(r.checkedLosses).toHaveLength(8);
    }
    for (const row of report.summary) {
      expect(row.agreesWithFloat64, `${row.engine} × ${row.caseId}`).toBe(true);
      expect(row.runs).toBe(2);
      // Each ratio is taken against the floor of its own run: the floor's own is exactly 1.
      if (row.engine === 'js-float64') expect(row.vsJsFloor).toEqual({ median: 1, min: 1, max: 1 });
      else expect(row.vsJsFloor.min).toBeGreaterThan(0);
    }
    // The experiment grids: the GPU engine on both schedules, the JS float32 engine and the single
    // run once per run, all with the same losses.
    const single = `single-run-fused-${report.appSchedule}`;
    const grids = report.experiments.summary;
    expect(grids.map((r) => `${r.caseId} ${r.engine}`)).toEqual(
      ['experiment-100'].flatMap((c) =>
        ['experiment-js-float32', 'experiment-gpu-sequential', 'experiment-gpu-parallel', single].map(
          (e) => `${c} ${e}`,
        ),
      ),
    );
    for (const row of grids) {
      expect(row.mismatches, `${row.engine} × ${row.caseId}`).toBe(0);
      expect(row.runsPerSecond.min).toBeGreaterThan(0);
    }
  }, 120_000);
});
