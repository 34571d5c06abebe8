// Lint enforces the rooms of house-style.md: who may import what, and no stray console output.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const NODE_IO = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'util', 'stream', 'worker_threads'];
const banned = (names, message) => names.map((name) => ({ group: [name], message }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/support/baseline/dist/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
    },
  },
  {
    // The engine and the contract are pure: time, ids, storage and telephony come through ports.
    files: ['src-main/engine/**/*.ts', 'src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...banned(['electron', 'sip.js', 'better-sqlite3', 'vue', 'pinia', 'ws'], 'The engine and contract are pure: use a port.'),
          ...banned(NODE_IO, 'No Node I/O in the engine or contract: use a port.'),
          ...banned(['**/store/**', '**/transport/**', '**/desktop/**', '**/api/**', '**/host/**'], 'The engine depends on nothing outside itself and the contract.'),
        ],
      }],
    },
  },
  {
    // Adapters depend inward (engine, contract), never on each other.
    files: ['src-main/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: banned(['**/transport/**', '**/desktop/**', '**/api/**', '**/host/**', 'electron'], 'The store is an adapter: it depends only on the engine and the contract.') }] },
  },
  {
    files: ['src-main/transport/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: banned(['**/store/**', '**/desktop/**', '**/api/**', '**/host/**', 'electron'], 'The transport is an adapter: it depends only on the engine and the contract.') }] },
  },
  {
    files: ['src-main/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: banned(['**/store/**', '**/desktop/**', '**/transport/**', 'electron'], 'The API is an adapter: it depends only on the engine and the contract.') }] },
  },
  {
    files: ['src-main/host/**/*.ts', 'src-main/serve.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: banned(['electron', '**/desktop/**'], 'Electron lives only in src-main/desktop, src-main/main.ts and src-main/preload.') }] },
  },
  {
    // The renderer talks to main only through the contract; SIP.js only inside sip/.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    ignores: ['src-renderer/sip/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...banned(['sip.js'], 'Only src-renderer/sip may import sip.js.'),
          ...banned(['electron'], 'The renderer never imports electron: use the bridge.'),
          ...banned(NODE_IO, 'The renderer has no Node.'),
          { regex: 'src-main/(?!contract/)', message: 'The renderer imports only src-main/contract.' },
        ],
      }],
    },
  },
  {
    files: ['src-renderer/sip/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...banned(['electron'], 'The renderer never imports electron: use the bridge.'),
          ...banned(NODE_IO, 'The renderer has no Node.'),
          { regex: 'src-main/(?!contract/)', message: 'The renderer imports only src-main/contract.' },
        ],
      }],
    },
  },
  {
    // No focused tests left behind.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'it', property: 'only', message: 'Remove .only' },
        { object: 'test', property: 'only', message: 'Remove .only' },
        { object: 'describe', property: 'only', message: 'Remove .only' },
      ],
    },
  },
  {
    // Scripts, benchmarks and the loggers print on purpose.
    files: ['scripts/**', 'test/bench/**', 'src-main/host/console-logger.ts', 'test/support/**'],
    rules: { 'no-console': 'off' },
  },
);
