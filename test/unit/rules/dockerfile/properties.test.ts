import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import type { Range } from '../../../../src/core/text';
import { applyTextEdits } from '../../../../src/core/text';
import type { FileAnalysis } from '../../../../src/core/rules/types';
import { ruleFixtures } from './fixtureSupport';
import { binaryString } from '../../support/binaryStringUnit';

/** Pieces of real Dockerfiles, so random files reach the detectors' interesting paths. */
const TOKENS = [
  'FROM ',
  'FROM node',
  'FROM scratch',
  ' AS build',
  'FROM build',
  'ARG V=1',
  'ARG V',
  '${V}',
  '$V',
  ':latest',
  '@sha256:',
  'USER root',
  'USER ',
  'RUN ',
  'CMD ',
  'ENTRYPOINT ',
  'HEALTHCHECK ',
  'HEALTHCHECK NONE',
  'ENV ',
  'DB_PASSWORD=x',
  'ADD ',
  'COPY ',
  'WORKDIR ',
  'MAINTAINER ',
  'SHELL ',
  'EXPOSE 80',
  'apt-get install -y ',
  'apt-get update',
  'apk add ',
  'curl -k ',
  'wget --no-check-certificate ',
  'pip install --trusted-host ',
  'sudo ',
  'npm ci',
  'go build',
  '&&',
  '||',
  '|',
  ';',
  '(',
  ')',
  '$(',
  '`',
  '"',
  "'",
  '\\',
  '\\\n',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  '#',
  '# stage-guide: ignore',
  '# stage-guide: ignore-file',
  '<<EOF\n',
  'EOF\n',
  '[',
  ']',
  '["a", "b"]',
  '["/bin/bash", "-o", "pipefail", "-c"]',
  '--mount=type=cache,target=/var/lib/apt',
  '# escape=`\n',
  '`\n',
  '=',
  '{',
  '}',
];

const dockerfileLike = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));

interface Mutation {
  at: number;
  remove: number;
  insert: string;
}

const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 20 }),
  insert: fc.oneof(binaryString({ maxLength: 8 }), fc.constantFrom(...TOKENS)),
});

function mutate(text: string, mutations: readonly Mutation[]): string {
  let result = text;
  for (const { at, remove, insert } of mutations) {
    const position = result.length === 0 ? 0 : at % (result.length + 1);
    result = result.slice(0, position) + insert + result.slice(position + remove);
  }
  return result;
}

function assertInside(text: string, range: Range, what: string): void {
  const lines = text.split('\n');
  for (const position of [range.start, range.end]) {
    assert.ok(
      Number.isInteger(position.line) && position.line >= 0 && position.line < lines.length,
      `${what}: line ${position.line} outside 0..${lines.length - 1}`,
    );
    assert.ok(
      Number.isInteger(position.character) && position.character >= 0 && position.character <= lines[position.line].length,
      `${what}: character ${position.character} outside line ${position.line}`,
    );
  }
  const ordered =
    range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: start after end`);
}

function checkAnalysis(text: string, deploysWithKubernetes: boolean): void {
  let analysis: FileAnalysis | undefined;
  assert.doesNotThrow(() => {
    analysis = analyzeFile('/repo/Dockerfile', text, { deploysWithKubernetes });
  });
  assert.ok(analysis, 'a Dockerfile is always analysed');
  assert.deepEqual(analysis.parseProblems, [], 'no detector fails');
  for (const finding of analysis.findings) {
    assertInside(text, finding.range, finding.ruleId);
    for (const edit of finding.fix?.edits ?? []) assertInside(text, edit.range, `${finding.ruleId} fix`);
    if (finding.fix) assert.doesNotThrow(() => applyTextEdits(text, finding.fix?.edits ?? []));
  }
  for (const anchor of analysis.anchors) assertInside(text, anchor.range, `anchor ${anchor.concern}`);
  const lineCount = text.split('\n').length;
  for (const line of analysis.suppressions.byLine.keys()) assert.ok(line >= 0 && line < lineCount, `suppression line ${line}`);
}

describe('Dockerfile analysis: properties', () => {
  const realFiles = ruleFixtures().map((fixture) => fixture.text);

  it('random text never makes analyzeFile throw, and every range lies inside the document', () => {
    fc.assert(fc.property(binaryString({ maxLength: 300 }), fc.boolean(), checkAnalysis), { numRuns: 300 });
  });

  it('random Dockerfile-like text never makes analyzeFile throw, and every range lies inside the document', () => {
    fc.assert(fc.property(dockerfileLike, fc.boolean(), checkAnalysis), { numRuns: 500 });
  });

  it('mutated real Dockerfiles never make analyzeFile throw, and every range lies inside the document', () => {
    fc.assert(
      fc.property(fc.constantFrom(...realFiles), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (text, mutations, k8s) =>
        checkAnalysis(mutate(text, mutations), k8s),
      ),
      { numRuns: 500 },
    );
  });

  it('CRLF versions of the real Dockerfiles keep every range inside the document', () => {
    for (const text of realFiles) checkAnalysis(text.replace(/\n/g, '\r\n'), false);
  });
});
