/**
 * The rule engine's public surface, for the extension and the CLI: analyse a
 * file (stage-independent, cache it per document version), then stage its
 * findings for the governing `.stage.yml`.
 */
export { analyzeFile } from './analyzeFile';
export { detectFileKind } from '../../format/fileKinds';
export type { FileKindContext } from '../../format/fileKinds';
export { evaluateFindings, reportedFindings } from './evaluate';
export type { FindingSeverity, FindingStatus, StageContext, StagedFinding, SuppressedBy } from './evaluate';
export { stageContextFor } from './stageContext';
export { collectFixAll } from './fixAll';
export type { FixAllResult } from './fixAll';
export { builtinRuleCatalog } from './ruleCatalog';
export type { RuleCatalog } from './ruleCatalog';
export { ruleDocUrl } from './ruleDocs';
export { parseSuppressionDirective } from './suppressions';
