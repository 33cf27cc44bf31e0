import type { Node } from 'yaml';
import { composeDigest } from '../../deployment/digest/composeDigest';
import type { FileAnalysis } from '../types';
import { nodeRange } from '../yaml/yamlSupport';
import { analyzeYamlKind } from '../yaml/analyzeYamlKind';
import type { AnalyzeYamlOptions, YamlKind } from '../yaml/analyzeYamlKind';
import type { YamlFile } from '../yaml/yamlSupport';
import { readComposeFile } from './composeModel';
import type { ComposeFile } from './composeModel';
import { COMPOSE_RULES } from './rules';

const COMPOSE: YamlKind<ComposeFile> = {
  kind: 'compose',
  noun: 'compose file',
  // A file with YAML errors reports only those: rules on a half-parsed file would mislead.
  readModel: (file) => (file.parseProblems.length === 0 ? readComposeFile(file) : undefined),
  detectors: COMPOSE_RULES,
  // Every place a hover explains is one a rule looks at: see the rule modules' `anchors`.
  concernAnchors: [],
  digests: (compose) => [composeDigest(compose)],
  subjectOf: (compose, finding) => {
    // The service whose name comes last at or before the finding (a node's range may end where the next key starts).
    const line = finding.range.start.line;
    let subject: string | undefined;
    for (const span of serviceSpans(compose)) if (span.start <= line && line <= span.end) subject = span.name;
    return subject === undefined ? undefined : { type: 'compose-service', service: subject };
  },
};

const spans = new WeakMap<ComposeFile, Array<{ name: string; start: number; end: number }>>();

/** Each service's lines, from its name to the end of its definition: worked out once per file, not once per finding. */
function serviceSpans(compose: ComposeFile): Array<{ name: string; start: number; end: number }> {
  let found = spans.get(compose);
  if (!found) {
    found = [];
    for (const service of compose.services) {
      const start = nodeRange(compose.file, service.pair.key as Node)?.start.line;
      const end = nodeRange(compose.file, service.pair.value as Node)?.end.line ?? start;
      if (start !== undefined && end !== undefined) found.push({ name: service.name, start, end });
    }
    spans.set(compose, found);
  }
  return found;
}

/**
 * Parses a compose file once (or takes it parsed: `analyzeFile` and a
 * workspace scan may hand over their parse) and runs every compose detector
 * on its first document, collecting hover anchors and inline suppressions.
 * Never throws (unless `rethrow` asks it to).
 */
export function analyzeCompose(input: string | YamlFile, options: AnalyzeYamlOptions<ComposeFile> = {}): FileAnalysis {
  return analyzeYamlKind(COMPOSE, input, options);
}
