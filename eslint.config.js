import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'resources/**',
      'native/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { '@stylistic': stylistic },
    rules: {
      // Prettier lays code out at 120 columns; this catches what it cannot break — a long comment or
      // JSX text. String, template and regular-expression literals stay whole so a message can be
      // found by searching for it.
      '@stylistic/max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // A file is read in one sitting: 300 formatted lines (the schema is one table list, kept whole).
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    ignores: ['src-main/core/db/schema.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // Core is the whole application in plain Node: it must run without Electron and never reach into a shell.
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'src-main/core must not import electron; bind it in src-main/electron instead.',
            },
            {
              group: ['**/electron/**', '**/server/**', '**/cli/**', '**/hosting/**', '**/transport/**'],
              message: 'core does not know its shells.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shared vocabulary is bundled into the page: plain TypeScript only.
    files: ['src-main/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'electron/*', '../*'],
              message: 'src-main/common holds only plain TypeScript of its own.',
            },
          ],
        },
      ],
    },
  },
  {
    // The desktop shell and browser mode never import each other; what both need lives in src-main/transport.
    files: ['src-main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server', '**/server/**'],
              message: 'electron/ must not import server/: move shared code to src-main/transport.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/server/**/*.ts', 'src-main/transport/**/*.ts', 'src-main/hosting/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', '**/electron/**'],
              message: 'Only src-main/electron may use Electron.',
            },
            { group: ['**/server/**'], message: 'server/ is a shell; shared code lives in src-main/transport.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to core only through the typed client: types from src-main, values only from the shared
    // vocabulary.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '!**/src-main/common', '!**/src-main/common/**'],
              allowTypeImports: true,
              message: 'The renderer may import only types from src-main (and the vocabulary in src-main/common).',
            },
          ],
        },
      ],
    },
  },
);
