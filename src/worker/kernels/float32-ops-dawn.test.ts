// The WGSL float32 helpers on a real WebGPU device (Dawn), bit for bit against the engine's float32
// (fma32 and division in double, rounded once): the emulated FMA, the correctly rounded division and
// the product that no compiler may fuse, on many random and adversarial inputs.
import { describe, expect, it } from 'vitest';
import { fma32 } from '../../engine/float32';
import { requireDawn, runCompute } from './dawn-test-kit';
import { FLOAT32_OPS } from './float32-ops.wgsl';

const SHADER = /* wgsl */ `
struct Settings { lr: f32, steps: u32, partials: u32, zero: u32 }
@group(0) @binding(0) var<storage, read> inputs: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> outputs: array<vec4<f32>>;
@group(0) @binding(2) var<uniform> settings: Settings;
${FLOAT32_OPS}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= arrayLength(&inputs)) { return; }
  let v = inputs[id.x];
  outputs[id.x] = vec4<f32>(fma32(v.x, v.y, v.z), div32(v.x, v.w), mul(v.x, v.y) + v.z, 0.0);
}
`;

const f = Math.fround;

/** A reproducible stream of uniform numbers in [0, 1) (mulberry32). */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * (a, b, c, n): a, b over 2^±20 with both signs; c random, or the negated product nudged by a few
 * ulps (the cancellations where one rounding decides), or an SGD update's parameter; n a batch size.
 */
function cases(count: number): Float32Array<ArrayBuffer> {
  const next = uniforms(18);
  const signed = (span: number) => (next() < 0.5 ? -1 : 1) * (1 + next()) * 2 ** Math.round((next() - 0.5) * span);
  const out = new Float32Array(4 * count);
  for (let i = 0; i < count; i++) {
    const a = f(signed(40));
    const b = f(signed(40));
    const kind = i % 3;
    const c =
      kind === 0
        ? f(signed(60))
        : kind === 1
          ? f(-f(a * b) * (1 + (next() - 0.5) * 2 ** -20))
          : f(a * b * (next() * 64));
    out.set([a, b, c, 1 + Math.floor(next() * 4096)], 4 * i);
  }
  return out;
}

describe('float32 helpers in WGSL on Dawn', () => {
  const inputs = cases(1 << 17);

  it("fma32, div32 and mul give the engine's float32 bits on 131,072 inputs", async () => {
    const { device } = await requireDawn();
    const out = await runCompute(device, SHADER, inputs, new Uint32Array(4));
    const mismatches = { fma: 0, div: 0, mulAdd: 0 };
    let inexactHalves = 0;
    for (let i = 0; i < inputs.length / 4; i++) {
      const [a, b, c, n] = inputs.subarray(4 * i, 4 * i + 4);
      const fused = fma32(a, b, c);
      if (!Object.is(out[4 * i], fused)) mismatches.fma += 1;
      if (!Object.is(out[4 * i + 1], f(a / n))) mismatches.div += 1;
      if (!Object.is(out[4 * i + 2], f(f(a * b) + c))) mismatches.mulAdd += 1;
      if (fused !== f(f(a * b) + c)) inexactHalves += 1;
    }
    expect(mismatches).toEqual({ fma: 0, div: 0, mulAdd: 0 });
    // The inputs do tell a fused multiply-add from a rounded product and an add.
    expect(inexactHalves).toBeGreaterThan(inputs.length / 40);
  });

  it('inf and nan come out as the CPU computes them', async () => {
    const { device } = await requireDawn();
    const max = f(3.4e38);
    const special = Float32Array.of(
      ...[max, 10, 0, 3],
      ...[Infinity, -1, 5, 7],
      ...[max, 10, -Infinity, 1],
      ...[NaN, 1, 1, 1],
      ...[1, 1, Infinity, 1],
      ...[-max, 4, 1, 5],
    );
    const out = await runCompute(device, SHADER, special, new Uint32Array(4));
    for (let i = 0; i < special.length / 4; i++) {
      const [a, b, c, n] = special.subarray(4 * i, 4 * i + 4);
      expect([out[4 * i], out[4 * i + 1]], `case ${i}`).toEqual([fma32(a, b, c), f(a / n)]);
    }
  });
});
