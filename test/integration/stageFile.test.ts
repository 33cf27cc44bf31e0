import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { autoSaveOff, Sandbox, SETTLE_MS, SUITE_TIMEOUT_MS, stageGuideApi, typeInto, waitFor } from './commandsSandbox';

const INVALID = [
  '# A .stage.yml with one problem of each fixable kind.',
  'stage: prodution',
  'concerns:',
  '  securty: mvp',
  'rules:',
  '  compose/privileged: loud',
  'waivers:',
  '  - rule: compose/privileged',
  '    reason: "legacy base image"  # until the migration',
  '    until: 2020-01-31',
  '',
].join('\n');

type Located = { code: string; range: [number, number, number, number]; severity: vscode.DiagnosticSeverity };

function stageGuideDiagnostics(uri: vscode.Uri): Located[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === 'Stage Guide')
    .map((diagnostic) => ({
      code: String(diagnostic.code),
      range: [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
      severity: diagnostic.severity,
    }));
}

async function waitForDiagnostics(uri: vscode.Uri, expected: Located[]): Promise<void> {
  await waitFor(() => JSON.stringify(stageGuideDiagnostics(uri)) === JSON.stringify(expected), {
    description: `diagnostics of ${uri.path} to be ${JSON.stringify(expected)} (now ${JSON.stringify(stageGuideDiagnostics(uri))})`,
    timeoutMs: SETTLE_MS,
  });
}

const { Error: ERROR, Warning: WARNING } = vscode.DiagnosticSeverity;
const EXPECTED_INVALID: Located[] = [
  { code: 'unknown-stage', range: [1, 7, 1, 16], severity: ERROR },
  { code: 'unknown-concern', range: [3, 2, 3, 9], severity: WARNING },
  { code: 'bad-rule-level', range: [5, 22, 5, 26], severity: ERROR },
  { code: 'waiver-expired', range: [9, 11, 9, 21], severity: WARNING },
];

describe('.stage.yml: diagnostics', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;
  let restoreAutoSave: () => Promise<void>;

  before(async () => {
    restoreAutoSave = await autoSaveOff();
  });
  after(async () => restoreAutoSave?.());

  beforeEach(async () => {
    await stageGuideApi();
    sandbox = await Sandbox.of('commands-stagefiles');
  });
  afterEach(async () => sandbox?.dispose());

  it("reports every problem with the parser's code, severity and exact range, even for a file that is not open", async () => {
    const uri = sandbox.uri('invalid/.stage.yml');
    await waitForDiagnostics(uri, EXPECTED_INVALID);
    const [unknownStage] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Stage Guide');
    assert.equal(unknownStage.message, 'Unknown stage "prodution" for stage. Did you mean "production"?');
    assert.deepEqual(stageGuideDiagnostics(sandbox.uri('valid/.stage.yml')), []);
  });

  it('updates as the user types, without saving', async () => {
    const uri = sandbox.uri('invalid/.stage.yml');
    const editor = await sandbox.open('invalid/.stage.yml');
    await waitForDiagnostics(uri, EXPECTED_INVALID);
    await typeInto(editor.document, 'stage: prodution', 'stage: production');
    await waitForDiagnostics(uri, EXPECTED_INVALID.slice(1));
    await typeInto(editor.document, '  securty: mvp', '  security: mvp\n  cost: prototype');
    await waitForDiagnostics(uri, [
      { code: 'unknown-concern', range: [4, 2, 4, 6], severity: WARNING },
      { code: 'bad-rule-level', range: [6, 22, 6, 26], severity: ERROR },
      { code: 'waiver-expired', range: [10, 11, 10, 21], severity: WARNING },
    ]);
    assert.equal(editor.document.isDirty, true);
    assert.equal(await sandbox.read('invalid/.stage.yml'), INVALID, 'nothing was saved');
  });

  it("reports a team matrix file's own problems on that file, and names it from .stage.yml", async () => {
    await waitForDiagnostics(sandbox.uri('team/team-matrix.yml'), [{ code: 'unknown-key', range: [5, 8, 5, 14], severity: WARNING }]);
    await waitForDiagnostics(sandbox.uri('team/.stage.yml'), [{ code: 'bad-matrix', range: [1, 8, 1, 23], severity: ERROR }]);
  });

  it("clears a file's diagnostics when it is deleted", async () => {
    const uri = sandbox.uri('invalid/.stage.yml');
    await waitForDiagnostics(uri, EXPECTED_INVALID);
    await vscode.workspace.fs.delete(uri);
    await waitForDiagnostics(uri, []);
  });
});

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(
  uri: vscode.Uri,
  position: vscode.Position,
  kinds: vscode.CompletionItemKind[],
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  // Other providers (words in the document) add items too; keep the kinds this extension uses.
  return list.items
    .filter((item) => item.kind !== undefined && kinds.includes(item.kind))
    .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/\\(.)/g, '$1'); // Markdown escapes: compare with the text as shown
}

