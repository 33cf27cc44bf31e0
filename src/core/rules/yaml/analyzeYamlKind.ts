import { runGuarded } from '../engine/guardedDetectors';
import { settleFixes } from '../engine/fixesOnDemand';
import { anchorsAsAsked, collectAnchors } from '../engine/ruleAnchors';
import type { ConcernAnchors, RuleAnchor } from '../engine/ruleAnchors';
import { collectYamlSuppressions } from '../engine/suppressions';
import type { FindingSubject, FileDigest } from '../../deployment/types';
import type { AnalyzerOptions, FileAnalysis, FileKind, ParseProblem, RawFinding } from '../types';
import { withoutFixesOnAliasedNodes } from './aliasedNodes';
import { oncePerOriginal } from './copiedPlaceFindings';
import type { CopiedUnit } from './copiedPlaceFindings';
import { oncePerPlace } from './sharedPlaceFindings';
import { parseYamlFile } from './yamlSupport';
import type { YamlFile } from './yamlSupport';

/** One rule's detection and hover anchors over a kind's model of the file. */
export interface YamlDetector<Model> {
  ruleId: string;
  detect(model: Model): RawFinding[];
  anchors?(model: Model): RuleAnchor[];
}

/** What a YAML kind (compose, Kubernetes) brings to the analysis they share. */
export interface YamlKind<Model> {
  kind: FileKind;
  /** What the problem shown when the analysis itself fails calls the file: "compose file", "manifest". */
  noun: string;
  /** The model every detector reads; undefined when the file has nothing to analyse. */
  readModel(file: YamlFile): Model | undefined;
  detectors: readonly YamlDetector<Model>[];
  /** Places a concern cares about that no rule looks at (the rules' own places come from their `anchors`). */
  concernAnchors: readonly ConcernAnchors<[Model]>[];
  /** What the workspace model needs of the file (core/deployment digests, paths left empty). */
  digests(model: Model): FileDigest[];
  /** The unit a finding is about (a compose service, a workload), found from its range. */
  subjectOf(model: Model, finding: RawFinding): FindingSubject | undefined;
  /** Units written as copies of others (a container that merges `<<: *worker`): their findings are the original's (copiedPlaceFindings.ts). */
  copiedUnits?(model: Model): { units: CopiedUnit[]; describe: (names: string) => string };
}

export interface AnalyzeYamlOptions<Model> extends AnalyzerOptions {
  /** Tests set this so a detector bug fails loudly instead of being contained. */
  rethrow?: boolean;
  /** Instead of the kind's own (tests add a failing one). */
  detectors?: readonly YamlDetector<Model>[];
}

/**
 * Parses a file once (or takes it parsed), reads the kind's model, runs every
 * detector on it and collects their hover anchors, and reads inline suppressions
 * from the same tokens. A fix that would edit a node an alias shares is
 * dropped. Never throws (unless `rethrow` asks it to).
 */
export function analyzeYamlKind<Model>(
  yamlKind: YamlKind<Model>,
  input: string | YamlFile,
  options: AnalyzeYamlOptions<Model> = {},
): FileAnalysis {
  const result: Omit<FileAnalysis, 'suppressions'> = { kind: yamlKind.kind, findings: [], anchors: [], parseProblems: [] };
  let file: YamlFile | undefined;
  try {
    file = typeof input === 'string' ? parseYamlFile(input) : input;
    result.parseProblems = [...file.parseProblems];
    const model = yamlKind.readModel(file);
    if (model !== undefined) {
      const detectors = options.detectors ?? yamlKind.detectors;
      const onDemand = options.fixes === 'on-demand';
      for (const detector of detectors) {
        // Fixes are built with the rule's findings (inside its guard) unless they are asked for on demand.
        const detect = () => (onDemand ? detector.detect(model) : settleFixes(detector.detect(model)));
        // A detector bug is contained to its own rule and shown as a problem naming it; tests rethrow instead.
        result.findings.push(...(options.rethrow ? detect() : runGuarded(detector.ruleId, detect, result.parseProblems)));
      }
      const copied = yamlKind.copiedUnits?.(model);
      if (copied) result.findings = oncePerOriginal(result.findings, copied.units, copied.describe);
      result.findings = oncePerPlace(withoutFixesOnAliasedNodes(file, result.findings));
      for (const finding of result.findings) finding.subject ??= yamlKind.subjectOf(model, finding);
      const anchors = anchorsAsAsked(
        options,
        (problems) => collectAnchors(detectors, yamlKind.concernAnchors, [model], problems, options.rethrow),
        result.parseProblems,
      );
      result.anchors = anchors.anchors;
      if (anchors.anchorsOnDemand) result.anchorsOnDemand = anchors.anchorsOnDemand;
      if (options.digests !== false) result.digests = yamlKind.digests(model);
    }
  } catch (error) {
    if (options.rethrow) throw error;
    result.parseProblems.push(analysisFailure(yamlKind.noun, error));
  }
  // Read from the parse's own tokens when it kept them (it does when the text has a `stage-guide` comment).
  return { ...result, suppressions: collectYamlSuppressions(typeof input === 'string' ? input : input.text, file?.cst) };
}

function analysisFailure(noun: string, error: unknown): ParseProblem {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Stage Guide could not analyse this ${noun} (${reason}). Please report it.`,
  };
}
