import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assessWorkspace } from '../../../src/core/evidence/index';
import type { ConcernAssessment, PracticeAssessment, ServiceAssessment } from '../../../src/core/evidence/index';
import { concernBadge, ladderRungs, observedStage } from '../../../src/core/evidence/assessment/ladder';
import { assessPractice, practiceTiming } from '../../../src/core/evidence/assessment/practiceStatus';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import type { SignalResult } from '../../../src/core/evidence/signals/evaluateSignals';
import type { Practice } from '../../../src/core/matrix/types';
import type { StageId } from '../../../src/core/stages';
import { nodeFileSystem, toCorePath } from '../../../src/cli/nodeFileSystem';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';

const fixtures = toCorePath(join(__dirname, '..', '..', 'fixtures', 'evidence'));
const catalog = builtinSignalCatalog();

function practice(id: string, anyOf?: string[]): Practice {
  return { id, title: id, rationale: 'because', origin: 'builtin', ...(anyOf ? { evidence: { anyOf } } : {}) };
}

function results(observed: Record<string, boolean>): Map<string, SignalResult> {
  return new Map(
    Object.entries(observed).map(([id, isObserved]) => [
      id,
      {
        id,
        observed: isObserved,
        evidence: isObserved ? [{ path: '/ws/x', detail: id }] : [],
        counterEvidence: [],
        moreEvidence: 0,
        moreCounterEvidence: 0,
      },
    ]),
  );
}

function assessed(stage: StageId, status: PracticeAssessment['status']): PracticeAssessment {
  return {
    practice: practice(`c/${stage}/${status}`),
    concernId: 'c',
    stage,
    status,
    timing: 'due',
    evidence: [],
    satisfiedBy: [],
    counterEvidence: [],
  };
}

function concern(service: ServiceAssessment, id: string): ConcernAssessment {
  return service.concerns.find((candidate) => candidate.id === id)!;
}

function status(service: ServiceAssessment, practiceId: string): PracticeAssessment {
  const found = service.concerns.flatMap((candidate) => candidate.practices).find((candidate) => candidate.practice.id === practiceId);
  assert.ok(found, `no practice ${practiceId}`);
  return found;
}

