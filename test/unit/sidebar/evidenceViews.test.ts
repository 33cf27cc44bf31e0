// The evidence on the sidebar and upgrades models, for a real example workspace assessed by
// the real core: what the views show must be what the core decided, named and linked.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { nodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { assessWorkspace } from '../../../src/core/evidence/index';
import type { ServiceAssessment } from '../../../src/core/evidence/index';
import { governingFrom, loadStageFile } from '../../../src/core/workspace/stageResolution';
import type { Governing } from '../../../src/core/workspace/stageResolution';
import { withSidebarEvidence, withUpgradeEvidence } from '../../../src/extension/evidence/evidenceViews';
import type { PlaceNamer } from '../../../src/extension/evidence/evidenceViews';
import { buildUpgradesModel } from '../../../src/extension/panels/upgradesModel';
import { buildSidebarModel } from '../../../src/extension/sidebar/viewModel';
import type { ConcernView, SidebarStageModel, UpgradesModel } from '../../../src/shared/messages';

const ROOT = resolve(__dirname, '../../../examples/node-service-mvp').replace(/\\/g, '/');
const TODAY = '2025-01-01';
const places: PlaceNamer = {
  uri: (path) => `file://${path}`,
  label: (path) => path.slice(ROOT.length + 1),
};
const stageFileView = { label: '.stage.yml', uri: `file://${ROOT}/.stage.yml` };

let governing: Governing;
let service: ServiceAssessment;

before(async () => {
  const state = await loadStageFile(nodeFileSystem, `${ROOT}/.stage.yml`, { today: TODAY });
  governing = governingFrom(state);
  // As the extension's scans run: a quick fix keeps its title, not its edits.
  const assessment = await assessWorkspace(ROOT, { fs: nodeFileSystem, workspaceRoot: ROOT, today: TODAY, fixes: 'titles' });
  assert.equal(assessment.services.length, 1);
  service = assessment.services[0];
});

function sidebar(): SidebarStageModel {
  const model = buildSidebarModel({ governing, stageFile: stageFileView });
  assert.equal(model.kind, 'stage');
  return model as SidebarStageModel;
}

function concern(model: SidebarStageModel, id: string): ConcernView {
  const found = model.concerns.find((candidate) => candidate.id === id);
  assert.ok(found, `no concern ${id}`);
  return found;
}

describe('evidence on the sidebar model', () => {
  it('says a scan is running and shows no status before the first scan has finished', () => {
    const before = sidebar();
    const model = withSidebarEvidence(
      before,
      { scanning: true, progress: { phase: 'walking', entries: 40, filesRead: 3 } },
      governing.matrix,
      places,
    );
    assert.deepEqual(model.evidence, {
      scanning: true,
      assessed: false,
      behind: [],
      progress: { phase: 'walking', entries: 40, filesRead: 3 },
    });
    assert.deepEqual(model.concerns, before.concerns);
  });

  it("gives every concern the core's badge and observed stage, and lists those observed below their stage", () => {
    const model = withSidebarEvidence(sidebar(), { scanning: false, assessment: service }, governing.matrix, places);
    for (const assessed of service.concerns) {
      const view = concern(model, assessed.id);
      assert.equal(view.observed?.badge, assessed.badge, assessed.id);
      assert.equal(view.observed?.stage?.id, assessed.observedStage ?? undefined, assessed.id);
    }
    // Security is held to Production-Ready by .stage.yml and observed at Prototype.
    assert.deepEqual(concern(model, 'security').observed, {
      badge: 'gaps',
      stage: { id: 'prototype', name: 'Rapid Prototyping', shortName: 'Prototype' },
    });
    assert.deepEqual(concern(model, 'goal').observed?.badge, 'met');
    const behind = model.evidence?.behind ?? [];
    assert.ok(behind.some((entry) => entry.id === 'security' && entry.observed?.shortName === 'Prototype'));
    assert.ok(
      behind.some((entry) => entry.id === 'fault-tolerance' && entry.observed === undefined),
      'a concern with gaps and no observed stage is behind',
    );
    assert.ok(!behind.some((entry) => entry.id === 'goal' || entry.id === 'scalability'), 'met and unknown concerns are not behind');
    assert.equal(model.evidence?.assessed, true);
  });

  it('marks practices met with links to their evidence, missing with what keeps them from holding and what would satisfy them', () => {
    const model = withSidebarEvidence(sidebar(), { scanning: false, assessment: service }, governing.matrix, places);
    const restart = concern(model, 'fault-tolerance').practices.find((practice) => practice.id === 'fault-tolerance/mvp/auto-restart');
    assert.equal(restart?.status, 'missing');
    assert.equal(restart?.counterEvidence?.[0]?.label, 'compose.yaml:2');
    assert.match(restart?.counterEvidence?.[0]?.detail ?? '', /no restart policy/);
    assert.deepEqual(restart?.counterEvidence?.[0]?.location, {
      uri: `file://${ROOT}/compose.yaml`,
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
    });
    assert.ok((restart?.satisfiedBy?.length ?? 0) >= 2);

    const met = model.concerns.flatMap((view) => view.practices).filter((practice) => practice.status === 'met');
    assert.ok(met.length > 0);
    for (const practice of met) {
      assert.ok((practice.evidence?.length ?? 0) > 0, `${practice.id} is met without evidence`);
      for (const item of practice.evidence ?? []) assert.ok(item.location.uri.startsWith(`file://${ROOT}/`), item.location.uri);
    }
    const unknown = concern(model, 'scalability').practices;
    assert.ok(unknown.every((practice) => practice.status === 'unknown'));
  });

  it('carries a scan failure while keeping the last result', () => {
    const model = withSidebarEvidence(sidebar(), { scanning: false, assessment: service, error: 'EACCES' }, governing.matrix, places);
    assert.equal(model.evidence?.error, 'EACCES');
    assert.equal(concern(model, 'goal').observed?.badge, 'met');
  });
});

