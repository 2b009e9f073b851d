// Test support for the kernel tests on Dawn (never bundled): the device, or a failure that says how
// to get one, and a one-shot compute dispatch over a vec4 array.
import { dawnDevice, type DawnDevice } from './dawn-device';

/** The Dawn device; fails (never skips) where there is none, saying how to get one. */
export async function requireDawn(): Promise<DawnDevice> {
  const gpu = await dawnDevice();
  if (!gpu)
    throw new Error(
      'Dawn found no WebGPU adapter. Run Vitest through npm (its global setup, scripts/vitest-global-setup.mjs, ' +
        'sets VK_ICD_FILENAMES and LD_LIBRARY_PATH from scripts/dawn-env.mjs before the test processes start) ' +
        "with Chromium's SwiftShader installed (/usr/lib/chromium/vk_swiftshader_icd.json from Debian's chromium " +
        'package, or `npx playwright install chromium`); on a machine with a GPU set DAWN_VULKAN=system.',
    );
  return gpu;
}

/**
 * Runs `code` (bindings: 0 the inputs, read-only; 1 the outputs, as many vec4 as the inputs; 2 a
 * 16-byte uniform) with one invocation per vec4 in workgroups of 64, and reads the outputs back.
 */
export async function runCompute(
  device: GPUDevice,
  code: string,
  inputs: Float32Array<ArrayBuffer>,
  uniform: Uint32Array<ArrayBuffer>,
): Promise<Float32Array> {
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
  const input = device.createBuffer({ size: inputs.byteLength, usage });
  device.queue.writeBuffer(input, 0, inputs);
  const output = device.createBuffer({ size: inputs.byteLength, usage: usage | GPUBufferUsage.COPY_SRC });
  const settings = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(settings, 0, uniform);
  const readBack = device.createBuffer({
    size: inputs.byteLength,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const pipeline = device.createComputePipeline({
    layout: 'auto',
    compute: { module: device.createShaderModule({ code }), entryPoint: 'main' },
  });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [input, output, settings].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.ceil(inputs.length / 4 / 64));
  pass.end();
  encoder.copyBufferToBuffer(output, 0, readBack, 0, inputs.byteLength);
  device.queue.submit([encoder.finish()]);
  await readBack.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(readBack.getMappedRange().slice(0));
  readBack.unmap();
  for (const buffer of [input, output, settings, readBack]) buffer.destroy();
  return out;
}

/** The experiment kernels' test grids: every B × lr × seed, shuffled, a target of 0.01. */
export const experimentGrid = (batchSizes: number[], learningRates: number[], seedsPerSetting: number) => ({
  batchSizes,
  learningRates,
  shuffle: 'on' as const,
  seedsPerSetting,
  targetLoss: 0.01,
});

/** Each loss as finite, inf or nan: where a diverging run overflows. */
export const lossKinds = (losses: number[]) =>
  losses.map((v) => (Number.isNaN(v) ? 'nan' : Number.isFinite(v) ? 'finite' : 'inf')).join(' ');
