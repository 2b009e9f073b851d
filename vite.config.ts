import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

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

// `base: './'` makes every asset URL relative, so the built dist/ works from any sub-path
// (GitHub Pages project sites, a course page's folder) without rebuilding.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
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
  },
});
