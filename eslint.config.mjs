// One linter for the repository: type-aware rules on TypeScript, the recommended rules on plain JS and Vue.
import js from '@eslint/js';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const miniProgramGlobals = {
  wx: 'readonly',
  App: 'readonly',
  Page: 'readonly',
  Component: 'readonly',
  getApp: 'readonly',
  uni: 'readonly',
  requirePlugin: 'readonly',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'miniprogram_dist/',
      'coverage/',
      'test-artifacts/',
      'data/',
      '**/unpackage/',
      'demo/uni-app/dist/',
      'components/uni/gallery/dist/',
      'demo/miniprogram/miniprogram/miniprogram_npm/',
      // Copies of components/shared made by components/uni/shared-copy.ts; the TypeScript source is linted.
      'components/uni/uni_modules/tidings-chat/common/*.js',
      '!components/uni/uni_modules/tidings-chat/common/util.js',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['components/uni/gallery/vite.config.ts', 'demo/uni-app/vite.config.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An async method that implements a Promise-returning port without awaiting is deliberate: a throw in it
      // becomes a rejection, as callers of the port expect.
      '@typescript-eslint/require-await': 'off',
      // ws hands text frames over as a Buffer (its RawData union also names ArrayBuffer and Buffer[], which a
      // socket in the default binaryType never delivers), and Buffer's toString is the text.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'ArrayBuffer', 'Buffer'] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...miniProgramGlobals } },
  },
  ...vue.configs['flat/essential'].map((config) => ({ ...config, files: ['**/*.vue'] })),
  {
    files: ['**/*.vue'],
    languageOptions: { globals: { ...globals.browser, ...miniProgramGlobals } },
  },
  {
    // uni-app names a page after its route; and its conditional compilation (`// #ifdef H5 … return … // #endif`)
    // leaves code that looks unreachable to a linter reading every branch at once.
    files: ['demo/uni-app/src/**', 'components/uni/gallery/src/**'],
    rules: { 'vue/multi-word-component-names': 'off', 'no-unreachable': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: globals.jest },
    // @types/jest types the asymmetric matchers (expect.any, expect.objectContaining …) as `any`.
    // Tests load built files (dist/, miniprogram_dist/) by computed path with require().
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // miniprogram-simulate and the pages a browser test evaluates have no types: their tests read what they render as any.
    files: ['test/components/**/*.ts', 'test/demo/**/*.ts', 'test/uni/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
);
