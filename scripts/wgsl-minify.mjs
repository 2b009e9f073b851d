// A Vite plugin: the WGSL in src/**/*.wgsl.ts (template literals marked /* wgsl */) loses its
// comments and indentation before bundling, so the kernels' explanations cost the worker bundle
// nothing. It runs before TypeScript is compiled (enforce: 'pre'), in the app, its worker, Vitest
// and the scripts that load modules through Vite, so the tests compile the very WGSL the app ships.

const WGSL_LITERAL = /\/\* wgsl \*\/ `([^`]*)`/g;

/**
 * WGSL without its line comments, empty lines and the spaces no token needs.
 * @param {string} source
 */
export function minifyWgsl(source) {
  return source
    .split('\n')
    .map((/** @type {string} */ line) =>
      line
        .replace(/\/\/.*$/, '')
        .trim()
        // Spaces beside these separate no tokens (never beside −: `a - -b` is not `a--b`).
        .replace(/\s*([=,;:(){}*/<>&|!+])\s*/g, '$1'),
    )
    .filter(Boolean)
    .join('\n');
}

/** @returns {import('vite').Plugin} */
export function wgslMinify() {
  return {
    name: 'minibatch-lab-wgsl-minify',
    enforce: 'pre',
    /** @param {string} code @param {string} id */
    transform(code, id) {
      if (!id.endsWith('.wgsl.ts')) return null;
      return { code: code.replace(WGSL_LITERAL, (_, body) => `/* wgsl */ \`${minifyWgsl(body)}\``), map: null };
    },
  };
}
