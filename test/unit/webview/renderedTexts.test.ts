// The texts the three webviews show, rendered by their real scripts from the models the real
// builders make for every fixture workspace and example (with and without the evidence scan,
// at every stage, with one and with several problems): no "(s)" plurals, no doubled words such
// as "At At Scale" or "at At Scale", and no unfilled placeholder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { assessWorkspace } from '../../../src/core/evidence/index';
import type { ServiceAssessment } from '../../../src/core/evidence/index';
import { STAGE_IDS } from '../../../src/core/stages';
import { governingFrom, loadStageFile } from '../../../src/core/workspace/stageResolution';
import type { Governing } from '../../../src/core/workspace/stageResolution';
import { withSidebarEvidence, withUpgradeEvidence } from '../../../src/extension/evidence/evidenceViews';
import type { EvidenceSnapshot, PlaceNamer } from '../../../src/extension/evidence/evidenceViews';
import { labelTexts } from '../../../src/extension/panels/labelTexts';
import { buildMatrixModel } from '../../../src/extension/panels/matrixModel';
import { buildUpgradesModel } from '../../../src/extension/panels/upgradesModel';
import { buildSidebarModel } from '../../../src/extension/sidebar/viewModel';
import type { Labels, StageFileView } from '../../../src/shared/messages';
import { governingFor, STAGE_FILE_VIEW } from '../sidebar/governingFixture';
import { loadDom, openView, textsOf } from './renderWebview';
import type { RenderedView } from './renderWebview';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const TODAY = '2025-01-15';
const ENGLISH: Labels = labelTexts((message) => message);

/** What a person must never read; each returns a description of the flaw, or undefined. */
const FLAWS: Array<(text: string) => string | undefined> = [
  (text) => (/\(s\)/.test(text) ? 'a "(s)" plural' : undefined),
  (text) => {
    // Quoted file text (`node --test test/`) is the file's, not ours.
    const doubled = /\b([A-Za-z][\w'-]*)\s+\1\b/i.exec(text.replace(/`[^`]*`/g, '``'));
    return doubled ? `the doubled word "${doubled[0]}"` : undefined;
  },
  (text) => (/\{\d+\}/.test(text) ? 'an unfilled placeholder' : undefined),
  (text) => (/\bundefined\b|\bNaN\b|\[object Object\]/.test(text) ? 'a value that was never set' : undefined),
];

function flawsIn(texts: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const flaw of FLAWS) {
      const what = flaw(text);
      if (what) found.add(`${what} in: ${text}`);
    }
  }
  return [...found];
}

/** Every `.stage.yml` under the fixture workspaces and the examples. */
function stageFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === '.stage.yml') found.push(full.replace(/\\/g, '/'));
    }
  };
  walk(path.join(repoRoot, 'test', 'fixtures', 'workspaces'));
  walk(path.join(repoRoot, 'examples'));
  return found.sort();
}

interface Case {
  name: string;
  governing: Governing;
  stageFile: StageFileView;
  snapshots: EvidenceSnapshot[];
  places: PlaceNamer;
}

const memoryPlaces: PlaceNamer = { uri: (file) => `file://${file}`, label: (file) => file };
/** Scans in progress: "1 entry seen, 1 file read" and the plural forms. */
const PROGRESS: EvidenceSnapshot[] = [
  { scanning: true, progress: { phase: 'walking', entries: 1, filesRead: 1 } },
  { scanning: true, progress: { phase: 'walking', entries: 40, filesRead: 3 } },
];

async function fixtureCases(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const file of stageFiles()) {
    const dir = path.posix.dirname(file);
    const governing = governingFrom(await loadStageFile(nodeFileSystem, file, { today: TODAY }));
    const assessment = await assessWorkspace(dir, { fs: nodeFileSystem, workspaceRoot: dir, today: TODAY });
    const service: ServiceAssessment | undefined = assessment.services.find((candidate) => candidate.stageFile === file);
    const snapshots: EvidenceSnapshot[] = service ? [{ scanning: false, assessment: service }] : [];
    const places: PlaceNamer = { uri: (p) => `file://${p}`, label: (p) => path.posix.relative(dir, p) };
    cases.push({
      name: path.relative(repoRoot, file),
      governing,
      stageFile: { label: '.stage.yml', uri: `file://${file}` },
      snapshots,
      places,
    });
  }
  return cases;
}

/** Every stage as the declared one (so every stage is someone's next), and one and several problems or warnings. */
async function syntheticCases(): Promise<Case[]> {
  const texts: Record<string, string> = {};
  for (const stage of STAGE_IDS) texts[`stage: ${stage}`] = `stage: ${stage}\n`;
  texts['security ahead of the rest'] = 'stage: production\nconcerns:\n  security: scale\n';
  texts['one problem'] = 'stage: mvp\nconcerns:\n  security: mvpp\n';
  texts['two problems'] = 'stage: mvp\nconcerns:\n  security: mvpp\n  database: prodd\n';
  texts['no valid stage'] = 'stage: mvpp\n';
  texts['one warning'] = 'stage: mvp\nconcerns:\n  nonsense: mvp\n';
  texts['two warnings'] = 'stage: mvp\nconcerns:\n  nonsense: mvp\n  rubbish: mvp\n';
  const cases: Case[] = [];
  for (const [name, text] of Object.entries(texts)) {
    // The scan's progress reads the same for every workspace: shown once.
    cases.push({
      name,
      governing: await governingFor(text),
      stageFile: STAGE_FILE_VIEW,
      snapshots: name === 'stage: mvp' ? PROGRESS : [],
      places: memoryPlaces,
    });
  }
  return cases;
}

