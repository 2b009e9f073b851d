// ESLint (flat config): typescript-eslint's type-aware recommended rules for the TypeScript, the
// Rules of Hooks for React, and nothing about layout (Prettier owns that: eslint-config-prettier
// turns off every rule it would fight with). `npm run lint`; part of `npm test` and CI.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      '.gl/',
      '.whl/',
      'public/',
      'bench/results.json',
      'bench/results-node.json',
      'dist-bench-node/',
      'src/engine/__fixtures__/*.json',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // Each file is checked with the types of the tsc -b project that owns it (tsconfig.json's references).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_name` marks a parameter kept for its position; tsc's noUnusedLocals covers the rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // An effect or memo that misses a dependency shows stale state, the bug hardest to see in a
      // live chart; where leaving one out is meant, the line says why in an eslint-disable comment.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/sw/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker, __SW_PRECACHE__: 'readonly' } },
  },
  {
    files: ['**/*.{js,mjs}'],
    ignores: ['src/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
