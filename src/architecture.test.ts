// The layers, enforced: engine ← protocol ← worker / state ← ui, export; analysis (the views' pure
// maths) sits on the engine alone; i18n is a leaf the engine never imports (DESIGN: "Layers,
// enforced"). This test reads the import graph of every source file under src/ with TypeScript's
// parser, so `import type`, `export … from`, `import()`, `import('…').T` and
// `new URL('…', import.meta.url)` all count as edges, and fails with the list of every import that
// goes the wrong way. A new folder under src/ fails until it gets a rule here.
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
// A glob leaves out the file that calls it: this one is read by name, so the tree is whole.
import ownText from './architecture.test.ts?raw';

type Layer =
  | 'engine'
  | 'analysis'
  | 'i18n'
  | 'protocol'
  | 'worker'
  | 'state'
  | 'export'
  | 'ui'
  | 'bench'
  | 'app'
  | 'sw'
  | 'architecture';

interface Rule {
  /** The layers its files may import (their own included where they may). */
  layers: readonly Layer[];
  /**
   * Of those, the ones it may import only with `import type` / `export type` (`import { type A }`
   * does not count: under verbatimModuleSyntax it still loads the module).
   */
  typeOnly?: readonly Layer[];
  /** The bare packages it may import: a name, or a prefix ending in `*` ('@tensorflow/*'). */
  packages: readonly string[];
}

const RULES: Record<Layer, Rule> = {
  // Pure TypeScript: seeds in, numbers (and message keys) out. No package at all.
  engine: { layers: ['engine'], packages: [] },
  // The views' maths (loss surface, contours, LTTB, ticks): as pure as the engine.
  analysis: { layers: ['engine', 'analysis'], packages: [] },
  // A leaf: the catalogues and the React bindings of src/i18n/react.tsx and Fill.tsx (FILE_PACKAGES).
  i18n: { layers: ['i18n'], packages: [] },
  // The messages between page and worker: types of the engine's config and of i18n's Message.
  // …and the analysis's result type, which the gradient-noise worker sends back as it is.
  protocol: { layers: ['engine', 'analysis', 'i18n', 'protocol'], typeOnly: ['analysis', 'i18n'], packages: [] },
  worker: {
    layers: ['engine', 'analysis', 'protocol', 'i18n', 'worker'],
    packages: ['@tensorflow/*', '@webgpu/types'],
  },
  // Never ui, never the worker's code: it starts the worker by its entry URL (ALLOWED_EDGES).
  state: { layers: ['engine', 'analysis', 'protocol', 'i18n', 'state'], packages: ['react', 'react-dom'] },
  export: { layers: ['engine', 'analysis', 'protocol', 'state', 'i18n', 'export'], packages: ['html-to-image'] },
  // Everything below it; never the worker's code (tfjs stays off the page's thread), the bench page or the root.
  ui: {
    layers: ['engine', 'analysis', 'protocol', 'state', 'export', 'i18n', 'ui'],
    packages: ['react', 'react-dom', 'recharts'],
  },
  // The benchmark page drives the worker's trainers directly, in its own worker.
  bench: { layers: ['engine', 'analysis', 'protocol', 'worker', 'i18n', 'bench'], packages: ['@tensorflow/*'] },
  // The composition root (App.tsx, main.tsx): every layer of the page, but not the worker's code.
  app: {
    layers: ['engine', 'analysis', 'protocol', 'state', 'export', 'i18n', 'ui', 'app'],
    packages: ['react', 'react-dom'],
  },
  // The service worker's template: a classic script, no imports.
  sw: { layers: [], packages: [] },
  // This test: it reads the others as text (import.meta.glob) and itself; it imports none of them.
  architecture: { layers: ['architecture'], packages: ['typescript', 'vitest'] },
};

/** Which layer a path under src/ belongs to; null for a folder or root file no rule covers. */
function layerOf(path: string): Layer | null {
  const folder = /^src\/([^/]+)\//.exec(path)?.[1];
  if (folder !== undefined) {
    const layers: Record<string, Layer> = {
      engine: 'engine',
      analysis: 'analysis',
      i18n: 'i18n',
      worker: 'worker',
      state: 'state',
      export: 'export',
      ui: 'ui',
      bench: 'bench',
      sw: 'sw',
    };
    return Object.hasOwn(layers, folder) ? layers[folder] : null;
  }
  if (/^src\/(App|main)\.(tsx|css)$/.test(path)) return 'app';
  if (path === 'src/protocol.ts' || path === 'src/protocol.test.ts') return 'protocol';
  if (path === 'src/architecture.test.ts') return 'architecture';
  return null;
}

