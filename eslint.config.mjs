// Lint TypeScript sources and tests with typescript-eslint's recommended rules, and keep imports flowing the way the
// architecture says (scripts/lint/boundaries.mjs: plugin ↛ gateway, gateway ↛ plugin, contract ↛ anything,
// upstream adapters ↛ domain modules).
import tseslint from 'typescript-eslint';
import opsdeck from './scripts/lint/boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'gateway/dist/**',
      'node_modules/**',
      'tests/artifacts/**',
      'coverage/**',
      '.config/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { opsdeck },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'opsdeck/boundaries': 'error',
    },
  }
);
