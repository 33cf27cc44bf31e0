import assert from 'node:assert/strict';
import { assessWorkspace } from '../../../src/core/evidence/assessment/assessWorkspace';
import { readInheritedFiles } from '../../../src/core/evidence/scan/inheritedFiles';
import { ScanReads } from '../../../src/core/evidence/scan/scanReads';
import type { ServiceAssessment } from '../../../src/core/evidence/assessment/types';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';

/** A monorepo as GitLab and GitHub users lay one out: repository-level CI, lockfile and owners, services nested below. */
const SERVICES = ['orders', 'billing', 'search'];
const FILES: Record<string, string> = {
  '.stage.yml': 'name: shop\nstage: production\n',
  '.gitlab-ci.yml': `stages: [test, build]\ninclude:\n${SERVICES.map((name) => `  - local: services/${name}/${name}.gitlab-ci.yml\n`).join('')}`,
  '.github/workflows/ci.yml':
    'on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./.github/actions/setup\n      - run: npm test --workspaces\n',
  '.github/actions/setup/action.yml': 'name: setup\nruns:\n  using: composite\n  steps:\n    - run: npm ci\n      shell: bash\n',
  '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n',
  CODEOWNERS: SERVICES.map((name) => `/services/${name}/ @shop/${name}\n`).join(''),
  'package.json': '{ "name": "shop", "private": true, "workspaces": ["services/*"] }\n',
  'package-lock.json': '{ "lockfileVersion": 3, "packages": { "node_modules/pino": { "version": "9.3.1" } } }\n',
};
for (const name of SERVICES) {
  FILES[`services/${name}/.stage.yml`] = `name: ${name}\nstage: production\n`;
  FILES[`services/${name}/package.json`] =
    `{ "name": "@shop/${name}", "scripts": { "test": "node --test" }, "dependencies": { "pino": "^9.3.1" } }\n`;
  FILES[`services/${name}/${name}.gitlab-ci.yml`] =
    `${name}-test:\n  stage: test\n  image: node:22.11-slim\n  script:\n    - cd services/${name}\n    - npm test\n`;
  FILES[`services/${name}/Dockerfile`] = 'FROM node:22.11-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';
  FILES[`services/${name}/compose.yaml`] = `services:\n  ${name}:\n    build: .\n    restart: unless-stopped\n`;
}

const options = { workspaceRoot: ROOT, today: '2026-06-01' };

/** What a service's assessment says, without its scan statistics (a service scanned alone reads fewer files in all). */
function judged(service: ServiceAssessment | undefined) {
  assert.ok(service);
  const { stats: _stats, ...rest } = service;
  return rest;
}

describe('evidence: one scan reads each file once, shared by the services that need it', () => {
  it("reads the repository's pipeline, workflows, actions and owners once for all the nested services", async () => {
    const fs = new TreeFileSystem(tree(ROOT, FILES));
    const assessment = await assessWorkspace(ROOT, { ...options, fs });
    assert.equal(assessment.services.length, 1 + SERVICES.length);
    const counts = new Map<string, number>();
    for (const path of fs.read) counts.set(path, (counts.get(path) ?? 0) + 1);
    assert.deepEqual(
      [...counts].filter(([, count]) => count > 1),
      [],
    );
    // Each nested service still inherits them: the repository's files were read for it.
    for (const path of [
      '.gitlab-ci.yml',
      '.github/workflows/ci.yml',
      '.github/actions/setup/action.yml',
      'CODEOWNERS',
      'services/search/search.gitlab-ci.yml',
    ])
      assert.ok(counts.has(`${ROOT}/${path}`), path);
  });

  it('shares nothing a service would not have read alone: each nested service is assessed as when it is scanned by itself', async () => {
    const whole = await assessWorkspace(ROOT, { ...options, fs: new TreeFileSystem(tree(ROOT, FILES)) });
    for (const name of SERVICES) {
      const root = `${ROOT}/services/${name}`;
      const alone = await assessWorkspace(root, { ...options, fs: new TreeFileSystem(tree(ROOT, FILES)) });
      assert.deepEqual(judged(whole.services.find((service) => service.root === root)), judged(alone.services[0]), name);
    }
  });
});

