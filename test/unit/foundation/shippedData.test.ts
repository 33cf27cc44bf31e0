// The bundles carry data/*.yml parsed at build time (scripts/shippedData.mjs → src/core/shippedData.ts),
// so a cold extension host never parses YAML in one long stretch. What they carry must be exactly
// what the source reads, for every file the core loads, and a bundle must not need data/ for it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dataFolderSource } from '../../../src/cli/sourceShippedData';
import { shippedDataFiles } from '../../../src/core/shippedData';

const repoRoot = resolve(__dirname, '..', '..', '..');

interface ShippedDataModule {
  shippedDataPaths(root: string): string[];
  shippedData(root: string): Record<string, unknown>;
  shippedDataDefine(root: string): Record<string, string>;
}

const loadBuildModule = (): Promise<ShippedDataModule> =>
  import(join(repoRoot, 'scripts', 'shippedData.mjs')) as Promise<ShippedDataModule>;

describe('data embedded in the bundles', () => {
  it('covers the matrix, the signals, the tables and every rules file the core loads', async () => {
    const { shippedDataPaths } = await loadBuildModule();
    const rules = readdirSync(join(repoRoot, 'data', 'rules'))
      .filter((name) => name.endsWith('.yml'))
      .sort();
    assert.deepEqual(shippedDataPaths(repoRoot), [
      'matrix.yml',
      'signals.yml',
      'deployment.yml',
      'end-of-life.yml',
      'github-actions-deprecated.yml',
      'kubernetes-apis.yml',
      'terraform-registry-modules.yml',
      ...rules.map((name) => `rules/${name}`),
    ]);
    assert.deepEqual(shippedDataFiles('rules'), rules);
  });

  it('is what the source reads from data/, file by file', async () => {
    const { shippedData, shippedDataDefine } = await loadBuildModule();
    const embedded = shippedData(repoRoot);
    // data/ read and parsed here (the unit run's workers are given the embedded form: test/unit/support/embeddedShippedData.ts).
    for (const [relative, value] of Object.entries(embedded)) assert.deepEqual(value, dataFolderSource.read(relative), relative);
    // The define is an object literal: per file, a string holding that file's JSON (parsed only when read).
    const sources = JSON.parse(shippedDataDefine(repoRoot).__STAGE_GUIDE_SHIPPED_DATA__) as Record<string, string>;
    assert.deepEqual(Object.keys(sources).sort(), Object.keys(embedded).sort());
    for (const [relative, json] of Object.entries(sources)) assert.deepEqual(JSON.parse(json), embedded[relative], relative);
  });

  it('lets the built CLI run with no data/ folder anywhere above it', function () {
    this.timeout(20_000);
    const cli = join(repoRoot, 'dist', 'cli.js');
    assert.ok(existsSync(cli), 'run `npm run build` first: dist/cli.js is missing');
    const alone = mkdtempSync(join(tmpdir(), 'stage-guide-bundle-'));
    try {
      copyFileSync(cli, join(alone, 'cli.js'));
      const run = spawnSync(
        process.execPath,
        [join(alone, 'cli.js'), 'check', join(repoRoot, 'examples', 'node-service-mvp'), '--format', 'json', '--fail-on', 'none'],
        { cwd: alone, encoding: 'utf8' },
      );
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { services: Array<{ concerns: unknown[]; findings: unknown[] }> };
      assert.equal(report.services[0].concerns.length, 12);
      assert.ok(report.services[0].findings.length > 0);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
