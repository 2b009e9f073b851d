// Where Dawn for Node (the `webgpu` npm package) finds a Vulkan device on a machine without a GPU:
// Chromium's SwiftShader driver and the Vulkan loader Debian's chromium package ships beside it.
// The loader is found by the dynamic linker, so these must be in the environment when the process
// starts: the Vitest global setup sets them before its test processes start, `npm run bench:node`
// before it starts its own. A machine with a GPU and its Vulkan driver needs none of it: set
// DAWN_VULKAN=system (or VK_ICD_FILENAMES yourself) and the system's driver is used.
import { existsSync } from 'node:fs';

const CHROMIUM_LIB = '/usr/lib/chromium';
export const SWIFTSHADER_ICD = `${CHROMIUM_LIB}/vk_swiftshader_icd.json`;

/** The variables to add to a child process's environment (none when the caller chose a driver). */
export function dawnEnv(env = process.env) {
  if (env.DAWN_VULKAN === 'system' || env.VK_ICD_FILENAMES || !existsSync(SWIFTSHADER_ICD)) return {};
  const libraryPath = [CHROMIUM_LIB, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { VK_ICD_FILENAMES: SWIFTSHADER_ICD, LD_LIBRARY_PATH: libraryPath };
}
