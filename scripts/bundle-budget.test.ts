import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BUDGETS, measure, overBudget, staticImports, workerUrls } from './bundle-budget.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A comment gzip cannot shrink much: about `kib` KiB gzipped (random base64). */
function incompressible(kib: number): string {
  return `/*${randomBytes(kib * 1024).toString('base64')}*/`;
}

/** KiB gzip (level 9) of files under dist/assets, the way the script counts them. */
function gzipKiB(dist: string, ...names: string[]): number {
  return (
    names.reduce((sum, name) => sum + gzipSync(readFileSync(join(dist, 'assets', name)), { level: 9 }).length, 0) / 1024
  );
}

/** A dist/ shaped like Vite's: the page's script, a shared chunk, a lazy chunk, a worker and its chunk. */
function fakeDist(sizes: { main: number; shared: number; lazy: number; worker: number; workerChunk: number }): string {
  const dist = mkdtempSync(join(tmpdir(), 'bundle-budget-'));
  dirs.push(dist);
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><script type="module" crossorigin src="./assets/main-1.js"></script>' +
      '<link rel="modulepreload" crossorigin href="./assets/shared-1.js">',
  );
  writeFileSync(join(dist, 'bench.html'), '<script type="module" src="./assets/bench-1.js"></script>');
  const files: Record<string, string> = {
    'main-1.js':
      'import{a as e}from"./shared-1.js";import"./side-1.js";' +
      'var w=()=>new Worker(new URL(new URL(`worker-1.js`,import.meta.url).href,``+import.meta.url),{type:`module`});' +
      'const z=()=>import(`./lazy-1.js`);' +
      incompressible(sizes.main),
    'shared-1.js': 'export const a=1;' + incompressible(sizes.shared),
    'side-1.js': 'globalThis.x=1;',
    // A string that looks like an import, inside the code, is not one.
    'lazy-1.js': 'const s="import \\"./bench-1.js\\"";' + incompressible(sizes.lazy),
    'worker-1.js': 'import{b}from"./worker-chunk-1.js";' + incompressible(sizes.worker),
    'worker-chunk-1.js': 'export const b=2;' + incompressible(sizes.workerChunk),
    'bench-1.js': incompressible(500),
  };
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dist, 'assets', name), code);
  return dist;
}

describe('bundle budget', () => {
  it('reads leading static imports only, and the workers a module starts', () => {
    expect(
      staticImports('import{a as e}from"./x.js";import"./y.js";import * as t from "../z.js"; import("./lazy.js")'),
    ).toEqual(['./x.js', './y.js', '../z.js']);
    expect(staticImports('const s = `import "./not.js"`;')).toEqual([]);
    // Vite's table of what lazy chunks need comes first in a chunk that has some.
    const mapDeps =
      'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./lazy-1.js","./x.css"])))=>i.map(i=>d[i]);\n';
    expect(staticImports(mapDeps + 'import{a as e}from"./x.js";import"./y.js";')).toEqual(['./x.js', './y.js']);
    expect(workerUrls("new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module' })")).toEqual([
      '../worker/index.ts',
    ]);
    expect(workerUrls('new Worker(new URL(new URL(`index-B.js`,import.meta.url).href,``+import.meta.url))')).toEqual([
      'index-B.js',
    ]);
  });

  it('counts the page script and its static imports, not lazy chunks or other pages; each worker with its imports', () => {
    const dist = fakeDist({ main: 20, shared: 10, lazy: 40, worker: 30, workerChunk: 5 });
    const measured = measure(dist);
    expect(measured.mainThread.files.sort()).toEqual(['assets/main-1.js', 'assets/shared-1.js', 'assets/side-1.js']);
    expect(measured.mainThread.kib).toBeCloseTo(gzipKiB(dist, 'main-1.js', 'shared-1.js', 'side-1.js'), 6);
    expect(measured.mainThread.kib).toBeGreaterThan(25); // the random comments did not compress away
    expect(measured.workers).toHaveLength(1);
    expect(measured.workers[0].file).toBe('assets/worker-1.js');
    expect(measured.workers[0].files.sort()).toEqual(['assets/worker-1.js', 'assets/worker-chunk-1.js']);
    expect(measured.workers[0].kib).toBeCloseTo(gzipKiB(dist, 'worker-1.js', 'worker-chunk-1.js'), 6);
  });

  it('says which budget a build exceeds', () => {
    const measured = measure(fakeDist({ main: 20, shared: 10, lazy: 1, worker: 30, workerChunk: 5 }));
    const main = measured.mainThread.kib;
    const worker = measured.workers[0].kib;
    expect(overBudget(measured, { mainThread: Math.ceil(main), worker: Math.ceil(worker) })).toEqual([]);
    const problems = overBudget(measured, { mainThread: Math.floor(main), worker: Math.floor(worker) });
    expect(problems).toEqual([
      `main-thread JS is ${main.toFixed(1)} KiB gzip, over its budget of ${Math.floor(main)} KiB`,
      `worker assets/worker-1.js is ${worker.toFixed(1)} KiB gzip, over its budget of ${Math.floor(worker)} KiB`,
    ]);
    expect(overBudget({ ...measured, workers: [] }, { mainThread: 1000, worker: 1000 })).toEqual([
      'found no worker started by the page, so none was measured',
    ]);
  });

  it('as a command, exits 1 over the budget and 0 within it', () => {
    const run = (dist: string) => {
      try {
        return {
          code: 0,
          out: execFileSync('node', ['scripts/bundle-budget.mjs', dist], { encoding: 'utf8', stdio: 'pipe' }),
        };
      } catch (error) {
        const failed = error as { status: number; stderr: string };
        return { code: failed.status, out: failed.stderr };
      }
    };
    const small = run(fakeDist({ main: 10, shared: 1, lazy: 1, worker: 10, workerChunk: 1 }));
    expect(small.code).toBe(0);
    const big = run(fakeDist({ main: BUDGETS.mainThread + 5, shared: 1, lazy: 1, worker: 10, workerChunk: 1 }));
    expect(big.code).toBe(1);
    expect(big.out).toMatch(/main-thread JS is [\d.]+ KiB gzip, over its budget/);
  });
});
