import type { Ecosystem } from '../facts';
import type { Scalar } from '../parsers/locatedTree';

/**
 * The signal catalogue (data/signals.yml): what can be observed in a
 * workspace, what it means, and — for most signals — how to recognise it, as
 * data. Signals without `match` are derived in code (signals/derived/*).
 */
export interface SignalCatalog {
  signals: SignalDefinition[];
  contexts: ContextDefinition[];
  byId: ReadonlyMap<string, SignalDefinition>;
}

export interface SignalDefinition {
  /** "<area>.<what>", e.g. "ci.runs-tests". */
  id: string;
  /** The matrix concern it is evidence for. */
  concern: string;
  /** What it means when observed, one line ("CI runs the tests on every push"). */
  description: string;
  /** What would satisfy it: shown next to a missing practice. */
  satisfiedBy: string;
  match?: SignalMatch;
}

/** Ways to recognise a signal in the facts; any one that holds is enough (see `every` for the exceptions). */
export interface SignalMatch {
  /** Direct dependencies by ecosystem; names may use `*` ("@sentry/*", "io.opentelemetry:*"). */
  dependencies?: Partial<Record<Ecosystem, string[]>>;
  /** A manifest of the ecosystem exists (e.g. go.mod: Go's standard library is the framework). */
  manifests?: Ecosystem[];
  /** File globs relative to the scope root; a glob without "/" matches the file name anywhere. */
  files?: string[];
  /**
   * Kinds of text hit (see TextHit) whose files `files` does not count: a
   * reader recognised the file as something else (`phantomjs-script`: a
   * browser script in a tests folder is no test).
   */
  filesExcept?: string[];
  /** Container images (compose, Kubernetes, Dockerfile FROM, CI services) by repository: "kong", "fluent/fluent-bit". */
  images?: string[];
  /** Only images from these places count (a CI service container is not the production database). */
  imagesFrom?: Array<'dockerfile' | 'compose' | 'kubernetes' | 'ci' | 'helm'>;
  /** Helm chart dependencies (Chart.yaml) by name. */
  charts?: string[];
  kubernetes?: ResourceMatcher[];
  terraform?: TerraformMatcher[];
  /** Inside any parsed YAML/TOML/JSON file whose path matches `file`. */
  structured?: StructuredMatcher[];
  ci?: { commands?: string[]; actions?: string[] };
}

export interface ResourceMatcher {
  /** Glob on apiVersion ("argoproj.io/*"); any when omitted. */
  apiVersion?: string;
  /** Kind, or a glob on it. */
  kind: string;
  where?: Condition[];
  /**
   * Every resource of this kind must satisfy `where`: those that do are
   * evidence, those that do not are counter-evidence that keeps the signal
   * from holding ("every database is encrypted").
   */
  every?: boolean;
}

export interface TerraformMatcher {
  /** Glob on a resource type ("aws_elasticache_*"), or `provider` for a provider block. */
  resource?: string;
  provider?: string;
  where?: Condition[];
  every?: boolean;
}

export interface StructuredMatcher {
  file: string;
  where: Condition[];
}

/** A test on the values at a key path (see parsePath). All conditions of a `where` must hold. */
export interface Condition {
  path: string;
  exists?: boolean;
  /** Equal to the value, or to any of the list; compared as text, case-insensitively. */
  equals?: Scalar | Scalar[];
  /** Not equal (a missing value passes). */
  notEquals?: Scalar;
  /** A regular expression on the value as text. */
  matches?: string;
  atLeast?: number;
  /** At least this many values at the path (repeated blocks, list items). */
  minCount?: number;
}

/**
 * A condition under which some practices can be judged at all: "the service
 * uses a database". When none of its signals is observed, the practices it
 * gates are unknown (not applicable) instead of missing.
 */
export interface ContextDefinition {
  id: string;
  /** Completes "… because no evidence shows that <description>". */
  description: string;
  anyOf: string[];
  /** Practice ids, or "<concern>/*" for a whole concern. */
  practices: string[];
}
