// The .vsix a user downloads: built for real (`vsce package`), installed with
// `code-server --install-extension` into a throwaway extensions folder, and opened in the
// workbench. Everything the extension shows must then come from that installed copy.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openStageGuideSidebar, renderedText } from '../ui/sidebarPage';
import { openWorkbench, repoRoot, UI_STEP_TIMEOUT_MS, WORKBENCH_LOAD_TIMEOUT_MS } from '../ui/support/workbench';
import type { Workbench } from '../ui/support/workbench';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  version: string;
};
const extensionId = `${manifest.publisher}.${manifest.name}`;

/** Builds the bundles and packages them exactly as `npm run package` does, into `outDir`. */
function packageVsix(outDir: string): string {
  const vsix = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  for (const [command, args] of [
    [process.execPath, ['scripts/build.mjs']],
    [path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix]],
  ] as const) {
    const run = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', timeout: 180_000 });
    assert.equal(run.status, 0, `${path.basename(command)} ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  }
  return vsix;
}

/** Every file under `dir`, relative, with '/' separators. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((relative) => relative.split(path.sep).join('/'))
    .filter((relative) => fs.lstatSync(path.join(dir, relative)).isFile())
    .sort();
}

describe('the packaged .vsix, installed with code-server --install-extension', function () {
  this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 3);
  let outDir: string;
  let workbench: Workbench;
  let installed: string;

  before(async function () {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-vsix-'));
    const vsix = packageVsix(outDir);
    workbench = await openWorkbench({ vsix });
    installed = path.join(workbench.server.extensionsDir, `${extensionId}-${manifest.version}`);
  });

  after(async function () {
    await workbench?.close();
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('unpacks a real copy of the extension: its bundle, no CLI bundle, no source maps, no data YAML', () => {
    assert.ok(fs.existsSync(installed), `${installed} exists`);
    assert.equal(fs.lstatSync(installed).isSymbolicLink(), false, 'the installed folder is a copy, not a link to the repository');
    const files = listFiles(installed);
    assert.ok(files.includes('dist/extension.js'), files.join('\n'));
    assert.ok(files.includes('dist/scanWorker.js'), 'the scan worker the extension starts beside its bundle');
    assert.ok(files.includes('data/stage.schema.json'), 'the schema yamlValidation points to');
    assert.deepEqual(
      files.filter((file) => file === 'dist/cli.js' || file.endsWith('.map') || /^data\/.*\.yml$/.test(file)),
      [],
    );
    assert.equal(
      files.some((file) => fs.lstatSync(path.join(installed, file)).isSymbolicLink()),
      false,
    );
  });

  it('activates from the installed copy: the activity bar icon comes from it and the Stage view renders', async () => {
    const { page } = workbench;
    const icon = page.locator('.part.activitybar li[role="tab"] > a.action-label[aria-label="Stage Guide"]');
    await icon.waitFor({ state: 'visible', timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    const mask = decodeURIComponent(
      await icon.evaluate((element) => getComputedStyle(element).maskImage || getComputedStyle(element).webkitMaskImage),
    );
    assert.ok(mask.includes(`${installed}/media/stage-guide.svg`), `the icon is served from the installed folder: ${mask}`);
    assert.equal(mask.includes(`${repoRoot}/media`), false, 'not from the source tree');

    // The sidebar's content is rendered by the installed bundle's webview and model.
    const frame = await openStageGuideSidebar(page);
    const text = await renderedText(frame);
    assert.match(text, /MVP/, text);
    assert.ok(await frame.locator('#root').isVisible({ timeout: UI_STEP_TIMEOUT_MS }));
  });
});