describe("the webviews' rendered texts", function () {
  this.timeout(120_000);
  let cases: Case[] = [];
  const views: RenderedView[] = [];
  let allTexts: Map<string, string[]>;

  function sidebarView(labels: Labels, concernIds: string[]): RenderedView {
    // Every concern open and the compare switch on, so every text of the view is on the page.
    const view = openView('sidebar', labels, { expanded: concernIds, compare: true, scrollY: 0 });
    views.push(view);
    return view;
  }

  /** Renders each case's models (each distinct model once) with `labels`; the texts by case and view. */
  function renderAll(labels: Labels, only: (c: Case) => boolean = () => true): Map<string, string[]> {
    const concernIds = [...new Set(cases.flatMap((c) => c.governing.matrix.concerns.map((concern) => concern.id)))];
    const sidebar = sidebarView(labels, concernIds);
    const upgrades = openView('upgrades', labels);
    const matrix = openView('matrix', labels);
    views.push(upgrades, matrix);
    const rendered = new Map<string, string[]>();
    const seen = new Set<string>();
    const show = (where: string, view: RenderedView, model: Parameters<RenderedView['render']>[0]): void => {
      // Many fixtures declare the same stage: the same model (wherever its files are) renders the same texts.
      const key = `${where.split(' · ')[1]}:${JSON.stringify(model, (name, value: unknown) => (name === 'uri' ? undefined : value))}`;
      if (seen.has(key)) return;
      seen.add(key);
      rendered.set(where, textsOf(view.render(model)));
    };
    for (const c of cases.filter(only)) {
      const input = { governing: c.governing, stageFile: c.stageFile };
      const sidebarModel = buildSidebarModel(input);
      const upgradesModel = buildUpgradesModel({ ...input, fallbackTitle: 'Next-Stage Upgrades' });
      show(`${c.name} · sidebar`, sidebar, sidebarModel);
      show(`${c.name} · upgrades`, upgrades, upgradesModel);
      show(`${c.name} · matrix`, matrix, buildMatrixModel(input));
      for (const [index, snapshot] of c.snapshots.entries()) {
        if (sidebarModel.kind === 'stage')
          show(
            `${c.name} · sidebar (evidence ${index})`,
            sidebar,
            withSidebarEvidence(sidebarModel, snapshot, c.governing.matrix, c.places),
          );
        show(`${c.name} · upgrades (evidence ${index})`, upgrades, withUpgradeEvidence(upgradesModel, snapshot, c.places));
      }
    }
    return rendered;
  }

  before(async () => {
    await loadDom();
    cases = [...(await fixtureCases()), ...(await syntheticCases())];
    allTexts = renderAll(ENGLISH);
  });
  after(async () => {
    for (const view of views) await view.close();
  });

  it('renders every fixture workspace and example, at every stage', () => {
    assert.ok(cases.length >= 22 + 12, `only ${cases.length} cases`);
    const joined = [...allTexts.values()].flat().join('\n');
    // The pieces the flaws were found in are really on the pages scanned.
    for (const expected of [
      'At Scale',
      'Enterprise is the last stage',
      'This .stage.yml has a problem',
      'This .stage.yml has 2 problems',
      'This .stage.yml has a warning.',
      'This .stage.yml has 2 warnings.',
      '1 entry seen, 1 file read',
      '40 entries seen, 3 files read',
      'config-file finding',
    ]) {
      assert.ok(joined.includes(expected), `"${expected}" is not on any rendered page`);
    }
  });

  it('has no "(s)" plurals, doubled words or unfilled placeholders', () => {
    const problems = [...allTexts].flatMap(([where, texts]) => flawsIn(texts).map((flaw) => `${where}: ${flaw}`));
    assert.deepEqual(problems, []);
  });

  it('would catch "New at At Scale" and "1 problem(s)" (the scan is not blind)', () => {
    const flawed = renderAll(
      {
        ...ENGLISH,
        newPracticesAt: 'New at {0}',
        invalidStageFile: { one: 'This .stage.yml has {0} problem(s).', other: 'This .stage.yml has {0} problem(s).' },
      },
      (c) => c.name === 'stage: production' || c.name === 'one problem',
    );
    const found = [...flawed.values()].flatMap((texts) => flawsIn(texts)).join('\n');
    assert.match(found, /the doubled word "at At"/);
    assert.match(found, /a "\(s\)" plural/);
  });
});
