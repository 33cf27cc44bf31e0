import * as assert from 'node:assert/strict';
import { evaluateFindings } from '../../../../src/core/rules/engine/evaluate';
import type { StageContext, StagedFinding } from '../../../../src/core/rules/engine/evaluate';
import type { RuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { stageContextFor } from '../../../../src/core/rules/engine/stageContext';
import { emptySuppressions } from '../../../../src/core/rules/engine/suppressions';
import type { StageConfig, Waiver } from '../../../../src/core/stageFile/types';
import { STAGE_IDS } from '../../../../src/core/stages';
import type { StageId } from '../../../../src/core/stages';
import type { FileAnalysis, RuleMeta } from '../../../../src/core/rules/types';
import { governingFrom } from '../../../../src/core/workspace/stageResolution';
import { builtinMatrix } from '../../../../src/core/matrix/builtinMatrix';

/** The findings that reach the Problems panel and the CLI's output: those with a severity. */
const reportedFindings = (staged: readonly StagedFinding[]) => staged.filter((finding) => finding.severity !== undefined);

function rule(id: string, from: StageId, concern = 'security', dueSeverity?: 'info'): RuleMeta {
  return { id, kind: 'dockerfile', concern, from, title: id, why: 'why', fix: 'fix', peers: [], ...(dueSeverity ? { dueSeverity } : {}) };
}

const RULES = [
  rule('docker/at-prototype', 'prototype'),
  rule('docker/at-mvp', 'mvp'),
  rule('docker/at-production', 'production'),
  rule('docker/at-scale', 'scale'),
  rule('docker/at-enterprise', 'enterprise'),
  rule('docker/cosmetic', 'prototype', 'tech-stack', 'info'),
  rule('docker/cost', 'production', 'cost-efficiency'),
];
const CATALOG: RuleCatalog = { rules: RULES, byId: new Map(RULES.map((r) => [r.id, r])) };

function analysis(ruleIds: readonly string[] = RULES.map((r) => r.id)): FileAnalysis {
  return {
    kind: 'dockerfile',
    findings: ruleIds.map((ruleId, line) => ({ ruleId, range: { start: { line, character: 0 }, end: { line, character: 4 } } })),
    anchors: [],
    parseProblems: [],
    suppressions: emptySuppressions(),
  };
}

function config(partial: Partial<StageConfig> = {}): StageConfig {
  return { concerns: {}, rules: {}, ignore: [], waivers: [], ...partial };
}

function context(stage: StageId | undefined, extra: Partial<StageContext> = {}): StageContext {
  const index = stage ? STAGE_IDS.indexOf(stage) : -1;
  return {
    stageForConcern: () => stage,
    nextStage: stage ? STAGE_IDS[index + 1] : undefined,
    filePath: '/repo/services/api/Dockerfile',
    configDir: '/repo',
    today: '2025-06-01',
    ...extra,
  };
}

function summary(staged: readonly StagedFinding[]): Record<string, string> {
  return Object.fromEntries(
    staged.map((s) => [s.rule.id, `${s.status}/${s.severity ?? '-'}/${s.label}${s.suppressedBy ? `/${s.suppressedBy}` : ''}`]),
  );
}

function waiver(partial: Partial<Waiver>): Waiver {
  return {
    rule: 'docker/at-mvp',
    paths: [],
    reason: 'r',
    expired: false,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    ...partial,
  };
}

describe('evaluateFindings', () => {
  it('places findings on the stage ladder: due → warning, next → info, further → future', () => {
    const expected: Record<StageId, Record<string, string>> = {
      prototype: {
        'docker/at-prototype': 'due/warning/prototype',
        'docker/at-mvp': 'next/info/next: mvp',
        'docker/at-production': 'future/-/later: production',
        'docker/at-scale': 'future/-/later: scale',
        'docker/at-enterprise': 'future/-/later: enterprise',
        'docker/cosmetic': 'due/info/prototype',
        'docker/cost': 'future/-/later: production',
      },
      mvp: {
        'docker/at-prototype': 'due/warning/prototype',
        'docker/at-mvp': 'due/warning/mvp',
        'docker/at-production': 'next/info/next: production',
        'docker/at-scale': 'future/-/later: scale',
        'docker/at-enterprise': 'future/-/later: enterprise',
        'docker/cosmetic': 'due/info/prototype',
        'docker/cost': 'next/info/next: production',
      },
      production: {
        'docker/at-prototype': 'due/warning/prototype',
        'docker/at-mvp': 'due/warning/mvp',
        'docker/at-production': 'due/warning/production',
        'docker/at-scale': 'next/info/next: scale',
        'docker/at-enterprise': 'future/-/later: enterprise',
        'docker/cosmetic': 'due/info/prototype',
        'docker/cost': 'due/warning/production',
      },
      scale: {
        'docker/at-prototype': 'due/warning/prototype',
        'docker/at-mvp': 'due/warning/mvp',
        'docker/at-production': 'due/warning/production',
        'docker/at-scale': 'due/warning/scale',
        'docker/at-enterprise': 'next/info/next: enterprise',
        'docker/cosmetic': 'due/info/prototype',
        'docker/cost': 'due/warning/production',
      },
      enterprise: {
        'docker/at-prototype': 'due/warning/prototype',
        'docker/at-mvp': 'due/warning/mvp',
        'docker/at-production': 'due/warning/production',
        'docker/at-scale': 'due/warning/scale',
        'docker/at-enterprise': 'due/warning/enterprise',
        'docker/cosmetic': 'due/info/prototype',
        'docker/cost': 'due/warning/production',
      },
    };
    for (const stage of STAGE_IDS) assert.deepEqual(summary(evaluateFindings(analysis(), CATALOG, context(stage))), expected[stage], stage);
  });

  it('uses a declared `next:` that skips a stage', () => {
    const staged = evaluateFindings(analysis(), CATALOG, context('mvp', { nextStage: 'scale' }));
    assert.equal(summary(staged)['docker/at-production'], 'future/-/later: production');
    assert.equal(summary(staged)['docker/at-scale'], 'next/info/next: scale');
  });

  it('reports nothing without a stage (no .stage.yml): guidance stays in hovers', () => {
    const staged = evaluateFindings(analysis(), CATALOG, context(undefined, { configDir: undefined }));
    assert.equal(staged.length, RULES.length, 'findings are kept for hovers');
    assert.ok(staged.every((s) => s.status === 'future' && s.severity === undefined));
    assert.deepEqual(reportedFindings(staged), []);
  });

  it('follows per-concern overrides, with the next stage moving on from the override', () => {
    const governing = governingFrom({
      path: '/repo/.stage.yml',
      dir: '/repo',
      text: '',
      config: config({ stage: 'mvp', concerns: { 'cost-efficiency': 'scale', security: 'prototype' } }),
      problems: [],
      matrix: builtinMatrix(),
    });
    const staged = summary(evaluateFindings(analysis(), CATALOG, stageContextFor(governing, '/repo/Dockerfile', '2025-06-01')));
    assert.equal(staged['docker/cost'], 'due/warning/production', 'cost-efficiency is at scale');
    assert.equal(staged['docker/at-mvp'], 'next/info/next: mvp', 'security is at prototype, so mvp is its next stage');
    assert.equal(staged['docker/at-production'], 'future/-/later: production');
    assert.equal(staged['docker/cosmetic'], 'due/info/prototype', 'tech-stack follows the declared stage');
  });

  it('applies rule levels from .stage.yml to due and next findings, and `off` silences', () => {
    const rules = {
      'docker/at-prototype': 'error',
      'docker/at-production': 'warning',
      'docker/at-mvp': 'off',
      'docker/cosmetic': 'warning',
      'docker/at-enterprise': 'error',
    } as const;
    const staged = summary(evaluateFindings(analysis(), CATALOG, context('mvp', { config: config({ stage: 'mvp', rules }) })));
    assert.equal(staged['docker/at-prototype'], 'due/error/prototype');
    assert.equal(staged['docker/at-production'], 'next/warning/next: production');
    assert.equal(staged['docker/at-mvp'], 'due/-/mvp/rule-off');
    assert.equal(staged['docker/cosmetic'], 'due/warning/prototype', 'a level overrides dueSeverity too');
    assert.equal(staged['docker/at-enterprise'], 'future/-/later: enterprise', 'a level does not pull a future rule forward');
  });

  it('silences a whole file matched by an `ignore:` glob relative to the .stage.yml folder', () => {
    for (const glob of ['services/api/**', 'services/', 'Dockerfile', 'services/*/Dockerfile']) {
      const staged = evaluateFindings(analysis(), CATALOG, context('enterprise', { config: config({ ignore: [glob] }) }));
      assert.ok(
        staged.every((s) => s.suppressedBy === 'ignore' && s.severity === undefined),
        glob,
      );
    }
    const other = evaluateFindings(analysis(), CATALOG, context('enterprise', { config: config({ ignore: ['services/web/**'] }) }));
    assert.equal(reportedFindings(other).length, RULES.length);
  });

  it('honours unexpired waivers for matching paths, and records which waiver', () => {
    const kept = waiver({ paths: ['services/api/**'], until: '2025-06-01' });
    const staged = evaluateFindings(analysis(), CATALOG, context('enterprise', { config: config({ waivers: [kept] }) }));
    const waived = staged.find((s) => s.rule.id === 'docker/at-mvp');
    assert.equal(waived?.suppressedBy, 'waiver');
    assert.equal(waived?.waiver, kept);
    assert.equal(waived?.severity, undefined);
    assert.equal(reportedFindings(staged).length, RULES.length - 1);
  });

  it('ignores expired waivers, waivers for other paths and waivers of other rules', () => {
    const waivers = [
      waiver({ until: '2025-05-31' }),
      waiver({ expired: true }),
      waiver({ paths: ['services/web/**'] }),
      waiver({ rule: 'docker/at-scale' }),
    ];
    const staged = evaluateFindings(analysis(['docker/at-mvp']), CATALOG, context('enterprise', { config: config({ waivers }) }));
    assert.equal(staged[0].suppressedBy, undefined);
    assert.equal(staged[0].severity, 'warning');
    const noPaths = evaluateFindings(
      analysis(['docker/at-mvp']),
      CATALOG,
      context('enterprise', { config: config({ waivers: [waiver({})] }) }),
    );
    assert.equal(noPaths[0].suppressedBy, 'waiver', 'no paths: the whole .stage.yml subtree');
  });

  it('does not apply ignore globs and waivers to files outside the .stage.yml folder', () => {
    const outside = context('enterprise', { filePath: '/elsewhere/Dockerfile', config: config({ ignore: ['**'], waivers: [waiver({})] }) });
    assert.equal(reportedFindings(evaluateFindings(analysis(), CATALOG, outside)).length, RULES.length);
  });

  it('honours inline suppressions on the finding line and file-wide', () => {
    const suppressed = analysis(['docker/at-prototype', 'docker/at-mvp', 'docker/at-production']);
    suppressed.suppressions = {
      byLine: new Map([
        [0, new Set(['docker/at-prototype'])],
        [1, new Set(['docker/other'])],
      ]),
      fileWide: new Set(['docker/at-production']),
    };
    const staged = summary(evaluateFindings(suppressed, CATALOG, context('enterprise')));
    assert.equal(staged['docker/at-prototype'], 'due/-/prototype/inline');
    assert.equal(staged['docker/at-mvp'], 'due/warning/mvp');
    assert.equal(staged['docker/at-production'], 'due/-/production/inline');
    const all = analysis(['docker/at-mvp']);
    all.suppressions = { byLine: new Map([[0, new Set(['*'])]]), fileWide: new Set() };
    assert.equal(evaluateFindings(all, CATALOG, context('enterprise'))[0].suppressedBy, 'inline');
  });

  it('drops findings of rules the catalog does not know', () => {
    assert.deepEqual(evaluateFindings(analysis(['docker/unknown']), CATALOG, context('enterprise')), []);
  });
});

describe('evaluateFindings: a rule whose threshold follows the stage (steps), and the ids it replaced', () => {
  const merged: RuleMeta = {
    ...rule('k8s/replicas', 'production', 'scalability'),
    kind: 'kubernetes',
    thresholds: [
      { from: 'production', value: 2, formerId: 'k8s/replicas-at-least-2' },
      { from: 'scale', value: 3, formerId: 'k8s/replicas-at-least-3' },
    ],
  };
  const catalog: RuleCatalog = { rules: [merged], byId: new Map([[merged.id, merged]]) };
  const range = { start: { line: 4, character: 2 }, end: { line: 4, character: 7 } };
  /** One workload with 1 replica: short of both thresholds. */
  function oneReplica(): FileAnalysis {
    return {
      kind: 'kubernetes',
      findings: [
        {
          ruleId: 'k8s/replicas',
          range,
          message: 'asks 2',
          steps: [
            { from: 'production', message: 'asks 2', fix: { title: 'Set replicas: 2', edits: [] } },
            { from: 'scale', message: 'asks 3', fix: { title: 'Set replicas: 3', edits: [] } },
          ],
        },
      ],
      anchors: [],
      parseProblems: [],
      suppressions: emptySuppressions(),
    };
  }
  const reported = (analysisOf: FileAnalysis, stage: StageId, extra: Partial<StageContext> = {}): string[] =>
    evaluateFindings(analysisOf, catalog, context(stage, { filePath: '/repo/deploy/api.yaml', ...extra })).map(
      (staged) =>
        `${staged.status}/${staged.severity ?? '-'}/${staged.label}: ${staged.finding.message} [${staged.finding.fix?.title ?? 'no fix'}]${staged.suppressedBy ? ` (${staged.suppressedBy})` : ''}`,
    );

  it('reports one finding, the step of the highest stage that governs the file, else the first as next/later', () => {
    assert.deepEqual(reported(oneReplica(), 'mvp'), ['next/info/next: production: asks 2 [Set replicas: 2]']);
    assert.deepEqual(reported(oneReplica(), 'production'), ['due/warning/production: asks 2 [Set replicas: 2]']);
    assert.deepEqual(reported(oneReplica(), 'scale'), ['due/warning/scale: asks 3 [Set replicas: 3]']);
    assert.deepEqual(reported(oneReplica(), 'prototype'), ['future/-/later: production: asks 2 [Set replicas: 2]']);
  });

  it('rules: and waivers naming a former id apply to its step: the other threshold is still reported, as it was', () => {
    const offAt3 = { config: config({ rules: { 'k8s/replicas-at-least-3': 'off' } }) };
    assert.deepEqual(reported(oneReplica(), 'scale', offAt3), ['due/warning/production: asks 2 [Set replicas: 2]']);
    const offAt2 = { config: config({ rules: { 'k8s/replicas-at-least-2': 'off' } }) };
    assert.deepEqual(reported(oneReplica(), 'scale', offAt2), ['due/warning/scale: asks 3 [Set replicas: 3]']);
    assert.deepEqual(reported(oneReplica(), 'production', offAt2), ['next/info/next: scale: asks 3 [Set replicas: 3]']);
    const both = { config: config({ rules: { 'k8s/replicas-at-least-2': 'off', 'k8s/replicas-at-least-3': 'off' } }) };
    assert.deepEqual(reported(oneReplica(), 'scale', both), ['due/-/scale: asks 3 [Set replicas: 3] (rule-off)']);
    const errorAt3 = { config: config({ rules: { 'k8s/replicas-at-least-3': 'error' } }) };
    assert.deepEqual(reported(oneReplica(), 'scale', errorAt3), ['due/error/scale: asks 3 [Set replicas: 3]']);
    const waived = { config: config({ waivers: [waiver({ rule: 'k8s/replicas-at-least-2' })] }) };
    assert.deepEqual(reported(oneReplica(), 'production', waived), ['next/info/next: scale: asks 3 [Set replicas: 3]']);
    const waivedBoth = {
      config: config({ waivers: [waiver({ rule: 'k8s/replicas-at-least-2' }), waiver({ rule: 'k8s/replicas-at-least-3' })] }),
    };
    assert.deepEqual(reported(oneReplica(), 'production', waivedBoth), ['due/-/production: asks 2 [Set replicas: 2] (waiver)']);
  });

  it('an inline comment naming a former id applies to its step; the new id silences every step', () => {
    const inline = oneReplica();
    inline.suppressions = { byLine: new Map([[4, new Set(['k8s/replicas-at-least-2'])]]), fileWide: new Set() };
    assert.deepEqual(reported(inline, 'production'), ['next/info/next: scale: asks 3 [Set replicas: 3]']);
    const all = oneReplica();
    all.suppressions = { byLine: new Map([[4, new Set(['k8s/replicas'])]]), fileWide: new Set() };
    assert.deepEqual(reported(all, 'scale'), ['due/-/scale: asks 3 [Set replicas: 3] (inline)']);
    const off = { config: config({ rules: { 'k8s/replicas': 'off' } }) };
    assert.deepEqual(reported(oneReplica(), 'production', off), ['due/-/production: asks 2 [Set replicas: 2] (rule-off)']);
  });
});
