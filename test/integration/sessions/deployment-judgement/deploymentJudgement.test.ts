// Runs in its own session, on a copy of test/fixtures/workspaces/deployment-judgement: services
// laid out like real projects (compose overlays used by a deploy workflow; kustomize base, overlay,
// patch and an Argo CD app; test compose files and images with CI builds of a target stage; a GitLab
// pipeline whose jobs live in files named freely, opened as GitLab CI because it includes them). Each
// service's expectations.yml says what must be reported and what must not; the CLI asserts the same
// file (test/unit/deployment/deploymentFixtures.test.ts), so the editor and the CLI agree.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { StageGuideTestApi } from '../../support/stageGuide';
import { SETTLE_MS, stageGuideApi, waitFor, workspaceRoot } from '../../commandsSandbox';

/** The editor reads the whole workspace first (the model behind every judgement): generous, only there to turn a hang into a failure. */
const MODEL_DEADLINE_MS = 40_000;

interface Expectation {
  ruleId: string;
  file: string;
  /** Zero-based. */
  line: number;
}

function expectationsOf(text: string): { findings: Expectation[]; silences: Expectation[] } {
  const raw = parse(text) as { findings?: string[]; silences?: string[] };
  const read = (entry: string): Expectation => {
    const space = entry.indexOf(' ');
    const colon = entry.lastIndexOf(':');
    return { ruleId: entry.slice(0, space), file: entry.slice(space + 1, colon), line: Number(entry.slice(colon + 1)) - 1 };
  };
  return { findings: (raw.findings ?? []).map(read), silences: (raw.silences ?? []).map(read) };
}

/** Our diagnostics on a file, as `rule@line`. */
function diagnosticsOf(uri: vscode.Uri): Set<string> {
  return new Set(
    vscode.languages
      .getDiagnostics(uri)
      .filter((diagnostic) => diagnostic.source === 'Stage Guide' && typeof diagnostic.code === 'object')
      .map((diagnostic) => `${String((diagnostic.code as { value: string }).value)}@${diagnostic.range.start.line}`),
  );
}

/** The hovers' Markdown as plain text (appendText escapes punctuation and writes spaces as &nbsp;). */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : '')))
    .join('\n')
    .replaceAll('&nbsp;', ' ')
    .replace(/\\(.)/g, '$1');
}

describe('deployment judgement in the editor: the same findings and silences as the CLI', function () {
  this.timeout(MODEL_DEADLINE_MS + 60_000);
  let api: StageGuideTestApi;
  let root: vscode.Uri;

  before(async () => {
    api = await stageGuideApi();
    root = workspaceRoot();
  });

  // Every service of the fixture (a folder with its expectations.yml), as the CLI's test reads them: one added
  // there is asserted here too.
  const services = readdirSync(workspaceRoot().fsPath, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(workspaceRoot().fsPath, entry.name, 'expectations.yml')))
    .map((entry) => entry.name)
    .sort();

  it('finds the fixture services', () =>
    assert.ok(services.length > 0, `no service with an expectations.yml in ${workspaceRoot().fsPath}`));

  for (const service of services) {
    it(`${service}: every expected finding is a diagnostic at its line, and no expected silence is`, async () => {
      const expectations = expectationsOf(
        new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, service, 'expectations.yml'))),
      );
      const files = [...new Set([...expectations.findings, ...expectations.silences].map((each) => each.file))];
      for (const file of files) {
        const uri = vscode.Uri.joinPath(root, service, file);
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, { preview: false });
        // The guidance waits for the workspace model; the diagnostics follow it.
        const guidance = await api.guidance!.guidanceFor(document);
        assert.ok(guidance, `${file} has guidance`);
        const expected = expectations.findings.filter((each) => each.file === file);
        await waitFor(() => expected.every((each) => diagnosticsOf(uri).has(`${each.ruleId}@${each.line}`)), {
          description: `${service}/${file}: ${expected.map((each) => `${each.ruleId}@${each.line}`).join(', ')} (now ${[...diagnosticsOf(uri)].join(', ')})`,
          timeoutMs: MODEL_DEADLINE_MS,
        });
        const reported = guidance.staged
          .filter((staged) => staged.severity !== undefined)
          .map((staged) => `${staged.rule.id}@${staged.finding.range.start.line}`);
        for (const silence of expectations.silences.filter((each) => each.file === file)) {
          const key = `${silence.ruleId}@${silence.line}`;
          assert.ok(!reported.includes(key), `${service}/${file}: ${key} is judged answered by the deployment, yet reported`);
          assert.ok(!diagnosticsOf(uri).has(key), `${service}/${file}: no diagnostic ${key}`);
        }
      }
    });
  }

  it('the hover says why a finding is not reported, and which role a reported one assumed', async () => {
    const compose = vscode.Uri.joinPath(root, 'compose-overlays', 'compose.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(compose), { preview: false });
    await waitFor(() => diagnosticsOf(compose).has('compose/healthcheck@7'), {
      description: 'the db finding',
      timeoutMs: SETTLE_MS + MODEL_DEADLINE_MS,
    });
    const api = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', compose, new vscode.Position(1, 3)),
    );
    assert.match(api, /Not reported — Service without a healthcheck: compose\.override\.yaml:4 sets it for "api"/);
    const db = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', compose, new vscode.Position(7, 3)),
    );
    assert.match(db, /Judged as:\* stateful — image postgres:16\.4 keeps state/);
  });

  it("read the workspace in the scan worker, not on the extension host's thread", () => {
    // A local folder: the workspace model and the Stage view's scans run in dist/scanWorker.js (docs/editor-scan-worker.md).
    const worker = api.services.facts.scanWorker;
    assert.equal(worker.fellBack, undefined, 'no scan fell back to the extension host');
    assert.ok(worker.answered > 0, 'the worker answered the workspace model scan');
  });
});
