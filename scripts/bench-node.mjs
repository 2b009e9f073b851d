#!/usr/bin/env node
// npm run bench:node: the engine part of the benchmark in Node on Dawn, no browser. Builds
// src/bench/node/main.ts into one file (tfjs inlined; only the `webgpu` package stays outside, for
// its dawn.node) and runs it in a child Node process started with a Vulkan driver in its
// environment (dawn-env.mjs: the dynamic linker reads LD_LIBRARY_PATH when a process starts).
// The built file is what one carries to a GPU machine (docs/performance.md, "Node, on Dawn").
//   npm run bench:node -- [--no-build | --build-only] [--runs=3] [--budget=1000] [--check=32] [--cases=…] [--engines=…]
//     [--experiments=on|off|only] [--grids=…]
//     [--out=bench/results-node.json] [--dawn=backend=vulkan] [--dawn=adapter=NAME]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'vite';
import { dawnEnv } from './dawn-env.mjs';

const root = join(import.meta.dirname, '..');
export const BENCH_NODE_DIR = join(root, 'dist-bench-node');
export const BENCH_NODE_FILE = join(BENCH_NODE_DIR, 'bench-node.mjs');

/** One ES module for Node 20 with everything but `webgpu` inside it: `outDir`/bench-node.mjs. */
export async function buildBenchNode(outDir = BENCH_NODE_DIR) {
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      ssr: 'src/bench/node/main.ts',
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: true,
      rolldownOptions: { output: { entryFileNames: 'bench-node.mjs', codeSplitting: false } },
    },
    ssr: { noExternal: true, external: ['webgpu'] },
  });
  return join(outDir, 'bench-node.mjs');
}

/** Runs the built bench `file` with `args`; its output goes to this process's unless `options` say otherwise. */
export function runBenchNode(args, options = {}, file = BENCH_NODE_FILE) {
  return spawnSync(process.execPath, [file, ...args], {
    cwd: root,
    env: { ...process.env, ...dawnEnv() },
    stdio: 'inherit',
    ...options,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (!args.includes('--no-build')) await buildBenchNode();
  if (args.includes('--build-only')) process.exit(0);
  const child = runBenchNode(args.filter((a) => a !== '--no-build'));
  process.exit(child.status ?? 1);
}
