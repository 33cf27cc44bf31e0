import { whileScanning } from '../../scanLifetime';
import type { StageFileState } from '../../workspace/stageResolution';
import { finishScopeByItsModel, scanScope } from './assessService';
import type { AssessOptions, ScopeResult } from './assessService';

/**
 * What one assessment of a service was judged from: its scan (ScannedScope.scan: a rescan that stood keeps the
 * number), the deployment model it was judged by (the caller's key for it) and the day (the findings' deadlines).
 * Plain data: the editor's scan worker keeps it while the extension host keeps the assessment it describes.
 */
export interface JudgedFrom {
  scan: number;
  deployment: string;
  today: string;
}

export type Reassessed =
  /** The caller's assessment stands: nothing it was judged from changed. */
  | { asJudged: true }
  /** Assessed again; `judgedFrom` says from what (none when it cannot be told again: cancelled, or a model without a key). */
  | { asJudged: false; result: ScopeResult; judgedFrom?: JudgedFrom };

/**
 * assessScope for a caller that holds an earlier assessment of the service and knows what it was judged from
 * (`judged`): when the service's scan stands as it was and the model and the day are the same, that assessment
 * stands, and nothing is judged again. After a save anywhere in a large workspace, the Stage view's service is
 * rescanned (its scan mostly stands) and judged again: thousands of findings asked of the model, and sent to the
 * extension host, to make what it already shows.
 *
 * `deploymentKey` names `options.deployment`: equal keys, a model of the same digests (the editor's model signature).
 * Without `options.deployment`, the service is judged by a model of its own scan, which its scan number decides. A
 * model without a key, or a rule catalogue of the caller's, is never taken for the same.
 */
export function reassessScope(
  root: string,
  stageFile: StageFileState | undefined,
  options: AssessOptions & { deploymentKey?: string },
  judged: JudgedFrom | undefined,
): Promise<Reassessed> {
  return whileScanning(async () => {
    const scanned = await scanScope(root, stageFile, options);
    const deployment = !options.deployment ? OWN_MODEL : options.deploymentKey === undefined ? undefined : `given:${options.deploymentKey}`;
    const from: JudgedFrom | undefined =
      deployment === undefined || options.ruleCatalog || scanned.cancelled
        ? undefined
        : { scan: scanned.scan, deployment, today: options.today };
    if (from && judged && sameJudgedFrom(from, judged)) return { asJudged: true };
    const result = await finishScopeByItsModel(scanned, options);
    return { asJudged: false, result, ...(from && !result.cancelled ? { judgedFrom: from } : {}) };
  });
}

/** The key of the model a service's own scan makes (a caller's key is prefixed: the two never meet). */
const OWN_MODEL = 'own';

function sameJudgedFrom(a: JudgedFrom, b: JudgedFrom): boolean {
  return a.scan === b.scan && a.deployment === b.deployment && a.today === b.today;
}
