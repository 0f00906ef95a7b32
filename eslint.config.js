import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which layer may import what: the architecture, enforced on every run. */
const noElectron = {
  name: 'electron',
  message:
    'Only electron/main and electron/preload may import electron (the engine and renderer must run without it).',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['electron/station/**/*.ts', 'electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, { name: 'react', message: 'The engine never imports React.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser.' },
            {
              group: ['**/station/**'],
              message: 'The renderer reaches the engine only through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'native/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
