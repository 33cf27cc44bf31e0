import assert from 'node:assert/strict';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { collectFacts } from '../../../src/core/evidence/scan/collectFacts';
import { InheritedFacts } from '../../../src/core/evidence/scan/inheritedFacts';
import { evaluateSignals } from '../../../src/core/evidence/signals/evaluateSignals';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';

const WORKFLOW = `on:
  push:
    branches: [main]
    paths: ['services/**']
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make -C services/api test
      - run: make -C services/web test
  image:
    runs-on: ubuntu-latest
    steps:
      - run: docker build -t api services/api
`;

const FILES: Record<string, string> = {
  '.stage.yml': 'stage: mvp\n',
  '.github/workflows/ci.yml': WORKFLOW,
  '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /services/api\n',
  '.gitlab-ci.yml': 'test:\n  script:\n    - make test\n',
  CODEOWNERS: '/services/api/ @example/api\n/services/web/ @example/web\n',
  'package-lock.json': '{"lockfileVersion": 3, "packages": {"node_modules/pino": {"version": "9.3.1"}}}\n',
  'services/api/.stage.yml': 'stage: production\n',
  'services/api/package.json': '{"name": "api", "dependencies": {"pino": "^9.3.1"}}\n',
  'services/web/.stage.yml': 'stage: mvp\n',
  'services/web/package.json': '{"name": "web"}\n',
};

async function scope(fs: TreeFileSystem, root: string, inheritedFacts: InheritedFacts) {
  return collectFacts({ fs, root, workspaceRoot: ROOT, catalog: builtinSignalCatalog(), inheritedFacts });
}

describe('evidence: services share what the readers made of the repository files they inherit', () => {
  it('hands the second service the fact objects of the first, equal to what reading them again makes', async () => {
    const fs = new TreeFileSystem(tree(ROOT, FILES));
    const shared = new InheritedFacts();
    const api = await scope(fs, `${ROOT}/services/api`, shared);
    const web = await scope(fs, `${ROOT}/services/web`, shared);
    assert.ok(shared.hits >= 4, `${shared.hits} files recalled`);
    // The same objects, not copies.
    const workflowOf = (facts: typeof api.facts) => facts.ci.find((ci) => ci.path.endsWith('ci.yml'));
    assert.ok(workflowOf(api.facts) && workflowOf(api.facts) === workflowOf(web.facts));
    assert.ok(api.facts.codeowners.length > 0 && api.facts.codeowners[0] === web.facts.codeowners[0]);
    // What a service that shares nothing reads: the same facts, and the same signals.
    const alone = await scope(fs, `${ROOT}/services/web`, new InheritedFacts());
    assert.deepEqual(web.facts, alone.facts);
    assert.deepEqual(await evaluateSignals(builtinSignalCatalog(), web.facts), await evaluateSignals(builtinSignalCatalog(), alone.facts));
    assert.equal(web.stats.filesRead, alone.stats.filesRead);
  });

  it('reads a repository file again when its text changed', async () => {
    const shared = new InheritedFacts();
    await scope(new TreeFileSystem(tree(ROOT, FILES)), `${ROOT}/services/api`, shared);
    const changed = { ...FILES, '.github/workflows/ci.yml': WORKFLOW.replace('make -C services/web test', 'make -C services/web lint') };
    const web = await scope(new TreeFileSystem(tree(ROOT, changed)), `${ROOT}/services/web`, shared);
    const commands = web.facts.ci.flatMap((ci) => ci.jobs.flatMap((job) => job.commands.map((command) => command.text)));
    assert.ok(commands.includes('make -C services/web lint'), commands.join('\n'));
    assert.ok(!commands.includes('make -C services/web test'), commands.join('\n'));
  });

  it('keeps at most its capacity, least recently used out', () => {
    const shared = new InheritedFacts(2);
    shared.remember('/a', 'a', []);
    shared.remember('/b', 'b', []);
    assert.ok(shared.recall('/a', 'a'));
    shared.remember('/c', 'c', []);
    assert.equal(shared.recall('/b', 'b'), undefined);
    assert.ok(shared.recall('/a', 'a') && shared.recall('/c', 'c'));
    assert.equal(shared.recall('/a', 'other text'), undefined);
  });
});
