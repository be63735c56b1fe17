// npm run lint: typescript-eslint's strict, type-checked rules on src/ and test/, and Prettier
// for layout (.prettierrc.json). A cast (`as`) or a non-null assertion (`!`) stays only where
// the line above says why the type system cannot see what the code knows: an eslint-disable comment
// naming the rule, with the reason after `--` (a disable without one fails, as does one that no
// longer suppresses anything).
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', 'bench/out/', '.stryker-tmp/', 'coverage/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  comments.recommended,
  { rules: { '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }] } },
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
    // A cast stays only where a disable comment says why the type system cannot see what the code
    // knows (`as const` is not a cast, and stays allowed).
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }] },
  },
  {
    // In a test a wrong `!` throws and fails the test, which is what the test is for.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', setInterval: 'readonly' } },
  },
  {
    // bin/ is CommonJS (bin/package.json): Node starts it without its ES module loader.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
  },
);
