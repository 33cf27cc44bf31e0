import type { SignalCatalog } from '../catalog/types';
import type { CrdDocument } from '../parsers/crdSchemaMask';
import { keptAlongPaths, parsePath, queryPath, scalarNode } from '../parsers/locatedTree';
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
   * What a scan keeps of a Kubernetes resource: its identity (apiVersion, kind, metadata), and of its body what the
   * catalogue matchers with conditions and the derivations that say so read (their paths, each kept whole from where
   * it ends). The body of a CustomResourceDefinition (a schema of every field, documented: hundreds of KB a file),
   * a ConfigMap or an RBAC rule is read by no signal, yet held as a located tree in a service's facts until the
   * service is assessed took more memory than the rest of a scan of real repositories (issue 13); so did the
   * containers of real workloads (their images, arguments, resources, volumes), of which only names, probes and
   * environment variables' names are read.
   */
  keptResource(apiVersion: string, kind: string, root: TreeValue): TreeValue;
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
  const bodyReaders: BodyReader[] = [
    ...catalog.signals.flatMap((signal) =>
      (signal.match?.kubernetes ?? [])
        .filter((matcher) => matcher.where !== undefined && matcher.where.length > 0)
        .map((matcher) => ({
          of: (resource: { apiVersion: string; kind: string }) => resourceMatches(resource, matcher),
          paths: matcher.where!.map((condition) => parsePath(condition.path)),
        })),
    ),
    ...derivations.flatMap((derivation) =>
      derivation.resources ? [{ of: derivation.resources.of, paths: derivation.resources.paths.map(parsePath) }] : [],
    ),
  ];
  const interest = new NeedsInterest(needs, bodyReaders);
  if (derivations === DERIVATIONS) cache.set(catalog, interest);
  return interest;
}

class NeedsInterest implements StructuredInterest {
  /**
   * What is read of a resource's body, answered once per apiVersion and kind (a workspace has few, each with many
   * resources; bounded: a hostile one may make up any number): undefined when nothing reads it.
   */
  private readonly bodyReadByKey: (key: string) => KeptPaths | undefined;

  constructor(
    private readonly needs: readonly Need[],
    bodyReaders: readonly BodyReader[],
  ) {
    // The key is bodyRead's.
    this.bodyReadByKey = memoizedByText((key) => {
      const colon = key.indexOf(':');
      const end = colon + 1 + Number(key.slice(0, colon));
      const resource = { apiVersion: key.slice(colon + 1, end), kind: key.slice(end) };
      const paths = bodyReaders.filter((reader) => reader.of(resource)).flatMap((reader) => reader.paths);
      return paths.length === 0 ? undefined : keptPaths([...IDENTITY, ...paths]);
    }, 4096);
  }

  /** What is read of the body of a resource of this apiVersion and kind; undefined when nothing reads it. */
  private bodyRead(apiVersion: string, kind: string): KeptPaths | undefined {
    // The key says where apiVersion ends (its length first): either text may hold any character.
    return this.bodyReadByKey(`${apiVersion.length}:${apiVersion}${kind}`);
  }

  keptResource(apiVersion: string, kind: string, root: TreeValue): TreeValue {
    const read = this.bodyRead(apiVersion, kind) ?? IDENTITY_ONLY;
    return keptOnce(root, read.signature, () => keptAlongPaths(root, read.paths));
  }

  mayReadCrdSchema(relative: string, basename: string, document: CrdDocument): boolean {
    return (
      this.bodyRead(document.apiVersion, 'CustomResourceDefinition') !== undefined || this.mayWantFile(relative, basename, document.keys)
    );
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
  const signature = `keys:${[...whole].sort().join('\n')}\u0000${[...keysOf].sort().join('\n')}`;
  return keptOnce(root, signature, () => keptKeys(root, whole, keysOf)) as TreeMap;
}

function keptKeys(root: TreeMap, whole: ReadonlySet<string>, keysOf: ReadonlySet<string>): TreeMap {
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
  return entries.length === root.entries.length && keysOf.size === 0 ? root : { kind: 'map', line: root.line, entries };
}

/**
 * What is kept of a tree for the readers `signature` names (`keys:` for a document's, `paths:` for a resource's),
 * made once per tree: copies of a file share their trees (yamlTree.ts), and so what is kept of them.
 */
function keptOnce(root: TreeValue, signature: string, make: () => TreeValue): TreeValue {
  let made = KEPT_TREES.get(root);
  if (!made) KEPT_TREES.set(root, (made = new Map()));
  let kept = made.get(signature);
  if (!kept) made.set(signature, (kept = make()));
  return kept;
}

const KEPT_TREES = new WeakMap<TreeValue, Map<string, TreeValue>>();

/** A resource's readers: which resources, and the paths they follow in them. */
interface BodyReader {
  of(resource: { apiVersion: string; kind: string }): boolean;
  paths: ReadonlyArray<readonly string[]>;
}

/** Paths kept of a tree, and a text naming them (the same paths, the same text: a copy's resources share one kept tree). */
interface KeptPaths {
  paths: ReadonlyArray<readonly string[]>;
  signature: string;
}

function keptPaths(paths: ReadonlyArray<readonly string[]>): KeptPaths {
  return { paths, signature: `paths:${paths.map((path) => path.join('\u0001')).join('\u0000')}` };
}

/** A resource's identity: what every fact of it (its kind, name, place) and a scan's copies read. */
const IDENTITY: ReadonlyArray<readonly string[]> = [['apiVersion'], ['kind'], ['metadata']];
const IDENTITY_ONLY = keptPaths(IDENTITY);
