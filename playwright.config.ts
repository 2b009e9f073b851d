import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it is installed (CI and the dev machines here cannot download
// Playwright's browser); elsewhere Playwright's own, or whatever CHROMIUM_PATH names.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const quietChromium = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// WebGPU on SwiftShader (a software Vulkan device), so headless machines without a GPU still run
// the WebGPU backend for real. Without these flags there is no adapter: the fallback project.
export const webgpuFlags = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
  '--use-angle=swiftshader',
];

// E2E_PORT / E2E_SUBPATH_PORT let a second checkout run its tests beside this one.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const SUBPATH_PORT = Number(process.env.E2E_SUBPATH_PORT ?? 4174);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    // The app picks its language from the browser's; the specs name controls in English (lang=zh-CN tests Chinese).
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /fallback\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath, args: [...quietChromium, ...webgpuFlags] },
      },
    },
    {
      name: 'no-webgpu',
      testMatch: /(fallback|fidelity)\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath, args: quietChromium },
      },
    },
  ],
  webServer: [
    {
      // The built site, as it will be hosted (npm run test:e2e builds it first).
      command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
    },
    {
      // The same dist/ under a sub-path, like GitHub Pages' /<repo>/.
      command: `node e2e/serve-subpath.mjs ${SUBPATH_PORT} /course/minibatch-lab/`,
      url: `http://127.0.0.1:${SUBPATH_PORT}/course/minibatch-lab/`,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
