import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Sandbox, SETTLE_MS, typeInto, waitFor } from './commandsSandbox';

// Terraform in the real editor: `.tf` and `.tfvars` files get diagnostics, hovers and quick fixes like the
// other config files, whether or not an extension gives them the `terraform` language (code-server here has
// none, so they open as plain text), and a file is judged with the rest of its module (variables.tf).

function stageGuideDiagnostics(uri: vscode.Uri): Map<string, vscode.Diagnostic> {
  const byRule = new Map<string, vscode.Diagnostic>();
  for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
    if (diagnostic.source !== 'Stage Guide' || typeof diagnostic.code !== 'object') continue;
    byRule.set(String(diagnostic.code.value), diagnostic);
  }
  return byRule;
}

function describeDiagnostics(uri: vscode.Uri): string {
  return JSON.stringify([...stageGuideDiagnostics(uri)].map(([id, diagnostic]) => [id, diagnostic.severity]));
}

async function waitForDiagnostic(uri: vscode.Uri, ruleId: string, severity: vscode.DiagnosticSeverity): Promise<vscode.Diagnostic> {
  let found: vscode.Diagnostic | undefined;
  await waitFor(
    () => {
      found = stageGuideDiagnostics(uri).get(ruleId);
      return found?.severity === severity;
    },
    { description: `${ruleId} on ${uri.path} with severity ${severity} (now ${describeDiagnostics(uri)})`, timeoutMs: SETTLE_MS },
  );
  return found!;
}

async function waitForNoDiagnostic(uri: vscode.Uri, ruleId: string): Promise<void> {
  await waitFor(() => !stageGuideDiagnostics(uri).has(ruleId), {
    description: `${ruleId} gone from ${uri.path} (now ${describeDiagnostics(uri)})`,
    timeoutMs: SETTLE_MS,
  });
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter(
    (action): action is vscode.CodeAction => 'title' in action && 'edit' in action && action.edit !== undefined,
  );
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : '')))
    .join('\n');
}

