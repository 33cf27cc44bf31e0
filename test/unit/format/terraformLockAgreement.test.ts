import * as assert from 'node:assert/strict';
import { scanScope } from '../../../src/core/evidence/assessment/assessService';
import { isTerraformLockName } from '../../../src/core/format/terraform/terraformFile';
import { posixBasename } from '../../../src/core/fileSystem';
import { scopeFactsFor, workspaceModelScan } from '../../../src/core/evidence/assessment/workspaceModelScan';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import type { WorkspaceFacts } from '../../../src/core/rules/types';
import { TreeFileSystem, tree } from '../evidence/support/treeFileSystem';

/**
 * tf/lock-file asks whether `.terraform.lock.hcl` sits beside a root module. The CLI's scan knows it from its
 * walk, the editor from the same scan of the whole workspace (workspaceModelScan, which its facts service runs):
 * the same workspace must get the same answer from both, and neither may read the lock file as Terraform.
 */
const ROOT = '/ws';
const LOCK =
  '# This file is maintained automatically by "terraform init".\n\nprovider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.70.0"\n  constraints = "~> 5.70"\n}\n';
const ROOT_MODULE = (env: string) =>
  `terraform {\n  backend "s3" {\n    bucket       = "acme-state"\n    key          = "${env}.tfstate"\n    region       = "eu-west-1"\n    use_lockfile = true\n  }\n}\n\nprovider "aws" {\n  region = "eu-west-1"\n}\n\nmodule "db" {\n  source = "../../modules/db"\n}\n`;
const LAYOUT: Record<string, string> = {
  'infra/live/prod/main.tf': ROOT_MODULE('prod'),
  'infra/live/prod/.terraform.lock.hcl': LOCK,
  'infra/live/staging/main.tf': ROOT_MODULE('staging'),
  // A called module with a (legacy) provider block, and an example: neither is a root module run for users.
  'infra/modules/db/main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n\nresource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
  'infra/examples/simple/main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n',
};

function lockFindings(
  analyses: ReadonlyArray<{ path: string; findings: ReadonlyArray<{ ruleId: string; range: { start: { line: number } } }> }>,
) {
  return analyses
    .flatMap(({ path, findings }) =>
      findings.filter((finding) => finding.ruleId === 'tf/lock-file').map((f) => `${path}:${f.range.start.line + 1}`),
    )
    .sort();
}

describe('format: Terraform lock files reach tf/lock-file alike from the CLI scan and the editor', () => {
  it('reports the root module without .terraform.lock.hcl, and only it, on both sides', async () => {
    const fs = new TreeFileSystem(tree(ROOT, LAYOUT));
    const scanned = await scanScope(ROOT, undefined, { fs, workspaceRoot: ROOT, today: '2026-01-01' });
    assert.ok(!scanned.analyses.some(({ path }) => isTerraformLockName(posixBasename(path))), 'the scan analysed a lock file');
    const byScan = lockFindings(scanned.analyses.map(({ path, analysis }) => ({ path, findings: analysis.findings })));

    // The editor: its workspace model's scan (WorkspaceFactsService), then each file analysed as an open document.
    const scan = await workspaceModelScan(ROOT, { fs, workspaceRoot: ROOT, today: '2026-01-01' });
    const read = Object.keys(LAYOUT)
      .filter((relative) => !isTerraformLockName(posixBasename(relative)))
      .map((relative) => ({ path: `${ROOT}/${relative}`, text: LAYOUT[relative] }));
    const facts = scopeFactsFor(scan, `${ROOT}/infra/live/staging/main.tf`);
    assert.deepEqual(facts.terraform?.lockFiles, [`${ROOT}/infra/live/prod/.terraform.lock.hcl`]);
    const byEditor = lockFindings(
      read.map(({ path, text }) => ({ path, findings: analyzeFile(path, text, scopeFactsFor(scan, path))?.findings ?? [] })),
    );

    assert.deepEqual(byScan, [`${ROOT}/infra/live/staging/main.tf:1`]);
    assert.deepEqual(byEditor, byScan);
  });

  it('says nothing when the lock files are not known: a file judged alone, or facts without the list', async () => {
    const path = `${ROOT}/infra/live/staging/main.tf`;
    const text = LAYOUT['infra/live/staging/main.tf'];
    const lockFindings = (facts: WorkspaceFacts) =>
      (analyzeFile(path, text, facts)?.findings ?? []).filter((f) => f.ruleId === 'tf/lock-file');
    // What the editor judges an open file by before its first scan, or in Restricted Mode (no scan).
    assert.deepEqual(lockFindings(NO_WORKSPACE_FACTS), []);
    // The scan of a workspace holding only this root module: the list is known (empty), so the missing lock file is a finding.
    const fs = new TreeFileSystem({ [path]: text });
    const scanned = scopeFactsFor(await workspaceModelScan(ROOT, { fs, workspaceRoot: ROOT, today: '2026-01-01' }), path);
    assert.deepEqual(scanned.terraform?.lockFiles, []);
    assert.equal(lockFindings(scanned).length, 1);
    // The same Terraform files without the list (TerraformWorkspace.lockFiles is optional: absent means not known).
    const { lockFiles: _unknown, ...withoutLocks } = scanned.terraform!;
    assert.deepEqual(lockFindings({ ...scanned, terraform: withoutLocks }), []);
  });
});