describe('evidence on the upgrades checklist', () => {
  function upgrades(): Extract<UpgradesModel, { kind: 'upgrade' }> {
    const model = buildUpgradesModel({ governing, stageFile: stageFileView, fallbackTitle: 'Upgrades' });
    assert.equal(model.kind, 'upgrade');
    return model as Extract<UpgradesModel, { kind: 'upgrade' }>;
  }

  it('marks each new practice and lists the findings the core says are due at the target, with their fixes', () => {
    const model = withUpgradeEvidence(upgrades(), { scanning: false, assessment: service }, places);
    assert.equal(model.kind, 'upgrade');
    if (model.kind !== 'upgrade') return;
    let met = 0;
    let findings = 0;
    for (const view of model.concerns) {
      if (view.alreadyThere) {
        assert.equal(view.findings, undefined, `${view.id} is already at the target`);
        continue;
      }
      const due = service.readiness.concerns.find((candidate) => candidate.concernId === view.id);
      assert.deepEqual(
        view.findings?.map((finding) => `${finding.ruleId}@${finding.place}`),
        due?.findings.map((finding) => `${finding.ruleId}@${places.label(finding.path)}:${finding.range.start.line + 1}`),
      );
      assert.deepEqual(
        view.newPractices.map((practice) => practice.status),
        due?.practices.map((practice) => practice.status),
      );
      met += view.newPractices.filter((practice) => practice.status === 'met').length;
      findings += view.findings?.length ?? 0;
    }
    assert.equal(model.readiness?.met, met);
    assert.equal(model.readiness?.findings, findings);
    assert.ok(findings > 0, 'the example has config findings due at Production-Ready');
    const withFix = model.concerns.flatMap((view) => view.findings ?? []).find((finding) => finding.fixTitle);
    assert.ok(withFix, 'some finding due at Production-Ready has a quick fix');
    assert.ok(withFix.location.range, 'a fix is located, so the host can recompute it');
  });

  it('leaves the other kinds of upgrades model alone and shows scanning before the first result', () => {
    const last: UpgradesModel = { kind: 'no-stage-file', title: 'x' };
    assert.equal(withUpgradeEvidence(last, { scanning: true }, places), last);
    const model = withUpgradeEvidence(upgrades(), { scanning: true }, places);
    assert.deepEqual(model.kind === 'upgrade' && model.readiness, {
      scanning: true,
      assessed: false,
      met: 0,
      missing: 0,
      unknown: 0,
      findings: 0,
    });
  });
});
