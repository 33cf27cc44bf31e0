import assert from 'node:assert/strict';
import { assessScope } from '../../../src/core/evidence/assessment/assessService';
import { reassessScope } from '../../../src/core/evidence/assessment/reassessScope';
import type { JudgedFrom, Reassessed } from '../../../src/core/evidence/assessment/reassessScope';
import { workspaceModelScan } from '../../../src/core/evidence/assessment/workspaceModelScan';
import { ScanCache } from '../../../src/core/evidence/scan/scanCache';
import type { DeploymentModel } from '../../../src/core/deployment/model/deploymentModel';
import { loadStageFile } from '../../../src/core/workspace/stageResolution';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';

/**
 * The Stage view's service assessed again after a change somewhere in the workspace (the editor's scan worker asks,
 * naming the assessment the extension host holds): when the service's scan stood and the model and the day are the
 * same, the held assessment stands; anything else is judged again, and is what a fresh assessment gives.
 */
describe('evidence: a service assessed again, told what its held assessment was judged from', () => {
  const TODAY = '2025-01-01';
  const workspace = {
    '.stage.yml': 'stage: production\n',
    'README.md': '# Shop\n\n## Deploy\n',
    'compose.yaml': 'services:\n  api:\n    build: ./api\n    image: shop/api:1.0\n',
    'api/Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
    'api/package.json': '{"name": "api", "scripts": {"test": "mocha"}}\n',
    'billing/.stage.yml': 'stage: mvp\n',
    'billing/README.md': '# Billing\n',
    'billing/compose.yaml': 'services:\n  billing:\n    image: shop/billing:2.0\n',
  };

  async function setUp() {
    const fs = new TreeFileSystem(tree(ROOT, workspace));
    const cache = new ScanCache({ changesNoted: true });
    const stageFile = await loadStageFile(fs, `${ROOT}/.stage.yml`, { today: TODAY, root: ROOT });
    const modelOf = async () => (await workspaceModelScan(ROOT, { fs, workspaceRoot: ROOT, today: TODAY, cache })).model;
    let model = await modelOf();
    const again = (judged: JudgedFrom | undefined, options: { today?: string; deploymentKey?: string | null } = {}) =>
      reassessScope(
        ROOT,
        stageFile,
        {
          fs,
          workspaceRoot: ROOT,
          today: options.today ?? TODAY,
          cache,
          deployment: model,
          ...(options.deploymentKey === null ? {} : { deploymentKey: options.deploymentKey ?? model.signature }),
        },
        judged,
      );
    /** Changes the tree as an editor would, tells the cache as the watcher does, and makes the model again. */
    const change = async (relative: string, text: string) => {
      fs.write(`${ROOT}/${relative}`, text);
      cache.noteChanged(`${ROOT}/${relative}`);
      model = await modelOf();
    };
    /** The service assessed from nothing: what an assessment judged again must be. */
    const fresh = async (): Promise<unknown> =>
      (await assessScope(ROOT, stageFile, { fs, workspaceRoot: ROOT, today: TODAY, deployment: await freshModel(fs) })).service;
    return { again, change, fresh, model: () => model };
  }

  const freshModel = async (fs: TreeFileSystem): Promise<DeploymentModel> =>
    (await workspaceModelScan(ROOT, { fs, workspaceRoot: ROOT, today: TODAY })).model;

  function judgedAgain(reassessed: Reassessed): Extract<Reassessed, { asJudged: false }> {
    assert.equal(reassessed.asJudged, false, 'judged again');
    return reassessed as Extract<Reassessed, { asJudged: false }>;
  }

  it('keeps the held assessment while nothing changed, after a change outside the service that leaves the model as it was, and after a comment', async () => {
    const { again, change, fresh, model } = await setUp();
    const first = judgedAgain(await again(undefined));
    assert.ok(first.judgedFrom, 'says what it was judged from');
    assert.deepStrictEqual(first.result.service, await fresh());
    assert.ok(first.result.service.findings.length > 0, 'the service has findings to judge');

    assert.deepEqual(await again(first.judgedFrom), { asJudged: true });
    // A nested service's README: its own evidence, not the root service's scan, and no digest of the model.
    const signature = model().signature;
    await change('billing/README.md', '# Billing\n\n## Runbook\n');
    assert.equal(model().signature, signature, 'the model is made of the same digests');
    assert.deepEqual(await again(first.judgedFrom), { asJudged: true });
    // A comment at the end of the service's own compose file: the same evidence and the same analysis.
    await change('compose.yaml', `${workspace['compose.yaml']}# the API is built from ./api\n`);
    assert.deepEqual(await again(first.judgedFrom), { asJudged: true });
  });

  it("judges again after a change of the service's own evidence, of its files' analyses, or of the model", async () => {
    const { again, change, fresh, model } = await setUp();
    let held = judgedAgain(await again(undefined)).judgedFrom;

    // The root service's README: its evidence changed, the model did not.
    let signature = model().signature;
    await change('README.md', '# Shop\n\n## Deploy\n\n## Rollback\n');
    assert.equal(model().signature, signature);
    let next = judgedAgain(await again(held));
    assert.deepStrictEqual(next.result.service, await fresh());
    assert.notEqual(next.judgedFrom?.scan, held?.scan, 'a scan of its own');
    held = next.judgedFrom;

    // A package installed in the Dockerfile: the same evidence (its stages, users and health check), other findings
    // (the scan patches the file's analysis into its last scan).
    const findings = next.result.service.findings.length;
    await change(
      'api/Dockerfile',
      'FROM node:20\nWORKDIR /app\nRUN apt-get update && apt-get install -y curl\nCOPY . .\nCMD ["node", "server.js"]\n',
    );
    next = judgedAgain(await again(held));
    assert.notEqual(next.judgedFrom?.scan, held?.scan, 'a scan of its own');
    assert.notEqual(next.result.service.findings.length, findings, 'the change has findings of its own');
    assert.deepStrictEqual(next.result.service, await fresh());
    held = next.judgedFrom;

    // The nested service's compose file: the root service's scan stands, the model does not.
    signature = model().signature;
    await change('billing/compose.yaml', 'services:\n  billing:\n    image: shop/billing:2.1\n    ports: ["8080:8080"]\n');
    assert.notEqual(model().signature, signature, 'the change reached the model');
    next = judgedAgain(await again(held));
    assert.equal(next.judgedFrom?.scan, held?.scan, "the service's scan stood");
    assert.deepStrictEqual(next.result.service, await fresh());
  });

  it('judges again on another day, by a model of another key, and never takes a model without a key for the same', async () => {
    const { again } = await setUp();
    const held = judgedAgain(await again(undefined)).judgedFrom;
    judgedAgain(await again(held, { today: '2025-01-02' }));
    judgedAgain(await again(held, { deploymentKey: 'another model' }));
    const keyless = judgedAgain(await again(undefined, { deploymentKey: null }));
    assert.equal(keyless.judgedFrom, undefined, 'nothing to tell again');
    assert.equal((await again(held, { deploymentKey: null })).asJudged, false);
  });

  it('a service judged by a model of its own scan stands while its scan does; a cancelled one says nothing of what it was judged from', async () => {
    const fs = new TreeFileSystem(tree(ROOT, workspace));
    const cache = new ScanCache({ changesNoted: true });
    const options = { fs, workspaceRoot: ROOT, today: TODAY, cache };
    const own = judgedAgain(await reassessScope(ROOT, undefined, options, undefined));
    assert.equal(own.judgedFrom?.deployment, 'own');
    assert.deepEqual(await reassessScope(ROOT, undefined, options, own.judgedFrom), { asJudged: true });
    // Cancelled before its files were read (a scan that stands is not cancelled: it reads nothing).
    const cancelled = judgedAgain(
      await reassessScope(ROOT, undefined, { ...options, cache: new ScanCache(), cancellation: { aborted: true } }, own.judgedFrom),
    );
    assert.equal(cancelled.result.cancelled, true);
    assert.equal(cancelled.judgedFrom, undefined);
  });
});
