import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CreateStageFileResult } from '../../src/extension/commands/createStageFile';
import type { SetStageResult } from '../../src/extension/commands/setStage';
import { stageGuideExtension } from './support/stageGuide';
import {
  autoSaveOff,
  Sandbox,
  SETTLE_MS,
  SUITE_TIMEOUT_MS,
  stageGuideApi,
  typeInto,
  waitFor,
  withoutRootStageFile,
  workspaceRoot,
} from './commandsSandbox';

const ROOT_STAGE_FILE = [
  "# The shop's stage. Keep this comment: Set Stage must not lose it.",
  'name: "Shop"',
  'stage: mvp   # bump when we launch',
  'concerns:',
  '  security: production',
  '',
].join('\n');

const setStage = (arg?: unknown) => vscode.commands.executeCommand<SetStageResult | undefined>('stageGuide.setStage', arg);
const createStageFile = (arg?: unknown) =>
  vscode.commands.executeCommand<CreateStageFileResult | undefined>('stageGuide.createStageFile', arg);

describe('commands: palette entries', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  it('contributes Set Stage, Create .stage.yml and Refresh under the "Stage Guide" category with translated titles', async () => {
    await stageGuideApi();
    const contributed = (stageGuideExtension().packageJSON.contributes?.commands ?? []) as Array<{
      command: string;
      title: string;
      category: string;
    }>;
    const mine = contributed.filter((c) => ['stageGuide.setStage', 'stageGuide.createStageFile', 'stageGuide.refresh'].includes(c.command));
    assert.deepEqual(
      mine.map(({ command, title, category }) => ({ command, title, category })),
      [
        { command: 'stageGuide.setStage', title: 'Set Stage', category: 'Stage Guide' },
        { command: 'stageGuide.createStageFile', title: 'Create .stage.yml', category: 'Stage Guide' },
        { command: 'stageGuide.refresh', title: 'Refresh', category: 'Stage Guide' },
      ],
    );
    const registered = await vscode.commands.getCommands(true);
    for (const { command } of mine) assert.ok(registered.includes(command), `${command} is not registered`);
  });
});

describe('commands: Stage Guide: Set Stage', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;
  let restoreAutoSave: () => Promise<void>;

  before(async () => {
    restoreAutoSave = await autoSaveOff();
  });
  after(async () => restoreAutoSave?.());

  beforeEach(async () => {
    await stageGuideApi();
    sandbox = await Sandbox.of('commands-monorepo');
  });
  afterEach(async () => sandbox?.dispose());

  it('changes only the value of stage: in the .stage.yml governing the given file, keeps comments, and saves', async () => {
    const result = await setStage({ stage: 'production', uri: sandbox.uri('web/app.ts') });
    assert.equal(result?.uri.toString(), sandbox.uri('.stage.yml').toString());
    assert.equal(result?.stage, 'production');
    assert.equal(result?.changed, true);
    assert.equal(await sandbox.read('.stage.yml'), ROOT_STAGE_FILE.replace('stage: mvp   #', 'stage: production   #'));
    const document = await vscode.workspace.openTextDocument(sandbox.uri('.stage.yml'));
    assert.equal(document.isDirty, false, 'a file without unsaved changes is saved after the edit');
    assert.equal(
      await sandbox.read('services/api/.stage.yml'),
      '# The API is ahead of the rest.\nstage: production\n',
      'the nested file is untouched',
    );
  });

  it('is undoable like a normal edit', async () => {
    await setStage({ stage: 'scale', uri: sandbox.uri('web/app.ts') });
    const editor = await sandbox.open('.stage.yml');
    assert.ok(editor.document.getText().includes('stage: scale   #'));
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === ROOT_STAGE_FILE, {
      description: 'undo to restore the original text',
      timeoutMs: SETTLE_MS,
    });
  });

  it('edits the nearest .stage.yml: a file (or folder) under services/api changes services/api/.stage.yml only', async () => {
    const fromFile = await setStage({ stage: 'scale', uri: sandbox.uri('services/api/handler.ts') });
    assert.equal(fromFile?.uri.toString(), sandbox.uri('services/api/.stage.yml').toString());
    assert.equal(await sandbox.read('services/api/.stage.yml'), '# The API is ahead of the rest.\nstage: scale\n');
    const fromFolder = await setStage({ stage: 'enterprise', uri: sandbox.uri('services/api') });
    assert.equal(fromFolder?.uri.toString(), sandbox.uri('services/api/.stage.yml').toString());
    assert.equal(await sandbox.read('services/api/.stage.yml'), '# The API is ahead of the rest.\nstage: enterprise\n');
    assert.equal(await sandbox.read('.stage.yml'), ROOT_STAGE_FILE);
  });

  it("uses the active editor's file when no target is given, and accepts display names and aliases", async () => {
    await sandbox.open('services/api/handler.ts');
    const result = await setStage('Rapid Prototyping');
    assert.equal(result?.stage, 'prototype');
    assert.equal(await sandbox.read('services/api/.stage.yml'), '# The API is ahead of the rest.\nstage: prototype\n');
  });

  it('reports "nothing changed" for the stage already declared, and refuses an unknown stage without touching the file', async () => {
    const same = await setStage({ stage: 'mvp', uri: sandbox.uri('web/app.ts') });
    assert.deepEqual([same?.stage, same?.changed], ['mvp', false]);
    const unknown = await setStage({ stage: 'mvq', uri: sandbox.uri('web/app.ts') });
    assert.equal(unknown, undefined);
    assert.equal(await sandbox.read('.stage.yml'), ROOT_STAGE_FILE);
  });

  it("leaves a document with unsaved changes unsaved: both the user's edit and the new stage are in the buffer, nothing on disk", async () => {
    const editor = await sandbox.open('.stage.yml');
    await typeInto(editor.document, 'name: "Shop"', 'name: "Shop 2"');
    const result = await setStage({ stage: 'production', uri: sandbox.uri('web/app.ts') });
    assert.equal(result?.changed, true);
    assert.equal(editor.document.isDirty, true);
    assert.equal(
      editor.document.getText(),
      ROOT_STAGE_FILE.replace('"Shop"', '"Shop 2"').replace('stage: mvp   #', 'stage: production   #'),
    );
    assert.equal(await sandbox.read('.stage.yml'), ROOT_STAGE_FILE);
  });

  it('creates a .stage.yml at the workspace folder root when none governs and createIfMissing is set', async () => {
    await withoutRootStageFile(async () => {
      await vscode.workspace.fs.delete(sandbox.uri('.stage.yml'));
      const result = await setStage({ stage: 'mvp', uri: sandbox.uri('web/app.ts'), createIfMissing: true });
      const created = vscode.Uri.joinPath(workspaceRoot(), '.stage.yml');
      assert.equal(result?.uri.toString(), created.toString());
      assert.deepEqual([result?.stage, result?.changed], ['mvp', true]);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(created));
      assert.ok(text.split('\n').includes('stage: mvp'), text);
    });
  });
});

