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

// Runs each script as `python3 script.py` would (runpy, as __main__, fresh globals) and keeps what
// it prints; an exception is kept as its traceback and the next script still runs.
const RUN_SCRIPTS = `
import contextlib, io, json, runpy, sys, traceback
results = []
for path in sys.argv[1:]:
    out = io.StringIO()
    error = None
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(path, run_name='__main__')
    except BaseException:
        error = traceback.format_exc()
    results.append({'stdout': out.getvalue(), 'error': error})
sys.stdout.write(json.dumps(results))
`;

/**
 * Several scripts in one Python process, one after another: `import torch` once instead of once
 * per script, which is most of a small script's time. Resolves to the process's result and each
 * script's stdout and error (null when it ran to the end).
 */
export async function runPythonScripts(python, paths) {
  const result = await runPython(python, ['-c', RUN_SCRIPTS, ...paths]);
  const scripts = result.status === 0 ? JSON.parse(result.stdout) : [];
  return { ...result, scripts };
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
