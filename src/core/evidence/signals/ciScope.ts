import { posixRelative } from '../../fileSystem';
import type { CiFact, CiJob, EvidenceFacts } from '../facts';

export interface ScopedJob {
  ci: CiFact;
  job: CiJob;
}

/**
 * The CI jobs that work on this service: every job of the service's own
 * pipelines, and those jobs of repository-level pipelines that name the
 * service's folder (working-directory, paths filters, `cd services/api`).
 * A root pipeline that never names the folder may well build something else.
 */
export function jobsForScope(facts: EvidenceFacts): ScopedJob[] {
  const folder = posixRelative(facts.workspaceRoot, facts.root) ?? '';
  const jobs: ScopedJob[] = [];
  for (const ci of facts.ci) {
    for (const job of ci.jobs) {
      if (!ci.inherited || (folder !== '' && mentionsFolder(job.mentionedText, folder))) jobs.push({ ci, job });
    }
  }
  return jobs;
}

function mentionsFolder(text: string, folder: string): boolean {
  let index = text.indexOf(folder);
  while (index >= 0) {
    const after = text[index + folder.length];
    // "services/api" must not count for "services/api-gateway".
    if (after === undefined || !/[A-Za-z0-9_-]/.test(after)) return true;
    index = text.indexOf(folder, index + 1);
  }
  return false;
}

/** Zero-based line of the first script line that matches, inside a (possibly multi-line) `run:` block. */
export function commandLine(command: { text: string; line: number }, pattern: RegExp): number | undefined {
  const lines = command.text.split(/\r?\n/);
  const index = lines.findIndex((line) => pattern.test(line));
  if (index < 0) return undefined;
  // A block scalar (`run: |`) starts on the line after its indicator.
  return lines.length > 1 ? command.line + 1 + index : command.line;
}
