// Where Dawn for Node (the `webgpu` npm package) finds a Vulkan device on a machine without a GPU:
// Chromium's SwiftShader driver and the Vulkan loader that Chromium ships beside it — Debian's
// chromium package in /usr/lib/chromium, else a Chromium that Playwright downloaded (GitHub's
// runners). Debian 12's own lavapipe (mesa-vulkan-drivers 22.3) is no use: Dawn refuses it
// ("Vulkan shaderUniform*ArrayDynamicIndexing required").
// The loader is found by the dynamic linker, so these must be in the environment when the process
// starts: the Vitest global setup sets them before its test processes start, `npm run bench:node`
// before it starts its own. A machine with a GPU and its Vulkan driver needs none of it: set
// DAWN_VULKAN=system (or VK_ICD_FILENAMES yourself) and the system's driver is used.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const ICD = 'vk_swiftshader_icd.json';

/** Folders that may hold Chromium's SwiftShader ICD, most likely first. */
export function chromiumFolders(env = process.env) {
  const folders = ['/usr/lib/chromium'];
  if (env.CHROMIUM_PATH) folders.push(dirname(env.CHROMIUM_PATH));
  const browsers = env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  const entries = existsSync(browsers) ? readdirSync(browsers).filter((name) => name.startsWith('chromium')) : [];
  for (const entry of entries.sort().reverse()) {
    for (const sub of ['chrome-linux', 'chrome-linux64', 'chrome-headless-shell-linux64'])
      folders.push(join(browsers, entry, sub));
  }
  return folders;
}

/** The SwiftShader ICD file that dawnEnv would use, or null. */
export function swiftshaderIcd(env = process.env) {
  const folder = chromiumFolders(env).find((f) => existsSync(join(f, ICD)));
  return folder ? join(folder, ICD) : null;
}

/** The variables to add to a child process's environment (none when the caller chose a driver). */
export function dawnEnv(env = process.env) {
  if (env.DAWN_VULKAN === 'system' || env.VK_ICD_FILENAMES) return {};
  const icd = swiftshaderIcd(env);
  if (!icd) return {};
  const libraryPath = [dirname(icd), env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { VK_ICD_FILENAMES: icd, LD_LIBRARY_PATH: libraryPath };
}
