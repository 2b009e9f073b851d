import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Rollup } from 'vite';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { wgslMinify } from './scripts/wgsl-minify.mjs';

/**
 * The built page's Content-Security-Policy: scripts, workers, styles and data from the page's own
 * origin only, no inline script, no plugins, nowhere to submit forms. React sets style props through
 * the CSSOM, which style-src does not govern, so no 'unsafe-inline' is needed; the tfjs backends
 * need neither eval nor WebAssembly. Only at build: the dev server's hot reload runs inline scripts.
 * (frame-ancestors cannot be set from a <meta>; a server header would have to do it.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'minibatch-lab-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) =>
        ctx.filename.endsWith('index.html')
          ? html.replace(
              '<meta charset="UTF-8" />',
              `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
            )
          : html,
    },
  };
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name), root)
      : [relative(root, join(dir, entry.name)).split(sep).join('/')],
  );
}

/**
 * The bundle's files that the app page (index.html) cannot reach: what only another page, the
 * benchmark, uses. Reached means: the entry chunk, the chunks it imports (statically or not), their
 * CSS and assets, and every emitted file but a page whose name a reached file's code mentions (the
 * workers are emitted as assets and started by `new URL('…', import.meta.url)`, and so are their chunks).
 */
export function filesOnlyOtherPagesUse(bundle: Rollup.OutputBundle, page = 'index.html'): Set<string> {
  const byBaseName = new Map(Object.keys(bundle).map((fileName) => [fileName.split('/').pop()!, fileName]));
  const reached = new Set<string>();
  const visit = (fileName: string): void => {
    const file = bundle[fileName];
    if (!file || reached.has(fileName)) return;
    reached.add(fileName);
    const code = file.type === 'chunk' ? file.code : typeof file.source === 'string' ? file.source : '';
    if (file.type === 'chunk') {
      for (const next of [...file.imports, ...file.dynamicImports]) visit(next);
      for (const next of file.viteMetadata?.importedCss ?? []) visit(next);
      for (const next of file.viteMetadata?.importedAssets ?? []) visit(next);
    }
    if (fileName.endsWith('.js') || fileName.endsWith('.html') || fileName.endsWith('.css')) {
      // Another page is not reached by being named (a link to bench.html does not precache the benchmark).
      for (const [baseName, other] of byBaseName) {
        if (other !== fileName && !other.endsWith('.html') && code.includes(baseName)) visit(other);
      }
    }
  };
  const entry = Object.values(bundle).find(
    (file) => file.type === 'chunk' && file.isEntry && file.facadeModuleId?.endsWith(`/${page}`),
  );
  if (!entry) throw new Error(`minibatch-lab-sw: no entry chunk for ${page} in the bundle`);
  visit(page);
  visit(entry.fileName);
  return new Set(Object.keys(bundle).filter((fileName) => !reached.has(fileName)));
}

/**
 * The service worker (offline after the first visit): after the build is written, src/sw/sw.js
 * becomes dist/sw.js with the list of the app's files to precache and a hash of their contents, so
 * that every deploy changes sw.js and browsers install the new build. The list is every file of the
 * build but source maps and what only the benchmark page uses (bench.html, its script and its
 * worker: a third of the build, which every first visit would otherwise download).
 */
function serviceWorker(): Plugin {
  let outDir = 'dist';
  let notPrecached = new Set<string>();
  return {
    name: 'minibatch-lab-sw',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    // After Vite's own plugins have added the pages (HTML) to the bundle.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        notPrecached = filesOnlyOtherPagesUse(bundle);
      },
    },
    closeBundle() {
      const files = filesUnder(outDir)
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map') && !notPrecached.has(f))
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update(readFileSync(join(outDir, f)));
      const precache = ['./', ...files];
      const source = readFileSync(join(import.meta.dirname, 'src/sw/sw.js'), 'utf8')
        .replace('__SW_VERSION__', hash.digest('hex').slice(0, 16))
        .replace('__SW_PRECACHE__', JSON.stringify(precache));
      writeFileSync(join(outDir, 'sw.js'), source);
    },
  };
}

// `base: './'` makes every asset URL relative, so the built dist/ works from any sub-path
// (GitHub Pages project sites, a course page's folder) without rebuilding.
export default defineConfig({
  base: './',
  plugins: [wgslMinify(), react(), contentSecurityPolicy(), serviceWorker()],
  worker: { format: 'es', plugins: () => [wgslMinify()] },
  build: {
    target: 'es2022',
    sourcemap: true,
    // bench.html: the benchmark page `npm run bench` drives (and anyone can open on their device).
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['scripts/vitest-global-setup.mjs'],
  },
});
