// The fused Linear kernels on Dawn (Node), both schedules: how many `Epoch [e/E], Loss: x.xxxx`
// losses of the PyTorch fixture suite they print as PyTorch does (converging and diverging runs
// apart), with PyTorch's float32 order and with compensated sums instead; and what PyTorch's order
// costs, the two chunk kernels timed side by side in one process, several rounds.
//   node scripts/kernel-fidelity.mjs [--rounds 5]
// Speed is a figure here, never a test assertion.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { dawnEnv } from './dawn-env.mjs';

const extra = dawnEnv();
if (Object.keys(extra).length > 0 && !process.env.KERNEL_FIDELITY_CHILD) {
  // The Vulkan loader is found by the dynamic linker: start again with the driver in the environment.
  const self = fileURLToPath(import.meta.url);
  const env = { ...process.env, ...extra, KERNEL_FIDELITY_CHILD: '1' };
  const child = spawnSync(process.execPath, [self, ...process.argv.slice(2)], { stdio: 'inherit', env });
  process.exit(child.status ?? 1);
}

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
const load = (path) => vite.ssrLoadModule(path);
const { dawnDevice } = await load('/src/worker/kernels/dawn-device.ts');
const { FusedLinearTrainer } = await load('/src/worker/kernels/fused-linear-trainer.ts');
const { COMPENSATED_CHUNK } = await load('/src/worker/kernels/linear-compensated-chunk.wgsl.ts');
const { pytorchVectors, jsonFloat } = await load('/src/engine/__fixtures__/pytorch-vectors.ts');
const { tutorialDataset, lineDataset } = await load('/src/engine/datasets.ts');
const { formatFixed } = await load('/src/engine/format.ts');

const gpu = await dawnDevice();
if (!gpu) throw new Error('Dawn found no adapter (see scripts/dawn-env.mjs)');
console.log(`adapter: ${gpu.adapter}`);

async function losses(schedule, dataset, initial, lr, batches, compensated) {
  const chunk = compensated ? COMPENSATED_CHUNK[schedule] : undefined;
  const trainer = new FusedLinearTrainer(gpu.device, dataset, initial, lr, schedule, chunk);
  const out = await trainer.read(trainer.enqueue(batches));
  trainer.dispose();
  return out.map((s) => s.loss);
}

const traces = pytorchVectors.traces.filter((t) => t.steps.length > 0);
/** A run whose last loss is inf, nan or above its first one. */
const diverging = (t) => !(jsonFloat(t.steps.at(-1)[3]) <= jsonFloat(t.steps[0][3]));
console.log('\nlog lines equal to PyTorch\'s (f"{loss:.4f}"), fixture suite:');
for (const schedule of ['sequential', 'parallel']) {
  for (const [label, compensated] of [
    ["PyTorch's order", false],
    ['compensated sums', true],
  ]) {
    const count = { converging: [0, 0], diverging: [0, 0] };
    for (const t of traces) {
      const out = await losses(
        schedule,
        tutorialDataset(),
        t.initial,
        t.learningRate,
        t.steps.map((s) => s[2]),
        compensated,
      );
      const c = count[diverging(t) ? 'diverging' : 'converging'];
      out.forEach((loss, k) => {
        c[0] += formatFixed(loss, 4) === t.steps[k][4] ? 1 : 0;
        c[1] += 1;
      });
    }
    const f = ([a, b]) => `${a} of ${b}`;
    console.log(`  ${schedule}, ${label}: converging ${f(count.converging)}, diverging ${f(count.diverging)}`);
  }
}

// Side by side: the same batches through the PyTorch-order and the compensated chunk kernels,
// alternating, each round on a fresh trainer; steps per second of each, and their ratio.
console.log(`\nchunk kernels, steps/s (median of ${rounds} rounds, [range]) and compensated ÷ PyTorch order:`);
const dataset = lineDataset(7, 8192);
for (const schedule of ['sequential', 'parallel']) {
  for (const size of [3, 64, 512, 4096]) {
    const steps = Math.max(8, Math.min(2000, Math.round(200_000 / size)));
    const batches = Array.from({ length: steps }, (_, s) =>
      Array.from({ length: size }, (_, i) => (s * 131 + i * 7919) % 8192),
    );
    const rates = { order: [], compensated: [] };
    for (let r = 0; r < rounds + 1; r++) {
      for (const [key, compensated] of [
        ['order', false],
        ['compensated', true],
      ]) {
        const t0 = performance.now();
        await losses(schedule, dataset, { w: 0.5, b: 0.25 }, 0.001, batches, compensated);
        if (r > 0) rates[key].push(steps / ((performance.now() - t0) / 1000)); // round 0 warms up
      }
    }
    const ratios = rates.order.map((o, i) => rates.compensated[i] / o);
    const show = (v) => {
      const s = [...v].sort((a, b) => a - b);
      return `${s[Math.floor(s.length / 2)].toFixed(1)} [${s[0].toFixed(1)}–${s.at(-1).toFixed(1)}]`;
    };
    console.log(
      `  ${schedule}, batch ${size}: PyTorch order ${show(rates.order)}, compensated ${show(rates.compensated)}, ratio ${show(ratios)}`,
    );
  }
}
await vite.close();
process.exit(0);
