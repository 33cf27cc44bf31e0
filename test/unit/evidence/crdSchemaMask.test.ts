import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, isPair, isScalar, visit } from 'yaml';
import type { Document } from 'yaml';
import { withoutCrdSchemas } from '../../../src/core/evidence/parsers/crdSchemaMask';
import type { CrdDocument } from '../../../src/core/evidence/parsers/crdSchemaMask';
import { parseYamlFile } from '../../../src/core/rules/yaml/yamlSupport';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'operator-crds');
const NOTHING_READS = () => false;

function fixture(relative: string): string {
  return readFileSync(join(FIXTURE, relative), 'utf8');
}

/** Each line break's offset: a mask must keep them all where they were. */
function lineBreaks(text: string): number[] {
  const offsets: number[] = [];
  for (let at = 0; at < text.length; at++) if (text[at] === '\n' || text[at] === '\r') offsets.push(at);
  return offsets;
}

function isCrd(document: Document.Parsed): boolean {
  return document.get('kind') === 'CustomResourceDefinition' && String(document.get('apiVersion')).startsWith('apiextensions.k8s.io/');
}

/**
 * Every node of a document with its range (and a scalar's value), in document order, leaving out what is below
 * `spec` when `withoutSpec` (the root map then gives its start alone: its end is where its last value ends).
 */
function locatedNodes(document: Document.Parsed, withoutSpec: boolean): string[] {
  const nodes: string[] = [];
  visit(document, {
    Pair(_, pair, path) {
      if (withoutSpec && path.length === 2 && isPair(pair) && isScalar(pair.key) && pair.key.value === 'spec') {
        nodes.push(`spec key ${pair.key.range?.join('-')}`);
        return visit.SKIP;
      }
      return undefined;
    },
    Node(_, node, path) {
      const root = path.length === 1;
      const range = withoutSpec && root && isMap(node) ? `${node.range?.[0]}` : node.range?.join('-');
      nodes.push(`${node.constructor.name} ${range}${isScalar(node) ? ` ${JSON.stringify(node.value)}` : ''}`);
    },
  });
  return nodes;
}

/**
 * What a mask must leave as it was: the documents' values (a CRD's spec read as null when it was left out, and
 * only then), and every node's range outside the spec left out.
 */
function assertSameOutsideSpecs(text: string, masked: string): number {
  const original = parseYamlFile(text).documents;
  const parsed = parseYamlFile(masked).documents;
  assert.equal(parsed.length, original.length);
  let left = 0;
  parsed.forEach((document, index) => {
    const before = original[index];
    const specOf = (json: unknown) => (json !== null && typeof json === 'object' && 'spec' in json ? json.spec : undefined);
    const leftOut = isMap(document.contents) && specOf(document.toJSON()) === null && specOf(before.toJSON()) !== null;
    if (leftOut) {
      left++;
      assert.ok(isCrd(before), `document ${index} is not a CRD, yet its spec was left out`);
    }
    const json = before.toJSON() as Record<string, unknown> | null;
    assert.deepEqual(document.toJSON(), leftOut && json ? { ...json, spec: null } : json, `document ${index}`);
    assert.deepEqual(locatedNodes(document, leftOut), locatedNodes(before, leftOut), `document ${index}`);
  });
  return left;
}

function hasValues(text: string): boolean {
  try {
    for (const document of parseYamlFile(text).documents) document.toJSON();
    return true;
  } catch {
    return false;
  }
}

