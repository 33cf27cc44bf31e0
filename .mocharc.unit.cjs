// The unit suite (`npm run test:unit`): every test/unit/**/*.test.ts, from source through tsx, in
// two workers (one per core of the project's machine).
//
// Mocha hands the files to the workers in list order, so the files that take several seconds come
// first (longest first: neither worker is left finishing a long file alone while the other sits
// idle). In folder order, githubAction.test.ts, packageContents.test.ts and lintBoundaries.test.ts
// (test/unit/*.test.ts) started last. The order is from a serial profile of the suite (CPU seconds
// of each file in its own process, spawned CLI processes included, 2026-12-06; fileWorkers moved after its
// --jobs 2 runs started the bundled worker) on the project's machine. A file named here that no longer exists
// fails the run, so the list cannot silently rot; a new slow file only costs time until it is added.
const { readdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const SLOW_FIRST = [
  'test/unit/hostile/fileSystem.test.ts',
  'test/unit/scanWorker/scanWorker.test.ts',
  'test/unit/webview/renderedTexts.test.ts',
  'test/unit/evidence/workspaceModelScan.test.ts',
  'test/unit/cli-check/fileWorkers.test.ts',
  'test/unit/hostile/parsing.test.ts',
  'test/unit/rules/github-actions/properties.test.ts',
  'test/unit/rules/kubernetes/kubernetesAnalyzer.test.ts',
  'test/unit/githubAction.test.ts',
  'test/unit/rules/dockerfile/linearDetectors.test.ts',
  'test/unit/deployment/deploymentFixtures.test.ts',
  'test/unit/rules/compose/composeAnalyzer.test.ts',
  'test/unit/foundation/regexAudit.test.ts',
  'test/unit/lintBoundaries.test.ts',
  'test/unit/packageContents.test.ts',
  'test/unit/foundation/stageFileProperties.test.ts',
  'test/unit/foundation/setStageProperties.test.ts',
  'test/unit/hostile/terminalOutput.test.ts',
  'test/unit/cli-check/golden.test.ts',
  'test/unit/cli-check/check.test.ts',
  'test/unit/evidence/yamlTopLevelKeys.test.ts',
  'test/unit/rules/dockerfile/properties.test.ts',
  'test/unit/rules/ruleFixtures.test.ts',
  'test/unit/foundation/cli.test.ts',
  'test/unit/rules/gitlab-ci/properties.test.ts',
  'test/unit/deployment/buildDeploymentModel.test.ts',
];

const root = __dirname;
const all = readdirSync(join(root, 'test', 'unit'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) =>
    relative(root, join(root, 'test', 'unit', file))
      .split('\\')
      .join('/'),
  )
  .sort();
const missing = SLOW_FIRST.filter((file) => !all.includes(file));
if (missing.length > 0) throw new Error(`.mocharc.unit.cjs: not a unit test file (any more): ${missing.join(', ')}`);

module.exports = {
  // sharedBundle.ts: the hostile suites' CLI bundle and the file worker beside it, made once for the run (its global fixtures).
  // embeddedShippedData.ts: the workers read the data as the bundles embed it, made once for the run by that fixture.
  require: [
    'tsx/cjs',
    './src/cli/sourceShippedData.ts',
    './test/unit/hostile/sharedBundle.ts',
    './test/unit/support/embeddedShippedData.ts',
  ],
  extension: ['ts'],
  spec: [...SLOW_FIRST, ...all.filter((file) => !SLOW_FIRST.includes(file))].map((file) => join(root, file)),
  timeout: 20000,
  reporter: 'spec',
  parallel: true,
  jobs: 2,
};
