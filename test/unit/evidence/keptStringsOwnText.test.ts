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

  it('a long string the scan cache keeps (a script, past what its table shares) keeps no slice of its file', function () {
    this.timeout(60_000);
    const grew = heapGrowthAfter(`(comment) => {
      const { StringTable, shareStrings } = require(${src('evidence/scan/sharedStrings.ts')});
      // A workflow step's script as the workflow model makes it: lines of the file's text joined.
      const script = comment.slice(2, 3000) + '\\n' + comment.slice(3000, 6000);
      const kept = shareStrings({ run: { text: script } }, new StringTable());
      if (kept.run.text !== script) throw new Error('the script changed');
      return kept;
    }`);
    assert.ok(grew < 4 * 1024 * 1024, `the heap grew by ${(grew / 1024 / 1024).toFixed(1)} MB`);
  });

  it('a flat copy (what the string table keeps) is its characters and a header, not a slice of a copy (32 bytes more, each)', function () {
    this.timeout(60_000);
    // 50,000 names of 40 characters, as the scan cache keeps them: the heap grew by 1.0-1.2 MB with flat copies, by 3.1 MB
    // with ownCopy's slices of copies (node 20).
    const script = `
      const { flatCopy } = require(${src('ownCopy.ts')});
      const text = JSON.parse(JSON.stringify(Array.from({ length: 50_000 }, (_, i) => 'service-name-' + String(i).padStart(27, '0')).join('')));
      const heap = () => { gc(); return process.memoryUsage().heapUsed; };
      const before = heap();
      const copies = Array.from({ length: 50_000 }, (_, i) => flatCopy(text.slice(i * 40, i * 40 + 40)));
      const after = heap();
      console.log(JSON.stringify({ grew: after - before, same: copies.every((copy, i) => copy === text.slice(i * 40, i * 40 + 40)) }));
    `;
    const result = spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const { grew, same } = JSON.parse(result.stdout.trim().split('\n').pop()!) as { grew: number; same: boolean };
    assert.ok(same, 'the copies are equal to what they copy');
    assert.ok(grew < 2 * 1024 * 1024, `50,000 copies took ${(grew / 1024 / 1024).toFixed(2)} MB`);
  });

  // The cache shares the strings of what it keeps (shareStrings), but leaves frozen objects as they are: the subject
  // one object's or service's findings share is frozen, so its strings must be copies when it is made.
  for (const [label, module, yaml] of [
    [
      "a Kubernetes object's subject (kind, name, namespace)",
      'kubernetes/analyzeKubernetes',
      'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: checkout-frontend-service\\n  namespace: storefront-production\\nspec:\\n  template:\\n    spec:\\n      containers:\\n        - name: checkout-frontend-container\\n          image: registry.example.com/storefront/checkout:latest\\n',
    ],
    [
      "a compose service's subject",
      'compose/analyzeCompose',
      'services:\\n  checkout-frontend-service:\\n    image: registry.example.com/storefront/checkout:latest\\n    privileged: true\\n',
    ],
  ] as const)
    it(`${label}, kept with the findings of its file, keeps no slice of the file`, function () {
      this.timeout(60_000);
      const analyzer = module.slice(module.indexOf('/') + 1);
      const grew = heapGrowthAfter(`(comment) => {
        const { ${analyzer} } = require(${src(`rules/${module}.ts`)});
        const subjects = ${analyzer}(comment + '${yaml}').findings.map((finding) => finding.subject).filter(Boolean);
        if (!subjects.some((subject) => Object.isFrozen(subject) && JSON.stringify(subject).includes('checkout-frontend-service')))
          throw new Error('no frozen subject read from the file: ' + JSON.stringify(subjects));
        return subjects;
      }`);
      assert.ok(grew < 4 * 1024 * 1024, `the heap grew by ${(grew / 1024 / 1024).toFixed(1)} MB`);
    });
});
