import type { Node } from 'yaml';
import { composeDigest } from '../../deployment/digest/composeDigest';
import { ownCopy } from '../../ownCopy';
import type { FindingSubject } from '../../deployment/types';
import type { FileAnalysis } from '../types';
import { nodeRange } from '../yaml/yamlSupport';
import { analyzeYamlKind } from '../yaml/analyzeYamlKind';
import { lastSpanHolding } from '../yaml/lineSpans';
import type { LineSpan } from '../yaml/lineSpans';
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
    return serviceSpans(compose)(finding.range.start.line)?.subject;
  },
};

/** A service's lines and the subject of its findings: one object each, shared by the service's findings (kept by the thousand). */
type ServiceSpan = LineSpan & { subject: FindingSubject };

const spans = new WeakMap<ComposeFile, (line: number) => ServiceSpan | undefined>();

/** Each service's lines, from its name to the end of its definition: worked out once per file, not once per finding. */
function serviceSpans(compose: ComposeFile): (line: number) => ServiceSpan | undefined {
  let found = spans.get(compose);
  if (!found) {
    const list: ServiceSpan[] = [];
    for (const service of compose.services) {
      const start = nodeRange(compose.file, service.pair.key as Node)?.start.line;
      const end = nodeRange(compose.file, service.pair.value as Node)?.end.line ?? start;
      if (start !== undefined && end !== undefined)
        // A copy of the name: a slice of the file's text would keep all of it alive with the findings (see kubernetes' subjectOf).
        list.push({ subject: Object.freeze({ type: 'compose-service', service: ownCopy(service.name) }), start, end });
    }
    found = lastSpanHolding(list);
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
