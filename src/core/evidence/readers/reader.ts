import type { YamlFile } from '../../rules/yaml/yamlSupport';
import type { EvidenceFacts } from '../facts';
import type { RelevanceSpec } from '../scan/relevance';
import type { StructuredInterest } from '../signals/structuredInterest';

/** A file handed to readers: read once, parsed by each reader that wants it. */
export interface FileToRead {
  path: string;
  /** Relative to the folder it was found under (scope root, or workspace root for repository-level files). */
  relative: string;
  basename: string;
  text: string;
  /** A repository-level file read from the workspace root for a nested service. */
  inherited: boolean;
  /**
   * The text parsed as YAML, once, on first call (YAML file names only;
   * undefined when yaml throws). Every reader and the rule engine share this
   * parse instead of parsing the text again.
   */
  yaml?(): YamlFile | undefined;
  /**
   * Which structured documents a scan keeps (it drops the others once the
   * readers are done). A reader may leave a file unparsed when nothing it
   * would record from it is kept. Absent: every document counts.
   */
  structuredInterest?: StructuredInterest;
}

/**
 * Turns one kind of file into facts. `relevance` tells the scan which files
 * to keep; `accepts` picks, among kept files, the ones this reader parses.
 * A reader never throws: a file it cannot parse contributes nothing.
 */
export interface Reader {
  id: string;
  relevance: RelevanceSpec;
  accepts(relative: string, basename: string): boolean;
  read(file: FileToRead, facts: EvidenceFacts): void;
}

export function extensionOf(basename: string): string {
  const dot = basename.lastIndexOf('.');
  return dot < 0 ? '' : basename.slice(dot + 1).toLowerCase();
}
