import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { filesOnlyOtherPagesUse } from '../vite.config';

type Chunk = { imports?: string[]; dynamicImports?: string[]; css?: string[]; entry?: string; code?: string };

/** A bundle shaped like Vite's for two pages: chunks, their CSS, the pages and workers as assets. */
function bundle(chunks: Record<string, Chunk>, assets: Record<string, string>): Rollup.OutputBundle {
  const files: Record<string, unknown> = {};
  for (const [fileName, c] of Object.entries(chunks)) {
    files[fileName] = {
      type: 'chunk',
      fileName,
      isEntry: !!c.entry,
      facadeModuleId: c.entry ? `/repo/${c.entry}` : null,
      imports: c.imports ?? [],
      dynamicImports: c.dynamicImports ?? [],
      viteMetadata: { importedCss: new Set(c.css ?? []), importedAssets: new Set() },
      code: c.code ?? '',
    };
  }
  for (const [fileName, source] of Object.entries(assets)) files[fileName] = { type: 'asset', fileName, source };
  return files as unknown as Rollup.OutputBundle;
}

describe('the service worker precaches what the app page reaches', () => {
  const app = bundle(
    {
      'assets/main-1.js': {
        entry: 'index.html',
        imports: ['assets/shared-1.js'],
        dynamicImports: ['assets/lazy-1.js'],
        css: ['assets/main-1.css'],
        code: 'new Worker(new URL(new URL(`trainer-1.js`,import.meta.url).href,``+import.meta.url));a.href=`./bench.html`',
      },
      'assets/shared-1.js': {},
      'assets/lazy-1.js': {},
      'assets/bench-1.js': {
        entry: 'bench.html',
        imports: ['assets/shared-1.js'],
        css: ['assets/bench-1.css'],
        code: 'new Worker(new URL(`bench-worker-1.js`,import.meta.url))',
      },
    },
    {
      'index.html': '<script type="module" src="./assets/main-1.js"></script>',
      'bench.html': '<script type="module" src="./assets/bench-1.js"></script>',
      'assets/main-1.css': '',
      'assets/bench-1.css': '',
      'assets/trainer-1.js': 'import("./trainer-chunk-1.js")',
      'assets/trainer-chunk-1.js': '',
      'assets/bench-worker-1.js': '',
    },
  );

  it('leaves out the benchmark page (even when the app links to it), its script, CSS and worker, and nothing the app uses', () => {
    expect([...filesOnlyOtherPagesUse(app)].sort()).toEqual([
      'assets/bench-1.css',
      'assets/bench-1.js',
      'assets/bench-worker-1.js',
      'bench.html',
    ]);
  });

  it('fails the build rather than guess when the app page has no entry chunk', () => {
    expect(() => filesOnlyOtherPagesUse(app, 'missing.html')).toThrow(/no entry chunk for missing\.html/);
  });
});
