import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { STAGE_FILE_PROBLEMS } from '../../../src/core/stageFile/problemCodes';
import { stageFileFromText } from '../../../src/core/workspace/stageResolution';
import { isAllowed, offWhenUntrusted, TRUST_POLICY } from '../../../src/core/workspace/trustPolicy';
import type { TrustCapability } from '../../../src/core/workspace/trustPolicy';
import { MemoryFileSystem } from './memoryFileSystem';
import { REPO_ROOT } from './seedTable';

const TEAM_MATRIX = readFileSync(resolve(REPO_ROOT, 'test/fixtures/stage-files/team-matrix.yml'), 'utf8');

describe('foundation: what runs in an untrusted workspace (Restricted Mode)', () => {
  const capabilities = Object.keys(TRUST_POLICY) as TrustCapability[];

  it('a trusted workspace runs everything', () => {
    for (const capability of capabilities) assert.equal(isAllowed(capability, true), true, capability);
  });

  it('untrusted: reading and checking files in view and edits the user asks for run; following matrix: and the workspace scan do not', () => {
    const allowed = capabilities.filter((capability) => isAllowed(capability, false));
    assert.deepEqual(allowed, ['stage-file', 'config-guidance', 'user-edits']);
    assert.deepEqual(offWhenUntrusted(), ['team-matrix', 'workspace-scan']);
  });

  it('every capability says what it does (SECURITY.md and the sidebar describe the table)', () => {
    for (const capability of capabilities) assert.ok(TRUST_POLICY[capability].does.length > 20, capability);
  });

  it('package.json declares limited support, with a description, matching the table', () => {
    const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8'));
    const declared = manifest.capabilities.untrustedWorkspaces;
    assert.equal(declared.supported, 'limited');
    assert.match(declared.description, /matrix/);
    assert.match(declared.description, /scan/);
  });

  it('SECURITY.md describes Restricted Mode', () => {
    const security = readFileSync(resolve(REPO_ROOT, 'SECURITY.md'), 'utf8');
    assert.match(security, /Restricted Mode/);
    assert.match(security, /security advisory/i);
  });

  describe('a .stage.yml with matrix: in an untrusted workspace', () => {
    const text = 'stage: mvp\nmatrix: team-matrix.yml\n';

    it('never reads the team matrix; the built-in matrix applies and the file says why at `matrix:`', async () => {
      const fs = new MemoryFileSystem({ '/ws/.stage.yml': text, '/ws/team-matrix.yml': TEAM_MATRIX });
      const state = await stageFileFromText(fs, '/ws/.stage.yml', text, { today: '2025-06-01', readTeamMatrix: false });
      assert.deepEqual(fs.reads, [], 'nothing is read beyond the text given');
      assert.equal(state.matrix, builtinMatrix());
      assert.equal(state.teamMatrix, undefined);
      assert.equal(state.config.stage, 'mvp');
      const problems = state.problems.map((problem) => [
        problem.code,
        problem.severity,
        problem.range.start.line,
        problem.range.start.character,
      ]);
      assert.deepEqual(problems, [['matrix-not-read', 'info', 1, 8]]);
      assert.equal(STAGE_FILE_PROBLEMS['matrix-not-read'].severity, 'info');
      assert.match(state.problems[0].message, /Restricted Mode.*trust this workspace/);
    });

    it('the same file in a trusted workspace reads it (the default)', async () => {
      const fs = new MemoryFileSystem({ '/ws/.stage.yml': text, '/ws/team-matrix.yml': TEAM_MATRIX });
      const state = await stageFileFromText(fs, '/ws/.stage.yml', text, { today: '2025-06-01' });
      assert.equal(state.teamMatrix?.path, '/ws/team-matrix.yml');
      assert.ok(!state.problems.some((problem) => problem.code === 'matrix-not-read'));
    });
  });
});