describe('.stage.yml: completion and hover', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;
  let restoreAutoSave: () => Promise<void>;

  before(async () => {
    restoreAutoSave = await autoSaveOff();
  });
  after(async () => restoreAutoSave?.());
  let document: vscode.TextDocument;

  beforeEach(async () => {
    await stageGuideApi();
    sandbox = await Sandbox.of('commands-stagefiles');
    document = (await sandbox.open('valid/.stage.yml')).document;
  });
  afterEach(async () => sandbox?.dispose());

  it('completes the root keys not yet written', async () => {
    const items = await completionsAt(document.uri, new vscode.Position(4, 0), [vscode.CompletionItemKind.Property]);
    assert.deepEqual(items.map(labelOf), ['next', 'name', 'rules', 'ignore', 'waivers', 'matrix']);
    const next = items[0];
    assert.equal(next.insertText, 'next: ');
    assert.ok(String((next.documentation as vscode.MarkdownString).value).startsWith('The stage you are working towards.'));
  });

  it('completes the five stages after "stage:", with the seed\'s goal as detail', async () => {
    const items = await completionsAt(document.uri, new vscode.Position(1, 7), [vscode.CompletionItemKind.EnumMember]);
    assert.deepEqual(
      items.map((item) => [labelOf(item), item.detail]),
      [
        ['prototype', 'Validate feasibility & core idea'],
        ['mvp', 'Build a functional product'],
        ['production', 'Ensure reliability & maintainability'],
        ['scale', 'Handle high traffic efficiently'],
        ['enterprise', 'Ensure global availability, security, and resilience'],
      ],
    );
    const range = items[1].range as vscode.Range;
    assert.ok(range.isEqual(new vscode.Range(1, 7, 1, 10)), `replaces the written value, not more: ${JSON.stringify(range)}`);
  });

  it('completes concern ids under concerns: (without the ones set) and rule levels under rules:', async () => {
    await typeInto(document, '  security: production\n', '  security: production\n  fault\nrules:\n  compose/privileged: \n');
    const concerns = await completionsAt(document.uri, new vscode.Position(4, 7), [vscode.CompletionItemKind.Field]);
    assert.equal(concerns.length, 11);
    assert.ok(!concerns.some((item) => labelOf(item) === 'security'));
    assert.equal(concerns.find((item) => labelOf(item) === 'fault-tolerance')?.detail, 'Fault Tolerance');
    const levels = await completionsAt(document.uri, new vscode.Position(6, 22), [vscode.CompletionItemKind.EnumMember]);
    assert.deepEqual(levels.map(labelOf), ['off', 'info', 'warning', 'error']);
  });

  it('explains keys, concerns and stages on hover', async () => {
    const onKey = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(1, 2),
    );
    assert.ok(hoverText(onKey).includes('The stage this product'), hoverText(onKey));
    const onConcern = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(3, 4),
    );
    assert.ok(hoverText(onConcern).includes('Security'), hoverText(onConcern));
    assert.ok(hoverText(onConcern).includes('Production-Ready System:'), hoverText(onConcern));
    const onStage = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(1, 8),
    );
    assert.ok(hoverText(onStage).includes('Minimum Viable Product (MVP)'), hoverText(onStage));
    assert.ok(hoverText(onStage).includes('Build a functional product'), hoverText(onStage));
  });
});

function isoDaysFromToday(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

describe('.stage.yml: quick fixes', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;
  let restoreAutoSave: () => Promise<void>;

  before(async () => {
    restoreAutoSave = await autoSaveOff();
  });
  after(async () => restoreAutoSave?.());
  let document: vscode.TextDocument;

  beforeEach(async () => {
    await stageGuideApi();
    sandbox = await Sandbox.of('commands-stagefiles');
    document = (await sandbox.open('invalid/.stage.yml')).document;
    await waitForDiagnostics(document.uri, EXPECTED_INVALID);
  });
  afterEach(async () => sandbox?.dispose());

  async function applyFix(code: string, title: string): Promise<void> {
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'Stage Guide' && d.code === code);
    assert.ok(diagnostic, `no ${code} diagnostic`);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const action = actions.find((candidate) => candidate.title === title);
    assert.ok(action?.edit, `no quick fix "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(action.edit), 'the quick fix edit was refused');
  }

  it('"did you mean" for an unknown stage replaces just the value, and the problem goes away', async () => {
    await applyFix('unknown-stage', 'Change to "production"');
    assert.equal(document.getText(), INVALID.replace('stage: prodution', 'stage: production'));
    await waitForDiagnostics(document.uri, EXPECTED_INVALID.slice(1));
  });

  it('"did you mean" for an unknown concern renames the key', async () => {
    await applyFix('unknown-concern', 'Change to "security"');
    assert.equal(document.getText(), INVALID.replace('  securty: mvp', '  security: mvp'));
  });

  it('"did you mean" for an unknown key, typed a moment ago and not saved, restores the key', async () => {
    await typeInto(document, 'waivers:', 'waiverz:');
    await waitFor(() => vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-key'), {
      description: 'an unknown-key diagnostic',
      timeoutMs: SETTLE_MS,
    });
    await applyFix('unknown-key', 'Change to "waivers"');
    assert.equal(document.getText(), INVALID);
    await waitForDiagnostics(document.uri, EXPECTED_INVALID);
  });

  it('removes an expired waiver (its lines only)', async () => {
    await applyFix('waiver-expired', 'Remove waiver');
    assert.equal(
      document.getText(),
      INVALID.split('\n')
        .filter((_, line) => line < 7 || line > 9)
        .join('\n'),
    );
  });

  it('extends an expired waiver by 30 days from today, keeping the comment beside it', async () => {
    const until = isoDaysFromToday(30);
    await applyFix('waiver-expired', `Extend waiver by 30 days (until ${until})`);
    assert.equal(document.getText(), INVALID.replace('until: 2020-01-31', `until: ${until}`));
    await waitForDiagnostics(document.uri, EXPECTED_INVALID.slice(0, 3));
  });
});
