// The linter: typescript-eslint's recommended rules (syntax only, no type information, so it stays
// fast) and the import boundaries of docs/architecture.md ("Layers and who may import whom"), one
// block per folder. test/unit/lintBoundaries.test.ts lints a forbidden import per rule through this
// file, so a boundary cannot silently stop being checked. Import cycles are found by
// test/unit/architectureBoundary.test.ts over the TypeScript import graph.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Every node built-in, as `fs` and as `node:fs`. */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_')).flatMap((name) => [name, `node:${name}`]);

const noVscode = { name: 'vscode', message: 'Only src/extension talks to VS Code.' };
const noNode = NODE_BUILTINS.map((name) => ({
  name,
  message: 'No node built-ins here: this code also runs where node is not the platform (take a CoreFileSystem or data from the adapter).',
}));

/** A relative import that reaches into the `folder` layer of src/ (e.g. `../extension/x`, `../../cli`). */
const into = (folder, message) => ({ regex: `^\\.{1,2}/(?:\\.\\./)*${folder}(?:/|$)`, message });

/** The `no-restricted-imports` rule for one folder. */
const restrict = ({ paths = [], patterns = [] }) => ({ '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] });

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-test/**',
      'action/dist/**',
      'node_modules/**',
      '.vscode-test/**',
      '.tsbuild/**',
      'test/fixtures/**',
      'examples/**',
      'out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // The type-check reports unused locals, imports and parameters in TypeScript (noUnusedLocals,
      // noUnusedParameters in tsconfig.base.json), in a fraction of what this rule cost the lint (a third of
      // its rules' time); it stays on for the JavaScript files, which no type-check reads.
      '@typescript-eslint/no-unused-vars': 'off',
      // Off: where a regex names control characters, matching them is its job (ANSI escapes in
      // terminal output, C0 characters stripped from file text before it is shown).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Off in tests: they reach into parsed YAML documents by path (`doc.spec.template...`), where a
      // typed walk would only hide the path under test.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    // CommonJS config files (mocha's .mocharc.unit.cjs): loaded with require(), so they require too.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The vscode-free, node-free decision engine.
    files: ['src/core/**/*.ts'],
    rules: restrict({
      paths: [noVscode, ...noNode],
      patterns: [
        into('extension', 'The core never imports the extension.'),
        into('cli', 'The core never imports the CLI.'),
        into('webview', 'The core never imports the webviews.'),
        into('shared', 'The core never imports src/shared (the webview protocol): the adapters map core results to it.'),
      ],
    }),
  },
  {
    // The host/webview protocol, loaded on both sides.
    files: ['src/shared/**/*.ts'],
    rules: restrict({
      paths: [noVscode, ...noNode],
      patterns: [
        into('extension', 'src/shared never imports the extension.'),
        into('cli', 'src/shared never imports the CLI.'),
        into('webview', 'src/shared never imports the webviews.'),
        // Types from the core are free (erased); of its code only plural.ts, which imports nothing, is bundled into the webviews.
        {
          regex: '^\\.\\./core/(?!plural$)',
          allowTypeImports: true,
          message: 'src/shared takes only types from the core (and core/plural.ts, import-free): it is bundled into the webviews.',
        },
      ],
    }),
  },
  {
    // Browser code in the webviews.
    files: ['src/webview/**/*.ts'],
    rules: restrict({
      paths: [noVscode, ...noNode],
      patterns: [
        into('extension', 'The webviews talk to the extension through typed messages (src/shared/messages.ts) only.'),
        into('cli', 'The webviews never import the CLI.'),
        into('core', 'The webviews never import the core: the extension sends them view models.'),
      ],
    }),
  },
  {
    // Node adapters shared by the CLI and the extension host's workers (the guarded file read): node, never vscode.
    files: ['src/node/**/*.ts'],
    rules: restrict({
      paths: [noVscode],
      patterns: [
        into('extension', 'src/node never imports the extension: the extension imports it.'),
        into('cli', 'src/node never imports the CLI: the CLI imports it.'),
        into('webview', 'src/node never imports webview code.'),
        into('shared', 'src/node never imports src/shared (the webview protocol).'),
      ],
    }),
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: restrict({
      patterns: [
        into('cli', 'The extension never imports the CLI: shared behaviour belongs in the core.'),
        into('webview', 'The extension never imports webview code: they share src/shared/messages.ts.'),
      ],
    }),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict({
      paths: [noVscode],
      patterns: [
        into('extension', 'The CLI never imports the extension: shared behaviour belongs in the core.'),
        into('webview', 'The CLI never imports webview code.'),
      ],
    }),
  },
);
