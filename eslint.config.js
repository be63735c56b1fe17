// npm run lint: typescript-eslint's strict, type-checked rules on src/ and test/, and Prettier
// for layout (.prettierrc.json). A cast (`as`) or a non-null assertion (`!`) stays only where
// the line above says why the type system cannot see what the code knows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', 'bench/out/', '.stryker-tmp/', 'coverage/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers in messages are the point of many template strings ("line 14, column 3").
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(s) => writeStdout(s)`: an arrow's one expression, whatever it returns, reads plainly.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // In a test a wrong `!` throws and fails the test, which is what the test is for.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
