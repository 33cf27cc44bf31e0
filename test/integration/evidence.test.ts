// Evidence in the real extension host: the sidebar's badges, observed stages and evidence links,
// the upgrades checklist with the findings due at the next stage and its "apply fix" button, and
// rescans driven by the file-system watcher. The fixture (test/fixtures/workspaces/evidence-service)
// is a small Node service at MVP; `stage-guide check` says the same of it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { nodeFileSystem } from '../../src/cli/nodeFileSystem';
import { assessWorkspace } from '../../src/core/evidence/index';
import { todayIso } from '../../src/core/stageFile/parseStageFile';
import type { ConcernView, PracticeView, SidebarModel, SidebarStageModel, UpgradesModel } from '../../src/shared/messages';
import { performWebviewAction } from '../../src/extension/panels/webviewActions';
import { Sandbox, stageGuideApi, waitFor, workspaceRoot } from './commandsSandbox';
import { closeAllEditors, panelShows, sidebarShows, viewsApi, VIEW_SETTLE_MS, VIEW_TEST_TIMEOUT_MS } from './sidebarSupport';

type Upgrade = Extract<UpgradesModel, { kind: 'upgrade' }>;

describe('evidence: sidebar badges and the upgrades checklist', function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);

  let sandbox: Sandbox;

  beforeEach(async () => {
    await viewsApi();
    sandbox = await Sandbox.of('evidence-service');
    await openSidebarView();
  });
  afterEach(async () => {
    await closeAllEditors();
    await sandbox.dispose();
  });

  /** The sidebar once the sandbox's service has been assessed and no scan is running (optionally also matching `accept`). */
  async function assessedSidebar(
    description: string,
    accept: (model: SidebarStageModel) => boolean = () => true,
  ): Promise<SidebarStageModel> {
    const stageFile = sandbox.uri('.stage.yml').toString();
    const model = await sidebarShows(
      description,
      (candidate: SidebarModel) =>
        candidate.kind === 'stage' &&
        candidate.stageFile.uri === stageFile &&
        candidate.evidence?.assessed === true &&
        !candidate.evidence.scanning &&
        accept(candidate),
    );
    return model as SidebarStageModel;
  }

  it('gives each concern a badge and its observed stage, and lists the concerns observed below MVP', async () => {
    await sandbox.open('server.js');
    const model = await assessedSidebar('the billing service, assessed');
    const badges = Object.fromEntries(model.concerns.map((concern) => [concern.id, concern.observed?.badge]));
    assert.deepEqual(badges, {
      goal: 'gaps',
      architecture: 'gaps',
      'tech-stack': 'gaps',
      database: 'unknown',
      scalability: 'unknown',
      'fault-tolerance': 'gaps',
      security: 'gaps',
      'testing-deployment': 'gaps',
      'monitoring-logging': 'gaps',
      'cost-efficiency': 'unknown',
      'data-processing': 'unknown',
      'inter-service-communication': 'gaps',
    });
    // Tech stack: a manifest, a framework and a test script (Prototype), but no pinned runtime (MVP).
    assert.equal(concern(model, 'tech-stack').observed?.stage?.shortName, 'Prototype');
    assert.equal(concern(model, 'fault-tolerance').observed?.stage, undefined);
    const behind = model.evidence?.behind.map((entry) => entry.id) ?? [];
    assert.ok(behind.includes('tech-stack') && behind.includes('fault-tolerance'), `behind: ${behind.join(', ')}`);
    assert.ok(!behind.includes('database'), 'a concern with nothing observable is not behind');
  });

  it('lists each practice with its status, and its evidence as links that open the file at the line', async () => {
    await sandbox.open('server.js');
    const model = await assessedSidebar('the billing service, assessed');
    const restart = practice(concern(model, 'fault-tolerance'), 'fault-tolerance/mvp/auto-restart');
    assert.equal(restart.status, 'missing');
    assert.equal(restart.counterEvidence?.[0]?.label.endsWith('compose.yaml:2'), true, JSON.stringify(restart.counterEvidence));
    assert.match(restart.counterEvidence?.[0]?.detail ?? '', /no restart policy/);
    assert.ok((restart.satisfiedBy ?? []).some((way) => way.includes('restart: unless-stopped')));

    const ciTests = practice(concern(model, 'testing-deployment'), 'testing-deployment/production/ci-tests-every-push', true);
    assert.equal(ciTests.status, 'met');
    const place = ciTests.evidence?.find((item) => item.location.range !== undefined);
    assert.ok(place, `the CI evidence names a line: ${JSON.stringify(ciTests.evidence)}`);
    assert.ok(place.label.includes('.github/workflows/ci.yml:'), place.label);

    // What the evidence link asks of the host.
    await performWebviewAction({ type: 'openFile', location: place.location }, noEffects);
    const editor = await waitFor(
      () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.toString() === sandbox.uri('.github/workflows/ci.yml').toString() && active;
      },
      { description: 'ci.yml to open', timeoutMs: VIEW_SETTLE_MS },
    );
    assert.equal(editor.selection.active.line, place.location.range?.start.line);

    // No database in this service: its migrations practice cannot apply, and the view says why.
    const migrations = practice(concern(model, 'database'), 'database/mvp/versioned-migrations');
    assert.equal(migrations.status, 'unknown');
    assert.ok(migrations.notApplicable, 'an unknown practice says why it is not applicable');
  });

  it('re-assesses when a relevant file changes on disk, without any command', async () => {
    await sandbox.open('server.js');
    await assessedSidebar(
      'the billing service, assessed',
      (model) => practice(concern(model, 'fault-tolerance'), 'fault-tolerance/mvp/auto-restart').status === 'missing',
    );
    await sandbox.write('compose.yaml', 'services:\n  api:\n    build: .\n    restart: unless-stopped\n    ports:\n      - "3000:3000"\n');
    const model = await assessedSidebar(
      'auto-restart to be met after the compose file gained a restart policy',
      (candidate) => practice(concern(candidate, 'fault-tolerance'), 'fault-tolerance/mvp/auto-restart').status === 'met',
    );
    assert.equal(concern(model, 'fault-tolerance').observed?.badge, 'met');
  });

  it('makes Show Next-Stage Upgrades a checklist with the findings due at Production-Ready, and applies a fix from it', async () => {
    await sandbox.open('Dockerfile');
    await vscode.commands.executeCommand('stageGuide.showUpgrades');
    const stageFile = sandbox.uri('.stage.yml').toString();
    const snapshot = await panelShows(
      'upgrades',
      'the assessed checklist',
      (s) =>
        s.model.kind === 'upgrade' &&
        s.model.stageFile.uri === stageFile &&
        s.model.readiness?.assessed === true &&
        !s.model.readiness.scanning &&
        s.rendered,
    );
    const model = snapshot.model as Upgrade;
    const readiness = model.readiness!;
    assert.equal(
      readiness.met + readiness.missing + readiness.unknown,
      model.concerns.reduce((sum, view) => sum + view.newPractices.length, 0),
    );
    assert.ok(readiness.met >= 2 && readiness.missing > 0 && readiness.unknown > 0, JSON.stringify(readiness));

    const testing = model.concerns.find((view) => view.id === 'testing-deployment');
    assert.equal(testing?.newPractices.find((p) => p.id === 'testing-deployment/production/ci-tests-every-push')?.status, 'met');
    const security = model.concerns.find((view) => view.id === 'security');
    assert.equal(security?.newPractices.find((p) => p.id === 'security/production/security-policy')?.status, 'missing');
    const nonRoot = security?.findings?.find((finding) => finding.ruleId === 'docker/non-root-user');
    assert.ok(nonRoot, `security findings: ${JSON.stringify(security?.findings)}`);
    assert.ok(nonRoot.fixTitle, 'the non-root finding offers its quick fix');
    assert.equal(nonRoot.location.uri, sandbox.uri('Dockerfile').toString());
    assert.equal(
      readiness.findings,
      model.concerns.reduce((sum, view) => sum + (view.findings?.length ?? 0), 0),
    );
    assert.ok(
      !model.concerns.some((view) => view.findings?.some((finding) => finding.ruleId === 'compose/restart-policy')),
      'a finding due now is not one "due at the next stage"',
    );

    // The "apply fix" button: the host recomputes the fix and edits the Dockerfile.
    const { panels } = await viewsApi();
    await panels.receiveInUpgrades({ type: 'applyFix', location: nonRoot.location, ruleId: 'docker/non-root-user' });
    const document = await waitFor(
      () => {
        const doc = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === sandbox.uri('Dockerfile').toString());
        return doc?.getText().includes('USER 10001:10001') && doc;
      },
      { description: 'the Dockerfile to gain a USER', timeoutMs: VIEW_SETTLE_MS },
    );
    assert.match(document.getText(), /USER 10001:10001\nCMD \["node", "server.js"\]/);
    await document.save();
    await panelShows('upgrades', 'the non-root finding to leave the checklist once the file is saved', (s) => {
      const upgrade = s.model.kind === 'upgrade' ? s.model : undefined;
      return (
        upgrade?.readiness?.assessed === true &&
        !upgrade.readiness.scanning &&
        !upgrade.concerns.some((view) => view.findings?.some((finding) => finding.ruleId === 'docker/non-root-user'))
      );
    });
  });

  it('ignores a forged "apply fix" for a finding that is not there', async () => {
    await sandbox.open('server.js');
    const before = await sandbox.read('server.js');
    const { panels } = await viewsApi();
    await panels.receiveInUpgrades({
      type: 'applyFix',
      location: { uri: sandbox.uri('server.js').toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
      ruleId: 'docker/non-root-user',
    });
    await panels.receiveInUpgrades({
      type: 'applyFix',
      location: { uri: sandbox.uri('server.js').toString() },
      ruleId: 'docker/non-root-user',
    });
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === sandbox.uri('server.js').toString());
    assert.equal(open?.isDirty ?? false, false);
    assert.equal(await sandbox.read('server.js'), before);
  });

  it('shows no evidence while stageGuide.evidence.enabled is off', async () => {
    await sandbox.open('server.js');
    await assessedSidebar('the billing service, assessed');
    const config = vscode.workspace.getConfiguration('stageGuide');
    await config.update('evidence.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      const model = await sidebarShows(
        'no evidence with scanning off',
        (candidate) =>
          candidate.kind === 'stage' &&
          candidate.stageFile.uri === sandbox.uri('.stage.yml').toString() &&
          candidate.evidence === undefined,
      );
      assert.ok(
        model.kind === 'stage' &&
          model.concerns.every((view) => view.observed === undefined && view.practices.every((p) => p.status === undefined)),
      );
    } finally {
      await config.update('evidence.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await assessedSidebar('evidence back once scanning is on again');
  });
});

