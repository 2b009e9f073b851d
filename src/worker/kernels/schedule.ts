// Which kernel schedule suits the device: software adapters (SwiftShader, llvmpipe/lavapipe, WARP)
// run invocations as CPU fibers, where barriers are expensive; hardware GPUs want wide reductions.
import type { KernelSchedule } from './fused-linear-trainer';

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|warp|software/i;

export function scheduleFor(device: GPUDevice): KernelSchedule {
  const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).adapterInfo;
  if (!info) return 'parallel';
  const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
  return info.isFallbackAdapter || SOFTWARE.test(text) ? 'sequential' : 'parallel';
}
