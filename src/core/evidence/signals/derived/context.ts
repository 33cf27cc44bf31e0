import type { SignalCatalog } from '../../catalog/types';
import type { EvidenceFacts, ResourceFact } from '../../facts';
import type { Observation } from '../observation';

/** What a derivation sees: the facts, and what the catalogue's data matchers already observed. */
export interface DerivationContext {
  facts: EvidenceFacts;
  /** Service folder relative to the workspace root ("" for the root itself). */
  scopeFolder: string;
  dataObservations(signal: string): Observation[];
  /** The catalogue: a derivation may apply a signal's own data (its CI command patterns) to what it reads. */
  catalog: SignalCatalog;
}

/** A derivation produces observations for the signals it names (each must exist in data/signals.yml). */
export interface Derivation {
  signals: readonly string[];
  /** Catalogue signals it reads (through `dataObservations`) without producing them: they need no practice of their own. */
  reads?: readonly string[];
  /**
   * The structured documents (`facts.structured`) it looks at. A scan keeps
   * only documents some matcher or derivation may read (see
   * scan/structuredInterest.ts), so a derivation that reads them must say which.
   */
  documents?: DocumentNeed;
  /**
   * The Kubernetes resources (`facts.resources`) whose body it reads, past apiVersion, kind and metadata, and what it
   * reads of them. A scan keeps of a resource's body only what some matcher or derivation reads (see
   * signals/structuredInterest.ts).
   */
  resources?: ResourceReads;
  /**
   * Its observations, at once or in steps (a generator that pauses with `yield` between jobs, workloads or files:
   * evaluateSignals gives the event loop a turn there once the scan's time budget is spent).
   */
  derive(context: DerivationContext): Observation[] | Iterator<void, Observation[], undefined>;
}

/** The resources whose body a derivation reads, and the paths it follows in them (queryPath's: lists fan out, `*` any key). */
export interface ResourceReads {
  of(resource: Pick<ResourceFact, 'apiVersion' | 'kind'>): boolean;
  /** Each kept whole from where it ends (`spec.template.spec.containers.readinessProbe`: every container's probe). */
  paths: readonly string[];
}

/** Documents a derivation reads: those of files named by `basenames`, and (in any file) those with one of `anyKey` at the top. */
export interface DocumentNeed {
  basenames?: readonly string[];
  anyKey?: readonly string[];
  /** What it reads of such a document (a scan keeps no more of it); the whole document when not said. */
  reads?: KeptKeys;
}

/**
 * The top-level keys of a document something reads: under `whole`, everything; under `keysOf`, the keys of the map
 * there and their lines, not their values (an OpenAPI document's `paths`: which paths, not their operations).
 */
export interface KeptKeys {
  whole: readonly string[];
  keysOf?: readonly string[];
}
