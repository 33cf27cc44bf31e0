// Runs in its own session, on a copy of test/fixtures/workspaces/hostile-workspace, which this
// suite turns into a hostile repository before anything scans it: symbolic links back to the
// workspace (`link-self -> .`, `link-again -> .`: 2^40 paths when followed), to `/` and to a
// folder outside the workspace, and FIFOs where readers look. git cannot be trusted to keep
// links and FIFOs, so they are made here, in the throwaway copy. The Stage view is not opened
// before they exist, so the evidence scan's first walk meets them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StageGuideTestApi } from '../../support/stageGuide';
import type { SidebarStageModel } from '../../../../src/shared/messages';
import { stageGuideApi, waitFor, workspaceRoot } from '../../commandsSandbox';
import { sidebarShows } from '../../sidebarSupport';

/** Generous deadlines, only there to turn a hang into a failure: each of these takes about a second. */
const SCAN_DEADLINE_MS = 60_000;
const DIAGNOSTICS_DEADLINE_MS = 20_000;
/** Names of everything that leads out of (or round) the workspace: nothing under them may be read. */
const LINKS = ['link-self', 'link-again', 'link-root', 'link-outside'];

describe('hostile workspace: links and FIFOs cannot hang or leak the editor', function () {
  this.timeout(SCAN_DEADLINE_MS + 30_000);
  let api: StageGuideTestApi;
  let root: vscode.Uri;
  let outside: string;

  before(async () => {
    api = await stageGuideApi();
    root = workspaceRoot();
    const local = root.path; // code-server's files are on this machine: the extension host's path is the folder's.
    // Outside the workspace, beside its copy in the runner's session folder (removed with it even when a hang
    // stops the session before `after`): a service that would show up in findings, facts and Problems if read.
    outside = fs.mkdtempSync(path.join(path.dirname(local), 'outside-'));
    fs.writeFileSync(path.join(outside, '.stage.yml'), 'stage: not-a-stage\n');
    fs.writeFileSync(path.join(outside, 'Dockerfile'), 'FROM node:20\nRUN curl -k https://example.com/install.sh | sh\n');
    fs.writeFileSync(
      path.join(outside, 'deploy.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: outside\nspec:\n  template:\n    spec:\n      containers:\n        - name: outside\n          image: outside:1\n',
    );
    // A Helm chart outside: the host hears of the charts a scan lists (isListedChartFile), never of this one.
    fs.writeFileSync(path.join(outside, 'Chart.yaml'), 'apiVersion: v2\nname: outside\nversion: 0.1.0\n');
    fs.symlinkSync('.', path.join(local, 'link-self'));
    fs.symlinkSync('.', path.join(local, 'link-again'));
    fs.symlinkSync('/', path.join(local, 'link-root'));
    fs.symlinkSync(outside, path.join(local, 'link-outside'));
    // FIFOs where readers look: opening one for reading blocks until a writer comes, which never happens.
    fs.mkdirSync(path.join(local, 'svc-fifo'));
    execFileSync('mkfifo', [
      path.join(local, '.gitignore'),
      path.join(local, 'compose.yaml'),
      path.join(local, 'svc-fifo', '.gitignore'),
      path.join(local, 'svc-fifo', 'package.json'),
    ]);
  });

  after(() => {
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  it('the evidence scan ends, and reads nothing through a link', async () => {
    await vscode.commands.executeCommand('stageGuide.sidebar.focus');
    const model = (await sidebarShows(
      'the evidence, once the view is open',
      (shown) => shown.kind === 'stage' && shown.evidence?.assessed === true,
      SCAN_DEADLINE_MS,
    )) as SidebarStageModel;
    assert.equal(model.evidence?.error, undefined, 'the scan finished without an error');
    const folder = vscode.workspace.workspaceFolders![0];
    const assessment = api.services.evidence.snapshot(folder, `${root.path}/.stage.yml`)?.assessment;
    assert.ok(assessment, 'the service was assessed');
    const seen = JSON.stringify(assessment);
    assert.ok(seen.includes(`${root.path}/Dockerfile`), "the workspace's own Dockerfile was read (the scan did look)");
    for (const link of LINKS) assert.ok(!seen.includes(`/${link}/`), `nothing under ${link}/ in the assessment`);
  });

  it('workspace facts (for config-file rules) walk without following links', async () => {
    // At the root, not in a new folder: the watcher's event for a file created with its folder may be the folder's alone.
    const trigger = vscode.Uri.joinPath(root, 'Chart.yaml');
    // A new Helm chart makes the facts service walk again, now that the links exist.
    await vscode.workspace.fs.writeFile(trigger, new TextEncoder().encode('apiVersion: v2\nname: trigger\nversion: 0.1.0\n'));
    await waitFor(
      async () => {
        await api.services.facts.current();
        return api.services.facts.isListedChartFile(trigger.path);
      },
      { description: 'the facts walk to see Chart.yaml', timeoutMs: SCAN_DEADLINE_MS, pollMs: 200 },
    );
    assert.equal(api.services.facts.isListedChartFile(`${root.path}/link-outside/Chart.yaml`), false);
    assert.equal((await api.services.facts.current()).deploysWithKubernetes, false, 'the Deployment outside the workspace does not count');
  });

  it('the Problems view lists every .stage.yml of the workspace, none through a link', async () => {
    const nested = vscode.Uri.joinPath(root, 'svc', '.stage.yml');
    // A new, invalid .stage.yml: once it has its diagnostics, a full pass (each one walks the whole
    // workspace) ran with the links in place. Opened, so a pass runs even if no file event comes.
    await vscode.workspace.fs.writeFile(nested, new TextEncoder().encode('stage: bogus\n'));
    await vscode.workspace.openTextDocument(nested);
    await waitFor(() => vscode.languages.getDiagnostics(nested).some((diagnostic) => diagnostic.code === 'unknown-stage'), {
      description: 'diagnostics for svc/.stage.yml',
      timeoutMs: SCAN_DEADLINE_MS,
    });
    const linked = vscode.languages
      .getDiagnostics()
      .map(([uri]) => uri.path)
      .filter((uriPath) => LINKS.some((link) => uriPath.includes(`/${link}/`)));
    assert.deepEqual(linked, []);
  });

  describe('a pathological Dockerfile (100 KB of `A${` on a FROM line: a quadratic regex took 90 s on it)', () => {
    const text = `FROM ${'A${'.repeat(33_000)}\nFROM node:20\nRUN curl -k https://example.com/install.sh | sh\n`;
    let uri: vscode.Uri;

    before(async () => {
      uri = vscode.Uri.joinPath(root, 'Dockerfile.hostile');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    });

    it('its diagnostics come back', async () => {
      const started = Date.now();
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor(
        () =>
          vscode.languages
            .getDiagnostics(uri)
            .some((diagnostic) => typeof diagnostic.code === 'object' && diagnostic.code.value === 'docker/tls-verification-disabled'),
        { description: 'the curl -k finding on Dockerfile.hostile', timeoutMs: DIAGNOSTICS_DEADLINE_MS },
      );
      // A regex that blocks the extension host also blocks this test's timers: measure the whole wait.
      const elapsed = Date.now() - started;
      assert.ok(elapsed < DIAGNOSTICS_DEADLINE_MS, `diagnostics took ${elapsed} ms`);
    });

    it('the evidence scan reads it (its base images) and ends', async () => {
      const started = Date.now();
      const folder = vscode.workspace.workspaceFolders![0];
      // The file's creation made the (open) Stage view's service rescan.
      await waitFor(
        () => {
          const snapshot = api.services.evidence.snapshot(folder, `${root.path}/.stage.yml`);
          return snapshot !== undefined && !snapshot.scanning && JSON.stringify(snapshot.assessment ?? {}).includes(uri.path);
        },
        { description: 'an assessment that read Dockerfile.hostile', timeoutMs: SCAN_DEADLINE_MS, pollMs: 200 },
      );
      const elapsed = Date.now() - started;
      assert.ok(elapsed < SCAN_DEADLINE_MS, `the scan took ${elapsed} ms`);
    });
  });
});
