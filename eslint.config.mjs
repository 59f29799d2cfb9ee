// One linter for the repository: type-aware rules on TypeScript, the recommended rules on plain JS and Vue.
import js from '@eslint/js';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const miniProgramGlobals = { wx: 'readonly', App: 'readonly', Page: 'readonly', Component: 'readonly', getApp: 'readonly', uni: 'readonly', requirePlugin: 'readonly' };

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
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
    files: ['test/**/*.ts'],
    languageOptions: { globals: globals.jest },
  },
);
