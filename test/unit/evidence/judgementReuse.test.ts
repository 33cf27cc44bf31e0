import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { assessWorkspace } from '../../../src/core/evidence/assessment/assessWorkspace';
import { compareDigests, judgementStands } from '../../../src/core/evidence/assessment/judgementReuse';
import type { ServiceAssessment, WorkspaceAssessment } from '../../../src/core/evidence/assessment/types';
import { assessScope } from '../../../src/core/evidence/assessment/assessService';
import { workspaceModelScan } from '../../../src/core/evidence/assessment/workspaceModelScan';
import { loadStageFile } from '../../../src/core/workspace/stageResolution';
import { TimeSlicer } from '../../../src/core/evidence/scan/cancellation';
import { movedLinesBetween } from '../../../src/core/evidence/scan/movedLines';
import { ScanCache } from '../../../src/core/evidence/scan/scanCache';
import type { SignalResult } from '../../../src/core/evidence/signals/evaluateSignals';
import { signalsWithLinesMoved } from '../../../src/core/evidence/signals/movedSignals';
import type { FileDigest } from '../../../src/core/deployment/types';
import type { FileAnalysis, RawFinding } from '../../../src/core/rules/types';
import { TreeFileSystem } from './support/treeFileSystem';

/**
 * A rescan after an edit that only moves lines (a line inserted above what a file records) keeps what the judge and
 * the signals made of the files whose evidence and digests did not change, their places moved
 * (judgementReuse.ts, movedSignals.ts). What it must never do: say anything a scan without a cache would not.
 */
