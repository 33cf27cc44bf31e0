import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeFileSystem, toCorePath } from '../../../src/cli/nodeFileSystem';
import type { CoreFileSystem } from '../../../src/core/fileSystem';
import { judgeAnalysis } from '../../../src/core/deployment/judge/judgeAnalysis';
import { assessWorkspace } from '../../../src/core/evidence/assessment/assessWorkspace';
import { chartFileListed, scopeFactsFor, workspaceModelScan } from '../../../src/core/evidence/assessment/workspaceModelScan';
import { ScanCache } from '../../../src/core/evidence/scan/scanCache';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';

/**
 * The editor's hovers and diagnostics judge an open file by the workspace facts and the deployment model of
 * WorkspaceFactsService, which come from `workspaceModelScan` — the scan `check` runs. Its walk used to stop at 2,000
 * files, and a big monorepo lost its deployment model silently. Here a workspace of 2,108 such files (1,050 services,
 * each a compose file that builds its Dockerfile and health-checks it, plus a nested service deployed by Kubernetes):
 * the editor's way of judging each file (GuidanceService: analyse the text with its service's facts, judge by the
 * model) must give exactly the findings `check` gives, for the last service as for the first, and a rescan after one
 * changed file must read that file alone.
 */
const SERVICES = 1_050;
const STAGE = 'stage: production\n';
const DOCKERFILE = (n: number) =>
  `FROM node:20.11-alpine AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY src ./src\nRUN npm run build\n\nFROM node:20.11-alpine\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nUSER node\nEXPOSE ${3000 + (n % 1000)}\nCMD ["node", "dist/server.js"]\n`;
// The compose healthcheck answers docker/healthcheck for the Dockerfile it builds: only the deployment model knows.
const COMPOSE = (n: number) =>
  `services:\n  svc${n}:\n    build: .\n    image: ghcr.io/acme/svc${n}:1.0.0\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:${3000 + (n % 1000)}/health"]\n      interval: 30s\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n    security_opt:\n      - no-new-privileges:true\n`;
const PAYMENTS_DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments\n  namespace: payments\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: payments\n  template:\n    metadata:\n      labels:\n        app: payments\n    spec:\n      containers:\n        - name: payments\n          image: ghcr.io/acme/payments:2.1.0\n';

function layout(): Record<string, string> {
  const files: Record<string, string> = { '.stage.yml': STAGE };
  for (let n = 0; n < SERVICES; n++) {
    const folder = `services/svc${String(n).padStart(4, '0')}`;
    files[`${folder}/Dockerfile`] = DOCKERFILE(n);
    files[`${folder}/compose.yaml`] = COMPOSE(n);
  }
  // A nested service with its own stage and a Kubernetes deployment: its files are judged with its own facts.
  files['platform/payments/.stage.yml'] = STAGE;
  files['platform/payments/Dockerfile'] = DOCKERFILE(9);
  files['platform/payments/k8s/deployment.yaml'] = PAYMENTS_DEPLOYMENT;
  return files;
}

/** The node file system, noting the files read. */
function countingFileSystem(): { fs: CoreFileSystem; reads: string[] } {
  const reads: string[] = [];
  return {
    fs: {
      ...nodeFileSystem,
      readFile(path, maxBytes) {
        reads.push(path);
        return nodeFileSystem.readFile(path, maxBytes);
      },
    },
    reads,
  };
}

type Key = string;
const key = (path: string, ruleId: string, line: number): Key => `${path}:${line + 1} ${ruleId}`;

