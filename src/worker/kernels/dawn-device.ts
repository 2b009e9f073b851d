// Test and benchmark support, never bundled: a WebGPU device in Node from Dawn (the `webgpu` npm
// package), so the fused WGSL kernels run under Vitest and `npm run bench:node` without a browser.
// The process must start with a Vulkan driver in its environment (scripts/dawn-env.mjs).
import { create, globals } from 'webgpu';

export interface DawnDevice {
  device: GPUDevice;
  /** vendor, architecture and description of the adapter, as one line ("google swiftshader …"). */
  adapter: string;
}

let pending: Promise<DawnDevice | null> | null = null;
// Dawn's instance lives as long as the object `create` returns is referenced: held here for the
// process's life, or its devices are torn down under running work.
let instance: GPU | null = null;

/** One device per process (null where Dawn finds no adapter); WebGPU's globals are installed first. */
export function dawnDevice(): Promise<DawnDevice | null> {
  pending ??= (async () => {
    Object.assign(globalThis, globals);
    instance = create([]);
    const adapter = await instance.requestAdapter();
    if (!adapter) return null;
    const device = await adapter.requestDevice();
    const { vendor, architecture, description } = adapter.info;
    return { device, adapter: [vendor, architecture, description].filter(Boolean).join(' ') };
  })();
  return pending;
}
