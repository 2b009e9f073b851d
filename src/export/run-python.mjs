// Test helper: run Python from Vitest. Plain JavaScript with a .d.mts beside it, because the app's
// tsconfig (which also checks src/**/*.test.ts) has no Node types, and adding them app-wide would
// change the types of browser globals such as setTimeout for everyone.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function works(python, args) {
  const result = spawnSync(python, args, { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0;
}

/** A python3 that runs: the one on PATH, else Debian's. */
export function findPython() {
  return ['python3', '/usr/bin/python3'].find((p) => works(p, ['--version'])) ?? null;
}

/** A python3 that can `import torch` (Debian's python3-torch lives in /usr/bin/python3's path). */
export function findTorchPython() {
  return ['/usr/bin/python3', 'python3'].find((p) => works(p, ['-c', 'import torch'])) ?? null;
}

export function runPython(python, args) {
  return new Promise((resolve) => {
    execFile(python, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ status, stdout, stderr: stderr || (error ? String(error.message) : '') });
    });
  });
}

export function writeTempFiles(files) {
  const dir = mkdtempSync(join(tmpdir(), 'minibatch-lab-'));
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
  return { dir, paths, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
