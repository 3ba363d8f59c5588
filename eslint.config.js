// ESLint: recommended JavaScript and TypeScript rules for every layer, with the globals each
// layer runs with (the layer rule itself is enforced by tests/layers.test.ts).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'catalog/demo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  { files: ['catalog/**', 'electron/**', 'bin/**', 'build/**', 'tests/**', '*.config.*'], languageOptions: { globals: globals.node } },
  { files: ['renderer/src/**'], languageOptions: { globals: globals.browser } },
  { files: ['shared/**'], languageOptions: { globals: {} } },
);
