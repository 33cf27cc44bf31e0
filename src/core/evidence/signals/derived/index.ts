import type { RelevanceSpec } from '../../scan/relevance';
import { ciSignals } from './ciSignals';
import { containerSignals } from './containerSignals';
import type { Derivation } from './context';
import { documentSignals } from './documentSignals';
import { loggingSignals } from './loggingSignals';
import { manifestSignals } from './manifestSignals';
import { preCommitSignals } from './preCommitSignals';
import { redisRoleSignals } from './redisRoleSignals';
import { sourceSignals } from './sourceSignals';
import { TEST_RUNNER_FILES, testSignals } from './testSignals';
import { workloadSignals } from './workloadSignals';

/** Signals that need more than a data lookup; each names the signals it produces. */
export const DERIVATIONS: readonly Derivation[] = [
  manifestSignals,
  documentSignals,
  containerSignals,
  workloadSignals,
  ciSignals,
  preCommitSignals,
  testSignals,
  sourceSignals,
  redisRoleSignals,
  loggingSignals,
];

/** Files only derivations look at (beyond what readers and the catalogue name). */
export const DERIVED_RELEVANCE: readonly RelevanceSpec[] = [TEST_RUNNER_FILES];
