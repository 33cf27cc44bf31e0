import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const src = (path: string) => JSON.stringify(join(__dirname, '../../../src/core', path));

/**
 * Runs `keep` (which returns what a long-lived holder keeps of a 32 MB text) in a node of its own with the collector
 * exposed, and returns how much the heap grew once the text was let go.
 */
function heapGrowthAfter(keep: string): number {
  const script = `
    const heap = () => { gc(); return process.memoryUsage().heapUsed; };
    const before = heap();
    // In a function of its own: a frame still running could hold the text in one of its slots.
    const run = () => {
      // A flat string in the heap, as a file's text is once decoded (a JSON round trip flattens the repetition).
      const comment = JSON.parse(JSON.stringify('# ' + 'a comment no tree keeps, '.repeat(1_300_000) + '\\n'));
      return (${keep})(comment);
    };
    const kept = run();
    const after = heap();
    console.log(JSON.stringify({ grew: after - before, kept: String(JSON.stringify(kept)).length }));
  `;
  const result = spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const { grew, kept } = JSON.parse(result.stdout.trim().split('\n').pop()!) as { grew: number; kept: number };
  assert.ok(kept > 10, 'something was kept');
  return grew;
}

describe('evidence: what a scan keeps holds its own strings, not the file text they were read from', () => {
  it('a located YAML tree (kept in a service facts) keeps no slice of its file', function () {
    this.timeout(60_000);
    const grew = heapGrowthAfter(`(comment) => {
      const { yamlDocuments } = require(${src('evidence/parsers/yamlTree.ts')});
      const text = comment + 'apiVersion: apiextensions.k8s.io/v1\\nkind: CustomResourceDefinition\\nmetadata:\\n  name: widgets.example.com\\n';
      return yamlDocuments(text).map((document) => document.root);
    }`);
    // A few small objects, not the 32 MB text (a slice of it would keep it alive).
    assert.ok(grew < 4 * 1024 * 1024, `the heap grew by ${(grew / 1024 / 1024).toFixed(1)} MB`);
  });

  it('a memo by text keeps its own copy of the text and of what it answered from it', function () {
    this.timeout(60_000);
    const grew = heapGrowthAfter(`(comment) => {
      const { memoizedByText } = require(${src('memoizedByText.ts')});
      const repository = memoizedByText((text) => text.slice(0, text.indexOf(':')), 16);
      const text = comment + 'registry.example.com/team/api:1.4.2';
      return [repository(text.slice(comment.length)), repository];
    }`);
    assert.ok(grew < 4 * 1024 * 1024, `the heap grew by ${(grew / 1024 / 1024).toFixed(1)} MB`);
  });
});
