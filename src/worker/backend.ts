// Picks the tfjs backend: webgpu → webgl → cpu (or from the one asked for), trusting only what
// actually works. tf.setBackend resolves false on failure (it does not throw) and getBackend() may
// still name the failed backend, so each candidate is checked by its boolean and then by a tiny
// computation read back with `await data()` (dataSync returns zeros on WebGPU in a worker).
import { message, ProblemError, type Message } from '../i18n/message';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendName, BackendPreference } from '../engine/config';
import type { AdapterInfo, BackendInfo, FallbackReason } from '../protocol';

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
async function probeWebGPU(): Promise<{ reason: Message } | { adapter: AdapterInfo }> {
  const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { reason: message('reason.noWebGPU') };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { reason: message('reason.requestAdapter', { detail: String(e) }) };
  }
  if (!adapter) return { reason: message('reason.noAdapter') };
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
    const gl = webglContext();
    if (!gl) return undefined;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return undefined;
  }
}

/** A backend that stopped working after it was chosen: device lost, context lost, a GPU error. */
export class BackendFault extends ProblemError {
  constructor(
    readonly backend: BackendName,
    problem: Message,
  ) {
    super(problem);
    this.name = 'BackendFault';
  }
}

/** "webgpu: …; webgl: …" as one message, each item said in the page's language. */
export function reasonList(reasons: readonly FallbackReason[]): Message {
  const items = reasons.map(({ backend, reason }) => message('reason.item', { backend, reason }));
  return (
    items.reduceRight<Message | null>(
      (rest, item) => (rest ? message('reason.list', { first: item, rest }) : item),
      null,
    ) ?? message('error.raw', { text: '' })
  );
}

type FaultListener = (fault: BackendFault) => void;

/**
 * The backend in use and what is known to have gone wrong with it. Each selection gets a new
 * serial, so a late report about a backend already replaced is recognised and ignored.
 */
const watch = {
  serial: 0,
  backend: null as BackendName | null,
  fault: null as BackendFault | null,
  listeners: new Set<FaultListener>(),
};

export const backendSerial = (): number => watch.serial;
export const activeBackend = (): BackendName | null => watch.backend;
export const currentFault = (): BackendFault | null => watch.fault;

/** Calls `listener` once if the current backend fails; returns the unsubscribe. */
export function onBackendFault(listener: FaultListener): () => void {
  if (watch.fault) {
    listener(watch.fault);
    return () => {};
  }
  watch.listeners.add(listener);
  return () => watch.listeners.delete(listener);
}

function raiseFault(serial: number, problem: Message): void {
  if (serial !== watch.serial || watch.fault || !watch.backend) return;
  watch.fault = new BackendFault(watch.backend, problem);
  const listeners = [...watch.listeners];
  watch.listeners.clear();
  for (const listener of listeners) listener(watch.fault);
}

/**
 * The current backend's fault, waiting up to `ms` for one: a lost device fails its pending reads a
 * moment before its `lost` promise says why.
 */
export function faultWithin(ms: number): Promise<BackendFault | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, ms);
    const off = onBackendFault((fault) => {
      clearTimeout(timer);
      resolve(fault);
    });
  });
}

/** `promise`, or the backend's fault if that comes first (a read on a lost device may never end). */
export function orBackendFault<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const off = onBackendFault(reject);
    promise.then(
      (value) => {
        off();
        resolve(value);
      },
      (error: unknown) => {
        off();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Listens for the ways a chosen backend dies without any op throwing. */
function watchBackend(name: BackendName): void {
  watch.serial += 1;
  watch.backend = name;
  watch.fault = null;
  watch.listeners.clear();
  const serial = watch.serial;
  if (name === 'webgpu') {
    const device = webgpuDevice();
    void device?.lost.then((info) => {
      const why = info.message ? `${info.reason}: ${info.message}` : info.reason;
      raiseFault(serial, message('reason.deviceLost', { why }));
    });
    device?.addEventListener('uncapturederror', (event) => {
      raiseFault(serial, message('reason.gpuError', { detail: event.error.message }));
    });
  } else if (name === 'webgl') {
    webglContext()?.canvas.addEventListener('webglcontextlost', () => {
      raiseFault(serial, message('reason.webglLost'));
    });
  }
}

export function webgpuDevice(): GPUDevice | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  return (tf.backend() as unknown as { device?: GPUDevice }).device;
}

/** In a worker, tfjs draws on an OffscreenCanvas (the WebWorker lib leaves the context's `canvas` out). */
type WorkerWebGL = WebGL2RenderingContext & { readonly canvas: OffscreenCanvas };

export function webglContext(): WorkerWebGL | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  return (tf.backend() as unknown as { gpgpu?: { gl?: WorkerWebGL } }).gpgpu?.gl;
}

/** Tries `chain` in order; `fallbackReasons` starts with what went wrong before. */
async function selectFrom(
  chain: readonly BackendName[],
  requested: BackendPreference,
  fallbackReasons: FallbackReason[],
): Promise<BackendInfo> {
  let adapter: AdapterInfo | undefined;
  for (const name of chain) {
    if (name === 'webgpu') {
      const probe = await probeWebGPU();
      if ('reason' in probe) {
        fallbackReasons.push({ backend: 'webgpu', reason: probe.reason });
        continue;
      }
      adapter = probe.adapter;
    }
    let ok = false;
    try {
      ok = await tf.setBackend(name);
    } catch (e) {
      fallbackReasons.push({ backend: name, reason: message('error.raw', { text: String(e) }) });
      continue;
    }
    if (!ok) {
      fallbackReasons.push({ backend: name, reason: message('reason.initFailed') });
      continue;
    }
    await tf.ready();
    const test = await selfTest();
    if (!test.ok) {
      fallbackReasons.push({ backend: name, reason: message('reason.selfTest') });
      continue;
    }
    watchBackend(name);
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
  throw new ProblemError(message('error.noBackend', { reasons: reasonList(fallbackReasons) }));
}

export function selectBackend(requested: BackendPreference): Promise<BackendInfo> {
  return selectFrom(CHAINS[requested], requested, []);
}

/** True when a backend after `name` is left to fall back to. */
export function canFallBackFrom(name: BackendName, requested: BackendPreference): boolean {
  const chain = CHAINS[requested];
  const at = chain.indexOf(name);
  return at >= 0 && at < chain.length - 1;
}

/**
 * The backend `failed` stopped working: moves to the next one of the chain. Every tensor on the
 * failed backend must be disposed first (tfjs would try to copy them across).
 */
export async function fallBackFrom(
  failed: BackendInfo,
  reason: Message,
  resumedAtStep: number | null,
): Promise<BackendInfo> {
  const chain = CHAINS[failed.requested];
  const rest = chain.slice(chain.indexOf(failed.name) + 1);
  watch.backend = null; // the dead device's later events are no news
  const info = await selectFrom(rest, failed.requested, [...failed.fallbackReasons, { backend: failed.name, reason }]);
  return { ...info, failover: { from: failed.name, reason, resumedAtStep } };
}