describe('evidence: assessment', () => {
  describe('a practice', () => {
    it("is met when any named signal is observed, with that signal's evidence", () => {
      const result = assessPractice(practice('x/mvp/p', ['tests.present', 'ci.runs-tests']), 'x', 'mvp', 'due', {
        catalog,
        signals: results({ 'tests.present': false, 'ci.runs-tests': true }),
      });
      assert.deepEqual([result.status, result.evidence.map((item) => item.detail)], ['met', ['ci.runs-tests']]);
    });

    it('is missing when none is, and says what would satisfy it', () => {
      const result = assessPractice(practice('x/mvp/p', ['tests.present']), 'x', 'mvp', 'due', {
        catalog,
        signals: results({ 'tests.present': false }),
      });
      assert.equal(result.status, 'missing');
      assert.deepEqual(
        result.satisfiedBy.map((signal) => signal.signal),
        ['tests.present'],
      );
      assert.match(result.satisfiedBy[0].satisfiedBy, /Test files/);
    });

    it("shares its lists: a signal's own evidence, one list of satisfying signals per practice, one empty list", () => {
      // Kept for each practice of every service while the editor keeps the workspace: lists made once.
      const signals = results({ 'tests.present': false, 'ci.runs-tests': true });
      const met = assessPractice(practice('x/mvp/p', ['tests.present', 'ci.runs-tests']), 'x', 'mvp', 'due', { catalog, signals });
      assert.equal(met.evidence, signals.get('ci.runs-tests')?.evidence);
      const missingOne = practice('x/mvp/m', ['tests.present']);
      const inOneService = assessPractice(missingOne, 'x', 'mvp', 'due', { catalog, signals });
      const inAnother = assessPractice(missingOne, 'x', 'mvp', 'due', { catalog, signals: results({ 'tests.present': false }) });
      assert.equal(inOneService.satisfiedBy, inAnother.satisfiedBy);
      assert.equal(met.counterEvidence, inOneService.evidence);
      assert.deepEqual(met.counterEvidence, []);
      assert.ok(Object.isFrozen(met.counterEvidence));
    });

    it('is unknown when it names no evidence: never met, never missing', () => {
      const result = assessPractice(practice('x/mvp/p'), 'x', 'mvp', 'due', { catalog, signals: results({}) });
      assert.deepEqual([result.status, result.unknownReason], ['unknown', { kind: 'not-observable' }]);
    });

    it('is unknown (not applicable) when a context it depends on is not observed', () => {
      const gated = practice('database/mvp/versioned-migrations', ['db.migrations']);
      const noDatabase = assessPractice(gated, 'database', 'mvp', 'due', {
        catalog,
        signals: results({ 'db.client': false, 'db.migrations': false, 'db.defined-in-infrastructure': false }),
      });
      assert.equal(noDatabase.status, 'unknown');
      assert.equal(noDatabase.unknownReason?.kind === 'not-applicable' && noDatabase.unknownReason.context, 'uses-database');
      const withDatabase = assessPractice(gated, 'database', 'mvp', 'due', {
        catalog,
        signals: results({ 'db.client': true, 'db.migrations': false }),
      });
      assert.equal(withDatabase.status, 'missing');
    });

    it('is due at or below the governing stage, next at the next stage, future beyond (and future with no stage)', () => {
      assert.deepEqual(
        ['prototype', 'mvp', 'production', 'scale'].map((stage) => practiceTiming(stage as StageId, 'mvp', 'production')),
        ['due', 'due', 'next', 'future'],
      );
      assert.equal(practiceTiming('prototype', undefined, undefined), 'future');
    });
  });

  describe('the ladder', () => {
    it('climbs while stages are met; a stage with gaps stops it', () => {
      const rungs = ladderRungs([
        assessed('prototype', 'met'),
        assessed('mvp', 'met'),
        assessed('production', 'missing'),
        assessed('scale', 'met'),
      ]);
      assert.deepEqual(
        rungs.map((rung) => rung.status),
        ['met', 'met', 'gaps', 'met', 'unobservable'],
      );
      assert.equal(observedStage(rungs), 'mvp');
    });

    it('an unobservable stage neither blocks the climb nor is claimed as reached', () => {
      const rungs = ladderRungs([
        assessed('prototype', 'unknown'),
        assessed('mvp', 'met'),
        assessed('production', 'unknown'),
        assessed('scale', 'missing'),
      ]);
      assert.deepEqual(
        rungs.map((rung) => rung.status),
        ['unobservable', 'met', 'unobservable', 'gaps', 'unobservable'],
      );
      assert.equal(observedStage(rungs), 'mvp', 'production had nothing observable: not claimed');
      assert.equal(observedStage(ladderRungs([assessed('mvp', 'unknown'), assessed('scale', 'met')])), 'scale');
      assert.equal(observedStage(ladderRungs([assessed('prototype', 'missing'), assessed('mvp', 'met')])), null);
      assert.equal(observedStage(ladderRungs([])), null);
    });

    it("the badge judges practices up to the concern's stage only", () => {
      const practices = [assessed('mvp', 'met'), assessed('production', 'missing')];
      assert.equal(concernBadge(practices, 'mvp'), 'met');
      assert.equal(concernBadge(practices, 'production'), 'gaps');
      assert.equal(concernBadge([assessed('mvp', 'unknown')], 'mvp'), 'unknown');
      assert.equal(concernBadge(practices, undefined), 'unknown');
    });
  });

  describe('a service', () => {
    const files = tree(ROOT, {
      '.stage.yml': 'stage: mvp\nconcerns:\n  security: production\n',
      'package.json': '{"scripts":{"test":"jest"},"dependencies":{"express":"^4","pg":"^8"}}',
      'src/app.test.js': '',
      Dockerfile: 'FROM node:20\nCMD node app.js\n',
      'compose.yaml': 'services:\n  api:\n    build: .\n',
    });

    it('assesses every concern against its own stage, with observed stage, badge and ladder', async () => {
      const {
        services: [service],
      } = await assessWorkspace(ROOT, { fs: new TreeFileSystem(files), workspaceRoot: ROOT, today: '2025-01-01' });
      assert.equal(service.stage, 'mvp');
      assert.deepEqual([concern(service, 'security').stage, concern(service, 'security').next], ['production', 'scale']);
      assert.equal(status(service, 'testing-deployment/mvp/unit-tests-core-logic').status, 'met');
      assert.equal(status(service, 'testing-deployment/mvp/tests-one-command').status, 'met');
      assert.equal(
        status(service, 'database/mvp/versioned-migrations').status,
        'missing',
        'pg is a database client: migrations are expected',
      );
      assert.equal(concern(service, 'cost-efficiency').badge, 'unknown', 'nothing observable up to MVP');
      assert.equal(concern(service, 'tech-stack').observedStage, 'prototype');
      assert.equal(status(service, 'security/production/security-policy').timing, 'due', 'security is held to production');
    });

    it('readiness lists what the next stage adds, per concern, and the config findings due there', async () => {
      const {
        services: [service],
      } = await assessWorkspace(ROOT, { fs: new TreeFileSystem(files), workspaceRoot: ROOT, today: '2025-01-01' });
      const testing = service.readiness.concerns.find((entry) => entry.concernId === 'testing-deployment')!;
      assert.deepEqual([testing.from, testing.to], ['mvp', 'production']);
      assert.deepEqual(
        testing.practices.map((entry) => entry.stage),
        ['production', 'production', 'production', 'production'],
      );
      const security = service.readiness.concerns.find((entry) => entry.concernId === 'security')!;
      assert.deepEqual([security.from, security.to], ['production', 'scale']);
      const faultTolerance = service.readiness.concerns.find((entry) => entry.concernId === 'fault-tolerance')!;
      assert.ok(faultTolerance.findings.some((finding) => finding.ruleId === 'docker/exec-form-cmd' && finding.status === 'next'));
      assert.equal(
        service.readiness.findings,
        service.readiness.concerns.reduce((sum, entry) => sum + entry.findings.length, 0),
      );
      assert.equal(service.readiness.to, 'production');
    });

    it('a stage override assesses as if that stage were declared (per-concern overrides still apply)', async () => {
      const {
        services: [service],
      } = await assessWorkspace(ROOT, {
        fs: new TreeFileSystem(files),
        workspaceRoot: ROOT,
        today: '2025-01-01',
        stageOverride: 'production',
      });
      assert.deepEqual([service.declaredStage, service.stage, service.next, service.stageOverridden], ['mvp', 'production', 'scale', true]);
      assert.equal(status(service, 'testing-deployment/production/ci-tests-every-push').timing, 'due');
      assert.ok(service.findings.some((finding) => finding.ruleId === 'docker/exec-form-cmd' && finding.status === 'due'));
    });

    it('without a .stage.yml nothing is due, yet what is observed is still shown', async () => {
      const {
        services: [service],
      } = await assessWorkspace(ROOT, {
        fs: new TreeFileSystem(tree(ROOT, { 'package.json': '{"dependencies":{"express":"^4"}}' })),
        workspaceRoot: ROOT,
        today: '2025-01-01',
      });
      assert.deepEqual([service.stageFile, service.stage, service.readiness.concerns.length], [undefined, undefined, 0]);
      assert.ok(service.concerns.every((entry) => entry.badge === 'unknown'));
      assert.ok(service.concerns.flatMap((entry) => entry.practices).every((entry) => entry.timing === 'future'));
      assert.equal(status(service, 'tech-stack/mvp/mainstream-framework').status, 'met');
      assert.ok(service.findings.every((finding) => finding.severity === undefined));
    });
  });

  describe('workspaces on disk', () => {
    it('a monorepo: two services at different stages, each assessed on its own subtree', async () => {
      const root = `${fixtures}/monorepo`;
      const result = await assessWorkspace(root, { fs: nodeFileSystem, workspaceRoot: root, today: '2025-01-01' });
      assert.deepEqual(
        result.services.map((service) => [service.name, service.stage]),
        [
          ['web', 'production'],
          ['worker', 'prototype'],
        ],
      );
      const [web, worker] = result.services;
      assert.equal(status(web, 'testing-deployment/production/ci-tests-every-push').status, 'met', 'the root workflow names services/web');
      assert.equal(status(worker, 'testing-deployment/production/ci-tests-every-push').status, 'missing');
      assert.equal(status(web, 'monitoring-logging/production/json-logs').status, 'met');
      assert.equal(status(worker, 'monitoring-logging/production/json-logs').status, 'missing', "web's pino is not the worker's");
      assert.equal(status(worker, 'tech-stack/prototype/dependency-manifest').evidence[0].path, `${root}/services/worker/requirements.txt`);
      assert.ok(web.findings.every((finding) => finding.path.startsWith(`${root}/services/web/`)));
      assert.ok(
        worker.concerns.flatMap((entry) => entry.practices).every((entry) => entry.timing !== 'due' || entry.stage === 'prototype'),
      );
    });

    it('a subfolder of a service is assessed as the whole service', async () => {
      const root = `${fixtures}/monorepo`;
      const result = await assessWorkspace(`${root}/services/web/test`, { fs: nodeFileSystem, workspaceRoot: root, today: '2025-01-01' });
      assert.deepEqual(
        result.services.map((service) => service.root),
        [`${root}/services/web`],
      );
    });

    it('a tree with nothing to observe: observable practices missing, the rest unknown, team practices unknown', async () => {
      const root = `${fixtures}/unknown-evidence`;
      const {
        services: [service],
      } = await assessWorkspace(root, { fs: nodeFileSystem, workspaceRoot: root, today: '2025-01-01' });
      const practices = service.concerns.flatMap((entry) => entry.practices);
      assert.equal(status(service, 'compliance/mvp/data-inventory').status, 'unknown');
      assert.equal(concern(service, 'compliance').badge, 'unknown');
      assert.ok(practices.filter((entry) => !entry.practice.evidence).every((entry) => entry.status === 'unknown'));
      assert.ok(
        practices
          .filter((entry) => entry.concernId === 'database' && entry.practice.evidence)
          .every((entry) => entry.unknownReason?.kind === 'not-applicable'),
        'no database: the database concern cannot be judged',
      );
      assert.equal(practices.filter((entry) => entry.status === 'met').length, 0);
      assert.ok(service.concerns.every((entry) => entry.observedStage === null));
    });
  });
});
