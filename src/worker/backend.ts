// Picks the tfjs backend: webgpu → webgl → cpu (or from the one asked for), trusting only what
// actually works. tf.setBackend resolves false on failure (it does not throw) and getBackend() may
// still name the failed backend, so each candidate is checked by its boolean and then by a tiny
// computation read back with `await data()` (dataSync returns zeros on WebGPU in a worker).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendName, BackendPreference } from '../engine/config';
import type { AdapterInfo, BackendInfo } from '../protocol';

const CHAINS: Record<BackendPreference, BackendName[]> = {
  auto: ['webgpu', 'webgl', 'cpu'],
  webgpu: ['webgpu', 'webgl', 'cpu'],
  webgl: ['webgl', 'cpu'],
  cpu: ['cpu'],
};

// tfjs runs ops whose inputs are small and CPU-resident on the CPU by default. The app exists to
// show training on the GPU, so every op goes to the GPU backend even for the tutorial's 10 samples.
tf.env().set('WEBGPU_CPU_FORWARD', false);
tf.env().set('WEBGL_CPU_FORWARD', false);

/** Why WebGPU cannot run, in words for the status line, or null when an adapter is there. */
async function probeWebGPU(): Promise<{ reason: string } | { adapter: AdapterInfo }> {
  const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { reason: `requestAdapter failed: ${String(e)}` };
  }
  if (!adapter) return { reason: 'no WebGPU adapter (GPU blocked, disabled or unsupported)' };
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  return {
    adapter: {
      vendor: info?.vendor ?? '',
      architecture: info?.architecture ?? '',
      device: info?.device ?? '',
      description: info?.description ?? '',
      isFallbackAdapter: Boolean(info?.isFallbackAdapter ?? legacy.isFallbackAdapter),
    },
  };
}

/**
 * a + b on the backend, read back asynchronously: proves kernels run and results come back, and on
 * WebGPU that the result lived in a GPUBuffer (so the GPU, not tfjs's CPU forwarding, computed it).
 */
async function selfTest(): Promise<{ ok: boolean; onGpu: boolean }> {
  const a = tf.tensor1d([1.5, -2, 3]);
  const b = tf.tensor1d([0.25, 4, -1]);
  const sum = tf.add(a, b);
  try {
    const onGpu = isOnGpu(sum);
    const values = await sum.data();
    return { ok: values[0] === 1.75 && values[1] === 2 && values[2] === 2, onGpu };
  } finally {
    tf.dispose([a, b, sum]);
  }
}

/** True when a tensor's storage is a GPUBuffer, i.e. the op really ran on the GPU. */
export function isOnGpu(t: tf.Tensor): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  const backend = tf.backend() as unknown as {
    tensorMap: { get(id: object): { resource?: unknown } | undefined };
  };
  const resource = backend.tensorMap.get(t.dataId)?.resource;
  return typeof GPUBuffer !== 'undefined' && resource instanceof GPUBuffer;
}

function rendererName(name: BackendName): string | undefined {
  if (name !== 'webgl') return undefined;
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
    if (!gl) return undefined;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return undefined;
  }
}

export async function selectBackend(requested: BackendPreference): Promise<BackendInfo> {
  const fallbackReasons: string[] = [];
  let adapter: AdapterInfo | undefined;
  for (const name of CHAINS[requested]) {
    if (name === 'webgpu') {
      const probe = await probeWebGPU();
      if ('reason' in probe) {
        fallbackReasons.push(`webgpu: ${probe.reason}`);
        continue;
      }
      adapter = probe.adapter;
    }
    let ok = false;
    try {
      ok = await tf.setBackend(name);
    } catch (e) {
      fallbackReasons.push(`${name}: ${String(e)}`);
      continue;
    }
    if (!ok) {
      fallbackReasons.push(`${name}: tfjs could not initialise this backend`);
      continue;
    }
    await tf.ready();
    const test = await selfTest();
    if (!test.ok) {
      fallbackReasons.push(`${name}: self-test computed wrong numbers`);
      continue;
    }
    return {
      name,
      requested,
      adapter: name === 'webgpu' ? adapter : undefined,
      fallbackReasons,
      cpuForward:
        name === 'webgpu'
          ? tf.env().getBool('WEBGPU_CPU_FORWARD')
          : name === 'webgl'
            ? tf.env().getBool('WEBGL_CPU_FORWARD')
            : false,
      renderer: rendererName(name),
      gpuVerified: name === 'webgpu' ? test.onGpu : undefined,
    };
  }
  throw new Error(`No tfjs backend works here: ${fallbackReasons.join('; ')}`);
}
