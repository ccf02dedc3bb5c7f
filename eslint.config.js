// ESLint flat config for the whole monorepo: `npm run lint` runs it with Prettier.
// Rules are either errors or off — no warnings — so a clean run is silent and CI exits 0 only on clean code.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['**/dist/', '**/node_modules/', '**/coverage/', '**/test-results/', '.relay-data/', '**/.relay-data/', 'bench/.work/']),

  js.configs.recommended,
  // Syntax-only rules (no type information) to keep the lint step fast.
  tseslint.configs.recommended,

  {
    name: 'relay/all',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  {
    name: 'relay/node',
    // Everything but the browser bundle runs on Node, including each workspace's top-level config files.
    files: ['server/**', 'e2e/**', 'scripts/**', 'bench/**', '*.{js,mjs,cjs,ts}', '*/*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },

  {
    name: 'relay/browser',
    files: ['client/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    // Functions the bench passes to page.evaluate / addInitScript run in Chromium.
    name: 'relay/bench-browser',
    files: ['bench/figures/browser.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    name: 'relay/jest',
    files: ['**/*.spec.{ts,tsx}', '**/*.test.{ts,tsx}', '**/test/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.jest } },
  },

  {
    // Hooks may live in .ts files (custom hooks) as well as components.
    name: 'relay/react-hooks',
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
]);
