import * as assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import {
  collectDockerfileSuppressions,
  collectYamlSuppressions,
  emptySuppressions,
  isSuppressed,
  parseSuppressionDirective,
} from '../../../../src/core/rules/engine/suppressions';
import type { InlineSuppressions } from '../../../../src/core/rules/types';

function lines(suppressions: InlineSuppressions): Record<number, string[]> {
  return Object.fromEntries([...suppressions.byLine].map(([line, ids]) => [line, [...ids].sort()]));
}

describe('inline suppressions', () => {
  describe('directive syntax', () => {
    it('reads ids separated by commas or spaces, and a reason after " -- "', () => {
      assert.deepEqual(parseSuppressionDirective('# stage-guide: ignore a/b, c/d'), { scope: 'line', ruleIds: ['a/b', 'c/d'] });
      assert.deepEqual(parseSuppressionDirective('stage-guide:ignore a/b c/d -- legacy image'), { scope: 'line', ruleIds: ['a/b', 'c/d'] });
      assert.deepEqual(parseSuppressionDirective('#  stage-guide: ignore'), { scope: 'line', ruleIds: [] });
      assert.deepEqual(parseSuppressionDirective('# stage-guide: ignore-file k8s/x'), { scope: 'file', ruleIds: ['k8s/x'] });
      assert.deepEqual(parseSuppressionDirective('# stage-guide: ignore-file -- generated'), { scope: 'file', ruleIds: [] });
    });

    it('is no directive otherwise', () => {
      for (const text of [
        '# stage-guide: ignored',
        '# stage-guide ignore x',
        '# ignore x',
        '# stage-guide: ignorefile',
        '# see stage-guide: ignore',
      ]) {
        assert.equal(parseSuppressionDirective(text), undefined, text);
      }
    });
  });

  describe('YAML', () => {
    it('suppresses the next line from a comment above, skipping further comment lines', () => {
      const text = [
        'jobs:',
        '  # stage-guide: ignore gha/job-timeout-minutes',
        '  # the job is bounded by the runner',
        '  build:',
        '    runs-on: x',
        '',
      ].join('\n');
      assert.deepEqual(lines(collectYamlSuppressions(text)), { 3: ['gha/job-timeout-minutes'] });
    });

    it('suppresses its own line from a comment at the end of the line', () => {
      const text = ['services:', '  db:', '    image: postgres # stage-guide: ignore compose/image-tag, compose/x', ''].join('\n');
      const suppressions = collectYamlSuppressions(text);
      assert.deepEqual(lines(suppressions), { 2: ['compose/image-tag', 'compose/x'] });
      assert.ok(isSuppressed(suppressions, 'compose/image-tag', 2));
      assert.ok(!isSuppressed(suppressions, 'compose/image-tag', 1));
    });

    it('suppresses every rule without ids', () => {
      const suppressions = collectYamlSuppressions('a: 1\n# stage-guide: ignore\nb: 2\n');
      assert.ok(isSuppressed(suppressions, 'anything/at-all', 2));
    });

    it('reads ignore-file only in the leading comments, a document start included', () => {
      const header = collectYamlSuppressions(
        '# Deployment of web\n---\n# stage-guide: ignore-file k8s/replicas-at-least-2\napiVersion: v1\n',
      );
      assert.deepEqual([...header.fileWide], ['k8s/replicas-at-least-2']);
      assert.ok(isSuppressed(header, 'k8s/replicas-at-least-2', 40));
      const late = collectYamlSuppressions('apiVersion: v1\n# stage-guide: ignore-file k8s/x\nkind: Pod\n');
      assert.deepEqual([...late.fileWide], []);
      const all = collectYamlSuppressions('# stage-guide: ignore-file\nkind: Pod\n');
      assert.ok(isSuppressed(all, 'k8s/x', 1));
    });

    it('never reads directives inside strings or block scalars', () => {
      const text = [
        'run: |',
        '  # stage-guide: ignore-file',
        '  echo "# stage-guide: ignore"',
        "name: '# stage-guide: ignore'",
        'x: 1',
        '',
      ].join('\n');
      const suppressions = collectYamlSuppressions(text);
      assert.deepEqual(lines(suppressions), {});
      assert.deepEqual([...suppressions.fileWide], []);
    });

    it('never throws and ignores a directive on the last line', () => {
      assert.deepEqual(lines(collectYamlSuppressions('a: [\n# stage-guide: ignore')), {});
      assert.doesNotThrow(() => collectYamlSuppressions('{{ stage-guide }} : : [ # stage-guide: ignore x'));
    });
  });

  describe('Dockerfile', () => {
    it('suppresses every line of the instruction below, past further comment lines', () => {
      const text = [
        'FROM node',
        '# stage-guide: ignore docker/sudo',
        '# needed by the vendor script',
        'RUN sudo a \\',
        '  && sudo b',
        'RUN sudo c',
        '',
      ].join('\n');
      const dockerfile = DockerfileParser.parse(text);
      assert.deepEqual(lines(collectDockerfileSuppressions(dockerfile)), { 3: ['docker/sudo'], 4: ['docker/sudo'] });
    });

    it('reads ignore-file only before the first instruction', () => {
      const header = collectDockerfileSuppressions(
        DockerfileParser.parse('# syntax=docker/dockerfile:1\n# stage-guide: ignore-file\nFROM node\n'),
      );
      assert.ok(isSuppressed(header, 'docker/base-image-tag', 2));
      const late = collectDockerfileSuppressions(DockerfileParser.parse('FROM node\n# stage-guide: ignore-file\nRUN x\n'));
      assert.deepEqual([...late.fileWide], []);
    });

    it('takes shell comments at the end of a RUN for the whole instruction', () => {
      const dockerfile = DockerfileParser.parse('FROM node\nRUN a \\\n  && b\n');
      const suppressions = collectDockerfileSuppressions(dockerfile, [
        { text: '# stage-guide: ignore docker/pipefail', firstLine: 1, lastLine: 2 },
      ]);
      assert.deepEqual(lines(suppressions), { 1: ['docker/pipefail'], 2: ['docker/pipefail'] });
    });
  });

  describe('files without a directive', () => {
    it('share one empty value, which files with directives never write to', () => {
      const none = [
        collectYamlSuppressions('a: 1\n'),
        collectYamlSuppressions('# stage-guide is mentioned, no directive\na: 1\n'),
        collectDockerfileSuppressions(DockerfileParser.parse('FROM node\n# a comment\nRUN make\n')),
        emptySuppressions(),
      ];
      for (const suppressions of none) assert.equal(suppressions, emptySuppressions());
      // A Dockerfile whose only directive is a shell comment (read after the instruction comments, which found none).
      const shell = collectDockerfileSuppressions(DockerfileParser.parse('FROM node\nRUN make\n'), [
        { text: '# stage-guide: ignore docker/pipefail', firstLine: 1, lastLine: 1 },
      ]);
      assert.deepEqual(lines(shell), { 1: ['docker/pipefail'] });
      collectYamlSuppressions('# stage-guide: ignore-file\na: 1 # stage-guide: ignore k8s/x\n');
      assert.equal(emptySuppressions().byLine.size, 0);
      assert.equal(emptySuppressions().fileWide.size, 0);
    });
  });
});
