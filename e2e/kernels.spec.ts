// The fused WebGPU kernels give the same numbers as PyTorch's arithmetic: the benchmark page trains
// each engine on the app's own datasets (all four configurations of the benchmark) and compares the
// checked steps' losses with the float32 reference (bit-exact with PyTorch 1.13 on the CPU), the
// float64 reference, and the op-by-op tfjs path step by step. Speed is measured by `npm run bench`,
// never asserted here.
import { expect, test } from '@playwright/test';

interface EngineResult {
  caseId: string;
  engine: string;
  backend: string | null;
  note?: string;
  steps: number;
  maxRelativeError: number | null;
  maxRelativeErrorFloat64: number;
  checkedLosses: number[];
}

const relError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-6);

test("fused WGSL agrees with PyTorch's float32, the float64 reference and tfjs op by op, on every configuration", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/bench.html?budget=150&check=48&engines=naive-tfjs,app-webgpu,js-float64');
  await page.waitForFunction(() => (window as unknown as { __bench?: { done: boolean } }).__bench?.done, null, {
    timeout: 230_000,
  });
  const bench = await page.evaluate(
    () => (window as unknown as { __bench: { results: EngineResult[]; log: string[] } }).__bench,
  );
  expect(bench.log.filter((l) => l.startsWith('error'))).toEqual([]);
  expect(bench.results).toHaveLength(12);
  const result = (caseId: string, engine: string) =>
    bench.results.find((r) => r.caseId === caseId && r.engine === engine)!;
  const fused = bench.results.filter((r) => r.note?.startsWith('fused WGSL'));
  // The app's engine really ran the fused kernels on WebGPU, for the linear model and the MLP.
  expect(fused.map((r) => r.caseId).sort()).toEqual(['line-100k', 'line-1m', 'mlp-10k', 'tutorial']);
  for (const r of bench.results) {
    if (r.engine !== 'js-float64') expect(r.backend).toBe('webgpu');
    expect(r.steps).toBeGreaterThan(0);
    expect(r.checkedLosses.length, `${r.engine} on ${r.caseId}`).toBeGreaterThanOrEqual(48);
  }

  // Against PyTorch's float32 arithmetic (the reference is bit-exact with PyTorch 1.13): 1e-5. At
  // N = 1,000,000 PyTorch's own float32 drifts (its weight gradient is a sequential float32 sum over
  // 65,536 samples) and the fused kernels' compensated sums stay with the exact numbers instead.
  for (const caseId of ['tutorial', 'line-100k', 'mlp-10k'])
    expect(result(caseId, 'app-webgpu').maxRelativeError!).toBeLessThan(1e-5);
  expect(result('line-1m', 'app-webgpu').maxRelativeError!).toBeLessThan(2e-5);

  // Against the float64 reference: 1e-5 wherever float32 can be that close. The tutorial's late
  // losses (~6e-5) are the squares of residuals w·x + b − y that cancel ~20 down to ~0.008, where
  // float32's rounding alone is ~1e-4 relative: PyTorch's float32 reference is as far (asserted).
  for (const caseId of ['line-100k', 'line-1m', 'mlp-10k']) {
    expect(result(caseId, 'app-webgpu').maxRelativeErrorFloat64, caseId).toBeLessThan(1e-5);
  }
  const tutorialFloat64 = result('tutorial', 'app-webgpu').maxRelativeErrorFloat64;
  expect(tutorialFloat64).toBeLessThan(5e-4);
  expect(tutorialFloat64).toBeLessThan(2 * result('tutorial', 'js-float64').maxRelativeError!);

  // Against tfjs op by op on the same backend, step by step: 1e-5; on the tutorial op by op is the
  // one that parts from PyTorch (tfjs reduces in its own order), so there it is held to PyTorch.
  for (const caseId of ['tutorial', 'line-100k', 'line-1m', 'mlp-10k']) {
    const a = result(caseId, 'app-webgpu').checkedLosses;
    const b = result(caseId, 'naive-tfjs').checkedLosses;
    const worst = Math.max(...b.map((loss, i) => relError(a[i], loss)));
    expect(worst, caseId).toBeLessThan(caseId === 'tutorial' ? 2e-5 : 1e-5);
  }
  for (const caseId of ['tutorial', 'line-100k', 'line-1m', 'mlp-10k']) {
    expect(result(caseId, 'naive-tfjs').maxRelativeError!, caseId).toBeLessThan(caseId === 'line-1m' ? 2e-5 : 5e-5);
  }
});
