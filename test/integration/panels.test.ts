// "Stage Guide: Show Next-Stage Upgrades" and "Stage Guide: Show Stage Matrix" in the real
// extension host: run from the command registry, for the file the user is in, read back
// through the extension's API (test/ui reads the rendered panels).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { builtinMatrix } from '../../src/core/matrix/builtinMatrix';
import type { UpgradesModel } from '../../src/shared/messages';
import { stageGuideExtension } from './support/stageGuide';
import { Sandbox } from './commandsSandbox';
import { closeAllEditors, panelShows, readSeed, viewsApi, VIEW_TEST_TIMEOUT_MS } from './sidebarSupport';

type Upgrade = Extract<UpgradesModel, { kind: 'upgrade' }>;

describe('panels: contributed commands', function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);

  it('puts Show Next-Stage Upgrades and Show Stage Matrix in the palette under "Stage Guide"', async () => {
    await viewsApi();
    const contributed = (stageGuideExtension().packageJSON.contributes?.commands ?? []) as Array<{
      command: string;
      title: string;
      category: string;
    }>;
    const mine = contributed.filter((c) => c.command === 'stageGuide.showUpgrades' || c.command === 'stageGuide.showMatrix');
    assert.deepEqual(
      mine.map(({ command, title, category }) => ({ command, title, category })),
      [
        { command: 'stageGuide.showUpgrades', title: 'Show Next-Stage Upgrades', category: 'Stage Guide' },
        { command: 'stageGuide.showMatrix', title: 'Show Stage Matrix', category: 'Stage Guide' },
      ],
    );
    const registered = await vscode.commands.getCommands(true);
    for (const { command } of mine) assert.ok(registered.includes(command), `${command} is not registered`);
  });
});

describe('panels: Show Next-Stage Upgrades', function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);

  let sandbox: Sandbox;

  beforeEach(async () => {
    await viewsApi();
    sandbox = await Sandbox.of('sidebar-monorepo');
  });
  afterEach(async () => {
    await sandbox.dispose();
    await closeAllEditors();
  });

  it('opens "MVP → Production-Ready" with each concern\'s current and next seed text and new practices, most-changed first', async () => {
    const seed = await readSeed();
    await sandbox.open('web/app.ts');
    await vscode.commands.executeCommand('stageGuide.showUpgrades');
    const snapshot = await panelShows('upgrades', 'the MVP upgrades, rendered', (s) => s.title === 'MVP → Production-Ready' && s.rendered);
    const model = snapshot.model as Upgrade;
    assert.equal(model.kind, 'upgrade');
    assert.equal(model.concerns.length, 12);
    const changes = model.concerns.map((concern) => concern.change);
    assert.deepEqual(
      changes,
      [...changes].sort((a, b) => b - a),
      'concerns that change most come first',
    );
    for (const concern of model.concerns) {
      const row = seed.rows.find((candidate) => candidate.name === concern.name);
      assert.deepEqual([concern.currentText, concern.nextText], [row?.cells[1], row?.cells[2]]);
      const production = builtinMatrix().concerns.find((candidate) => candidate.id === concern.id)?.cells.production.practices ?? [];
      assert.deepEqual(
        concern.newPractices.map((practice) => practice.id),
        production.map((practice) => practice.id),
      );
    }
    const panelTab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.equal(panelTab?.label, 'MVP → Production-Ready');
  });

  it('follows the file in view: a nested service at Production-Ready upgrades to At Scale', async () => {
    await sandbox.open('services/api/src/server.ts');
    await vscode.commands.executeCommand('stageGuide.showUpgrades');
    const snapshot = await panelShows('upgrades', "the API service's upgrades", (s) => s.title === 'Production-Ready → At Scale');
    const security = (snapshot.model as Upgrade).concerns.find((concern) => concern.id === 'security');
    // services/api/.stage.yml already puts security at scale.
    assert.deepEqual([security?.stageOverridden, security?.alreadyThere], [true, true]);
  });

  it('updates an open panel when .stage.yml changes', async () => {
    await sandbox.open('web/app.ts');
    await vscode.commands.executeCommand('stageGuide.showUpgrades');
    await panelShows('upgrades', 'the MVP upgrades', (s) => s.title === 'MVP → Production-Ready');
    await sandbox.write('.stage.yml', 'stage: prototype\n');
    await panelShows('upgrades', 'the prototype upgrades, rendered', (s) => s.title === 'Prototype → MVP' && s.rendered);
  });

  it('says there is no next stage at the last stage', async () => {
    await sandbox.write('.stage.yml', 'stage: enterprise\n');
    await sandbox.open('web/app.ts');
    await vscode.commands.executeCommand('stageGuide.showUpgrades');
    const snapshot = await panelShows('upgrades', 'the last-stage message', (s) => s.model.kind === 'last-stage' && s.rendered);
    assert.equal(snapshot.title, 'Next-Stage Upgrades');
    assert.equal(snapshot.model.kind === 'last-stage' && snapshot.model.stage.id, 'enterprise');
  });
  // "No .stage.yml: offers to create one" runs in the multi-root suite (a folder with nothing above it).
});

describe('panels: Show Stage Matrix', function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);

  let sandbox: Sandbox;

  before(async () => {
    await viewsApi();
    sandbox = await Sandbox.of('sidebar-monorepo');
  });
  after(async () => {
    await sandbox.dispose();
    await closeAllEditors();
  });

  it('shows all five stages side by side with the seed text, the governing stage highlighted', async () => {
    const seed = await readSeed();
    await sandbox.open('services/api/src/server.ts');
    await vscode.commands.executeCommand('stageGuide.showMatrix');
    const snapshot = await panelShows(
      'matrix',
      'the matrix at Production-Ready, rendered',
      (s) => s.model.governingStage?.id === 'production' && s.rendered,
    );
    assert.equal(snapshot.title, 'Stage Matrix');
    const { model } = snapshot;
    assert.deepEqual(
      model.stages.map((stage) => stage.name),
      seed.stageNames,
    );
    assert.deepEqual(
      model.stages.filter((stage) => stage.governing).map((stage) => stage.id),
      ['production'],
    );
    assert.deepEqual(
      model.concerns.map((concern) => [concern.name, ...concern.cells.map((cell) => cell.text)]),
      seed.rows.map((row) => [row.name, ...row.cells]),
    );
    const security = model.concerns.find((concern) => concern.id === 'security');
    assert.deepEqual(
      security?.cells.filter((cell) => cell.governing).map((cell) => cell.stage),
      ['scale'],
    );

    // Moving to a file under the root .stage.yml moves the highlight.
    await sandbox.open('web/app.ts');
    await panelShows('matrix', 'the highlight on MVP', (s) => s.model.governingStage?.id === 'mvp');
  });
});
