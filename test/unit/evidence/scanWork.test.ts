import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { assessScope } from '../../../src/core/evidence/assessment/assessService';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { TimeSlicer } from '../../../src/core/evidence/scan/cancellation';
import { ScanCache } from '../../../src/core/evidence/scan/scanCache';
import { ReadAhead } from '../../../src/core/evidence/scan/readAhead';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';
import { parsedTexts } from './support/parsedTexts';
import { withoutDeferredParse } from '../../../src/core/evidence/assessment/fileProducts';
import type { DeferredAnalysis } from '../../../src/core/evidence/assessment/fileProducts';
import { parseYamlFile } from '../../../src/core/rules/yaml/yamlSupport';

const COMPOSE = 'services:\n  web:\n    image: web:1.0\n';
const MANIFEST =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web\n';
const WORKFLOW = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
const VALUES = 'replicas: 2\n';

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('evidence: scan work', () => {
  before(() => {
    // The catalogues parse their own YAML once per process; load them before counting parses.
    builtinSignalCatalog();
    builtinRuleCatalog();
  });

  it('parses each YAML file once for the evidence readers and the rule engine together, and data YAML not at all', async () => {
    // Texts no scan of this process saw: copies of a text seen before share its parse (scan/sharedParses.ts).
    const mark = `# scanWork ${process.pid} ${Date.now()}\n`;
    const [compose, manifest, workflow, values] = [COMPOSE, MANIFEST, WORKFLOW, VALUES].map((text) => mark + text);
    const files = {
      '.stage.yml': 'stage: production\n',
      'compose.yaml': compose,
      'k8s/deploy.yaml': manifest,
      '.github/workflows/ci.yml': workflow,
      'values.yaml': values,
    };
    const fs = new TreeFileSystem(tree(ROOT, files));
    let findings: string[] = [];
    const texts = await parsedTexts(async () => {
      const scope = await assessScope(ROOT, undefined, { fs, workspaceRoot: ROOT, today: '2025-01-01' });
      findings = scope.service.findings.map((finding) => `${finding.path.slice(ROOT.length + 1)} ${finding.ruleId}`);
    });
    for (const text of [compose, manifest, workflow])
      assert.equal(texts.filter((parsed) => parsed === text).length, 1, JSON.stringify(text));
    // Helm values: no reader, rule or matcher reads a `replicas:` map, and its keys say so without a parse.
    assert.equal(texts.filter((parsed) => parsed === values).length, 0);
    assert.ok(
      findings.some((finding) => finding.startsWith('compose.yaml compose/')),
      findings.join('\n'),
    );
    assert.ok(
      findings.some((finding) => finding.startsWith('k8s/deploy.yaml k8s/')),
      findings.join('\n'),
    );
    assert.ok(
      findings.some((finding) => finding.startsWith('.github/workflows/ci.yml gha/')),
      findings.join('\n'),
    );
  });

  it('parses each Dockerfile once for the evidence reader and the rule engine together', async () => {
    const dockerfile = 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\nCMD ["node", "/app"]\n';
    const fs = new TreeFileSystem(
      tree(ROOT, { '.stage.yml': 'stage: production\n', Dockerfile: dockerfile, 'api/Dockerfile': `${dockerfile}USER node\n` }),
    );
    const parse = DockerfileParser.parse;
    const texts: string[] = [];
    DockerfileParser.parse = (text: string) => {
      texts.push(text);
      return parse(text);
    };
    let scope;
    try {
      scope = await assessScope(ROOT, undefined, { fs, workspaceRoot: ROOT, today: '2025-01-01' });
    } finally {
      DockerfileParser.parse = parse;
    }
    assert.deepEqual(texts.sort(), [dockerfile, `${dockerfile}USER node\n`]);
    // Both consumers read it: the evidence (its base image) and the rules (its findings).
    assert.ok(scope.service.signals.length > 0);
    assert.ok(
      scope.service.findings.some((finding) => finding.path === `${ROOT}/Dockerfile` && finding.ruleId.startsWith('docker/')),
      scope.service.findings.map((finding) => finding.ruleId).join(', '),
    );
  });

  it("settles a Dockerfile analysed on the reader's parse by the workspace facts: docker/healthcheck is quiet where Kubernetes deploys", async () => {
    const dockerfile = 'FROM node:20-slim\nEXPOSE 8080\nCMD ["node", "server.js"]\n';
    const healthchecks = async (files: Record<string, string>) => {
      const fs = new TreeFileSystem(tree(ROOT, { '.stage.yml': 'stage: production\n', Dockerfile: dockerfile, ...files }));
      const scope = await assessScope(ROOT, undefined, { fs, workspaceRoot: ROOT, today: '2025-01-01' });
      return scope.service.findings.filter((finding) => finding.ruleId === 'docker/healthcheck').length;
    };
    assert.equal(await healthchecks({}), 1);
    assert.equal(await healthchecks({ 'k8s/deploy.yaml': MANIFEST }), 0);
  });

  it('rescans with a cache: an unchanged tree is not read again, and after one file changes, that file alone', async () => {
    const mark = `# scanCache ${process.pid} ${Date.now()}\n`;
    const dockerfile = `${mark}FROM node:20-slim\nCMD ["node", "server.js"]\n`;
    const files = {
      '.stage.yml': 'stage: production\n',
      'compose.yaml': mark + COMPOSE,
      'k8s/deploy.yaml': mark + MANIFEST,
      '.github/workflows/ci.yml': mark + WORKFLOW,
      'api/Dockerfile': dockerfile,
      'package.json': '{"name": "api", "scripts": {"test": "mocha"}}\n',
    };
    const fs = new TreeFileSystem(tree(ROOT, files));
    const cache = new ScanCache();
    const scan = () => assessScope(ROOT, undefined, { fs, workspaceRoot: ROOT, today: '2025-01-01', cache });
    const dockerParse = DockerfileParser.parse;
    const parsed = async (run: () => Promise<unknown>) => {
      const dockerfiles: string[] = [];
      DockerfileParser.parse = (text: string) => {
        dockerfiles.push(text);
        return dockerParse(text);
      };
      try {
        return { yaml: await parsedTexts(run), dockerfiles };
      } finally {
        DockerfileParser.parse = dockerParse;
      }
    };
    // The walk looks for .gitignore rules in every folder each time (it lists folders to find new and deleted files).
    const fileReads = () => fs.read.filter((path) => !path.endsWith('/.gitignore'));
    const first = await scan();
    const readFirst = fileReads().length;
    assert.ok(readFirst >= 5, fs.read.join('\n'));

    fs.read.length = 0;
    let second = first;
    const again = await parsed(async () => (second = await scan()));
    assert.deepEqual(fileReads(), []);
    // Not told what changed, the cache cannot say the scope's facts stood: the workflow, whose analysis reads them, is
    // settled again on its kept text (the cache keeps no parse); nothing else is parsed.
    assert.deepEqual(again, { yaml: [files['.github/workflows/ci.yml']], dockerfiles: [] });
    assert.deepEqual(second.service, first.service);
    assert.equal(cache.hits, readFirst);

    const compose = `${mark}services:\n  web:\n    image: web:1.0\n    restart: always\n`;
    fs.write(`${ROOT}/compose.yaml`, compose);
    fs.read.length = 0;
    let third = first;
    const changed = await parsed(async () => (third = await scan()));
    assert.deepEqual(fileReads(), [`${ROOT}/compose.yaml`]);
    // The workflow's analysis reads the workspace facts, which the changed compose file may change: settled again.
    assert.deepEqual(changed, { yaml: [compose, files['.github/workflows/ci.yml']], dockerfiles: [] });
    const ruleIds = (result: typeof first) =>
      result.service.findings.filter((finding) => finding.path === `${ROOT}/compose.yaml`).map((finding) => finding.ruleId);
    assert.ok(ruleIds(first).includes('compose/restart-policy'), ruleIds(first).join(', '));
    assert.ok(!ruleIds(third).includes('compose/restart-policy'), ruleIds(third).join(', '));
    assert.deepEqual(
      third.service.findings.filter((finding) => finding.path !== `${ROOT}/compose.yaml`),
      first.service.findings.filter((finding) => finding.path !== `${ROOT}/compose.yaml`),
    );
  });

  it('rescans with a cache: an unchanged file a GitLab pipeline starts (or stops) including is read again as what it now is', async () => {
    const build = 'build:\n  image: node:latest\n  script:\n    - npm ci\n';
    const fs = new TreeFileSystem(
      tree(ROOT, {
        '.stage.yml': 'stage: production\n',
        '.gitlab-ci.yml': 'lint:\n  image: node:22\n  script: npm run lint\n',
        'ci/build.yml': build,
      }),
    );
    const cache = new ScanCache();
    const scan = () => assessScope(ROOT, undefined, { fs, workspaceRoot: ROOT, today: '2025-01-01', cache });
    const onBuild = async () =>
      (await scan()).service.findings.filter((finding) => finding.path === `${ROOT}/ci/build.yml`).map((finding) => finding.ruleId);
    assert.deepEqual(await onBuild(), [], 'no pipeline names ci/build.yml: not GitLab CI');
    fs.write(`${ROOT}/.gitlab-ci.yml`, 'include: ci/build.yml\nlint:\n  image: node:22\n  script: npm run lint\n');
    assert.deepEqual(await onBuild(), ['gitlab/job-interruptible', 'gitlab/image-tag']);
    fs.write(`${ROOT}/.gitlab-ci.yml`, 'lint:\n  image: node:22\n  script: npm run lint\n');
    assert.deepEqual(await onBuild(), []);
  });

  it('checks in with the time slicer after every directory and every file it reads', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`svc${i % 5}/deploy/app${i}.yaml`, MANIFEST.replace('web', `web${i}`)]),
    );
    const fs = new TreeFileSystem(tree(ROOT, { ...files, 'compose.yaml': COMPOSE, Dockerfile: 'FROM node:20\n' }));
    const slicer = new TimeSlicer(0); // a zero budget turns every check-in into a turn of the event loop
    const scope = await assessScope(ROOT, undefined, { fs, workspaceRoot: ROOT, today: '2025-01-01', slicer });
    const { directories, filesRead } = scope.service.stats;
    assert.equal(filesRead, 42);
    // Walk: one check-in per directory; reading: one per file (its readers and rule analysis); then signals and the rule engine's files.
    assert.ok(slicer.yields >= directories + filesRead + 2, `${slicer.yields} turns for ${directories} directories and ${filesRead} files`);
  });

  it('reads ahead a bounded number of files and hands them out in order', async () => {
    const loads = Array.from({ length: 10 }, () => deferred<string>());
    const started: number[] = [];
    const reads = new ReadAhead(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      (index) => {
        started.push(index);
        return loads[index].promise;
      },
      3,
    );
    const first = reads.take(0);
    assert.deepEqual(started, [0, 1, 2, 3], 'the item taken and three ahead');
    loads[1].resolve('one');
    loads[0].resolve('zero');
    assert.equal(await first, 'zero');
    const second = reads.take(1);
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    assert.equal(await second, 'one');
  });

  it('reports a failed read when its turn comes, never as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reads = new ReadAhead(['a', 'b', 'c'], async (item) => {
        if (item === 'c') throw new Error('disk gone');
        return item;
      });
      assert.equal(await reads.take(0), 'a');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
      assert.equal(await reads.take(1), 'b');
      await assert.rejects(reads.take(2), /disk gone/);
      await assert.rejects(reads.take(2), /taken twice/);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('keeps one object per file in the cache, sharing the empty delta, and no products for files nothing was made of', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, {
        '.stage.yml': 'stage: production\n',
        'compose.yaml': COMPOSE,
        'config/en.yaml': 'greeting: hello\n',
        'config/fr.yaml': 'greeting: bonjour\n',
      }),
    );
    const cache = new ScanCache();
    await assessScope(ROOT, undefined, { fs, workspaceRoot: ROOT, today: '2025-01-01', cache });
    const guide = cache.previous(`${ROOT}/config/en.yaml`);
    const notes = cache.previous(`${ROOT}/config/fr.yaml`);
    const compose = cache.previous(`${ROOT}/compose.yaml`);
    assert.ok(guide && notes && compose);
    assert.deepEqual(guide.delta, []);
    assert.equal(guide.delta, notes.delta, 'one empty delta for every file without facts');
    assert.ok(Object.isFrozen(guide.delta));
    assert.equal(guide.products, undefined);
    assert.ok(compose.delta.length > 0);
    assert.ok((compose.products as { analysis?: unknown }).analysis, 'a compose file keeps its analysis');
    // The entry the scan keeps its products on is the one a lookup finds (no second object per file).
    assert.equal(cache.trusted(`${ROOT}/compose.yaml`), compose);
  });

  it("keeps a deferred workflow's text in the cache, not its parse", () => {
    const path = `${ROOT}/.github/workflows/ci.yml`;
    const parsed = parseYamlFile(WORKFLOW, true);
    const products = withoutDeferredParse({ deferred: { path, text: WORKFLOW, parsed }, support: [] });
    assert.deepStrictEqual(products, { deferred: { path, text: WORKFLOW }, support: [] });
    const early = { path, early: { path, kind: 'github-actions', findings: [], anchors: [] } } as unknown as DeferredAnalysis;
    assert.equal(withoutDeferredParse({ deferred: early }).deferred, early, 'an analysis made early is kept as it is');
  });
});
