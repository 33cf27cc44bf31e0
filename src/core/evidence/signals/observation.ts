import type { SourceRef } from '../facts';

/**
 * One piece of evidence for or against a signal. `holds: false` is
 * counter-evidence: a Deployment without probes when every workload must
 * have them.
 */
export interface Observation {
  signal: string;
  holds: boolean;
  at: SourceRef;
  /** What was seen, short: "readinessProbe and livenessProbe on api", "dependency pino". */
  detail: string;
}

export function holds(signal: string, at: SourceRef, detail: string): Observation {
  return { signal, holds: true, at, detail };
}

export function fails(signal: string, at: SourceRef, detail: string): Observation {
  return { signal, holds: false, at, detail };
}
