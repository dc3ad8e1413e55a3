// ESLint flat config: typescript-eslint with type information (projectService reads tsconfig.json),
// import cycles (import-x + TypeScript resolver) and the folder layering rules.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** `import { z } from 'zod'` pulls every zod locale into the bundle; `import * as z` tree-shakes. Type-only imports are fine. */
const zodNamespaceOnly = {
  selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
  message: "Use `import * as z from 'zod'`: the named `z` export bundles all of zod's locales.",
};

/** Modules that do I/O: shared/domain stays pure. */
const ioModules = [
  '@aws-sdk/*',
  'fs',
  'fs/*',
  'node:fs',
  'node:fs/*',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
];

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.data/',
      'coverage/',
      '.cache/',
      '.scratch*/',
      'web/dist/',
      'test/artifacts/',
      'web/src/api/schema.d.ts',
      'web/src/forms/declaration-validator.js',
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.ts', 'web/**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.cjs', '.mjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Input sanitising deliberately matches control characters (shared/domain/common.ts, documents.ts).
      'no-control-regex': 'off',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // No folder imports upward: domain < store/services < api < functions < infra.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './shared/domain',
              from: ['./shared/store', './shared/services', './functions', './infra'],
              message: 'shared/domain is pure: no store, services or handlers.',
            },
            {
              target: './shared/domain',
              from: './shared/api',
              message: 'shared/domain is below the API contract: shared/api imports the domain, not the reverse.',
            },
            { target: './shared/store', from: ['./shared/services', './shared/api'], message: 'shared/store only knows the domain.' },
            {
              target: './shared/pdf',
              from: ['./shared/store', './shared/services', './shared/api'],
              message: 'shared/pdf renders domain documents: no I/O layers.',
            },
            { target: './shared/api', from: ['./shared/store', './shared/services'], message: 'shared/api is the contract: domain schemas only, no I/O.' },
            { target: './shared', from: ['./functions', './infra'], message: 'shared/ must not import functions/ or infra/.' },
            { target: './functions', from: './infra', message: 'functions/ must not import infra/.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', zodNamespaceOnly],
    },
  },

  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ioModules, message: 'shared/domain is pure: no I/O modules (AWS SDK, fs, child_process, net, http).' }] },
      ],
    },
  },

  {
    // Tests cast deliberately (malformed inputs, partial mocks).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