describe('evidence: a rescan after an edit that only moved lines', () => {
  describe('movedLinesBetween', () => {
    it('pairs each old line with its new one when only lines differ', () => {
      const before = { path: '/a', services: [{ name: 'api', line: 1, keys: { image: 2, restart: 3 } }], at: { textLine: 5 } };
      const after = { path: '/a', services: [{ name: 'api', line: 2, keys: { image: 3, restart: 4 } }], at: { textLine: 6 } };
      assert.deepEqual(
        [...movedLinesBetween(before, after, { lineRecords: new Set(['keys']) })!],
        [
          [1, 2],
          [2, 3],
          [3, 4],
          [5, 6],
        ],
      );
      // Without `keys` as a record of lines, its numbers are values: they differ.
      assert.equal(movedLinesBetween(before, after), undefined);
    });

    it('refuses anything else: another value, a column, one line going two ways, two lines made one, lines swapped', () => {
      assert.equal(movedLinesBetween({ line: 1, image: 'a' }, { line: 2, image: 'b' }), undefined);
      assert.equal(movedLinesBetween({ line: 1, column: 4 }, { line: 2, column: 5 }), undefined);
      assert.equal(movedLinesBetween([{ line: 1 }, { line: 1 }], [{ line: 2 }, { line: 3 }]), undefined);
      assert.equal(movedLinesBetween([{ line: 1 }, { line: 2 }], [{ line: 4 }, { line: 4 }]), undefined);
      assert.equal(movedLinesBetween([{ line: 1 }, { line: 2 }], [{ line: 5 }, { line: 4 }]), undefined);
      assert.deepEqual([...movedLinesBetween(new Map([['k', { line: 0 }]]), new Map([['k', { line: 7 }]]))!], [[0, 7]]);
    });
  });

  describe('compareDigests', () => {
    const compose = (line: number): FileDigest => ({
      type: 'compose',
      path: '/r/compose.yaml',
      includes: [],
      services: [{ name: 'api', line, keys: { image: line + 1 }, image: 'acme/api:1', publishesPorts: false }],
    });
    const dockerfile = (line: number): FileDigest => ({
      type: 'dockerfile',
      path: '/r/Dockerfile',
      stages: [],
      findings: [`docker/x|m|${line}`],
    });

    it('tells the same digests, those whose lines moved, and any other change apart', async () => {
      const slicer = new TimeSlicer();
      assert.deepEqual(await compareDigests([compose(1)], [compose(1)], 1000, slicer), { kind: 'same' });
      assert.deepEqual(await compareDigests([compose(1), dockerfile(3)], [compose(4), dockerfile(3)], 1000, slicer), {
        kind: 'linesMoved',
        files: { paths: new Set(['/r/compose.yaml']), placeMarks: ['compose.yaml:'] },
      });
      // A Dockerfile's findings are told apart from its copies' by their line: a moved one is another digest.
      assert.equal(await compareDigests([dockerfile(3)], [dockerfile(4)], 1000, slicer), undefined);
      assert.equal(await compareDigests([compose(1)], [compose(1), dockerfile(3)], 1000, slicer), undefined);
    });
  });

  describe('judgementStands', () => {
    const finding = (extra: Partial<RawFinding>): RawFinding => ({
      ruleId: 'compose/healthcheck',
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
      ...extra,
    });
    const analysis: FileAnalysis = {
      kind: 'compose',
      findings: [finding({})],
      anchors: [{ range: finding({}).range, concern: 'x', ruleIds: [], note: 'its own note names compose.yaml:3' }],
      parseProblems: [],
      suppressions: { byLine: new Map(), fileWide: new Set() },
    };
    const moved = { paths: new Set(['/r/base/compose.yaml']), placeMarks: ['compose.yaml:'] };
    const judged = (findings: RawFinding[], notes: string[] = []): FileAnalysis => ({
      ...analysis,
      findings,
      anchors: [...analysis.anchors, ...notes.map((note) => ({ range: analysis.anchors[0].range, concern: 'x', ruleIds: [], note }))],
    });

    it('stands when what the judge wrote names no moved file, and not when it does', () => {
      assert.ok(judgementStands(analysis, analysis, moved));
      assert.ok(
        judgementStands(judged([finding({ message: 'no healthcheck (also in 1 other file)' })]), analysis, moved),
        'the file’s own hover is its own',
      );
      assert.ok(
        !judgementStands(
          judged([finding({ related: [{ path: '/r/base/compose.yaml', line: 2, message: 'also defines "api"' }] })]),
          analysis,
          moved,
        ),
      );
      assert.ok(!judgementStands(judged([finding({ message: 'As deployed, ../base/compose.yaml:4 sets it.' })]), analysis, moved));
      assert.ok(
        !judgementStands(judged([finding({ steps: [{ from: 'mvp', message: 'as deployed, compose.yaml:9 sets 2' }] })]), analysis, moved),
      );
      assert.ok(!judgementStands(judged([finding({ role: { role: 'dev', reason: 'started by -f in compose.yaml:3' } })]), analysis, moved));
      assert.ok(!judgementStands(judged([], ['Not reported — the service is defined in ../base/compose.yaml:2']), analysis, moved));
    });
  });

  describe('signalsWithLinesMoved', () => {
    const signal = (evidence: SignalResult['evidence']): SignalResult => ({
      id: 'health.endpoint',
      observed: true,
      evidence,
      counterEvidence: [],
      moreEvidence: 0,
      moreCounterEvidence: 0,
    });

    it('moves the evidence of the moved files, keeps the rest as it was, and gives up on a line the move does not know', () => {
      const untouched = signal([{ path: '/r/Dockerfile', line: 4, detail: 'HEALTHCHECK' }]);
      const moving = signal([
        { path: '/r/compose.yaml', line: 3, detail: 'healthcheck' },
        { path: '/r/compose.yaml', detail: 'file' },
      ]);
      const moves = new Map([['/r/compose.yaml', new Map([[3, 5]])]]);
      const [first, second] = signalsWithLinesMoved([untouched, moving], moves)!;
      assert.equal(first, untouched);
      assert.deepEqual(second.evidence, [
        { path: '/r/compose.yaml', line: 5, detail: 'healthcheck' },
        { path: '/r/compose.yaml', detail: 'file' },
      ]);
      assert.equal(signalsWithLinesMoved([signal([{ path: '/r/compose.yaml', line: 8, detail: 'x' }])], moves), undefined);
    });
  });

  it('a scan cancelled after it read a changed file leaves nothing the next rescan takes for the last scan', async () => {
    // The cancelled scan stored the file's new facts in the cache, not the service's record: the next rescan finds the
    // file in the cache, and must not take the record's signals (made of the file's older facts) as still right.
    const ROOT = '/ws';
    const files = {
      [`${ROOT}/.stage.yml`]: 'stage: production\n',
      [`${ROOT}/compose.yaml`]: 'services:\n  api:\n    image: acme/api:1.0\n',
      [`${ROOT}/k8s/deploy.yaml`]:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1.0\n',
    };
    const fs = new TreeFileSystem(files);
    const cache = new ScanCache({ changesNoted: true });
    const scan = async (options: { cache?: ScanCache; cancellation?: { readonly aborted: boolean } } = { cache }) =>
      assessWorkspace(ROOT, { fs, workspaceRoot: ROOT, today: '2026-01-01', ...options });
    await scan();
    const compose = `${ROOT}/compose.yaml`;
    for (const text of [
      'services:\n  api:\n    image: acme/api:1.0\n    healthcheck:\n      test: ["CMD", "true"]\n    restart: always\n',
      '# moved\nservices:\n  api:\n    image: acme/api:1.0\n    healthcheck:\n      test: ["CMD", "true"]\n    restart: always\n',
    ]) {
      fs.write(compose, text);
      cache.noteChanged(compose);
      fs.read.length = 0;
      const cancelled = await scan({
        cache,
        cancellation: {
          get aborted() {
            return fs.read.includes(compose);
          },
        },
      });
      assert.equal(cancelled.cancelled, true);
      assert.equal(comparable(await scan()), comparable(await scan({})));
    }
  });

  describe('on every fixture workspace: a line inserted in each file, the rescan says what a scan without a cache says', function () {
    this.timeout(600_000);
    const WORKSPACES = resolve(__dirname, '..', '..', 'fixtures', 'workspaces');
    const ROOT = '/fixture';
    // The workspaces whose files the deployment model, the judge and the signals read (the others hold a file or two).
    const names = readdirSync(WORKSPACES).filter(
      (name) => statSync(join(WORKSPACES, name)).isDirectory() && filesBelow(join(WORKSPACES, name)).length >= 4,
    );

    for (const name of names) {
      it(name, async () => {
        const files = Object.fromEntries(
          filesBelow(join(WORKSPACES, name)).map((path) => [
            `${ROOT}/${relative(join(WORKSPACES, name), path)}`,
            readFileSync(path, 'utf8'),
          ]),
        );
        const fs = new TreeFileSystem(files);
        const options = { fs, workspaceRoot: ROOT, today: '2026-01-01', fixes: 'titles' as const };
        // The bench's editor scan (assessWorkspace with a cache), and the extension's: the workspace model, then each
        // service as the Stage view assesses it, judged by that model (with a cache of its own).
        const cache = new ScanCache({ changesNoted: true });
        const editor = new ScanCache({ changesNoted: true });
        const stageView = async () => {
          const scan = await workspaceModelScan(ROOT, { ...options, cache: editor });
          const services: ServiceAssessment[] = [];
          for (const root of scan.roots) {
            const stageFile = await loadStageFile(fs, `${root}/.stage.yml`, { today: options.today, root: ROOT });
            services.push((await assessScope(root, stageFile, { ...options, cache: editor, deployment: scan.model })).service);
          }
          return services;
        };
        const compare = async (what: string) => {
          const fresh = await assessWorkspace(ROOT, options);
          assert.equal(comparable(await assessWorkspace(ROOT, { ...options, cache })), comparable(fresh), `${name}: ${what}`);
          const viewed = await stageView();
          const shown = (service: ServiceAssessment) => viewed.find((each) => each.root === service.root);
          assert.equal(
            comparable({ ...fresh, services: fresh.services.map(shown).filter((each) => each !== undefined) }),
            comparable(fresh),
            `${name}, the Stage view: ${what}`,
          );
        };
        await compare('first');
        let edits = 0;
        for (const [path, text] of Object.entries(files)) {
          const lines = text.split('\n');
          if (lines.length < 2) continue;
          // A blank line in the middle: what lies below it moves, what lies above does not.
          const middle = Math.floor(lines.length / 2);
          fs.write(path, [...lines.slice(0, middle), '', ...lines.slice(middle)].join('\n'));
          cache.noteChanged(path);
          editor.noteChanged(path);
          await compare(`after a line inserted in ${relative(ROOT, path)}`);
          fs.write(path, text);
          cache.noteChanged(path);
          editor.noteChanged(path);
          edits++;
        }
        await compare('every file as it was');
        assert.ok(edits > 0);
      });
    }
  });
});

/** What a view shows of an assessment: each service's findings, signals, practices and readiness. */
function comparable(assessment: WorkspaceAssessment): string {
  return JSON.stringify(
    assessment.services.map((service) => ({
      root: service.root,
      findings: service.findings,
      signals: service.signals,
      concerns: service.concerns,
      readiness: service.readiness,
    })),
  );
}

function filesBelow(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile());
}
