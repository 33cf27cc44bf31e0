import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { analyzerFor } from '../../../../src/core/rules/engine/analyzerRegistry';
import { FILE_KINDS, NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import type { FileAnalysis, FileKind } from '../../../../src/core/rules/types';

/**
 * A workspace scan analyses files without hover anchors (`anchors: false`: it shows none, and dropped them
 * anyway): everything else the analysis holds — findings, parse problems, suppressions, digests — must be
 * what the editor's analysis with anchors holds. Checked on every rule fixture of every kind.
 */
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'rules');

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** The analysis without its anchors (what `anchors: false` must give). */
function withoutAnchors(analysis: FileAnalysis): FileAnalysis {
  return { ...analysis, anchors: [] };
}

describe('analyses without hover anchors (a workspace scan)', () => {
  for (const kind of FILE_KINDS) {
    it(`${kind}: the same findings, parse problems, suppressions and digests as with anchors, and no anchors`, () => {
      const files = filesBelow(join(FIXTURES, kind)).filter((path) => /\/(bad|good)-[^/]*$/.test(path) && !path.endsWith('.fixed'));
      assert.ok(files.length > 0, `no fixtures for ${kind}`);
      let anchored = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        // Paths as a workspace would give them (Terraform and CI rules read the path).
        const path = `/workspace/${relative(FIXTURES, file)}`;
        const analyzer = analyzerFor(kind as FileKind);
        const full = analyzer.analyze(text, NO_WORKSPACE_FACTS, path);
        const lean = analyzer.analyze(text, NO_WORKSPACE_FACTS, path, { anchors: false });
        if (full.anchors.length > 0) anchored++;
        assert.deepEqual(lean, withoutAnchors(full), path);
      }
      // The comparison means something only where the analysis with anchors has some.
      assert.ok(anchored > 0, `no ${kind} fixture has hover anchors`);
    });
  }

  it('analyzeFile passes `anchors: false` to the analyzer it picks', () => {
    const text = 'FROM node:20\nUSER root\nEXPOSE 3000\nCMD ["node", "server.js"]\n';
    const full = analyzeFile('/workspace/api/Dockerfile', text, NO_WORKSPACE_FACTS)!;
    const lean = analyzeFile('/workspace/api/Dockerfile', text, NO_WORKSPACE_FACTS, { anchors: false })!;
    assert.ok(full.anchors.length > 0);
    assert.deepEqual(lean, withoutAnchors(full));
  });
});
