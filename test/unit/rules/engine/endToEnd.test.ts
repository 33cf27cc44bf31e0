import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { evaluateFindings } from '../../../../src/core/rules/engine/evaluate';
import type { StageContext, StagedFinding } from '../../../../src/core/rules/engine/evaluate';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import { stageAfter } from '../../../../src/core/stages';
import type { StageId } from '../../../../src/core/stages';

/** The findings that reach the Problems panel and the CLI's output: those with a severity. */
const reportedFindings = (staged: readonly StagedFinding[]) => staged.filter((finding) => finding.severity !== undefined);

function at(stage: StageId, filePath: string): StageContext {
  return { stageForConcern: () => stage, nextStage: stageAfter(stage), filePath, configDir: '/repo', today: '2025-06-01' };
}

function staged(path: string, text: string, stage: StageId) {
  const analysis = analyzeFile(path, text, NO_WORKSPACE_FACTS);
  assert.ok(analysis, path);
  assert.deepEqual(analysis.parseProblems, []);
  return evaluateFindings(analysis, builtinRuleCatalog(), at(stage, path));
}

describe('analysis and staging end to end', () => {
  it('the same Dockerfile yields different severities at two stages', () => {
    const text = 'FROM node:20-slim\nCMD node server.js\n';
    const severities = (stage: StageId) =>
      Object.fromEntries(staged('/repo/Dockerfile', text, stage).map((s) => [s.rule.id, s.severity ?? s.status]));
    assert.equal(severities('mvp')['docker/non-root-user'], 'info', 'production is next after mvp');
    assert.equal(severities('production')['docker/non-root-user'], 'warning');
    assert.equal(severities('mvp')['docker/base-image-digest'], 'future');
  });

  it('inline suppressions in a Dockerfile silence findings above, at the end of a RUN, and file-wide', () => {
    const text = [
      '# stage-guide: ignore-file docker/base-image-digest',
      'FROM node:20-slim',
      '# stage-guide: ignore docker/sudo',
      'RUN sudo apt-get update',
      'RUN sudo make # stage-guide: ignore docker/sudo',
      'RUN sudo make install',
      'USER node',
      'CMD ["node", "server.js"]',
      '',
    ].join('\n');
    const results = staged('/repo/Dockerfile', text, 'enterprise');
    const sudo = results.filter((s) => s.rule.id === 'docker/sudo');
    assert.deepEqual(
      sudo.map((s) => [s.finding.range.start.line, s.suppressedBy ?? s.severity]),
      [
        [3, 'inline'],
        [4, 'inline'],
        [5, 'warning'],
      ],
    );
    assert.equal(results.find((s) => s.rule.id === 'docker/base-image-digest')?.suppressedBy, 'inline');
    assert.ok(reportedFindings(results).every((s) => s.rule.id !== 'docker/base-image-digest'));
  });

  it('inline suppressions in a YAML file silence findings above, at the end of a line, and file-wide', () => {
    const text = [
      'services:',
      '  cache:',
      '    image: redis:latest # stage-guide: ignore compose/image-tag',
      '  db:',
      '    # stage-guide: ignore compose/image-tag',
      '    image: postgres',
      '  web:',
      '    image: nginx:latest',
      '',
    ].join('\n');
    const imageTag = staged('/repo/compose.yml', text, 'mvp').filter((s) => s.rule.id === 'compose/image-tag');
    assert.deepEqual(
      imageTag.map((s) => [s.finding.range.start.line, s.suppressedBy ?? s.severity]),
      [
        [2, 'inline'],
        [5, 'inline'],
        [7, 'warning'],
      ],
    );
    const fileWide = staged('/repo/compose.yml', `# stage-guide: ignore-file compose/image-tag\n${text}`, 'mvp');
    assert.ok(fileWide.filter((s) => s.rule.id === 'compose/image-tag').every((s) => s.suppressedBy === 'inline'));
  });
});
