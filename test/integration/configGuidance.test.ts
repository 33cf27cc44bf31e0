import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Sandbox, SETTLE_MS, stageGuideApi, typeInto, waitFor } from './commandsSandbox';
import { codeActions, hoverText, stageGuideDiagnostics, waitForDiagnostic, waitForNoDiagnostic } from './support/configDiagnostics';

describe('config files: stage-aware diagnostics, hovers and code actions', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await Sandbox.of('guidance-service');
  });
  afterEach(async () => sandbox?.dispose());

  it('reports what the stage asks as warnings, the next stage as information, and nothing further ahead', async () => {
    const dockerfile = sandbox.uri('Dockerfile');
    await sandbox.open('Dockerfile');
    const latest = await waitForDiagnostic(dockerfile, 'docker/base-image-tag', vscode.DiagnosticSeverity.Warning);
    assert.equal(latest.range.start.line, 0);
    assert.match(latest.message, /\[MVP\]$/);
    const target = latest.code as { value: string; target: vscode.Uri };
    assert.match(target.target.toString(), /\/docs\/rules\/docker\/base-image-tag\.md$/);
    await waitForDiagnostic(dockerfile, 'docker/add-instead-of-copy', vscode.DiagnosticSeverity.Warning);
    const root = await waitForDiagnostic(dockerfile, 'docker/non-root-user', vscode.DiagnosticSeverity.Information);
    assert.match(root.message, /\[next: Production-Ready\]$/);
    // Enterprise asks for digests; an MVP is not told about it in the Problems panel.
    assert.equal(stageGuideDiagnostics(dockerfile).has('docker/base-image-digest'), false);

    const workflow = sandbox.uri('.github/workflows/ci.yml');
    await sandbox.open('.github/workflows/ci.yml');
    await waitForDiagnostic(workflow, 'gha/top-level-permissions', vscode.DiagnosticSeverity.Warning);
    await waitForDiagnostic(workflow, 'gha/checkout-persist-credentials', vscode.DiagnosticSeverity.Information);
  });

  it('gives the same file other severities when .stage.yml changes, without saving it', async () => {
    const dockerfile = sandbox.uri('Dockerfile');
    await sandbox.open('Dockerfile');
    await waitForDiagnostic(dockerfile, 'docker/non-root-user', vscode.DiagnosticSeverity.Information);
    const stageFile = await sandbox.open('.stage.yml');
    await typeInto(stageFile.document, 'stage: mvp', 'stage: production');
    await waitForDiagnostic(dockerfile, 'docker/non-root-user', vscode.DiagnosticSeverity.Warning);
    // The next stage is now At Scale: the digest rule (Enterprise) is still silent.
    assert.equal(stageGuideDiagnostics(dockerfile).has('docker/base-image-digest'), false);
    await typeInto(stageFile.document, 'stage: production', 'stage: prototype');
    await waitForNoDiagnostic(dockerfile, 'docker/non-root-user');
    await waitForDiagnostic(dockerfile, 'docker/base-image-tag', vscode.DiagnosticSeverity.Information);
  });

  it('hovers FROM with the stage, the concern at this stage and the next, and the findings; plain lines get none', async () => {
    await sandbox.open('Dockerfile');
    const dockerfile = sandbox.uri('Dockerfile');
    await waitForDiagnostic(dockerfile, 'docker/base-image-tag');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      dockerfile,
      new vscode.Position(0, 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /Stage Guide/);
    assert.match(text, /Minimum Viable Product \\\(MVP\\\)|Minimum Viable Product \(MVP\)/);
    assert.match(text, /docker\/base-image-tag/);
    const blank = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      dockerfile,
      new vscode.Position(4, 0),
    );
    assert.equal(hoverText(blank).includes('Stage Guide'), false, 'a blank line has no Stage Guide hover');
  });

  it('offers the fix as the preferred quick fix, and applying it removes the finding', async () => {
    const dockerfile = sandbox.uri('Dockerfile');
    const editor = await sandbox.open('Dockerfile');
    const diagnostic = await waitForDiagnostic(dockerfile, 'docker/add-instead-of-copy');
    const actions = await codeActions(dockerfile, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(diagnostic.range.start.line).text, 'COPY src ./src');
    await waitForNoDiagnostic(dockerfile, 'docker/add-instead-of-copy');
    assert.equal(editor.document.lineAt(5).text, '# The app itself', 'the comment above is kept');
  });

  it('ignores a rule on one line with an inline comment', async () => {
    const dockerfile = sandbox.uri('Dockerfile');
    const editor = await sandbox.open('Dockerfile');
    const diagnostic = await waitForDiagnostic(dockerfile, 'docker/base-image-tag');
    const actions = await codeActions(dockerfile, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((action) => action.title === 'Ignore docker/base-image-tag on this line');
    assert.ok(ignore?.edit, `an ignore action among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(editor.document.lineAt(0).text, '# stage-guide: ignore docker/base-image-tag');
    assert.equal(editor.document.lineAt(1).text, 'FROM node:latest');
    await waitForNoDiagnostic(dockerfile, 'docker/base-image-tag');
  });

  it('waives a rule in .stage.yml, keeping its comment, and the finding goes away', async () => {
    const dockerfile = sandbox.uri('Dockerfile');
    await sandbox.open('Dockerfile');
    const diagnostic = await waitForDiagnostic(dockerfile, 'docker/add-instead-of-copy');
    const actions = await codeActions(dockerfile, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const waive = actions.find((action) => action.title === 'Waive docker/add-instead-of-copy in .stage.yml');
    assert.ok(waive?.edit, `a waive action among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(waive.edit));
    const stageFile = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === sandbox.uri('.stage.yml').toString());
    assert.ok(stageFile, '.stage.yml is open with the waiver');
    const text = stageFile.getText();
    assert.ok(text.startsWith('# The service is an MVP; we move towards production next.\nstage: mvp\n'), text);
    assert.match(
      text,
      /waivers:\n {2}- rule: docker\/add-instead-of-copy\n {4}paths: \["Dockerfile"\]\n {4}reason: "TODO: why this is acceptable at our stage"\n {4}until: \d{4}-\d{2}-\d{2}\n/,
    );
    await waitForNoDiagnostic(dockerfile, 'docker/add-instead-of-copy');
  });

  it('fixes every finding of a file with the source action, and a second run has nothing left to do', async () => {
    const workflow = sandbox.uri('.github/workflows/ci.yml');
    const editor = await sandbox.open('.github/workflows/ci.yml');
    await waitForDiagnostic(workflow, 'gha/top-level-permissions');
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const [fixAll] = await codeActions(workflow, whole, 'source.fixAll.stageGuide');
    assert.ok(fixAll?.edit, 'a fix-all source action');
    assert.match(fixAll.title, /^Fix all Stage Guide findings in this file/);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.match(editor.document.getText(), /permissions:\n {2}contents: read/);
    await waitForNoDiagnostic(workflow, 'gha/top-level-permissions');
    // Findings due at this stage were all fixable here; nothing is left for a second pass.
    const again = await codeActions(workflow, whole, 'source.fixAll.stageGuide');
    assert.deepEqual(
      again.map((a) => a.title),
      [],
    );
  });
});

