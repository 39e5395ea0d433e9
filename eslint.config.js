// ESLint flat config for the whole workspace (`npm run lint` = `eslint . --max-warnings=0`).
// Deliberately non-type-checked: type errors are `npm run typecheck`'s job, and skipping the
// type-aware rules keeps linting a few-second affair.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The handful of Node globals our plain .js/.mjs tooling uses (TS files don't need this:
// typescript-eslint turns `no-undef` off for them because the compiler checks it).
const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  URL: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
};

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    'web/dist/',
    'server/migrations/',
    'data/',
    '**/coverage/',
    'e2e/screenshots/',
    'e2e/.tmp/',
  ]),

  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are intentionally unused (positional args, destructured-away fields).
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
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },

  // Web app: Rules of Hooks + the React Compiler-derived checks. Hooks live in .ts files too
  // (web/src/lib/use*.ts), hence both extensions.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
]);
