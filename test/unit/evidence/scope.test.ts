import assert from 'node:assert/strict';
import { affectsEvidence, assessWorkspace } from '../../../src/core/evidence/index';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { collectFacts, MAX_FILE_BYTES, relevanceFor } from '../../../src/core/evidence/scan/collectFacts';
import { TimeSlicer } from '../../../src/core/evidence/scan/cancellation';
import { walkScope } from '../../../src/core/evidence/scan/scopeWalker';
import ignore from 'ignore';
import { minimatch } from 'minimatch';
import { compileDataGlob, literalHint, Relevance } from '../../../src/core/evidence/scan/relevance';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';

const catalog = builtinSignalCatalog();
const relativeFiles = (files: Array<{ relative: string }>) => files.map((file) => file.relative);

async function walk(fs: TreeFileSystem, options: { ignoreGlobs?: string[]; root?: string; workspaceRoot?: string } = {}) {
  return walkScope({
    fs,
    root: options.root ?? ROOT,
    workspaceRoot: options.workspaceRoot ?? ROOT,
    ignoreGlobs: options.ignoreGlobs,
    relevance: relevanceFor(catalog),
  });
}

describe('evidence: scope of a scan', () => {
  it('keeps only files a reader or the catalogue names', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, { 'package.json': '{}', 'src/index.ts': '', 'src/logo.png': '', 'deploy/app.yaml': '', 'README.md': '' }),
    );
    assert.deepEqual(relativeFiles((await walk(fs)).files), ['README.md', 'deploy/app.yaml', 'package.json']);
  });

  it('never descends into node_modules, vendor, .git, build output or virtual environments', async () => {
    const skipped = ['node_modules', 'vendor', '.git', 'dist', 'build', 'out', 'target', '.venv', '__pycache__'];
    const fs = new TreeFileSystem(
      tree(ROOT, { 'package.json': '{}', ...Object.fromEntries(skipped.map((dir) => [`${dir}/nested/package.json`, '{}'])) }),
    );
    const result = await walk(fs);
    assert.deepEqual(relativeFiles(result.files), ['package.json']);
    for (const dir of skipped) assert.ok(!fs.listed.some((path) => path.startsWith(`${ROOT}/${dir}`)), `${dir} was listed`);
  });

  it('respects .gitignore like git: root rules, nested files, negation, and ignored folders never entered', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, {
        '.gitignore': 'generated/\n*.local.yaml\n!keep.local.yaml\n',
        'generated/deploy.yaml': '',
        'app.local.yaml': '',
        'keep.local.yaml': '',
        'sub/.gitignore': 'secret.yaml\n',
        'sub/secret.yaml': '',
        'sub/ok.yaml': '',
        'ok.yaml': '',
      }),
    );
    const result = await walk(fs);
    assert.deepEqual(relativeFiles(result.files), ['keep.local.yaml', 'ok.yaml', 'sub/ok.yaml']);
    assert.ok(!fs.listed.includes(`${ROOT}/generated`), 'an ignored folder is not listed');
  });

  it('applies the .gitignore files above the service folder, up to the workspace root', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, { '.gitignore': 'fixtures/\n', 'services/api/fixtures/compose.yaml': '', 'services/api/compose.yaml': '' }),
    );
    const result = await walk(fs, { root: `${ROOT}/services/api` });
    assert.deepEqual(relativeFiles(result.files), ['compose.yaml']);
  });

  it('hands back the .gitignore rules above the service without the verdict on every path that `ignore` remembers', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, { '.gitignore': 'fixtures/\n', 'services/api/fixtures/compose.yaml': '', 'services/api/compose.yaml': '' }),
    );
    // Every rules object a path was tested against during the walk (ignore's test() remembers each verdict).
    const prototype = Object.getPrototypeOf(ignore()) as { test(this: object, path: string): unknown };
    const test = prototype.test;
    const tested = new Set<object>();
    prototype.test = function (this: object, path: string) {
      tested.add(this);
      return test.call(this, path);
    };
    let result: Awaited<ReturnType<typeof walk>>;
    try {
      result = await walk(fs, { root: `${ROOT}/services/api` });
    } finally {
      prototype.test = test;
    }
    assert.ok(tested.size > 0);
    const [level] = result.rootGitignore;
    assert.equal(level.file, `${ROOT}/.gitignore`);
    assert.ok(!tested.has(level.rules), 'the rules handed back are not the ones the walk asked');
    // The same rules: a rescan that consults them judges as the walk did.
    assert.equal(level.rules.test('services/api/compose.yaml').ignored, false);
    assert.equal(level.rules.test('services/api/fixtures/compose.yaml').ignored, true);
  });

  it('respects `ignore:` globs of the .stage.yml (files, folders with and without a slash)', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, { 'compose.dev.yaml': '', 'scripts/ci.yml': '', 'examples/a/Dockerfile': '', Dockerfile: '' }),
    );
    const result = await walk(fs, { ignoreGlobs: ['compose.dev.yaml', 'scripts/**', 'examples'] });
    assert.deepEqual(relativeFiles(result.files), ['Dockerfile']);
  });

  it('stops at a nested .stage.yml: that folder is another service, reported but not walked', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, { 'package.json': '{}', 'services/billing/.stage.yml': 'stage: mvp\n', 'services/billing/package.json': '{}' }),
    );
    const result = await walk(fs);
    assert.deepEqual(relativeFiles(result.files), ['package.json']);
    assert.deepEqual(result.nestedScopes, [`${ROOT}/services/billing`]);
    assert.ok(!fs.listed.some((path) => path.startsWith(`${ROOT}/services/billing/`)));
  });

  it('skips files over 1 MiB unread (and reads them when no size is available but the text is short)', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, { 'big/compose.yaml': 'services: {}\n', 'small/compose.yaml': 'services:\n  a:\n    image: redis:7\n' }),
    ).pretendSize(`${ROOT}/big/compose.yaml`, MAX_FILE_BYTES + 1);
    const result = await collectFacts({ fs, root: ROOT, workspaceRoot: ROOT, catalog });
    assert.deepEqual(result.stats.skippedLarge, [`${ROOT}/big/compose.yaml`]);
    assert.ok(!fs.read.includes(`${ROOT}/big/compose.yaml`));
    assert.deepEqual(
      result.facts.compose.map((compose) => compose.path),
      [`${ROOT}/small/compose.yaml`],
    );

    const noSizes = new TreeFileSystem(tree(ROOT, { 'compose.yaml': `# ${'x'.repeat(MAX_FILE_BYTES)}\nservices: {}\n` }), false);
    const unsized = await collectFacts({ fs: noSizes, root: ROOT, workspaceRoot: ROOT, catalog });
    assert.deepEqual(unsized.stats.skippedLarge, [`${ROOT}/compose.yaml`]);
  });

  it('is cancellable mid-walk with an AbortSignal or a CancellationToken', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`d${i}/package.json`, '{}']));
    const controller = new AbortController();
    const fs = new TreeFileSystem(tree(ROOT, files));
    fs.onList = () => {
      if (fs.listed.length === 3) controller.abort();
    };
    const aborted = await collectFacts({ fs, root: ROOT, workspaceRoot: ROOT, catalog, cancellation: controller.signal });
    assert.equal(aborted.cancelled, true);
    assert.ok(fs.listed.length < 41, `listed ${fs.listed.length} folders after cancelling`);

    const token = { isCancellationRequested: true };
    const result = await assessWorkspace(ROOT, {
      fs: new TreeFileSystem(tree(ROOT, files)),
      workspaceRoot: ROOT,
      today: '2025-01-01',
      cancellation: token,
    });
    assert.deepEqual([result.cancelled, result.services.length], [true, 0]);
  });

  it('gives the event loop turns during a long scan, even when every read resolves at once', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`pkg${i}/deploy/app.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`]),
    );
    const fs = new TreeFileSystem(tree(ROOT, files));
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const slicer = new TimeSlicer(0);
    await collectFacts({ fs, root: ROOT, workspaceRoot: ROOT, catalog, slicer });
    running = false;
    assert.ok(slicer.yields > 10, `yielded ${slicer.yields} times`);
    assert.ok(ticks > 10, `other work ran ${ticks} times during the scan`);
  });

  it('reads repository-level files from the workspace root for a nested service', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, {
        'SECURITY.md': '',
        '.github/CODEOWNERS': '* @org\n',
        '.github/workflows/api.yml': 'on: push\njobs:\n  t:\n    steps:\n      - run: cd services/api && npm test\n',
        'package-lock.json': '{}',
        'docs/adr/0001-x.md': '# x\n',
        'services/api/.stage.yml': 'stage: mvp\n',
        'services/api/package.json': '{}',
      }),
    );
    const result = await collectFacts({ fs, root: `${ROOT}/services/api`, workspaceRoot: ROOT, catalog });
    assert.deepEqual([...result.facts.files.values()].sort(), [
      '.github/CODEOWNERS',
      '.github/workflows/api.yml',
      'SECURITY.md',
      'docs/adr/0001-x.md',
      'package-lock.json',
      'package.json',
    ]);
    assert.deepEqual(
      result.facts.ci.map((ci) => ci.inherited),
      [true],
    );
  });

  it("reads the root pipeline's .gitlab/ci/ files too for a nested service, so the pipeline is judged whole", async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, {
        '.gitlab-ci.yml': "include: '.gitlab/ci/**.yml'\n",
        '.gitlab/ci/build.yml': 'build:\n  script: make -C services/api\n',
        '.gitlab/ci/test/api.yml': 'api-tests:\n  script: cd services/api && npm test\n',
        '.gitlab/ci/README.md': 'how the pipeline is split\n',
        'services/api/.stage.yml': 'stage: mvp\n',
        'services/api/package.json': '{}',
      }),
    );
    const result = await collectFacts({ fs, root: `${ROOT}/services/api`, workspaceRoot: ROOT, catalog });
    assert.deepEqual(
      result.facts.ci.map((ci) => [ci.path.slice(ROOT.length + 1), ci.inherited, ci.gitlab?.jobs.map((job) => job.name)]),
      [
        ['.gitlab-ci.yml', true, []],
        ['.gitlab/ci/build.yml', true, ['build']],
        ['.gitlab/ci/test/api.yml', true, ['api-tests']],
      ],
    );
  });

  describe('relevance', () => {
    it('finds the literal every match must contain, ignoring braces and a leading **/', () => {
      assert.equal(literalHint('**/docs/adr/**/*.md'), 'docs/adr/');
      assert.equal(literalHint('requirements*.txt'), 'requirements');
      assert.equal(literalHint('*.{js,ts}'), '.');
      assert.equal(literalHint('**/migrations/**'), 'migrations/');
    });

    it('matches names, extensions, name globs and path globs', () => {
      const relevance = new Relevance([
        { basenames: ['go.mod'], basenameGlobs: ['*.tf', 'Dockerfile.*', 'SECURITY.md'], pathGlobs: ['**/migrations/**'] },
      ]);
      const matches = (relative: string) => relevance.test(relative, relative.split('/').pop()!);
      assert.deepEqual(
        [
          'go.mod',
          'infra/main.tf',
          'Dockerfile.prod',
          'SECURITY.md',
          'db/migrations/001.sql',
          'migrations/001.sql',
          'src/main.go',
          'main.tfvars',
        ].map(matches),
        [true, true, true, true, true, true, false, false],
      );
    });
  });
});

