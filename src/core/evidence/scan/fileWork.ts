import type { CoreFileSystem } from '../../fileSystem';
import { emptyFacts } from '../facts';
import type { EvidenceFacts } from '../facts';
import type { FileToRead } from '../readers/reader';
import { READERS } from '../readers/index';
import type { StructuredInterest } from '../signals/structuredInterest';
import { keepWantedDocuments, loadFile, runReader, scanYamlParse, YAML_NAME } from './collectFacts';
import { factListLengths, factsAddedSince } from './inheritedFacts';
import type { FileJob, ScopeFileContext, WorkedFile } from './fileWorkTypes';

// One file of a scope read as collectFacts reads it, on facts of its own, for a FileWork (fileWorkTypes.ts) to run elsewhere.

/** The facts every file of a scope is read against: its file list and GitLab includes, and empty lists. */
export interface ScopeFacts {
  root: string;
  workspaceRoot: string;
  files: Map<string, string>;
  gitlabIncluded: ReadonlySet<string>;
  maxBytes: number;
}

export function scopeFactsOf(context: ScopeFileContext): ScopeFacts {
  return {
    root: context.root,
    workspaceRoot: context.workspaceRoot,
    files: new Map(context.files),
    gitlabIncluded: new Set(context.gitlabIncluded),
    maxBytes: context.maxBytes,
  };
}

/**
 * Reads one file and runs its readers as the scan does (collectFacts), on facts of its own; returns what the
 * readers added and what `consume` made of the file (it sees the facts as the scan's consumer would: the file
 * list complete, the lists holding this file's facts only — no consumer reads more).
 */
export async function readScopeFile(
  fs: CoreFileSystem,
  job: FileJob,
  scope: ScopeFacts,
  interest: StructuredInterest,
  consume: (read: FileToRead, facts: EvidenceFacts) => unknown,
): Promise<WorkedFile> {
  const loaded = await loadFile(fs, job.path, scope.maxBytes);
  if (loaded === undefined) return { status: 'gone' };
  if (loaded === 'too-large') return { status: 'too-large' };
  if (typeof loaded === 'object') return { status: 'unreadable', reason: loaded.reason };
  const facts = emptyFacts(scope.root, scope.workspaceRoot);
  facts.files = scope.files;
  facts.gitlabIncluded = scope.gitlabIncluded;
  const read: FileToRead = { ...job, text: loaded, inherited: false, structuredInterest: interest };
  if (YAML_NAME.test(job.basename)) read.yaml = scanYamlParse(read, interest);
  const lengths = factListLengths(facts);
  for (const reader of READERS) if (reader.accepts(job.relative, job.basename)) runReader(reader, read, facts);
  keepWantedDocuments(facts, 0, interest);
  return { status: 'read', delta: factsAddedSince(facts, lengths), products: consume(read, facts) };
}
