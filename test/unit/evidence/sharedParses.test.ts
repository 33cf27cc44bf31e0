import assert from 'node:assert/strict';
import { Parser } from 'yaml';
import { assessWorkspace } from '../../../src/core/evidence/index';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { collectFacts } from '../../../src/core/evidence/scan/collectFacts';
import { SharedParses } from '../../../src/core/evidence/scan/sharedParses';
import { whileScanning } from '../../../src/core/scanLifetime';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';

/** How many times yaml's parser was given each text while `run` ran. */
async function parseCounts(run: () => Promise<unknown>): Promise<Map<string, number>> {
  const parse = Parser.prototype.parse;
  const counts = new Map<string, number>();
  Parser.prototype.parse = function (this: Parser, source: string, incomplete?: boolean) {
    counts.set(source, (counts.get(source) ?? 0) + 1);
    return parse.call(this, source, incomplete);
  };
  try {
    await run();
  } finally {
    Parser.prototype.parse = parse;
  }
  return counts;
}

describe('evidence: copies of a file share one parse', () => {
  before(() => {
    // The catalogues parse their own YAML once per process; load them before counting parses.
    builtinSignalCatalog();
    builtinRuleCatalog();
  });

  it('parses a text that recurs at most twice, and keeps nothing of texts seen once', () => {
    const shared = new SharedParses<string>();
    const parsed: string[] = [];
    const parse = (text: string) => {
      parsed.push(text);
      return `parse of ${text}`;
    };
    for (let i = 0; i < 5; i++) assert.equal(shared.get('copy: 1\n', parse), 'parse of copy: 1\n');
    for (let i = 0; i < 50; i++) shared.get(`unique: ${i}\n`, parse);
    assert.equal(parsed.filter((text) => text === 'copy: 1\n').length, 2);
    assert.equal(shared.hits, 3);
    // Unique texts went through once each, and none is kept: asking again parses again (the second sight).
    shared.get('unique: 7\n', parse);
    assert.equal(parsed.filter((text) => text === 'unique: 7\n').length, 2);
  });

  it('keeps the most recently used texts within its capacity', () => {
    const shared = new SharedParses<number>(2);
    let parses = 0;
    const parse = () => ++parses;
    for (const text of ['a', 'a', 'b', 'b', 'c', 'c']) shared.get(text, parse);
    assert.equal(parses, 6);
    shared.get('c', parse);
    shared.get('b', parse);
    assert.equal(parses, 6, 'b and c are kept');
    shared.get('a', parse);
    assert.equal(parses, 7, 'a was the least recently used');
  });

  it('parses a repository workflow once or twice for a root and four nested services, not five times; a copied manifest likewise', async () => {
    // Texts of this test alone: a unique comment in each.
    const mark = `# ${process.pid}-${Date.now()}`;
    const workflow = `${mark}\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n`;
    const manifest = `${mark}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: quickstart\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: quickstart:1.0\n`;
    const files: Record<string, string> = { '.stage.yml': 'stage: mvp\n', '.github/workflows/ci.yml': workflow };
    for (const service of ['a', 'b', 'c', 'd']) {
      files[`services/${service}/.stage.yml`] = 'stage: mvp\n';
      files[`services/${service}/examples/deployment.yaml`] = manifest;
    }
    const fs = new TreeFileSystem(tree(ROOT, files));
    let findings = 0;
    const counts = await parseCounts(async () => {
      const assessed = await assessWorkspace(ROOT, { fs, workspaceRoot: ROOT, today: '2025-01-01' });
      findings = assessed.services.reduce(
        (sum, service) => sum + service.findings.filter((finding) => finding.path.endsWith('deployment.yaml')).length,
        0,
      );
    });
    assert.equal(counts.get(workflow), 2, 'the root reads it, then each nested service inherits it');
    assert.equal(counts.get(manifest), 2, 'four copies');
    // The copies were still analysed: their findings are reported (once, with the copies named).
    assert.ok(findings > 0);
    // The shared parses end with the scan (an editor keeps nothing of them between its scans): a later scan of the
    // same tree parses the copies again, as the first did.
    const again = await parseCounts(() => assessWorkspace(ROOT, { fs, workspaceRoot: ROOT, today: '2025-01-01' }));
    assert.equal(again.get(manifest), 2);
  });

  it('gives copies one located tree each document, each copy its own place; a later scan makes its own', async () => {
    const mark = `# trees ${process.pid}-${Date.now()}`;
    const manifest = `${mark}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: quickstart\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: quickstart:1.0\n`;
    const files: Record<string, string> = { '.stage.yml': 'stage: mvp\n', 'deploy/deployment.yaml': `${manifest}# edited\n` };
    for (const example of ['a', 'b', 'c', 'd']) files[`examples/${example}/deployment.yaml`] = manifest;
    const fs = new TreeFileSystem(tree(ROOT, files));
    const deployments = async () => {
      const { facts } = await whileScanning(() => collectFacts({ fs, root: ROOT, workspaceRoot: ROOT, catalog: builtinSignalCatalog() }));
      return new Map(facts.resources.filter((resource) => resource.kind === 'Deployment').map((resource) => [resource.at.path, resource]));
    };
    const first = await deployments();
    const copies = ['a', 'b', 'c', 'd'].map((example) => first.get(`${ROOT}/examples/${example}/deployment.yaml`)!);
    assert.equal(copies.length, 4);
    // The first copy is parsed alone (a text is shared from its second sight on): the others share one parse, one tree.
    assert.equal(new Set(copies.map((copy) => copy.root)).size, 2);
    assert.equal(copies[2].root, copies[1].root);
    assert.equal(copies[3].root, copies[1].root);
    assert.deepStrictEqual(copies[0].root, copies[1].root);
    assert.deepEqual(
      copies.map((copy) => copy.at.path),
      ['a', 'b', 'c', 'd'].map((example) => `${ROOT}/examples/${example}/deployment.yaml`),
    );
    // Another text (an edited copy) has a tree of its own.
    assert.notEqual(first.get(`${ROOT}/deploy/deployment.yaml`)?.root, copies[1].root);
    // Nothing is shared from one scan to the next: the parses and their trees ended with the scan.
    const again = await deployments();
    assert.notEqual(again.get(`${ROOT}/examples/b/deployment.yaml`)?.root, copies[1].root);
    assert.deepStrictEqual(again.get(`${ROOT}/examples/b/deployment.yaml`)?.root, copies[1].root);
  });
});
