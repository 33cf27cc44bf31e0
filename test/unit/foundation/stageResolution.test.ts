import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { findConcern } from '../../../src/core/matrix/matrixQueries';
import { parseStageFile } from '../../../src/core/stageFile/parseStageFile';
import {
  findStageFile,
  governingFrom,
  loadStageFile,
  locateStageFile,
  nextStageForConcern,
  resolveGoverning,
  stageFileFromText,
  stageForConcern,
} from '../../../src/core/workspace/stageResolution';
import { MemoryFileSystem } from './memoryFileSystem';
import { REPO_ROOT } from './seedTable';

const OPTIONS = { today: '2025-06-01' };
const TEAM_MATRIX = readFileSync(resolve(REPO_ROOT, 'test/fixtures/stage-files/team-matrix.yml'), 'utf8');

function monorepo(): MemoryFileSystem {
  return new MemoryFileSystem({
    '/ws/.stage.yml': 'stage: mvp\n',
    '/ws/services/api/.stage.yml': 'stage: production\nconcerns:\n  security: scale\n',
    '/ws/services/api/x/Dockerfile': 'FROM node:20\n',
    '/ws/services/web/index.js': 'console.log(1)\n',
  });
}

describe('foundation: stage resolution', () => {
  describe('nested .stage.yml files', () => {
    it('services/api/.stage.yml governs services/api/x', async () => {
      const fs = monorepo();
      assert.equal(await findStageFile(fs, '/ws/services/api/x', '/ws'), '/ws/services/api/.stage.yml');
      const governing = await resolveGoverning(fs, '/ws/services/api/x', '/ws', OPTIONS);
      assert.equal(governing.stage, 'production');
      assert.equal(governing.next, 'scale');
      assert.equal(governing.stageFile?.path, '/ws/services/api/.stage.yml');
      assert.equal(governing.stageFile?.dir, '/ws/services/api');
    });

    it('the root .stage.yml governs services/web (and the root itself)', async () => {
      const fs = monorepo();
      assert.equal(await findStageFile(fs, '/ws/services/web', '/ws'), '/ws/.stage.yml');
      assert.equal(await findStageFile(fs, '/ws', '/ws'), '/ws/.stage.yml');
      const governing = await resolveGoverning(fs, '/ws/services/web', '/ws', OPTIONS);
      assert.equal(governing.stage, 'mvp');
      assert.equal(governing.next, 'production');
    });

    it('does not look above the workspace root', async () => {
      const fs = new MemoryFileSystem({ '/outer/.stage.yml': 'stage: scale\n', '/outer/ws/app/main.go': 'package main\n' });
      assert.equal(await findStageFile(fs, '/outer/ws/app', '/outer/ws'), undefined);
      assert.ok(!fs.reads.includes('/outer/.stage.yml'), `read above the root: ${fs.reads.join(', ')}`);
      assert.deepEqual(fs.reads, ['/outer/ws/app/.stage.yml', '/outer/ws/.stage.yml']);
    });

    it('a folder outside the root has no stage file', async () => {
      const fs = monorepo();
      assert.equal(await findStageFile(fs, '/elsewhere', '/ws'), undefined);
      assert.equal(await findStageFile(fs, '/wsx/services', '/ws'), undefined, 'a sibling with a common prefix is not inside');
    });
  });

  describe('locating the governing file (what the editor re-checks when no file-watcher event came)', () => {
    it('the location changes when the nearest file goes, comes back, or changes size, and not for other files', async () => {
      const fs = monorepo();
      const locate = async () => locateStageFile(fs, '/ws/services/api/x', '/ws');
      const first = await locate();
      assert.deepEqual(first, {
        path: '/ws/services/api/.stage.yml',
        onDisk: `${'stage: production\nconcerns:\n  security: scale\n'.length}|`,
      });

      fs.write('/ws/services/api/x/Dockerfile', 'FROM node:22\n');
      fs.write('/ws/.stage.yml', 'stage: enterprise\n');
      assert.deepEqual(await locate(), first, 'neither a Dockerfile nor a farther .stage.yml decides here');

      fs.delete('/ws/services/api/.stage.yml');
      const fallen = await locate();
      assert.deepEqual(fallen, { path: '/ws/.stage.yml', onDisk: `${'stage: enterprise\n'.length}|` });

      fs.write('/ws/services/api/.stage.yml', 'stage: mvp\n');
      const back = await locate();
      assert.equal(back.path, '/ws/services/api/.stage.yml');
      assert.notEqual(back.onDisk, first.onDisk, 'the same path with other contents is another answer');
    });

    it('no file, or a folder outside the root, is "none"', async () => {
      const fs = new MemoryFileSystem({ '/ws/app/main.go': 'package main\n' });
      assert.deepEqual(await locateStageFile(fs, '/ws/app', '/ws'), { onDisk: 'none' });
      assert.deepEqual(await locateStageFile(fs, '/elsewhere', '/ws'), { onDisk: 'none' });
    });
  });

  it('multi-root: each workspace folder resolves on its own', async () => {
    const fs = new MemoryFileSystem({
      '/a/.stage.yml': 'stage: prototype\n',
      '/a/src/app.ts': '',
      '/b/.stage.yml': 'stage: enterprise\n',
      '/b/src/app.ts': '',
      '/c/src/app.ts': '',
    });
    const a = await resolveGoverning(fs, '/a/src', '/a', OPTIONS);
    const b = await resolveGoverning(fs, '/b/src', '/b', OPTIONS);
    const c = await resolveGoverning(fs, '/c/src', '/c', OPTIONS);
    assert.equal(a.stage, 'prototype');
    assert.equal(a.next, 'mvp');
    assert.equal(b.stage, 'enterprise');
    assert.equal(b.next, undefined, 'enterprise has no next stage');
    assert.equal(c.stage, undefined);
    assert.equal(c.stageFile, undefined);
  });

  it('no .stage.yml anywhere is a normal state: no stage, the built-in matrix', async () => {
    const fs = new MemoryFileSystem({ '/ws/src/app.ts': '' });
    const governing = await resolveGoverning(fs, '/ws/src', '/ws', OPTIONS);
    assert.deepEqual(Object.keys(governing), ['matrix']);
    assert.equal(governing.matrix, builtinMatrix());
    assert.equal(stageForConcern(governing, 'security'), undefined);
    assert.equal(nextStageForConcern(governing, 'security'), undefined);
    assert.deepEqual(governingFrom(undefined), { matrix: builtinMatrix() });
  });

  it('an invalid .stage.yml governs with no stage and keeps its problems', async () => {
    const fs = new MemoryFileSystem({ '/ws/.stage.yml': 'stage: prodution\nignore: [dist/**]\n' });
    const governing = await resolveGoverning(fs, '/ws', '/ws', OPTIONS);
    assert.equal(governing.stage, undefined);
    assert.equal(governing.next, undefined);
    assert.deepEqual(governing.stageFile?.config.ignore, ['dist/**']);
    assert.deepEqual(
      governing.stageFile?.problems.map((problem) => problem.code),
      ['unknown-stage'],
    );
  });

  it('loadStageFile is undefined for a missing file; stageFileFromText reads an unsaved buffer', async () => {
    const fs = monorepo();
    assert.equal(await loadStageFile(fs, '/ws/nope/.stage.yml', OPTIONS), undefined);
    const state = await stageFileFromText(fs, '/ws/.stage.yml', 'stage: scale\n', OPTIONS);
    assert.equal(state.config.stage, 'scale');
    assert.equal(state.text, 'stage: scale\n');
  });

  it('passes `today` through, so waiver expiry follows the caller', async () => {
    const text = 'stage: mvp\nwaivers:\n  - rule: ci.run-tests\n    reason: r\n    until: 2025-06-15\n';
    const fs = new MemoryFileSystem({ '/ws/.stage.yml': text });
    const before = await loadStageFile(fs, '/ws/.stage.yml', { today: '2025-06-01' });
    const after = await loadStageFile(fs, '/ws/.stage.yml', { today: '2025-07-01' });
    assert.equal(before?.config.waivers[0].expired, false);
    assert.equal(after?.config.waivers[0].expired, true);
    assert.deepEqual(
      after?.problems.map((problem) => problem.code),
      ['waiver-expired'],
    );
  });

  describe('team matrix (`matrix:`)', () => {
    const stageFileText = 'stage: mvp\nmatrix: team-matrix.yml\nconcerns:\n  compliance: production\n';

    it('merges the team file: overridden text, added practices, a new concern that is valid under concerns:', async () => {
      const fs = new MemoryFileSystem({ '/ws/.stage.yml': stageFileText, '/ws/team-matrix.yml': TEAM_MATRIX });
      const governing = await resolveGoverning(fs, '/ws', '/ws', OPTIONS);
      assert.deepEqual(governing.stageFile?.problems, []);
      assert.deepEqual(governing.stageFile?.teamMatrix, { path: '/ws/team-matrix.yml', problems: [] });

      const security = findConcern(governing.matrix, 'security')!;
      const builtinSecurity = findConcern(builtinMatrix(), 'security')!;
      assert.equal(security.cells.mvp.text, 'Basic authentication (JWT, OAuth) through the Acme SSO gateway');
      assert.equal(security.cells.mvp.overridden, true);
      assert.equal(security.cells.production.overridden, undefined, 'untouched cells are not marked');
      assert.deepEqual(
        security.cells.mvp.practices.map((practice) => [practice.id, practice.origin]),
        [...builtinSecurity.cells.mvp.practices.map((practice) => [practice.id, 'builtin']), ['security/mvp/acme-sso-gateway', 'team']],
      );
      assert.equal(
        security.cells.mvp.practices.at(-1)?.link,
        'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
      );

      const compliance = findConcern(governing.matrix, 'compliance')!;
      assert.equal(compliance.name, 'Compliance');
      assert.equal(compliance.origin, 'team');
      assert.equal(compliance.cells.enterprise.text, 'Certified (SOC 2, ISO 27001)');
      assert.deepEqual(
        compliance.cells.production.practices.map((practice) => practice.id),
        ['compliance/production/acme-retention'],
      );
      assert.equal(governing.matrix.concerns.length, 13);
      assert.equal(governing.stageFile?.config.concerns.compliance, 'production');
      assert.equal(stageForConcern(governing, 'compliance'), 'production');
    });

    it('the built-in matrix is not changed by a merge, and the new concern is unknown without it', async () => {
      const fs = new MemoryFileSystem({ '/ws/.stage.yml': stageFileText, '/ws/team-matrix.yml': TEAM_MATRIX });
      await resolveGoverning(fs, '/ws', '/ws', OPTIONS);
      const builtin = builtinMatrix();
      assert.equal(findConcern(builtin, 'security')?.cells.mvp.text, 'Basic authentication (JWT, OAuth)');
      assert.equal(findConcern(builtin, 'compliance'), undefined);
      assert.ok(!findConcern(builtin, 'security')!.cells.mvp.practices.some((practice) => practice.origin === 'team'));
      const alone = parseStageFile(stageFileText, { matrix: builtin, today: OPTIONS.today });
      assert.deepEqual(
        alone.problems.map((problem) => problem.code),
        ['unknown-concern'],
      );
    });

    it('a missing team matrix is matrix-not-found at the `matrix:` value; the built-in matrix applies', async () => {
      const fs = new MemoryFileSystem({ '/ws/.stage.yml': 'stage: mvp\nmatrix: missing.yml   # shared\n' });
      const governing = await resolveGoverning(fs, '/ws', '/ws', OPTIONS);
      assert.equal(governing.stage, 'mvp');
      assert.equal(governing.matrix, builtinMatrix());
      assert.deepEqual(
        governing.stageFile?.problems.map((problem) => [problem.code, problem.severity, problem.range]),
        [['matrix-not-found', 'error', { start: { line: 1, character: 8 }, end: { line: 1, character: 19 } }]],
      );
    });

    it('team matrix problems are located in the team file; the .stage.yml gets one bad-matrix at `matrix:`', async () => {
      const team = [
        'concerns:', //                                   0
        '  - id: security', //                            1
        '    cells:', //                                  2
        '      mvpp:', //                                 3  unknown stage id
        '        text: x', //                             4
        '      mvp:', //                                  5
        '        text: "Team text"', //                   6  still applies
        '  - id: Bad Id', //                              7
        '  - id: audit', //                               8  new concern without name and cells
        'extra: 1', //                                    9  unknown top-level key
        '',
      ].join('\n');
      const fs = new MemoryFileSystem({ '/ws/.stage.yml': 'stage: mvp\nmatrix: team.yml\n', '/ws/team.yml': team });
      const governing = await resolveGoverning(fs, '/ws', '/ws', OPTIONS);
      const teamProblems = governing.stageFile?.teamMatrix?.problems ?? [];
      assert.deepEqual(
        teamProblems.map((problem) => [
          problem.code,
          problem.range.start.line,
          problem.range.start.character,
          problem.range.end.line,
          problem.range.end.character,
        ]),
        [
          ['unknown-stage', 3, 6, 3, 10],
          ['bad-matrix', 7, 8, 7, 14],
          ['missing-field', 8, 4, 9, 0],
          ['missing-field', 8, 4, 9, 0],
          ['unknown-key', 9, 0, 9, 5],
        ],
      );
      assert.equal(findConcern(governing.matrix, 'security')?.cells.mvp.text, 'Team text', 'valid parts still apply');
      assert.equal(findConcern(governing.matrix, 'audit'), undefined);
      assert.deepEqual(
        governing.stageFile?.problems.map((problem) => [problem.code, problem.range]),
        [['bad-matrix', { start: { line: 1, character: 8 }, end: { line: 1, character: 16 } }]],
      );
    });

    it('a team matrix path may climb out of a service folder (../../team-matrix.yml)', async () => {
      const fs = new MemoryFileSystem({
        '/ws/team-matrix.yml': TEAM_MATRIX,
        '/ws/services/api/.stage.yml': 'stage: mvp\nmatrix: ../../team-matrix.yml\n',
      });
      const governing = await resolveGoverning(fs, '/ws/services/api', '/ws', OPTIONS);
      assert.deepEqual(governing.stageFile?.problems, []);
      assert.equal(governing.stageFile?.teamMatrix?.path, '/ws/team-matrix.yml');
      assert.ok(findConcern(governing.matrix, 'compliance'));
    });
  });

  describe('per-concern stages', () => {
    it('stageForConcern and nextStageForConcern follow overrides, else the file', async () => {
      const fs = new MemoryFileSystem({
        '/ws/.stage.yml': 'stage: mvp\nconcerns:\n  security: production\n  scalability: enterprise\n  testing-deployment: prototype\n',
      });
      const governing = await resolveGoverning(fs, '/ws', '/ws', OPTIONS);
      assert.equal(stageForConcern(governing, 'architecture'), 'mvp');
      assert.equal(nextStageForConcern(governing, 'architecture'), 'production');
      assert.equal(stageForConcern(governing, 'security'), 'production');
      assert.equal(nextStageForConcern(governing, 'security'), 'scale');
      assert.equal(stageForConcern(governing, 'scalability'), 'enterprise');
      assert.equal(nextStageForConcern(governing, 'scalability'), undefined);
      assert.equal(stageForConcern(governing, 'testing-deployment'), 'prototype', 'a concern may lag behind');
      assert.equal(nextStageForConcern(governing, 'testing-deployment'), 'mvp');
    });

    it('`next:` sets the target of concerns without an override', async () => {
      const fs = new MemoryFileSystem({ '/ws/.stage.yml': 'stage: mvp\nnext: scale\nconcerns:\n  security: production\n' });
      const governing = await resolveGoverning(fs, '/ws', '/ws', OPTIONS);
      assert.equal(governing.next, 'scale');
      assert.equal(nextStageForConcern(governing, 'architecture'), 'scale');
      assert.equal(nextStageForConcern(governing, 'security'), 'scale');
    });
  });
});
