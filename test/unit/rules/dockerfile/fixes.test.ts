import * as assert from 'node:assert/strict';
import { DockerfileParser, Keyword } from 'dockerfile-ast';
import { applyTextEdits } from '../../../../src/core/text';
import type { TextEdit } from '../../../../src/core/text';
import { evaluateFindings } from '../../../../src/core/rules/engine/evaluate';
import type { StageContext } from '../../../../src/core/rules/engine/evaluate';
import { collectFixAll } from '../../../../src/core/rules/engine/fixAll';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { analyze, findingsOf, ruleFixtures } from './fixtureSupport';

const KEYWORDS = new Set<string>(Object.values(Keyword));

/** Everything is due at enterprise: fix-all then covers every rule. */
const ENTERPRISE: StageContext = {
  stageForConcern: () => 'enterprise',
  nextStage: undefined,
  filePath: '/repo/Dockerfile',
  today: '2025-01-01',
};

function instructionCount(text: string): number {
  return DockerfileParser.parse(text).getInstructions().length;
}

/** Lines the edits insert as whole new lines (USER, HEALTHCHECK templates). */
function insertedLineCount(edits: readonly TextEdit[]): number {
  return edits
    .filter(
      (edit) =>
        edit.range.start.line === edit.range.end.line &&
        edit.range.start.character === edit.range.end.character &&
        /\n$/.test(edit.newText) &&
        edit.range.start.character === 0,
    )
    .reduce((sum, edit) => sum + edit.newText.split('\n').length - 1, 0);
}

/** Lines before the first edited line and after the last one are unchanged. */
function assertOnlyEditedLinesChanged(before: string, after: string, edits: readonly TextEdit[]): void {
  const first = Math.min(...edits.map((edit) => edit.range.start.line));
  const last = Math.max(...edits.map((edit) => edit.range.end.line));
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  assert.deepEqual(newLines.slice(0, first), oldLines.slice(0, first), 'lines above the edit are unchanged');
  const tail = oldLines.length - last - 1;
  assert.deepEqual(tail === 0 ? [] : newLines.slice(-tail), tail === 0 ? [] : oldLines.slice(-tail), 'lines below the edit are unchanged');
}

describe('Dockerfile rules: quick fixes', () => {
  for (const fixture of ruleFixtures().filter((candidate) => candidate.kind === 'bad')) {
    const withFixes = findingsOf(fixture.text, fixture.ruleId).filter((finding) => finding.fix);
    withFixes.forEach((finding, index) => {
      it(`${fixture.name}: fix #${index + 1} (${finding.fix?.title}) removes exactly that finding and nothing else`, () => {
        const edits = finding.fix?.edits ?? [];
        assert.ok(edits.length > 0);
        const fixed = applyTextEdits(fixture.text, edits);
        assert.notEqual(fixed, fixture.text);
        assert.equal(
          findingsOf(fixed, fixture.ruleId).length,
          findingsOf(fixture.text, fixture.ruleId).length - 1,
          'the finding is gone on re-analysis',
        );
        assert.deepEqual(analyze(fixed).parseProblems, [], 'every rule still runs on the fixed file');
        const instructions = DockerfileParser.parse(fixed).getInstructions();
        for (const instruction of instructions)
          assert.ok(KEYWORDS.has(instruction.getKeyword()), `still a Dockerfile instruction: ${instruction.getKeyword()}`);
        assert.equal(
          instructions.length,
          instructionCount(fixture.text) + insertedLineCount(edits),
          'the fix adds or removes no instruction by accident',
        );
        assertOnlyEditedLinesChanged(fixture.text, fixed, edits);
        // A fix edits the instruction it is about, or inserts whole lines.
        for (const edit of edits) {
          const isLineInsertion = insertedLineCount([edit]) > 0;
          if (!isLineInsertion) {
            const instruction = DockerfileParser.parse(fixture.text)
              .getInstructions()
              .find(
                (candidate) =>
                  candidate.getRange().start.line <= finding.range.start.line && finding.range.start.line <= candidate.getRange().end.line,
              );
            assert.ok(instruction);
            assert.ok(
              instruction.getRange().start.line <= edit.range.start.line && edit.range.end.line <= instruction.getRange().end.line,
              'the edit stays inside the instruction',
            );
          }
        }
      });
    });
  }

  it('the fix tests cover every rule that offers a fix', () => {
    const rulesWithFixes = new Set(
      ruleFixtures()
        .filter((fixture) => fixture.kind === 'bad')
        .flatMap((fixture) =>
          findingsOf(fixture.text, fixture.ruleId)
            .filter((finding) => finding.fix)
            .map((finding) => finding.ruleId),
        ),
    );
    assert.deepEqual([...rulesWithFixes].sort(), [
      'docker/add-instead-of-copy',
      'docker/apk-no-cache',
      'docker/apt-lists-cleanup',
      'docker/apt-no-install-recommends',
      'docker/build-platform-shipped',
      'docker/exec-form-cmd',
      'docker/healthcheck',
      'docker/maintainer',
      'docker/non-root-user',
      'docker/relative-workdir',
      'docker/secret-file-copied',
      'docker/sudo',
      'docker/tls-verification-disabled',
    ]);
  });

  describe('fix-all', () => {
    const catalog = builtinRuleCatalog();
    const fixAll = (text: string) => collectFixAll(evaluateFindings(analyze(text), catalog, ENTERPRISE));

    for (const fixture of ruleFixtures()) {
      it(`${fixture.name}: applying fix-all twice changes nothing the second time`, () => {
        const first = fixAll(fixture.text);
        const once = applyTextEdits(fixture.text, first.edits);
        assert.deepEqual(analyze(once).parseProblems, []);
        const second = fixAll(once);
        if (first.deferred.length === 0) assert.deepEqual(second.edits, [], 'no fixable finding is left after one pass');
        const twice = applyTextEdits(once, second.edits);
        assert.deepEqual(fixAll(twice).edits, [], 'a deferred fix is applied by the second pass at the latest');
        for (const fixed of first.fixed) {
          assert.ok(fixed.finding.fix, 'only findings with fixes are fixed');
        }
      });
    }

    it('fixes a Dockerfile with every kind of fixable problem in one pass, merging insertions at the same point', () => {
      const text = [
        'FROM node:20-slim',
        'MAINTAINER Jane <jane@example.com>',
        'ADD . /app',
        'WORKDIR /srv',
        'WORKDIR app',
        'RUN sudo apt-get update && apt-get install -y curl',
        'RUN apk add jq && curl -fsSLk https://example.com/x -o /tmp/x && wget --no-check-certificate https://example.com/y',
        'EXPOSE 3000',
        'CMD node server.js',
        '',
      ].join('\n');
      const first = fixAll(text);
      assert.deepEqual(first.deferred, []);
      const fixed = applyTextEdits(text, first.edits);
      assert.equal(
        fixed,
        [
          'FROM node:20-slim',
          'LABEL maintainer="Jane <jane@example.com>"',
          'COPY . /app',
          'WORKDIR /srv',
          'WORKDIR /srv/app',
          'RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*',
          'RUN apk add --no-cache jq && curl -fsSL https://example.com/x -o /tmp/x && wget https://example.com/y',
          'EXPOSE 3000',
          'USER 10001:10001',
          'HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD curl -fsS http://localhost:3000/health || exit 1',
          'CMD ["node", "server.js"]',
          '',
        ].join('\n'),
      );
      assert.deepEqual(fixAll(fixed).edits, []);
    });
  });
});
