// Test and benchmark support, never bundled: a WebGPU device in Node from Dawn (the `webgpu` npm
// package), so the fused WGSL kernels run under Vitest and `npm run bench:node` without a browser.
// The process must start with a Vulkan driver in its environment (scripts/dawn-env.mjs).
import { create, globals } from 'webgpu';

export interface DawnDevice {
  device: GPUDevice;
  /** vendor, architecture and description of the adapter, as one line ("google swiftshader …"). */
  adapter: string;
  /** The adapter's own info (isFallbackAdapter included): tfjs's WebGPU backend takes it. */
  info: GPUAdapterInfo;
  /** Dawn's GPU object, what a browser has as `navigator.gpu`. */
  gpu: GPU;
}

let pending: Promise<DawnDevice | null> | null = null;
// Dawn's instance lives as long as the object `create` returns is referenced: held here for the
// process's life, or its devices are torn down under running work.
let instance: GPU | null = null;

/**
 * One device per process (null where Dawn finds no adapter); WebGPU's globals are installed first.
 * `options` are Dawn's create() toggles ('backend=vulkan', 'adapter=NVIDIA', …), read on the first call only.
 */
export function dawnDevice(options: readonly string[] = []): Promise<DawnDevice | null> {
  pending ??= (async () => {
    Object.assign(globalThis, globals);
    instance = create([...options]);
    const adapter = await instance.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const device = await adapter.requestDevice();
    const { info } = adapter;
    const { vendor, architecture, description } = info;
    return { device, adapter: [vendor, architecture, description].filter(Boolean).join(' '), info, gpu: instance };
  })();
  return pending;
}
