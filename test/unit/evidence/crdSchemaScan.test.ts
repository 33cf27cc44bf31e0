import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFileSystem, toCorePath } from '../../../src/cli/nodeFileSystem';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { fileProducts } from '../../../src/core/evidence/assessment/fileProducts';
import type { FileProducts } from '../../../src/core/evidence/assessment/fileProducts';
import { collectFacts } from '../../../src/core/evidence/scan/collectFacts';
import { evaluateSignals } from '../../../src/core/evidence/signals/evaluateSignals';
import { structuredInterestFor } from '../../../src/core/evidence/signals/structuredInterest';
import type { StructuredInterest } from '../../../src/core/evidence/signals/structuredInterest';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import type { FileAnalysis } from '../../../src/core/rules/types';
import { fixtureFolders } from './support/fixtureFolders';

const OPERATOR = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'operator-crds');

/** The catalogue's own interest, except that something may read every CRD's schema: the scan then parses every text whole. */
function readingSchemas(): StructuredInterest {
  const interest = structuredInterestFor(builtinSignalCatalog());
  return {
    keptDocument: (...args) => interest.keptDocument(...args),
    mayWantFile: (...args) => interest.mayWantFile(...args),
    keptResource: (...args) => interest.keptResource(...args),
    mayReadCrdSchema: () => true,
  };
}

/** What the rules and the workspace model get of a file: its analysis (a deferred one made now, without workspace facts) and digests. */
function comparable(products: FileProducts): unknown {
  const analysis = (of: FileAnalysis | undefined) =>
    of && { kind: of.kind, findings: of.findings, parseProblems: of.parseProblems, suppressions: of.suppressions, digests: of.digests };
  const deferred = products.deferred;
  let later: FileAnalysis | undefined;
  if (deferred && 'early' in deferred) later = deferred.early;
  else if (deferred)
    later = analyzeFile(deferred.path, deferred.text, NO_WORKSPACE_FACTS, { parsedYaml: () => deferred.parsed, anchors: false });
  return JSON.parse(JSON.stringify({ support: products.support, analysis: analysis(products.analysis), deferred: analysis(later) }));
}

async function scanned(root: string, interest?: StructuredInterest) {
  const catalog = builtinSignalCatalog();
  const products = new Map<string, unknown>();
  const scan = await collectFacts({
    fs: nodeFileSystem,
    root,
    workspaceRoot: root,
    catalog,
    ...(interest ? { structuredInterest: interest } : {}),
    onFileText: (file, facts) => products.set(file.relative, comparable(fileProducts(file, facts, 'edits'))),
  });
  const { facts } = scan;
  return {
    products,
    resources: facts.resources.map(({ apiVersion, kind, name, at }) => ({ apiVersion, kind, name, at })),
    images: facts.images,
    parseProblems: facts.parseProblems,
    signals: [...(await evaluateSignals(catalog, facts)).values()],
  };
}

describe('evidence: a scan leaves the schemas of CustomResourceDefinitions unparsed', () => {
  it('parses a CRD file with its schema left out when nothing reads it, and whole when something may', async () => {
    const root = toCorePath(OPERATOR);
    const relative = 'config/crd/bases/apps.example.com_widgets.yaml';
    const crd = readFileSync(join(OPERATOR, relative), 'utf8');
    /** The text of the parse the readers and rules were handed for the CRD file. */
    const parsedText = async (interest?: StructuredInterest) => {
      let text: string | undefined;
      await collectFacts({
        fs: nodeFileSystem,
        root,
        workspaceRoot: root,
        catalog: builtinSignalCatalog(),
        ...(interest ? { structuredInterest: interest } : {}),
        onFileText: (file) => {
          if (file.relative === relative) text = file.yaml?.()?.text;
        },
      });
      return text;
    };
    const masked = await parsedText();
    assert.ok(masked !== undefined && masked.length === crd.length && masked !== crd, 'the CRD was parsed with its schema left out');
    assert.ok(masked.startsWith('---\napiVersion: apiextensions.k8s.io/v1\n') && !masked.includes('openAPIV3Schema'));
    assert.equal(await parsedText(readingSchemas()), crd);
  });

  it('gives every file the same analysis, digests, resources, images and signals as a scan that parses CRDs whole', async () => {
    const folders = fixtureFolders();
    assert.ok(folders.includes(OPERATOR), folders.join('\n'));
    for (const folder of folders) {
      const root = toCorePath(folder);
      const masked = await scanned(root);
      const whole = await scanned(root, readingSchemas());
      assert.deepEqual(masked, whole, folder);
    }
  });

  it("still reports a v1beta1 CRD's removed API, and nothing else in a CRD", async () => {
    const { products } = await scanned(toCorePath(OPERATOR));
    const findings = (relative: string) => {
      const product = products.get(relative) as { analysis?: { findings: Array<{ ruleId: string; range: { start: { line: number } } }> } };
      return (product.analysis?.findings ?? []).map((finding) => `${finding.ruleId}:${finding.range.start.line + 1}`);
    };
    assert.deepEqual(findings('charts/widget-operator/crds/gadgets.yaml'), ['k8s/deprecated-api:2']);
    assert.deepEqual(findings('config/crd/bases/apps.example.com_widgets.yaml'), []);
  });
});
