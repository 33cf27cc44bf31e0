import { posixRelative } from '../../fileSystem';
import type { SignalCatalog } from '../catalog/types';
import { TimeSlicer } from '../scan/cancellation';
import type { EvidenceFacts } from '../facts';
import { DERIVATIONS } from './derived/index';
import { indexFileMatches, matchSignalSteps } from './matchers';
import type { Observation } from './observation';

/** A place that shows (or contradicts) a signal: absolute path, zero-based line when it matters, and what was seen. */
export interface EvidenceItem {
  path: string;
  line?: number;
  detail: string;
}

export interface SignalResult {
  id: string;
  /** At least one piece of evidence and no counter-evidence. */
  observed: boolean;
  evidence: EvidenceItem[];
  /** Places that keep an "every …" signal from holding (a Deployment without probes). */
  counterEvidence: EvidenceItem[];
  /** Evidence beyond the MAX_EVIDENCE listed (a repository with 8,000 test files proves "tests exist" with a few). */
  moreEvidence: number;
  moreCounterEvidence: number;
}

/** Places listed per signal; the rest are counted. */
export const MAX_EVIDENCE = 20;

/**
 * Decides every catalogue signal from the facts: data matchers first, then
 * derivations (which may read them). Yields between signals (see TimeSlicer).
 */
export async function evaluateSignals(
  catalog: SignalCatalog,
  facts: EvidenceFacts,
  slicer: TimeSlicer = new TimeSlicer(),
): Promise<Map<string, SignalResult>> {
  const byId = new Map<string, Observation[]>();
  const add = (observation: Observation) => {
    if (!catalog.byId.has(observation.signal)) throw new Error(`signal ${observation.signal} is produced but not in data/signals.yml`);
    const list = byId.get(observation.signal) ?? [];
    list.push(observation);
    byId.set(observation.signal, list);
  };
  await indexFileMatches(catalog, facts, slicer);
  for (const signal of catalog.signals) {
    const steps = matchSignalSteps(signal, facts);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        step.value.forEach(add);
        break;
      }
      await slicer.maybeYield();
    }
    await slicer.maybeYield();
  }
  const dataObservations = (signal: string) => [...(byId.get(signal) ?? [])];
  const scopeFolder = posixRelative(facts.workspaceRoot, facts.root) ?? '';
  for (const derivation of DERIVATIONS) {
    const derived = derivation.derive({ facts, scopeFolder, dataObservations, catalog });
    if (Array.isArray(derived)) derived.forEach(add);
    else
      for (let step = derived.next(); ; step = derived.next()) {
        if (step.done) {
          step.value.forEach(add);
          break;
        }
        // A derivation over thousands of jobs, workloads or Dockerfiles pauses between them.
        await slicer.maybeYield();
      }
    await slicer.maybeYield();
  }

  const results = new Map<string, SignalResult>();
  for (const signal of catalog.signals) {
    const observations = byId.get(signal.id) ?? [];
    const evidence = unique(observations.filter((observation) => observation.holds));
    const counterEvidence = unique(observations.filter((observation) => !observation.holds));
    results.set(signal.id, {
      id: signal.id,
      observed: evidence.length > 0 && counterEvidence.length === 0,
      evidence: evidence.slice(0, MAX_EVIDENCE),
      counterEvidence: counterEvidence.slice(0, MAX_EVIDENCE),
      moreEvidence: Math.max(0, evidence.length - MAX_EVIDENCE),
      moreCounterEvidence: Math.max(0, counterEvidence.length - MAX_EVIDENCE),
    });
    // A signal seen in thousands of files sorts all of them: one signal per step.
    await slicer.maybeYield();
  }
  return results;
}

function unique(observations: Observation[]): EvidenceItem[] {
  const seen = new Set<string>();
  const items: EvidenceItem[] = [];
  for (const observation of observations) {
    const key = `${observation.at.path}\u0000${observation.at.line ?? -1}\u0000${observation.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(
      observation.at.line === undefined
        ? { path: observation.at.path, detail: observation.detail }
        : { path: observation.at.path, line: observation.at.line, detail: observation.detail },
    );
  }
  return items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? -1) - (b.line ?? -1)));
}