describe('config files: Helm chart templates', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await Sandbox.of('helm-chart');
  });
  afterEach(async () => sandbox?.dispose());

  it("skips a file under a chart's templates/ (as the CLI does), and checks the same manifest elsewhere", async () => {
    const api = await stageGuideApi();
    assert.ok(api.guidance, 'the extension exposes its config-file guidance');
    const manifest = sandbox.uri('deploy/deployment.yaml');
    await sandbox.open('deploy/deployment.yaml');
    await waitForDiagnostic(manifest, 'k8s/image-tag', vscode.DiagnosticSeverity.Warning);

    const template = await sandbox.open('chart/templates/deployment.yaml');
    const guidance = api.guidance;
    // The chart appeared on disk after the workspace's YAML was first listed: its rescan is debounced.
    await waitFor(async () => (await guidance.guidanceFor(template.document)) === undefined, {
      description: 'the template to be recognised as Helm',
      timeoutMs: SETTLE_MS,
    });
    await waitFor(() => stageGuideDiagnostics(template.document.uri).size === 0, {
      description: 'no Stage Guide diagnostics on the template',
      timeoutMs: SETTLE_MS,
    });
    assert.ok(await guidance.guidanceFor(await vscode.workspace.openTextDocument(manifest)), 'the plain manifest is still analysed');
  });
});
