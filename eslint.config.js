import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The pure core must stay free of I/O so it can be tested exhaustively and reused by every entry point.
const ioModules = [
  'fs',
  'fs/*',
  'node:fs',
  'node:fs/*',
  'node:net',
  'node:http',
  'node:https',
  'node:child_process',
  'child_process',
  'http',
  'https',
  'net',
  'node:worker_threads',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-sea/**',
      'node_modules/**',
      'coverage/**',
      '.tmp/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules
            .filter((m) => !m.includes('*'))
            .map((name) => ({ name, message: 'src/core is pure: do I/O in src/adapters.' })),
          patterns: [
            {
              group: ['@actions/*', '@octokit/*', '@sigstore/sign', '@sigstore/tuf', 'node:fs/*', 'fs/*'],
              message: 'src/core is pure: do I/O in src/adapters.',
            },
            {
              group: ['**/adapters/**', '**/app/**', '**/cli/**'],
              message: 'src/core is the innermost layer: it imports only src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases own their ports: adapters implement them, so the dependency points from adapters to app, never back.
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**', '**/cli/**', '../main.js', '../cli.js', '../verify-main.js'],
              message:
                'src/app defines its ports; adapters implement them. Move the type into src/app or src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['__tests__/**/*.ts', 'test-support/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
