import assert from 'node:assert/strict';
import { hclBlocks } from '../../../src/core/evidence/parsers/hclTree';
import fc from 'fast-check';
import {
  child,
  entriesOf,
  expandLists,
  keptAlongPaths,
  keysOf,
  parsePath,
  queryPath,
  scalarText,
} from '../../../src/core/evidence/parsers/locatedTree';
import type { Scalar, TreeValue } from '../../../src/core/evidence/parsers/locatedTree';
import { parseToml, tomlTree } from '../../../src/core/evidence/parsers/tomlTree';
import { childElements, childText, xmlRoot } from '../../../src/core/evidence/parsers/xmlTree';
import { yamlDocuments } from '../../../src/core/evidence/parsers/yamlTree';

/** Scalar texts of every value reached, lists expanded. */
const texts = (values: TreeValue[]) => values.flatMap(expandLists).map(scalarText);
const lines = (values: TreeValue[]) => values.map((value) => value.line);

describe('evidence: parsers', () => {
  describe('located tree queries', () => {
    it('splits paths on dots but keeps bracketed keys whole', () => {
      assert.deepEqual(parsePath('spec.template.metadata.annotations[linkerd.io/inject]'), [
        'spec',
        'template',
        'metadata',
        'annotations',
        'linkerd.io/inject',
      ]);
    });

    it('fans out over lists and matches * inside a key', () => {
      const [doc] = yamlDocuments('a:\n  - b: 1\n  - b: 2\nannotations:\n  inject-java: "true"\n  other: x\n');
      assert.deepEqual(texts(queryPath(doc.root, 'a.b')), ['1', '2']);
      assert.deepEqual(texts(queryPath(doc.root, 'annotations[inject-*]')), ['true']);
    });
  });

  describe('YAML', () => {
    it('keeps zero-based lines, reads every document and merges `<<` keys', () => {
      const docs = yamlDocuments('x-base: &base\n  restart: always\nservices:\n  api:\n    <<: *base\n    image: app\n---\nkind: Second\n');
      assert.equal(docs.length, 2);
      const api = child(child(docs[0].root, 'services'), 'api');
      assert.equal(scalarText(child(api, 'restart')), 'always');
      assert.deepEqual(lines(queryPath(docs[0].root, 'services.api.image')), [5]);
      assert.equal(scalarText(child(docs[1].root, 'kind')), 'Second');
    });

    it('reads JSON (a YAML subset) with lines, and never throws on garbage', () => {
      const [doc] = yamlDocuments('{\n\t"scripts": {\n\t\t"test": "jest"\n\t}\n}\n');
      assert.deepEqual(lines(queryPath(doc.root, 'scripts.test')), [2]);
      assert.doesNotThrow(() => yamlDocuments('{{ .Values.x }}: [\n'));
    });
  });

  describe('TOML', () => {
    it('reads tables, arrays of tables, dotted keys, inline tables and every string kind', () => {
      const root = tomlTree(
        [
          '# comment',
          'title = "x" # trailing',
          '[project]',
          'requires-python = ">=3.12"',
          'dependencies = [',
          '  "fastapi>=0.1",',
          "  'uvicorn',",
          ']',
          'urls.home = "https://example.com"',
          '[tool.poetry.dependencies]',
          'django = { version = "^5", extras = ["argon2"] }',
          '[[http_service.checks]]',
          'path = "/healthz"',
          '[[http_service.checks]]',
          'path = """/ready"""',
          'enabled = true',
          'port = 8_080',
        ].join('\n'),
      );
      assert.equal(scalarText(child(child(root, 'project'), 'requires-python')), '>=3.12');
      assert.deepEqual(texts(queryPath(root, 'project.dependencies')), ['fastapi>=0.1', 'uvicorn']);
      assert.equal(scalarText(queryPath(root, 'project.urls.home')[0]), 'https://example.com');
      assert.deepEqual(texts(queryPath(root, 'tool.poetry.dependencies.django.extras')), ['argon2']);
      assert.deepEqual(texts(queryPath(root, 'http_service.checks.path')), ['/healthz', '/ready']);
      assert.deepEqual(lines(queryPath(root, 'http_service.checks.path')), [12, 14]);
      assert.deepEqual(queryPath(root, 'http_service.checks.port'), [{ kind: 'scalar', value: 8080, line: 16 }]);
      assert.deepEqual(queryPath(root, 'http_service.checks.enabled'), [{ kind: 'scalar', value: true, line: 15 }]);
    });

    it('reads a multi-line inline table (TOML 1.1, as Cargo and uv accept) without losing what follows', () => {
      const root = tomlTree(
        [
          '[dependencies]',
          'serde = {',
          '  version = "1",',
          '  features = ["derive"],',
          '}',
          'tokio = { version = "1" }',
          '[package]',
          'rust-version = "1.80"',
        ].join('\n'),
      );
      assert.deepEqual(keysOf(child(root, 'dependencies')), ['serde', 'tokio']);
      assert.equal(scalarText(queryPath(root, 'dependencies.serde.version')[0]), '1');
      assert.deepEqual(texts(queryPath(root, 'dependencies.serde.features')), ['derive']);
      assert.deepEqual(lines(queryPath(root, 'dependencies.serde.features')), [3]);
      assert.deepEqual(lines(queryPath(root, 'package.rust-version')), [7]);
    });

    it('puts [a.b] after [[a]] into the last element, and keeps keys and lines of dotted keys', () => {
      const root = tomlTree(
        [
          '[[services]]',
          'name = "web"',
          '[[services]]',
          'name = "worker"',
          '[services.concurrency]',
          'hard_limit = 25',
          '[site]',
          'build.command = "make"',
          'build.publish = "dist"',
          '"quoted.key" = 1',
        ].join('\n'),
      );
      const services = child(root, 'services');
      assert.equal(services?.kind, 'list');
      assert.deepEqual(texts(queryPath(root, 'services.name')), ['web', 'worker']);
      assert.equal(child(expandLists(services!)[0], 'concurrency'), undefined);
      assert.deepEqual(queryPath(root, 'services.concurrency.hard_limit'), [{ kind: 'scalar', value: 25, line: 5 }]);
      assert.deepEqual(keysOf(child(child(root, 'site'), 'build')), ['command', 'publish']);
      assert.deepEqual(lines(queryPath(root, 'site.build.publish')), [8]);
      assert.equal(entriesOf(child(root, 'site'), 'build')[0].keyLine, 7);
      assert.equal(scalarText(child(child(root, 'site'), 'quoted.key')), '1');
    });

    it('reads literal, multi-line and escaped strings, and keeps dates as written', () => {
      const root = tomlTree(String.raw`path = 'C:\Users\x'
script = """
line one
line two"""
regex = '''\d+'''
escaped = "tab\there"
when = 1979-05-27T07:32:00Z
day = 1979-05-27
`);
      assert.equal(scalarText(child(root, 'path')), String.raw`C:\Users\x`);
      assert.equal(scalarText(child(root, 'script')), 'line one\nline two');
      assert.equal(scalarText(child(root, 'regex')), String.raw`\d+`);
      assert.equal(scalarText(child(root, 'escaped')), 'tab\there');
      assert.equal(scalarText(child(root, 'when')), '1979-05-27T07:32:00Z');
      assert.equal(scalarText(child(root, 'day')), '1979-05-27');
      assert.deepEqual(lines(queryPath(root, 'regex')), [4]);
    });

    it('gives a malformed file a located problem and an empty tree, never a throw', () => {
      const bad = parseToml('good = 1\nthis is not toml\n[section\nlater = "x"\n');
      assert.deepEqual(bad.root.entries, []);
      assert.equal(bad.problem?.line, 1, 'zero-based: the second line');
      assert.equal(bad.problem?.column, 5);
      assert.match(bad.problem?.message ?? '', /=/);
      assert.deepEqual(tomlTree('[section\n').entries, []);
      assert.ok(parseToml('a = 1\na = 2\n').problem, 'a key defined twice');
      assert.ok(parseToml('x = ' + '['.repeat(20_000)).problem, 'absurd nesting');
      assert.equal(parseToml('a = 1\n').problem, undefined);
    });
  });

  describe('HCL (Terraform)', () => {
    it('reads blocks with labels, attributes, nested blocks and literal values', () => {
      const [provider, resource] = hclBlocks(
        [
          'provider "aws" {',
          '  region = "eu-central-1"',
          '  default_tags {',
          '    tags = { service = "checkout", "team" = "a" }',
          '  }',
          '}',
          '',
          'resource "aws_db_instance" "main" {',
          '  multi_az          = true',
          '  allocated_storage = 100',
          '  identifier        = "${var.name}-db"',
          '  subnet_ids        = [var.a, "subnet-1"]',
          '  # storage_encrypted = true',
          '}',
        ].join('\n'),
      );
      assert.deepEqual([provider.type, provider.labels], ['provider', ['aws']]);
      assert.equal(scalarText(queryPath(provider.body, 'default_tags.tags.service')[0]), 'checkout');
      assert.equal(scalarText(queryPath(provider.body, 'default_tags.tags.team')[0]), 'a');
      assert.deepEqual([resource.labels, resource.line], [['aws_db_instance', 'main'], 7]);
      assert.equal((child(resource.body, 'multi_az') as { value: unknown }).value, true);
      assert.equal((child(resource.body, 'allocated_storage') as { value: unknown }).value, 100);
      assert.equal((child(resource.body, 'identifier') as { expression?: boolean }).expression, true);
      assert.deepEqual(texts(queryPath(resource.body, 'subnet_ids')), ['var.a', 'subnet-1'], 'an unreduced expression is kept as its text');
      assert.equal(child(resource.body, 'storage_encrypted'), undefined, 'commented-out attributes are not read');
    });

    it('is not confused by braces in strings, interpolation or heredocs', () => {
      const blocks = hclBlocks(
        [
          'resource "aws_iam_policy" "p" {',
          '  policy = <<EOF',
          '{ "Statement": [ { "Effect": "Allow" } ] }',
          'EOF',
          '  name = "literal { brace"',
          '  tags = "${jsonencode({ a = "}" })}"',
          '}',
          'resource "aws_sqs_queue" "q" {',
          '  redrive_policy = jsonencode({ maxReceiveCount = 5 })',
          '}',
        ].join('\n'),
      );
      assert.deepEqual(
        blocks.map((block) => block.labels[0]),
        ['aws_iam_policy', 'aws_sqs_queue'],
      );
      assert.equal(scalarText(child(blocks[0].body, 'name')), 'literal { brace');
      assert.ok(child(blocks[1].body, 'redrive_policy'));
    });

    it('never throws on broken input', () => {
      assert.doesNotThrow(() => hclBlocks('resource "a" {\n  x = [1, 2\n  "unterminated\n'));
    });
  });

  describe('XML (pom.xml)', () => {
    it('reads elements, text and lines, skipping comments and CDATA markers', () => {
      const root = xmlRoot(
        '<?xml version="1.0"?>\n<project>\n  <!-- <dependency> in a comment -->\n  <dependencies>\n    <dependency>\n      <groupId>io.sentry</groupId>\n      <artifactId>sentry</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n',
      );
      const project = childElements(root, 'project')[0];
      const dependency = childElements(childElements(project, 'dependencies')[0], 'dependency');
      assert.equal(dependency.length, 1);
      assert.equal(childText(dependency[0], 'groupId'), 'io.sentry');
      assert.equal(dependency[0].line, 4);
    });
  });
});

