// Paths shared by the two in-host runners (code-server and VS Code desktop).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The extension under test: the repository itself (package.json + dist/extension.js). */
export const extensionDevelopmentPath = repoRoot;

/** The bundled run() entry, built by `npm run build:tests`. */
export const extensionTestsPath = path.join(repoRoot, 'dist-test', 'integration', 'index.js');

/** The workspace the suite runs in; STAGE_GUIDE_TEST_WORKSPACE names another fixture folder. */
export const testWorkspace = path.join(
  repoRoot,
  'test',
  'fixtures',
  'workspaces',
  process.env.STAGE_GUIDE_TEST_WORKSPACE ?? 'mvp-service',
);

/** Fails early, with the command to run, when the bundles the editor loads are missing. */
export function assertBuilt(): void {
  for (const file of [path.join(repoRoot, 'dist', 'extension.js'), extensionTestsPath]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run "npm run build:tests" first`);
  }
  if (!fs.existsSync(testWorkspace)) throw new Error(`test workspace ${testWorkspace} does not exist`);
}