describe('evidence: ScanReads', () => {
  const files = () => new TreeFileSystem({ '/r/a.yml': 'a: 1\n', '/r/b.yml': 'b: 2\n' });

  it('keeps a read for the scope until the scope ends, and one for the scan until the scan lets it go', async () => {
    const fs = files();
    const reads = new ScanReads(fs);
    assert.deepEqual(await reads.read('/r/a.yml', 1024, 'scope'), { status: 'ok', text: 'a: 1\n' });
    await reads.read('/r/b.yml', 1024, 'scan');
    await reads.read('/r/a.yml', 1024);
    await reads.read('/r/b.yml', 1024);
    assert.deepEqual(fs.read, ['/r/a.yml', '/r/b.yml']);
    reads.endScope();
    await reads.read('/r/a.yml', 1024);
    await reads.read('/r/b.yml', 1024);
    assert.deepEqual(fs.read, ['/r/a.yml', '/r/b.yml', '/r/a.yml']);
  });

  it('a read asked for the scan outlives the scope that read it first', async () => {
    const fs = files();
    const reads = new ScanReads(fs);
    await reads.read('/r/a.yml', 1024, 'scope');
    await reads.read('/r/a.yml', 1024, 'scan');
    reads.endScope();
    await reads.read('/r/a.yml', 1024);
    assert.deepEqual(fs.read, ['/r/a.yml']);
  });

  it('reads again without a keep, past its bound of kept text, or under another size limit', async () => {
    const fs = files();
    const reads = new ScanReads(fs, 8);
    await reads.read('/r/a.yml', 1024);
    await reads.read('/r/a.yml', 1024);
    await reads.read('/r/b.yml', 1024, 'scan');
    // Five characters are kept (b.yml); a.yml's five more would pass the bound of eight.
    await reads.read('/r/a.yml', 1024, 'scan');
    await reads.read('/r/a.yml', 1024);
    assert.deepEqual(await reads.read('/r/b.yml', 2), { status: 'too-large', size: 5, maxBytes: 2 });
    assert.deepEqual(fs.read, ['/r/a.yml', '/r/a.yml', '/r/b.yml', '/r/a.yml', '/r/a.yml', '/r/b.yml']);
  });

  it('an existence check looks before it reads: a file that is not there is never read, one that is, once', async () => {
    const fs = files();
    const reads = new ScanReads(fs);
    assert.equal(await reads.readable('/r/missing.yml', 1024), false);
    assert.equal(await reads.readable('/r/a.yml', 1024), true);
    assert.equal(await reads.readable('/r/a.yml', 1024), true);
    await reads.read('/r/a.yml', 1024);
    assert.deepEqual(fs.read, ['/r/a.yml']);
  });
});

describe('evidence: inherited files, one object per path in a scan', () => {
  it('gives every nested service of one scan the same objects for the repository files, and another scan its own', async () => {
    const fs = new TreeFileSystem(tree(ROOT, FILES));
    const reads = new ScanReads(fs);
    const orders = await readInheritedFiles(fs, `${ROOT}/services/orders`, ROOT, reads);
    const billing = await readInheritedFiles(fs, `${ROOT}/services/billing`, ROOT, reads);
    assert.deepEqual(
      orders.map((file) => file.relative),
      [
        '.gitlab-ci.yml',
        'CODEOWNERS',
        'package-lock.json',
        '.github/dependabot.yml',
        '.github/workflows/ci.yml',
        '.github/actions/setup/action.yml',
      ],
    );
    assert.equal(billing.length, orders.length);
    billing.forEach((file, index) => assert.equal(file, orders[index], `${file.relative}: the same object`));
    assert.ok(Object.isFrozen(orders[0]), 'shared, so read-only');
    const again = await readInheritedFiles(fs, `${ROOT}/services/orders`, ROOT, new ScanReads(fs));
    assert.deepEqual(again, orders);
    assert.notEqual(again[0], orders[0], 'a scan lets go of its objects with its reads');
  });
});