describe('evidence: a monorepo with two services at different stages', function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);

  let sandbox: Sandbox;

  before(async () => {
    await viewsApi();
    sandbox = await Sandbox.ofExample('python-go-monorepo');
    await openSidebarView();
  });
  after(async () => {
    await closeAllEditors();
    await sandbox.dispose();
  });

  const services = [
    { name: 'catalog-api', file: 'services/catalog-api/app/main.py', stage: 'production', database: 'met' },
    { name: 'pricing-api', file: 'services/pricing-api/cmd/pricing-api/main.go', stage: 'mvp', database: 'unknown' },
  ];

  for (const service of services) {
    it(`follows the file to ${service.name} (${service.stage}) and says what \`stage-guide check\` says of it`, async () => {
      await sandbox.open(service.file);
      const stageFile = sandbox.uri(`services/${service.name}/.stage.yml`).toString();
      const model = (await sidebarShows(
        `${service.name}, assessed`,
        (candidate) =>
          candidate.kind === 'stage' &&
          candidate.stageFile.uri === stageFile &&
          candidate.evidence?.assessed === true &&
          !candidate.evidence.scanning,
      )) as SidebarStageModel;
      assert.equal(model.stage?.id, service.stage);
      assert.equal(concern(model, 'database').observed?.badge, service.database);

      // The CLI's answer: the same core over node's fs instead of workspace.fs.
      const root = sandbox.uri(`services/${service.name}`).path;
      const cli = await assessWorkspace(root, { fs: nodeFileSystem, workspaceRoot: workspaceRoot().path, today: todayIso() });
      const expected = cli.services.find((candidate) => candidate.root === root);
      assert.ok(expected, `the CLI assessed ${cli.services.map((candidate) => candidate.root).join(', ')}`);
      const shown = model.concerns.map((view) => ({
        id: view.id,
        badge: view.observed?.badge,
        observed: view.observed?.stage?.id,
        statuses: view.practices.map((p) => `${p.id}=${p.status}`),
      }));
      const said = expected.concerns.map((assessed) => ({
        id: assessed.id,
        badge: assessed.badge,
        observed: assessed.observedStage ?? undefined,
        statuses: assessed.practices.filter((p) => p.stage === service.stage).map((p) => `${p.practice.id}=${p.status}`),
      }));
      assert.deepEqual(shown, said);
    });
  }
});