describe('evidence: a CustomResourceDefinition parsed with its schema left out', () => {
  it('blanks the spec of a controller-gen CRD: the same length and line breaks, identity and ranges kept', () => {
    const text = fixture('config/crd/bases/apps.example.com_widgets.yaml');
    const masked = withoutCrdSchemas(text, NOTHING_READS);
    assert.ok(masked !== undefined);
    assert.equal(masked.length, text.length);
    assert.deepEqual(lineBreaks(masked), lineBreaks(text));
    // The schema's words are gone; a comment line in it stays (yaml reads it as a comment either way).
    assert.ok(!masked.includes('openAPIV3Schema') && !masked.includes('privileged'));
    assert.ok(masked.includes('              # Servers should convert recognized schemas to the latest internal value.'));
    assert.equal(assertSameOutsideSpecs(text, masked), 1);
    const [document] = parseYamlFile(masked).documents;
    assert.deepEqual(document.toJSON(), {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { annotations: { 'controller-gen.kubebuilder.io/version': 'v0.14.0' }, name: 'widgets.apps.example.com' },
      spec: null,
    });
  });

  it("in a release bundle, leaves out the CRDs' specs alone: the namespace, a CRD's status and the controller are as written", () => {
    const text = fixture('deploy/install.yaml');
    const masked = withoutCrdSchemas(text, NOTHING_READS);
    assert.ok(masked !== undefined);
    assert.equal(assertSameOutsideSpecs(text, masked), 2);
    const documents = parseYamlFile(masked).documents;
    assert.deepEqual(
      documents.map((document) => document.get('kind')),
      ['Namespace', 'CustomResourceDefinition', 'CustomResourceDefinition', 'Deployment'],
    );
    assert.deepEqual(documents[1].toJSON().status, { acceptedNames: { kind: '', plural: '' }, conditions: [], storedVersions: [] });
    // The second CRD's spec ends at the document marker: the controller after it is whole.
    assert.equal(documents[3].getIn(['spec', 'replicas']), 2);
  });

  it('leaves out a v1beta1 CRD’s spec too, its apiVersion kept for the deprecated-API rule', () => {
    const text = fixture('charts/widget-operator/crds/gadgets.yaml');
    const masked = withoutCrdSchemas(text, NOTHING_READS);
    assert.ok(masked !== undefined);
    assert.equal(assertSameOutsideSpecs(text, masked), 1);
    assert.ok(masked.startsWith('# Kept at v1beta1 for clusters older than 1.16.\napiVersion: apiextensions.k8s.io/v1beta1\n'));
  });

  it('asks, for each CRD, whether anything may read its schema (its apiVersion and top-level keys), and keeps it then', () => {
    const text = fixture('deploy/install.yaml');
    const asked: CrdDocument[] = [];
    assert.equal(
      withoutCrdSchemas(text, (document) => {
        asked.push(document);
        return true;
      }),
      undefined,
    );
    assert.deepEqual(
      asked.map((document) => ({ apiVersion: document.apiVersion, keys: [...document.keys] })),
      [
        { apiVersion: 'apiextensions.k8s.io/v1', keys: ['apiVersion', 'kind', 'metadata', 'spec', 'status'] },
        { apiVersion: 'apiextensions.k8s.io/v1', keys: ['apiVersion', 'kind', 'metadata', 'spec'] },
      ],
    );
  });

  it('keeps CRLF line breaks', () => {
    const text = fixture('config/crd/bases/apps.example.com_widgets.yaml').replaceAll('\n', '\r\n');
    const masked = withoutCrdSchemas(text, NOTHING_READS);
    assert.ok(masked !== undefined);
    assert.deepEqual(lineBreaks(masked), lineBreaks(text));
    assert.equal(assertSameOutsideSpecs(text, masked), 1);
  });

  const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: a.example.com\n';
  const SCHEMA = '  group: example.com\n  names: {kind: A, plural: as}\n';
  for (const [why, text] of [
    ['not a CRD', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 2\n'],
    ['a CRD of another API group', `apiVersion: example.com/v1\nkind: CustomResourceDefinition\nmetadata: {}\nspec:\n${SCHEMA}`],
    [
      'a quoted kind (only a plain one is read from the line)',
      `${CRD.replace('kind: CustomResourceDefinition', 'kind: "CustomResourceDefinition"')}spec:\n${SCHEMA}`,
    ],
    ['a spec written inline', `${CRD}spec: {group: example.com}\n`],
    ['a spec with an anchor', `${CRD}spec: &schema\n${SCHEMA}`],
    [
      'an alias outside the spec, which may name an anchor in it',
      `${CRD}spec:\n  names: &names {kind: A}\nstatus:\n  acceptedNames: *names\n`,
    ],
    ['two spec keys', `${CRD}spec:\n${SCHEMA}spec:\n${SCHEMA}`],
    ['a column-0 line that is no plain key', `${CRD}spec:\n${SCHEMA}"quoted": 1\n`],
    ['a tab at column 0', `${CRD}spec:\n${SCHEMA}\tgroup: x\n`],
    ['text after the document marker', `--- !!map\n${CRD}spec:\n${SCHEMA}`],
    ['no spec', CRD],
  ] as const)
    it(`leaves the text as it is for ${why}`, () => {
      assert.equal(withoutCrdSchemas(text, NOTHING_READS), undefined);
    });

  it('reads a long text once: lines outside a spec are searched for `*` within themselves', () => {
    // 100,000 lines and no `*`: a search to the text's end from each line (as it was first written) is 10^11 steps,
    // minutes; one pass is milliseconds. The deadline only tells the two apart on a loaded machine.
    const lines = ['# mentions CustomResourceDefinition', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:'];
    for (let index = 0; index < 100_000; index++) lines.push(`  k${index}: v`);
    const text = `${lines.join('\n')}\n`;
    const started = Date.now();
    assert.equal(withoutCrdSchemas(text, NOTHING_READS), undefined);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  });

  it('on generated texts that yaml reads without errors: where it leaves a spec out, only a CRD’s, and nothing else changes', () => {
    // Documents shaped like CRDs (and not quite), whose lines mix plain and tricky YAML.
    // apiVersion, kind and metadata (each one of a few), in any order, now and then with an alias or a comment.
    const HEADER = fc
      .tuple(
        fc.constantFrom('apiVersion: apiextensions.k8s.io/v1', 'apiVersion: apiextensions.k8s.io/v1beta1', 'apiVersion: apps/v1'),
        fc.constantFrom('kind: CustomResourceDefinition', 'kind: CustomResourceDefinition', 'kind: Deployment'),
        fc.constantFrom('metadata:\n  name: widgets.example.com', 'metadata:\n  labels: &labels {app: w}', 'metadata: {}'),
        fc.constantFrom('', '', '', 'labels: *labels', '# comment'),
      )
      .chain((lines) => fc.shuffledSubarray(lines, { minLength: lines.length }));
    const SPEC = fc.constantFrom('spec:', 'spec: # the schema', 'spec: {}', 'spec: &s', 'spec: |', 'spec:\n# column-0 comment');
    const LINE = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          '  group: example.com',
          '  names: {kind: Widget}',
          '  scope: Namespaced',
          '  versions:\n  - name: v1\n    served: true',
          '  versions:\n- name: v2\n  storage: true',
          '  validation:\n    openAPIV3Schema:\n      type: object',
          '  schema: &schema\n    openAPIV3Schema: {type: object}',
          '  other: *schema',
          '  description: |\n    # not a comment: text of the block\n    more text',
          '  # indented comment',
          '# column-0 comment',
          '',
          '   ',
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom('  text: "two', 'lines"', '"quoted": 1', '? complex', '...', '\tgroup: x') },
    );
    const TAIL = fc.constantFrom('status:\n  storedVersions: [v1]', 'copy: *schema', 'other: 1', '# trailing comment', '');
    const DOCUMENT = fc
      .tuple(HEADER, SPEC, fc.array(LINE, { maxLength: 8 }), fc.array(TAIL, { maxLength: 2 }))
      .map(([header, spec, body, tail]) => [...header, spec, ...body, ...tail].join('\n'));
    let compared = 0;
    let leftOut = 0;
    fc.assert(
      fc.property(fc.array(DOCUMENT, { minLength: 1, maxLength: 3 }), (documents) => {
        const text = `${documents.join('\n---\n')}\n`;
        const masked = withoutCrdSchemas(text, NOTHING_READS);
        if (masked === undefined) return;
        assert.equal(masked.length, text.length);
        assert.deepEqual(lineBreaks(masked), lineBreaks(text));
        // The scan parses the text itself when yaml finds an error in either (collectFacts' parseOnce).
        if (parseYamlFile(text).parseProblems.length > 0 || parseYamlFile(masked).parseProblems.length > 0) return;
        // An alias written before its anchor is no parse error, but no value either.
        if (!hasValues(text)) return;
        compared++;
        leftOut += assertSameOutsideSpecs(text, masked);
      }),
      { numRuns: 5000, seed: 20261207 },
    );
    // The property held on texts where specs were left out, not only on texts left alone.
    assert.ok(compared > 100 && leftOut > 100, `compared ${compared}, left out ${leftOut}`);
  });
});