/** Packages one file may import beyond its layer's. */
const FILE_PACKAGES: Record<string, readonly string[]> = {
  'src/i18n/react.tsx': ['react'],
  'src/i18n/Fill.tsx': ['react'],
};

/** Edges the layer rules alone would refuse, each allowed on purpose. */
const ALLOWED_EDGES: readonly { from: string; to: string; kind: EdgeKind; why: string }[] = [
  {
    from: 'src/state/trainer-client.ts',
    to: 'src/worker/index.ts',
    kind: 'new URL',
    why: 'the client starts the worker from its entry file; it imports none of its code',
  },
  {
    from: 'src/state/noise-client.ts',
    to: 'src/worker/noise-worker.ts',
    kind: 'new URL',
    why: 'the gradient-noise figure starts its worker from its entry file; it imports none of its code',
  },
  {
    from: 'src/state/noise-csv-client.ts',
    to: 'src/worker/noise-csv-worker.ts',
    kind: 'new URL',
    why: "the run CSV's MLP noise columns start their worker from its entry file; it imports none of its code",
  },
  {
    from: 'src/state/experiment-client.ts',
    to: 'src/worker/experiment-worker.ts',
    kind: 'new URL',
    why: 'the Experiments section starts its worker from its entry file; it imports none of its code',
  },
  ...['src/engine/config.test.ts', 'src/engine/csv-data.test.ts'].map((from) => ({
    from,
    to: 'src/i18n/message.ts',
    kind: 'import' as const,
    why: 'tests read the English of the message keys the engine returns, as a reader sees a refusal',
  })),
];

/** Test helpers that are not *.test.ts files, and the packages they may use (Vitest runs them in Node). */
const TEST_HELPERS: Record<string, readonly string[]> = {
  'src/export/run-python.mjs': ['node:*'],
  'src/export/run-python.d.mts': [],
  // Dawn for Node: the fused kernels' tests and `npm run bench:node` get a GPUDevice from it.
  'src/worker/kernels/dawn-device.ts': ['webgpu'],
  // `npm run bench:node`'s entry: Node code, like the tests, built on its own (scripts/bench-node.mjs).
  'src/bench/node/main.ts': ['node:*'],
  // The kernel tests' Dawn device (or a failure that says how to get one) and a one-shot dispatch.
  'src/worker/kernels/dawn-test-kit.ts': [],
};
/** What every test may import beyond its layer's rule. */
const TEST_PACKAGES = ['vitest'];
/** Files that may use import.meta.glob (its files cannot be checked one by one). */
const GLOB_USERS = new Set(['src/architecture.test.ts']);

const isTestFile = (path: string) => /\.test\.tsx?$/.test(path);
const isTestSupport = (path: string) =>
  isTestFile(path) || path.includes('/__fixtures__/') || Object.hasOwn(TEST_HELPERS, path);

type EdgeKind =
  'import' | 'export from' | 'import()' | 'import type' | 'new URL' | 'require' | 'reference' | 'import.meta.glob';

interface Edge {
  specifier: string;
  kind: EdgeKind;
  typeOnly: boolean;
  line: number;
}

const stringOf = (node: ts.Node | undefined): string | null =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

const isImportMeta = (node: ts.Node, name: string) =>
  ts.isPropertyAccessExpression(node) &&
  node.name.text === name &&
  ts.isMetaProperty(node.expression) &&
  node.expression.keywordToken === ts.SyntaxKind.ImportKeyword;

