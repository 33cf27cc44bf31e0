import type { SignalCatalog } from '../catalog/types';
import type { CrdDocument } from '../parsers/crdSchemaMask';
import { parsePath, queryPath, scalarNode } from '../parsers/locatedTree';
import type { TreeMap, TreeValue } from '../parsers/locatedTree';
import { compileFileGlob } from '../scan/relevance';
import { conditionNeedsValue } from './conditions';
import { DERIVATIONS } from './derived/index';
import type { Derivation, KeptKeys } from './derived/context';
import { resourceMatches } from './matchers';
import { memoizedByText } from '../../memoizedByText';

/**
 * Which structured documents (`facts.structured`) anything reads: the
 * catalogue's `structured` matchers (a file glob, and conditions whose paths
 * start at a top-level key) and the derivations that declare `documents`.
 * Every YAML file of a workspace is a document, and most are data no signal
 * reads (fixtures, translations, settings): a scan keeps only the documents
 * wanted here, and leaves a file unparsed when its top-level keys (sniffed
 * from the text) show no document of it can be wanted.
 */
export interface StructuredInterest {
  /**
   * What a scan keeps of this document of the file: undefined when no matcher or derivation may read it; else its
   * tree, or as much of it as they read (see KeptKeys: an OpenAPI document's operations, most of its text, are read
   * by none).
   */
  keptDocument(relative: string, basename: string, root: TreeValue): TreeValue | undefined;
  /**
   * Whether some document of the file may be wanted, from its top-level keys
   * (every document's), or from its name alone when the keys are unknown.
   */
  mayWantFile(relative: string, basename: string, topLevelKeys: ReadonlySet<string> | undefined): boolean;
  /**
   * Whether anything reads a Kubernetes resource's body, past its identity (apiVersion, kind, metadata): a catalogue
   * matcher with conditions, or a derivation that says so. The other resources' facts keep their identity alone:
   * the body of a CustomResourceDefinition (a schema of every field, documented: hundreds of KB a file),
   * a ConfigMap or an RBAC rule is read by no signal, yet held as a located tree in a service's facts until the
   * service is assessed took more memory than the rest of a scan of real repositories (issue 13).
   */
  wantsResourceBody(apiVersion: string, kind: string): boolean;
  /**
   * Whether anything may read the schema (`spec`) of a CustomResourceDefinition document of the file, given its
   * apiVersion and top-level keys: a matcher or derivation that reads the resource's body, or one that may want the
   * document itself. When nothing does, a scan parses the file with the schema left out (crdSchemaMask.ts).
   */
  mayReadCrdSchema(relative: string, basename: string, document: CrdDocument): boolean;
}

interface Need {
  file: (relative: string, basename: string) => boolean;
  /** Top-level keys (path segments, `*` wildcards allowed) that must all be there. */
  allKeys: readonly string[];
  /** When set, one of these top-level keys must be there. */
  anyKey?: readonly string[];
  /** What it reads of a document it wants: `whole`, or only under some top-level keys. */
  reads: KeptKeys | 'whole';
}

const ANY_FILE = () => true;
const cache = new WeakMap<SignalCatalog, StructuredInterest>();

export function structuredInterestFor(catalog: SignalCatalog, derivations: readonly Derivation[] = DERIVATIONS): StructuredInterest {
  const cached = derivations === DERIVATIONS ? cache.get(catalog) : undefined;
  if (cached) return cached;
  const needs: Need[] = [];
  for (const signal of catalog.signals)
    for (const matcher of signal.match?.structured ?? []) {
      // A condition reads the values below its path's first key (and nothing of a document whose top is a list: the
      // path fans out over its items).
      const firstKeys = matcher.where.map((condition) => parsePath(condition.path)[0] ?? '');
      needs.push({
        file: compileFileGlob(matcher.file),
        // A matcher holds only when all its conditions do: each one that needs a value needs its first key.
        allKeys: matcher.where.filter(conditionNeedsValue).map((condition) => parsePath(condition.path)[0] ?? ''),
        reads: firstKeys.some((key) => key.includes('*')) ? 'whole' : { whole: firstKeys },
      });
    }
  for (const derivation of derivations) {
    const documents = derivation.documents;
    if (!documents) continue;
    const names = documents.basenames ? new Set(documents.basenames) : undefined;
    needs.push({
      file: names ? (_relative, basename) => names.has(basename) : ANY_FILE,
      allKeys: [],
      anyKey: documents.anyKey,
      reads: documents.reads ?? 'whole',
    });
  }
  const bodyReaders = [
    ...catalog.signals.flatMap((signal) =>
      (signal.match?.kubernetes ?? [])
        .filter((matcher) => matcher.where !== undefined && matcher.where.length > 0)
        .map((matcher) => (resource: { apiVersion: string; kind: string }) => resourceMatches(resource, matcher)),
    ),
    ...derivations.flatMap((derivation) => (derivation.resources ? [derivation.resources] : [])),
  ];
  const interest = new NeedsInterest(needs, bodyReaders);
  if (derivations === DERIVATIONS) cache.set(catalog, interest);
  return interest;
}

