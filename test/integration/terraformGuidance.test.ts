import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Sandbox, typeInto } from './commandsSandbox';
import { codeActions, hoverText, stageGuideDiagnostics, waitForDiagnostic, waitForNoDiagnostic } from './support/configDiagnostics';

// Terraform in the real editor: `.tf` and `.tfvars` files get diagnostics, hovers and quick fixes like the
// other config files, whether or not an extension gives them the `terraform` language (code-server here has
// none, so they open as plain text), and a file is judged with the rest of its module (variables.tf).

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
    const fix = (await codeActions(database, unencrypted.range, vscode.CodeActionKind.QuickFix.value)).find((action) => action.isPreferred);
    assert.ok(fix?.edit, 'a preferred quick fix for tf/db-encrypted');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const after = editor.document.getText();
    assert.match(after, /\n {2}storage_encrypted += true\n/);
    assert.equal(after.split('\n').length, before.split('\n').length + 1, 'one line added, nothing else touched');
    assert.equal(editor.document.lineAt(0).text, '# The orders database: one Postgres instance the API writes to.');
    await waitForNoDiagnostic(database, 'tf/db-encrypted');
    // Applied once, the fix is not offered again.
    const again = await codeActions(database, unencrypted.range, vscode.CodeActionKind.QuickFix.value);
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
