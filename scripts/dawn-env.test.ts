import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumFolders, dawnEnv } from './dawn-env.mjs';

describe('dawnEnv: where the kernel tests and bench:node find a Vulkan device', () => {
  it("looks in Debian's chromium first, then in the Chromiums Playwright downloaded, newest first", () => {
    const browsers = mkdtempSync(join(tmpdir(), 'pw-browsers-'));
    for (const build of ['chromium-1100', 'chromium-1200', 'firefox-1500']) {
      mkdirSync(join(browsers, build, 'chrome-linux'), { recursive: true });
      writeFileSync(join(browsers, build, 'chrome-linux', 'vk_swiftshader_icd.json'), '{}');
    }
    const folders = chromiumFolders({ PLAYWRIGHT_BROWSERS_PATH: browsers });
    expect(folders[0]).toBe('/usr/lib/chromium');
    const playwright = folders.filter((f) => f.startsWith(browsers));
    expect(playwright[0]).toBe(join(browsers, 'chromium-1200', 'chrome-linux'));
    expect(playwright).toContain(join(browsers, 'chromium-1100', 'chrome-linux'));
    expect(playwright.some((f) => f.includes('firefox'))).toBe(false);
  });

  it('leaves the environment alone where the caller chose a driver', () => {
    expect(dawnEnv({ DAWN_VULKAN: 'system' })).toEqual({});
    expect(dawnEnv({ VK_ICD_FILENAMES: '/etc/vulkan/icd.d/nvidia_icd.json' })).toEqual({});
  });

  it('puts the ICD and the loader beside it in front of the library path', () => {
    const env = dawnEnv({ LD_LIBRARY_PATH: '/opt/lib' });
    if (!env.VK_ICD_FILENAMES) return expect(env).toEqual({});
    const folder = env.VK_ICD_FILENAMES.replace(/\/vk_swiftshader_icd\.json$/, '');
    expect(env.LD_LIBRARY_PATH).toBe(`${folder}:/opt/lib`);
  });
});