describe('evidence: glob matching agrees with minimatch on the shapes the data uses', () => {
  // The scan compiles globs itself (no "."/".." guards: relative paths never have such segments).
  const cases: Array<[string, string]> = [
    ['**/migrations/**', 'migrations/001.sql'],
    ['**/migrations/**', 'a/b/migrations/x/y.sql'],
    ['**/migrations/**', 'amigrations/x'],
    ['*.tf', 'main.tf'],
    ['*.tf', 'a/main.tf'],
    ['**/test/**/*.{js,ts}', 'test/a.ts'],
    ['**/test/**/*.{js,ts}', 'x/test/y/z.js'],
    ['**/test/**/*.{js,ts}', 'x/test/y/z.py'],
    ['docs/slo*.md', 'docs/slo.md'],
    ['docs/slo*.md', 'docs/a/slo.md'],
    ['.github/renovate.json5', '.github/renovate.json5'],
    ['requirements*.txt', 'requirements-dev.txt'],
    ['Dockerfile.*', 'Dockerfile.prod'],
    ['{compose,docker-compose}*.y*ml', 'docker-compose.override.yml'],
    ['*.y*ml', '.hidden.yaml'],
    ['**/k6/**/*.js', 'load/k6/x.js'],
    ['[ab].md', 'a.md'],
    ['[ab].md', 'c.md'],
    ['*definitions*.json', 'rabbit-definitions.json'],
    ['copilot/*/manifest.yml', 'copilot/api/manifest.yml'],
  ];
  for (const [glob, path] of cases) {
    it(`${glob} ~ ${path}`, () => assert.equal(compileDataGlob(glob)(path), minimatch(path, glob, { dot: true })));
  }
});

describe('evidence: the watcher filter', () => {
  it('re-scans for files detectors read, .stage.yml and .gitignore — not for sources or dependencies', () => {
    assert.deepEqual(
      [
        'services/api/package.json',
        'services/api/.stage.yml',
        '.gitignore',
        'infra/main.tf',
        'services/api/db/migrations/002.sql',
        'src/app.ts',
        'node_modules/x/package.json',
        'docs/logo.png',
      ].map(affectsEvidence),
      [true, true, true, true, true, false, false, false],
    );
  });
});