/** Every module a file refers to, from its syntax tree. A specifier that is not a literal is kept as '?'. */
function edgesOf(path: string, text: string): Edge[] {
  const scriptKind = /\.[cm]?jsx?$/.test(path)
    ? ts.ScriptKind.JS
    : path.endsWith('.tsx')
      ? ts.ScriptKind.TSX
      : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKind);
  const edges: Edge[] = [];
  const add = (specifier: string | null, at: ts.Node | number, kind: EdgeKind, typeOnly = false) => {
    const pos = typeof at === 'number' ? at : at.getStart(source);
    edges.push({
      specifier: specifier ?? '?',
      kind,
      typeOnly,
      line: source.getLineAndCharacterOfPosition(pos).line + 1,
    });
  };
  for (const ref of source.referencedFiles) add(ref.fileName, ref.pos, 'reference', true);
  for (const ref of source.typeReferenceDirectives) add(ref.fileName, ref.pos, 'reference', true);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(
        stringOf(node.moduleSpecifier),
        node,
        node.importClause?.isTypeOnly ? 'import type' : 'import',
        node.importClause?.isTypeOnly,
      );
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(stringOf(node.moduleSpecifier), node, 'export from', node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(stringOf(node.moduleReference.expression), node, 'require', node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(stringOf(node.argument.literal), node, 'import type', true);
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(stringOf(node.arguments[0]), node, 'import()');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require')
        add(stringOf(node.arguments[0]), node, 'require');
      else if (isImportMeta(node.expression, 'glob'))
        add(stringOf(node.arguments[0]) ?? 'glob', node, 'import.meta.glob');
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.length === 2 &&
      isImportMeta(node.arguments[1], 'url')
    ) {
      add(stringOf(node.arguments[0]), node, 'new URL');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const matches = (pkg: string, patterns: readonly string[]) =>
  patterns.some((p) => (p.endsWith('*') ? pkg.startsWith(p.slice(0, -1)) : pkg === p));

/** 'react-dom/client' → 'react-dom', '@tensorflow/tfjs-core/dist/x' → '@tensorflow/tfjs-core'. */
const packageOf = (specifier: string) =>
  specifier.startsWith('node:')
    ? specifier
    : specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');

/** A relative or root specifier as a path from the repository root, matched to a file where one fits. */
function resolve(from: string, specifier: string, files: ReadonlySet<string>): string {
  const bare = specifier.replace(/[?#].*$/, '');
  const parts = bare.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const part of bare.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  const path = parts.join('/');
  const candidates = [
    path,
    ...['.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx'].map((e) => path + e),
    path.replace(/\.js$/, '.ts'),
  ];
  return candidates.find((c) => files.has(c)) ?? path;
}

/** Every wrong-way import in `files` (path → source text), as readable lines; [] when all is well. */
function checkLayers(files: Readonly<Record<string, string>>, used = new Set<string>()): string[] {
  const paths = new Set(Object.keys(files));
  const problems: string[] = [];
  for (const from of [...paths].sort()) {
    const layer = layerOf(from);
    if (layer === null) {
      problems.push(
        `${from}: no layer rule covers ${from.replace(/[^/]+$/, '')} (add one to src/architecture.test.ts)`,
      );
      continue;
    }
    const rule = RULES[layer];
    const test = isTestSupport(from);
    const packages = [
      ...rule.packages,
      ...(FILE_PACKAGES[from] ?? []),
      ...(test ? TEST_PACKAGES : []),
      ...(TEST_HELPERS[from] ?? []),
    ];
    for (const edge of edgesOf(from, files[from])) {
      const where = `${from}:${edge.line}`;
      const via = edge.kind === 'import' ? '' : ` (${edge.kind})`;
      if (edge.kind === 'import.meta.glob') {
        if (!GLOB_USERS.has(from))
          problems.push(`${where} → ${edge.specifier}${via}: a glob's files cannot be checked; import them by name`);
        continue;
      }
      if (edge.specifier === '?') {
        problems.push(
          `${where}${via}: a module named by a computed expression cannot be checked; name it with a literal`,
        );
        continue;
      }
      if (!/^\.{1,2}\/|^\//.test(edge.specifier)) {
        const pkg = packageOf(edge.specifier);
        if (!matches(pkg, packages)) {
          const allowed = packages.length ? packages.join(', ') : 'none';
          problems.push(`${where} → ${pkg}${via}: ${layer} may not import package ${pkg} (allowed: ${allowed})`);
        } else if (FILE_PACKAGES[from]?.includes(pkg)) used.add(`${from} ${pkg}`);
        continue;
      }
      const to = resolve(from, edge.specifier, paths);
      const target = to.startsWith('src/') ? layerOf(to) : null;
      const allowance = ALLOWED_EDGES.find((a) => a.from === from && a.to === to && a.kind === edge.kind);
      if (allowance) {
        used.add(`${from} → ${to}`);
      } else if (target === null) {
        problems.push(`${where} → ${to}${via}: outside every layer (src/ and its rules)`);
      } else if (!rule.layers.includes(target)) {
        problems.push(`${where} → ${to}${via}: ${layer} may not import ${target}`);
      } else if (rule.typeOnly?.includes(target) && !edge.typeOnly) {
        problems.push(`${where} → ${to}${via}: ${layer} may import ${target} only with \`import type\``);
      } else if (!test && isTestSupport(to)) {
        problems.push(`${where} → ${to}${via}: only tests may import test files, fixtures and helpers`);
      }
    }
  }
  return problems;
}

// The real source tree, as text: Vite reads every file, nothing is executed.
const SOURCES: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(
      import.meta.glob<string>('/src/**/*.{ts,tsx,mts,cts,js,mjs,cjs}', {
        query: '?raw',
        import: 'default',
        eager: true,
      }),
    ).map(([path, text]) => [path.slice(1), text]),
  ),
  'src/architecture.test.ts': ownText,
};

describe('the layers', () => {
  it('read the whole source tree', () => {
    const paths = Object.keys(SOURCES);
    expect(paths.length).toBeGreaterThan(100);
    for (const known of [
      'src/engine/config.ts',
      'src/ui/LossChart.tsx',
      'src/sw/sw.js',
      'src/i18n/react.tsx',
      'src/architecture.test.ts',
    ]) {
      expect(paths).toContain(known);
    }
  });

  const used = new Set<string>();
  let problems: string[] = [];
  // Parsing ~170 files takes well under a second alone, a few on a loaded machine.
  beforeAll(() => {
    problems = checkLayers(SOURCES, used);
  }, 30_000);

  it('no import goes the wrong way', () => {
    expect(problems, `wrong-way imports:\n  ${problems.join('\n  ')}\n`).toEqual([]);
  });

  it('every allowance is still needed (an unused one is a hole)', () => {
    const allowances = [
      ...ALLOWED_EDGES.map((a) => `${a.from} → ${a.to}`),
      ...Object.entries(FILE_PACKAGES).flatMap(([file, pkgs]) => pkgs.map((p) => `${file} ${p}`)),
    ];
    expect(allowances.filter((a) => !used.has(a))).toEqual([]);
  });

  it('the checker catches a planted wrong-way import (so the test above can fail)', () => {
    const planted = {
      'src/engine/planted.ts': "import { lttb } from '../ui/LossChart';\nimport * as tf from '@tensorflow/tfjs-core';",
      'src/engine/message.ts': "import type { Message } from '../i18n/message';",
      'src/state/planted.ts':
        "import type { LossPoint } from '../ui/loss-series';\nconst run = () => import('../worker/run');",
      'src/state/trainer-client.ts': "new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module' });",
      'src/state/sneaky.ts': "new Worker(new URL('../worker/run.ts', import.meta.url));",
      'src/analysis/planted.ts': "export { tickLabel } from '../ui/numbers';\nimport { t } from '../i18n/translate';",
      'src/protocol.ts': "import { message } from './i18n/message';\nimport type { RunConfig } from './engine/config';",
      'src/ui/planted.tsx': "import React from 'react';\nimport { trainerFor } from '../worker/trainer-factory';",
      'src/i18n/react.tsx': "import { useContext } from 'react';",
      'src/i18n/translate.ts': "import { useContext } from 'react';",
      'src/ui/fine.ts':
        "import { plottablePoints } from '../analysis/loss-series';\nimport { RunStore } from '../state/run-store';",
      'src/ui/uses-fixture.ts': "import { VECTORS } from '../engine/__fixtures__/pytorch-vectors';",
      'src/engine/x.test.ts': "import { it } from 'vitest';\nimport { VECTORS } from './__fixtures__/pytorch-vectors';",
      'src/ui/tricky.ts':
        "type Run = import('../worker/run').Run;\nconst all = import.meta.glob('../worker/*.ts');\nconst m = import(name);\nimport { x } from '../../e2e/helpers';",
      'src/lesson/intro.ts': '',
    };
    expect(checkLayers(planted)).toEqual([
      'src/analysis/planted.ts:1 → src/ui/numbers (export from): analysis may not import ui',
      'src/analysis/planted.ts:2 → src/i18n/translate.ts: analysis may not import i18n',
      'src/engine/message.ts:1 → src/i18n/message (import type): engine may not import i18n',
      'src/engine/planted.ts:1 → src/ui/LossChart: engine may not import ui',
      'src/engine/planted.ts:2 → @tensorflow/tfjs-core: engine may not import package @tensorflow/tfjs-core (allowed: none)',
      'src/i18n/translate.ts:1 → react: i18n may not import package react (allowed: none)',
      'src/lesson/intro.ts: no layer rule covers src/lesson/ (add one to src/architecture.test.ts)',
      'src/protocol.ts:1 → src/i18n/message: protocol may import i18n only with `import type`',
      'src/state/planted.ts:1 → src/ui/loss-series (import type): state may not import ui',
      'src/state/planted.ts:2 → src/worker/run (import()): state may not import worker',
      'src/state/sneaky.ts:1 → src/worker/run.ts (new URL): state may not import worker',
      'src/ui/planted.tsx:2 → src/worker/trainer-factory: ui may not import worker',
      'src/ui/tricky.ts:1 → src/worker/run (import type): ui may not import worker',
      "src/ui/tricky.ts:2 → ../worker/*.ts (import.meta.glob): a glob's files cannot be checked; import them by name",
      'src/ui/tricky.ts:3 (import()): a module named by a computed expression cannot be checked; name it with a literal',
      'src/ui/tricky.ts:4 → e2e/helpers: outside every layer (src/ and its rules)',
      'src/ui/uses-fixture.ts:1 → src/engine/__fixtures__/pytorch-vectors: only tests may import test files, fixtures and helpers',
    ]);
  });
});
