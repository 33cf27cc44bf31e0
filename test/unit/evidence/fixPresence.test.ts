import assert from 'node:assert/strict';
import { assessWorkspace } from '../../../src/core/evidence/index';
import type { ConfigFinding } from '../../../src/core/evidence/index';
import { FIX_NOT_KEPT } from '../../../src/core/evidence/assessment/fixPresence';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';

/**
 * `fixes: 'presence'` (what `stage-guide check` asks): a scan holds every service's analyses until the
 * deployment model is built, and no CLI format writes a fix's edits, so the findings keep only that they
 * have a fix. Everything else about them must be what a scan keeping the edits reports.
 */
const WORKSPACE = {
  '.stage.yml': 'stage: production\n',
  'package.json': '{"name":"shop","dependencies":{"express":"^4"}}',
  Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
  'compose.yaml': 'services:\n  api:\n    build: .\n    ports:\n      - "8080:8080"\n  worker:\n    image: ghcr.io/acme/worker:latest\n',
  'deploy/k8s/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    'spec:',
    '  replicas: 1',
    '  selector:',
    '    matchLabels: { app: api }',
    '  template:',
    '    metadata:',
    '      labels: { app: api }',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: ghcr.io/acme/api:latest',
    '',
  ].join('\n'),
};

async function findingsWith(fixes: 'edits' | 'titles' | 'presence' | undefined): Promise<ConfigFinding[]> {
  const { services } = await assessWorkspace(ROOT, {
    fs: new TreeFileSystem(tree(ROOT, WORKSPACE)),
    workspaceRoot: ROOT,
    today: '2025-01-01',
    ...(fixes ? { fixes } : {}),
  });
  return services.flatMap((service) => service.findings);
}

describe('evidence: a scan that keeps only the presence of quick fixes', () => {
  it('reports the same findings, with a fix exactly where the full scan has one, and holds none of its edits', async () => {
    const full = await findingsWith(undefined);
    const presence = await findingsWith('presence');
    const withFix = full.filter((finding) => finding.fix !== undefined);
    assert.ok(withFix.length >= 3, `the workspace should have fixable findings (${withFix.length})`);
    assert.ok(
      withFix.every((finding) => finding.fix!.edits.length > 0),
      'a full scan keeps the edits',
    );
    const withoutFix = ({ fix: _fix, ...rest }: ConfigFinding) => rest;
    assert.deepEqual(presence.map(withoutFix), full.map(withoutFix));
    assert.deepEqual(
      presence.map((finding) => finding.fix !== undefined),
      full.map((finding) => finding.fix !== undefined),
    );
    for (const finding of presence) if (finding.fix) assert.equal(finding.fix, FIX_NOT_KEPT, `${finding.ruleId} keeps its own fix`);
  });

  it("'edits' is the default", async () => {
    assert.deepEqual(await findingsWith('edits'), await findingsWith(undefined));
  });

  it("'titles' (the editor's scans) keeps each fix's title and none of its edits, and marks that it had some", async () => {
    const full = await findingsWith(undefined);
    const titles = await findingsWith('titles');
    const withoutFix = ({ fix: _fix, ...rest }: ConfigFinding) => rest;
    assert.deepEqual(titles.map(withoutFix), full.map(withoutFix));
    assert.ok(full.filter((finding) => finding.fix).length >= 3, 'the workspace has fixable findings');
    assert.deepEqual(
      titles.map((finding) => finding.fix),
      full.map((finding) => (finding.fix ? { title: finding.fix.title, edits: [], editsNotKept: true } : undefined)),
    );
    // One frozen fix per title, however many findings have it.
    const byTitle = new Map<string, unknown>();
    for (const fix of titles.map((finding) => finding.fix).filter((fix) => fix !== undefined)) {
      assert.ok(Object.isFrozen(fix));
      assert.equal(byTitle.get(fix.title) ?? fix, fix);
      byTitle.set(fix.title, fix);
    }
    assert.ok(byTitle.size < titles.filter((finding) => finding.fix).length, 'the workspace has fixes of one title on several findings');
  });

  it('the shared mark cannot be changed by a consumer', () => {
    assert.ok(Object.isFrozen(FIX_NOT_KEPT) && Object.isFrozen(FIX_NOT_KEPT.edits));
  });
});
