import { strict as assert } from 'node:assert';
import { yamlDocuments } from '../../../../src/core/evidence/parsers/yamlTree';
import { hclBlocks } from '../../../../src/core/evidence/parsers/hclTree';
import { ALIAS_BOMB_MESSAGE } from '../../../../src/core/rules/yaml/aliasBudget';
import { MAX_YAML_NESTING, parseDocumentsWithinLimits } from '../../../../src/core/rules/yaml/nestingLimit';
import { parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';
import { parseStageFile } from '../../../../src/core/stageFile/parseStageFile';
import { editorScanOf } from '../../evidence/support/editorScan';
import { builtinMatrix } from '../../../../src/core/matrix/builtinMatrix';
import { aliasBomb, jsonAliasBomb } from './hostileYaml';

const DEADLINE_MS = 5000;

function quickly<T>(run: () => T): T {
  const started = Date.now();
  const result = run();
  assert.ok(Date.now() - started < DEADLINE_MS, `took ${Date.now() - started} ms`);
  return result;
}

describe('YAML parse limits: alias bombs and deep nesting are located problems, never OOM or a stack overflow', () => {
  it('an alias bomb is refused before expansion: a located RESOURCE_EXHAUSTION problem, no evidence tree', () => {
    for (const text of [aliasBomb('apiVersion: v1\nkind: ConfigMap\n'), jsonAliasBomb()]) {
      const file = quickly(() => parseYamlFile(text));
      const problem = file.parseProblems.find((p) => p.message.startsWith(ALIAS_BOMB_MESSAGE));
      assert.ok(problem, `no alias problem in ${JSON.stringify(file.parseProblems)}`);
      assert.ok(problem.range.start.line > 0, 'points at the alias that crosses the budget, not at the top');
      const [document] = quickly(() => yamlDocuments(text));
      assert.equal(document.root, undefined);
      assert.equal(document.hasErrors, true);
    }
  });

  it('ordinary anchors (compose x-defaults, merge keys) still expand in the evidence tree', () => {
    const text = 'x-defaults: &defaults\n  restart: always\nservices:\n  web:\n    <<: *defaults\n    image: nginx\n  api: *defaults\n';
    const file = parseYamlFile(text);
    assert.deepEqual(file.parseProblems, []);
    const root = yamlDocuments(text)[0].root;
    assert.ok(root?.kind === 'map');
    assert.match(JSON.stringify(root), /"key":"restart"[^\]]*"value":"always"/);
  });

  it('a cyclic alias (an alias inside its own anchored node) is refused, not followed', () => {
    const text = 'a: &a\n  b: *a\n';
    const problems = parseYamlFile(text).parseProblems;
    assert.ok(problems.length > 0);
  });

  it('the .stage.yml parser, workload detection and the other YAML entry points take the bomb in bounded time', async () => {
    const text = `stage: mvp\n${aliasBomb()}`;
    const parsed = quickly(() => parseStageFile(text, { matrix: builtinMatrix(), today: '2026-01-01' }));
    assert.ok(
      parsed.problems.some((problem) => problem.message.includes('alias bomb')),
      JSON.stringify(parsed.problems.map((p) => p.message)),
    );
    // Workload detection: the scan's (the workspace facts of the editor and of check), over a manifest that is a bomb.
    const started = Date.now();
    const scan = await editorScanOf({ '/ws/k8s/deployment.yaml': aliasBomb('apiVersion: apps/v1\nkind: Deployment\n') }, '/ws');
    assert.ok(Date.now() - started < DEADLINE_MS, `took ${Date.now() - started} ms`);
    assert.equal(scan.factsFor('/ws/k8s/deployment.yaml').deploysWithKubernetes, false, 'a refused document deploys nothing');
    assert.equal(
      parseDocumentsWithinLimits(aliasBomb()).documents[0].errors.some((error) => error.code === 'RESOURCE_EXHAUSTION'),
      true,
    );
  });

  it(`nesting deeper than ${MAX_YAML_NESTING} levels (10k flow sequences, deep JSON, deep blocks) is a located problem, not "Maximum call stack size exceeded"`, () => {
    const deep = 10000;
    const texts = [
      '['.repeat(deep) + ']'.repeat(deep),
      `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`,
      Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
    ];
    for (const text of texts) {
      const file = quickly(() => parseYamlFile(text));
      assert.equal(file.parseProblems.length, 1);
      assert.match(file.parseProblems[0].message, /nests deeper than \d+ levels/);
      assert.doesNotMatch(file.parseProblems[0].message, /call stack/);
      assert.deepEqual(yamlDocuments(text), []);
      const stage = parseStageFile(text, { matrix: builtinMatrix(), today: '2026-01-01' });
      assert.ok(stage.problems.some((problem) => /nests deeper/.test(problem.message)));
    }
    const shallow = `${'['.repeat(50)}${']'.repeat(50)}`;
    assert.deepEqual(parseYamlFile(shallow).parseProblems, [], 'real nesting is read');
  });

  it('HCL nested past its limit (blocks, collections, quotes in interpolations) keeps reading the rest without overflowing', () => {
    const deep = 100000;
    const blocks = quickly(() => hclBlocks(`${'a {\n'.repeat(deep)}${'}\n'.repeat(deep)}resource "x" "y" {\n  z = 1\n}\n`));
    assert.deepEqual(
      blocks.map((block) => block.type),
      ['a', 'resource'],
    );
    const list = quickly(() => hclBlocks(`r "x" {\nx = ${'['.repeat(deep)}${']'.repeat(deep)}\ny = 2\n}\n`));
    assert.ok(list[0].body.entries.some((entry) => entry.key === 'y'));
    quickly(() => hclBlocks(`r "x" {\nx = ${'"${'.repeat(deep)}\ny = 2\n}\n`));
  });
});
