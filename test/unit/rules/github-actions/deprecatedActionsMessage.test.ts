import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';

const workflow = (uses: string) =>
  `on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: ${uses}\n      - run: make\n`;

function messagesFor(uses: string): string[] {
  const analysis = analyzeFile('/repo/.github/workflows/ci.yml', workflow(uses), NO_WORKSPACE_FACTS)!;
  return analysis.findings.filter((finding) => finding.ruleId === 'gha/deprecated-actions').map((finding) => finding.message ?? '');
}

describe('gha/deprecated-actions messages', () => {
  it('name the first major on Node.js 24 "or later", with the table date', () => {
    assert.deepEqual(messagesFor('actions/checkout@v2'), [
      '`actions/checkout@v2` targets Node.js 12, end-of-life since 2022 (as of 2026-12); use `actions/checkout@v5` or later.',
    ]);
    assert.match(messagesFor('actions/setup-python@v4')[0], /use `actions\/setup-python@v6` or later\.$/);
  });

  it('leave Node.js 20 majors alone: GitHub runs them on Node.js 24', () => {
    assert.deepEqual(messagesFor('actions/checkout@v4'), []);
    assert.deepEqual(messagesFor('actions/setup-node@v4'), []);
  });
});
