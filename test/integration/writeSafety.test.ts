// The editor's side of issue 10's file-system items: Set Stage, Create .stage.yml and the waiver quick fixes never write
// through a link (to a file outside the workspace, or at all), Set Stage refuses an edit whose re-parse would
// mean something else, and a team matrix outside the workspace is not read — the `.stage.yml`
// says so instead. Links are made here with node `fs` (code-server's files are on this machine),
// in a throwaway sandbox, because git does not keep them reliably.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CreateStageFileResult } from '../../src/extension/commands/createStageFile';
import type { SetStageResult } from '../../src/extension/commands/setStage';
import { Sandbox, SETTLE_MS, SUITE_TIMEOUT_MS, stageGuideApi, waitFor } from './commandsSandbox';

const setStage = (arg?: unknown) => vscode.commands.executeCommand<SetStageResult | undefined>('stageGuide.setStage', arg);
const createStageFile = (arg?: unknown) =>
  vscode.commands.executeCommand<CreateStageFileResult | undefined>('stageGuide.createStageFile', arg);
const SECRET = 'root:$6$hashed-secret-line';

describe('write safety: Set Stage and team matrices stay inside the workspace', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;
  let outside: string;

  beforeEach(async () => {
    await stageGuideApi();
    sandbox = await Sandbox.of('commands-stagefiles');
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-outside-'));
  });

  afterEach(async () => {
    await sandbox.dispose();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  /** The sandbox folder on this machine's disk (the extension host's path is the URI's). */
  const local = (relative: string) => sandbox.uri(relative).path;

  it('Set Stage on a .stage.yml linked to a file outside the workspace refuses and leaves that file alone', async () => {
    const target = path.join(outside, 'shadow.yml');
    fs.writeFileSync(target, `stage: mvp\n# ${SECRET}\n`);
    await sandbox.write('linked/app.ts', 'export {};\n');
    fs.symlinkSync(target, local('linked/.stage.yml'));
    const result = await setStage({ stage: 'production', uri: sandbox.uri('linked/app.ts') });
    assert.notEqual(result?.changed, true, JSON.stringify(result));
    assert.equal(fs.readFileSync(target, 'utf8'), `stage: mvp\n# ${SECRET}\n`);
  });

  it('Set Stage on a .stage.yml linked to a file inside the workspace refuses too (never through a link)', async () => {
    await sandbox.write('real.yml', 'stage: mvp\n');
    await sandbox.write('inside/app.ts', 'export {};\n');
    fs.symlinkSync(local('real.yml'), local('inside/.stage.yml'));
    const result = await setStage({ stage: 'scale', uri: sandbox.uri('inside/app.ts') });
    assert.notEqual(result?.changed, true, JSON.stringify(result));
    assert.equal(await sandbox.read('real.yml'), 'stage: mvp\n');
  });

  it('Create .stage.yml in a folder that is a link out of the workspace writes nothing outside', async () => {
    fs.symlinkSync(outside, local('out-link'));
    const result = await createStageFile({ stage: 'mvp', uri: sandbox.uri('out-link') });
    assert.notEqual(result?.created, true, JSON.stringify(result));
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing was created outside the workspace');
  });

  it('Create .stage.yml over a dangling link named .stage.yml writes nothing through it', async () => {
    fs.mkdirSync(local('dangling'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'planted.yml'), local('dangling/.stage.yml'));
    const result = await createStageFile({ stage: 'mvp', uri: sandbox.uri('dangling') });
    assert.notEqual(result?.created, true, JSON.stringify(result));
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing was created through the link');
  });

  it('Set Stage on a block-scalar stage keeps the next key on its own line', async () => {
    await sandbox.write('block/.stage.yml', 'stage: |\n  mvp\nname: orders\n');
    const result = await setStage({ stage: 'production', uri: sandbox.uri('block') });
    assert.equal(result?.changed, true);
    await waitFor(async () => (await sandbox.read('block/.stage.yml')) === 'stage: production\nname: orders\n', {
      description: 'the saved edit',
      timeoutMs: SETTLE_MS,
    });
  });

  /** The waiver quick fixes offered on the open `.stage.yml` at `relative`, once its waiver-expired diagnostic is there. */
  async function waiverFixes(relative: string): Promise<vscode.CodeAction[]> {
    const { document } = await sandbox.open(relative);
    const expired = () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'Stage Guide' && d.code === 'waiver-expired');
    await waitFor(() => expired() !== undefined, { description: `a waiver-expired diagnostic on ${relative}`, timeoutMs: SETTLE_MS });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      expired()!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    return actions.filter((action) => /^(Remove|Extend) waiver/.test(action.title));
  }

  // A refused fix is listed disabled with its reason in the light bulb; the code-action command returns enabled ones only.
  it('waiver quick fixes on a .stage.yml opened through a link offer no edit (never written through the link)', async () => {
    const text = 'stage: mvp\nwaivers:\n  - rule: docker/healthcheck\n    reason: later\n    until: 2020-01-01\n';
    await sandbox.write('waiver-plain/.stage.yml', text);
    assert.deepEqual(
      (await waiverFixes('waiver-plain/.stage.yml')).map((fix) => fix.title.split(' ')[0]),
      ['Remove', 'Extend'],
      'offered on a regular file',
    );
    await sandbox.write('real-waivers.yml', text);
    fs.mkdirSync(local('waiver-link'), { recursive: true });
    fs.symlinkSync(local('real-waivers.yml'), local('waiver-link/.stage.yml'));
    const fixes = await waiverFixes('waiver-link/.stage.yml');
    assert.deepEqual(
      fixes.filter((fix) => fix.edit).map((fix) => fix.title),
      [],
      'no fix with an edit through the link',
    );
    assert.equal(await sandbox.read('real-waivers.yml'), text);
  });

  it('"Remove waiver" whose re-parse would drop another waiver (a flow list on one line) is refused', async () => {
    await sandbox.write(
      'flow/.stage.yml',
      'stage: mvp\nwaivers: [{rule: docker/healthcheck, reason: later, until: 2020-01-01}, {rule: docker/user, reason: kept, until: 2099-01-01}]\n',
    );
    const fixes = await waiverFixes('flow/.stage.yml');
    assert.deepEqual(
      fixes.filter((fix) => fix.edit).map((fix) => fix.title.split(' ')[0]),
      ['Extend'],
      'no "Remove waiver" edit that would drop docker/user (extending only changes its date)',
    );
  });

  it('a team matrix outside the workspace is not read: matrix-refused on the .stage.yml, the built-in matrix applies', async () => {
    const teamMatrix = path.join(outside, 'team-matrix.yml');
    fs.writeFileSync(
      teamMatrix,
      'concerns:\n  - id: outside-only\n    name: Outside only\n    cells: { prototype: { text: a }, mvp: { text: b }, production: { text: c }, scale: { text: d }, enterprise: { text: e } }\n',
    );
    await sandbox.write('matrix/.stage.yml', `stage: mvp\nmatrix: ${teamMatrix}\n`);
    const api = await stageGuideApi();
    const governing = await api.services.stageService.governingFor(sandbox.uri('matrix'), true);
    assert.deepEqual(
      governing.stageFile?.problems.map((problem) => problem.code),
      ['matrix-refused'],
    );
    assert.match(governing.stageFile?.problems[0].message ?? '', /outside the repository/);
    assert.ok(!governing.matrix.concerns.some((concern) => concern.id === 'outside-only'), 'the outside matrix did not apply');
    // The same decision reaches the editor: the .stage.yml's diagnostics say it.
    const stageFile = sandbox.uri('matrix/.stage.yml');
    await vscode.window.showTextDocument(stageFile);
    await waitFor(() => vscode.languages.getDiagnostics(stageFile).some((diagnostic) => diagnostic.code === 'matrix-refused'), {
      description: 'matrix-refused on the .stage.yml',
      timeoutMs: SETTLE_MS,
    });
  });

  it('a team matrix reached through a link out of the workspace is not read either', async () => {
    const teamMatrix = path.join(outside, 'team-matrix.yml');
    fs.writeFileSync(teamMatrix, `concerns: [${JSON.stringify(SECRET)}]\n`);
    fs.mkdirSync(local('via-link'), { recursive: true });
    fs.symlinkSync(teamMatrix, local('via-link/team-matrix.yml'));
    await sandbox.write('via-link/.stage.yml', 'stage: mvp\nmatrix: team-matrix.yml\n');
    const api = await stageGuideApi();
    const governing = await api.services.stageService.governingFor(sandbox.uri('via-link'), true);
    assert.deepEqual(
      governing.stageFile?.problems.map((problem) => problem.code),
      ['matrix-refused'],
    );
    assert.equal(governing.stageFile?.teamMatrix, undefined);
    assert.ok(!JSON.stringify(governing.stageFile?.problems).includes('hashed-secret'));
  });
});
