import { analysisReadsWorkspaceFacts, analysisSettlesLater, analyzeFile } from '../../rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../rules/types';
import type { FileAnalysis, RawFinding } from '../../rules/types';
import { isDeploymentSupportPath, supportFileDigests } from '../../deployment/digest/supportFileDigests';
import type { FileDigest } from '../../deployment/types';
import type { EvidenceFacts } from '../facts';
import type { FileToRead } from '../readers/reader';
import { kindContextOf } from '../readers/yamlFiles';
import { mayBeConfigFile } from './configFindings';
import type { ConfigFileText } from './configFindings';
import { withFixPresenceOnly, withFixTitlesOnly } from './fixPresence';

/**
 * What a finding keeps of its quick fix (fixPresence.ts): its edits, its title only (the editor's scans show it, and
 * "Apply fix" builds the edits from the file as it is then), or only that there is one (the CLI's `hasFix`).
 */
export type KeptFixes = 'edits' | 'titles' | 'presence';

/** A config file analysed once the workspace facts are known: from its text, or settled from an early analysis (Dockerfiles). */
export type DeferredAnalysis = ConfigFileText | { path: string; early: FileAnalysis };

/**
 * What a scope's scan makes of one file (kept in the scan cache, for a rescan that finds the file unchanged;
 * made in a worker thread by a CLI scan of a large workspace: see scan/fileWork.ts).
 */
export interface FileProducts {
  support?: FileDigest[];
  analysis?: FileAnalysis;
  deferred?: DeferredAnalysis;
}

/**
 * What a scope's scan makes of one of its files: digests of files that link others, and its analysis (now, or once
 * the facts are known), made without hover anchors (an assessment shows none: see keptForAssessment).
 */
export function fileProducts(file: FileToRead, facts: EvidenceFacts, fixes?: KeptFixes): FileProducts {
  const products: FileProducts = {};
  if (isDeploymentSupportPath(file.path)) products.support = supportFileDigests(file.path, file.text, file.yaml);
  if (!mayBeConfigFile(file.basename)) {
    // Evidence only: no rule reads it.
  } else if (analysisSettlesLater(file.path)) {
    // On the parse the evidence reader just made (a Dockerfile is parsed once); settled once the facts are known.
    const early = analyzeFile(file.path, file.text, NO_WORKSPACE_FACTS, { anchors: false });
    if (early) products.deferred = { path: file.path, early: keptForAssessment(early, fixes) };
  } else if (analysisReadsWorkspaceFacts(file.path, kindContextOf(facts))) {
    const parsed = file.yaml?.();
    products.deferred = parsed ? { path: file.path, text: file.text, parsed } : { path: file.path, text: file.text };
  } else {
    // Analysed now, on the readers' parse: keeping every parse until the scan ends would cost far more memory than the findings.
    const analysis = analyzeFile(file.path, file.text, NO_WORKSPACE_FACTS, {
      ...kindContextOf(facts),
      parsedYaml: file.yaml,
      anchors: false,
    });
    if (analysis) products.analysis = keptForAssessment(analysis, fixes);
  }
  return products;
}

/**
 * Products as the editor's scan cache keeps them: none when the scan made nothing of the file (most files), and a
 * deferred analysis without its parse (withoutDeferredParse): the text stays, and a rescan whose scope's facts changed
 * since parses it again to settle the analysis. Only GitHub workflows and GitLab CI files are deferred with a parse, a
 * few per service, but a repository's own scope may have hundreds: 500 parses, 7.5 MB of the scan worker's heap on
 * the 100,000-file bench tree, were kept for the rare edit that changes the workspace facts (a Terraform file, a
 * lockfile, the stage), which now parses them again.
 */
export function cachedProducts(products: FileProducts): FileProducts | undefined {
  return products.support || products.analysis || products.deferred ? withoutDeferredParse(products) : undefined;
}

/**
 * Products without a deferred YAML analysis's parse (a tree of the `yaml` library's classes): as they cross from a
 * file worker to the scan (the scan's analysis parses the text again once the workspace facts are known), and as the
 * scan cache keeps them.
 */
export function withoutDeferredParse(products: FileProducts): FileProducts {
  const deferred = products.deferred;
  if (!deferred || !('parsed' in deferred)) return products;
  return { ...products, deferred: { path: deferred.path, text: deferred.text } };
}

/** How a finding's fix is kept, by KeptFixes ('edits': whole, as made). */
const KEEP_FIX: Partial<Record<KeptFixes, (finding: RawFinding) => RawFinding>> = {
  presence: withFixPresenceOnly,
  titles: withFixTitlesOnly,
};

/**
 * What an assessment keeps of an analysis until the model is built: it places findings on the ladder and never
 * shows hovers (the anchors go), and with `fixes: 'titles'` or `'presence'` each quick fix keeps only its title, or
 * only a mark that there is one.
 */
export function keptForAssessment(analysis: FileAnalysis, fixes: KeptFixes | undefined): FileAnalysis {
  const keep = fixes && KEEP_FIX[fixes];
  const findings = keep ? analysis.findings.map(keep) : analysis.findings;
  return analysis.anchors.length === 0 && findings === analysis.findings ? analysis : { ...analysis, anchors: [], findings };
}

/**
 * Products made elsewhere (a worker thread keeps every fix, and a structured clone would copy a shared mark per
 * finding anyway), kept as this scan keeps its own.
 */
export function keptProducts(products: FileProducts, fixes: KeptFixes | undefined): FileProducts {
  if (!(fixes && KEEP_FIX[fixes])) return products;
  const deferred =
    products.deferred && 'early' in products.deferred
      ? { ...products.deferred, early: keptForAssessment(products.deferred.early, fixes) }
      : products.deferred;
  return {
    ...products,
    ...(products.analysis ? { analysis: keptForAssessment(products.analysis, fixes) } : {}),
    ...(deferred ? { deferred } : {}),
  };
}
