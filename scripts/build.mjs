#!/usr/bin/env node
// Bundles the extension, the CLI, the webview scripts and (with --tests) the in-host
// integration tests with esbuild.
//
//   node scripts/build.mjs            product bundles into dist/
//   node scripts/build.mjs --tests    product bundles, plus dist-test/integration/
//   node scripts/build.mjs --watch    rebuild on change (combine with --tests if wanted)
//   node scripts/build.mjs --action   only the GitHub Action's bundle, action/dist/index.js (committed)
//   node scripts/build.mjs --check-action   exit 1 when the committed action bundle is stale
//
// Product bundles are minified; their source maps stay in dist/ (the .vsix and the npm
// package leave them out).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedDataDefine } from './shippedData.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const withTests = args.has('--tests');
const actionOnly = args.has('--action') || args.has('--check-action');

const fromRoot = (...parts) => path.join(root, ...parts);
const exists = (relative) => fs.existsSync(fromRoot(relative));

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'info',
  absWorkingDir: root,
};

// Shipped bundles: minified (names kept, so stack traces and error names still read), maps beside them.
const product = { minify: true, keepNames: true };

// The node bundles carry data/*.yml already parsed (a rebuild picks up data changes; --watch does not).
// The CLI's --version and SARIF driver.version come from package.json (src/cli/version.ts reads it when run from source).
const packageVersion = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')).version;
const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { ...shippedDataDefine(root), STAGE_GUIDE_VERSION: JSON.stringify(packageVersion) },
};

/**
 * The GitHub Action (action.yml runs it with the runner's Node 20): one self-contained file,
 * committed because an action's consumers get the repository, not a build. No source map and
 * no absolute paths in it, so the same sources always give the same bytes (a unit test
 * rebuilds it and compares).
 */
const ACTION_OUTFILE = 'action/dist/index.js';
const actionConfig = {
  ...nodeCommon,
  ...product,
  sourcemap: false,
  logLevel: 'warning',
  entryPoints: ['src/cli/githubAction/main.ts'],
  outfile: ACTION_OUTFILE,
};

/** Every build this run should do, as esbuild option objects. */
function buildConfigs() {
  if (actionOnly) return [actionConfig];
  const configs = [
    {
      ...nodeCommon,
      ...product,
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
    },
    // The editor's scan worker thread: dist/extension.js starts it from beside itself (src/extension/scanWorker/).
    {
      ...nodeCommon,
      ...product,
      entryPoints: ['src/extension/scanWorker/workerMain.ts'],
      outfile: 'dist/scanWorker.js',
    },
  ];
  if (exists('src/cli/main.ts')) {
    configs.push({
      ...nodeCommon,
      ...product,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
    });
    // The CLI's file worker threads: dist/cli.js starts it from beside itself (src/cli/fileWorkers/workerPool.ts).
    configs.push({
      ...nodeCommon,
      ...product,
      entryPoints: ['src/cli/fileWorkers/workerMain.ts'],
      outfile: 'dist/fileWorker.js',
    });
  }
  const webviewEntries = topLevelTsFiles('src/webview');
  if (webviewEntries.length > 0) {
    configs.push({
      ...common,
      ...product,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      entryPoints: webviewEntries,
      outdir: 'dist/webview',
    });
  }
  if (withTests) configs.push(integrationTestConfig());
  return configs;
}

/**
 * One output file per test file plus the `run()` index: the index finds the built
 * `*.test.js` files next to it at run time, so a suite added anywhere under
 * test/integration/ is bundled and run without touching a list. `vscode` comes from the
 * extension host; `mocha` is required from node_modules (mocha 11, CommonJS).
 */
function integrationTestConfig() {
  const testFiles = listFiles('test/integration').filter((file) => file.endsWith('.test.ts'));
  return {
    ...nodeCommon,
    entryPoints: ['test/integration/index.ts', ...testFiles],
    outbase: 'test/integration',
    outdir: 'dist-test/integration',
    external: ['vscode', 'mocha'],
  };
}

function topLevelTsFiles(dir) {
  if (!exists(dir)) return [];
  return fs
    .readdirSync(fromRoot(dir), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.posix.join(dir, entry.name))
    .sort();
}

function listFiles(dir) {
  if (!exists(dir)) return [];
  return fs
    .readdirSync(fromRoot(dir), { recursive: true })
    .map((relative) => path.posix.join(dir, relative.split(path.sep).join('/')))
    .filter((file) => fs.statSync(fromRoot(file)).isFile())
    .sort();
}

/**
 * The webviews load codicons from next to their bundles, so `dist/webview` stays the only
 * code folder in their localResourceRoots (and in the .vsix allowlist).
 */
function copyCodicons() {
  if (topLevelTsFiles('src/webview').length === 0) return;
  const target = fromRoot('dist/webview/codicons');
  fs.mkdirSync(target, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(fromRoot('node_modules/@vscode/codicons/dist', file), path.join(target, file));
  }
}

/** Builds the action bundle in memory and compares it with the committed file. */
async function checkActionBundle() {
  const result = await esbuild.build({ ...actionConfig, write: false });
  const built = result.outputFiles[0].contents;
  const committed = exists(ACTION_OUTFILE) ? fs.readFileSync(fromRoot(ACTION_OUTFILE)) : undefined;
  if (committed && Buffer.compare(Buffer.from(built), committed) === 0) {
    console.log(`${ACTION_OUTFILE} is up to date`);
    return;
  }
  console.error(`${ACTION_OUTFILE} is ${committed ? 'stale' : 'missing'}: run \`npm run build:action\` and commit it`);
  process.exitCode = 1;
}

async function main() {
  if (args.has('--check-action')) return checkActionBundle();
  const configs = buildConfigs();
  if (withTests) fs.rmSync(fromRoot('dist-test'), { recursive: true, force: true });
  if (!actionOnly) copyCodicons();
  if (watch) {
    for (const config of configs) {
      const context = await esbuild.context(config);
      await context.watch();
    }
    console.log('watching for changes (Ctrl-C to stop)');
    return;
  }
  await Promise.all(configs.map((config) => esbuild.build(config)));
}

main().catch((error) => {
  // esbuild has already printed the details of build errors.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