class NeedsInterest implements StructuredInterest {
  /** Answered once per apiVersion and kind (a workspace has few, each with many resources; bounded: a hostile one may make up any number). */
  private readonly bodyWanted: (key: string) => boolean;

  constructor(
    private readonly needs: readonly Need[],
    bodyReaders: ReadonlyArray<(resource: { apiVersion: string; kind: string }) => boolean>,
  ) {
    // The key says where apiVersion ends (its length first): either text may hold any character.
    this.bodyWanted = memoizedByText((key) => {
      const colon = key.indexOf(':');
      const end = colon + 1 + Number(key.slice(0, colon));
      return bodyReaders.some((reads) => reads({ apiVersion: key.slice(colon + 1, end), kind: key.slice(end) }));
    }, 4096);
  }

  wantsResourceBody(apiVersion: string, kind: string): boolean {
    return this.bodyWanted(`${apiVersion.length}:${apiVersion}${kind}`);
  }

  mayReadCrdSchema(relative: string, basename: string, document: CrdDocument): boolean {
    return this.wantsResourceBody(document.apiVersion, 'CustomResourceDefinition') || this.mayWantFile(relative, basename, document.keys);
  }

  keptDocument(relative: string, basename: string, root: TreeValue): TreeValue | undefined {
    // The first step of the path the matchers themselves follow (lists at the top fan out, `*` matches any key).
    const has = (key: string) => queryPath(root, [key]).length > 0;
    const wanting = this.needs.filter(
      (need) => need.file(relative, basename) && need.allKeys.every(has) && (!need.anyKey || need.anyKey.some(has)),
    );
    if (wanting.length === 0) return undefined;
    if (root.kind !== 'map' || wanting.some((need) => need.reads === 'whole')) return root;
    return keptKeysOf(
      root,
      wanting.map((need) => need.reads as KeptKeys),
    );
  }

  mayWantFile(relative: string, basename: string, topLevelKeys: ReadonlySet<string> | undefined): boolean {
    const has = (key: string) => topLevelKeys === undefined || key.includes('*') || topLevelKeys.has(key);
    return this.needs.some((need) => need.file(relative, basename) && need.allKeys.every(has) && (!need.anyKey || need.anyKey.some(has)));
  }
}

/**
 * A document's tree cut to what its readers read: the entries under their `whole` keys as they are, those under their
 * `keysOf` keys with each key's value left out (a null at its line). The same tree for the same root and readers (a
 * copy's documents share one tree: yamlTree.ts), made once.
 */
function keptKeysOf(root: TreeMap, reads: readonly KeptKeys[]): TreeMap {
  const whole = new Set(reads.flatMap((read) => read.whole));
  const keysOf = new Set(reads.flatMap((read) => read.keysOf ?? []).filter((key) => !whole.has(key)));
  const signature = `${[...whole].sort().join('\n')}\u0000${[...keysOf].sort().join('\n')}`;
  let made = KEPT_TREES.get(root);
  if (!made) KEPT_TREES.set(root, (made = new Map()));
  const known = made.get(signature);
  if (known) return known;
  const entries = root.entries.flatMap((entry) => {
    if (whole.has(entry.key)) return [entry];
    if (!keysOf.has(entry.key)) return [];
    const value = entry.value;
    if (value.kind !== 'map') return [entry];
    const keys: TreeMap = {
      kind: 'map',
      line: value.line,
      entries: value.entries.map((inner) => ({ key: inner.key, keyLine: inner.keyLine, value: scalarNode(null, inner.value.line) })),
    };
    return [{ key: entry.key, keyLine: entry.keyLine, value: keys }];
  });
  const kept: TreeMap = entries.length === root.entries.length && keysOf.size === 0 ? root : { kind: 'map', line: root.line, entries };
  made.set(signature, kept);
  return kept;
}

const KEPT_TREES = new WeakMap<TreeMap, Map<string, TreeMap>>();
