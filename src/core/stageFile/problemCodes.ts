import type { Severity } from '../text';

/**
 * Every problem a `.stage.yml` (or team matrix file) can have, with its
 * stable code and severity. README's reference table lists the same codes.
 */
export const STAGE_FILE_PROBLEMS = {
  'invalid-yaml': { severity: 'error', summary: 'The file is not valid YAML.' },
  'multiple-documents': { severity: 'warning', summary: 'Only the first YAML document is read.' },
  'not-a-map': { severity: 'error', summary: 'The file must be a map of keys (stage: …).' },
  'missing-stage': { severity: 'error', summary: 'The required `stage` key is missing or empty.' },
  'unknown-stage': { severity: 'error', summary: 'A stage name is not one of the five stages or their aliases.' },
  'next-not-after': { severity: 'warning', summary: '`next` is not a later stage than `stage`.' },
  'unknown-key': { severity: 'warning', summary: 'A key Stage Guide does not know (often a typo).' },
  'duplicate-key': { severity: 'error', summary: 'A key appears twice; YAML tools disagree on which wins.' },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong type (e.g. a list where a string belongs).' },
  'unknown-concern': { severity: 'warning', summary: 'A concern id under `concerns` is not in the matrix.' },
  'unknown-rule': { severity: 'warning', summary: 'A rule id under `rules` or in a waiver is not a Stage Guide rule.' },
  'bad-rule-level': { severity: 'error', summary: 'A rule level is not off, info, warning or error.' },
  'bad-glob': { severity: 'error', summary: 'A path glob is empty, absolute, leaves the folder or cannot be parsed.' },
  'bad-date': { severity: 'error', summary: 'A waiver `until` is not a real YYYY-MM-DD date.' },
  'missing-field': { severity: 'error', summary: 'A waiver lacks `rule` or `reason`.' },
  'waiver-expired': { severity: 'warning', summary: 'A waiver is past its `until` date and no longer applies.' },
  'matrix-not-found': { severity: 'error', summary: 'The team matrix file named by `matrix` cannot be read.' },
  'matrix-not-read': { severity: 'info', summary: 'In Restricted Mode the team matrix is not read until the workspace is trusted.' },
  'bad-matrix': { severity: 'error', summary: 'The team matrix file has a problem (reported at its location).' },
  'matrix-refused': {
    severity: 'error',
    summary: 'The team matrix is not read: outside the repository, not a regular file, or too large.',
  },
  'unreadable-file': {
    severity: 'error',
    summary: 'The `.stage.yml` is there but cannot be read (permissions, not a regular file, too large, outside the repository).',
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type StageFileProblemCode = keyof typeof STAGE_FILE_PROBLEMS;
