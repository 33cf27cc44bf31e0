import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { assessWorkspace } from '../../../src/core/evidence/assessment/assessWorkspace';
import type { WorkspaceAssessment } from '../../../src/core/evidence/assessment/types';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { ScanCache } from '../../../src/core/evidence/scan/scanCache';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';
import { parsedTexts } from './support/parsedTexts';

/**
 * A rescan told which paths changed (the extension passes on its file watcher's events to the ScanCache):
 * services the changes do not touch are not walked, only the changed files are read and parsed, and the
 * result is always the one a fresh scan without any cache gives.
 */
describe('evidence: a rescan told what changed', () => {
  before(() => {
    // The catalogues parse their own YAML once per process; load them before counting parses.
    builtinSignalCatalog();
    builtinRuleCatalog();
  });

  // Texts no scan of this process saw: copies of a text seen before share its parse (scan/sharedParses.ts).
  const mark = () => `# scanChanges ${process.pid} ${Math.random()}\n`;
  const workspace = (tag: string) => ({
    '.stage.yml': 'stage: production\n',
    'compose.yaml': `${tag}services:\n  api:\n    build: ./api\n    image: shop/api:1.0\n`,
    'api/Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
    'api/src/server.js': 'console.log("hi");\n',
    'api/package.json': '{"name": "api", "scripts": {"test": "mocha"}}\n',
    '.github/workflows/ci.yml': `${tag}on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n`,
    'billing/.stage.yml': 'stage: mvp\n',
    'billing/compose.yaml': `${tag}services:\n  billing:\n    image: shop/billing:2.0\n`,
    'billing/k8s/deploy.yaml': `${tag}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing\nspec:\n  template:\n    spec:\n      containers:\n        - name: billing\n          image: shop/billing:2.0\n`,
  });

  async function setUp() {
    const tag = mark();
    const fs = new TreeFileSystem(tree(ROOT, workspace(tag)));
    const cache = new ScanCache({ changesNoted: true });
    const scan = (withCache = true) =>
      assessWorkspace(ROOT, { fs, workspaceRoot: ROOT, today: '2025-01-01', ...(withCache ? { cache } : {}) });
    await scan();
    /** Changes the tree as an editor would, and tells the cache as the extension's watcher does. */
    const change = (relative: string, text: string | undefined) => {
      const path = `${ROOT}/${relative}`;
      if (text === undefined) fs.remove(path);
      else fs.write(path, text);
      cache.noteChanged(path);
    };
    /** The rescan, with what it listed, read and parsed; and a fresh scan without a cache to compare it with. */
    const rescan = async () => {
      fs.listed.length = 0;
      fs.read.length = 0;
      const dockerParse = DockerfileParser.parse;
      const dockerfiles: string[] = [];
      DockerfileParser.parse = (text: string) => {
        dockerfiles.push(text);
        return dockerParse(text);
      };
      let result: WorkspaceAssessment | undefined;
      let yaml: string[];
      try {
        yaml = await parsedTexts(async () => (result = await scan()));
      } finally {
        DockerfileParser.parse = dockerParse;
      }
      // Each scan of a workspace reads its `.stage.yml` files (a few small files) before scanning the services.
      const stageFiles = (path: string) => !path.endsWith('/.stage.yml');
      const work = {
        listed: [...fs.listed],
        read: fs.read.filter(stageFiles),
        yaml: yaml.filter((text) => !text.startsWith('stage: ')),
        dockerfiles,
      };
      return { result: result!, work, fresh: await scan(false) };
    };
    return { tag, fs, cache, change, rescan };
  }

  it('after one file changed, reads and parses that file alone, lists no folder, and gives what a fresh scan gives', async () => {
    const { tag, change, rescan } = await setUp();
    const compose = `${tag}services:\n  billing:\n    image: shop/billing:2.0\n    restart: always\n`;
    change('billing/compose.yaml', compose);
    const { result, work, fresh } = await rescan();
    assert.deepEqual(result, fresh);
    assert.deepEqual(work.yaml, [compose]);
    assert.deepEqual(work.dockerfiles, []);
    // Of the services' own files, the changed one (the repository-level files the service inherits are looked up
    // again, and compared by text: not parsed again).
    const own = (path: string) => path.startsWith(`${ROOT}/billing/`) || path.startsWith(`${ROOT}/api/`);
    assert.deepEqual(work.read.filter(own), [`${ROOT}/billing/compose.yaml`]);
    // Only the folders above the service, where inherited files would be (no walk of either service).
    assert.deepEqual(
      work.listed.filter((path) => path.startsWith(`${ROOT}/billing`) || path === `${ROOT}/api`),
      [],
    );
    const billing = result.services.find((service) => service.root === `${ROOT}/billing`)!;
    assert.ok(!billing.findings.some((finding) => finding.ruleId === 'compose/restart-policy'));
  });

  it('after a change that leaves the evidence as it was (an ignore comment), re-analyses that file alone and gives what a fresh scan gives', async () => {
    const { tag, change, rescan } = await setUp();
    const before = await rescan();
    // The findings of the file that are not silenced.
    const ruleIds = (result: WorkspaceAssessment) =>
      result.services
        .flatMap((service) =>
          service.findings.filter((finding) => finding.path === `${ROOT}/billing/compose.yaml` && !finding.suppressedBy),
        )
        .map((finding) => finding.ruleId);
    assert.ok(ruleIds(before.result).includes('compose/restart-policy'), ruleIds(before.result).join(', '));
    // At the end of a line: no line moves, so the evidence (which records lines) is the same.
    const compose = `${tag}services:\n  billing: # stage-guide: ignore compose/restart-policy\n    image: shop/billing:2.0\n`;
    change('billing/compose.yaml', compose);
    const { result, work, fresh } = await rescan();
    assert.deepEqual(result, fresh);
    assert.ok(!ruleIds(result).includes('compose/restart-policy'), ruleIds(result).join(', '));
    assert.deepEqual(work.yaml, [compose]);
    const own = (path: string) => path.startsWith(`${ROOT}/billing/`) || path.startsWith(`${ROOT}/api/`);
    assert.deepEqual(work.read.filter(own), [`${ROOT}/billing/compose.yaml`]);
    // Not even the repository-level files are looked up again: the service's evidence is the last scan's.
    assert.deepEqual(work.listed, []);
  });

  it("after a change that leaves the file's analysis as it was (a comment at its end), keeps the service's last scan and judgement, and a later change still counts", async () => {
    const { tag, change, rescan } = await setUp();
    const billingOf = (result: WorkspaceAssessment) => result.services.find((service) => service.root === `${ROOT}/billing`)!;
    const before = billingOf((await rescan()).result);
    const compose = `${tag}services:\n  billing:\n    image: shop/billing:2.0\n# owned by the billing team\n`;
    change('billing/compose.yaml', compose);
    const commented = await rescan();
    assert.deepEqual(commented.result, commented.fresh);
    assert.deepEqual(commented.work.yaml, [compose], 'the changed file alone is parsed');
    // The scan stood: the service's assessment is the one made before, not judged again.
    assert.equal(billingOf(commented.result), before);

    // A change of the analysis after it: the file's analysis the scan kept is found and replaced.
    change('billing/compose.yaml', `${tag}services:\n  billing:\n    image: shop/billing:2.0\n    restart: always\n`);
    const restarted = await rescan();
    assert.deepEqual(restarted.result, restarted.fresh);
    assert.ok(!billingOf(restarted.result).findings.some((finding) => finding.ruleId === 'compose/restart-policy'));
  });

  it('does the same for a file analysed once the facts are known (a GitLab pipeline), which keeps its new parse', async () => {
    const { tag, change, rescan } = await setUp();
    const billingOf = (result: WorkspaceAssessment) => result.services.find((service) => service.root === `${ROOT}/billing`)!;
    const pipeline = `${tag}unit:\n  image: node:20\n  script:\n    - npm test\n`;
    change('billing/.gitlab-ci.yml', pipeline);
    const first = await rescan();
    assert.deepEqual(first.result, first.fresh);
    change('billing/.gitlab-ci.yml', `${pipeline}# nightly runs come later\n`);
    const commented = await rescan();
    assert.deepEqual(commented.result, commented.fresh);
    assert.equal(billingOf(commented.result), billingOf(first.result));
    // Its jobs a line further down: the same evidence, its findings elsewhere.
    change('billing/.gitlab-ci.yml', `${tag}\n${pipeline.slice(tag.length)}`);
    const timed = await rescan();
    assert.deepEqual(timed.result, timed.fresh);
    assert.notDeepEqual(billingOf(timed.result).findings, billingOf(first.result).findings);
  });

  it('after a change that moves the lines of a file (its evidence changes), settles no unchanged pipeline again while the workspace facts stand', async () => {
    const { tag, cache, change, rescan } = await setUp();
    const pipelinePath = `${ROOT}/billing/.gitlab-ci.yml`;
    const pipeline = `${tag}unit:\n  image: node:20\n  script:\n    - npm test\n`;
    change('billing/.gitlab-ci.yml', pipeline);
    await rescan();
    // What the billing service's last scan settled for its pipeline (analysed once the service's facts were known).
    const settled = () => (cache.scopeRecord(`${ROOT}/billing`) as { settled: ReadonlyMap<string, unknown> }).settled.get(pipelinePath);
    const first = settled();
    assert.ok(first, 'the pipeline was settled');

    // A line inserted at the top of the compose file: its evidence (which records lines) changes, not the workspace facts.
    change('billing/compose.yaml', `# the billing team's services\n${tag}services:\n  billing:\n    image: shop/billing:2.0\n`);
    const moved = await rescan();
    assert.deepEqual(moved.result, moved.fresh);
    assert.equal(settled(), first, 'the pipeline is not settled again');

    // The pipeline itself changed: settled again, as a fresh scan settles it.
    change('billing/.gitlab-ci.yml', `${pipeline}  timeout: 10m\n`);
    const edited = await rescan();
    assert.deepEqual(edited.result, edited.fresh);
    assert.notEqual(settled(), first);
  });

  it('after a file no reader reads changed (a source file), reads, lists and parses nothing', async () => {
    const { change, rescan } = await setUp();
    change('api/src/server.js', 'console.log("changed");\n');
    const { result, work, fresh } = await rescan();
    assert.deepEqual(result, fresh);
    assert.deepEqual(work, { listed: [], read: [], yaml: [], dockerfiles: [] });
  });

  it('after changes one after the other in one service (as edits come), each rescan reads the changed file alone and gives what a fresh scan gives', async () => {
    const { tag, change, rescan } = await setUp();
    const edits: Array<[string, string]> = [
      ['compose.yaml', `${tag}services:\n  api:\n    build: ./api\n    image: shop/api:1.0\n    restart: always\n`],
      ['api/Dockerfile', 'FROM node:20\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n'],
      ['compose.yaml', `# moved\n${tag}services:\n  api:\n    build: ./api\n    image: shop/api:1.1\n`],
      ['api/Dockerfile', 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n'],
    ];
    for (const [relative, text] of edits) {
      change(relative, text);
      const { result, work, fresh } = await rescan();
      assert.deepEqual(result, fresh, relative);
      const own = (path: string) =>
        path.startsWith(`${ROOT}/billing/`) || path.startsWith(`${ROOT}/api/`) || path === `${ROOT}/compose.yaml`;
      assert.deepEqual(work.read.filter(own), [`${ROOT}/${relative}`]);
    }
  });

  it('after a change that alters the evidence (a Dockerfile gains a HEALTHCHECK), gives what a fresh scan gives', async () => {
    const { change, rescan } = await setUp();
    const dockerfile =
      'FROM node:20\nWORKDIR /app\nCOPY . .\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ["node", "server.js"]\n';
    change('api/Dockerfile', dockerfile);
    const { result, work, fresh } = await rescan();
    assert.deepEqual(result, fresh);
    assert.deepEqual(work.dockerfiles, [dockerfile]);
  });

  it('after a file is created or deleted, walks the service again and gives what a fresh scan gives', async () => {
    const { tag, change, rescan } = await setUp();
    change(
      'billing/k8s/service.yaml',
      `${tag}apiVersion: v1\nkind: Service\nmetadata:\n  name: billing\nspec:\n  ports:\n    - port: 80\n`,
    );
    const created = await rescan();
    assert.deepEqual(created.result, created.fresh);
    assert.ok(created.work.listed.includes(`${ROOT}/billing/k8s`), created.work.listed.join('\n'));
    change('billing/k8s/deploy.yaml', undefined);
    const deleted = await rescan();
    assert.deepEqual(deleted.result, deleted.fresh);
  });

  it('after a repository-level file changes (a root workflow), reads it again for every service that inherits it', async () => {
    const { tag, change, rescan } = await setUp();
    const workflow = `${tag}on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - run: npm test -- billing\n`;
    change('.github/workflows/ci.yml', workflow);
    const { result, work, fresh } = await rescan();
    assert.deepEqual(result, fresh);
    assert.ok(work.yaml.includes(workflow));
  });

  it('after a new .stage.yml makes a folder a service, gives what a fresh scan gives', async () => {
    const { change, rescan } = await setUp();
    change('api/.stage.yml', 'stage: scale\n');
    const { result, fresh } = await rescan();
    assert.deepEqual(result, fresh);
    assert.ok(result.services.some((service) => service.root === `${ROOT}/api`));
  });

  it('after a pipeline starts including a file named freely, reads that unchanged file again as GitLab CI', async () => {
    const { tag, change, rescan } = await setUp();
    // Present from the start, but no pipeline includes it: not GitLab CI (its cached products say so).
    const jobs = `${tag}unit:\n  image: node:20\n  script:\n    - npm test\n`;
    change('billing/ci/jobs.yml', jobs);
    change('billing/.gitlab-ci.yml', `${tag}lint:\n  image: node:20\n  script:\n    - npm run lint\n`);
    const first = await rescan();
    assert.deepEqual(first.result, first.fresh);
    // Only the pipeline changes: the included file keeps its text, so only its reading (a variant) is new.
    change('billing/.gitlab-ci.yml', `${tag}include:\n  - local: ci/jobs.yml\nlint:\n  image: node:20\n  script:\n    - npm run lint\n`);
    const { result, work, fresh } = await rescan();
    assert.deepEqual(result, fresh);
    assert.ok(work.yaml.includes(jobs), 'the included file is read again, as GitLab CI');
    const billing = result.services.find((service) => service.root === `${ROOT}/billing`)!;
    assert.ok(billing.findings.some((finding) => finding.path === `${ROOT}/billing/ci/jobs.yml`));
  });

  it('when it was not told (or forgot) what changed, checks every file as before', async () => {
    const { fs, cache, rescan } = await setUp();
    fs.write(`${ROOT}/billing/compose.yaml`, 'services:\n  billing:\n    image: shop/billing:3.0\n');
    cache.forgetChanges();
    const { result, work, fresh } = await rescan();
    assert.deepEqual(result, fresh);
    assert.ok(work.listed.includes(`${ROOT}/billing`), work.listed.join('\n'));
  });
});