describe('evidence: a tree kept along paths', () => {
  const KEYS = ['a', 'b', 'c'];
  let line = 0;
  const scalar = fc.constantFrom<Scalar>(1, 'x', true, null).map((value): TreeValue => ({ kind: 'scalar', value, line: line++ }));
  const { value: treeValue } = fc.letrec<{ value: TreeValue }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'tree' },
      scalar,
      fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 4 }).map(
        (entries): TreeValue => ({
          kind: 'map',
          line: line++,
          entries: entries.map(([key, value]) => ({ key, keyLine: line++, value })),
        }),
      ),
      fc.array(tie('value'), { maxLength: 3 }).map((items): TreeValue => ({ kind: 'list', line: line++, items })),
    ),
  }));
  const path = fc.array(fc.constantFrom(...KEYS, '*'), { maxLength: 4 });

  it('answers every query along a kept path, and every query past its end, as the whole tree does', () => {
    fc.assert(
      fc.property(treeValue, fc.array(path, { minLength: 1, maxLength: 3 }), path, (tree, paths, further) => {
        const kept = keptAlongPaths(tree, paths);
        for (const keptPath of paths) {
          assert.deepEqual(queryPath(kept, keptPath), queryPath(tree, keptPath));
          assert.deepEqual(queryPath(kept, [...keptPath, ...further]), queryPath(tree, [...keptPath, ...further]));
        }
      }),
    );
  });

  it('keeps nothing else of a map, and keeps a list’s every item (cut the same way)', () => {
    const root = yamlDocuments(
      'spec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n        - image: sidecar:2\n',
    )[0].root!;
    const kept = keptAlongPaths(root, [['spec', 'template', 'spec', 'containers', 'name']]);
    assert.deepEqual(queryPath(kept, 'spec.replicas'), []);
    assert.deepEqual(queryPath(kept, 'spec.template.spec.containers.image'), []);
    assert.equal(expandLists(child(child(child(child(kept, 'spec'), 'template'), 'spec'), 'containers')!).length, 2);
    assert.deepEqual(texts(queryPath(kept, 'spec.template.spec.containers.name')), ['api']);
    assert.equal(keptAlongPaths(root, [[]]), root, 'an empty path keeps the whole tree');
  });
});