describe('evidence: the editor judges files by the scan `check` runs, every file of a large workspace', function () {
  this.timeout(240_000);
  let dir: string;
  let root: string;
  const files = layout();

  /**
   * The editor's first scan of the workspace, as WorkspaceFactsService makes it (with its scan cache), noting the
   * files it read. Made once: the first test judges every file by it, the second rescans from its cache (a scan of
   * 2,108 files is a few CPU-seconds; each test used to make its own, identical but for the cache).
   */
  let cache: ScanCache;
  let firstScan: Awaited<ReturnType<typeof workspaceModelScan>>;
  let firstReads: string[];

  before(async () => {
    // In memory where there is one (2,400 files made and deleted on a disk is seconds of waiting).
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'stage-guide-model-scan-'));
    root = toCorePath(dir);
    for (const [relative, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, relative)), { recursive: true });
      writeFileSync(join(dir, relative), text);
    }
    cache = new ScanCache({ changesNoted: true });
    const counting = countingFileSystem();
    firstScan = await workspaceModelScan(root, { workspaceRoot: root, today: '2026-06-01', cache, fs: counting.fs });
    firstReads = counting.reads;
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every config file, past the first 2,000, the findings `check` gives it', async () => {
    const options = { fs: nodeFileSystem, workspaceRoot: root, today: '2026-06-01' };
    const cli = await assessWorkspace(root, options);
    const byCli = new Set<Key>();
    for (const service of cli.services)
      for (const finding of service.findings) byCli.add(key(finding.path, finding.ruleId, finding.range.start.line));

    const scan = firstScan;
    assert.equal(scan.cancelled, false);
    const byEditor = new Set<Key>();
    for (const [relative, text] of Object.entries(files)) {
      const path = `${root}/${relative}`;
      // As GuidanceService does for an open document.
      const analysis = analyzeFile(path, text, scopeFactsFor(scan, path), { isFile: (each) => chartFileListed(scan, each) });
      if (!analysis) continue;
      const judged = judgeAnalysis(path, analysis, scan.model, builtinRuleCatalog());
      for (const finding of judged.findings) byEditor.add(key(path, finding.ruleId, finding.range.start.line));
    }
    assert.ok(byCli.size > 0, 'check reports findings in this workspace');
    assert.deepEqual([...byEditor].sort(), [...byCli].sort());

    // The model knows who builds the last service's Dockerfile (the 2,000-file walk did not get that far).
    const last = `${root}/services/svc${String(SERVICES - 1).padStart(4, '0')}/Dockerfile`;
    assert.deepEqual(
      scan.model.imageConsumers(last).map((consumer) => consumer.via),
      ['compose'],
    );
    assert.ok(![...byEditor].some((each) => each.startsWith(`${last}:`) && each.endsWith(' docker/healthcheck')));
    // Each service's files are judged with its own facts: only the nested service deploys with Kubernetes.
    assert.equal(scopeFactsFor(scan, `${root}/platform/payments/Dockerfile`).deploysWithKubernetes, true);
    assert.equal(scopeFactsFor(scan, last).deploysWithKubernetes, false);
  });

  it('rescans after one changed file by reading that file alone, and the model follows it', async () => {
    const options = { workspaceRoot: root, today: '2026-06-01', cache };
    assert.ok(firstReads.length > 2 * SERVICES, `the first scan read ${firstReads.length} files`);

    // The last service stops building its image (it pulls it): its Dockerfile has no builder any more.
    const folder = `services/svc${String(SERVICES - 1).padStart(4, '0')}`;
    const compose = join(dir, folder, 'compose.yaml');
    const original = readFileSync(compose, 'utf8');
    try {
      writeFileSync(compose, original.replace('    build: .\n', ''));
      appendFileSync(compose, '# pulled from the registry\n');
      cache.noteChanged(`${root}/${folder}/compose.yaml`);
      const again = countingFileSystem();
      const rescan = await workspaceModelScan(root, { ...options, fs: again.fs });
      // Besides the services' `.stage.yml` files (each scan loads them, as `check` does), only the changed file.
      assert.deepEqual(
        again.reads.filter((path) => !path.endsWith('/.stage.yml')),
        [`${root}/${folder}/compose.yaml`],
      );
      assert.deepEqual(rescan.model.imageConsumers(`${root}/${folder}/Dockerfile`), []);
      assert.equal(rescan.model.imageConsumers(`${root}/services/svc0000/Dockerfile`).length, 1);
    } finally {
      writeFileSync(compose, original);
    }
  });
});