describe("evidence: the Stage view's assessment after a change elsewhere in the workspace", function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);

  let sandbox: Sandbox;

  before(async () => {
    await viewsApi();
    sandbox = await Sandbox.of('sidebar-monorepo');
    await openSidebarView();
  });
  after(async () => {
    await closeAllEditors();
    await sandbox.dispose();
  });

  it('stands as it is after a change in a nested service, and is judged again after a change of its own', async () => {
    const evidence = (await stageGuideApi()).services.evidence;
    const folder = vscode.workspace.getWorkspaceFolder(sandbox.uri());
    assert.ok(folder, 'the sandbox is in a workspace folder');
    const stageFile = sandbox.uri('.stage.yml').path;
    const snapshot = () => evidence.snapshot(folder, stageFile);
    /**
     * The root service's snapshot once a scan after `since` has ended (every scan starts with a new one, scanning).
     * `nudge`: when no scan has begun after that long (the watcher's event is late on a loaded machine), the rescan the
     * extension runs after a fix is applied is asked for instead. On a timeout, says where the scan stood.
     */
    const scanned = async (description: string, since?: object, nudge?: number) => {
      const began = Date.now();
      let nudged = false;
      try {
        return await waitFor(
          () => {
            const now = snapshot();
            if (nudge !== undefined && !nudged && now === since && Date.now() - began > nudge) {
              nudged = true;
              evidence.rescanFor(sandbox.uri('.stage.yml'));
            }
            return now !== since && now?.scanning === false && now.assessment ? now : undefined;
          },
          { description, timeoutMs: VIEW_TEST_TIMEOUT_MS - 10_000 },
        );
      } catch (error) {
        const now = snapshot();
        const worker = (await stageGuideApi()).services.facts.scanWorker;
        const state = { sameSnapshot: now === since, scanning: now?.scanning, progress: now?.progress, error: now?.error, nudged };
        throw new Error(
          `${(error as Error).message}; the snapshot: ${JSON.stringify(state)}; the scan worker answered ${worker.answered} requests${worker.fellBack ? `, fell back: ${worker.fellBack}` : ''}`,
          { cause: error },
        );
      }
    };
    await sandbox.open('web/app.ts');
    // The workspace model covers the session's whole workspace, where earlier tests' sandboxes may still be going
    // (each one changes the model, and the shop is then judged again, rightly): once a rescan asked for nothing gives
    // the same assessment back, nothing else changes.
    let first = await scanned('the shop, assessed');
    await waitFor(
      async () => {
        evidence.rescanFor(sandbox.uri('.stage.yml'));
        const next = await scanned('the shop, scanned again unasked', first);
        const stood = next.assessment === first.assessment;
        first = next;
        return stood;
      },
      { description: 'a rescan of the shop with nothing changed to give its assessment back', timeoutMs: VIEW_TEST_TIMEOUT_MS - 10_000 },
    );
    assert.equal(first.error, undefined);

    // The API's runbook: that service's evidence, no file of the shop's own scan, nothing of the deployment model.
    await sandbox.write('services/api/README.md', '# Payments API\n\n## Runbook\n');
    const second = await scanned('the shop, scanned again after the API changed', first, 15_000);
    assert.equal(second.error, undefined);
    // The scan worker answered that the assessment stands: the object the view holds, not a copy sent again.
    assert.equal(second.assessment, first.assessment);

    // Told by the watcher (no nudge: a rescan before the cache hears of the change would rightly stand).
    await sandbox.write('README.md', '# Shop\n\n## Deploy\n');
    const third = await waitFor(
      () => {
        const now = snapshot();
        return now?.scanning === false && now.assessment && now.assessment !== first.assessment ? now : undefined;
      },
      { description: 'the shop, judged again after its own README changed', timeoutMs: VIEW_TEST_TIMEOUT_MS - 10_000 },
    );
    assert.equal(third.error, undefined);
  });
});

/** Opens the Stage view as a user would: its evidence scan starts once the view has been opened. */
async function openSidebarView(): Promise<void> {
  await vscode.commands.executeCommand('stageGuide.sidebar.focus');
}

function concern(model: SidebarStageModel, id: string): ConcernView {
  const found = model.concerns.find((candidate) => candidate.id === id);
  assert.ok(found, `no concern ${id} in the sidebar`);
  return found;
}

/** A practice of the concern's stage, or (with `next`) of the next stage's new practices. */
function practice(view: ConcernView, id: string, next = false): PracticeView {
  const list = next ? (view.next?.newPractices ?? []) : view.practices;
  const found = list.find((candidate) => candidate.id === id);
  assert.ok(found, `no practice ${id} under ${view.id}${next ? ' (next)' : ''}: ${list.map((p) => p.id).join(', ')}`);
  return found;
}

/** Opening a workspace file needs no effect: the host does it itself. */
const noEffects = {
  openExternal: async () => assert.fail('nothing external should open'),
  executeCommand: async () => assert.fail('no command should run'),
  applyFix: async () => assert.fail('no fix should be applied'),
};
