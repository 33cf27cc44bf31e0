import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { ANALYZERS } from '../../../../src/core/rules/engine/analyzerRegistry';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import type { KindAnalyzer } from '../../../../src/core/rules/types';

describe('analyzeFile', () => {
  it("analyses a file of a known kind with that kind's analyzer", () => {
    const analysis = analyzeFile('/repo/Dockerfile', 'FROM node\n', NO_WORKSPACE_FACTS);
    assert.equal(analysis?.kind, 'dockerfile');
    assert.ok(analysis?.findings.some((finding) => finding.ruleId === 'docker/base-image-tag'));
  });

  it('returns undefined for files Stage Guide does not read', () => {
    assert.equal(analyzeFile('/repo/README.md', '# hi', NO_WORKSPACE_FACTS), undefined);
    assert.equal(analyzeFile('/repo/.stage.yml', 'stage: mvp\n', NO_WORKSPACE_FACTS), undefined);
  });

  it('registers one analyzer per file kind, of that kind', () => {
    for (const [kind, analyzer] of Object.entries(ANALYZERS)) assert.equal(analyzer.kind, kind);
  });

  it('turns an analyzer that throws into a parse problem instead of a crash', () => {
    const original = ANALYZERS.dockerfile;
    const throwing: KindAnalyzer = {
      kind: 'dockerfile',
      analyze() {
        throw new Error('parser exploded\nstack');
      },
    };
    (ANALYZERS as Record<string, KindAnalyzer>).dockerfile = throwing;
    try {
      const analysis = analyzeFile('/repo/Dockerfile', 'FROM node\n', NO_WORKSPACE_FACTS);
      assert.equal(analysis?.kind, 'dockerfile');
      assert.deepEqual(analysis?.findings, []);
      assert.equal(analysis?.parseProblems.length, 1);
      assert.match(analysis?.parseProblems[0].message ?? '', /parser exploded/);
    } finally {
      (ANALYZERS as Record<string, KindAnalyzer>).dockerfile = original;
    }
  });
});