describe('commands: Stage Guide: Create .stage.yml', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;

  beforeEach(async () => {
    await stageGuideApi();
    sandbox = await Sandbox.of('commands-empty');
  });
  afterEach(async () => sandbox?.dispose());

  it('writes a commented .stage.yml for the given stage in the given folder and opens it', async () => {
    const result = await createStageFile({ stage: 'scale', folder: sandbox.uri() });
    assert.deepEqual([result?.uri.toString(), result?.created], [sandbox.uri('.stage.yml').toString(), true]);
    assert.equal(
      await sandbox.read('.stage.yml'),
      [
        '# Stage Guide: how mature this product is meant to be.',
        '# System at Scale: Handle high traffic efficiently',
        '# Stages: prototype | mvp | production | scale | enterprise',
        'stage: scale',
        '',
      ].join('\n'),
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), sandbox.uri('.stage.yml').toString());
    const api = await stageGuideApi();
    const governing = await waitFor(
      async () => {
        const found = await api.services.stageService.governingFor(sandbox.uri('src/main.ts'));
        return found.stageFile?.path === sandbox.uri('.stage.yml').path && found;
      },
      { description: 'the new file to govern the folder', timeoutMs: SETTLE_MS },
    );
    assert.equal(governing.stage, 'scale');
  });

  it('never overwrites: an existing .stage.yml is opened and left as it was', async () => {
    await sandbox.write('.stage.yml', '# mine\nstage: prototype\n');
    const result = await createStageFile({ stage: 'enterprise', uri: sandbox.uri() });
    assert.deepEqual([result?.uri.toString(), result?.created], [sandbox.uri('.stage.yml').toString(), false]);
    assert.equal(await sandbox.read('.stage.yml'), '# mine\nstage: prototype\n');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), sandbox.uri('.stage.yml').toString());
  });

  it('given a file, writes next to it; an unknown stage writes nothing', async () => {
    assert.equal(await createStageFile({ stage: 'nonsense', uri: sandbox.uri('src') }), undefined);
    assert.equal(await sandbox.exists('src/.stage.yml'), false);
    const result = await createStageFile({ stage: 'prod', uri: sandbox.uri('src/main.ts') });
    assert.deepEqual([result?.uri.toString(), result?.created], [sandbox.uri('src/.stage.yml').toString(), true]);
    assert.ok((await sandbox.read('src/.stage.yml')).includes('\nstage: production\n'));
  });
});

describe('commands: Stage Guide: Refresh', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;

  before(async () => {
    await stageGuideApi();
    sandbox = await Sandbox.of('commands-stagefiles');
  });
  after(async () => sandbox?.dispose());

  it('re-reads what no watcher reports: a team matrix changed on disk while not open', async () => {
    const api = await stageGuideApi();
    const securityAtMvp = async () => {
      const governing = await api.services.stageService.governingFor(sandbox.uri('team/.stage.yml'));
      return governing.matrix.concerns.find((concern) => concern.id === 'security')?.cells.mvp.text;
    };
    assert.equal(await securityAtMvp(), 'Team rule: SSO for every admin page');
    const teamMatrix = await sandbox.read('team/team-matrix.yml');
    await sandbox.write('team/team-matrix.yml', teamMatrix.replace('SSO for every admin page', 'SSO everywhere'));

    // Watch the service itself: other events (the sandbox's own files appearing) also invalidate it.
    const service = api.services.stageService;
    let invalidations = 0;
    const invalidate = service.invalidate;
    service.invalidate = function (this: typeof service) {
      invalidations++;
      invalidate.call(this);
    };
    try {
      await vscode.commands.executeCommand('stageGuide.refresh');
      assert.ok(invalidations >= 1, 'Refresh invalidates the StageService');
      await waitFor(async () => (await securityAtMvp()) === 'Team rule: SSO everywhere', {
        description: 'the changed team matrix after Refresh',
        timeoutMs: SETTLE_MS,
      });
    } finally {
      service.invalidate = invalidate;
    }
  });
});
