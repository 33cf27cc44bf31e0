import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');

/** What may ship in the .vsix: the extension bundle, the webviews, the schema, media, and the package's own documents. */
const ALLOWED = [
  /^package\.json$/,
  /^package\.nls(\.[a-z-]+)?\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^dist\/extension\.js$/,
  // The editor's scan worker thread, started from beside dist/extension.js.
  /^dist\/scanWorker\.js$/,
  /^dist\/webview\/[\w-]+\.js$/,
  /^dist\/webview\/codicons\/codicon\.(css|ttf)$/,
  /^data\/stage\.schema\.json$/,
  /^media\/[\w.-]+\.(svg|png|css)$/,
  /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
];

describe('the .vsix contents (.vscodeignore is an allowlist)', function () {
  this.timeout(120_000);

  it('carries the extension bundle, webviews, schema, media/, README, LICENSE and CHANGELOG — and nothing else', function () {
    // `vsce ls` lists exactly what `vsce package` would put in the .vsix; it needs the build (npm test builds first).
    assert.ok(existsSync(join(repoRoot, 'dist', 'extension.js')), 'run `npm run build` first: dist/extension.js is missing');
    const run = spawnSync(join(repoRoot, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const files = run.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    assert.deepEqual(
      files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file))),
      [],
      'files outside the allowlist',
    );
    for (const required of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/extension.js',
      'dist/scanWorker.js',
      'dist/webview/sidebar.js',
      'data/stage.schema.json',
      'media/stage-guide.svg',
      'media/icon.png',
    ]) {
      assert.ok(files.includes(required), `${required} is in the package`);
    }
    // The CLI ships as the npm package; the bundle embeds data/*.yml parsed; maps stay in dist/.
    assert.deepEqual(
      files.filter((file) => file === 'dist/cli.js' || file.endsWith('.map') || /^data\/.*\.yml$/.test(file)),
      [],
      'no CLI bundle, source map or data YAML',
    );
    assert.equal(
      files.some((file) => /^(src|test|node_modules|scripts|examples|action)\//.test(file)),
      false,
    );
  });
});