describe('config files: Terraform', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await Sandbox.of('terraform-editor');
  });
  afterEach(async () => sandbox?.dispose());

  it('reports a database without encryption at rest on its resource block, as a warning at Production-Ready', async () => {
    const database = sandbox.uri('infra/database.tf');
    await sandbox.open('infra/database.tf');
    const unencrypted = await waitForDiagnostic(database, 'tf/db-encrypted', vscode.DiagnosticSeverity.Warning);
    assert.equal(unencrypted.range.start.line, 1, 'on the resource line, below the comment');
    assert.equal(unencrypted.range.start.character, 0);
    assert.match(unencrypted.message, /aws_db_instance\.orders/);
    const target = unencrypted.code as { value: string; target: vscode.Uri };
    assert.match(target.target.toString(), /\/docs\/rules\/tf\/db-encrypted\.md$/);
    // The backend has locking and the provider is pinned: those rules stay silent.
    assert.equal(stageGuideDiagnostics(database).has('tf/remote-state'), false);
    assert.equal(stageGuideDiagnostics(sandbox.uri('infra/versions.tf')).has('tf/provider-version'), false);
  });

  it('reports a literal secret in a .tfvars file at its value', async () => {
    const values = sandbox.uri('infra/production.tfvars');
    await sandbox.open('infra/production.tfvars');
    const secret = await waitForDiagnostic(values, 'tf/literal-secret', vscode.DiagnosticSeverity.Warning);
    assert.equal(secret.range.start.line, 1);
    assert.equal(secret.range.start.character, 14, 'at the quoted value, not at the name');
  });

  it('hovers the resource with the stage, the Database concern and the rule', async () => {
    const database = sandbox.uri('infra/database.tf');
    await sandbox.open('infra/database.tf');
    await waitForDiagnostic(database, 'tf/db-encrypted', vscode.DiagnosticSeverity.Warning);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', database, new vscode.Position(1, 3));
    const text = hoverText(hovers);
    assert.match(text, /Stage Guide/);
    assert.match(text, /Production\\?-Ready/);
    assert.match(text, /\*\*Database\*\*/);
    assert.match(text, /tf\/db-encrypted/);
    const comment = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      database,
      new vscode.Position(0, 3),
    );
    assert.equal(hoverText(comment).includes('Stage Guide'), false, 'the comment line has no Stage Guide hover');
  });

  it('fixes the missing encryption with one attribute inside the block, keeping the comment, and the finding goes', async () => {
    const database = sandbox.uri('infra/database.tf');
    const editor = await sandbox.open('infra/database.tf');
    const before = editor.document.getText();
    const unencrypted = await waitForDiagnostic(database, 'tf/db-encrypted', vscode.DiagnosticSeverity.Warning);
    const fix = (await quickFixes(database, unencrypted.range)).find((action) => action.isPreferred);
    assert.ok(fix?.edit, 'a preferred quick fix for tf/db-encrypted');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const after = editor.document.getText();
    assert.match(after, /\n {2}storage_encrypted += true\n/);
    assert.equal(after.split('\n').length, before.split('\n').length + 1, 'one line added, nothing else touched');
    assert.equal(editor.document.lineAt(0).text, '# The orders database: one Postgres instance the API writes to.');
    await waitForNoDiagnostic(database, 'tf/db-encrypted');
    // Applied once, the fix is not offered again.
    const again = await quickFixes(database, unencrypted.range);
    assert.equal(
      again.some((action) => action.title === fix.title),
      false,
    );
  });

  it("judges the file with its module: a variable's default in variables.tf decides, and saving a new default clears it", async () => {
    const database = sandbox.uri('infra/database.tf');
    await sandbox.open('infra/database.tf');
    const singleZone = await waitForDiagnostic(database, 'tf/db-high-availability', vscode.DiagnosticSeverity.Warning);
    assert.equal(singleZone.range.start.line, 9, 'at multi_az = var.multi_az');
    const variables = await sandbox.open('infra/variables.tf');
    await typeInto(variables.document, 'default     = false', 'default     = true');
    assert.ok(await variables.document.save());
    await waitForNoDiagnostic(database, 'tf/db-high-availability');
  });

  it('asks the root module for a committed .terraform.lock.hcl, and creating one beside it clears the finding', async () => {
    const versions = sandbox.uri('infra/versions.tf');
    await sandbox.open('infra/versions.tf');
    const unlocked = await waitForDiagnostic(versions, 'tf/lock-file', vscode.DiagnosticSeverity.Warning);
    assert.equal(unlocked.range.start.line, 0, 'on the terraform block that holds the backend');
    assert.match(unlocked.message, /terraform init/);
    // What `terraform init` writes (only its presence is read): the editor's watcher sees it, with no document opened.
    await sandbox.write(
      'infra/.terraform.lock.hcl',
      '# This file is maintained automatically by "terraform init".\n\nprovider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.70.0"\n  constraints = "~> 5.70"\n}\n',
    );
    await waitForNoDiagnostic(versions, 'tf/lock-file');
    // The lock file is no Terraform configuration: nothing is reported in it.
    assert.equal(stageGuideDiagnostics(sandbox.uri('infra/.terraform.lock.hcl')).size, 0);
  });

  it('follows the stage: at MVP the Production-Ready rules are the next step (information), at Prototype they are silent', async () => {
    const database = sandbox.uri('infra/database.tf');
    await sandbox.open('infra/database.tf');
    await waitForDiagnostic(database, 'tf/db-encrypted', vscode.DiagnosticSeverity.Warning);
    const stageFile = await sandbox.open('.stage.yml');
    await typeInto(stageFile.document, 'stage: production', 'stage: mvp');
    const next = await waitForDiagnostic(database, 'tf/db-encrypted', vscode.DiagnosticSeverity.Information);
    assert.match(next.message, /\[next: Production-Ready\]$/);
    await typeInto(stageFile.document, 'stage: mvp', 'stage: prototype');
    await waitForNoDiagnostic(database, 'tf/db-encrypted');
    // A secret in the repository matters from the first prototype.
    await sandbox.open('infra/production.tfvars');
    await waitForDiagnostic(sandbox.uri('infra/production.tfvars'), 'tf/literal-secret', vscode.DiagnosticSeverity.Warning);
  });
});
